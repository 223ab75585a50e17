# meibo — member registry of a medical society's secretariat.
#   make            build ./meibo
#   make deps       install the Debian 12 packages needed to build and test (as root)
#   make check      deps, build, every test, again under ASan+UBSan, a fuzz smoke run, lint
#   make asan       the test suite under AddressSanitizer + UndefinedBehaviorSanitizer
#   make run        deps, build, a demo database in demo/, then meibo's terminal UI
#   make bench      search, import, terminal-UI, export and concurrency figures (not a test)
#   make install    meibo set-group-ID meibo, man pages, forms, schema (PREFIX, DESTDIR)
#   make V=1        show the commands

VERSION   := 0.1.0
BUILD     ?= build
PREFIX    ?= /usr/local
CC        ?= cc
PKG_CONFIG ?= pkg-config
# the root-owned system configuration $(SYSCONFDIR)/meibo/meibo.conf and the state folder, both
# compiled into meibo (src/base/boundary.c): /usr installs into /etc, other prefixes into PREFIX/etc
ifeq ($(PREFIX),/usr)
SYSCONFDIR ?= /etc
else
SYSCONFDIR ?= $(PREFIX)/etc
endif
STATEDIR  ?= /var/lib/meibo
# the set-group-ID test copy's system configuration folder (tests/cli/t-sgid.sh): its own per
# checkout, made by the tests as root
TEST_SYSCONFDIR := /tmp/meibo-sysconf-$(shell printf '%s' '$(CURDIR)' | cksum | cut -d' ' -f1)
DEMO_DB   ?= demo/meibo.db
DEMO_MEMBERS ?= 5000

PKGS      := sqlite3 libxcrypt libcrypto pangocairo fontconfig xlsxwriter libzip
TUI_PKGS  := ncursesw
# libunistring ships no .pc file in Debian 12; fall back to plain -lunistring.
UNISTRING_LIBS := $(shell $(PKG_CONFIG) --libs libunistring 2>/dev/null || echo -lunistring)

WARN      := -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
             -Wwrite-strings -Wcast-qual -Wundef -Wvla
ifneq ($(CI),)
WERROR    ?= 1
endif
ifeq ($(WERROR),1)
WARN      += -Werror
endif

OPT       ?= -O2 -g
SAN       ?=
CPPFLAGS  += -Iinclude -D_GNU_SOURCE -DMEIBO_VERSION=\"$(VERSION)\"
CFLAGS    += -std=c17 -pthread $(OPT) $(WARN) $(SAN) -MMD -MP \
             $(shell $(PKG_CONFIG) --cflags $(PKGS) $(TUI_PKGS) 2>/dev/null)
LDLIBS    += $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) $(UNISTRING_LIBS) -lm
TUI_LIBS  := $(shell $(PKG_CONFIG) --libs $(TUI_PKGS) 2>/dev/null)
TEST_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

ifeq ($(V),1)
Q :=
else
Q := @
endif

SCHEMA    := $(sort $(wildcard schema/*.sql))
FORMS     := $(sort $(wildcard forms/*.tmpl))
CORE_DIRS := base store paper members provision rights ops
CORE_SRC  := $(sort $(foreach d,$(CORE_DIRS),$(wildcard src/$(d)/*.c)))
CLI_SRC   := $(sort $(wildcard src/cli/*.c))
TUI_SRC   := $(sort $(wildcard src/tui/*.c))
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))

CORE_OBJ  := $(CORE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/schema.o $(BUILD)/forms.o
TCORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/testing/%.o) $(BUILD)/schema.o $(BUILD)/forms.o
APP_OBJ   := $(CLI_SRC:%.c=$(BUILD)/%.o) $(TUI_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

all: meibo

meibo: $(BUILD)/meibo
	$(Q)cp $< $@.tmp && mv -f $@.tmp $@

$(BUILD)/meibo: $(APP_OBJ) $(BUILD)/libmeibo.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(APP_OBJ) $(BUILD)/libmeibo.a $(LDLIBS) $(TUI_LIBS)

# the paths compiled into boundary.o: rebuilt when PREFIX, SYSCONFDIR or STATEDIR change
BOUNDARY_DEFS := -DMEIBO_SYSCONFDIR=\"$(SYSCONFDIR)\" -DMEIBO_STATEDIR=\"$(STATEDIR)\"
$(BUILD)/boundary.flags: FORCE
	@mkdir -p $(@D)
	$(Q)echo '$(BOUNDARY_DEFS)' | cmp -s - $@ || echo '$(BOUNDARY_DEFS)' > $@
$(BUILD)/src/base/boundary.o $(BUILD)/testing/src/base/boundary.o: $(BUILD)/boundary.flags
$(BUILD)/src/base/boundary.o $(BUILD)/testing/src/base/boundary.o: CPPFLAGS += $(BOUNDARY_DEFS)

# a second link of the same objects whose system configuration is in TEST_SYSCONFDIR: the
# set-group-ID tests make it set-group-ID and write its system file (never installed)
$(BUILD)/sgid-test/boundary.o: src/base/boundary.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(CPPFLAGS) -DMEIBO_SYSCONFDIR=\"$(TEST_SYSCONFDIR)\" -DMEIBO_STATEDIR=\"$(STATEDIR)\" \
		$(CFLAGS) -c -o $@ $<

$(BUILD)/meibo-sgid-test: $(APP_OBJ) $(BUILD)/sgid-test/boundary.o $(BUILD)/libmeibo.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(APP_OBJ) $(BUILD)/sgid-test/boundary.o \
		$(BUILD)/libmeibo.a $(LDLIBS) $(TUI_LIBS)

$(BUILD)/libmeibo.a: $(CORE_OBJ)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/libmeibo-testing.a: $(TCORE_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/schema.c: $(SCHEMA) tools/embed-schema.sh
	@mkdir -p $(@D)
	$(Q)tools/embed-schema.sh $@ $(SCHEMA)

$(BUILD)/schema.o: $(BUILD)/schema.c
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# the letter templates (forms/*.tmpl), compiled in as meibo_forms_names / meibo_forms_sql
$(BUILD)/forms.c: $(FORMS) tools/embed-schema.sh
	@mkdir -p $(@D)
	$(Q)EMBED_PREFIX=meibo_forms tools/embed-schema.sh $@ $(FORMS)

$(BUILD)/forms.o: $(BUILD)/forms.c
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/testing/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(CPPFLAGS) -DTESTING $(CFLAGS) -c -o $@ $<

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libmeibo-testing.a tests/unit/helpers.h
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(CPPFLAGS) -DTESTING -Itests/unit $(CFLAGS) -o $@ $< \
		$(BUILD)/libmeibo-testing.a $(LDLIBS) $(TEST_LIBS)

$(BUILD)/bench: bench/bench.c $(BUILD)/libmeibo.a
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(BUILD)/libmeibo.a $(LDLIBS)

$(BUILD)/bench-concurrency: bench/concurrency.c $(BUILD)/libmeibo.a
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(BUILD)/libmeibo.a $(LDLIBS)

# ---- tests -------------------------------------------------------------------------------
unit: $(UNIT_BIN)
	@tests/run-unit.sh $(UNIT_BIN)

cli: meibo $(BUILD)/meibo-sgid-test
	@MEIBO=$(CURDIR)/meibo MEIBO_SGID_TEST=$(CURDIR)/$(BUILD)/meibo-sgid-test \
		tests/run-tests.sh cli tests/cli/*.sh

tui: meibo
	@MEIBO=$(CURDIR)/meibo tests/run-tests.sh tui tests/tui/*.sh

tmux: meibo
	@MEIBO=$(CURDIR)/meibo tests/run-tests.sh tmux tests/tmux/*.sh

test: unit cli tui tmux

check: deps
	$(Q)$(MAKE) --no-print-directory all test
	$(Q)$(MAKE) --no-print-directory asan
	$(Q)$(MAKE) --no-print-directory fuzz-smoke
	$(Q)$(MAKE) --no-print-directory -j2 lint
	$(Q)$(MAKE) --no-print-directory lint-man

asan:
	$(Q)$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -g" \
		SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		build-asan/meibo $(UNIT_SRC:tests/unit/%.c=build-asan/tests/%)
	$(Q)ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
		tests/run-unit.sh $(UNIT_SRC:tests/unit/%.c=build-asan/tests/%)
	$(Q)ASAN_OPTIONS=detect_leaks=1 MEIBO=$(CURDIR)/build-asan/meibo \
		tests/run-tests.sh cli tests/cli/*.sh
	$(Q)ASAN_OPTIONS=detect_leaks=1 MEIBO=$(CURDIR)/build-asan/meibo \
		tests/run-tests.sh tui tests/tui/*.sh

lint-man:
	$(Q)for m in man/*.[0-9]; do mandoc -Tlint -W warning $$m || exit 1; done; echo "man pages: mandoc -Tlint clean"

bench: $(BUILD)/bench meibo bench-export
	$(Q)$(BUILD)/bench
	$(Q)$(BUILD)/bench audit
	$(Q)MEIBO=$(CURDIR)/meibo bench/tui/run
	$(Q)$(MAKE) --no-print-directory bench-concurrency

# 8 clerks editing, searching and recording inquiries at once (CONC_SECONDS, default 20)
CONC_SECONDS ?= 20
bench-concurrency: $(BUILD)/bench-concurrency
	$(Q)$(BUILD)/bench-concurrency $(CONC_SECONDS) 8

# ---- fuzzing (tests/fuzz: libFuzzer harnesses, clang with fuzzer + ASan + UBSan) ------------
#   make fuzz         each harness FUZZ_SECONDS (300) seconds, one at a time
#   make fuzz-smoke   each harness briefly (under 60 s in all), the saved crash inputs first
FUZZ_CC      ?= clang-14
FUZZ_SECONDS ?= 300
FUZZ_SMOKE_SECONDS ?= 8
FUZZ_NAMES   := $(sort $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

$(BUILD)/fuzz/%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(BUILD)/libmeibo.a
	@mkdir -p $(@D)
	@echo "  FUZZ    $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libmeibo.a $(LDLIBS)

fuzz-build:
	$(Q)$(MAKE) --no-print-directory BUILD=build-fuzz CC=$(FUZZ_CC) OPT="-O1 -g" \
		SAN="-fsanitize=fuzzer-no-link $(FUZZ_SAN)" $(FUZZ_NAMES:%=build-fuzz/fuzz/%)

fuzz: fuzz-build
	$(Q)tests/fuzz/run.sh $(FUZZ_SECONDS) build-fuzz/fuzz $(FUZZ_NAMES)

fuzz-smoke: fuzz-build
	$(Q)tests/fuzz/run.sh $(FUZZ_SMOKE_SECONDS) build-fuzz/fuzz $(FUZZ_NAMES)

.PHONY: fuzz fuzz-build fuzz-smoke

# ---- static analysis: cppcheck, clang-tidy (.clang-tidy), scan-build; all must be clean ------
LINT_SRC   := $(CORE_SRC) $(CLI_SRC) $(TUI_SRC)
LINT_FLAGS := -std=c17 $(CPPFLAGS) -Ibuild $(shell $(PKG_CONFIG) --cflags $(PKGS) $(TUI_PKGS) 2>/dev/null)
CLANG_TIDY ?= clang-tidy-14
SCAN_BUILD ?= scan-build-14

lint: lint-tree lint-layers lint-cppcheck lint-tidy lint-scan

# no build output or binary is ever committed (build-ci/ was, three times)
lint-tree:
	$(Q)bad=$$(git ls-files 2>/dev/null | grep -E '^build[^/]*/|\.(o|a|so|d)$$|^meibo$$' || true); \
	bin=$$(git ls-files -z 2>/dev/null | xargs -0 -r file --mime-encoding 2>/dev/null | \
		grep -E ': binary$$' | grep -vE '^tests/(fixtures|golden|fuzz)/' | cut -d: -f1 || true); \
	if [ -n "$$bad$$bin" ]; then echo "lint: tracked build output or binaries:" $$bad $$bin >&2; exit 1; fi
	@echo "lint: no build output tracked"
	$(Q)tools/screen-dups >/dev/null 2>&1 || { tools/screen-dups; exit 1; }

# the layers (core < tui < cli) and no new include cycle in the core: tools/check-layers
lint-layers:
	$(Q)tools/check-layers

lint-cppcheck:
	$(Q)cppcheck -q --enable=warning,portability,performance --std=c11 -Iinclude -D_GNU_SOURCE \
		-DMEIBO_VERSION=\"0\" --inline-suppr --error-exitcode=1 src tests/fuzz
	@echo "lint: cppcheck clean"

# one stamp per file, so that make -j2 runs two at a time and a second run redoes only changes
build-lint/%.tidy: %.c .clang-tidy $(wildcard include/meibo/*.h)
	@mkdir -p $(@D)
	$(Q)$(CLANG_TIDY) -quiet $< -- $(LINT_FLAGS) 2>/dev/null >$@.out || { cat $@.out; exit 1; }
	$(Q)mv $@.out $@

lint-tidy: $(LINT_SRC:%.c=build-lint/%.tidy)
	@echo "lint: clang-tidy clean ($(words $(LINT_SRC)) files)"

lint-scan:
	$(Q)rm -rf build-lint/scan build-scan
	$(Q)$(SCAN_BUILD) --status-bugs -o build-lint/scan --use-cc=clang-14 \
		$(MAKE) --no-print-directory BUILD=build-scan CC=clang-14 build-scan/meibo >build-lint/scan.log 2>&1 || \
		{ grep -E "warning:|scan-build:" build-lint/scan.log; exit 1; }
	$(Q)rm -rf build-scan
	@echo "lint: scan-build clean"

.PHONY: lint lint-tree lint-layers lint-cppcheck lint-tidy lint-scan

# ---- valgrind memcheck over the unit and CLI tests (not in make check: it takes long) -------
VALGRIND := valgrind -q --error-exitcode=99 --leak-check=full \
            --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
            --num-callers=30 --suppressions=tests/valgrind/meibo.supp

valgrind: meibo $(UNIT_BIN)
	$(Q)rm -rf $(BUILD)/valgrind && mkdir -p $(BUILD)/valgrind
	$(Q)fail=0; for t in $(UNIT_BIN); do \
		$(VALGRIND) --log-file=$(BUILD)/valgrind/$$(basename $$t)-%p.log $$t >/dev/null 2>&1 || \
			{ echo "valgrind: $$t failed" >&2; fail=1; }; \
	done; echo "valgrind: unit tests done"; [ $$fail -eq 0 ]
	$(Q)MEIBO=$(CURDIR)/tests/valgrind/meibo tests/run-tests.sh cli tests/cli/*.sh
	$(Q)tests/valgrind/check.sh $(BUILD)/valgrind

.PHONY: valgrind bench-concurrency

# the export sheet at 100,000 and 1,000,000 members, next to Python's XlsxWriter (issue 5)
$(BUILD)/bench-export: bench/export/bench_export.c $(BUILD)/libmeibo-testing.a
	$(Q)$(CC) $(CPPFLAGS) -DTESTING $(CFLAGS) -o $@ $< $(BUILD)/libmeibo-testing.a $(LDLIBS)

bench-export: $(BUILD)/bench-export
	$(Q)bench/export/run

# ---- set-up ------------------------------------------------------------------------------
DEB_PKGS := build-essential pkg-config libncurses-dev libsqlite3-dev libxlsxwriter-dev \
            libcrypt-dev libssl-dev libunistring-dev libcmocka-dev mandoc sqlite3 tmux \
            python3-xlsxwriter libpango1.0-dev libcairo2-dev fonts-ipaexfont-mincho \
            poppler-utils libzip-dev 7zip python3-pyte \
            clang libclang-rt-14-dev clang-tidy clang-tools cppcheck valgrind file

deps:
	@missing=$$(for p in $(DEB_PKGS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "make deps: installing" $$missing; \
		if [ "$$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)DEMO_MEMBERS=$(DEMO_MEMBERS) tools/make-demo.sh ./meibo $(DEMO_DB)
	$(Q)echo "starting the terminal UI (log in with an account above; Q quits) ..."; sleep 2
	$(Q)./meibo --config $(dir $(DEMO_DB))meibo.conf --db $(DEMO_DB)

clean:
	rm -rf build build-asan build-fuzz build-lint build-scan meibo

# ---- installation ------------------------------------------------------------------------
# make install [PREFIX=/usr/local] [DESTDIR=]: the binary set-group-ID to group meibo, the man
# pages, and the forms and schema (for reference: both are compiled in) under $(DATADIR); the
# database folder $(STATEDIR) 2770 root:meibo (docs/ARCHITECTURE.md, Security). As root without DESTDIR
# the group is created when missing. With DESTDIR (a package being staged) nothing is chowned
# and the binary is not set-group-ID (it would be to root's group); the steps the package must
# take when it is installed are printed.
BINDIR      ?= $(PREFIX)/bin
MANDIR      ?= $(PREFIX)/share/man
DATADIR     ?= $(PREFIX)/share/meibo
MEIBO_GROUP ?= meibo
INSTALL_BIN ?= meibo

install: $(INSTALL_BIN)
	$(Q)set -e; \
	if [ -z "$(DESTDIR)" ]; then \
		if [ "$$(id -u)" -ne 0 ]; then \
			echo "make install: run it as root (it creates group $(MEIBO_GROUP) and $(STATEDIR))," \
			     "or stage a package with DESTDIR=DIR" >&2; exit 1; fi; \
		getent group $(MEIBO_GROUP) >/dev/null || groupadd --system $(MEIBO_GROUP); \
	fi; \
	install -d -m 755 "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)/man1" "$(DESTDIR)$(MANDIR)/man5" \
		"$(DESTDIR)$(DATADIR)/forms" "$(DESTDIR)$(DATADIR)/schema"; \
	if [ -z "$(DESTDIR)" ]; then \
		install -m 2755 -o root -g $(MEIBO_GROUP) $(INSTALL_BIN) "$(BINDIR)/meibo"; \
		install -d -m 2770 -o root -g $(MEIBO_GROUP) "$(STATEDIR)" "$(STATEDIR)/backups" \
			"$(STATEDIR)/outbox"; \
		chmod 2770 "$(STATEDIR)" "$(STATEDIR)/backups" "$(STATEDIR)/outbox"; \
	else \
		install -m 755 $(INSTALL_BIN) "$(DESTDIR)$(BINDIR)/meibo"; \
		install -d -m 2770 "$(DESTDIR)$(STATEDIR)" "$(DESTDIR)$(STATEDIR)/backups" \
			"$(DESTDIR)$(STATEDIR)/outbox"; \
		chmod 2770 "$(DESTDIR)$(STATEDIR)" "$(DESTDIR)$(STATEDIR)/backups" \
			"$(DESTDIR)$(STATEDIR)/outbox"; \
	fi; \
	install -m 644 man/meibo.1 "$(DESTDIR)$(MANDIR)/man1/meibo.1"; \
	install -m 644 man/meibo.conf.5 "$(DESTDIR)$(MANDIR)/man5/meibo.conf.5"; \
	install -m 644 $(FORMS) "$(DESTDIR)$(DATADIR)/forms/"; \
	install -m 644 $(SCHEMA) "$(DESTDIR)$(DATADIR)/schema/"; \
	install -d -m 755 "$(DESTDIR)$(SYSCONFDIR)/meibo"; \
	if [ -e "$(DESTDIR)$(SYSCONFDIR)/meibo/meibo.conf" ]; then \
		echo "$(SYSCONFDIR)/meibo/meibo.conf is there: left as it is"; \
	elif [ -z "$(DESTDIR)" ]; then \
		sed 's|@STATEDIR@|$(STATEDIR)|g' etc/meibo.conf.in > "$(SYSCONFDIR)/meibo/meibo.conf.tmp"; \
		chown root:root "$(SYSCONFDIR)/meibo" "$(SYSCONFDIR)/meibo/meibo.conf.tmp"; \
		chmod 644 "$(SYSCONFDIR)/meibo/meibo.conf.tmp"; \
		mv "$(SYSCONFDIR)/meibo/meibo.conf.tmp" "$(SYSCONFDIR)/meibo/meibo.conf"; \
	else \
		sed 's|@STATEDIR@|$(STATEDIR)|g' etc/meibo.conf.in > "$(DESTDIR)$(SYSCONFDIR)/meibo/meibo.conf"; \
		chmod 644 "$(DESTDIR)$(SYSCONFDIR)/meibo/meibo.conf"; \
	fi; \
	if [ -z "$(DESTDIR)" ]; then \
		echo "installed $(BINDIR)/meibo (set-group-ID $(MEIBO_GROUP)), $(STATEDIR) and its backups/ and outbox/ (2770 root:$(MEIBO_GROUP)), $(SYSCONFDIR)/meibo/meibo.conf (root:root 0644)"; \
	else \
		echo "staged in $(DESTDIR) without owners; when the package is installed it must run:"; \
		echo "  getent group $(MEIBO_GROUP) >/dev/null || groupadd --system $(MEIBO_GROUP)"; \
		echo "  chown root:$(MEIBO_GROUP) $(BINDIR)/meibo && chmod 2755 $(BINDIR)/meibo"; \
		echo "  chown root:$(MEIBO_GROUP) $(STATEDIR) $(STATEDIR)/backups $(STATEDIR)/outbox && chmod 2770 $(STATEDIR) $(STATEDIR)/backups $(STATEDIR)/outbox"; \
		echo "  chown root:root $(SYSCONFDIR)/meibo/meibo.conf && chmod 644 $(SYSCONFDIR)/meibo/meibo.conf"; \
	fi

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/meibo" "$(DESTDIR)$(MANDIR)/man1/meibo.1" \
		"$(DESTDIR)$(MANDIR)/man5/meibo.conf.5"
	rm -rf "$(DESTDIR)$(DATADIR)"
	@echo "$(STATEDIR) (the database and its backups) and $(SYSCONFDIR)/meibo/meibo.conf are left as they are"

FORCE:

.PHONY: FORCE all unit cli tui tmux test check asan bench deps run clean lint-man install uninstall bench-export
.SECONDARY:

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# meibo — member registry of a medical society's secretariat.
#   make            build ./meibo
#   make deps       install the Debian 12 packages needed to build and test (as root)
#   make check      deps, build, every test, then the tests again under ASan+UBSan
#   make asan       the test suite under AddressSanitizer + UndefinedBehaviorSanitizer
#   make run        deps, build, a demo database in demo/, then meibo's terminal UI
#   make bench      search, import, terminal-UI and export figures at 1,000,000 members (not a test)
#   make install    meibo set-group-ID meibo, man pages, forms, schema (PREFIX, DESTDIR)
#   make V=1        show the commands

VERSION   := 0.1.0
BUILD     ?= build
PREFIX    ?= /usr/local
CC        ?= cc
PKG_CONFIG ?= pkg-config
DEMO_DB   ?= demo/meibo.db
DEMO_MEMBERS ?= 5000

PKGS      := sqlite3 libxcrypt libcrypto pangocairo xlsxwriter libzip
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
CORE_SRC  := $(sort $(wildcard src/*.c))
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

# ---- tests -------------------------------------------------------------------------------
unit: $(UNIT_BIN)
	@tests/run-unit.sh $(UNIT_BIN)

cli: meibo
	@MEIBO=$(CURDIR)/meibo tests/run-tests.sh cli tests/cli/*.sh

tui: meibo
	@MEIBO=$(CURDIR)/meibo tests/run-tests.sh tui tests/tui/*.sh

tmux: meibo
	@MEIBO=$(CURDIR)/meibo tests/run-tests.sh tmux tests/tmux/*.sh

test: unit cli tui tmux

check: deps
	$(Q)$(MAKE) --no-print-directory all test
	$(Q)$(MAKE) --no-print-directory asan
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
	$(Q)MEIBO=$(CURDIR)/meibo bench/tui/run

# the export sheet at 100,000 and 1,000,000 members, next to Python's XlsxWriter (issue 5)
$(BUILD)/bench-export: bench/export/bench_export.c $(BUILD)/libmeibo-testing.a
	$(Q)$(CC) $(CPPFLAGS) -DTESTING $(CFLAGS) -o $@ $< $(BUILD)/libmeibo-testing.a $(LDLIBS)

bench-export: $(BUILD)/bench-export
	$(Q)bench/export/run

# ---- set-up ------------------------------------------------------------------------------
DEB_PKGS := build-essential pkg-config libncurses-dev libsqlite3-dev libxlsxwriter-dev \
            libcrypt-dev libssl-dev libunistring-dev libcmocka-dev mandoc sqlite3 tmux \
            python3-xlsxwriter libpango1.0-dev libcairo2-dev fonts-ipaexfont-mincho \
            poppler-utils libzip-dev 7zip

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
	$(Q)./meibo --db $(DEMO_DB)

clean:
	rm -rf build build-asan meibo

# ---- installation ------------------------------------------------------------------------
# make install [PREFIX=/usr/local] [DESTDIR=]: the binary set-group-ID to group meibo, the man
# pages, and the forms and schema (for reference: both are compiled in) under $(DATADIR); the
# database folder $(STATEDIR) 2770 root:meibo (DESIGN.md, Security). As root without DESTDIR
# the group is created when missing. With DESTDIR (a package being staged) nothing is chowned
# and the binary is not set-group-ID (it would be to root's group); the steps the package must
# take when it is installed are printed.
BINDIR      ?= $(PREFIX)/bin
MANDIR      ?= $(PREFIX)/share/man
DATADIR     ?= $(PREFIX)/share/meibo
STATEDIR    ?= /var/lib/meibo
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
		install -d -m 2770 -o root -g $(MEIBO_GROUP) "$(STATEDIR)"; \
		chmod 2770 "$(STATEDIR)"; \
	else \
		install -m 755 $(INSTALL_BIN) "$(DESTDIR)$(BINDIR)/meibo"; \
		install -d -m 2770 "$(DESTDIR)$(STATEDIR)"; \
		chmod 2770 "$(DESTDIR)$(STATEDIR)"; \
	fi; \
	install -m 644 man/meibo.1 "$(DESTDIR)$(MANDIR)/man1/meibo.1"; \
	install -m 644 man/meibo.conf.5 "$(DESTDIR)$(MANDIR)/man5/meibo.conf.5"; \
	install -m 644 $(FORMS) "$(DESTDIR)$(DATADIR)/forms/"; \
	install -m 644 $(SCHEMA) "$(DESTDIR)$(DATADIR)/schema/"; \
	if [ -z "$(DESTDIR)" ]; then \
		echo "installed $(BINDIR)/meibo (set-group-ID $(MEIBO_GROUP)), $(STATEDIR) (2770 root:$(MEIBO_GROUP))"; \
	else \
		echo "staged in $(DESTDIR) without owners; when the package is installed it must run:"; \
		echo "  getent group $(MEIBO_GROUP) >/dev/null || groupadd --system $(MEIBO_GROUP)"; \
		echo "  chown root:$(MEIBO_GROUP) $(BINDIR)/meibo && chmod 2755 $(BINDIR)/meibo"; \
		echo "  chown root:$(MEIBO_GROUP) $(STATEDIR) && chmod 2770 $(STATEDIR)"; \
	fi

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/meibo" "$(DESTDIR)$(MANDIR)/man1/meibo.1" \
		"$(DESTDIR)$(MANDIR)/man5/meibo.conf.5"
	rm -rf "$(DESTDIR)$(DATADIR)"
	@echo "$(STATEDIR) (the database and its backups) is left as it is"

.PHONY: all unit cli tui tmux test check asan bench deps run clean lint-man install uninstall bench-export
.SECONDARY:

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

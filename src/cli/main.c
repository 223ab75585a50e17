/* main.c: meibo's entry point: global options, environment, dispatch to a subcommand. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "meibo/staff.h"
#include "meibo/auth.h"
#include "meibo/boundary.h"
#include "meibo/config.h"
#include "meibo/member.h"
#include "meibo/process.h"
#include "../tui/tui_main.h"

static const struct {
    const char *name, *usage, *summary;
    int (*fn)(cli *, int, char **);
} commands[] = {
#define CLI_ROW(n, u, s) {#n, u, s, cmd_##n},
    CLI_COMMANDS(CLI_ROW)
#undef CLI_ROW
};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: meibo [--db PATH] [--config FILE] [--user LOGIN] [--password-file FILE] "
            "[--lang ja|en] [COMMAND ...]\n"
            "       meibo --help | --version\n\n"
            "The member registry of the society's secretariat.\n\n"
            "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %s\n      %s\n", commands[i].usage, commands[i].summary);
    fprintf(out,
            "\n'meibo COMMAND --help' tells more. With no command meibo starts its terminal UI\n"
            "(log in, browse and search members, view, edit; press ? there for its keys).\n\n"
            "environment: MEIBO_DB, MEIBO_CONFIG, MEIBO_USER, MEIBO_PASSWORD_FILE\n"
            "exit status: 0 done, 1 refused or failed, 2 usage error\n"
            "see meibo(1)\n");
}

bool cli_wants_help(const char *cmd, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--"))
            break;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            for (size_t k = 0; k < sizeof commands / sizeof *commands; k++)
                if (!strcmp(commands[k].name, cmd))
                    printf("usage: meibo %s\n  %s\n", commands[k].usage, commands[k].summary);
            return true;
        }
    }
    return false;
}

void cli_put(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p < 0x20 || *p == 0x7F)
            fprintf(out, "^%c", *p == 0x7F ? '?' : *p + '@');
        else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            fprintf(out, "<U+%04X>", p[1]), p++;
        else
            fputc(*p, out);
    }
}

int cli_error(const meibo_err *err)
{
    fputs("meibo: ", stderr);
    cli_put(stderr, err->msg[0] ? err->msg : meibo_strerror(err->code));
    fputc('\n', stderr);
    return meibo_exit_code(err->code);
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "meibo %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see: meibo %s --help)\n", cmd);
    return 2;
}

int cli_open(cli *c, int flags)
{
    meibo_err err;
    meibo_err_clear(&err);
    /* docs/ARCHITECTURE.md, Security: no database (or folder) others can read */
    if (process_check_db(c->db_path, &err) != MEIBO_OK)
        return cli_error(&err);
    if (db_open(c->db_path, flags, &c->ctx, &err) != MEIBO_OK)
        return cli_error(&err);
    /* tests pin the clock (Unix seconds); never in a setgid meibo (secure_getenv), where it
     * would let a user outlive their term end or lockout and back-date the audit log */
    const char *now = secure_getenv("MEIBO_NOW");
    if (now && *now)
        c->ctx->fixed_now = strtoll(now, NULL, 10);
    if (member_set_specialist_pattern(c->ctx, c->cfg.specialist_no_pattern, &err))
        return cli_error(&err);
    auth_set_pledge_rule(c->ctx, c->cfg.login_without_pledge != 0);
    return 0;
}

char *cli_read_password(const char *file, const char *prompt, bool confirm, meibo_err *err)
{
    char buf[1024];
    if (file) {
        /* the caller's file, with the caller's rights (boundary.h) */
        int fd = boundary_open_user(file, O_RDONLY | O_CLOEXEC, 0);
        struct stat sb;
        if (fd < 0 || fstat(fd, &sb) != 0) {
            if (fd >= 0)
                close(fd);
            meibo_fail(err, MEIBO_ERR_IO, "%s: %s", file, strerror(errno));
            return NULL;
        }
        if (sb.st_mode & (S_IRWXG | S_IRWXO)) {
            close(fd);
            meibo_fail(err, MEIBO_ERR_DENIED,
                       "%s: others can read this password file; chmod 600 it first", file);
            return NULL;
        }
        ssize_t n = read(fd, buf, sizeof buf - 1);
        close(fd);
        if (n < 0) {
            meibo_fail(err, MEIBO_ERR_IO, "%s: %s", file, strerror(errno));
            return NULL;
        }
        buf[n] = '\0';
        buf[strcspn(buf, "\r\n")] = '\0';
        return strdup(buf);
    }
    int tty = open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (tty < 0) {
        meibo_fail(err, MEIBO_ERR_USAGE, "no terminal to ask for the password: use --password-file");
        return NULL;
    }
    char *result = NULL;
    char first[1024] = "";
    for (int round = 0; round < (confirm ? 2 : 1); round++) {
        struct termios old, noecho;
        dprintf(tty, "%s", round ? "again: " : prompt);
        tcgetattr(tty, &old);
        noecho = old;
        noecho.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(tty, TCSAFLUSH, &noecho);
        ssize_t n = read(tty, buf, sizeof buf - 1);
        tcsetattr(tty, TCSAFLUSH, &old);
        dprintf(tty, "\n");
        if (n <= 0) {
            meibo_fail(err, MEIBO_ERR_USAGE, "no password given");
            goto out;
        }
        buf[n] = '\0';
        buf[strcspn(buf, "\r\n")] = '\0';
        if (round == 0)
            snprintf(first, sizeof first, "%s", buf);
        else if (strcmp(first, buf) != 0) {
            meibo_fail(err, MEIBO_ERR_INVALID, "the two passwords differ");
            goto out;
        }
    }
    result = strdup(buf);
out:
    explicit_bzero(first, sizeof first);
    explicit_bzero(buf, sizeof buf);
    close(tty);
    return result;
}

int cli_login(cli *c)
{
    int rc = cli_open(c, 0);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    if (!c->user || !*c->user) {
        fprintf(stderr, "meibo: log in with --user LOGIN (or MEIBO_USER)\n");
        return 2;
    }
    char prompt[160];
    snprintf(prompt, sizeof prompt, "password for %s: ", c->user);
    char *pw = cli_read_password(c->password_file, prompt, false, &err);
    if (!pw)
        return cli_error(&err);
    meibo_status st = auth_login(c->ctx, c->user, pw, &err);
    explicit_bzero(pw, strlen(pw));
    free(pw);
    if (st)
        return cli_error(&err);
    return 0;
}

int main(int argc, char **argv)
{
    /* a set-group-ID program: only the environment meibo needs, PATH safe (process.h) */
    if (process_scrub_env() != 0) {
        fprintf(stderr, "meibo: out of memory\n");
        return 1;
    }
    /* no core dumps; set-group-ID: not dumpable, fontconfig the system's only (boundary.h) */
    boundary_start();
    setlocale(LC_ALL, "");
    umask(007);
    cli c = {0};
    c.db_path = getenv("MEIBO_DB");
    c.config_path = getenv("MEIBO_CONFIG");
    c.user = getenv("MEIBO_USER");
    c.password_file = getenv("MEIBO_PASSWORD_FILE");
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},   {"config", required_argument, NULL, 'c'},
        {"user", required_argument, NULL, 'u'}, {"password-file", required_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'},       {"version", no_argument, NULL, 'V'},
        {"lang", required_argument, NULL, 'l'},
        {NULL, 0, NULL, 0}};
    const char *db_opt = NULL, *lang = NULL;
    int o;
    opterr = 0;
    while ((o = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
        switch (o) {
        case 'd': db_opt = optarg; break;
        case 'c': c.config_path = optarg; break;
        case 'u': c.user = optarg; break;
        case 'p': c.password_file = optarg; break;
        case 'l':
            if (strcmp(optarg, "ja") && strcmp(optarg, "en")) {
                fprintf(stderr, "meibo: --lang takes 'ja' or 'en', not '%s'\n", optarg);
                return 2;
            }
            lang = optarg;
            break;
        case 'h': usage(stdout); return 0;
        case 'V':
            printf("meibo %s\nsystem configuration: %s\n", MEIBO_VERSION,
                   boundary_system_config());
            return 0;
        default:
            fprintf(stderr, "meibo: unknown option '%s'\n", argv[optind - 1]);
            usage(stderr);
            return 2;
        }
    }
    /* --db, --config and --password-file may also follow the command (not --user: it is a
     * filter of 'audit log'); they are taken out before the command parses its options */
    int w = optind < argc ? optind + 1 : argc;
    for (int r = optind + 1; r < argc; r++) {
        const char *a = argv[r];
        if (!strcmp(a, "--")) {
            while (r < argc)
                argv[w++] = argv[r++];
            break;
        }
        static const char *const late[] = {"--db", "--config", "--password-file"};
        size_t k = 0;
        for (; k < sizeof late / sizeof *late; k++) {
            size_t n = strlen(late[k]);
            if (!strncmp(a, late[k], n) && (a[n] == '\0' || a[n] == '='))
                break;
        }
        if (k == sizeof late / sizeof *late) {
            argv[w++] = argv[r];
            continue;
        }
        const char *val = strchr(a, '=') ? strchr(a, '=') + 1 : (r + 1 < argc ? argv[++r] : NULL);
        if (!val) {
            fprintf(stderr, "meibo: %s needs a value\n", late[k]);
            return 2;
        }
        if (k == 0)
            db_opt = val;
        else if (k == 1)
            c.config_path = val;
        else
            c.password_file = val;
    }
    argc = w;
    argv[argc] = NULL;
    meibo_config *cfg = &c.cfg;
    config_defaults(cfg);
    meibo_err err;
    meibo_err_clear(&err);
    /* the system file, then the caller's (only preferences while meibo holds its group) */
    if (boundary_config(c.config_path, cfg, &err))
        return cli_error(&err);
    c.en = lang ? !strcmp(lang, "en") : !strcmp(cfg->lang, "en");
    bool caller_named = db_opt || (c.db_path && *c.db_path);
    static char default_db[MEIBO_PATH_MAX];
    snprintf(default_db, sizeof default_db, "%s/meibo.db", boundary_state_dir(cfg));
    if (db_opt)
        c.db_path = db_opt;
    else if (!c.db_path || !*c.db_path)
        c.db_path = cfg->db[0] ? cfg->db : default_db;
    /* the set-group-ID boundary, before any file is opened: a database the caller names
     * outside the state folder, and init, run without meibo's group (boundary.h) */
    bool init = optind < argc && !strcmp(argv[optind], "init");
    if (boundary_db(cfg, c.db_path, caller_named, init, &err))
        return cli_error(&err);

    if (optind >= argc) {
        /* no command: the terminal UI */
        int rc = cli_open(&c, 0);
        if (rc)
            return rc;
        tui_options topt = {.cfg = cfg, .lang = lang, .login = c.user};
        rc = tui_main(c.ctx, &topt);
        db_close(c.ctx);
        return rc;
    }
    const char *cmd = argv[optind];
    int rc = -1;
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (!strcmp(cmd, commands[i].name)) {
            optind++;
            rc = commands[i].fn(&c, argc - optind + 1, argv + optind - 1);
            break;
        }
    }
    if (rc == -1) {
        fprintf(stderr, "meibo: unknown command '%s'\n", cmd);
        usage(stderr);
        rc = 2;
    }
    if (fflush(stdout) != 0 && rc == 0)
        rc = 1;
    db_close(c.ctx);
    return rc;
}

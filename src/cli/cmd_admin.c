/* cmd_admin.c: meibo init, user, demo, import, audit. */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "args.h"
#include "cli.h"
#include "json.h"
#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/bulk.h"
#include "meibo/demo.h"
#include "meibo/import.h"
#include "meibo/member.h"

/* ---- init ------------------------------------------------------------------------------- */

int cmd_init(cli *c, int argc, char **argv)
{
    if (cli_wants_help("init", argc, argv))
        return 0;
    static const struct option opts[] = {{"chief", required_argument, NULL, 'c'},
                                         {"name", required_argument, NULL, 'n'},
                                         {NULL, 0, NULL, 0}};
    const char *chief = NULL, *name = NULL;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (o == 'c')
            chief = optarg;
        else if (o == 'n')
            name = optarg;
        else
            return cli_usage("init", "unknown option '%s'", argv[optind - 1]);
    }
    if (!chief || optind != argc)
        return cli_usage("init", "--chief LOGIN is required");
    meibo_err err;
    meibo_err_clear(&err);
    char prompt[160];
    snprintf(prompt, sizeof prompt, "new password for %s: ", chief);
    char *pw = cli_read_password(c->password_file, prompt, true, &err);
    if (!pw)
        return cli_error(&err);
    int rc = cli_open(c, DB_OPEN_CREATE);
    if (rc) {
        free(pw);
        return rc;
    }
    db_act_as_system(c->ctx);
    user_new u = {.login = chief, .display_name = name ? name : chief, .role = MEIBO_ROLE_CHIEF,
                  .password = pw};
    meibo_status st = user_bootstrap(c->ctx, &u, &err);
    explicit_bzero(pw, strlen(pw));
    free(pw);
    if (st)
        return cli_error(&err);
    printf("created %s (schema %d) with chief officer %s\n", c->db_path, db_schema_version(c->ctx),
           chief);
    return 0;
}

/* ---- user -------------------------------------------------------------------------------- */

static int user_print(const user_info *u, void *arg)
{
    json_w *j = arg;
    if (j) {
        json_obj(j, NULL);
        json_str(j, "login", u->login);
        json_str(j, "display_name", u->display_name);
        json_str(j, "role", meibo_role_name(u->role));
        json_str(j, "state", u->state);
        json_str(j, "term_end", u->term_end);
        json_bool(j, "fixed_term", u->fixed_term);
        json_str(j, "approved_by", u->approved_by);
        json_str(j, "last_login_at", u->last_login_at);
        json_obj_end(j);
        return 0;
    }
    printf("%-16s %-8s %-18s %-10s ", u->login, meibo_role_name(u->role), u->state,
           u->term_end ? u->term_end : "-");
    cli_put(stdout, u->display_name);
    fputc('\n', stdout);
    return 0;
}

int cmd_user(cli *c, int argc, char **argv)
{
    static const char help[] =
        "usage: meibo user add LOGIN --name NAME --role chief|manager|clerk [--term-end DATE]\n"
        "                      [--fixed-term] [--new-password-file FILE]\n"
        "       meibo user list [--json]\n"
        "       meibo user disable LOGIN\n"
        "       meibo user approve LOGIN        (chief officer: a fixed-term account, 第33条)\n"
        "       meibo user passwd LOGIN [--new-password-file FILE]\n"
        "Acting user: --user/MEIBO_USER with --password-file/MEIBO_PASSWORD_FILE.\n";
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fputs(help, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    for (int i = 2; i < argc; i++)
        if (!strcmp(argv[i], "--help")) {
            fputs(help, stdout);
            return 0;
        }
    const char *sub = argv[1];
    static const struct option opts[] = {
        {"name", required_argument, NULL, 'n'},     {"role", required_argument, NULL, 'r'},
        {"term-end", required_argument, NULL, 't'}, {"fixed-term", no_argument, NULL, 'f'},
        {"new-password-file", required_argument, NULL, 'p'}, {"json", no_argument, NULL, 'j'},
        {NULL, 0, NULL, 0}};
    const char *name = NULL, *role = NULL, *term_end = NULL, *pwfile = NULL;
    bool fixed = false, json = false;
    int o;
    optind = 0;
    argc--, argv++;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case 'n': name = optarg; break;
        case 'r': role = optarg; break;
        case 't': term_end = optarg; break;
        case 'f': fixed = true; break;
        case 'p': pwfile = optarg; break;
        case 'j': json = true; break;
        default: return cli_usage("user", "unknown option '%s'", argv[optind - 1]);
        }
    }
    const char *login = optind < argc ? argv[optind] : NULL;
    bool needs_login = strcmp(sub, "list") != 0;
    if (needs_login && (!login || optind + 1 != argc))
        return cli_usage("user", "%s needs one LOGIN", sub);
    if (!needs_login && optind != argc)
        return cli_usage("user", "list takes no arguments");
    meibo_err err;
    meibo_err_clear(&err);
    meibo_status st;
    int rc;
    if (!strcmp(sub, "add")) {
        if (!name || !role)
            return cli_usage("user", "add needs --name and --role");
        meibo_role r = meibo_role_parse(role);
        if (r == MEIBO_ROLE_NONE)
            return cli_usage("user", "--role is chief, manager or clerk");
        if ((rc = cli_login(c)))
            return rc;
        char prompt[160];
        snprintf(prompt, sizeof prompt, "new password for %s: ", login);
        char *pw = cli_read_password(pwfile, prompt, true, &err);
        if (!pw)
            return cli_error(&err);
        user_new u = {login, name, r, pw, term_end, fixed};
        st = user_add(c->ctx, &u, &err);
        explicit_bzero(pw, strlen(pw));
        free(pw);
        if (st)
            return cli_error(&err);
        printf("added %s (%s)%s\n", login, role,
               fixed ? "; it works once the chief officer approves it (meibo user approve)" : "");
        return 0;
    }
    if (!strcmp(sub, "passwd")) {
        if ((rc = cli_login(c)))
            return rc;
        char prompt[160];
        snprintf(prompt, sizeof prompt, "new password for %s: ", login);
        char *pw = cli_read_password(pwfile, prompt, true, &err);
        if (!pw)
            return cli_error(&err);
        st = user_set_password(c->ctx, login, pw, &err);
        explicit_bzero(pw, strlen(pw));
        free(pw);
        if (st)
            return cli_error(&err);
        printf("password of %s changed\n", login);
        return 0;
    }
    if (!strcmp(sub, "disable") || !strcmp(sub, "approve")) {
        if ((rc = cli_login(c)))
            return rc;
        st = !strcmp(sub, "disable") ? user_disable(c->ctx, login, &err)
                                      : user_approve(c->ctx, login, &err);
        if (st)
            return cli_error(&err);
        printf("%s %s\n", login, !strcmp(sub, "disable") ? "disabled" : "approved");
        return 0;
    }
    if (!strcmp(sub, "list")) {
        if ((rc = cli_login(c)))
            return rc;
        json_w j;
        if (json) {
            json_begin(&j, stdout);
            json_arr(&j, NULL);
        }
        st = user_list(c->ctx, user_print, json ? &j : NULL, &err);
        if (json) {
            json_arr_end(&j);
            json_end(&j);
        }
        return st ? cli_error(&err) : 0;
    }
    return cli_usage("user", "unknown subcommand '%s'", sub);
}

/* ---- demo -------------------------------------------------------------------------------- */

int cmd_demo(cli *c, int argc, char **argv)
{
    if (cli_wants_help("demo", argc, argv))
        return 0;
    static const struct option opts[] = {{"members", required_argument, NULL, 'm'},
                                         {"seed", required_argument, NULL, 's'},
                                         {NULL, 0, NULL, 0}};
    long n = -1;
    uint64_t seed = 1;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        char *end;
        if (o == 'm') {
            n = strtol(optarg, &end, 10);
            if (*end || n < 0 || n > DEMO_MAX_MEMBERS)
                return cli_usage("demo", "--members is 0 to %ld", (long)DEMO_MAX_MEMBERS);
        } else if (o == 's') {
            seed = strtoull(optarg, &end, 10);
            if (*end)
                return cli_usage("demo", "--seed is a number");
        } else {
            return cli_usage("demo", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (n < 0 || optind != argc)
        return cli_usage("demo", "--members N is required");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    if (auth_require(c->ctx, MEIBO_ROLE_MANAGER, "make demo data", &err))
        return cli_error(&err);
    int64_t have = 0;
    if (member_count(c->ctx, &have, &err))
        return cli_error(&err);
    if (have > 0) {
        fprintf(stderr, "meibo: the registry already has %" PRId64 " members; demo data goes "
                        "into an empty one\n", have);
        return 1;
    }
    char today[16];
    db_today(c->ctx, today, sizeof today);
    demo_options opt = {.members = n, .seed = seed, .today = today};
    bulk_result res = {0, 0};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    meibo_status st = db_begin(c->ctx, &err);
    if (!st) /* commit in batches: demo data need not be all-or-nothing */
        st = demo_load(c->ctx, &opt, 50000, &res, &err);
    if (!st) {
        char detail[128];
        snprintf(detail, sizeof detail, "members=%ld seed=%" PRIu64, n, seed);
        st = audit_append(c->ctx, "demo", NULL, detail, &err);
    }
    if (!st)
        st = db_commit(c->ctx, &err);
    if (st) {
        db_rollback(c->ctx);
        return cli_error(&err);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("added %ld demo members in %.1f s (seed %" PRIu64 ")\n", res.stored, s, seed);
    return 0;
}

/* ---- import ------------------------------------------------------------------------------ */

static void import_report(const meibo_err *e, void *arg)
{
    (void)arg;
    fputs("meibo: ", stderr);
    cli_put(stderr, e->msg);
    fputc('\n', stderr);
}

/* A refusal of the whole file: the caps (issue 12 §4) in the clerk's language, file and line
 * first; anything else as the core says it. */
static int import_error(const cli *c, const char *path, const meibo_err *err)
{
    if (err->reason != MEIBO_REASON_CSV_FIELD_CAP && err->reason != MEIBO_REASON_CSV_LINE_CAP)
        return cli_error(err);
    char why[600];
    fprintf(stderr, "meibo: ");
    cli_put(stderr, path);
    fprintf(stderr, ":%ld: ", err->line);
    cli_put(stderr, meibo_reason_text(err, !c->en, why, sizeof why));
    fputc('\n', stderr);
    return meibo_exit_code(err->code);
}

int cmd_import(cli *c, int argc, char **argv)
{
    if (cli_wants_help("import", argc, argv))
        return 0;
    static const struct option opts[] = {{"encoding", required_argument, NULL, 'e'},
                                         {"dry-run", no_argument, NULL, 'n'},
                                         {NULL, 0, NULL, 0}};
    int enc = CSV_ENC_AUTO, o;
    bool dry = false;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (o == 'e') {
            if ((enc = csv_encoding_parse(optarg)) < 0)
                return cli_usage("import", "--encoding is auto, utf-8 or cp932");
        } else if (o == 'n') {
            dry = true;
        } else {
            return cli_usage("import", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind + 1 != argc)
        return cli_usage("import", "give one FILE");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    import_stats stats;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (import_members(c->ctx, argv[optind], (csv_encoding)enc, dry, import_report, NULL, &stats,
                       &err))
        return import_error(c, argv[optind], &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (dry)
        printf("%s: %ld rows, all valid (%s); nothing written (--dry-run)\n", argv[optind],
               stats.rows, csv_encoding_name(stats.encoding));
    else
        printf("%s: imported %ld members (%s) in %.2f s\n", argv[optind], stats.imported,
               csv_encoding_name(stats.encoding), s);
    return 0;
}

/* ---- audit ------------------------------------------------------------------------------- */

static int audit_print(const audit_row *r, void *arg)
{
    json_w *j = arg;
    if (j) {
        json_obj(j, NULL);
        json_int(j, "id", r->id);
        json_str(j, "at", r->at);
        json_str(j, "user", r->user_login);
        json_str(j, "unix_user", r->unix_user);
        json_str(j, "ssh_client", r->ssh_client);
        json_str(j, "action", r->action);
        json_str(j, "member_no", *r->member_no ? r->member_no : NULL);
        json_str(j, "detail", r->detail);
        json_obj_end(j);
        return 0;
    }
    printf("%" PRId64 "\t%s\t", r->id, r->at);
    const char *cols[] = {r->user_login, r->unix_user, r->ssh_client, r->action,
                          *r->member_no ? r->member_no : "-", r->detail};
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
        if (i)
            fputc('\t', stdout);
        cli_put(stdout, cols[i]);
    }
    fputc('\n', stdout);
    return 0;
}

int cmd_audit(cli *c, int argc, char **argv)
{
    if (argc < 2 || cli_wants_help("audit", argc, argv))
        return argc < 2 ? cli_usage("audit", "verify or log") : 0;
    const char *sub = argv[1];
    meibo_err err;
    meibo_err_clear(&err);
    int rc;
    if (!strcmp(sub, "verify")) {
        if (argc != 2)
            return cli_usage("audit", "verify takes no arguments");
        if ((rc = cli_login(c)))
            return rc;
        if (auth_require(c->ctx, MEIBO_ROLE_MANAGER, "verify the access log", &err))
            return cli_error(&err);
        int64_t bad = 0, n = 0;
        if (audit_verify(c->ctx, &bad, &n, &err))
            return cli_error(&err);
        printf("audit log: %" PRId64 " rows, chain intact\n", n);
        return 0;
    }
    if (strcmp(sub, "log") != 0)
        return cli_usage("audit", "unknown subcommand '%s'", sub);
    static const struct option opts[] = {
        {"user", required_argument, NULL, 'u'},  {"member", required_argument, NULL, 'm'},
        {"since", required_argument, NULL, 's'}, {"until", required_argument, NULL, 't'},
        {"limit", required_argument, NULL, 'l'}, {"json", no_argument, NULL, 'j'},
        {NULL, 0, NULL, 0}};
    audit_filter f = {0};
    bool json = false;
    int o;
    optind = 0;
    argc--, argv++;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case 'u': f.user_login = optarg; break;
        case 'm': f.member_no = optarg; break;
        case 's': f.since = optarg; break;
        case 't': f.until = optarg; break;
        case 'l': {
            int64_t n;
            if (!args_id(optarg, &n) || n > 1000000)
                return cli_usage("audit", "--limit is a number from 1 to 1000000, not '%s'",
                                 optarg);
            f.limit = (int)n;
            break;
        }
        case 'j': json = true; break;
        default: return cli_usage("audit", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage("audit", "log takes only options");
    if ((rc = cli_login(c)))
        return rc;
    json_w j;
    if (json) {
        json_begin(&j, stdout);
        json_arr(&j, NULL);
    }
    meibo_status st = audit_query(c->ctx, &f, audit_print, json ? &j : NULL, &err);
    if (json) {
        json_arr_end(&j);
        json_end(&j);
    }
    return st ? cli_error(&err) : 0;
}

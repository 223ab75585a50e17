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
#include "meibo/audit_read.h"
#include "meibo/auth.h"
#include "meibo/bulk.h"
#include "meibo/demo.h"
#include "meibo/import.h"
#include "meibo/member.h"
#include "meibo/roster.h"
#include "meibo/search.h"
#include "meibo/staff.h"
#include "meibo/users.h"

/* ---- init ------------------------------------------------------------------------------- */

int cmd_init(cli *c, int argc, char **argv)
{
    if (cli_wants_help("init", argc, argv))
        return 0;
    static const struct option opts[] = {{"chief", required_argument, NULL, 'c'},
                                         {"name", required_argument, NULL, 'n'},
                                         {"pledge-on", required_argument, NULL, 'P'},
                                         {"pledge-document", required_argument, NULL, 'D'},
                                         {NULL, 0, NULL, 0}};
    const char *chief = NULL, *name = NULL, *pledge_on = NULL, *pledge_doc = NULL;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (o == 'c')
            chief = optarg;
        else if (o == 'n')
            name = optarg;
        else if (o == 'P')
            pledge_on = optarg;
        else if (o == 'D')
            pledge_doc = optarg;
        else
            return cli_usage("init", "unknown option '%s'", argv[optind - 1]);
    }
    if (!chief || optind != argc)
        return cli_usage("init", "--chief LOGIN is required");
    /* 取扱規程 第27条: nobody logs in without a pledge on file, the chief officer included, and
     * nobody else could record the first one */
    if (!pledge_on && !c->cfg.login_without_pledge)
        return cli_usage("init", "--pledge-on DATE is required: the day the chief officer signed "
                                 "the confidentiality pledge (取扱規程 第27条); without it the "
                                 "account could not log in");
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
                  .password = pw, .pledge_on = pledge_on, .pledge_document = pledge_doc};
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

typedef struct staff_find {
    const char *login;
    json_w *j;
    bool found;
} staff_find;

static int training_print(const staff_training *t, void *arg)
{
    json_w *j = arg;
    if (j) {
        json_obj(j, NULL);
        json_str(j, "held_on", t->held_on);
        json_str(j, "topic", t->topic);
        json_str(j, "recorded_by", t->recorded_by);
        json_obj_end(j);
        return 0;
    }
    printf("  %s  ", t->held_on);
    cli_put(stdout, t->topic);
    fputc('\n', stdout);
    return 0;
}

static int staff_print(const staff_info *s, void *arg)
{
    staff_find *f = arg;
    if (strcmp(s->login, f->login))
        return 0;
    f->found = true;
    json_w *j = f->j;
    if (j) {
        json_str(j, "login", s->login);
        json_str(j, "display_name", s->display_name);
        json_str(j, "role", s->role);
        json_str(j, "state", s->state);
        json_str(j, "term_end", s->term_end);
        json_bool(j, "fixed_term", s->fixed_term);
        json_str(j, "approved_by", s->approved_by);
        json_str(j, "approved_on", s->approved_on);
        json_str(j, "pledge_on", s->pledge_on);
        json_str(j, "pledge_document", s->pledge_document);
        json_str(j, "last_training_on", s->last_training_on);
        json_bool(j, "training_due", s->training_due);
        return 1;
    }
    char buf[300];
    args_row(stdout, "login", s->login);
    args_row(stdout, "name", s->display_name);
    args_row(stdout, "role", s->role);
    args_row(stdout, "state", s->state);
    args_row(stdout, "term_end", s->term_end ? s->term_end : "- (取扱規程 第34条)");
    if (s->fixed_term) {
        snprintf(buf, sizeof buf, "yes; approved by %s on %s (取扱規程 第33条)",
                 s->approved_by ? s->approved_by : "-", s->approved_on ? s->approved_on : "-");
        args_row(stdout, "fixed_term", s->approved_by ? buf : "yes; awaiting the chief officer's approval (取扱規程 第33条)");
    }
    if (s->pledge_on)
        snprintf(buf, sizeof buf, "%s %s", s->pledge_on, s->pledge_document);
    args_row(stdout, "pledge", s->pledge_on ? buf : "none on file (取扱規程 第27条)");
    snprintf(buf, sizeof buf, "%s%s", s->last_training_on ? s->last_training_on : "never",
             s->training_due ? " (none in the last 12 months: 取扱規程 第28条)" : "");
    args_row(stdout, "training", buf);
    return 1;
}

static int staff_show(cli *c, const char *login, bool json)
{
    meibo_err err;
    meibo_err_clear(&err);
    json_w j;
    staff_find f = {login, json ? &j : NULL, false};
    if (json) {
        json_begin(&j, stdout);
        json_obj(&j, NULL);
    }
    meibo_status st = staff_list(c->ctx, staff_print, &f, &err);
    if (!st && !f.found)
        st = meibo_fail_field(&err, MEIBO_ERR_NOT_FOUND, "login", "no user '%s'", login);
    if (!st && json)
        json_arr(&j, "training");
    if (!st)
        st = staff_training_list(c->ctx, login, training_print, json ? &j : NULL, &err);
    if (json) {
        if (!st)
            json_arr_end(&j);
        json_obj_end(&j);
        json_end(&j);
    }
    return st ? cli_error(&err) : 0;
}

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

static const char user_help[] =
    "usage: meibo user add LOGIN --name NAME --role chief|manager|clerk [--term-end DATE]\n"
    "                      [--fixed-term] [--new-password-file FILE]\n"
    "       meibo user list [--json]\n"
    "       meibo user disable LOGIN\n"
    "       meibo user approve LOGIN        (chief officer: a fixed-term account, 第33条)\n"
    "       meibo user passwd LOGIN [--new-password-file FILE]\n"
    "       meibo user unlock LOGIN   (clear the ID's failed logins and their delay, 第33条)\n"
    "       meibo user term LOGIN --term-end DATE|none   (last day of employment, 第34条)\n"
    "       meibo user pledge LOGIN --on DATE [--document TEXT]   (取扱規程 第27条)\n"
    "       meibo user training LOGIN --on DATE --topic TEXT      (取扱規程 第28条)\n"
    "       meibo user show LOGIN [--json]   (the staff register: pledge, training, term)\n"
    "add also takes --pledge-on DATE [--pledge-document TEXT]. An account without a pledge\n"
    "on file does not log in unless meibo.conf says login_without_pledge = yes.\n"
    "Acting user: --user/MEIBO_USER with --password-file/MEIBO_PASSWORD_FILE.\n";

/* One handler for the user subcommands (argv[0]); which options each takes is cmd_user's
 * table. */
/* The options of every `meibo user` subcommand (args_dispatch() has refused the ones a
 * subcommand does not take) and its one LOGIN, or none for list. */
typedef struct user_args {
    const char *sub, *login;
    const char *name, *role, *term_end, *pwfile, *pledge_on, *pledge_doc, *on, *document, *topic;
    bool fixed, json;
} user_args;

static int user_args_parse(int argc, char **argv, user_args *a)
{
    static const struct option opts[] = {
        {"name", required_argument, NULL, 'n'},     {"role", required_argument, NULL, 'r'},
        {"term-end", required_argument, NULL, 't'}, {"fixed-term", no_argument, NULL, 'f'},
        {"new-password-file", required_argument, NULL, 'p'}, {"json", no_argument, NULL, 'j'},
        {"pledge-on", required_argument, NULL, 'P'}, {"pledge-document", required_argument, NULL, 'D'},
        {"on", required_argument, NULL, 'o'}, {"document", required_argument, NULL, 'd'},
        {"topic", required_argument, NULL, 'T'},
        {NULL, 0, NULL, 0}};
    memset(a, 0, sizeof *a);
    a->sub = argv[0];
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case 'n': a->name = optarg; break;
        case 'r': a->role = optarg; break;
        case 't': a->term_end = optarg; break;
        case 'f': a->fixed = true; break;
        case 'p': a->pwfile = optarg; break;
        case 'j': a->json = true; break;
        case 'P': a->pledge_on = optarg; break;
        case 'D': a->pledge_doc = optarg; break;
        case 'o': a->on = optarg; break;
        case 'd': a->document = optarg; break;
        case 'T': a->topic = optarg; break;
        default: return cli_usage("user", "unknown option '%s'", argv[optind - 1]);
        }
    }
    a->login = optind < argc ? argv[optind] : NULL;
    bool needs_login = strcmp(a->sub, "list") != 0;
    if (needs_login && (!a->login || optind + 1 != argc))
        return cli_usage("user", "%s needs one LOGIN", a->sub);
    if (!needs_login && optind != argc)
        return cli_usage("user", "list takes no arguments");
    return 0;
}

/* A new password for @p login, from --new-password-file or asked twice; NULL with @p err set. */
static char *user_new_password(const user_args *a, meibo_err *err)
{
    char prompt[160];
    snprintf(prompt, sizeof prompt, "new password for %s: ", a->login);
    return cli_read_password(a->pwfile, prompt, true, err);
}

static int user_add_cmd(cli *c, int argc, char **argv)
{
    user_args a;
    int rc = user_args_parse(argc, argv, &a);
    if (rc)
        return rc;
    if (!a.name || !a.role)
        return cli_usage("user", "add needs --name and --role");
    meibo_role r = meibo_role_parse(a.role);
    if (r == MEIBO_ROLE_NONE)
        return cli_usage("user", "--role is chief, manager or clerk");
    if ((rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    char *pw = user_new_password(&a, &err);
    if (!pw)
        return cli_error(&err);
    user_new u = {a.login, a.name, r, pw, a.term_end, a.fixed, a.pledge_on, a.pledge_doc};
    meibo_status st = user_add(c->ctx, &u, &err);
    explicit_bzero(pw, strlen(pw));
    free(pw);
    if (st)
        return cli_error(&err);
    printf("added %s (%s)%s\n", a.login, a.role,
           a.fixed ? "; it works once the chief officer approves it (meibo user approve)" : "");
    if (!a.pledge_on && !c->cfg.login_without_pledge)
        printf("%s logs in once its confidentiality pledge is recorded (取扱規程 第27条): "
               "meibo user pledge %s --on DATE\n", a.login, a.login);
    return 0;
}

/* user pledge / user training: the staff register (取扱規程 第27条, 第28条). */
static int user_record_cmd(cli *c, int argc, char **argv)
{
    user_args a;
    int rc = user_args_parse(argc, argv, &a);
    if (rc)
        return rc;
    bool pledge = !strcmp(a.sub, "pledge");
    if (!a.on || (!pledge && !a.topic))
        return cli_usage("user", pledge ? "pledge needs --on DATE" : "training needs --on DATE and --topic TEXT");
    if ((rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    meibo_status st = pledge ? staff_pledge_record(c->ctx, a.login, a.on, a.document, &err)
                             : staff_training_add(c->ctx, a.login, a.on, a.topic, &err);
    if (st)
        return cli_error(&err);
    printf(pledge ? "pledge of %s recorded (取扱規程 第27条)\n"
                  : "training of %s recorded (取扱規程 第28条)\n", a.login);
    return 0;
}

static int user_show_cmd(cli *c, int argc, char **argv)
{
    user_args a;
    int rc = user_args_parse(argc, argv, &a);
    if (rc || (rc = cli_login(c)))
        return rc;
    return staff_show(c, a.login, a.json);
}

static int user_passwd_cmd(cli *c, int argc, char **argv)
{
    user_args a;
    int rc = user_args_parse(argc, argv, &a);
    if (rc || (rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    char *pw = user_new_password(&a, &err);
    if (!pw)
        return cli_error(&err);
    meibo_status st = user_set_password(c->ctx, a.login, pw, &err);
    explicit_bzero(pw, strlen(pw));
    free(pw);
    if (st)
        return cli_error(&err);
    printf("password of %s changed\n", a.login);
    return 0;
}

static int user_unlock_cmd(cli *c, int argc, char **argv)
{
    user_args a;
    int rc = user_args_parse(argc, argv, &a);
    if (rc || (rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    int n = 0;
    if (user_unlock(c->ctx, a.login, &n, &err))
        return cli_error(&err);
    printf("%s: %d failed login%s cleared; the next login does not wait (取扱規程 第33条)\n",
           a.login, n, n == 1 ? "" : "s");
    return 0;
}

static int user_term_cmd(cli *c, int argc, char **argv)
{
    user_args a;
    int rc = user_args_parse(argc, argv, &a);
    if (rc)
        return rc;
    if (!a.term_end)
        return cli_usage("user", "term needs --term-end DATE (or none)");
    if ((rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    const char *te = !strcmp(a.term_end, "none") ? NULL : a.term_end;
    if (user_set_term_end(c->ctx, a.login, te, &err))
        return cli_error(&err);
    printf("%s: term end %s (取扱規程 第34条)\n", a.login, te ? te : "none");
    return 0;
}

/* user disable / user approve (取扱規程 第33条, 第34条). */
static int user_state_cmd(cli *c, int argc, char **argv)
{
    user_args a;
    int rc = user_args_parse(argc, argv, &a);
    if (rc || (rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    bool disable = !strcmp(a.sub, "disable");
    meibo_status st = disable ? user_disable(c->ctx, a.login, &err)
                              : user_approve(c->ctx, a.login, &err);
    if (st)
        return cli_error(&err);
    printf("%s %s\n", a.login, disable ? "disabled" : "approved");
    return 0;
}

static int user_list_cmd(cli *c, int argc, char **argv)
{
    user_args a;
    int rc = user_args_parse(argc, argv, &a);
    if (rc || (rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    json_w j;
    meibo_status st = user_list(c->ctx, user_print, args_json_array(&j, a.json), &err);
    args_json_array_end(a.json ? &j : NULL);
    return st ? cli_error(&err) : 0;
}

int cmd_user(cli *c, int argc, char **argv)
{
    static const args_sub subs[] = {
        {"add", user_add_cmd,
         "name= role= term-end= fixed-term new-password-file= pledge-on= pledge-document="},
        {"list", user_list_cmd, "json"},
        {"show", user_show_cmd, "json"},
        {"disable", user_state_cmd, ""},
        {"approve", user_state_cmd, ""},
        {"passwd", user_passwd_cmd, "new-password-file="},
        {"unlock", user_unlock_cmd, ""},
        {"term", user_term_cmd, "term-end="},
        {"pledge", user_record_cmd, "on= document="},
        {"training", user_record_cmd, "on= topic="},
        {NULL, NULL, NULL}};
    return args_dispatch(c, "user", user_help, subs, argc, argv);
}

/* ---- demo -------------------------------------------------------------------------------- */

int cmd_reindex(cli *c, int argc, char **argv)
{
    if (cli_wants_help("reindex", argc, argv))
        return 0;
    if (argc != 1)
        return cli_usage("reindex", argv[1][0] == '-' ? "unknown option '%s'" : "takes no "
                         "arguments, not '%s'", argv[1]);
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    int64_t n = 0;
    if (search_reindex(c->ctx, &n, &err))
        return cli_error(&err);
    printf("search keys and index rebuilt for %" PRId64 " members\n", n);
    return 0;
}

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
    bulk_result res = {0, 0, 0};
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

/* The column mapping of a preview: header → field, and what is ignored. */
static void import_mapping(const cli *c, const import_stats *st)
{
    printf("%s\n", c->en ? "columns (header → field):" : "列の対応（見出し → 項目）:");
    for (size_t k = 0; k < st->ncols; k++) {
        const import_column *ic = &st->cols[k];
        printf("  %zu ", k + 1);
        if (ic->empty) {
            printf("%s\n", c->en ? "(empty header at the end: ignored)" : "（末尾の空の列: 無視）");
            continue;
        }
        cli_put(stdout, ic->header);
        const member_field_info *fi = ic->field >= 0 ? member_field_get((member_field)ic->field) : NULL;
        if (fi)
            printf(" → %s (%s)\n", fi->name, fi->ja);
        else
            printf(" → %s\n", c->en ? "(unknown: ignored)" : "（不明な列: 無視）");
    }
}

int cmd_import(cli *c, int argc, char **argv)
{
    if (cli_wants_help("import", argc, argv))
        return 0;
    static const struct option opts[] = {{"encoding", required_argument, NULL, 'e'},
                                         {"dry-run", no_argument, NULL, 'n'},
                                         {"ignore-unknown", no_argument, NULL, 'u'},
                                         {NULL, 0, NULL, 0}};
    int enc = CSV_ENC_AUTO, o;
    import_opts io = {.ja = !c->en};
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (o == 'e') {
            if ((enc = csv_encoding_parse(optarg)) < 0)
                return cli_usage("import", "--encoding is auto, utf-8 or cp932");
        } else if (o == 'n') {
            io.dry_run = true;
        } else if (o == 'u') {
            io.ignore_unknown = true;
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
    import_stats *stats = calloc(1, sizeof *stats);
    if (!stats)
        return cli_error(&(meibo_err){.code = MEIBO_ERR_NOMEM, .msg = "out of memory"});
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    const char *file = argv[optind];
    bool dry = io.dry_run;
    meibo_status st = import_members(c->ctx, file, (csv_encoding)enc, &io, import_report, NULL,
                                     stats, &err);
    if (dry && stats->ncols)
        import_mapping(c, stats);
    if (st) {
        free(stats);
        return import_error(c, file, &err);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (stats->ignored) {
        for (size_t k = 0; k < stats->ncols; k++) {
            const import_column *ic = &stats->cols[k];
            if (ic->field >= 0 || ic->empty)
                continue;
            cli_put(stdout, file);
            printf(c->en ? ": column %zu '" : ": %zu列目「", k + 1);
            cli_put(stdout, ic->header);
            printf("%s\n", c->en ? "' ignored (--ignore-unknown)"
                                 : "」は取り込まずに無視しました（--ignore-unknown）");
        }
    }
    if (dry)
        printf("%s: %ld rows, all valid (%s); nothing written (--dry-run)\n", file, stats->rows,
               csv_encoding_name(stats->encoding));
    else
        printf("%s: imported %ld members (%s) in %.2f s\n", file, stats->imported,
               csv_encoding_name(stats->encoding), s);
    if (stats->optouts)
        printf("%s: %ld opt-out%s %s from column optout_on, each with this file and its line as "
               "source (第20条第5項; see: meibo optout list)\n",
               file, stats->optouts, stats->optouts == 1 ? "" : "s",
               dry ? "would be recorded" : "recorded");
    free(stats);
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
        /* the address SSH_CONNECTION gave: set by the user, so a claim, not a fact */
        json_str(j, "ssh_client", r->ssh_client);
        json_bool(j, "ssh_client_claimed", strcmp(r->ssh_client, "local") != 0);
        json_str(j, "action", r->action);
        json_str(j, "member_no", *r->member_no ? r->member_no : NULL);
        json_str(j, "detail", r->detail);
        json_obj_end(j);
        return 0;
    }
    printf("%" PRId64 "\t%s\t", r->id, r->at);
    char src[96];
    snprintf(src, sizeof src, "%s%s", strcmp(r->ssh_client, "local") ? "claimed:" : "",
             r->ssh_client);
    const char *cols[] = {r->user_login, r->unix_user, src, r->action,
                          *r->member_no ? r->member_no : "-", r->detail};
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
        if (i)
            fputc('\t', stdout);
        cli_put(stdout, cols[i]);
    }
    fputc('\n', stdout);
    return 0;
}

static const char audit_help[] =
    "usage: meibo audit verify [--full] [--json]   (a manager: the chain and its anchors)\n"
    "       meibo audit log [--user ID] [--member NO] [--since DATE] [--until DATE]\n"
    "                       [--limit N] [--json]\n"
    "The access log (取扱規程 第23条, 第35条): every read and write of personal data.\n";

/* audit verify and audit log (argv[0]) */
static int audit_cmd(cli *c, int argc, char **argv)
{
    const char *sub = argv[0];
    meibo_err err;
    meibo_err_clear(&err);
    int rc;
    if (!strcmp(sub, "verify")) {
        bool full = false, json = false;
        for (int i = 1; i < argc; i++) {
            if (!strcmp(argv[i], "--full"))
                full = true;
            else if (!strcmp(argv[i], "--json"))
                json = true;
            else
                return cli_usage("audit", "verify takes --full and --json only, not '%s'",
                                 argv[i]);
        }
        if ((rc = cli_login(c)))
            return rc;
        if (auth_require(c->ctx, MEIBO_ROLE_MANAGER, "verify the access log", &err))
            return cli_error(&err);
        audit_verify_result r;
        if (audit_verify_run(c->ctx, full, &r, &err))
            return cli_error(&err);
        if (json) {
            json_w j;
            json_begin(&j, stdout);
            json_obj(&j, NULL);
            json_bool(&j, "intact", true);
            json_int(&j, "start", r.start_id);
            json_int(&j, "checked", r.checked);
            json_int(&j, "last", r.last_id);
            json_int(&j, "anchor", r.anchor_id);
            json_obj_end(&j);
            json_end(&j);
        } else if (r.start_id > 0) {
            printf("audit log: rows %" PRId64 "..%" PRId64 " checked from the anchor at row "
                   "%" PRId64 " (%" PRId64 " rows), chain intact and matching its anchors\n",
                   r.start_id + 1, r.last_id, r.start_id, r.checked);
        } else {
            printf("audit log: %" PRId64 " rows, chain intact and matching its anchors\n",
                   r.checked);
        }
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

int cmd_audit(cli *c, int argc, char **argv)
{
    static const args_sub subs[] = {{"verify", audit_cmd, "full json"},
                                    {"log", audit_cmd, "user= member= since= until= limit= json"},
                                    {NULL, NULL, NULL}};
    return args_dispatch(c, "audit", audit_help, subs, argc, argv);
}

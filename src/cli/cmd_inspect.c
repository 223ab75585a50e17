/* cmd_inspect.c: meibo inspect — the manager's inspection (取扱規程 第25条). */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "json.h"
#include "meibo/inspect.h"
#include "print.h"

static const char help[] =
    "usage: meibo inspect --from DATE --until DATE [--pledge-days N] [--json]\n"
    "       meibo inspect print (ID | --from DATE --until DATE) [--format pdf|text] [--out FILE]\n"
    "       meibo inspect record --from DATE --until DATE --findings TEXT [--corrective TEXT]\n"
    "       meibo inspect ack ID [--note TEXT]         (the chief officer)\n"
    "       meibo inspect list [--json]\n"
    "The 個人情報管理者 inspects the handling of personal data against the ledger (取扱規程\n"
    "第25条): per user, reads, reveals, edits, exports, searches and inquiries with their\n"
    "outcomes; access outside office_hours; days whose reads or reveals exceed 5 times the\n"
    "user's median daily count (over the days the user has access-log rows) and 200; the staff\n"
    "register (pledges 第27条, training 第28条, fixed-term IDs 第33条, term ends 第34条);\n"
    "recipients' pledges ending; backups; the access log's chain; tables held that the ledger\n"
    "does not list (第24条); today's exports and backups. The report prints as text (stdout)\n"
    "or PDF; 'record' keeps the manager's findings and corrective actions, 'ack' the chief\n"
    "officer's acknowledgement; 'print ID' prints them with the report.\n";

typedef struct inspect_args {
    inspect_options opt;
    int64_t id;
} inspect_args;

static meibo_status build(meibo_ctx *ctx, const meibo_config *cfg, letter_format fmt,
                          letter *out, void *arg, meibo_err *err)
{
    inspect_args *a = arg;
    a->opt.cfg = cfg;
    a->opt.db_path = ctx->path;
    return letter_inspection(ctx, cfg, &a->opt, a->id, fmt, out, err);
}

static void json_list(json_w *j, const char *name, const inspect_list *l)
{
    json_arr(j, name);
    for (size_t i = 0; i < l->n; i++) {
        json_obj(j, NULL);
        json_str(j, "text", l->items[i].text);
        json_bool(j, "finding", l->items[i].finding);
        json_obj_end(j);
    }
    json_arr_end(j);
}

static int report_json(cli *c, inspect_options *opt)
{
    int rc = cli_login(c);
    if (rc)
        return rc;
    opt->cfg = &c->cfg;
    opt->db_path = c->ctx->path;
    meibo_err err;
    meibo_err_clear(&err);
    inspect_report r;
    if (inspect_build(c->ctx, opt, &r, &err))
        return cli_error(&err);
    json_w j;
    json_begin(&j, stdout);
    json_obj(&j, NULL);
    json_str(&j, "from", r.from);
    json_str(&j, "until", r.until);
    json_int(&j, "log_rows", r.log_rows);
    json_int(&j, "findings", r.findings);
    json_arr(&j, "users");
    static const char *const kinds[IK__COUNT] = {"reads", "reveals", "edits", "exports",
                                                 "searches", "logins", "other"};
    static const char *const outcomes[INSPECT_OUTCOMES] = {"provide", "partial", "refuse",
                                                           "hold", "not_found"};
    for (size_t i = 0; i < r.nusers; i++) {
        const inspect_user *u = &r.users[i];
        json_obj(&j, NULL);
        json_str(&j, "login", u->login);
        for (int k = 0; k < IK__COUNT; k++)
            json_int(&j, kinds[k], u->n[k]);
        json_int(&j, "inquiries", u->inquiries);
        json_obj(&j, "outcomes");
        for (int k = 0; k < INSPECT_OUTCOMES; k++)
            json_int(&j, outcomes[k], u->outcome[k]);
        json_obj_end(&j);
        json_int(&j, "outside_office_hours", u->outside);
        json_int(&j, "days", u->days);
        json_obj_end(&j);
    }
    json_arr_end(&j);
    json_arr(&j, "outliers");
    for (size_t i = 0; i < r.noutliers; i++) {
        json_obj(&j, NULL);
        json_str(&j, "login", r.outliers[i].login);
        json_str(&j, "day", r.outliers[i].day);
        json_str(&j, "kind", r.outliers[i].reveal ? "reveals" : "reads");
        json_int(&j, "count", r.outliers[i].count);
        char med[32];
        snprintf(med, sizeof med, "%g", r.outliers[i].median);
        json_str(&j, "median", med);
        json_obj_end(&j);
    }
    json_arr_end(&j);
    json_list(&j, "staff", &r.staff);
    json_list(&j, "pledges", &r.pledges);
    json_list(&j, "copies_today", &r.copies);
    json_list(&j, "backups", &r.backups);
    json_list(&j, "chain", &r.chain);
    json_list(&j, "ledger", &r.ledger);
    json_obj_end(&j);
    json_end(&j);
    inspect_report_free(&r);
    return 0;
}

static int record_print(const inspect_record_info *i, void *arg)
{
    json_w *j = arg;
    if (j) {
        json_obj(j, NULL);
        json_int(j, "id", i->id);
        json_str(j, "from", i->from);
        json_str(j, "until", i->until);
        json_str(j, "findings", i->findings);
        json_str(j, "corrective", i->corrective);
        json_str(j, "recorded_at", i->recorded_at);
        json_str(j, "recorded_by", i->recorded_by);
        json_str(j, "acknowledged_at", i->acknowledged_at);
        json_str(j, "acknowledged_by", i->acknowledged_by);
        json_obj_end(j);
        return 0;
    }
    printf("%-4" PRId64 " %s..%s  recorded %s by %s  %s%s\n", i->id, i->from, i->until,
           i->recorded_at, i->recorded_by, i->acknowledged_by ? "acknowledged by " : "awaiting the chief officer",
           i->acknowledged_by ? i->acknowledged_by : "");
    return 0;
}

int cmd_inspect(cli *c, int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(help, stdout);
            return 0;
        }
    const char *sub = argc > 1 && argv[1][0] != '-' ? argv[1] : "";
    if (*sub)
        argc--, argv++;
    enum { O_FROM = 1000, O_UNTIL, O_JSON, O_FINDINGS, O_CORRECTIVE, O_NOTE, O_PDAYS };
    static const struct option opts[] = {
        {"from", required_argument, NULL, O_FROM},         {"until", required_argument, NULL, O_UNTIL},
        {"json", no_argument, NULL, O_JSON},               {"findings", required_argument, NULL, O_FINDINGS},
        {"corrective", required_argument, NULL, O_CORRECTIVE}, {"note", required_argument, NULL, O_NOTE},
        {"pledge-days", required_argument, NULL, O_PDAYS}, PRINT_OPTIONS, {NULL, 0, NULL, 0}};
    inspect_args a;
    memset(&a, 0, sizeof a);
    print_opts po = {NULL, NULL};
    const char *findings = NULL, *corrective = NULL, *note = NULL;
    bool json = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case O_FROM: a.opt.from = optarg; break;
        case O_UNTIL: a.opt.until = optarg; break;
        case O_JSON: json = true; break;
        case O_FINDINGS: findings = optarg; break;
        case O_CORRECTIVE: corrective = optarg; break;
        case O_NOTE: note = optarg; break;
        case O_PDAYS: {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 366)
                return cli_usage("inspect", "--pledge-days is 1 to 366");
            a.opt.pledge_days = (int)n;
            break;
        }
        default:
            if (!print_option(o, &po))
                return cli_usage("inspect", "unknown option '%s'", argv[optind - 1]);
        }
    }
    bool want_id = !strcmp(sub, "ack") || (!strcmp(sub, "print") && optind < argc);
    if (want_id && (optind + 1 != argc || !args_id(argv[optind], &a.id)))
        return cli_usage("inspect", "%s takes one inspection number", sub);
    if (!want_id && optind != argc)
        return cli_usage("inspect", "unexpected '%s'", argv[optind]);
    bool period = a.opt.from && a.opt.until;
    meibo_err err;
    meibo_err_clear(&err);
    int rc;
    if (!*sub || !strcmp(sub, "print")) {
        if (!a.id && !period)
            return cli_usage("inspect", "--from DATE and --until DATE are required");
        if (json && !*sub)
            return report_json(c, &a.opt);
        if (!*sub && !po.format)
            po.format = "text";
        return print_run(c, "inspect", &po, build, &a);
    }
    if (!strcmp(sub, "record")) {
        if (!period || !findings)
            return cli_usage("inspect", "record needs --from, --until and --findings");
        if ((rc = cli_login(c)))
            return rc;
        int64_t id = 0;
        if (inspect_record(c->ctx, a.opt.from, a.opt.until, findings, corrective, &id, &err))
            return cli_error(&err);
        printf("inspection %" PRId64 " recorded (取扱規程 第25条); the chief officer acknowledges "
               "it with meibo inspect ack %" PRId64 "\n", id, id);
        return 0;
    }
    if (!strcmp(sub, "ack")) {
        if ((rc = cli_login(c)))
            return rc;
        if (inspect_ack(c->ctx, a.id, note, &err))
            return cli_error(&err);
        printf("inspection %" PRId64 " acknowledged\n", a.id);
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
        meibo_status st = inspect_records(c->ctx, 0, record_print, json ? &j : NULL, &err);
        if (json) {
            json_arr_end(&j);
            json_end(&j);
        }
        return st ? cli_error(&err) : 0;
    }
    return cli_usage("inspect", "unknown subcommand '%s'", sub);
}

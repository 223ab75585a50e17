/* cmd_export.c: meibo export purposes|preview|request|approve|deny|run|list|show
 * (取扱規程 第4–6条, 第38条; 規程 第16条). */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "json.h"
#include "meibo/export.h"
#include "meibo/pledge.h"

static const char export_help[] =
    "usage: meibo export purposes [--json]\n"
    "       meibo export preview --purpose P --recipient ID [--pledge N] [SHEET OPTIONS]\n"
    "                            [--limit N] [--json]\n"
    "       meibo export request --purpose P --recipient ID --pledge N [SHEET OPTIONS] [--json]\n"
    "       meibo export approve ID [--comment TEXT]    (chief officer)\n"
    "       meibo export deny ID --comment TEXT         (chief officer)\n"
    "       meibo export run ID [--out FILE] [--json]\n"
    "       meibo export list [--status pending|ready|denied|done] [--json]\n"
    "       meibo export show ID [--json]\n"
    "SHEET OPTIONS: [--media paper|electronic] [--copy] [--columns C,...] [--branch B]\n"
    "               [--status S,...] [--specialist yes|no] [--joined-from DATE]\n"
    "               [--joined-to DATE]\n"
    "An export sheet lists the members a purpose allows (meibo export purposes): only its\n"
    "columns, without members who stopped third-party provision (第20条第5項), lack a consent\n"
    "the purpose requires, or have another status. It goes only to a registered recipient\n"
    "(meibo recipient; its number, or a name matching one) of a category the sheet may go to\n"
    "(第20条第4項, 取扱規程 第4条), whose pledge covers the purpose, the items and the medium\n"
    "(取扱規程 第5条, 第6条). Paper is the default: 'run' prints the sheet and a cover letter\n"
    "(printer, else the outbox); --copy (the xlsx as a file) and --media electronic (the xlsx\n"
    "in an AES-256 archive, its password on a separate notice letter, 第38条). Every sheet\n"
    "waits for the chief officer's prior permission (規程 第16条): 'approve', or a standing\n"
    "permission (meibo permission grant). Each run records one provision per member.\n";

/* ---- purposes ------------------------------------------------------------------------------- */

static int purpose_row(const export_purpose *p, void *arg)
{
    json_w *j = arg;
    if (j) {
        json_obj(j, NULL);
        json_str(j, "code", p->code);
        json_str(j, "name", p->name);
        json_str(j, "article", p->article);
        json_str(j, "text", p->text);
        json_str(j, "policy_purposes", p->policy_purposes);
        json_str(j, "columns", p->columns);
        json_str(j, "consents", p->consents);
        json_bool(j, "optout_excluded", p->optout_excluded);
        json_str(j, "statuses", p->statuses);
        json_str(j, "media", pledge_media_name(p->media));
        json_bool(j, "pledge_required", p->pledge_required);
        json_obj_end(j);
        return 0;
    }
    printf("%s\t", p->code);
    cli_put(stdout, p->name);
    printf("\t");
    cli_put(stdout, p->article);
    printf("\n");
    args_row(stdout, "  columns", p->columns);
    args_row(stdout, "  consents", p->consents);
    args_row(stdout, "  opt-outs", p->optout_excluded ? "excluded (第20条第5項)" : "included");
    args_row(stdout, "  statuses", p->statuses);
    args_row(stdout, "  media", pledge_media_name(p->media));
    args_row(stdout, "  pledge", p->pledge_required ? "required" : "not required");
    args_row(stdout, "  rests on", p->policy_purposes);
    return 0;
}

static int export_purposes_cmd(cli *c, int argc, char **argv)
{
    bool json = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = true;
        else
            return cli_usage("export purposes", "unknown option '%s'", argv[i]);
    }
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    json_w j, *jp = args_json_array(&j, json);
    meibo_status st = export_purposes(c->ctx, purpose_row, jp, &err);
    args_json_array_end(jp);
    if (!st && !json) {
        int n;
        const export_column *cols = export_columns(&n);
        printf("columns:");
        for (int i = 0; i < n; i++) {
            printf(" %s=", cols[i].code);
            cli_put(stdout, cols[i].header);
            if (cols[i].item)
                printf("(%c)", cols[i].item);
        }
        printf("\n");
    }
    return st ? cli_error(&err) : 0;
}

/* ---- the sheet options -------------------------------------------------------------------- */

enum {
    O_PURPOSE = 256, O_RECIPIENT, O_PLEDGE, O_MEDIA, O_COPY, O_COLUMNS, O_BRANCH, O_STATUS,
    O_SPECIALIST, O_FROM, O_TO, O_LIMIT, O_JSON
};

static const struct option spec_opts[] = {
    {"purpose", required_argument, NULL, O_PURPOSE},
    {"recipient", required_argument, NULL, O_RECIPIENT},
    {"pledge", required_argument, NULL, O_PLEDGE},
    {"media", required_argument, NULL, O_MEDIA},
    {"copy", no_argument, NULL, O_COPY},
    {"columns", required_argument, NULL, O_COLUMNS},
    {"branch", required_argument, NULL, O_BRANCH},
    {"status", required_argument, NULL, O_STATUS},
    {"specialist", required_argument, NULL, O_SPECIALIST},
    {"joined-from", required_argument, NULL, O_FROM},
    {"joined-to", required_argument, NULL, O_TO},
    {"limit", required_argument, NULL, O_LIMIT},
    {"json", no_argument, NULL, O_JSON},
    {NULL, 0, NULL, 0}};

/* Parse the options of preview and request into @p s; returns 0 or the usage exit code. */
static int spec_parse(const char *cmd, int argc, char **argv, export_spec *s, long *limit,
                      bool *json)
{
    memset(s, 0, sizeof *s);
    s->filter.specialist = -1;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", spec_opts, NULL)) != -1) {
        char *end;
        switch (o) {
        case O_PURPOSE: s->purpose = optarg; break;
        case O_RECIPIENT: s->recipient = optarg; break;
        case O_PLEDGE:
            if (!args_id(optarg, &s->pledge_id))
                return cli_usage(cmd, "--pledge takes a pledge number");
            break;
        case O_MEDIA:
            s->media = !strcmp(optarg, "paper")        ? DECIDE_MEDIA_PAPER
                       : !strcmp(optarg, "electronic") ? DECIDE_MEDIA_ELECTRONIC
                                                       : 0;
            if (!s->media)
                return cli_usage(cmd, "--media is paper or electronic");
            break;
        case O_COPY: s->file_copy = true; break;
        case O_COLUMNS: s->columns = optarg; break;
        case O_BRANCH: s->filter.branch = optarg; break;
        case O_STATUS: s->filter.statuses = optarg; break;
        case O_SPECIALIST:
            if ((s->filter.specialist = args_yesno(optarg)) < 0)
                return cli_usage(cmd, "--specialist is yes or no");
            break;
        case O_FROM: s->filter.joined_from = optarg; break;
        case O_TO: s->filter.joined_to = optarg; break;
        case O_LIMIT:
            if (!limit)
                return cli_usage(cmd, "unknown option '--limit'");
            *limit = strtol(optarg, &end, 10);
            if (*end || end == optarg || *limit < 0)
                return cli_usage(cmd, "--limit takes a number (0: none listed)");
            break;
        case O_JSON: *json = true; break;
        default: return cli_usage(cmd, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
    if (!s->purpose || !s->recipient)
        return cli_usage(cmd, "--purpose and --recipient are required");
    return 0;
}

/* ---- preview ------------------------------------------------------------------------------ */

typedef struct excl_out {
    json_w *j;
    long limit, shown, total;
} excl_out;

static int excluded_row(const export_excluded *e, void *arg)
{
    excl_out *x = arg;
    x->total++;
    if (x->limit >= 0 && x->shown >= x->limit)
        return 0;
    x->shown++;
    if (x->j) {
        json_obj(x->j, NULL);
        json_str(x->j, "member_no", e->member_no);
        json_str(x->j, "name", e->name);
        json_str(x->j, "status", e->status);
        json_str(x->j, "reason", e->reason);
        json_str(x->j, "article", e->article);
        json_obj_end(x->j);
        return 0;
    }
    const char *cols[] = {e->member_no, e->name, e->status, e->reason, e->article};
    printf("  ");
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
        if (i)
            fputc('\t', stdout);
        cli_put(stdout, cols[i]);
    }
    fputc('\n', stdout);
    return 0;
}

static void counts_json(json_w *j, const export_counts *c)
{
    json_int(j, "included", c->included);
    json_obj(j, "excluded");
    json_int(j, "status", c->excluded_status);
    json_int(j, "optout", c->excluded_optout);
    json_int(j, "consent", c->excluded_consent);
    json_int(j, "suspended", c->excluded_suspended);
    json_obj_end(j);
}

static void preview_text(const export_preview *pv)
{
    args_row(stdout, "columns", pv->columns);
    args_row(stdout, "items", pv->items);
    if (pv->pledge_ok)
        args_row(stdout, "pledge", *pv->pledge_document ? pv->pledge_document : "not required");
    else
        args_row(stdout, "pledge", pv->pledge_problem);
    char standing[96];
    snprintf(standing, sizeof standing, "the chief officer's standing permission %" PRId64
             " (規程 第16条)", pv->permission_id);
    args_row(stdout, "approval", pv->needs_approval
                                     ? "the chief officer's, before the run (規程 第16条)"
                                     : standing);
    printf("%-15s %" PRId64 "\n", "included", pv->counts.included);
    printf("%-15s %" PRId64 " status, %" PRId64 " opt-out (第20条第5項), %" PRId64 " consent\n",
           "excluded", pv->counts.excluded_status, pv->counts.excluded_optout,
           pv->counts.excluded_consent);
    if (pv->counts.excluded_suspended) /* 第23条第2項: the society's own use stopped too */
        printf("%-15s 利用停止により除外 %" PRId64 "名 (第23条第2項)\n", "",
               pv->counts.excluded_suspended);
}

static int export_preview_cmd(cli *c, int argc, char **argv)
{
    export_spec s;
    long limit = -1;
    bool json = false;
    int rc = spec_parse("export preview", argc, argv, &s, &limit, &json);
    if (rc || (rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    export_preview pv;
    json_w j;
    excl_out x = {json ? &j : NULL, limit, 0, 0};
    if (json) {
        json_begin(&j, stdout);
        json_obj(&j, NULL);
        json_arr(&j, "excluded_members");
    } else {
        printf("excluded members:\n");
    }
    meibo_status st = export_preview_run(c->ctx, &s, &pv, excluded_row, &x, &err);
    if (json) {
        json_arr_end(&j);
        if (!st) {
            counts_json(&j, &pv.counts);
            json_str(&j, "columns", pv.columns);
            json_str(&j, "items", pv.items);
            json_bool(&j, "pledge_ok", pv.pledge_ok);
            json_str(&j, "pledge_problem", pv.pledge_ok ? NULL : pv.pledge_problem);
            json_str(&j, "pledge_document", pv.pledge_document);
            json_bool(&j, "needs_approval", pv.needs_approval);
        }
        json_obj_end(&j);
        json_end(&j);
    } else if (!st) {
        if (x.shown < x.total)
            printf("  ... %ld more (--limit)\n", x.total - x.shown);
        preview_text(&pv);
    }
    return st ? cli_error(&err) : 0;
}

static int export_request_cmd(cli *c, int argc, char **argv)
{
    export_spec s;
    bool json = false;
    int rc = spec_parse("export request", argc, argv, &s, NULL, &json);
    if (rc || (rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    export_preview pv;
    int64_t id;
    if (export_request(c->ctx, &s, &id, &pv, &err))
        return cli_error(&err);
    if (json) {
        json_w j;
        json_begin(&j, stdout);
        json_obj(&j, NULL);
        json_int(&j, "export", id);
        json_str(&j, "status", export_state_code(pv.needs_approval ? EXPORT_STATE_PENDING
                                                                 : EXPORT_STATE_READY));
        counts_json(&j, &pv.counts);
        json_str(&j, "columns", pv.columns);
        json_obj_end(&j);
        json_end(&j);
        return 0;
    }
    printf("requested export %" PRId64 ": %" PRId64 " members\n", id, pv.counts.included);
    if (pv.needs_approval)
        printf("it waits for the chief officer's approval (規程 第16条): "
               "meibo export approve %" PRId64 "\n", id);
    else
        printf("ready under the chief officer's standing permission %" PRId64
               " (規程 第16条): meibo export run %" PRId64 "\n", pv.permission_id, id);
    return 0;
}

/* export approve ID [--comment] | export deny ID --comment */
static int export_decide_cmd(cli *c, int argc, char **argv)
{
    bool approve = !strcmp(argv[0], "approve");
    const char *comment = NULL;
    int64_t id;
    int rc;
    if (approve) {
        static const struct option opts[] = {{"comment", required_argument, NULL, 'c'},
                                             {NULL, 0, NULL, 0}};
        int o;
        optind = 0;
        while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
            if (o != 'c')
                return cli_usage("export approve", "unknown option '%s'", argv[optind - 1]);
            comment = optarg;
        }
        if (optind + 1 != argc || !args_id(argv[optind], &id))
            return cli_usage("export approve", "give one export number");
    } else if ((rc = args_id_text("export deny", argc, argv, "comment", &id, &comment, NULL))) {
        return rc;
    }
    if ((rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    if (export_decide(c->ctx, id, approve, comment, &err))
        return cli_error(&err);
    printf("export %" PRId64 " %s\n", id, approve ? "approved" : "denied");
    return 0;
}

static void delivery_text(const char *what, const outbox_delivery *d)
{
    cli_delivered(what, d, true);
}

static int export_run_cmd(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {{"out", required_argument, NULL, 'o'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    const char *out = NULL;
    bool json = false;
    int64_t id;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (o == 'o')
            out = optarg;
        else if (o == 'j')
            json = true;
        else
            return cli_usage("export run", "unknown option '%s'", argv[optind - 1]);
    }
    if (optind + 1 != argc || !args_id(argv[optind], &id))
        return cli_usage("export run", "give one export number");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    export_result r;
    if (export_run(c->ctx, &c->cfg, id, out, &r, &err))
        return cli_error(&err);
    if (json) {
        json_w j;
        json_begin(&j, stdout);
        json_obj(&j, NULL);
        json_int(&j, "export", id);
        counts_json(&j, &r.counts);
        json_str(&j, "file_kind", r.file_kind);
        json_str(&j, "sha256", r.sha256);
        json_str(&j, "sheet", r.sheet.where);
        json_str(&j, "cover", r.cover.where);
        json_str(&j, "password_notice", r.password_letter ? r.password.where : NULL);
        json_obj_end(&j);
        json_end(&j);
        return 0;
    }
    printf("export %" PRId64 ": %" PRId64 " members, %s, sha256 %s\n", id, r.counts.included,
           r.file_kind, r.sha256);
    delivery_text(!strcmp(r.file_kind, "pdf")    ? "sheet"
                  : !strcmp(r.file_kind, "zip") ? "encrypted archive"
                                                : "xlsx",
                  &r.sheet);
    delivery_text("cover letter", &r.cover);
    if (r.password_letter) {
        delivery_text("password notice", &r.password);
        printf("send the password notice separately from the archive (取扱規程 第38条)\n");
    }
    return 0;
}

/* ---- list, show ------------------------------------------------------------------------------ */

static void info_json(json_w *j, const export_info *e)
{
    json_int(j, "id", e->id);
    json_str(j, "purpose", e->purpose);
    json_str(j, "purpose_name", e->purpose_name);
    json_str(j, "recipient", e->recipient);
    if (e->pledge_id)
        json_int(j, "pledge", e->pledge_id);
    else
        json_str(j, "pledge", NULL);
    json_str(j, "pledge_document", e->pledge_document);
    json_str(j, "media", e->media);
    json_bool(j, "file_copy", e->file_copy);
    json_str(j, "columns", e->columns);
    json_str(j, "items", e->items);
    json_str(j, "filters", e->filters);
    json_str(j, "status", e->status);
    counts_json(j, &e->counts);
    json_str(j, "requested_at", e->requested_at);
    json_str(j, "requested_by", e->requested_by);
    json_str(j, "decided_at", e->decided_at);
    json_str(j, "decided_by", e->decided_by);
    json_str(j, "decide_comment", e->decide_comment);
    json_str(j, "run_at", e->run_at);
    json_str(j, "run_by", e->run_by);
    json_str(j, "file_kind", e->file_kind);
    json_str(j, "sha256", e->file_sha256);
    json_str(j, "delivered_to", e->delivered_to);
    json_int(j, "policy_version", e->policy_version);
}

static int info_row(const export_info *e, void *arg)
{
    json_w *j = arg;
    if (j) {
        json_obj(j, NULL);
        info_json(j, e);
        json_obj_end(j);
        return 0;
    }
    printf("%" PRId64 "\t%s\t%s\t%s%s\t%" PRId64 "\t", e->id, e->status, e->purpose, e->media,
           e->file_copy && !strcmp(e->media, "paper") ? ",copy" : "", e->counts.included);
    cli_put(stdout, e->recipient);
    fputc('\t', stdout);
    cli_put(stdout, e->requested_at);
    fputc('\n', stdout);
    return 0;
}

static int info_detail(const export_info *e, void *arg)
{
    if (arg) {
        info_json(arg, e);
        return 0;
    }
    char buf[200];
    printf("export %" PRId64 "\n", e->id);
    args_row(stdout, "status", e->status);
    snprintf(buf, sizeof buf, "%s (%s)", e->purpose, e->purpose_name);
    args_row(stdout, "purpose", buf);
    args_row(stdout, "recipient", e->recipient);
    snprintf(buf, sizeof buf, "%" PRId64 " %s", e->pledge_id, e->pledge_document);
    args_row(stdout, "pledge", e->pledge_id ? buf : NULL);
    snprintf(buf, sizeof buf, "%s%s", e->media,
             e->file_copy && !strcmp(e->media, "paper") ? " (file copy)" : "");
    args_row(stdout, "media", buf);
    args_row(stdout, "columns", e->columns);
    args_row(stdout, "items", e->items);
    args_row(stdout, "filters", e->filters);
    snprintf(buf, sizeof buf, "%" PRId64, e->counts.included);
    args_row(stdout, "included", buf);
    snprintf(buf, sizeof buf, "%" PRId64 " status, %" PRId64 " opt-out, %" PRId64 " consent",
             e->counts.excluded_status, e->counts.excluded_optout, e->counts.excluded_consent);
    if (e->counts.excluded_suspended) {
        size_t used = strlen(buf);
        snprintf(buf + used, sizeof buf - used, ", 利用停止により除外 %" PRId64 "名 (第23条第2項)",
                 e->counts.excluded_suspended);
    }
    args_row(stdout, "excluded", buf);
    args_row(stdout, "requested_at", e->requested_at);
    args_row(stdout, "requested_by", e->requested_by);
    args_row(stdout, "decided_at", e->decided_at);
    args_row(stdout, "decided_by", e->decided_by);
    args_row(stdout, "comment", e->decide_comment);
    args_row(stdout, "run_at", e->run_at);
    args_row(stdout, "run_by", e->run_by);
    args_row(stdout, "file", e->file_kind);
    args_row(stdout, "sha256", e->file_sha256);
    args_row(stdout, "delivered_to", e->delivered_to);
    return 0;
}

static int export_list_cmd(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {{"status", required_argument, NULL, 's'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    const char *status = NULL;
    bool json = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (o == 's')
            status = optarg;
        else if (o == 'j')
            json = true;
        else
            return cli_usage("export list", "unknown option '%s'", argv[optind - 1]);
    }
    if (optind != argc)
        return cli_usage("export list", "takes only options");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    json_w j, *jp = args_json_array(&j, json);
    meibo_status st = export_list(c->ctx, status, info_row, jp, &err);
    args_json_array_end(jp);
    return st ? cli_error(&err) : 0;
}

static int export_show_cmd(cli *c, int argc, char **argv)
{
    bool json = false;
    int64_t id;
    int rc = args_id_text("export show", argc, argv, NULL, &id, NULL, &json);
    if (rc || (rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    json_w j;
    if (json)
        json_begin(&j, stdout);
    if (export_show(c->ctx, id, info_detail, json ? &j : NULL, &err))
        return cli_error(&err);
    if (json)
        json_end(&j);
    return 0;
}

int cmd_export(cli *c, int argc, char **argv)
{
    static const args_sub subs[] = {
        {"purposes", export_purposes_cmd, NULL}, {"preview", export_preview_cmd, NULL},
        {"request", export_request_cmd, NULL},   {"approve", export_decide_cmd, NULL},
        {"deny", export_decide_cmd, NULL},       {"run", export_run_cmd, NULL},
        {"list", export_list_cmd, NULL},         {"show", export_show_cmd, NULL},
        {NULL, NULL, NULL}};
    return args_dispatch(c, "export", export_help, subs, argc, argv);
}

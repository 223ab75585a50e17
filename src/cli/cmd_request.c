/* cmd_request.c: meibo request add|list|show|decide|complete|print|reasons (規程 第22–23条). */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "json.h"
#include "meibo/config.h"
#include "meibo/request.h"
#include "meibo/rights_letter.h"
#include "print.h"

#define REQUEST_MAX_SETS 32

static const char request_help[] =
    "usage: meibo request add --kind KIND --member NO|--name NAME --address ADDR\n"
    "                         --identity METHOD [--identity-note TEXT]\n"
    "                         [--received DATE] [--channel letter|counter|email|fax|phone]\n"
    "                         [--content TEXT] [--document DOC]\n"
    "                         [--notifier self|family|facility_staff|agent] [--agent NAME]\n"
    "                         [--agent-proof TEXT] [--fee YEN] [--due DATE] [--json]\n"
    "       meibo request list [--due [--within DAYS]] [--all] [--status S] [--member NO]\n"
    "                          [--json]\n"
    "       meibo request show ID [--json]\n"
    "       meibo request decide ID --decision full|partial|none [--reason CODE] [--note TEXT]\n"
    "                            [--withhold FIELD,provision:N,...] [--set FIELD=VALUE ...]\n"
    "                            [--document DOC] [--json]\n"
    "       meibo request complete ID [--date DATE]\n"
    "       meibo request print ID [--format pdf|text] [--out FILE]\n"
    "       meibo request reasons [--kind KIND] [--json]\n"
    "A member's rights request (規程 第22条, 第23条): KIND is disclosure, correction, addition,\n"
    "deletion, suspension (利用停止・消去) or stop_provision (第三者提供の停止). METHOD, how\n"
    "identity was checked: drivers_license, my_number_card, passport, health_insurance,\n"
    "residence_card, registered_address, in_person, other (say how with --identity-note) or\n"
    "unverified: of the person who notified. --notifier says who that was (取扱規程 第7–8条):\n"
    "the member (self, the default), the member's family (family) or staff of the member's\n"
    "facility (facility_staff), who count as the member for a correction, addition or\n"
    "deletion and need no 委任状 (their name with --agent), or an agent (agent, the default\n"
    "with --agent), who needs the proof of agency (--agent-proof) before a request is granted.\n"
    "A suspension (利用停止・消去, 第23条第2項) granted in full also stops the society's own\n"
    "use: the member is left out of every export sheet ('利用停止により除外').\n"
    "Without --member the request is recorded against the person (--name, --address): linked\n"
    "to the member whose name and home address match, or, for a disclosure from someone the\n"
    "registry does not hold, answered that no such data is held (第22条第2項), with the same\n"
    "due date and notice.\n"
    "A request is due request_due_days (meibo.conf, default 14) after receipt;\n"
    "'list --due' shows the open ones overdue or due within 3 days (--within DAYS).\n"
    "'decide' records the decision: full (a clerk), partial or none with a reason (the chief\n"
    "officer; 'request reasons' lists them: 第22条第4項 for a disclosure). A correction,\n"
    "addition or deletion granted changes the member with --set, through the audited member\n"
    "edit; a suspension or stop of provision granted stops provision to third parties at once\n"
    "(第20条第5項). 'print' prints the notice to the member (第22条第5項): the disclosure\n"
    "(保有個人データ開示通知書, with every provision record), the non-disclosure with its\n"
    "reason, or the result. 'complete' closes a request once its notice went out.\n";

static void request_json(json_w *j, const request_info *r)
{
    json_int(j, "id", r->id);
    json_str(j, "kind", r->kind_code);
    json_str(j, "member_no", *r->member_no ? r->member_no : NULL);
    json_str(j, "received_on", r->received_on);
    json_str(j, "channel", r->channel);
    json_str(j, "content", r->content);
    json_str(j, "document_no", r->document_no);
    json_str(j, "identity", r->identity);
    json_str(j, "identity_note", r->identity_note);
    json_str(j, "agent", r->agent);
    json_str(j, "agent_proof", r->agent_proof);
    json_int(j, "fee_yen", r->fee_yen);
    json_str(j, "due_on", r->due_on);
    json_int(j, "days_left", r->days_left);
    json_bool(j, "overdue", r->overdue);
    json_bool(j, "due_soon", r->due_soon);
    json_str(j, "status", r->status);
    json_str(j, "decision", r->decision);
    json_str(j, "reason", r->reason);
    json_str(j, "reason_article", r->reason_article);
    json_str(j, "decision_note", r->decision_note);
    json_str(j, "withheld", r->withheld);
    json_str(j, "changed_fields", r->changed_fields);
    if (r->optout_id)
        json_int(j, "optout", r->optout_id);
    else
        json_str(j, "optout", NULL);
    json_str(j, "decided_on", r->decided_on);
    json_str(j, "decided_by", r->decided_by);
    json_str(j, "notified_on", r->notified_on);
    json_str(j, "completed_on", r->completed_on);
    json_str(j, "completed_by", r->completed_by);
    json_str(j, "recorded_at", r->created_at);
    json_str(j, "recorded_by", r->created_by);
    /* the person (第22条第2項: held false when no member matches) and who notified (取扱規程
     * 第7–8条) */
    json_str(j, "requester_name", r->requester_name);
    json_str(j, "requester_address", r->requester_address);
    json_bool(j, "held", r->member_id != 0);
    json_str(j, "notifier", r->notifier);
}

static const char *due_flag(const request_info *r)
{
    return r->overdue ? "overdue" : r->due_soon ? "due-soon" : "-";
}

static int request_row(const request_info *r, void *arg)
{
    json_w *j = arg;
    if (j) {
        json_obj(j, NULL);
        request_json(j, r);
        json_obj_end(j);
        return 0;
    }
    printf("%" PRId64 "\t%s\t%s\t%s\t%s\t", r->id, r->status, r->due_on, due_flag(r),
           r->kind_code);
    cli_put(stdout, *r->member_no ? r->member_no : "-");
    fputc('\t', stdout);
    cli_put(stdout, r->family_name);
    fputc(' ', stdout);
    cli_put(stdout, r->given_name);
    printf("\t%s\n", r->decision ? r->decision : "-");
    return 0;
}

static int request_detail(const request_info *r, void *arg)
{
    json_w *j = arg;
    if (j) {
        json_obj(j, NULL);
        request_json(j, r);
        json_obj_end(j);
        return 0;
    }
    printf("request %" PRId64 ": %s (%s, %s)\n", r->id, r->kind_code, request_kind_ja(r->kind),
           request_kind_article(r->kind));
    args_row(stdout, "status", r->status);
    char due[64];
    snprintf(due, sizeof due, "%s (%s, %d day%s left)", r->due_on, due_flag(r), r->days_left,
             r->days_left == 1 || r->days_left == -1 ? "" : "s");
    args_row(stdout, "due_on", r->open ? due : r->due_on);
    args_row(stdout, "member_no", *r->member_no ? r->member_no
                                                : "none: not in the registry (第22条第2項)");
    if (!r->member_id)
        args_row(stdout, "address", r->requester_address);
    char name[300];
    snprintf(name, sizeof name, "%s %s", r->family_name ? r->family_name : "",
             r->given_name ? r->given_name : "");
    args_row(stdout, "name", name);
    args_row(stdout, "received_on", r->received_on);
    args_row(stdout, "channel", r->channel);
    args_row(stdout, "content", r->content);
    args_row(stdout, "document_no", r->document_no);
    args_row(stdout, "identity", r->identity);
    args_row(stdout, "identity_note", r->identity_note);
    args_row(stdout, "notifier", !strcmp(r->notifier, "family")           ? "family (家族)"
                                 : !strcmp(r->notifier, "facility_staff") ? "facility staff (施設職員)"
                                 : !strcmp(r->notifier, "agent")          ? "agent (代理人)"
                                                                          : "the member (本人)");
    args_row(stdout, "agent", r->agent);
    args_row(stdout, "agent_proof", r->agent_proof);
    printf("%-15s %" PRId64 "\n", "fee_yen", r->fee_yen);
    if (r->decision) {
        args_row(stdout, "decision", r->decision);
        if (r->reason) {
            char reason[1200];
            snprintf(reason, sizeof reason, "%s %s %s", r->reason,
                     r->reason_article ? r->reason_article : "",
                     r->reason_text ? r->reason_text : "");
            args_row(stdout, "reason", reason);
        }
        args_row(stdout, "decision_note", r->decision_note);
        args_row(stdout, "withheld", r->withheld);
        args_row(stdout, "changed_fields", r->changed_fields);
        if (r->optout_id)
            printf("%-15s %" PRId64 "\n", "optout", r->optout_id);
        char by[200];
        snprintf(by, sizeof by, "%s %s (%s)", r->decided_on, r->decided_by,
                 r->decided_role ? r->decided_role : "");
        args_row(stdout, "decided", by);
        args_row(stdout, "notified_on", r->notified_on);
    }
    if (r->completed_on) {
        char by[200];
        snprintf(by, sizeof by, "%s %s", r->completed_on, r->completed_by);
        args_row(stdout, "completed", by);
    }
    args_row(stdout, "recorded", r->created_at);
    args_row(stdout, "recorded_by", r->created_by);
    return 0;
}

static int request_recorded(const request_info *r, void *arg)
{
    (void)arg;
    printf("recorded request %" PRId64 ": %s of member ", r->id, r->kind_code);
    cli_put(stdout, r->member_no);
    printf(", due %s\n", r->due_on);
    return 0;
}

static int request_add_cmd(cli *c, int argc, char **argv)
{
    enum { O_KIND = 256, O_MEMBER, O_IDENTITY, O_NOTE, O_RECEIVED, O_CHANNEL, O_CONTENT,
           O_DOCUMENT, O_AGENT, O_PROOF, O_FEE, O_DUE, O_JSON, O_NOTIFIER, O_NAME, O_ADDRESS };
    static const struct option opts[] = {
        {"kind", required_argument, NULL, O_KIND},
        {"member", required_argument, NULL, O_MEMBER},
        {"identity", required_argument, NULL, O_IDENTITY},
        {"identity-note", required_argument, NULL, O_NOTE},
        {"received", required_argument, NULL, O_RECEIVED},
        {"channel", required_argument, NULL, O_CHANNEL},
        {"content", required_argument, NULL, O_CONTENT},
        {"document", required_argument, NULL, O_DOCUMENT},
        {"agent", required_argument, NULL, O_AGENT},
        {"notifier", required_argument, NULL, O_NOTIFIER},
        {"name", required_argument, NULL, O_NAME},
        {"address", required_argument, NULL, O_ADDRESS},
        {"agent-proof", required_argument, NULL, O_PROOF},
        {"fee", required_argument, NULL, O_FEE},
        {"due", required_argument, NULL, O_DUE},
        {"json", no_argument, NULL, O_JSON},
        {NULL, 0, NULL, 0}};
    request_new r = {0};
    bool json = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        char *end;
        switch (o) {
        case O_KIND: r.kind = optarg; break;
        case O_MEMBER: r.member_no = optarg; break;
        case O_IDENTITY: r.identity = optarg; break;
        case O_NOTE: r.identity_note = optarg; break;
        case O_RECEIVED: r.received_on = optarg; break;
        case O_CHANNEL: r.channel = optarg; break;
        case O_CONTENT: r.content = optarg; break;
        case O_DOCUMENT: r.document_no = optarg; break;
        case O_AGENT: r.agent = optarg; break;
        case O_NOTIFIER: r.notifier = optarg; break;
        case O_NAME: r.requester_name = optarg; break;
        case O_ADDRESS: r.requester_address = optarg; break;
        case O_PROOF: r.agent_proof = optarg; break;
        case O_FEE:
            r.fee_yen = strtol(optarg, &end, 10);
            if (!*optarg || *end)
                return cli_usage("request add", "--fee takes the yen received, a number");
            break;
        case O_DUE: r.due_on = optarg; break;
        case O_JSON: json = true; break;
        default: return cli_usage("request add", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage("request add", "unexpected argument '%s'", argv[optind]);
    if (!r.kind || (!r.member_no && !r.requester_name) || !r.identity)
        return cli_usage("request add", "--kind, --member (or --name and --address of the "
                                        "person) and --identity are required");
    if (r.member_no && (r.requester_name || r.requester_address))
        return cli_usage("request add", "--member, or --name and --address: not both");
    r.due_days = c->cfg.request_due_days;
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    int64_t id;
    if (request_add(c->ctx, &r, &id, &err))
        return cli_error(&err);
    json_w j;
    if (json)
        json_begin(&j, stdout);
    if (request_show(c->ctx, id, json ? request_detail : request_recorded, json ? &j : NULL, &err))
        return cli_error(&err);
    if (json)
        json_end(&j);
    return 0;
}

static int request_list_cmd(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {{"due", no_argument, NULL, 'd'},
                                         {"within", required_argument, NULL, 'w'},
                                         {"all", no_argument, NULL, 'a'},
                                         {"status", required_argument, NULL, 's'},
                                         {"member", required_argument, NULL, 'm'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    request_filter f = {0};
    bool json = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        char *end;
        switch (o) {
        case 'd': f.due = true; break;
        case 'w':
            f.due_within = (int)strtol(optarg, &end, 10);
            if (*end || end == optarg || f.due_within < 1 || f.due_within > 366)
                return cli_usage("request list", "--within takes a number of days (1 to 366)");
            break;
        case 'a': f.all = true; break;
        case 's': f.status = optarg; break;
        case 'm': f.member_no = optarg; break;
        case 'j': json = true; break;
        default: return cli_usage("request list", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage("request list", "takes only options");
    if (f.due_within && !f.due)
        return cli_usage("request list", "--within goes with --due");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    json_w j, *jp = args_json_array(&j, json);
    meibo_status st = request_list(c->ctx, &f, request_row, jp, &err);
    args_json_array_end(jp);
    return st ? cli_error(&err) : 0;
}

static int request_show_cmd(cli *c, int argc, char **argv)
{
    bool json = false;
    int64_t id;
    const char *none = NULL;
    int rc = args_id_text("request show", argc, argv, NULL, &id, &none, &json);
    if (rc || (rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    json_w j;
    if (json)
        json_begin(&j, stdout);
    if (request_show(c->ctx, id, request_detail, json ? &j : NULL, &err))
        return cli_error(&err);
    if (json)
        json_end(&j);
    return 0;
}

static int request_decide_cmd(cli *c, int argc, char **argv)
{
    enum { O_DECISION = 256, O_REASON, O_NOTE, O_WITHHOLD, O_SET, O_DOCUMENT, O_JSON };
    static const struct option opts[] = {{"decision", required_argument, NULL, O_DECISION},
                                         {"reason", required_argument, NULL, O_REASON},
                                         {"note", required_argument, NULL, O_NOTE},
                                         {"withhold", required_argument, NULL, O_WITHHOLD},
                                         {"set", required_argument, NULL, O_SET},
                                         {"document", required_argument, NULL, O_DOCUMENT},
                                         {"json", no_argument, NULL, O_JSON},
                                         {NULL, 0, NULL, 0}};
    const char *sets[REQUEST_MAX_SETS];
    request_decision d = {0};
    d.set = sets;
    bool json = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case O_DECISION: d.decision = optarg; break;
        case O_REASON: d.reason = optarg; break;
        case O_NOTE: d.note = optarg; break;
        case O_WITHHOLD: d.withhold = optarg; break;
        case O_SET:
            if (d.nset >= REQUEST_MAX_SETS)
                return cli_usage("request decide", "at most %d --set", REQUEST_MAX_SETS);
            sets[d.nset++] = optarg;
            break;
        case O_DOCUMENT: d.document_no = optarg; break;
        case O_JSON: json = true; break;
        default: return cli_usage("request decide", "unknown option '%s'", argv[optind - 1]);
        }
    }
    int64_t id;
    if (optind + 1 != argc || !args_id(argv[optind], &id))
        return cli_usage("request decide", "give one request number");
    if (!d.decision)
        return cli_usage("request decide", "--decision full|partial|none is required");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    if (request_decide(c->ctx, id, &d, &err))
        return cli_error(&err);
    json_w j;
    if (json)
        json_begin(&j, stdout);
    else
        printf("request %" PRId64 " decided: %s\n", id, d.decision);
    if (request_show(c->ctx, id, json ? request_detail : request_row, json ? &j : NULL, &err))
        return cli_error(&err);
    if (json)
        json_end(&j);
    return 0;
}

static int request_complete_cmd(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {{"date", required_argument, NULL, 'd'},
                                         {NULL, 0, NULL, 0}};
    const char *date = NULL;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (o != 'd')
            return cli_usage("request complete", "unknown option '%s'", argv[optind - 1]);
        date = optarg;
    }
    int64_t id;
    if (optind + 1 != argc || !args_id(argv[optind], &id))
        return cli_usage("request complete", "give one request number");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    if (request_complete(c->ctx, id, date, &err))
        return cli_error(&err);
    printf("request %" PRId64 " completed\n", id);
    return 0;
}

static meibo_status request_letter_build(meibo_ctx *ctx, const meibo_config *cfg,
                                         letter_format fmt, letter *out, void *arg,
                                         meibo_err *err)
{
    return letter_request(ctx, cfg, *(const int64_t *)arg, fmt, out, err);
}

static int request_print_cmd(cli *c, int argc, char **argv)
{
    return print_id_cmd(c, argc, argv, "request print", "give one request number", request_letter_build);
}

static int reason_row(const request_reason *r, void *arg)
{
    json_w *j = arg;
    if (j) {
        json_obj(j, NULL);
        json_str(j, "code", r->code);
        json_str(j, "kinds", r->kinds);
        json_str(j, "article", r->article);
        json_str(j, "text", r->text);
        json_obj_end(j);
        return 0;
    }
    printf("%-15s %-18s %s\n", r->code, r->article, r->text);
    return 0;
}

static int request_reasons_cmd(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {{"kind", required_argument, NULL, 'k'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    const char *kind = NULL;
    bool json = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case 'k': kind = optarg; break;
        case 'j': json = true; break;
        default: return cli_usage("request reasons", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage("request reasons", "takes only options");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    json_w j, *jp = args_json_array(&j, json);
    meibo_status st = request_reasons(c->ctx, kind, reason_row, jp, &err);
    args_json_array_end(jp);
    return st ? cli_error(&err) : 0;
}

int cmd_request(cli *c, int argc, char **argv)
{
    static const args_sub subs[] = {
        {"add", request_add_cmd, NULL},           {"list", request_list_cmd, NULL},
        {"show", request_show_cmd, NULL},         {"decide", request_decide_cmd, NULL},
        {"complete", request_complete_cmd, NULL}, {"print", request_print_cmd, NULL},
        {"reasons", request_reasons_cmd, NULL},   {NULL, NULL, NULL}};
    return args_dispatch(c, "request", request_help, subs, argc, argv);
}

/* cmd_inquiry.c: meibo inquiry decide|add|list|show|approve|deny|print, meibo provision list. */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "json.h"
#include "meibo/inquiry.h"
#include "meibo/inquiry_letter.h"
#include "meibo/provision.h"
#include "print.h"

static const char inquiry_help[] =
    "usage: meibo inquiry decide REQUEST [--json]   what the rules say; records nothing\n"
    "       meibo inquiry add REQUEST [--json]      record the request and its decision\n"
    "       meibo inquiry list [--status decided|pending|approved|denied] [--member NO]\n"
    "                          [--limit N] [--json]\n"
    "       meibo inquiry show ID [--json]\n"
    "       meibo inquiry approve ID --comment TEXT   (chief officer: a held inquiry)\n"
    "       meibo inquiry deny ID --comment TEXT      (chief officer: a held inquiry)\n"
    "       meibo inquiry address ID --address TEXT   the postal address to mail the letter to\n"
    "                          (a requester who gave only a telephone number; 第20条第2項)\n"
    "       meibo inquiry given ID   an answer by telephone the chief officer consented to\n"
    "                          (第20条第2項) was given: its provision is recorded\n"
    "       meibo inquiry void ID --reason TEXT   an inquiry recorded by mistake\n"
    "       meibo inquiry print ID [--format pdf|text] [--out FILE]\n"
    "                          the letter: to FILE, else the printer (meibo.conf), else the\n"
    "                          outbox; text without --out is a preview on stdout. An answer\n"
    "                          given out records its provision (個人情報保護法 第29条)\n"
    "REQUEST:\n"
    "  the member:  --member NO | --name NAME [--birth-date DATE] [--facility NAME]\n"
    "  --category C      self family colleague member academic government police agency\n"
    "                    patient_group | commercial investigator press (第20条第3項, 第4項)\n"
    "  the ground, one of:\n"
    "  --purpose P       abstract_registration enrollment_check specialist_application\n"
    "                    qualification_renewal society_business greetings_notices (第20条第1項;\n"
    "                    each for the categories of meibo policy show; any other is refused)\n"
    "  --legal-basis STATUTE --legal-document 'NO, DATE'   government police agency: a\n"
    "                    request under a statute and its 照会書 (第19条第1項第1号), no purpose\n"
    "  --emergency       life, body or property (第19条第1項第2号), no purpose\n"
    "                    (the member's own request, category self, needs none: 第22条)\n"
    "  --items a,d       a 会員番号 b 専門医番号 c 入会年月日 d 所属施設 e 氏名・生年月日・自宅住所\n"
    "                    f メールアドレス\n"
    "  --identity verified|unverified   identity, origin and purpose made clear (第20条第4項(a))\n"
    "  [--method written|other] [--medium paper|electronic]\n"
    "  [--requester NAME] [--organization ORG] [--contact TEXT]\n"
    "  [--identity-check HOW] [--channel letter|fax|phone|email|counter] [--received DATE]\n"
    "'inquiry add' needs --requester. See meibo policy show for the codes in force.\n";

/* ---- the decision ------------------------------------------------------------------------ */

static void reasons_json(json_w *j, const decide_reason *reasons, int n)
{
    json_arr(j, "reasons");
    for (int i = 0; i < n; i++) {
        json_obj(j, NULL);
        json_str(j, "code", reasons[i].code);
        json_str(j, "article", reasons[i].article);
        json_str(j, "text", reasons[i].text);
        json_obj_end(j);
    }
    json_arr_end(j);
}

static const char *ground_name(decide_ground g)
{
    static const char *const names[] = {"purpose", "statute", "emergency", "disclosure"};
    return (unsigned)g < sizeof names / sizeof *names ? names[g] : "?";
}

static void decision_json(json_w *j, const decide_result *r)
{
    json_str(j, "outcome", decide_outcome_name(r->outcome));
    json_obj(j, "items");
    for (int i = 0; i < DECIDE_ITEMS; i++) {
        if (!(r->requested & (1u << i)))
            continue;
        char key[2] = {(char)('a' + i), '\0'};
        json_str(j, key, (r->provided & (1u << i)) ? "provide" : "withhold");
    }
    json_obj_end(j);
    reasons_json(j, r->reasons, r->nreasons);
    json_int(j, "policy_version", r->policy_version);
    json_arr(j, "hold");
    if (r->outcome == DECIDE_HOLD && (r->hold & DECIDE_HOLD_CHIEF))
        json_str(j, NULL, "chief");
    if (r->outcome == DECIDE_HOLD && (r->hold & DECIDE_HOLD_PLEDGE))
        json_str(j, NULL, "pledge");
    json_arr_end(j);
    if (r->pledge_id)
        json_int(j, "pledge", r->pledge_id);
    else
        json_str(j, "pledge", NULL);
    json_bool(j, "legal_basis", r->legal_basis);
    json_str(j, "ground", ground_name(r->ground));
}

static void reasons_text(const decide_reason *reasons, int n)
{
    for (int i = 0; i < n; i++) {
        fputs("  ", stdout);
        cli_put(stdout, reasons[i].code);
        fputs("  ", stdout);
        cli_put(stdout, reasons[i].article);
        fputs("  ", stdout);
        cli_put(stdout, reasons[i].text);
        fputc('\n', stdout);
    }
}

static void decision_text(const decide_result *r)
{
    printf("outcome         %s", decide_outcome_name(r->outcome));
    if (r->outcome == DECIDE_HOLD)
        printf(" (waiting for %s)",
               (r->hold & DECIDE_HOLD_CHIEF) && (r->hold & DECIDE_HOLD_PLEDGE)
                   ? "the chief officer and a pledge"
               : (r->hold & DECIDE_HOLD_PLEDGE) ? "a pledge"
                                                : "the chief officer");
    fputc('\n', stdout);
    fputs("items          ", stdout);
    for (int i = 0; i < DECIDE_ITEMS; i++)
        if (r->requested & (1u << i))
            printf(" %c %s", 'a' + i, (r->provided & (1u << i)) ? "provide" : "withhold");
    fputc('\n', stdout);
    printf("ground          %s\n", ground_name(r->ground));
    printf("policy version  %" PRId64 "\n", r->policy_version);
    puts("reasons");
    reasons_text(r->reasons, r->nreasons);
}

static void result_print(const inquiry_result *res, bool recorded, bool json)
{
    const decide_result *r = &res->decision;
    if (json) {
        json_w j;
        json_begin(&j, stdout);
        json_obj(&j, NULL);
        decision_json(&j, r);
        json_str(&j, "member_no", *res->member_no ? res->member_no : NULL);
        json_bool(&j, "member_looked_up", r->member_needed);
        if (recorded) {
            json_int(&j, "inquiry", res->inquiry_id);
            json_str(&j, "status", res->status);
        }
        json_obj_end(&j);
        json_end(&j);
        return;
    }
    if (recorded)
        printf("inquiry %" PRId64 " %s\n", res->inquiry_id, res->status);
    printf("member          %s\n", !r->member_needed ? "(not looked up)"
                                   : *res->member_no ? res->member_no
                                                     : "(not found)");
    decision_text(r);
    if (!recorded)
        puts("(what-if: nothing recorded; 'meibo inquiry add' records it)");
}

/* Parse the request options; returns 0 or an exit code. */
static int request_parse(const char *cmd, int argc, char **argv, inquiry_request *q, bool *json)
{
    enum { O_MEMBER = 256, O_NAME, O_BIRTH, O_FACILITY, O_CATEGORY, O_PURPOSE, O_ITEMS,
           O_METHOD, O_MEDIUM, O_IDENTITY, O_CHECK, O_LEGAL, O_EMERGENCY, O_REQUESTER, O_ORG,
           O_CONTACT, O_CHANNEL, O_RECEIVED, O_JSON, O_DOCUMENT };
    static const struct option opts[] = {
        {"member", required_argument, NULL, O_MEMBER},
        {"name", required_argument, NULL, O_NAME},
        {"birth-date", required_argument, NULL, O_BIRTH},
        {"facility", required_argument, NULL, O_FACILITY},
        {"category", required_argument, NULL, O_CATEGORY},
        {"purpose", required_argument, NULL, O_PURPOSE},
        {"items", required_argument, NULL, O_ITEMS},
        {"method", required_argument, NULL, O_METHOD},
        {"medium", required_argument, NULL, O_MEDIUM},
        {"identity", required_argument, NULL, O_IDENTITY},
        {"identity-check", required_argument, NULL, O_CHECK},
        {"legal-basis", required_argument, NULL, O_LEGAL},
        {"legal-document", required_argument, NULL, O_DOCUMENT},
        {"emergency", no_argument, NULL, O_EMERGENCY},
        {"requester", required_argument, NULL, O_REQUESTER},
        {"organization", required_argument, NULL, O_ORG},
        {"contact", required_argument, NULL, O_CONTACT},
        {"channel", required_argument, NULL, O_CHANNEL},
        {"received", required_argument, NULL, O_RECEIVED},
        {"json", no_argument, NULL, O_JSON},
        {NULL, 0, NULL, 0}};
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case O_MEMBER: q->member_no = optarg; break;
        case O_NAME: q->name = optarg; break;
        case O_BIRTH: q->birth_date = optarg; break;
        case O_FACILITY: q->facility = optarg; break;
        case O_CATEGORY: q->category = optarg; break;
        case O_PURPOSE: q->purpose = optarg; break;
        case O_ITEMS: q->items = optarg; break;
        case O_METHOD: q->method = optarg; break;
        case O_MEDIUM: q->medium = optarg; break;
        case O_IDENTITY: q->identity = optarg; break;
        case O_CHECK: q->identity_check = optarg; break;
        case O_LEGAL: q->legal_basis = optarg; break;
        case O_DOCUMENT: q->legal_document = optarg; break;
        case O_EMERGENCY: q->emergency = true; break;
        case O_REQUESTER: q->requester = optarg; break;
        case O_ORG: q->organization = optarg; break;
        case O_CONTACT: q->contact = optarg; break;
        case O_CHANNEL: q->channel = optarg; break;
        case O_RECEIVED: q->received_on = optarg; break;
        case O_JSON: *json = true; break;
        default: return cli_usage(cmd, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
    if (!q->member_no && !q->name)
        return cli_usage(cmd, "name the member: --member NO, or --name NAME (with --birth-date "
                              "or --facility)");
    if (!q->category || !q->items || !q->identity)
        return cli_usage(cmd, "--category, --items and --identity are required");
    return 0;
}

/* inquiry decide | inquiry add (argv[0]) */
static int inquiry_decide_cmd(cli *c, int argc, char **argv)
{
    bool record = !strcmp(argv[0], "add");
    const char *cmd = record ? "inquiry add" : "inquiry decide";
    inquiry_request q = {0};
    bool json = false;
    int rc = request_parse(cmd, argc, argv, &q, &json);
    if (rc)
        return rc;
    if (record && !q.requester)
        return cli_usage(cmd, "--requester NAME is required to record an inquiry");
    if ((rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    inquiry_result *res = malloc(sizeof *res);
    if (!res) {
        meibo_fail(&err, MEIBO_ERR_NOMEM, "out of memory");
        return cli_error(&err);
    }
    meibo_status st = record ? inquiry_add(c->ctx, &q, res, &err)
                             : inquiry_decide(c->ctx, &q, res, &err);
    if (!st)
        result_print(res, record, json);
    free(res);
    return st ? cli_error(&err) : 0;
}

/* ---- list, show -------------------------------------------------------------------------- */

static void inquiry_json(json_w *j, const inquiry_info *q)
{
    json_int(j, "id", q->id);
    json_str(j, "received_on", q->received_on);
    json_str(j, "channel", q->channel);
    json_str(j, "requester", q->requester);
    json_str(j, "organization", q->organization);
    json_str(j, "contact", q->contact);
    json_str(j, "address", q->address && *q->address ? q->address : NULL);
    json_str(j, "voided_at", q->voided_at);
    json_str(j, "void_reason", q->voided_at ? q->void_reason : NULL);
    json_str(j, "category", q->category);
    json_str(j, "identity", q->identity);
    json_str(j, "identity_check", q->identity_check);
    json_str(j, "purpose", q->purpose);
    json_str(j, "items", q->items);
    json_str(j, "method", q->method);
    json_str(j, "medium", q->medium);
    json_str(j, "legal_basis", q->legal_basis && *q->legal_basis ? q->legal_basis : NULL);
    json_str(j, "legal_document",
             q->legal_document && *q->legal_document ? q->legal_document : NULL);
    json_bool(j, "emergency", q->emergency);
    json_str(j, "member_query", q->member_query);
    json_str(j, "member_no", q->member_no && *q->member_no ? q->member_no : NULL);
    json_str(j, "status", q->status);
    json_str(j, "outcome", q->outcome);
    json_str(j, "provided", q->provided);
    json_str(j, "hold", q->hold && *q->hold ? q->hold : NULL);
    json_int(j, "policy_version", q->policy_version);
    json_str(j, "created_at", q->created_at);
    json_str(j, "created_by", q->created_by);
}

static int inquiry_row(const inquiry_info *q, void *arg)
{
    json_w *j = arg;
    if (j) {
        json_obj(j, NULL);
        inquiry_json(j, q);
        json_obj_end(j);
        return 0;
    }
    printf("%" PRId64 "\t%s\t%s\t%s\t", q->id, q->received_on, q->voided_at ? "voided" : q->status,
           q->outcome ? q->outcome : "-");
    const char *cols[] = {q->category, q->organization && *q->organization ? q->organization
                                                                           : q->requester,
                          q->member_no && *q->member_no ? q->member_no : "-", q->items,
                          q->provided && *q->provided ? q->provided : "-"};
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
        if (i)
            fputc('\t', stdout);
        cli_put(stdout, cols[i]);
    }
    fputc('\n', stdout);
    return 0;
}

static int inquiry_list_cmd(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {{"status", required_argument, NULL, 's'},
                                         {"member", required_argument, NULL, 'm'},
                                         {"limit", required_argument, NULL, 'l'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    inquiry_filter f = {0};
    bool json = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case 's': f.status = optarg; break;
        case 'm': f.member_no = optarg; break;
        case 'l': {
            int64_t n;
            if (!args_id(optarg, &n) || n > 1000000)
                return cli_usage("inquiry list", "--limit is a positive number");
            f.limit = (int)n;
            break;
        }
        case 'j': json = true; break;
        default: return cli_usage("inquiry list", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage("inquiry list", "takes only options");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    json_w j, *jp = args_json_array(&j, json);
    meibo_status st = inquiry_list(c->ctx, &f, inquiry_row, jp, &err);
    args_json_array_end(jp);
    return st ? cli_error(&err) : 0;
}

static int show_inquiry(const inquiry_info *q, void *arg)
{
    json_w *j = arg;
    if (j) {
        inquiry_json(j, q);
        json_arr(j, "decisions");
        return 0;
    }
    printf("inquiry %" PRId64 "\n", q->id);
    args_row(stdout, "status", q->status);
    args_row(stdout, "received_on", q->received_on);
    args_row(stdout, "channel", q->channel);
    args_row(stdout, "requester", q->requester);
    args_row(stdout, "organization", q->organization);
    args_row(stdout, "contact", q->contact);
    args_row(stdout, "address", q->address);
    if (q->voided_at) {
        args_row(stdout, "voided", q->voided_at);
        args_row(stdout, "void_reason", q->void_reason);
    }
    args_row(stdout, "category", q->category);
    args_row(stdout, "identity", q->identity);
    args_row(stdout, "identity_check", q->identity_check);
    args_row(stdout, "purpose", q->purpose);
    args_row(stdout, "items", q->items);
    args_row(stdout, "method", q->method);
    args_row(stdout, "medium", q->medium);
    args_row(stdout, "legal_basis", q->legal_basis);
    args_row(stdout, "legal_document", q->legal_document);
    args_row(stdout, "emergency", q->emergency ? "yes" : "no");
    args_row(stdout, "member_query", q->member_query);
    args_row(stdout, "member_no", q->member_no);
    args_row(stdout, "recorded", q->created_at);
    args_row(stdout, "recorded_by", q->created_by);
    return 0;
}

static int show_decision(const inquiry_decision_info *d, void *arg)
{
    json_w *j = arg;
    if (j) {
        json_obj(j, NULL);
        json_str(j, "kind", d->kind);
        json_str(j, "outcome", d->outcome);
        json_str(j, "provided", d->provided);
        json_str(j, "hold", *d->hold ? d->hold : NULL);
        if (d->pledge_id)
            json_int(j, "pledge", d->pledge_id);
        else
            json_str(j, "pledge", NULL);
        json_int(j, "policy_version", d->policy_version);
        json_str(j, "comment", *d->comment ? d->comment : NULL);
        json_str(j, "decided_at", d->decided_at);
        json_str(j, "decided_by", d->decided_by);
        json_str(j, "decided_role", d->decided_role);
        reasons_json(j, d->reasons, d->nreasons);
        json_obj_end(j);
        return 0;
    }
    printf("\ndecision (%s) %s by %s (%s), policy version %" PRId64 "\n", d->kind, d->decided_at,
           d->decided_by, d->decided_role, d->policy_version);
    printf("outcome         %s%s%s\n", d->outcome, *d->hold ? ", waiting for " : "", d->hold);
    args_row(stdout, "provided", d->provided);
    if (d->pledge_id)
        printf("%-15s #%" PRId64 "\n", "pledge", d->pledge_id);
    if (*d->comment)
        args_row(stdout, "comment", d->comment);
    puts("reasons");
    reasons_text(d->reasons, d->nreasons);
    return 0;
}

static int inquiry_show_cmd(cli *c, int argc, char **argv)
{
    bool json = false;
    int64_t id;
    const char *none = NULL;
    int rc = args_id_text("inquiry show", argc, argv, NULL, &id, &none, &json);
    if (rc)
        return rc;
    rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    json_w j;
    if (json) {
        json_begin(&j, stdout);
        json_obj(&j, NULL);
    }
    meibo_status st = inquiry_show(c->ctx, id, show_inquiry, show_decision, json ? &j : NULL, &err);
    if (json && !st) {
        json_arr_end(&j);
        json_obj_end(&j);
        json_end(&j);
    }
    return st ? cli_error(&err) : 0;
}

/* ---- print ------------------------------------------------------------------------------- */

static meibo_status inquiry_letter(meibo_ctx *ctx, const meibo_config *cfg, letter_format fmt,
                                   letter *out, void *arg, meibo_err *err)
{
    return letter_inquiry(ctx, cfg, *(const int64_t *)arg, fmt, out, err);
}

/* inquiry print ID [--format pdf|text] [--out FILE] */
static int inquiry_print_cmd(cli *c, int argc, char **argv)
{
    return print_id_cmd(c, argc, argv, "inquiry print", "give one inquiry number", inquiry_letter);
}

/* inquiry address ID --address TEXT */
static int inquiry_address_cmd(cli *c, int argc, char **argv)
{
    const char *address = NULL;
    int64_t id;
    int rc = args_id_text("inquiry address", argc, argv, "address", &id, &address, NULL);
    if (rc || (rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    if (inquiry_set_address(c->ctx, id, address, &err))
        return cli_error(&err);
    printf("inquiry %" PRId64 ": its letter is mailed to %s\n", id, address);
    return 0;
}

/* inquiry void ID --reason TEXT | inquiry given ID (argv[0]) */
static int inquiry_void_cmd(cli *c, int argc, char **argv)
{
    bool given = !strcmp(argv[0], "given");
    const char *reason = NULL;
    int64_t id;
    int rc = args_id_text(given ? "inquiry given" : "inquiry void", argc, argv,
                          given ? NULL : "reason", &id, &reason, NULL);
    if (rc || (rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    if (given ? inquiry_mark_given(c->ctx, id, &err) : inquiry_void(c->ctx, id, reason, &err))
        return cli_error(&err);
    printf(given ? "inquiry %" PRId64 ": answered by telephone; its provision is recorded\n"
                 : "inquiry %" PRId64 ": voided\n", id);
    return 0;
}

/* ---- approve, deny ----------------------------------------------------------------------- */

/* inquiry approve | inquiry deny (argv[0]) */
static int inquiry_answer_cmd(cli *c, int argc, char **argv)
{
    bool approve = !strcmp(argv[0], "approve");
    const char *comment = NULL;
    bool json = false;
    int64_t id;
    int rc = args_id_text(approve ? "inquiry approve" : "inquiry deny", argc, argv, "comment", &id,
                          &comment, &json);
    if (rc)
        return rc;
    rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    inquiry_result *res = malloc(sizeof *res);
    if (!res) {
        meibo_fail(&err, MEIBO_ERR_NOMEM, "out of memory");
        return cli_error(&err);
    }
    meibo_status st = approve ? inquiry_approve(c->ctx, id, comment, res, &err)
                              : inquiry_deny(c->ctx, id, comment, res, &err);
    if (!st)
        result_print(res, true, json);
    free(res);
    return st ? cli_error(&err) : 0;
}

int cmd_inquiry(cli *c, int argc, char **argv)
{
    static const args_sub subs[] = {
        {"decide", inquiry_decide_cmd, NULL},   {"add", inquiry_decide_cmd, NULL},
        {"list", inquiry_list_cmd, NULL},       {"show", inquiry_show_cmd, NULL},
        {"approve", inquiry_answer_cmd, NULL},  {"deny", inquiry_answer_cmd, NULL},
        {"print", inquiry_print_cmd, NULL},     {"address", inquiry_address_cmd, NULL},
        {"void", inquiry_void_cmd, NULL},       {"given", inquiry_void_cmd, NULL},
        {NULL, NULL, NULL}};
    return args_dispatch(c, "inquiry", inquiry_help, subs, argc, argv);
}

/* ---- provision --------------------------------------------------------------------------- */

static int provision_row(const provision_info *p, void *arg)
{
    json_w *j = arg;
    if (j) {
        json_obj(j, NULL);
        json_int(j, "id", p->id);
        json_str(j, "member_no", p->member_no);
        json_str(j, "provided_on", p->provided_on);
        json_str(j, "recipient", p->recipient);
        json_str(j, "requester", p->requester);
        json_str(j, "category", p->category);
        json_str(j, "items", p->items);
        json_str(j, "purpose", p->purpose);
        json_str(j, "basis", p->basis);
        json_bool(j, "legal_basis", p->legal_basis);
        if (p->inquiry_id)
            json_int(j, "inquiry", p->inquiry_id);
        else
            json_str(j, "inquiry", NULL);
        if (p->pledge_id)
            json_int(j, "pledge", p->pledge_id);
        else
            json_str(j, "pledge", NULL);
        if (p->export_id)
            json_int(j, "export", p->export_id);
        else
            json_str(j, "export", NULL);
        json_str(j, "retention_until", p->retention_until);
        json_str(j, "recorded_by", p->created_by);
        json_obj_end(j);
        return 0;
    }
    printf("%" PRId64 "\t%s\t%s\t", p->id, p->provided_on, p->member_no);
    const char *cols[] = {p->recipient, p->category, p->items, p->purpose,
                          p->legal_basis ? "legal-basis" : "-", p->retention_until, p->basis};
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
        if (i)
            fputc('\t', stdout);
        cli_put(stdout, cols[i]);
    }
    if (p->inquiry_id)
        printf("\tinquiry %" PRId64, p->inquiry_id);
    if (p->export_id)
        printf("\texport %" PRId64, p->export_id);
    fputc('\n', stdout);
    return 0;
}

static int provision_list_cmd(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {{"member", required_argument, NULL, 'm'},
                                         {"recipient", required_argument, NULL, 'r'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    const char *member = NULL, *recipient = NULL;
    bool json = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case 'm': member = optarg; break;
        case 'r': recipient = optarg; break;
        case 'j': json = true; break;
        default: return cli_usage("provision list", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc || !member == !recipient)
        return cli_usage("provision list", "give --member NO or --recipient NAME");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    json_w j, *jp = args_json_array(&j, json);
    meibo_status st = provision_list(c->ctx, member, recipient, provision_row, jp, &err);
    args_json_array_end(jp);
    return st ? cli_error(&err) : 0;
}

int cmd_provision(cli *c, int argc, char **argv)
{
    static const char help[] =
        "usage: meibo provision list --member NO [--json]\n"
        "       meibo provision list --recipient NAME [--json]\n"
        "The record of every provision of a member's data (date, recipient, items, basis,\n"
        "inquiry or export sheet), kept three years; legal-basis provisions are flagged.\n";
    static const args_sub subs[] = {{"list", provision_list_cmd, NULL}, {NULL, NULL, NULL}};
    return args_dispatch(c, "provision", help, subs, argc, argv);
}

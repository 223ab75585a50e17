/* cmd_incident.c: meibo incident add|list|show|update|close|notice|report (取扱規程 第26条;
 * 個人情報保護法 第26条). */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "json.h"
#include "meibo/buf.h"
#include "meibo/incident.h"
#include "meibo/incident_letter.h"
#include "meibo/outbox.h"
#include "print.h"

static const char incident_help[] =
    "usage: meibo incident add --kind leak|loss|damage|breach --summary TEXT\n"
    "                          --discovered-by NAME --reported-to LOGIN SOURCE\n"
    "                          [--discovered DATE] [--occurred DATE] [--reported DATE]\n"
    "                          [--cause TEXT] [--action TEXT] [--financial] [--improper] [--json]\n"
    "       SOURCE: --export ID | --provision ID | --inquiry ID | --request ID\n"
    "             | --backup FILE | --access-log USER --since DATE --until DATE\n"
    "             | --members NO,NO,... --items a,e,...\n"
    "       meibo incident list [--all] [--due] [--member NO] [--json]\n"
    "       meibo incident show ID [--members] [--json]\n"
    "       meibo incident update ID [--summary TEXT] [--cause TEXT] [--action TEXT]\n"
    "                             [--secondary-damage TEXT] [--member-response TEXT]\n"
    "                             [--publication TEXT] [--prevention TEXT]\n"
    "                             [--financial yes|no] [--improper yes|no]\n"
    "                             [--prompt-reported DATE] [--final-reported DATE] [--json]\n"
    "       meibo incident close ID [--note TEXT]\n"
    "       meibo incident notice ID (--member NO [--format pdf|text] [--out FILE] | --all)\n"
    "       meibo incident report ID [--format pdf|text] [--out FILE]\n"
    "The incident register (取扱規程 第26条): a leak (漏えい), loss (滅失), damage (毀損) or breach\n"
    "of the rules, recorded by any staff member with the 個人情報管理者 it was reported to. The\n"
    "affected members are computed from SOURCE, each with the items (a-f) of theirs involved,\n"
    "and kept with the incident. Whether the 個人情報保護委員会 must be told follows from the\n"
    "facts (施行規則 第7条: more than 1,000 persons, --financial, --improper), with the deadlines\n"
    "of 第8条 from the discovery date: 速報 in 3-5 days, 確報 in 30 days (60 with --improper).\n"
    "'list --due' shows open incidents with a report overdue or due within 3 days. A manager or\n"
    "the chief officer records the reports (--prompt-reported, --final-reported) and closes an\n"
    "incident once its cause, prevention and reports are recorded. 'notice' prints the notice to\n"
    "an affected member (本人への通知, 個人情報保護法 第26条第2項), --all one for each into the\n"
    "printer or the outbox; 'report' the draft of the report to the commission.\n";

static void incident_json(json_w *j, const incident_info *i)
{
    json_int(j, "id", i->id);
    json_str(j, "kind", i->kind_code);
    json_str(j, "summary", i->summary);
    json_str(j, "occurred_on", i->occurred_on);
    json_str(j, "discovered_on", i->discovered_on);
    json_str(j, "discovered_by", i->discovered_by);
    json_str(j, "cause", i->cause);
    json_str(j, "immediate_action", i->immediate_action);
    json_str(j, "reported_to", i->reported_to);
    json_str(j, "reported_on", i->reported_on);
    json_str(j, "source", i->source);
    json_str(j, "source_ref", i->source_ref);
    json_int(j, "persons", i->persons);
    json_str(j, "items", i->items);
    json_str(j, "columns", i->columns);
    json_bool(j, "financial", i->financial);
    json_bool(j, "improper", i->improper);
    json_str(j, "secondary_damage", i->secondary_damage);
    json_str(j, "member_response", i->member_response);
    json_str(j, "publication", i->publication);
    json_str(j, "prevention", i->prevention);
    const incident_assessment *a = &i->assessment;
    json_bool(j, "reportable", a->reportable);
    json_arr(j, "reasons");
    for (int k = 0; k < a->nreasons; k++) {
        json_obj(j, NULL);
        json_str(j, "code", a->reasons[k].code);
        json_bool(j, "applies", a->reasons[k].applies);
        json_str(j, "article", a->reasons[k].article);
        json_str(j, "text", a->reasons[k].text);
        json_obj_end(j);
    }
    json_arr_end(j);
    json_str(j, "prompt_due", a->reportable ? a->prompt_due : NULL);
    json_str(j, "final_due", a->reportable ? a->final_due : NULL);
    json_str(j, "prompt_reported_on", i->prompt_reported_on);
    json_str(j, "final_reported_on", i->final_reported_on);
    json_str(j, "next_report", i->next_what);
    json_str(j, "next_due", i->next_due);
    json_bool(j, "overdue", i->overdue);
    json_bool(j, "due_soon", i->due_soon);
    json_str(j, "status", i->status);
    json_str(j, "closed_on", i->closed_on);
    json_str(j, "closed_by", i->closed_by);
    json_str(j, "close_note", i->close_note);
    json_str(j, "recorded_at", i->created_at);
    json_str(j, "recorded_by", i->created_by);
}

static const char *due_flag(const incident_info *i)
{
    return i->overdue ? "overdue" : i->due_soon ? "due-soon" : "-";
}

static int incident_row(const incident_info *i, void *arg)
{
    json_w *j = arg;
    if (j) {
        json_obj(j, NULL);
        incident_json(j, i);
        json_obj_end(j);
        return 0;
    }
    printf("%" PRId64 "\t%s\t%s\t%s\t%" PRId64 "\t%s\t%s\t%s\t", i->id, i->status, i->kind_code,
           i->discovered_on, i->persons, i->assessment.reportable ? "reportable" : "-",
           i->next_due ? i->next_due : "-", due_flag(i));
    cli_put(stdout, i->summary);
    fputc('\n', stdout);
    return 0;
}

static int incident_detail(const incident_info *i, void *arg)
{
    json_w *j = arg;
    if (j) {
        incident_json(j, i);
        return 0;
    }
    printf("incident %" PRId64 ": %s (%s, 取扱規程 第26条)\n", i->id, i->kind_code, i->kind_ja);
    args_row(stdout, "status", i->status);
    args_row(stdout, "summary", i->summary);
    args_row(stdout, "occurred_on", i->occurred_on);
    args_row(stdout, "discovered_on", i->discovered_on);
    args_row(stdout, "discovered_by", i->discovered_by);
    char to[200];
    snprintf(to, sizeof to, "%s on %s", i->reported_to, i->reported_on);
    args_row(stdout, "reported_to", to);
    args_row(stdout, "cause", i->cause);
    args_row(stdout, "action", i->immediate_action);
    char src[400];
    snprintf(src, sizeof src, "%s: %s", i->source, i->source_ref);
    args_row(stdout, "source", src);
    printf("%-15s %" PRId64 "\n", "persons", i->persons);
    args_row(stdout, "items", i->items);
    args_row(stdout, "columns", i->columns);
    args_row(stdout, "financial", i->financial ? "yes" : "no");
    args_row(stdout, "improper", i->improper ? "yes" : "no");
    args_row(stdout, "secondary", i->secondary_damage);
    args_row(stdout, "member_resp", i->member_response);
    args_row(stdout, "publication", i->publication);
    args_row(stdout, "prevention", i->prevention);
    const incident_assessment *a = &i->assessment;
    args_row(stdout, "reportable", a->reportable ? "yes (個人情報保護法 第26条第1項)" : "no");
    for (int k = 0; k < a->nreasons; k++) {
        char r[600];
        snprintf(r, sizeof r, "%s %s: %s", a->reasons[k].applies ? "+" : "-",
                 a->reasons[k].article, a->reasons[k].text);
        args_row(stdout, "reason", r);
    }
    if (a->reportable) {
        char d[120];
        snprintf(d, sizeof d, "%s..%s, made %s", a->prompt_from, a->prompt_due,
                 i->prompt_reported_on ? i->prompt_reported_on : "-");
        args_row(stdout, "prompt_report", d);
        snprintf(d, sizeof d, "%s (%d days), made %s", a->final_due, a->final_days,
                 i->final_reported_on ? i->final_reported_on : "-");
        args_row(stdout, "final_report", d);
        if (i->next_what) {
            snprintf(d, sizeof d, "%s due %s (%s, %d day%s left)", i->next_what, i->next_due,
                     due_flag(i), i->days_left,
                     i->days_left == 1 || i->days_left == -1 ? "" : "s");
            args_row(stdout, "next_report", d);
        }
    }
    if (i->closed_on) {
        char by[200];
        snprintf(by, sizeof by, "%s %s", i->closed_on, i->closed_by ? i->closed_by : "");
        args_row(stdout, "closed", by);
        args_row(stdout, "close_note", i->close_note);
    }
    args_row(stdout, "recorded", i->created_at);
    args_row(stdout, "recorded_by", i->created_by);
    return 0;
}

static int incident_recorded(const incident_info *i, void *arg)
{
    (void)arg;
    printf("recorded incident %" PRId64 ": %s, %" PRId64 " member%s affected (items %s); %s\n",
           i->id, i->kind_code, i->persons, i->persons == 1 ? "" : "s", i->items,
           i->assessment.reportable ? "to be reported to the 個人情報保護委員会" : "not reportable");
    if (i->assessment.reportable)
        printf("prompt report (速報) %s..%s, full report (確報) by %s\n",
               i->assessment.prompt_from, i->assessment.prompt_due, i->assessment.final_due);
    return 0;
}

/* --export ID and the like: a positive number. */
static bool take_id(const char *s, int64_t *id)
{
    return args_id(s, id);
}

static int incident_add_cmd(cli *c, int argc, char **argv)
{
    enum { O_KIND = 256, O_SUMMARY, O_BY, O_TO, O_DISCOVERED, O_OCCURRED, O_REPORTED, O_CAUSE,
           O_ACTION, O_FINANCIAL, O_IMPROPER, O_EXPORT, O_PROVISION, O_INQUIRY, O_REQUEST,
           O_BACKUP, O_LOG, O_SINCE, O_UNTIL, O_MEMBERS, O_ITEMS, O_JSON };
    static const struct option opts[] = {
        {"kind", required_argument, NULL, O_KIND},
        {"summary", required_argument, NULL, O_SUMMARY},
        {"discovered-by", required_argument, NULL, O_BY},
        {"reported-to", required_argument, NULL, O_TO},
        {"discovered", required_argument, NULL, O_DISCOVERED},
        {"occurred", required_argument, NULL, O_OCCURRED},
        {"reported", required_argument, NULL, O_REPORTED},
        {"cause", required_argument, NULL, O_CAUSE},
        {"action", required_argument, NULL, O_ACTION},
        {"financial", no_argument, NULL, O_FINANCIAL},
        {"improper", no_argument, NULL, O_IMPROPER},
        {"export", required_argument, NULL, O_EXPORT},
        {"provision", required_argument, NULL, O_PROVISION},
        {"inquiry", required_argument, NULL, O_INQUIRY},
        {"request", required_argument, NULL, O_REQUEST},
        {"backup", required_argument, NULL, O_BACKUP},
        {"access-log", required_argument, NULL, O_LOG},
        {"since", required_argument, NULL, O_SINCE},
        {"until", required_argument, NULL, O_UNTIL},
        {"members", required_argument, NULL, O_MEMBERS},
        {"items", required_argument, NULL, O_ITEMS},
        {"json", no_argument, NULL, O_JSON},
        {NULL, 0, NULL, 0}};
    incident_new n = {0};
    bool json = false;
    int sources = 0, o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        const char *kind = NULL;
        switch (o) {
        case O_KIND: n.kind = optarg; break;
        case O_SUMMARY: n.summary = optarg; break;
        case O_BY: n.discovered_by = optarg; break;
        case O_TO: n.reported_to = optarg; break;
        case O_DISCOVERED: n.discovered_on = optarg; break;
        case O_OCCURRED: n.occurred_on = optarg; break;
        case O_REPORTED: n.reported_on = optarg; break;
        case O_CAUSE: n.cause = optarg; break;
        case O_ACTION: n.immediate_action = optarg; break;
        case O_FINANCIAL: n.financial = true; break;
        case O_IMPROPER: n.improper = true; break;
        case O_EXPORT: kind = "export"; break;
        case O_PROVISION: kind = "provision"; break;
        case O_INQUIRY: kind = "inquiry"; break;
        case O_REQUEST: kind = "request"; break;
        case O_BACKUP: n.source.kind = "backup"; n.source.file = optarg; sources++; break;
        case O_LOG: n.source.kind = "access_log"; n.source.user = optarg; sources++; break;
        case O_SINCE: n.source.since = optarg; break;
        case O_UNTIL: n.source.until = optarg; break;
        case O_MEMBERS: n.source.kind = "members"; n.source.members = optarg; sources++; break;
        case O_ITEMS: n.source.items = optarg; break;
        case O_JSON: json = true; break;
        default: return cli_usage("incident add", "unknown option '%s'", argv[optind - 1]);
        }
        if (kind) {
            if (!take_id(optarg, &n.source.id))
                return cli_usage("incident add", "--%s takes a record number", kind);
            n.source.kind = kind;
            sources++;
        }
    }
    if (optind != argc)
        return cli_usage("incident add", "unexpected argument '%s'", argv[optind]);
    if (!n.kind || !n.summary || !n.discovered_by || !n.reported_to)
        return cli_usage("incident add",
                         "--kind, --summary, --discovered-by and --reported-to are required");
    if (sources != 1)
        return cli_usage("incident add", "name one source of the affected members: --export, "
                                         "--provision, --inquiry, --request, --backup, "
                                         "--access-log or --members");
    if ((n.source.since || n.source.until) && strcmp(n.source.kind, "access_log") != 0)
        return cli_usage("incident add", "--since and --until go with --access-log");
    if (n.source.items && strcmp(n.source.kind, "members") != 0)
        return cli_usage("incident add", "--items goes with --members (the other sources give "
                                         "the items themselves)");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    int64_t id;
    if (incident_add(c->ctx, &c->cfg, &n, &id, &err))
        return cli_error(&err);
    json_w j;
    if (json) {
        json_begin(&j, stdout);
        json_obj(&j, NULL);
    }
    if (incident_show(c->ctx, id, json ? incident_detail : incident_recorded, json ? &j : NULL,
                      &err))
        return cli_error(&err);
    if (json) {
        json_obj_end(&j);
        json_end(&j);
    }
    return 0;
}

static int incident_list_cmd(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {{"all", no_argument, NULL, 'a'},
                                         {"due", no_argument, NULL, 'd'},
                                         {"member", required_argument, NULL, 'm'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    incident_filter f = {0};
    bool json = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case 'a': f.all = true; break;
        case 'd': f.due = true; break;
        case 'm': f.member_no = optarg; break;
        case 'j': json = true; break;
        default: return cli_usage("incident list", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage("incident list", "takes only options");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    json_w j, *jp = args_json_array(&j, json);
    meibo_status st = incident_list(c->ctx, &f, incident_row, jp, &err);
    args_json_array_end(jp);
    return st ? cli_error(&err) : 0;
}

static int member_line(const char *no, const char *items, void *arg)
{
    json_w *j = arg;
    if (j) {
        json_obj(j, NULL);
        json_str(j, "member_no", no);
        json_str(j, "items", items);
        json_obj_end(j);
        return 0;
    }
    cli_put(stdout, no);
    printf("\t%s\n", items);
    return 0;
}

static int incident_show_cmd(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {{"members", no_argument, NULL, 'm'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    bool json = false, members = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case 'm': members = true; break;
        case 'j': json = true; break;
        default: return cli_usage("incident show", "unknown option '%s'", argv[optind - 1]);
        }
    }
    int64_t id;
    if (optind + 1 != argc || !args_id(argv[optind], &id))
        return cli_usage("incident show", "give one incident number");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    json_w j;
    if (json) {
        json_begin(&j, stdout);
        json_obj(&j, NULL);
    }
    if (incident_show(c->ctx, id, incident_detail, json ? &j : NULL, &err))
        return cli_error(&err);
    if (members) {
        if (json)
            json_arr(&j, "members");
        else
            printf("members (member_no, items):\n");
        if (incident_members(c->ctx, id, member_line, json ? &j : NULL, &err))
            return cli_error(&err);
        if (json)
            json_arr_end(&j);
    }
    if (json) {
        json_obj_end(&j);
        json_end(&j);
    }
    return 0;
}

static int incident_update_cmd(cli *c, int argc, char **argv)
{
    enum { O_SUMMARY = 256, O_CAUSE, O_ACTION, O_SECONDARY, O_RESPONSE, O_PUBLICATION,
           O_PREVENTION, O_FINANCIAL, O_IMPROPER, O_PROMPT, O_FINAL, O_JSON };
    static const struct option opts[] = {
        {"summary", required_argument, NULL, O_SUMMARY},
        {"cause", required_argument, NULL, O_CAUSE},
        {"action", required_argument, NULL, O_ACTION},
        {"secondary-damage", required_argument, NULL, O_SECONDARY},
        {"member-response", required_argument, NULL, O_RESPONSE},
        {"publication", required_argument, NULL, O_PUBLICATION},
        {"prevention", required_argument, NULL, O_PREVENTION},
        {"financial", required_argument, NULL, O_FINANCIAL},
        {"improper", required_argument, NULL, O_IMPROPER},
        {"prompt-reported", required_argument, NULL, O_PROMPT},
        {"final-reported", required_argument, NULL, O_FINAL},
        {"json", no_argument, NULL, O_JSON},
        {NULL, 0, NULL, 0}};
    incident_change ch = {.financial = -1, .improper = -1};
    bool json = false, any = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        any = o != O_JSON || any;
        switch (o) {
        case O_SUMMARY: ch.summary = optarg; break;
        case O_CAUSE: ch.cause = optarg; break;
        case O_ACTION: ch.immediate_action = optarg; break;
        case O_SECONDARY: ch.secondary_damage = optarg; break;
        case O_RESPONSE: ch.member_response = optarg; break;
        case O_PUBLICATION: ch.publication = optarg; break;
        case O_PREVENTION: ch.prevention = optarg; break;
        case O_FINANCIAL:
        case O_IMPROPER: {
            int yn = args_yesno(optarg);
            if (yn < 0)
                return cli_usage("incident update", "--%s takes yes or no",
                                 o == O_FINANCIAL ? "financial" : "improper");
            if (o == O_FINANCIAL)
                ch.financial = yn;
            else
                ch.improper = yn;
            break;
        }
        case O_PROMPT: ch.prompt_reported_on = optarg; break;
        case O_FINAL: ch.final_reported_on = optarg; break;
        case O_JSON: json = true; break;
        default: return cli_usage("incident update", "unknown option '%s'", argv[optind - 1]);
        }
    }
    int64_t id;
    if (optind + 1 != argc || !args_id(argv[optind], &id))
        return cli_usage("incident update", "give one incident number");
    if (!any)
        return cli_usage("incident update", "nothing to change");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    if (incident_update(c->ctx, id, &ch, &err))
        return cli_error(&err);
    json_w j;
    if (json) {
        json_begin(&j, stdout);
        json_obj(&j, NULL);
    } else {
        printf("incident %" PRId64 " updated\n", id);
    }
    if (incident_show(c->ctx, id, json ? incident_detail : incident_row, json ? &j : NULL, &err))
        return cli_error(&err);
    if (json) {
        json_obj_end(&j);
        json_end(&j);
    }
    return 0;
}

static int incident_close_cmd(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {{"note", required_argument, NULL, 'n'},
                                         {NULL, 0, NULL, 0}};
    const char *note = "";
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (o != 'n')
            return cli_usage("incident close", "unknown option '%s'", argv[optind - 1]);
        note = optarg;
    }
    int64_t id;
    if (optind + 1 != argc || !args_id(argv[optind], &id))
        return cli_usage("incident close", "give one incident number");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    if (incident_close(c->ctx, id, note, &err))
        return cli_error(&err);
    printf("incident %" PRId64 " closed\n", id);
    return 0;
}

typedef struct notice_arg {
    int64_t id;
    const char *member_no;
} notice_arg;

static meibo_status notice_build(meibo_ctx *ctx, const meibo_config *cfg, letter_format fmt,
                                 letter *out, void *arg, meibo_err *err)
{
    const notice_arg *a = arg;
    return letter_incident_notice(ctx, cfg, a->id, a->member_no, fmt, out, err);
}

/* The affected members' numbers, for --all. */
typedef struct number_list {
    char (*v)[16];
    size_t n, cap;
    bool oom;
} number_list;

static int take_number(const char *no, const char *items, void *arg)
{
    (void)items;
    number_list *l = arg;
    char(*p)[16] = array_grow(l->v, &l->cap, l->n + 1, sizeof *p);
    if (!p) {
        l->oom = true;
        return 1;
    }
    l->v = p;
    snprintf(l->v[l->n++], 16, "%s", no);
    return 0;
}

/* One notice for each affected member, to the printer or the outbox. */
static int notice_all(cli *c, int64_t id)
{
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    number_list l = {0};
    if (incident_members(c->ctx, id, take_number, &l, &err) || l.oom) {
        free(l.v);
        return l.oom ? (fprintf(stderr, "meibo: out of memory\n"), 1) : cli_error(&err);
    }
    size_t done = 0, skipped = 0;
    int status = 0;
    for (size_t k = 0; k < l.n; k++) {
        letter lt;
        outbox_delivery d;
        meibo_status st = letter_incident_notice(c->ctx, &c->cfg, id, l.v[k], LETTER_PDF, &lt, &err);
        if (st == MEIBO_ERR_NOT_FOUND) {
            fprintf(stderr, "meibo: %s\n", err.msg);
            skipped++;
            continue;
        }
        if (!st)
            st = outbox_deliver(c->ctx, &c->cfg, &lt, NULL, &d, &err);
        letter_clear(&lt);
        if (st) {
            status = cli_error(&err);
            break;
        }
        done++;
    }
    free(l.v);
    printf("incident %" PRId64 ": %zu notice%s printed or saved in the outbox", id, done,
           done == 1 ? "" : "s");
    if (skipped)
        printf(", %zu member%s no longer in the registry", skipped, skipped == 1 ? "" : "s");
    fputc('\n', stdout);
    return status;
}

static int incident_notice_cmd(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {PRINT_OPTIONS,
                                         {"member", required_argument, NULL, 'm'},
                                         {"all", no_argument, NULL, 'a'},
                                         {NULL, 0, NULL, 0}};
    print_opts po = {NULL, NULL};
    notice_arg a = {0, NULL};
    bool all = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (o == 'm')
            a.member_no = optarg;
        else if (o == 'a')
            all = true;
        else if (!print_option(o, &po))
            return cli_usage("incident notice", "unknown option '%s'", argv[optind - 1]);
    }
    if (optind + 1 != argc || !args_id(argv[optind], &a.id))
        return cli_usage("incident notice", "give one incident number");
    if (all == (a.member_no != NULL))
        return cli_usage("incident notice", "give --member NO or --all");
    if (all && (po.out || po.format))
        return cli_usage("incident notice", "--all prints PDFs to the printer or the outbox");
    return all ? notice_all(c, a.id) : print_run(c, "incident notice", &po, notice_build, &a);
}

static meibo_status report_build(meibo_ctx *ctx, const meibo_config *cfg, letter_format fmt,
                                 letter *out, void *arg, meibo_err *err)
{
    return letter_incident_report(ctx, cfg, *(const int64_t *)arg, fmt, out, err);
}

static int incident_report_cmd(cli *c, int argc, char **argv)
{
    return print_id_cmd(c, argc, argv, "incident report", "give one incident number",
                        report_build);
}

int cmd_incident(cli *c, int argc, char **argv)
{
    static const args_sub subs[] = {
        {"add", incident_add_cmd, NULL},       {"list", incident_list_cmd, NULL},
        {"show", incident_show_cmd, NULL},     {"update", incident_update_cmd, NULL},
        {"close", incident_close_cmd, NULL},   {"notice", incident_notice_cmd, NULL},
        {"report", incident_report_cmd, NULL}, {NULL, NULL, NULL}};
    return args_dispatch(c, "incident", incident_help, subs, argc, argv);
}

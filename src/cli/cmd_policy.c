/* cmd_policy.c: meibo policy show|edit|history, meibo denylist add|list|remove. */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "json.h"
#include "meibo/denylist.h"
#include "meibo/policy.h"

static const char policy_help[] =
    "usage: meibo policy show [--version N] [--json]\n"
    "       meibo policy history [--json]\n"
    "       meibo policy edit category CODE [--permitted yes|no] [--legal-basis yes|no]\n"
    "                         [--pledge-required yes|no] [--article A] [--text T] --note WHY\n"
    "       meibo policy edit purpose CODE [--items a,d] [--categories member,academic,...]\n"
    "                          [--article A] [--text T] --note WHY\n"
    "       meibo policy edit item CODE [--article A] [--text T] --note WHY\n"
    "The tables of 第20条 the inquiry decision follows. Only the chief officer edits them;\n"
    "each edit makes a new policy version (audited) and decisions store the version used.\n";

/* ---- show -------------------------------------------------------------------------------- */

static void policy_json(const decide_policy *p)
{
    json_w j;
    json_begin(&j, stdout);
    json_obj(&j, NULL);
    json_int(&j, "version", p->version);
    json_arr(&j, "categories");
    for (int i = 0; i < p->ncategories; i++) {
        const decide_category *c = &p->categories[i];
        json_obj(&j, NULL);
        json_str(&j, "code", c->code);
        json_bool(&j, "permitted", c->permitted);
        json_bool(&j, "legal_basis", c->legal_basis);
        json_bool(&j, "pledge_required", c->pledge_required);
        json_str(&j, "article", c->article);
        json_str(&j, "text", c->text);
        json_obj_end(&j);
    }
    json_arr_end(&j);
    json_arr(&j, "items");
    for (int i = 0; i < DECIDE_ITEMS; i++) {
        const decide_item *it = &p->items[i];
        char code[2] = {it->code, '\0'};
        json_obj(&j, NULL);
        json_str(&j, "code", code);
        json_str(&j, "name", it->name);
        json_str(&j, "article", it->article);
        json_str(&j, "text", it->text);
        json_obj_end(&j);
    }
    json_arr_end(&j);
    json_arr(&j, "purposes");
    for (int i = 0; i < p->npurposes; i++) {
        const decide_purpose *u = &p->purposes[i];
        char items[16];
        decide_items_format(u->items, items, sizeof items);
        json_obj(&j, NULL);
        json_str(&j, "code", u->code);
        json_str(&j, "scope", u->scope);
        json_str(&j, "items", items);
        json_str(&j, "article", u->article);
        json_str(&j, "text", u->text);
        json_str(&j, "categories", u->categories); /* who may use it (第20条第1項) */
        json_obj_end(&j);
    }
    json_arr_end(&j);
    json_obj_end(&j);
    json_end(&j);
}

static void policy_text(const decide_policy *p)
{
    printf("policy version %" PRId64 "\n\nrecipient categories (permitted, legal basis, pledge)\n",
           p->version);
    for (int i = 0; i < p->ncategories; i++) {
        const decide_category *c = &p->categories[i];
        printf("  %-14s %-9s %-5s %-6s ", c->code, c->permitted ? "permitted" : "forbidden",
               c->legal_basis ? "legal" : "-", c->pledge_required ? "pledge" : "-");
        cli_put(stdout, c->article);
        fputs("  ", stdout);
        cli_put(stdout, c->text);
        fputc('\n', stdout);
    }
    puts("\nitems");
    for (int i = 0; i < DECIDE_ITEMS; i++) {
        printf("  %c  ", p->items[i].code);
        cli_put(stdout, p->items[i].article);
        fputs("  ", stdout);
        cli_put(stdout, p->items[i].text);
        fputc('\n', stdout);
    }
    puts("\npurposes (items allowed; the categories that may use it, 第20条第1項)");
    for (int i = 0; i < p->npurposes; i++) {
        const decide_purpose *u = &p->purposes[i];
        char items[16];
        decide_items_format(u->items, items, sizeof items);
        printf("  %-23s %-8s %-6s ", u->code, u->scope, items);
        cli_put(stdout, u->article);
        fputs("  ", stdout);
        cli_put(stdout, u->text);
        fputs("\n      ", stdout);
        cli_put(stdout, *u->categories ? u->categories : "-");
        fputc('\n', stdout);
    }
}

static int policy_show_cmd(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {{"version", required_argument, NULL, 'v'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    int64_t version = 0;
    bool json = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (o == 'v' && args_id(optarg, &version))
            continue;
        if (o == 'j') {
            json = true;
            continue;
        }
        return cli_usage("policy show", o == 'v' ? "--version takes a version number"
                                                 : "unknown option");
    }
    if (optind != argc)
        return cli_usage("policy show", "takes only options");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    decide_policy *p = malloc(sizeof *p);
    if (!p) {
        meibo_fail(&err, MEIBO_ERR_NOMEM, "out of memory");
        return cli_error(&err);
    }
    meibo_status st = policy_load(c->ctx, version, p, &err);
    if (!st) {
        if (json)
            policy_json(p);
        else
            policy_text(p);
    }
    free(p);
    return st ? cli_error(&err) : 0;
}

static int version_row(const policy_version_info *v, void *arg)
{
    json_w *j = arg;
    if (j) {
        json_obj(j, NULL);
        json_int(j, "version", v->version);
        json_str(j, "created_at", v->created_at);
        json_str(j, "created_by", v->created_by);
        json_str(j, "note", v->note);
        json_obj_end(j);
        return 0;
    }
    printf("%" PRId64 "\t%s\t", v->version, v->created_at);
    cli_put(stdout, v->created_by);
    fputc('\t', stdout);
    cli_put(stdout, v->note);
    fputc('\n', stdout);
    return 0;
}

static int policy_history_cmd(cli *c, int argc, char **argv)
{
    bool json = argc == 2 && !strcmp(argv[1], "--json");
    if (argc > 2 || (argc == 2 && !json))
        return cli_usage("policy history", "takes only --json");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    json_w j, *jp = args_json_array(&j, json);
    meibo_status st = policy_versions(c->ctx, version_row, jp, &err);
    args_json_array_end(jp);
    return st ? cli_error(&err) : 0;
}

/* ---- edit -------------------------------------------------------------------------------- */

static int policy_edit_cmd(cli *c, int argc, char **argv)
{
    enum { O_PERMITTED = 256, O_LEGAL, O_PLEDGE, O_ITEMS, O_ARTICLE, O_TEXT, O_NOTE,
           O_CATEGORIES };
    static const struct option opts[] = {
        {"permitted", required_argument, NULL, O_PERMITTED},
        {"legal-basis", required_argument, NULL, O_LEGAL},
        {"pledge-required", required_argument, NULL, O_PLEDGE},
        {"items", required_argument, NULL, O_ITEMS},
        {"categories", required_argument, NULL, O_CATEGORIES},
        {"article", required_argument, NULL, O_ARTICLE},
        {"text", required_argument, NULL, O_TEXT},
        {"note", required_argument, NULL, O_NOTE},
        {NULL, 0, NULL, 0}};
    policy_change ch = {.permitted = -1, .legal_basis = -1, .pledge_required = -1};
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        int *flag = o == O_PERMITTED ? &ch.permitted : o == O_LEGAL ? &ch.legal_basis
                                     : o == O_PLEDGE ? &ch.pledge_required : NULL;
        if (flag) {
            if ((*flag = args_yesno(optarg)) < 0)
                return cli_usage("policy edit", "%s takes yes or no", argv[optind - 1]);
            continue;
        }
        switch (o) {
        case O_ITEMS: ch.items = optarg; break;
        case O_CATEGORIES: ch.categories = optarg; break;
        case O_ARTICLE: ch.article = optarg; break;
        case O_TEXT: ch.text = optarg; break;
        case O_NOTE: ch.note = optarg; break;
        default: return cli_usage("policy edit", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind + 2 != argc)
        return cli_usage("policy edit", "give the table (category, purpose or item) and a CODE");
    int table = policy_table_parse(argv[optind]);
    if (table < 0)
        return cli_usage("policy edit", "the table is category, purpose or item");
    if (!ch.note)
        return cli_usage("policy edit", "--note WHY is required");
    ch.table = (policy_table)table;
    ch.code = argv[optind + 1];
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    int64_t v = 0;
    if (policy_edit(c->ctx, &ch, &v, &err))
        return cli_error(&err);
    printf("policy version %" PRId64 " in force\n", v);
    return 0;
}

int cmd_policy(cli *c, int argc, char **argv)
{
    static const args_sub subs[] = {{"show", policy_show_cmd, "version= json"},
                                    {"edit", policy_edit_cmd, NULL},
                                    {"history", policy_history_cmd, "json"},
                                    {NULL, NULL, NULL}};
    return args_dispatch(c, "policy", policy_help, subs, argc, argv);
}

/* ---- deny-list --------------------------------------------------------------------------- */

static int denylist_row(const denylist_entry *e, void *arg)
{
    json_w *j = arg;
    if (j) {
        json_obj(j, NULL);
        json_int(j, "id", e->id);
        json_str(j, "requester", *e->requester ? e->requester : NULL);
        json_str(j, "organization", *e->organization ? e->organization : NULL);
        json_str(j, "reason", e->reason);
        json_str(j, "listed_on", e->listed_on);
        json_str(j, "listed_by", e->listed_by);
        json_str(j, "removed_on", e->removed_on);
        json_str(j, "removed_by", e->removed_by);
        json_str(j, "remove_reason", e->remove_reason);
        json_obj_end(j);
        return 0;
    }
    printf("%" PRId64 "\t%s\t%s\t", e->id, e->listed_on, e->removed_on ? "removed" : "listed");
    const char *cols[] = {*e->requester ? e->requester : "-",
                          *e->organization ? e->organization : "-", e->reason};
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
        if (i)
            fputc('\t', stdout);
        cli_put(stdout, cols[i]);
    }
    fputc('\n', stdout);
    return 0;
}

static int denylist_cmd(cli *c, int argc, char **argv);

int cmd_denylist(cli *c, int argc, char **argv)
{
    static const char help[] =
        "usage: meibo denylist add [--requester NAME] [--organization ORG] --reason TEXT\n"
        "                          [--date DATE]        (chief officer)\n"
        "       meibo denylist list [--all] [--json]\n"
        "       meibo denylist remove ID --reason TEXT   (chief officer)\n"
        "Requesters the chief officer does not permit (第20条第4項(d)); an inquiry from one is\n"
        "refused before the member is looked up.\n";
    static const args_sub subs[] = {{"add", denylist_cmd, "requester= organization= reason= date="},
                                    {"list", denylist_cmd, "all json"},
                                    {"remove", denylist_cmd, "reason="},
                                    {NULL, NULL, NULL}};
    return args_dispatch(c, "denylist", help, subs, argc, argv);
}

/* The deny-list's subcommands (argv[0]); which options each takes is cmd_denylist's table. */
static int denylist_cmd(cli *c, int argc, char **argv)
{
    const char *sub = argv[0];
    int rc;
    static const struct option opts[] = {{"requester", required_argument, NULL, 'q'},
                                         {"organization", required_argument, NULL, 'o'},
                                         {"reason", required_argument, NULL, 'r'},
                                         {"date", required_argument, NULL, 'd'},
                                         {"all", no_argument, NULL, 'a'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    const char *requester = NULL, *org = NULL, *reason = NULL, *date = NULL;
    bool all = false, json = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case 'q': requester = optarg; break;
        case 'o': org = optarg; break;
        case 'r': reason = optarg; break;
        case 'd': date = optarg; break;
        case 'a': all = true; break;
        case 'j': json = true; break;
        default: return cli_usage("denylist", "unknown option '%s'", argv[optind - 1]);
        }
    }
    meibo_err err;
    meibo_err_clear(&err);
    if (!strcmp(sub, "add")) {
        if (optind != argc || (!requester && !org) || !reason)
            return cli_usage("denylist add",
                             "give --requester and/or --organization, and --reason");
        if ((rc = cli_login(c)))
            return rc;
        int64_t id = 0;
        if (denylist_add(c->ctx, requester, org, reason, date, &id, &err))
            return cli_error(&err);
        printf("deny-list entry %" PRId64 " added\n", id);
        return 0;
    }
    if (!strcmp(sub, "remove")) {
        int64_t id;
        if (optind + 1 != argc || !args_id(argv[optind], &id) || !reason)
            return cli_usage("denylist remove", "give one entry number and --reason");
        if ((rc = cli_login(c)))
            return rc;
        if (denylist_remove(c->ctx, id, reason, &err))
            return cli_error(&err);
        printf("deny-list entry %" PRId64 " removed\n", id);
        return 0;
    }
    if (!strcmp(sub, "list")) {
        if (optind != argc)
            return cli_usage("denylist list", "takes only options");
        if ((rc = cli_login(c)))
            return rc;
        json_w j, *jp = args_json_array(&j, json);
        meibo_status st = denylist_list(c->ctx, all, denylist_row, jp, &err);
        args_json_array_end(jp);
        return st ? cli_error(&err) : 0;
    }
    return cli_usage("denylist", "unknown subcommand '%s'", sub);
}

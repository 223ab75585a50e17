/* cmd_member.c: meibo search, meibo member show|add|edit|withdraw. */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "json.h"
#include "meibo/audit.h"
#include "meibo/incident.h"
#include "meibo/member.h"
#include "meibo/roster.h"
#include "meibo/search.h"

/* ---- search ----------------------------------------------------------------------------- */

/* A cursor as printed for --after: ORDER:RANK:NUMBER:ID:KEY (the key last: it may hold ':'). */
static void cursor_format(char *buf, size_t len, const search_cursor *c)
{
    snprintf(buf, len, "%s:%d:%" PRId64 ":%" PRId64 ":%s",
             search_sort_name((search_sort)c->sort), c->rank, c->num, c->id, c->key);
}

static bool cursor_parse(const char *s, search_cursor *c)
{
    char *end;
    memset(c, 0, sizeof *c);
    const char *colon = strchr(s, ':');
    if (!colon || (size_t)(colon - s) >= 32)
        return false;
    char name[32];
    memcpy(name, s, (size_t)(colon - s));
    name[colon - s] = '\0';
    int sort = search_sort_parse(name);
    if (sort < 0)
        return false;
    s = colon + 1;
    long r = strtol(s, &end, 10);
    if (end == s || *end != ':' || r < 0 || r >= SEARCH_RANK__END)
        return false;
    s = end + 1;
    long long num = strtoll(s, &end, 10);
    if (end == s || *end != ':')
        return false;
    s = end + 1;
    long long id = strtoll(s, &end, 10);
    if (end == s || *end != ':')
        return false;
    c->sort = sort;
    c->rank = (int)r;
    c->num = num;
    c->id = id;
    snprintf(c->key, sizeof c->key, "%s", end + 1);
    c->started = true;
    return true;
}

int cmd_search(cli *c, int argc, char **argv)
{
    if (cli_wants_help("search", argc, argv))
        return 0;
    static const struct option opts[] = {
        {"limit", required_argument, NULL, 'l'},  {"after", required_argument, NULL, 'a'},
        {"count", no_argument, NULL, 'n'},        {"json", no_argument, NULL, 'j'},
        {"status", required_argument, NULL, 's'}, {"branch", required_argument, NULL, 'b'},
        {"specialist", required_argument, NULL, 'p'}, {"sort", required_argument, NULL, 'o'},
        {NULL, 0, NULL, 0}};
    int limit = 50, o;
    bool count = false, json = false;
    search_cursor after = {0};
    search_filter filter = {.specialist = -1};
    int sort = -1;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case 'l': {
            int64_t n;
            if (!args_id(optarg, &n) || n > 10000)
                return cli_usage("search", "--limit must be 1 to 10000");
            limit = (int)n;
            break;
        }
        case 'a':
            if (!cursor_parse(optarg, &after))
                return cli_usage("search", "--after takes the cursor a previous search printed");
            break;
        case 'n': count = true; break;
        case 'j': json = true; break;
        case 's':
            if (strcmp(optarg, "active") && strcmp(optarg, "withdrawn") && strcmp(optarg, "deceased"))
                return cli_usage("search", "--status is active, withdrawn or deceased");
            filter.status = optarg;
            break;
        case 'b': filter.branch = optarg; break;
        case 'o':
            if ((sort = search_sort_parse(optarg)) < 0)
                return cli_usage("search", "--sort is relevance, reading, number, joined, "
                                           "joined-desc or facility");
            break;
        case 'p':
            if (strcmp(optarg, "yes") && strcmp(optarg, "no"))
                return cli_usage("search", "--specialist is yes or no");
            filter.specialist = !strcmp(optarg, "yes");
            break;
        default: return cli_usage("search", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind + 1 != argc)
        return cli_usage("search", "give one QUERY (quote it if it has spaces; \"\" lists everyone)");
    const char *query = argv[optind];
    /* the order of the cursor's pages, unless --sort names another (then refused below) */
    filter.sort = (search_sort)(sort >= 0 ? sort : after.started ? after.sort : 0);
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    int64_t n = -1;
    if (count) {
        /* --count prints the count alone: no member is shown, the count is logged */
        if (search_count(c->ctx, query, &filter, &n, &err))
            return cli_error(&err);
        char detail[512];
        snprintf(detail, sizeof detail, "query=%s counted=%" PRId64, query, n);
        if (audit_append(c->ctx, "search", NULL, detail, &err))
            return cli_error(&err);
        if (json) {
            json_w j;
            json_begin(&j, stdout);
            json_obj(&j, NULL);
            json_str(&j, "query", query);
            json_int(&j, "count", n);
            json_obj_end(&j);
            json_end(&j);
        } else {
            printf("%" PRId64 "\n", n);
        }
        return 0;
    }
    search_page page;
    if (search_page_get(c->ctx, query, &filter, &after, limit, SEARCH_AUDIT, &page, &err))
        return cli_error(&err);
    if (json) {
        json_w j;
        json_begin(&j, stdout);
        json_obj(&j, NULL);
        json_str(&j, "query", query);
        json_arr(&j, "results");
        for (int i = 0; i < page.n; i++) {
            const search_row *r = &page.rows[i];
            json_obj(&j, NULL);
            json_str(&j, "member_no", r->member_no);
            json_str(&j, "name", r->name);
            json_str(&j, "kana", r->kana);
            json_str(&j, "facility", r->facility);
            json_str(&j, "branch", r->branch);
            json_str(&j, "status", r->status);
            json_str(&j, "specialist_no", *r->specialist_no ? r->specialist_no : NULL);
            json_str(&j, "joined_on", r->joined_on);
            /* found by the member's own keys, or only by the facility's name (issue 14) */
            json_str(&j, "match", r->rank == SEARCH_RANK_FACILITY ? "facility" : "member");
            json_obj_end(&j);
        }
        json_arr_end(&j);
        if (page.more) {
            char buf[400];
            cursor_format(buf, sizeof buf, &page.next);
            json_str(&j, "next", buf);
        } else {
            json_str(&j, "next", NULL);
        }
        json_obj_end(&j);
        json_end(&j);
    } else {
        for (int i = 0; i < page.n; i++) {
            const search_row *r = &page.rows[i];
            const char *cols[] = {r->member_no, r->name, r->kana, r->facility, r->branch, r->status};
            for (size_t k = 0; k < sizeof cols / sizeof *cols; k++) {
                if (k)
                    fputc('\t', stdout);
                cli_put(stdout, cols[k]);
            }
            fputc('\n', stdout);
        }
        if (page.more) {
            char buf[400];
            cursor_format(buf, sizeof buf, &page.next);
            fputs("-- more: --after '", stdout);
            cli_put(stdout, buf);
            fputs("'\n", stdout);
        }
    }
    search_page_free(&page);
    return 0;
}

/* ---- member ------------------------------------------------------------------------------ */

static void member_print(const meibo_member *m, bool reveal, bool json)
{
    if (json) {
        json_w j;
        json_begin(&j, stdout);
        json_obj(&j, NULL);
        for (int f = 0; f < MF__COUNT; f++) {
            const member_field_info *fi = member_field_get((member_field)f);
            const char *v = m->v[f];
            if (v && (fi->flags & MF_SENSITIVE) && !reveal)
                v = "***";
            json_str(&j, fi->name, v);
        }
        json_int(&j, "version", m->version);
        json_str(&j, "updated_at", m->updated_at);
        json_str(&j, "updated_by", m->updated_by);
        json_obj_end(&j);
        json_end(&j);
        return;
    }
    for (int f = 0; f < MF__COUNT; f++) {
        const member_field_info *fi = member_field_get((member_field)f);
        const char *v = member_get_field(m, (member_field)f);
        if (*v && (fi->flags & MF_SENSITIVE) && !reveal)
            v = "*** (--reveal)";
        printf("%-22s ", fi->name);
        cli_put(stdout, fi->ja);
        fputs("\t", stdout);
        cli_put(stdout, v);
        fputc('\n', stdout);
    }
    printf("%-22s %" PRId64 " (%s, %s)\n", "version", m->version, m->updated_at ? m->updated_at : "",
           m->updated_by ? m->updated_by : "");
}

/* Apply FIELD=VALUE arguments to m. */
static int apply_assignments(meibo_member *m, int argc, char **argv, const char *cmd)
{
    meibo_err err;
    meibo_err_clear(&err);
    for (int i = 0; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        if (!eq)
            return cli_usage(cmd, "expected FIELD=VALUE, got '%s'", argv[i]);
        *eq = '\0';
        int f = member_field_find(argv[i]);
        if (f < 0)
            return cli_usage(cmd, "unknown field '%s' (see meibo(1) for the field names)", argv[i]);
        if (member_set(m, (member_field)f, eq + 1, &err))
            return cli_error(&err);
    }
    return 0;
}

static int incident_line(const incident_info *i, const char *items, void *arg)
{
    (void)arg;
    printf("%-22s 事故 %" PRId64 "\t%s %s, items %s (%s)\n", "incident", i->id, i->kind_ja,
           i->discovered_on, items, i->status);
    return 0;
}

static int member_show(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
                                         {"reveal", no_argument, NULL, 'r'},
                                         {NULL, 0, NULL, 0}};
    bool json = false, reveal = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (o == 'j')
            json = true;
        else if (o == 'r')
            reveal = true;
        else
            return cli_usage("member show", "unknown option '%s'", argv[optind - 1]);
    }
    if (optind + 1 != argc)
        return cli_usage("member show", "give one member number");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    meibo_member m;
    member_init(&m);
    if (member_load(c->ctx, argv[optind], MEMBER_READ_AUDIT, &m, &err))
        return cli_error(&err);
    if (reveal && member_reveal(c->ctx, member_get_field(&m, MF_MEMBER_NO), &err)) {
        member_clear(&m);
        return cli_error(&err);
    }
    member_print(&m, reveal, json);
    /* the incidents that touch the member (取扱規程 第26条) */
    if (!json && incident_for_member(c->ctx, member_get_field(&m, MF_MEMBER_NO), incident_line,
                                     NULL, &err)) {
        member_clear(&m);
        return cli_error(&err);
    }
    member_clear(&m);
    return 0;
}

static int member_add(cli *c, int argc, char **argv)
{
    bool json = false;
    int first = 1;
    if (argc > 1 && !strcmp(argv[1], "--json"))
        json = true, first = 2;
    meibo_member m;
    member_init(&m);
    int rc = apply_assignments(&m, argc - first, argv + first, "member add");
    if (rc || (rc = cli_login(c))) {
        member_clear(&m);
        return rc;
    }
    meibo_err err;
    meibo_err_clear(&err);
    if (member_create(c->ctx, &m, &err)) {
        member_clear(&m);
        return cli_error(&err);
    }
    if (json)
        member_print(&m, true, true);
    else
        printf("added member %s\n", member_get_field(&m, MF_MEMBER_NO));
    member_clear(&m);
    return 0;
}

static int member_edit(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {{"version", required_argument, NULL, 'v'},
                                         {NULL, 0, NULL, 0}};
    int64_t version = 0;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (o == 'v' && (version = strtoll(optarg, NULL, 10)) > 0)
            continue;
        return cli_usage("member edit", "--version takes the version you read (member show)");
    }
    if (optind + 2 > argc)
        return cli_usage("member edit", "give a member number and FIELD=VALUE changes");
    const char *no = argv[optind];
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    meibo_member m;
    member_init(&m);
    if (member_load(c->ctx, no, 0, &m, &err))
        return cli_error(&err);
    if (version)
        m.version = version;
    if ((rc = apply_assignments(&m, argc - optind - 1, argv + optind + 1, "member edit"))) {
        member_clear(&m);
        return rc;
    }
    if (member_update(c->ctx, &m, &err)) {
        member_clear(&m);
        return cli_error(&err);
    }
    printf("member %s saved (version %" PRId64 ")\n", member_get_field(&m, MF_MEMBER_NO), m.version);
    member_clear(&m);
    return 0;
}

static int member_withdraw_cmd(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {{"date", required_argument, NULL, 'd'},
                                         {"reason", required_argument, NULL, 'r'},
                                         {"version", required_argument, NULL, 'v'},
                                         {NULL, 0, NULL, 0}};
    const char *date = NULL, *reason = NULL;
    int64_t version = 0;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case 'd': date = optarg; break;
        case 'r': reason = optarg; break;
        case 'v': version = strtoll(optarg, NULL, 10); break;
        default: return cli_usage("member withdraw", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind + 1 != argc)
        return cli_usage("member withdraw", "give one member number");
    if (!reason || !*reason)
        return cli_usage("member withdraw", "--reason is required");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    if (!version) {
        meibo_member m;
        member_init(&m);
        if (member_load(c->ctx, argv[optind], 0, &m, &err))
            return cli_error(&err);
        version = m.version;
        member_clear(&m);
    }
    if (member_withdraw(c->ctx, argv[optind], date, reason, version, &err))
        return cli_error(&err);
    printf("member %s withdrawn\n", argv[optind]);
    return 0;
}

int cmd_member(cli *c, int argc, char **argv)
{
    static const char help[] =
        "usage: meibo member show NO [--reveal] [--json]\n"
        "       meibo member add FIELD=VALUE ... [--json as the first argument]\n"
        "       meibo member edit NO [--version V] FIELD=VALUE ...\n"
        "       meibo member withdraw NO --reason TEXT [--date DATE] [--version V]\n"
        "FIELD is a CSV column name, English or Japanese (member_no/会員番号, ...);\n"
        "an empty VALUE clears the field. Dates: YYYY-MM-DD, YYYY/MM/DD or 和暦 (S50.5.5).\n";
    static const args_sub subs[] = {{"show", member_show, "reveal json"},
                                    {"add", member_add, "json"},
                                    {"edit", member_edit, "version="},
                                    {"withdraw", member_withdraw_cmd, "reason= date= version="},
                                    {NULL, NULL, NULL}};
    return args_dispatch(c, "member", help, subs, argc, argv);
}

/* cmd_recipient.c: meibo recipient add|list|show|edit|categories (規程 第20条第3–4項) and
 * meibo permission grant|list|revoke (規程 第16条). */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "json.h"
#include "meibo/permission.h"
#include "meibo/recipient.h"

/* ---- recipients ---------------------------------------------------------------------------- */

static const char recipient_help[] =
    "usage: meibo recipient add --category CODE (--organization ORG | --person NAME)\n"
    "                           [--address TEXT] [--identity TEXT] [--json]\n"
    "       meibo recipient edit ID [--category CODE] [--organization ORG] [--person NAME]\n"
    "                           [--address TEXT] [--identity TEXT]     (manager)\n"
    "       meibo recipient list [--json]\n"
    "       meibo recipient show ID|NAME [--json]\n"
    "       meibo recipient categories [--json]\n"
    "The recipient register (規程 第20条第3–4項): every pledge, inquiry, export and provision\n"
    "names a recipient of it. A category of 第20条第3項 (a)–(i), the society's own branches\n"
    "and meeting secretariats (取扱規程 第4条), its contractors (規程 第19条第2項第1号), or a\n"
    "forbidden one of 第20条第4項 (b)(c): such a recipient is recorded so the refusal is on file,\n"
    "and gets no pledge, no export and no provision; so does one on the deny-list ((d)) or with\n"
    "no identity record ((a): --identity says how identity, origin and purpose were verified).\n";

static void recipient_json(json_w *j, const recipient_rec *r)
{
    json_obj(j, NULL);
    json_int(j, "id", r->id);
    json_str(j, "organization", *r->organization ? r->organization : NULL);
    json_str(j, "person", *r->person ? r->person : NULL);
    json_str(j, "category", r->category);
    json_str(j, "category_article", r->category_article);
    json_str(j, "address", r->address);
    json_str(j, "identity", r->identity);
    json_bool(j, "permitted", r->permitted);
    json_bool(j, "deny_listed", r->deny_id != 0);
    json_str(j, "created_at", r->created_at);
    json_str(j, "created_by", r->created_by);
    json_obj_end(j);
}

/* What the register says the recipient may have, in a word. */
static const char *recipient_state(const recipient_rec *r)
{
    return !r->permitted ? "forbidden" : r->deny_id ? "deny-listed" : !*r->identity ? "unverified"
                                                                                     : "permitted";
}

static int recipient_row(const recipient_rec *r, void *arg)
{
    json_w *j = arg;
    if (j) {
        recipient_json(j, r);
        return 0;
    }
    printf("%" PRId64 "\t%s\t%s\t", r->id, r->category, recipient_state(r));
    cli_put(stdout, r->name);
    fputc('\t', stdout);
    cli_put(stdout, *r->person && *r->organization ? r->person : "-");
    fputc('\n', stdout);
    return 0;
}

static int recipient_opts(int argc, char **argv, recipient_in *in, bool *json)
{
    static const struct option opts[] = {{"organization", required_argument, NULL, 'o'},
                                         {"person", required_argument, NULL, 'p'},
                                         {"category", required_argument, NULL, 'c'},
                                         {"address", required_argument, NULL, 'a'},
                                         {"identity", required_argument, NULL, 'i'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case 'o': in->organization = optarg; break;
        case 'p': in->person = optarg; break;
        case 'c': in->category = optarg; break;
        case 'a': in->address = optarg; break;
        case 'i': in->identity = optarg; break;
        case 'j': *json = true; break;
        default: return cli_usage("recipient", "unknown option '%s'", argv[optind - 1]);
        }
    }
    return 0;
}

static int recipient_add_cmd(cli *c, int argc, char **argv)
{
    recipient_in in = {0};
    bool json = false;
    int rc = recipient_opts(argc, argv, &in, &json);
    if (rc)
        return rc;
    if (optind != argc || !in.category || (!in.organization && !in.person))
        return cli_usage("recipient add", "give --category and --organization and/or --person");
    if ((rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    int64_t id = 0;
    if (recipient_add(c->ctx, &in, &id, &err))
        return cli_error(&err);
    recipient_rec r;
    if (recipient_get(c->ctx, id, &r, &err))
        return cli_error(&err);
    if (json) {
        json_w j;
        json_begin(&j, stdout);
        recipient_json(&j, &r);
        json_end(&j);
        return 0;
    }
    printf("recipient %" PRId64 " registered (%s, %s)\n", id, r.category, r.category_article);
    if (!r.permitted)
        printf("a forbidden recipient (%s): recorded so the refusal is on file; it gets no "
               "pledge, no export and no provision\n",
               r.category_article);
    else if (r.deny_id)
        printf("on the chief officer's deny-list (entry %" PRId64 ", 第20条第4項(d)): it gets "
               "nothing\n",
               r.deny_id);
    return 0;
}

static int recipient_edit_cmd(cli *c, int argc, char **argv)
{
    recipient_in in = {0};
    bool json = false;
    int64_t id;
    int rc = recipient_opts(argc, argv, &in, &json);
    if (rc)
        return rc;
    if (optind + 1 != argc || !args_id(argv[optind], &id))
        return cli_usage("recipient edit", "give one recipient number");
    if ((rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    if (recipient_edit(c->ctx, id, &in, &err))
        return cli_error(&err);
    printf("recipient %" PRId64 " changed\n", id);
    return 0;
}

static int recipient_list_cmd(cli *c, int argc, char **argv)
{
    recipient_in in = {0};
    bool json = false;
    int rc = recipient_opts(argc, argv, &in, &json);
    if (rc)
        return rc;
    if (optind != argc)
        return cli_usage("recipient list", "takes only --json");
    if ((rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    json_w j, *jp = args_json_array(&j, json);
    meibo_status st = recipient_list(c->ctx, recipient_row, jp, &err);
    args_json_array_end(jp);
    return st ? cli_error(&err) : 0;
}

static int recipient_show_cmd(cli *c, int argc, char **argv)
{
    recipient_in in = {0};
    bool json = false;
    int rc = recipient_opts(argc, argv, &in, &json);
    if (rc)
        return rc;
    if (optind + 1 != argc)
        return cli_usage("recipient show", "give one recipient (number or name)");
    if ((rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    recipient_rec r;
    decide_result d;
    if (recipient_resolve(c->ctx, argv[optind], "recipient", &r, &err))
        return cli_error(&err);
    meibo_err gerr;
    meibo_err_clear(&gerr);
    meibo_status gst = recipient_gate(c->ctx, &r, NULL, &d, &gerr);
    if (gst && gst != MEIBO_ERR_DENIED)
        return cli_error(&gerr);
    if (json) {
        json_w j;
        json_begin(&j, stdout);
        recipient_json(&j, &r);
        json_end(&j);
        return 0;
    }
    char id[24];
    snprintf(id, sizeof id, "%" PRId64, r.id);
    args_row(stdout, "id", id);
    args_row(stdout, "organization", r.organization);
    args_row(stdout, "person", r.person);
    char cat[400];
    snprintf(cat, sizeof cat, "%s (%s %s)", r.category, r.category_article, r.category_text);
    args_row(stdout, "category", cat);
    args_row(stdout, "address", r.address);
    args_row(stdout, "identity", r.identity);
    args_row(stdout, "state", recipient_state(&r));
    for (int i = 0; i < d.nreasons; i++) {
        char why[700];
        snprintf(why, sizeof why, "%s (%s)", d.reasons[i].text, d.reasons[i].article);
        args_row(stdout, "reason", why);
    }
    args_row(stdout, "registered", r.created_at);
    args_row(stdout, "by", r.created_by);
    return 0;
}

static int category_row(const decide_category *cat, void *arg)
{
    json_w *j = arg;
    if (j) {
        json_obj(j, NULL);
        json_str(j, "code", cat->code);
        json_bool(j, "permitted", cat->permitted);
        json_str(j, "article", cat->article);
        json_str(j, "text", cat->text);
        json_obj_end(j);
        return 0;
    }
    printf("%-14s %-10s %s\t", cat->code, cat->permitted ? "permitted" : "forbidden", cat->article);
    cli_put(stdout, cat->text);
    fputc('\n', stdout);
    return 0;
}

static int recipient_categories_cmd(cli *c, int argc, char **argv)
{
    recipient_in in = {0};
    bool json = false;
    int rc = recipient_opts(argc, argv, &in, &json);
    if (rc)
        return rc;
    if ((rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    json_w j, *jp = args_json_array(&j, json);
    meibo_status st = recipient_categories(c->ctx, category_row, jp, &err);
    args_json_array_end(jp);
    return st ? cli_error(&err) : 0;
}

int cmd_recipient(cli *c, int argc, char **argv)
{
    static const args_sub subs[] = {{"add", recipient_add_cmd, NULL},
                                    {"edit", recipient_edit_cmd, NULL},
                                    {"list", recipient_list_cmd, NULL},
                                    {"show", recipient_show_cmd, NULL},
                                    {"categories", recipient_categories_cmd, NULL},
                                    {NULL, NULL, NULL}};
    return args_dispatch(c, "recipient", recipient_help, subs, argc, argv);
}

/* ---- permissions (規程 第16条) -------------------------------------------------------------- */

static const char permission_help[] =
    "usage: meibo permission grant --export PURPOSE --recipient ID [--media paper|file|electronic]\n"
    "                              --until DATE [--note TEXT]          (chief officer)\n"
    "       meibo permission grant --backup [--backup-to DIR] --until DATE [--note TEXT]\n"
    "       meibo permission list [--all] [--json]\n"
    "       meibo permission revoke ID --reason TEXT                   (chief officer)\n"
    "The chief officer's prior permission for every copy taken out (規程 第16条): an export\n"
    "sheet (paper, file, electronic media) goes to ready only under one (the chief's approval\n"
    "of that export, meibo export approve, or a standing permission granted here, e.g. a\n"
    "branch's yearly sheet), and a backup to a folder other than the configured backup folder\n"
    "needs one for that folder. The daily backup to its folder is a standing permission too\n"
    "(made by init). Every permission is listed in the ledger (取扱規程 第24条).\n";

static int permission_row(const permission_info *p, void *arg)
{
    json_w *j = arg;
    if (j) {
        json_obj(j, NULL);
        json_int(j, "id", p->id);
        json_str(j, "kind", p->kind);
        json_bool(j, "standing", p->standing);
        json_str(j, "purpose", *p->purpose ? p->purpose : NULL);
        if (p->recipient_id)
            json_int(j, "recipient_id", p->recipient_id);
        json_str(j, "media", *p->media ? p->media : NULL);
        json_str(j, "destination", p->destination);
        if (p->export_id)
            json_int(j, "export", p->export_id);
        json_str(j, "scope", p->scope);
        json_str(j, "granted_on", p->granted_on);
        json_str(j, "granted_by", p->granted_by);
        json_str(j, "valid_until", p->valid_until);
        json_bool(j, "in_force", p->in_force);
        json_str(j, "revoked_at", p->revoked_at);
        json_str(j, "revoked_by", p->revoked_by);
        json_str(j, "revoke_reason", p->revoke_reason);
        json_obj_end(j);
        return 0;
    }
    printf("%" PRId64 "\t%s\t%s\t%s\t%s..%s\t%s\t", p->id, p->kind,
           p->standing ? "standing" : "one-off",
           p->revoked_at ? "revoked" : p->in_force ? "in force" : "ended", p->granted_on,
           p->valid_until, p->granted_by);
    cli_put(stdout, p->scope);
    fputc('\n', stdout);
    return 0;
}

static int permission_grant_cmd(cli *c, int argc, char **argv)
{
    enum { O_EXPORT = 1, O_RECIPIENT, O_MEDIA, O_BACKUP, O_BACKUP_TO, O_UNTIL, O_NOTE };
    static const struct option opts[] = {{"export", required_argument, NULL, O_EXPORT},
                                         {"recipient", required_argument, NULL, O_RECIPIENT},
                                         {"media", required_argument, NULL, O_MEDIA},
                                         {"backup", no_argument, NULL, O_BACKUP},
                                         {"backup-to", required_argument, NULL, O_BACKUP_TO},
                                         {"until", required_argument, NULL, O_UNTIL},
                                         {"note", required_argument, NULL, O_NOTE},
                                         {NULL, 0, NULL, 0}};
    permission_in in = {0};
    bool backup = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case O_EXPORT: in.purpose = optarg; break;
        case O_RECIPIENT: in.recipient = optarg; break;
        case O_MEDIA: in.media = optarg; break;
        case O_BACKUP: backup = true; break;
        case O_BACKUP_TO: backup = true; in.destination = optarg; break;
        case O_UNTIL: in.valid_until = optarg; break;
        case O_NOTE: in.note = optarg; break;
        default: return cli_usage("permission grant", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc || !in.valid_until || backup == (in.purpose != NULL) ||
        (in.purpose && !in.recipient))
        return cli_usage("permission grant",
                         "give --export PURPOSE --recipient ID, or --backup [--backup-to DIR]; "
                         "and --until DATE");
    in.kind = backup ? "backup" : "export";
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    int64_t id = 0;
    if (permission_grant(c->ctx, &in, &id, &err))
        return cli_error(&err);
    printf("permission %" PRId64 " granted (規程 第16条)\n", id);
    return 0;
}

static int permission_list_cmd(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {{"all", no_argument, NULL, 'a'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    bool all = false, json = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (o == 'a')
            all = true;
        else if (o == 'j')
            json = true;
        else
            return cli_usage("permission list", "unknown option '%s'", argv[optind - 1]);
    }
    if (optind != argc)
        return cli_usage("permission list", "takes only options");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    json_w j, *jp = args_json_array(&j, json);
    meibo_status st = permission_list(c->ctx, all, permission_row, jp, &err);
    args_json_array_end(jp);
    return st ? cli_error(&err) : 0;
}

static int permission_revoke_cmd(cli *c, int argc, char **argv)
{
    int64_t id;
    const char *reason = NULL;
    int rc = args_id_text("permission revoke", argc, argv, "reason", &id, &reason, NULL);
    if (rc || (rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    if (permission_revoke(c->ctx, id, reason, &err))
        return cli_error(&err);
    printf("permission %" PRId64 " revoked\n", id);
    return 0;
}

int cmd_permission(cli *c, int argc, char **argv)
{
    static const args_sub subs[] = {{"grant", permission_grant_cmd, NULL},
                                    {"list", permission_list_cmd, NULL},
                                    {"revoke", permission_revoke_cmd, NULL},
                                    {NULL, NULL, NULL}};
    return args_dispatch(c, "permission", permission_help, subs, argc, argv);
}

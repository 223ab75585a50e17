/* cmd_pledge.c: meibo pledge add|list|show|revoke|print (取扱規程 第5–6条). */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "json.h"
#include "meibo/inquiry.h"
#include "meibo/inquiry_letter.h"
#include "meibo/pledge.h"
#include "print.h"

static const char pledge_help[] =
    "usage: meibo pledge add --recipient ID --signatory NAME [--title TITLE]\n"
    "                        [--received DATE] --media paper|electronic|paper,electronic\n"
    "                        --purposes P,... --items a,d --valid-until DATE --document NO\n"
    "                        [--json]       (manager or chief officer)\n"
    "       meibo pledge list [--expiring DAYS] [--all] [--recipient ORG] [--json]\n"
    "       meibo pledge show ID [--json]\n"
    "       meibo pledge revoke ID --reason TEXT   (manager or chief officer)\n"
    "       meibo pledge print --inquiry ID | --pledge ID | --recipient ORG --purposes P,...\n"
    "                          --items a,d [--media paper|electronic|paper,electronic]\n"
    "                          [--valid-until DATE] [--format pdf|text] [--out FILE]\n"
    "                          the pledge form to send, pre-filled from an inquiry waiting\n"
    "                          for a pledge, a pledge to renew, or the options\n"
    "A pledge (誓約書) from a registered recipient (meibo recipient; one of a forbidden category\n"
    "or deny-listed gets none, 第20条第4項) lets the secretariat provide data on paper\n"
    "(取扱規程 第6条) or, with the\n"
    "chief officer's approval, on electronic media (第5条). Recording one decides again the\n"
    "inquiries held for a pledge from that recipient. An expired pledge counts for nothing.\n"
    "'pledge print' sends the form like 'inquiry print' sends a letter: to FILE, else the\n"
    "printer (meibo.conf), else the outbox; text without --out is a preview on stdout.\n";

static void pledge_json(json_w *j, const pledge_info *p)
{
    json_int(j, "id", p->id);
    json_str(j, "recipient", p->recipient);
    json_str(j, "signatory_name", p->signatory_name);
    json_str(j, "signatory_title", p->signatory_title);
    json_str(j, "received_on", p->received_on);
    json_arr(j, "media");
    if (p->media & DECIDE_MEDIA_PAPER)
        json_str(j, NULL, "paper");
    if (p->media & DECIDE_MEDIA_ELECTRONIC)
        json_str(j, NULL, "electronic");
    json_arr_end(j);
    json_str(j, "purposes", p->purposes);
    json_str(j, "items", p->items);
    json_str(j, "valid_until", p->valid_until);
    json_str(j, "document_no", p->document_no);
    json_str(j, "state", p->state);
    json_str(j, "revoked_on", p->revoked_on);
    json_str(j, "revoked_by", p->revoked_by);
    json_str(j, "revoke_reason", p->revoke_reason);
    json_str(j, "recorded_at", p->created_at);
    json_str(j, "recorded_by", p->created_by);
}

static int pledge_row(const pledge_info *p, void *arg)
{
    json_w *j = arg;
    if (j) {
        json_obj(j, NULL);
        pledge_json(j, p);
        json_obj_end(j);
        return 0;
    }
    printf("%" PRId64 "\t%s\t%s\t", p->id, p->state, p->valid_until);
    const char *cols[] = {p->recipient, pledge_media_name(p->media), p->purposes, p->items,
                          p->document_no};
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
        if (i)
            fputc('\t', stdout);
        cli_put(stdout, cols[i]);
    }
    fputc('\n', stdout);
    return 0;
}

static int pledge_detail(const pledge_info *p, void *arg)
{
    if (arg)
        return pledge_row(p, arg);
    printf("pledge %" PRId64 "\n", p->id);
    args_row(stdout, "state", p->state);
    args_row(stdout, "recipient", p->recipient);
    args_row(stdout, "signatory", p->signatory_name);
    args_row(stdout, "title", p->signatory_title);
    args_row(stdout, "received_on", p->received_on);
    args_row(stdout, "media", pledge_media_name(p->media));
    args_row(stdout, "purposes", p->purposes);
    args_row(stdout, "items", p->items);
    args_row(stdout, "valid_until", p->valid_until);
    args_row(stdout, "document_no", p->document_no);
    if (p->revoked_on) {
        args_row(stdout, "revoked_on", p->revoked_on);
        args_row(stdout, "revoked_by", p->revoked_by);
        args_row(stdout, "revoke_reason", p->revoke_reason);
    }
    args_row(stdout, "recorded", p->created_at);
    args_row(stdout, "recorded_by", p->created_by);
    return 0;
}

static int pledge_add_cmd(cli *c, int argc, char **argv)
{
    enum { O_RECIPIENT = 256, O_SIGNATORY, O_TITLE, O_RECEIVED, O_MEDIA, O_PURPOSES, O_ITEMS,
           O_UNTIL, O_DOCUMENT, O_JSON };
    static const struct option opts[] = {
        {"recipient", required_argument, NULL, O_RECIPIENT},
        {"signatory", required_argument, NULL, O_SIGNATORY},
        {"title", required_argument, NULL, O_TITLE},
        {"received", required_argument, NULL, O_RECEIVED},
        {"media", required_argument, NULL, O_MEDIA},
        {"purposes", required_argument, NULL, O_PURPOSES},
        {"items", required_argument, NULL, O_ITEMS},
        {"valid-until", required_argument, NULL, O_UNTIL},
        {"document", required_argument, NULL, O_DOCUMENT},
        {"json", no_argument, NULL, O_JSON},
        {NULL, 0, NULL, 0}};
    pledge_new p = {0};
    bool json = false;
    const char *media = NULL;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case O_RECIPIENT: p.recipient = optarg; break;
        case O_SIGNATORY: p.signatory_name = optarg; break;
        case O_TITLE: p.signatory_title = optarg; break;
        case O_RECEIVED: p.received_on = optarg; break;
        case O_MEDIA: media = optarg; break;
        case O_PURPOSES: p.purposes = optarg; break;
        case O_ITEMS: p.items = optarg; break;
        case O_UNTIL: p.valid_until = optarg; break;
        case O_DOCUMENT: p.document_no = optarg; break;
        case O_JSON: json = true; break;
        default: return cli_usage("pledge add", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage("pledge add", "unexpected argument '%s'", argv[optind]);
    if (!p.recipient || !p.signatory_name || !media || !p.purposes || !p.items ||
        !p.valid_until || !p.document_no)
        return cli_usage("pledge add", "--recipient, --signatory, --media, --purposes, --items, "
                                       "--valid-until and --document are required");
    if (!(p.media = pledge_media_parse(media)))
        return cli_usage("pledge add", "--media is paper, electronic or paper,electronic");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    pledge_added added;
    if (pledge_add(c->ctx, &p, inquiry_release_pledge_holds, &added, &err))
        return cli_error(&err);
    int shown = added.released < PLEDGE_MAX_RELEASED ? added.released : PLEDGE_MAX_RELEASED;
    if (json) {
        json_w j;
        json_begin(&j, stdout);
        json_obj(&j, NULL);
        json_int(&j, "pledge", added.id);
        json_int(&j, "redecided", added.redecided);
        json_arr(&j, "released");
        for (int i = 0; i < shown; i++)
            json_int(&j, NULL, added.released_ids[i]);
        json_arr_end(&j);
        json_obj_end(&j);
        json_end(&j);
        return 0;
    }
    printf("recorded pledge %" PRId64 "\n", added.id);
    if (added.released) {
        printf("released %d held inquir%s:", added.released, added.released == 1 ? "y" : "ies");
        for (int i = 0; i < shown; i++)
            printf(" %" PRId64, added.released_ids[i]);
        puts(added.released > shown ? " ..." : "");
    }
    int waiting = added.redecided - added.released;
    if (waiting > 0)
        printf("%d held inquir%s from this recipient still wait: the pledge does not cover them\n",
               waiting, waiting == 1 ? "y" : "ies");
    return 0;
}

static int pledge_list_cmd(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {{"expiring", required_argument, NULL, 'e'},
                                         {"all", no_argument, NULL, 'a'},
                                         {"recipient", required_argument, NULL, 'r'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    pledge_filter f = {false, -1, NULL};
    bool json = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        char *end;
        switch (o) {
        case 'e':
            f.expiring_days = (int)strtol(optarg, &end, 10);
            if (*end || end == optarg || f.expiring_days < 0 || f.expiring_days > 3660)
                return cli_usage("pledge list", "--expiring takes a number of days (0 to 3660)");
            break;
        case 'a': f.all = true; break;
        case 'r': f.recipient = optarg; break;
        case 'j': json = true; break;
        default: return cli_usage("pledge list", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage("pledge list", "takes only options");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    json_w j, *jp = args_json_array(&j, json);
    meibo_status st = pledge_list(c->ctx, &f, pledge_row, jp, &err);
    args_json_array_end(jp);
    return st ? cli_error(&err) : 0;
}

static meibo_status pledge_letter(meibo_ctx *ctx, const meibo_config *cfg, letter_format fmt,
                                  letter *out, void *arg, meibo_err *err)
{
    return letter_pledge_request(ctx, cfg, arg, fmt, out, err);
}

/* pledge print --inquiry ID | --pledge ID | --recipient ORG --purposes P --items I ... */
static int pledge_print_cmd(cli *c, int argc, char **argv)
{
    enum { O_INQUIRY = 256, O_PLEDGE, O_RECIPIENT, O_PURPOSES, O_ITEMS, O_MEDIA, O_UNTIL };
    static const struct option opts[] = {
        {"inquiry", required_argument, NULL, O_INQUIRY},
        {"pledge", required_argument, NULL, O_PLEDGE},
        {"recipient", required_argument, NULL, O_RECIPIENT},
        {"purposes", required_argument, NULL, O_PURPOSES},
        {"items", required_argument, NULL, O_ITEMS},
        {"media", required_argument, NULL, O_MEDIA},
        {"valid-until", required_argument, NULL, O_UNTIL},
        PRINT_OPTIONS,
        {NULL, 0, NULL, 0}};
    letter_pledge_src src = {0};
    print_opts po = {NULL, NULL};
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case O_INQUIRY:
        case O_PLEDGE:
            if (!args_id(optarg, o == O_INQUIRY ? &src.inquiry_id : &src.pledge_id))
                return cli_usage("pledge print", "--%s takes a number",
                                 o == O_INQUIRY ? "inquiry" : "pledge");
            break;
        case O_RECIPIENT: src.recipient = optarg; break;
        case O_PURPOSES: src.purposes = optarg; break;
        case O_ITEMS: src.items = optarg; break;
        case O_MEDIA:
            if (!(src.media = pledge_media_parse(optarg)))
                return cli_usage("pledge print",
                                 "--media is paper, electronic or paper,electronic");
            break;
        case O_UNTIL: src.valid_until = optarg; break;
        default:
            if (!print_option(o, &po))
                return cli_usage("pledge print", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage("pledge print", "unexpected argument '%s'", argv[optind]);
    int sources = (src.inquiry_id > 0) + (src.pledge_id > 0) + (src.recipient != NULL);
    if (sources != 1)
        return cli_usage("pledge print",
                         "give one of --inquiry ID, --pledge ID or --recipient ORG");
    if (src.recipient && (!src.purposes || !src.items))
        return cli_usage("pledge print", "--recipient needs --purposes and --items");
    if (!src.recipient && (src.purposes || src.items || src.media))
        return cli_usage("pledge print", "--purposes, --items and --media go with --recipient");
    return print_run(c, "pledge print", &po, pledge_letter, &src);
}

/* pledge show | pledge revoke (argv[0]) */
static int pledge_id_cmd(cli *c, int argc, char **argv)
{
    bool revoke = !strcmp(argv[0], "revoke");
    const char *reason = NULL;
    bool json = false;
    int64_t id;
    int rc = args_id_text(revoke ? "pledge revoke" : "pledge show", argc, argv,
                          revoke ? "reason" : NULL, &id, &reason, revoke ? NULL : &json);
    if (rc)
        return rc;
    rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    if (revoke) {
        if (pledge_revoke(c->ctx, id, reason, &err))
            return cli_error(&err);
        printf("pledge %" PRId64 " revoked\n", id);
        return 0;
    }
    json_w j;
    if (json)
        json_begin(&j, stdout);
    if (pledge_show(c->ctx, id, pledge_detail, json ? &j : NULL, &err))
        return cli_error(&err);
    if (json)
        json_end(&j);
    return 0;
}

int cmd_pledge(cli *c, int argc, char **argv)
{
    static const args_sub subs[] = {{"add", pledge_add_cmd, NULL},       {"list", pledge_list_cmd, NULL},
                                    {"show", pledge_id_cmd, NULL},       {"revoke", pledge_id_cmd, NULL},
                                    {"print", pledge_print_cmd, NULL},   {NULL, NULL, NULL}};
    return args_dispatch(c, "pledge", pledge_help, subs, argc, argv);
}

/* cmd_optout.c: meibo optout add|phone|written|withdraw|list|show|print (規程 第20条第5項). */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "json.h"
#include "meibo/optout.h"
#include "meibo/rights_letter.h"
#include "print.h"

static const char optout_help[] =
    "usage: meibo optout add NO --document DOC [--received DATE] [--json]\n"
    "       meibo optout phone NO [--received DATE] [--json]\n"
    "       meibo optout written ID --document DOC [--received DATE] [--json]\n"
    "       meibo optout withdraw NO --document DOC [--received DATE] [--json]\n"
    "       meibo optout list [--member NO] [--all] [--json]\n"
    "       meibo optout show ID [--json]\n"
    "       meibo optout print ID [--format pdf|text] [--out FILE]\n"
    "A member's written application to stop the provision of their data to third parties\n"
    "(規程 第20条第5項): 'add' records it (the day the paper arrived, default today, and where\n"
    "it is filed), and from then on every third-party inquiry about the member is refused,\n"
    "except a legal-basis inquiry from government, police or agency with its statute\n"
    "(第20条第5項 但し書). 'phone' records a request taken by telephone: provision stops at\n"
    "once as a protective interim measure, marked 書面待ち (awaiting the written application),\n"
    "with no document number; 'print' then prints the letter asking for the written\n"
    "application, and 'written' records it against the interim record when it arrives.\n"
    "'withdraw' records the member's written withdrawal (its document is required). The\n"
    "member's optout_on is read from these records: member edit, member add and import\n"
    "never set or lift it (an import's dates become records with the file and line as\n"
    "source). 'list' shows those in force (--all: withdrawn ones too). 'print' prints the\n"
    "acknowledgment to the member (of the withdrawal, once withdrawn), sent like 'inquiry\n"
    "print' sends a letter.\n";

static void optout_json(json_w *j, const optout_info *o)
{
    json_int(j, "id", o->id);
    json_str(j, "member_no", o->member_no);
    json_str(j, "received_on", o->received_on);
    json_str(j, "document_no", o->document_no);
    json_str(j, "recorded_by", o->recorded_by);
    json_str(j, "recorded_at", o->recorded_at);
    json_bool(j, "in_force", o->in_force);
    json_str(j, "withdrawn_on", o->withdrawn_on);
    json_str(j, "withdrawal_document_no", o->withdrawal_document_no);
    json_str(j, "withdrawn_by", o->withdrawn_by);
    json_str(j, "channel", o->channel);
    json_str(j, "source", o->source);
    json_bool(j, "awaiting_written", o->awaiting_written);
    json_str(j, "written_on", o->written_on);
    if (o->request_id)
        json_int(j, "request", o->request_id);
    else
        json_str(j, "request", NULL);
}

static int optout_row(const optout_info *o, void *arg)
{
    json_w *j = arg;
    if (j) {
        json_obj(j, NULL);
        optout_json(j, o);
        json_obj_end(j);
        return 0;
    }
    printf("%" PRId64 "\t%s\t%s\t", o->id,
           !o->in_force ? "withdrawn" : o->awaiting_written ? "interim(書面待ち)" : "in-force",
           o->received_on);
    cli_put(stdout, o->member_no);
    fputc('\t', stdout);
    cli_put(stdout, o->family_name);
    fputc(' ', stdout);
    cli_put(stdout, o->given_name);
    fputc('\t', stdout);
    cli_put(stdout, *o->document_no ? o->document_no : *o->source ? o->source : "-");
    if (!o->in_force) {
        printf("\twithdrawn %s ", o->withdrawn_on);
        cli_put(stdout, *o->withdrawal_document_no ? o->withdrawal_document_no : "-");
    }
    fputc('\n', stdout);
    return 0;
}

static int optout_detail(const optout_info *o, void *arg)
{
    json_w *j = arg;
    if (j) {
        json_obj(j, NULL);
        optout_json(j, o);
        json_obj_end(j);
        return 0;
    }
    printf("opt-out %" PRId64 " (第20条第5項)\n", o->id);
    args_row(stdout, "state", !o->in_force        ? "withdrawn"
                              : o->awaiting_written ? "in force, interim: awaiting the written "
                                                      "application (書面待ち)"
                                                    : "in force");
    args_row(stdout, "channel", !strcmp(o->channel, "phone")    ? "phone (電話)"
                                : !strcmp(o->channel, "import") ? "import (取込)"
                                : !strcmp(o->channel, "field")
                                    ? "member field, before 019 (書面の記録なし)"
                                    : "letter (書面)");
    if (*o->source)
        args_row(stdout, "source", o->source);
    if (o->written_on)
        args_row(stdout, "written_on", o->written_on);
    args_row(stdout, "member_no", o->member_no);
    char name[300];
    snprintf(name, sizeof name, "%s %s", o->family_name ? o->family_name : "",
             o->given_name ? o->given_name : "");
    args_row(stdout, "name", name);
    args_row(stdout, "received_on", o->received_on);
    args_row(stdout, "document_no", o->document_no);
    args_row(stdout, "recorded_by", o->recorded_by);
    args_row(stdout, "recorded_at", o->recorded_at);
    if (o->request_id)
        printf("%-15s %" PRId64 "\n", "request", o->request_id);
    if (!o->in_force) {
        args_row(stdout, "withdrawn_on", o->withdrawn_on);
        args_row(stdout, "withdrawal_doc", o->withdrawal_document_no);
        args_row(stdout, "withdrawn_by", o->withdrawn_by);
    }
    return 0;
}

/* optout add | optout withdraw (argv[0]) NO --document DOC [--received DATE] [--json] */
static int optout_change_cmd(cli *c, int argc, char **argv)
{
    bool phone = !strcmp(argv[0], "phone"), written = !strcmp(argv[0], "written");
    bool add = phone || !strcmp(argv[0], "add");
    const char *cmd = phone ? "optout phone" : written ? "optout written" : add ? "optout add"
                                                                            : "optout withdraw";
    static const struct option opts[] = {{"document", required_argument, NULL, 'd'},
                                         {"received", required_argument, NULL, 'r'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    const char *document = NULL, *received = NULL;
    bool json = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case 'd': document = optarg; break;
        case 'r': received = optarg; break;
        case 'j': json = true; break;
        default: return cli_usage(cmd, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind + 1 != argc)
        return cli_usage(cmd, written ? "give one opt-out number (meibo optout list)"
                                      : "give one member number");
    if (phone && document)
        return cli_usage(cmd, "a telephone request has no document: record the written "
                              "application when it arrives (meibo optout written ID --document "
                              "DOC)");
    if (!phone && !document)
        return cli_usage(cmd, "--document DOC (where the member's written %s is filed) is "
                              "required", add || written ? "application" : "withdrawal");
    int64_t oid = 0;
    if (written) {
        char *end = NULL;
        long long v = strtoll(argv[optind], &end, 10);
        if (!*argv[optind] || *end || v <= 0)
            return cli_usage(cmd, "'%s' is not an opt-out number", argv[optind]);
        oid = v;
    }
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    int64_t id = 0;
    meibo_status st;
    if (written) {
        st = optout_written(c->ctx, oid, received, document, &err);
        id = oid;
    } else if (add) {
        optout_new n = {argv[optind], received, document, 0, phone};
        st = optout_add(c->ctx, &n, &id, &err);
    } else {
        st = optout_withdraw(c->ctx, argv[optind], received, document, &id, &err);
    }
    if (st)
        return cli_error(&err);
    if (json) {
        json_w j;
        json_begin(&j, stdout);
        json_obj(&j, NULL);
        json_int(&j, "optout", id);
        json_str(&j, "state", phone ? "interim" : add || written ? "in_force" : "withdrawn");
        json_bool(&j, "awaiting_written", phone);
        json_obj_end(&j);
        json_end(&j);
    } else if (phone) {
        printf("recorded opt-out %" PRId64 " (telephone, interim: awaiting the written "
               "application, 書面待ち): member ", id);
        cli_put(stdout, argv[optind]);
        printf(" is no longer provided to third parties from now (第20条第5項); print the "
               "letter asking for the written application: meibo optout print %" PRId64 "\n",
               id);
    } else if (written) {
        printf("opt-out %" PRId64 ": the written application is recorded; the interim stop is "
               "now the member's written application (第20条第5項)\n", id);
    } else if (add) {
        printf("recorded opt-out %" PRId64 ": member ", id);
        cli_put(stdout, argv[optind]);
        printf(" is no longer provided to third parties (第20条第5項)\n");
    } else {
        printf("opt-out %" PRId64 " withdrawn: provision by 第20条 is possible again\n", id);
    }
    return 0;
}

static int optout_list_cmd(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {{"member", required_argument, NULL, 'm'},
                                         {"all", no_argument, NULL, 'a'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    const char *member = NULL;
    bool all = false, json = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (o) {
        case 'm': member = optarg; break;
        case 'a': all = true; break;
        case 'j': json = true; break;
        default: return cli_usage("optout list", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage("optout list", "takes only options");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    json_w j, *jp = args_json_array(&j, json);
    meibo_status st = optout_list(c->ctx, member, all, optout_row, jp, &err);
    args_json_array_end(jp);
    return st ? cli_error(&err) : 0;
}

static int optout_show_cmd(cli *c, int argc, char **argv)
{
    bool json = false;
    int64_t id;
    const char *none = NULL;
    int rc = args_id_text("optout show", argc, argv, NULL, &id, &none, &json);
    if (rc || (rc = cli_login(c)))
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    json_w j;
    if (json)
        json_begin(&j, stdout);
    if (optout_show(c->ctx, id, optout_detail, json ? &j : NULL, &err))
        return cli_error(&err);
    if (json)
        json_end(&j);
    return 0;
}

static meibo_status optout_letter(meibo_ctx *ctx, const meibo_config *cfg, letter_format fmt,
                                  letter *out, void *arg, meibo_err *err)
{
    return letter_optout_ack(ctx, cfg, *(const int64_t *)arg, fmt, out, err);
}

static int optout_print_cmd(cli *c, int argc, char **argv)
{
    return print_id_cmd(c, argc, argv, "optout print",
                        "give one opt-out number (meibo optout list)", optout_letter);
}

int cmd_optout(cli *c, int argc, char **argv)
{
    static const args_sub subs[] = {{"add", optout_change_cmd, NULL}, {"withdraw", optout_change_cmd, NULL},
                                    {"phone", optout_change_cmd, NULL},  {"written", optout_change_cmd, NULL},
                                    {"list", optout_list_cmd, NULL},  {"show", optout_show_cmd, NULL},
                                    {"print", optout_print_cmd, NULL}, {NULL, NULL, NULL}};
    return args_dispatch(c, "optout", optout_help, subs, argc, argv);
}

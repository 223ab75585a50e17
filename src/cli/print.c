/* print.c: the shared part of the print subcommands (inquiry, pledge, optout, request, ledger). */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "meibo/outbox.h"
#include "print.h"

/* The letter's text on stdout, each line made safe for the terminal. */
static void text_out(const letter *l)
{
    for (const char *p = l->data; p < l->data + l->len;) {
        const char *nl = memchr(p, '\n', (size_t)(l->data + l->len - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(l->data + l->len - p);
        char *line = strndup(p, n);
        if (line)
            cli_put(stdout, line);
        free(line);
        fputc('\n', stdout);
        p += n + 1;
    }
}

bool print_option(int opt, print_opts *o)
{
    if (opt == 'F')
        o->format = optarg;
    else if (opt == 'O')
        o->out = optarg;
    return opt == 'F' || opt == 'O';
}

int print_run(cli *c, const char *cmd, const print_opts *o, print_build_fn build, void *arg)
{
    int fmt = letter_format_parse(o->format ? o->format : "pdf");
    if (fmt < 0)
        return cli_usage(cmd, "--format is pdf or text");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    letter l;
    if (build(c->ctx, &c->cfg, (letter_format)fmt, &l, arg, &err))
        return cli_error(&err);
    char what[96];
    if (l.kind == LETTER_PLEDGE_REQUEST)
        snprintf(what, sizeof what, "pledge request");
    else if (l.optout_id)
        snprintf(what, sizeof what, "opt-out %" PRId64 ": %s letter", l.optout_id,
                 letter_kind_name(l.kind));
    else if (l.request_id)
        snprintf(what, sizeof what, "request %" PRId64 ": %s letter", l.request_id,
                 letter_kind_name(l.kind));
    else if (l.kind == LETTER_LEDGER)
        snprintf(what, sizeof what, "ledger");
    else if (l.kind == LETTER_ANON_COVER)
        snprintf(what, sizeof what, "anonymised data %" PRId64 ": cover letter", l.anon_id);
    else if (l.kind == LETTER_INSPECTION)
        snprintf(what, sizeof what, "inspection report%s", l.inspection_id ? "" : " (unrecorded)");
    else if (l.incident_id)
        snprintf(what, sizeof what, "incident %" PRId64 ": %s", l.incident_id,
                 letter_kind_name(l.kind));
    else
        snprintf(what, sizeof what, "inquiry %" PRId64 ": %s letter", l.inquiry_id,
                 letter_kind_name(l.kind));
    meibo_status st;
    if (fmt == LETTER_TEXT && !o->out) {
        if (!(st = letter_record(c->ctx, &l, "stdout", &err)))
            text_out(&l);
    } else {
        outbox_delivery d;
        if (!(st = outbox_deliver(c->ctx, &c->cfg, &l, o->out, &d, &err))) {
            cli_delivered(what, &d, o->out != NULL);
        }
    }
    letter_clear(&l);
    return st ? cli_error(&err) : 0;
}

int print_id_cmd(cli *c, int argc, char **argv, const char *cmd, const char *what,
                 print_build_fn build)
{
    static const struct option opts[] = {PRINT_OPTIONS, {NULL, 0, NULL, 0}};
    print_opts po = {NULL, NULL};
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1)
        if (!print_option(o, &po))
            return cli_usage(cmd, "unknown option '%s'", argv[optind - 1]);
    int64_t id;
    if (optind + 1 != argc || !args_id(argv[optind], &id))
        return cli_usage(cmd, "%s", what);
    return print_run(c, cmd, &po, build, &id);
}

void cli_delivered(const char *what, const outbox_delivery *d, bool to_file)
{
    if (d->printed) {
        printf("%s sent to printer %s", what, d->printer);
        if (*d->job) {
            fputs(" (request ", stdout);
            cli_put(stdout, d->job);
            fputc(')', stdout);
        }
        fputc('\n', stdout);
        if (d->queue == QUEUE_DISABLED) {
            fprintf(stderr, "meibo: warning: printer %s is stopped; the job waits until it is "
                            "enabled (cupsenable %s): ", d->printer, d->printer);
            cli_put(stderr, d->queue_said);
            fputc('\n', stderr);
        }
    } else if (to_file) {
        printf("%s written to ", what);
        cli_put(stdout, d->path);
        fputc('\n', stdout);
    } else {
        printf("%s saved in the outbox: ", what);
        cli_put(stdout, d->path);
        fputc('\n', stdout);
    }
}

/* cmd_retention.c: meibo retention, purge, backup and restore (規程 第17条, 取扱規程 第19条,
 * 第20–22条). */
#include <getopt.h>
#include <limits.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "cli.h"
#include "json.h"
#include "meibo/archive.h"
#include "meibo/audit.h"
#include "meibo/backup.h"
#include "meibo/boundary.h"
#include "meibo/config.h"
#include "meibo/outbox.h"
#include "meibo/process.h"
#include "meibo/purge.h"
#include "meibo/restore.h"
#include "meibo/retention.h"

/* ---- retention ----------------------------------------------------------------------------- */

static const char retention_help[] =
    "usage: meibo retention list [--json]\n"
    "       meibo retention set CODE --years N [--months M]   (chief officer)\n"
    "How long each kind of record is kept before meibo purge disposes of it (規程 第17条,\n"
    "取扱規程 第9条, 第20–22条). CODE: provision (3 years, the law's floor), request_papers,\n"
    "withdrawn_member, inquiry_requester, audit_log (the access log), pledge_signatory (the\n"
    "signatories of pledges and recipients' contact persons, after the pledge ends).\n"
    "Backups keep what was erased until their rotation (backup_keep_daily, _monthly).\n";

static int retention_print(const retention_period *p, void *arg)
{
    json_w *j = arg;
    char words[32];
    retention_words(p->years, p->months, words, sizeof words);
    if (j) {
        json_obj(j, NULL);
        json_str(j, "code", p->code);
        json_str(j, "name", p->name);
        json_str(j, "anchor", p->anchor);
        json_int(j, "years", p->years);
        json_int(j, "months", p->months);
        json_int(j, "min_years", p->min_years);
        json_str(j, "disposal", p->disposal);
        json_str(j, "article", p->article);
        json_str(j, "updated_at", p->updated_at);
        json_str(j, "updated_by", p->updated_by);
        json_obj_end(j);
        return 0;
    }
    printf("%-18s %-8s %-9s ", p->code, words, p->disposal);
    cli_put(stdout, p->name);
    fputs("（", stdout);
    cli_put(stdout, p->anchor);
    fputs("から） ", stdout);
    cli_put(stdout, p->article);
    fputc('\n', stdout);
    return 0;
}

/* retention list and set (argv[0]); which options each takes is cmd_retention's table */
static int retention_cmd(cli *c, int argc, char **argv)
{
    const char *sub = argv[0];
    static const struct option opts[] = {{"years", required_argument, NULL, 'y'},
                                         {"months", required_argument, NULL, 'm'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    long years = -1, months = 0;
    bool json = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        char *end;
        switch (o) {
        case 'y':
            years = strtol(optarg, &end, 10);
            if (*end || !*optarg)
                return cli_usage("retention", "--years is a number");
            break;
        case 'm':
            months = strtol(optarg, &end, 10);
            if (*end || !*optarg)
                return cli_usage("retention", "--months is a number");
            break;
        case 'j': json = true; break;
        default: return cli_usage("retention", "unknown option '%s'", argv[optind - 1]);
        }
    }
    meibo_err err;
    meibo_err_clear(&err);
    int rc;
    if (!strcmp(sub, "list")) {
        if (optind != argc)
            return cli_usage("retention", "list takes no arguments");
        if ((rc = cli_login(c)))
            return rc;
        json_w j;
        if (json) {
            json_begin(&j, stdout);
            json_arr(&j, NULL);
        }
        meibo_status st = retention_list(c->ctx, retention_print, json ? &j : NULL, &err);
        if (json) {
            json_arr_end(&j);
            json_end(&j);
        }
        return st ? cli_error(&err) : 0;
    }
    if (!strcmp(sub, "set")) {
        if (optind + 1 != argc || years < 0)
            return cli_usage("retention", "set needs one CODE and --years N");
        if (years > 100 || months < 0 || months > 11)
            return cli_usage("retention", "--years is 0 to 100, --months 0 to 11");
        if ((rc = cli_login(c)))
            return rc;
        if (retention_set(c->ctx, argv[optind], (int)years, (int)months, &err))
            return cli_error(&err);
        char words[32];
        printf("%s: kept %s\n", argv[optind],
               retention_words((int)years, (int)months, words, sizeof words));
        return 0;
    }
    return cli_usage("retention", "unknown subcommand '%s'", sub);
}

int cmd_retention(cli *c, int argc, char **argv)
{
    static const args_sub subs[] = {{"list", retention_cmd, "json"},
                                    {"set", retention_cmd, "years= months="},
                                    {NULL, NULL, NULL}};
    return args_dispatch(c, "retention", retention_help, subs, argc, argv);
}

/* ---- purge --------------------------------------------------------------------------------- */

static void purge_text(const purge_result *r, bool dry, const char *ledger)
{
    if (dry)
        printf("purge --dry-run (today %s): nothing was changed; a purge would dispose of:\n",
               r->today);
    else
        printf("purge (today %s):\n", r->today);
    printf("  provision records deleted           %6" PRId64 "  (provided on or before %s)\n",
           r->provisions, r->cutoff_provision);
    printf("  inquiry requesters erased           %6" PRId64 "  (closed on or before %s)\n",
           r->inquiries, r->cutoff_requester);
    printf("  letters removed from the outbox     %6" PRId64 "\n", r->letters);
    printf("  request papers deleted              %6" PRId64 "  (completed on or before %s)\n",
           r->requests, r->cutoff_request);
    printf("  members erased                      %6" PRId64 "  (withdrawn on or before %s)\n",
           r->members, r->cutoff_member);
    printf("  members kept for provision records  %6" PRId64 "  (個人情報保護法 第29条)\n",
           r->members_held);
    printf("  members kept: other records refer   %6" PRId64 "\n", r->members_referred);
    printf("  facilities no member uses, deleted  %6" PRId64 "\n", r->facilities);
    printf("  pledge signatories erased           %6" PRId64 "  (pledges ended on or before %s)\n",
           r->signatories, r->cutoff_signatory);
    printf("  recipients' contact persons erased  %6" PRId64 "\n", r->contacts);
    printf("  access-log rows of %s and before    %6" PRId64 "%s\n", r->cutoff_audit,
           r->audit_rows, r->audit_rows ? " (a checkpoint anchors the cut)" : "");
    if (dry)
        return;
    printf("  search index rewritten              %6s\n", r->index_rewritten ? "yes" : "no");
    printf("  WAL checkpointed and truncated      %6s\n", r->wal_truncated ? "yes" : "no");
    if (r->vacuumed)
        printf("  database vacuumed                      yes\n");
    if (ledger && r->ledger_file_written)
        printf("  deletion ledger copied to %s\n", ledger);
}

static void purge_json(const purge_result *r, bool dry)
{
    json_w j;
    json_begin(&j, stdout);
    json_obj(&j, NULL);
    json_bool(&j, "dry_run", dry);
    json_str(&j, "today", r->today);
    json_obj(&j, "cutoffs");
    json_str(&j, "provision", r->cutoff_provision);
    json_str(&j, "inquiry_requester", r->cutoff_requester);
    json_str(&j, "withdrawn_member", r->cutoff_member);
    json_str(&j, "request_papers", r->cutoff_request);
    json_str(&j, "pledge_signatory", r->cutoff_signatory);
    json_obj_end(&j);
    json_int(&j, "provisions", r->provisions);
    json_int(&j, "inquiries", r->inquiries);
    json_int(&j, "letters", r->letters);
    json_int(&j, "requests", r->requests);
    json_int(&j, "members", r->members);
    json_int(&j, "members_held", r->members_held);
    json_int(&j, "members_referred", r->members_referred);
    json_int(&j, "facilities", r->facilities);
    json_int(&j, "audit_rows", r->audit_rows);
    json_int(&j, "audit_cut", r->audit_cut);
    json_int(&j, "signatories", r->signatories);
    json_int(&j, "contacts", r->contacts);
    if (!dry) {
        json_bool(&j, "index_rewritten", r->index_rewritten);
        json_bool(&j, "wal_truncated", r->wal_truncated);
        json_int(&j, "wal_busy_frames", r->wal_busy_frames);
        json_bool(&j, "vacuumed", r->vacuumed);
        json_bool(&j, "ledger_file_written", r->ledger_file_written);
    }
    json_obj_end(&j);
    json_end(&j);
}

int cmd_purge(cli *c, int argc, char **argv)
{
    if (cli_wants_help("purge", argc, argv))
        return 0;
    static const struct option opts[] = {{"dry-run", no_argument, NULL, 'n'},
                                         {"vacuum", no_argument, NULL, 'v'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    purge_options opt = {0};
    bool json = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (o == 'n')
            opt.dry_run = true;
        else if (o == 'v')
            opt.vacuum = true;
        else if (o == 'j')
            json = true;
        else
            return cli_usage("purge", "unknown option '%s'", argv[optind - 1]);
    }
    if (optind != argc)
        return cli_usage("purge", "takes only options");
    const meibo_config *cfg = &c->cfg;
    int rc = cli_login(c);
    if (rc)
        return rc;
    char outbox[MEIBO_PATH_MAX], ledger[MEIBO_SIDE_PATH_MAX];
    outbox_dir(cfg, c->ctx->path, outbox, sizeof outbox);
    backup_ledger_path(cfg, c->ctx->path, ledger, sizeof ledger);
    opt.outbox_dir = outbox;
    /* the ledger's copy goes where the backups are, when that folder exists */
    char bdir[MEIBO_PATH_MAX];
    backup_dir(cfg, c->ctx->path, bdir, sizeof bdir);
    if (access(bdir, F_OK) == 0)
        opt.ledger_file = ledger;
    meibo_err err;
    meibo_err_clear(&err);
    purge_result r;
    if (purge_run(c->ctx, &opt, &r, &err))
        return cli_error(&err);
    if (json)
        purge_json(&r, opt.dry_run);
    else
        purge_text(&r, opt.dry_run, opt.ledger_file);
    if (r.ledger_file_error[0]) {
        fputs("meibo purge: warning: the deletion ledger's copy was not written (the next "
              "backup writes it): ", stderr);
        cli_put(stderr, r.ledger_file_error);
        fputc('\n', stderr);
    }
    if (!opt.dry_run && !r.wal_truncated) {
        fprintf(stderr,
                "meibo purge: the WAL still holds %d pages from before the purge (another meibo "
                "is reading); run meibo purge again when meibo is idle\n",
                r.wal_busy_frames);
        return 1;
    }
    return 0;
}

/* ---- backup -------------------------------------------------------------------------------- */

int cmd_backup(cli *c, int argc, char **argv)
{
    if (cli_wants_help("backup", argc, argv))
        return 0;
    static const struct option opts[] = {{"to", required_argument, NULL, 't'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"pages-per-step", required_argument, NULL, 'p'},
                                         {"pause-ms", required_argument, NULL, 's'},
                                         {NULL, 0, NULL, 0}};
    const char *to = NULL;
    bool json = false;
    long pages = 0, pause = 0;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        char *end;
        if (o == 't') {
            to = optarg;
        } else if (o == 'j') {
            json = true;
        } else if (o == 'p' || o == 's') {
            long v = strtol(optarg, &end, 10);
            if (!*optarg || *end || v < (o == 'p' ? 1 : 0) || v > 100000)
                return cli_usage("backup", "--%s is a number", o == 'p' ? "pages-per-step"
                                                                         : "pause-ms");
            if (o == 'p')
                pages = v;
            else
                pause = v ? v : -1;
        } else {
            return cli_usage("backup", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage("backup", "takes only options");
    const meibo_config *cfg = &c->cfg;
    int rc;
    meibo_err err;
    meibo_err_clear(&err);
    if (c->user && *c->user) {
        if ((rc = cli_login(c)))
            return rc;
    } else {
        /* cron: no login, but only for a user who can read the database file without meibo
         * (root, or a member of group meibo); anyone else logs in (manager or chief officer) */
        if (process_real_access(c->db_path, R_OK, "backup without --user", &err)) {
            cli_error(&err);
            fprintf(stderr, "meibo backup: log in with --user (a manager or the chief "
                            "officer), or run it as root or a member of group meibo (cron)\n");
            return 1;
        }
        if ((rc = cli_open(c, 0)))
            return rc;
        db_act_as_system(c->ctx);
    }
    char dir[MEIBO_PATH_MAX];
    bool elsewhere = false;
    if (to) {
        /* a folder the caller names is one they can write themselves */
        if (process_real_access(to, W_OK, "backup --to", &err))
            return cli_error(&err);
        snprintf(dir, sizeof dir, "%s", to);
        /* any folder but the configured one is a copy taken out (規程 第16条) */
        char conf[MEIBO_PATH_MAX], a[PATH_MAX], b[PATH_MAX];
        backup_dir(cfg, c->ctx->path, conf, sizeof conf);
        elsewhere = !realpath(to, a) || !realpath(conf, b) || strcmp(a, b) != 0;
    } else {
        backup_dir(cfg, c->ctx->path, dir, sizeof dir);
        /* with meibo's group: the installation's folder only, 2770 (boundary.h) */
        if (boundary_folder(dir, "backup folder", &err))
            return cli_error(&err);
    }
    backup_options opt = {.dir = dir, .elsewhere = elsewhere, .key_file = cfg->backup_key_file,
                          .keep_daily = cfg->backup_keep_daily,
                          .keep_monthly = cfg->backup_keep_monthly, .step_pages = (int)pages,
                          .step_sleep_ms = (int)pause};
    backup_result r;
    if (backup_run(c->ctx, &opt, &r, &err))
        return cli_error(&err);
    if (json) {
        json_w j;
        json_begin(&j, stdout);
        json_obj(&j, NULL);
        json_str(&j, "path", r.path);
        json_int(&j, "bytes", r.bytes);
        json_int(&j, "pages", r.pages);
        json_int(&j, "steps", r.steps);
        json_bool(&j, "encrypted", r.encrypted);
        json_bool(&j, "integrity_ok", true);
        json_int(&j, "removed", r.removed);
        json_int(&j, "kept", r.kept);
        json_int(&j, "ledger_added", r.ledger_added);
        json_obj_end(&j);
        json_end(&j);
        return 0;
    }
    printf("backup: ");
    cli_put(stdout, r.path);
    printf("\n  %" PRId64 " pages, %.1f MB, %d steps, %.2f s; integrity ok; %s\n", r.pages,
           (double)r.bytes / 1e6, r.steps, r.seconds,
           r.encrypted ? "encrypted (AES-256-GCM)" : "not encrypted");
    printf("  rotation: %d kept, %d removed (%d daily, %d monthly)\n", r.kept, r.removed,
           cfg->backup_keep_daily, cfg->backup_keep_monthly);
    return 0;
}

/* ---- restore ------------------------------------------------------------------------------- */

int cmd_restore(cli *c, int argc, char **argv)
{
    if (cli_wants_help("restore", argc, argv))
        return 0;
    static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
                                         {"other-database", no_argument, NULL, 'o'},
                                         {NULL, 0, NULL, 0}};
    bool json = false, other = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (o == 'j')
            json = true;
        else if (o == 'o')
            other = true;
        else
            return cli_usage("restore", "unknown option '%s'", argv[optind - 1]);
    }
    if (optind + 1 != argc)
        return cli_usage("restore", "give one backup FILE");
    const char *file = argv[optind];
    const meibo_config *cfg = &c->cfg;
    meibo_err err;
    meibo_err_clear(&err);
    if (process_check_db(c->db_path, &err))
        return cli_error(&err);
    /* the ledger's copies: beside the backup, and in the backup folder */
    char beside[MEIBO_SIDE_PATH_MAX], folder[MEIBO_SIDE_PATH_MAX];
    const char *slash = strrchr(file, '/');
    if (slash)
        snprintf(beside, sizeof beside, "%.*s/%s", (int)(slash - file), file, BACKUP_LEDGER_FILE);
    else
        snprintf(beside, sizeof beside, "%s", BACKUP_LEDGER_FILE);
    backup_ledger_path(cfg, c->db_path, folder, sizeof folder);
    restore_options opt = {.file = file, .db_path = c->db_path,
                           .key_file = cfg->backup_key_file,
                           .ledger_files = {beside, strcmp(beside, folder) ? folder : NULL, NULL},
                           .other_database = other};
    restore_result r;
    if (restore_run(&opt, &r, &err))
        return cli_error(&err);
    if (json) {
        json_w j;
        json_begin(&j, stdout);
        json_obj(&j, NULL);
        json_str(&j, "database", c->db_path);
        json_bool(&j, "replaced", r.replaced);
        json_int(&j, "schema_from", r.schema_from);
        json_int(&j, "ledger_entries", r.ledger_entries);
        json_int(&j, "reapplied", r.reapplied);
        json_int(&j, "requests_carried", r.requests.carried);
        json_int(&j, "requests_replayed", r.requests.replayed);
        json_int(&j, "requests_redo", r.requests.redo);
        json_int(&j, "audit_rows", r.audit_rows);
        json_int(&j, "audit_merged", r.audit_merged);
        json_str(&j, "audit_note", r.audit_note[0] ? r.audit_note : NULL);
        json_str(&j, "identity", r.identity);
        json_bool(&j, "other_database", r.other_database);
        json_obj_end(&j);
        json_end(&j);
        return 0;
    }
    printf("restored ");
    cli_put(stdout, file);
    printf(" %s ", r.replaced ? "over" : "as");
    cli_put(stdout, c->db_path);
    printf(" (backup schema %d)\n", r.schema_from);
    if (r.other_database)
        printf("  another database's backup, put in place as asked (identity %s)\n", r.identity);
    printf("  deletion ledger: %" PRId64 " entries; members erased again: %" PRId64 "\n",
           r.ledger_entries, r.reapplied);
    printf("  rights requests: %" PRId64 " carried over from the database replaced; decisions "
           "applied again: %" PRId64 "\n", r.requests.carried, r.requests.replayed);
    if (r.requests.redo)
        printf("  rights requests to do again: %" PRId64 " (第23条; see: meibo request redo)\n",
               r.requests.redo);
    printf("  access log: %" PRId64 " rows, chain intact; %" PRId64
           " rows written since the backup carried over\n",
           r.audit_rows, r.audit_merged);
    if (r.audit_note[0]) {
        fputs("  note: ", stdout);
        cli_put(stdout, r.audit_note);
        fputc('\n', stdout);
    }
    return 0;
}

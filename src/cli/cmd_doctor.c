/* cmd_doctor.c: meibo doctor — is this installation fit to hold the members' data?
 * (取扱規程 第39条; the checks are the core's, doctor.h). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "json.h"
#include "meibo/config.h"
#include "meibo/doctor.h"
#include "meibo/process.h"

static const char doctor_help[] =
    "usage: meibo doctor [--json]\n"
    "Checks this installation and says, a line each, ok, warning or problem and what to do:\n"
    "the permissions of the database, its -wal and -shm files, its folder, the backup folder\n"
    "and the outbox (and their group when meibo is set-group-ID), the locale (can Japanese be\n"
    "shown), the font of the letters (IPAex Mincho), the printer (lp, lpstat -p) or the outbox,\n"
    "free disk space, the age of the newest backup (取扱規程 第19条: daily; a warning after 26\n"
    "hours, a problem after 3 days), the access log's hash chain, rights requests overdue or\n"
    "due within 3 days, incidents whose report to the 個人情報保護委員会 is overdue or due within\n"
    "3 days (取扱規程 第26条), and pledges ending within 30 days.\n"
    "Any logged-in user may run it; without --user only someone who can read the database\n"
    "file themselves (root, group meibo: cron). Exit status 0 when there is no problem, 1 when\n"
    "there is one.\n";

static void print_text(const doctor_report *r)
{
    for (size_t i = 0; i < r->n; i++) {
        const doctor_finding *f = &r->items[i];
        printf("%-8s %s: ", doctor_level_name(f->level), f->area);
        cli_put(stdout, f->what);
        fputc('\n', stdout);
        if (f->todo && *f->todo) {
            fputs("         what to do: ", stdout);
            cli_put(stdout, f->todo);
            fputc('\n', stdout);
        }
    }
    size_t p = doctor_count(r, DOCTOR_PROBLEM), w = doctor_count(r, DOCTOR_WARNING);
    if (!p && !w)
        printf("meibo doctor: all %zu checks ok\n", r->n);
    else
        printf("meibo doctor: %zu problem%s, %zu warning%s, %zu ok\n", p, p == 1 ? "" : "s", w,
               w == 1 ? "" : "s", r->n - p - w);
}

static void print_json(const doctor_report *r)
{
    json_w j;
    json_begin(&j, stdout);
    json_obj(&j, NULL);
    json_bool(&j, "ok", doctor_worst(r) != DOCTOR_PROBLEM);
    json_int(&j, "problems", (int64_t)doctor_count(r, DOCTOR_PROBLEM));
    json_int(&j, "warnings", (int64_t)doctor_count(r, DOCTOR_WARNING));
    json_arr(&j, "findings");
    for (size_t i = 0; i < r->n; i++) {
        const doctor_finding *f = &r->items[i];
        json_obj(&j, NULL);
        json_str(&j, "area", f->area);
        json_str(&j, "level", doctor_level_name(f->level));
        json_str(&j, "what", f->what);
        json_str(&j, "todo", f->todo);
        json_obj_end(&j);
    }
    json_arr_end(&j);
    json_obj_end(&j);
    json_end(&j);
}

int cmd_doctor(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    bool json = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (o == 'j')
            json = true;
        else if (o == 'h') {
            fputs(doctor_help, stdout);
            return 0;
        } else
            return cli_usage("doctor", "unknown option '%s'", argv[optind - 1]);
    }
    if (optind != argc)
        return cli_usage("doctor", "takes only --json");
    meibo_err err;
    meibo_err_clear(&err);

    /* who may: anyone logged in; without a login only someone who can read the database file
     * themselves (root, group meibo: cron), as for meibo backup */
    bool login = c->user && *c->user;
    struct stat sb;
    bool exists = stat(c->db_path, &sb) == 0;
    if (!login && exists && process_real_access(c->db_path, R_OK, "doctor without --user", &err)) {
        cli_error(&err);
        fprintf(stderr, "meibo doctor: log in with --user, or run it as root or a member of "
                        "group meibo (cron)\n");
        return 1;
    }

    doctor_options opt = {.cfg = &c->cfg, .db_path = c->db_path};
    /* tests pin the clock (Unix seconds); never in a set-group-ID meibo (secure_getenv): a
     * caller would hide an old backup or an overdue request from doctor */
    const char *now = secure_getenv("MEIBO_NOW");
    if (now && *now)
        opt.now = strtoll(now, NULL, 10);
    doctor_report r;
    doctor_report_init(&r);
    meibo_status st = doctor_files(&opt, &r, &err);
    meibo_err perm;
    meibo_err_clear(&perm);
    if (st) {
        /* nothing */
    } else if (!exists) {
        st = doctor_skipped(&r, DOCTOR_WARNING, "there is no database", NULL, &err);
    } else if (process_check_db(c->db_path, &perm)) {
        /* meibo opens no database others can reach, not even to look (docs/ARCHITECTURE.md, Security) */
        st = doctor_skipped(&r, DOCTOR_WARNING, "meibo does not open a database others can reach",
                            "fix the permissions above, then run meibo doctor again", &err);
    } else {
        int rc = login ? cli_login(c) : cli_open(c, 0);
        if (rc) {
            doctor_report_free(&r);
            return rc;
        }
        if (!login)
            db_act_as_system(c->ctx);
        st = doctor_data(c->ctx, &opt, &r, &err);
    }
    if (st) {
        doctor_report_free(&r);
        return cli_error(&err);
    }
    if (json)
        print_json(&r);
    else
        print_text(&r);
    int rc = doctor_worst(&r) == DOCTOR_PROBLEM ? 1 : 0;
    doctor_report_free(&r);
    return rc;
}

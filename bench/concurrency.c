/* concurrency.c: several clerks against one database (issue 7). N processes (8), each logged
 * in as its own clerk, for a bounded time: member edits with optimistic locking on a small set
 * of members (so that they collide), searches, inquiries recorded, export previews, and every
 * few seconds a paper export of one branch's sheet requested and run (to the outbox, under a
 * pledge set up once). Checks: no lost update (every member's counter equals the number of
 * saves that succeeded on it, and the saves that did not were reported as conflicts), no
 * other error (no "database is locked"), the audit chain intact with one member.update row
 * per save, and every export run done with one provision record and one export.member row per
 * member on its sheet (個人情報保護法 第29条). Meanwhile a manager takes a backup a quarter into
 * the run and imports 10,000 rows at half-time. Prints p50/p99 latencies of the writes, the
 * searches, the inquiries, the previews, the export runs, the backup and the import, each
 * beside its goal (issue 17), and the longest write-lock hold of each kind of operation
 * (db.c times BEGIN IMMEDIATE .. COMMIT on each connection: ctx->lock_hold_max_ms).
 *
 *   build/bench-concurrency [SECONDS] [PROCESSES]     (make bench-concurrency)
 * tests/unit/test_concurrency.c runs a short version (CONC_NO_MAIN). */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "meibo/archive.h"
#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/backup.h"
#include "meibo/check.h"
#include "meibo/config.h"
#include "meibo/db.h"
#include "meibo/demo.h"
#include "meibo/export.h"
#include "meibo/import.h"
#include "meibo/inquiry.h"
#include "meibo/member.h"
#include "meibo/permission.h"
#include "meibo/pledge.h"
#include "meibo/recipient.h"
#include "meibo/roster.h"
#include "meibo/search.h"
#include "meibo/users.h"

#define CONC_MAX_PROCS 16
#define CONC_HOT 16           /* members every clerk edits: collisions are the point */
#define CONC_MAX_SAMPLES 200000
#define CONC_EXPORT_EVERY_MS 3000.0 /* each clerk runs a paper export this often */

#define CONC_IMPORT_ROWS 10000 /* the import that runs during the bench */
static long conc_import_rows = CONC_IMPORT_ROWS; /* the unit test's short run takes fewer */

enum { K_WRITE, K_SEARCH, K_INQUIRY, K_PREVIEW, K_EXPORT, K_BACKUP, K_IMPORT, K__N };
static const char *const kind_name[K__N] = {"write (member edit)", "search", "inquiry add",
                                            "export preview", "export run (paper)", "backup",
                                            "import (10,000 rows)"};
/* the goals of issue 17 (p99, ms; 0 none) */
static const double kind_goal_p99[K__N] = {10, 10, 10, 50, 0, 0, 0};

/* What the processes share (one MAP_SHARED page block). */
typedef struct conc_shared {
    /* slot CONC_MAX_PROCS: the manager, who runs a backup and an import meanwhile */
    int64_t saves[CONC_MAX_PROCS + 1][CONC_HOT];     /* successful member_update per member */
    int64_t conflicts[CONC_MAX_PROCS + 1];           /* MEIBO_ERR_CONFLICT, reported */
    int64_t errors[CONC_MAX_PROCS + 1];              /* anything else: must stay 0 */
    int64_t locked[CONC_MAX_PROCS + 1];              /* errors saying locked / busy */
    int64_t exports[CONC_MAX_PROCS + 1];             /* export runs done */
    int64_t export_rows[CONC_MAX_PROCS + 1];         /* members on their sheets */
    int64_t export_again[CONC_MAX_PROCS + 1];        /* sheets made anew (members changed) */
    char first_error[CONC_MAX_PROCS + 1][800];
    int n[CONC_MAX_PROCS + 1][K__N];
    float ms[CONC_MAX_PROCS + 1][K__N][CONC_MAX_SAMPLES / CONC_MAX_PROCS];
    double hold[CONC_MAX_PROCS + 1][K__N]; /* longest write-lock hold in one operation, ms */
    int64_t imported;                      /* rows the manager's import stored */
    int backups;                           /* backups the manager made */
} conc_shared;

typedef struct conc_result {
    int64_t saves, conflicts, errors, locked, ops[K__N];
    int64_t exports, export_rows; /* export runs done, members on their sheets */
    int64_t export_again;         /* sheets made anew because their members changed */
    int64_t export_bad;    /* done exports (by the clerks' count) missing from the database,
                              or done without one provision and export.member row per member */
    int64_t lost;            /* counter shortfall over all members: lost updates */
    int64_t update_rows;     /* member.update rows in the audit log */
    bool audit_ok;
    double p50[K__N], p99[K__N], hold[K__N];
    int64_t imported;
    int backups;
    char first_error[900];
} conc_result;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static const char *hot_no(int i)
{
    static char no[16];
    snprintf(no, sizeof no, "%08d", 20000001 + i * 7); /* demo numbers start at 20000001 */
    return no;
}

static void note_error(conc_shared *sh, int p, const meibo_err *e)
{
    sh->errors[p]++;
    if (strstr(e->msg, "locked") || strstr(e->msg, "busy"))
        sh->locked[p]++;
    if (!sh->first_error[p][0])
        snprintf(sh->first_error[p], sizeof sh->first_error[p], "%s", e->msg);
}

static void sample(conc_shared *sh, int p, int k, double ms)
{
    int cap = CONC_MAX_SAMPLES / CONC_MAX_PROCS;
    if (sh->n[p][k] < cap)
        sh->ms[p][k][sh->n[p][k]] = (float)ms;
    sh->n[p][k]++;
}

/* The longest write-lock hold of the operation just done (db.c counts BEGIN IMMEDIATE ..
 * COMMIT/ROLLBACK per connection), for its kind; then forget it for the next. */
static void hold_note(meibo_ctx *ctx, conc_shared *sh, int p, int k)
{
    if (ctx->lock_hold_max_ms > sh->hold[p][k])
        sh->hold[p][k] = ctx->lock_hold_max_ms;
    db_lock_hold_reset(ctx);
}

/* One paper export of a small branch's sheet for the officers' work: requested and run by
 * the clerk under the pledge (取扱規程 第4–6条: paper needs no approval), to the outbox. */
static void export_once(meibo_ctx *ctx, const meibo_config *cfg, int64_t pledge, int p, int i,
                        conc_shared *sh)
{
    static const char *const branches[] = {"北海道", "北陸", "東海"};
    export_spec spec = {.purpose = "officers", .recipient = "東海支部", .pledge_id = pledge,
                        .media = DECIDE_MEDIA_PAPER,
                        .filter = {.branch = branches[(p + i) % 3], .specialist = -1}};
    meibo_err err;
    meibo_err_clear(&err);
    int64_t id = 0;
    export_result res;
    double t0 = now_ms();
    meibo_status st = export_request(ctx, &spec, &id, NULL, &err);
    if (!st)
        st = export_run(ctx, cfg, id, NULL, &res, &err);
    sample(sh, p, K_EXPORT, now_ms() - t0);
    hold_note(ctx, sh, p, K_EXPORT);
    if (st) {
        note_error(sh, p, &err);
        return;
    }
    sh->exports[p]++;
    sh->export_rows[p] += res.counts.included;
    sh->export_again[p] += res.tries - 1;
}

/* One clerk: edit, search, inquire and preview exports until @p seconds have passed, and run
 * a paper export every CONC_EXPORT_EVERY_MS (the clerks staggered). */
static int clerk(const char *path, const meibo_config *cfg, int64_t pledge, int p, int procs,
                 double seconds, conc_shared *sh)
{
    meibo_ctx *ctx = NULL;
    meibo_err err;
    char login[32], pw[64];
    snprintf(login, sizeof login, "clerk%d", p);
    snprintf(pw, sizeof pw, "pass-%s-2026", login);
    if (db_open(path, 0, &ctx, &err) || auth_login(ctx, login, pw, &err)) {
        note_error(sh, p, &err);
        db_close(ctx);
        return 1;
    }
    unsigned seed = 1234u + (unsigned)p * 7919u;
    static const char *const queries[] = {"田中", "高橋", "ﾀｶﾊｼ", "佐藤", "病院", "1000", "山", "鈴木 一"};
    double end = now_ms() + seconds * 1000;
    /* the first exports spread over the first third of the run, at most 0.3 s apart */
    double stagger = seconds * 1000.0 / (3.0 * procs);
    double next_export = now_ms() + (stagger < 300 ? stagger : 300) * p;
    int nexport = 0;
    while (now_ms() < end) {
        if (now_ms() >= next_export) {
            export_once(ctx, cfg, pledge, p, nexport++, sh);
            next_export += CONC_EXPORT_EVERY_MS;
            continue;
        }
        int r = rand_r(&seed) % 100;
        meibo_err_clear(&err);
        db_lock_hold_reset(ctx);
        if (r < 50) { /* edit: counter + 1 on a hot member, as a clerk would, optimistically */
            int h = rand_r(&seed) % CONC_HOT;
            meibo_member m;
            member_init(&m);
            meibo_status st = member_load(ctx, hot_no(h), 0, &m, &err);
            if (st == MEIBO_OK) {
                long c = strtol(member_get_field(&m, MF_WITHDRAW_REASON), NULL, 10);
                char v[32];
                snprintf(v, sizeof v, "%ld", c + 1);
                usleep((useconds_t)(rand_r(&seed) % 3000)); /* the clerk types */
                if ((st = member_set(&m, MF_WITHDRAW_REASON, v, &err)) == MEIBO_OK) {
                    double t0 = now_ms();
                    st = member_update(ctx, &m, &err);
                    sample(sh, p, K_WRITE, now_ms() - t0);
                    hold_note(ctx, sh, p, K_WRITE);
                }
            } else {
                sample(sh, p, K_WRITE, 0); /* counted as an attempt */
            }
            if (st == MEIBO_OK)
                sh->saves[p][h]++;
            else if (st == MEIBO_ERR_CONFLICT && strstr(err.msg, "changed by"))
                sh->conflicts[p]++;
            else
                note_error(sh, p, &err);
            member_clear(&m);
        } else if (r < 80) {
            search_page pg;
            double t0 = now_ms();
            meibo_status st = search_page_get(ctx, queries[rand_r(&seed) % 8], NULL, NULL, 20,
                                              SEARCH_AUDIT, &pg, &err);
            sample(sh, p, K_SEARCH, now_ms() - t0);
            hold_note(ctx, sh, p, K_SEARCH);
            if (st)
                note_error(sh, p, &err);
            else
                search_page_free(&pg);
        } else if (r < 98) {
            inquiry_request rq = {.requester = "山田太郎", .organization = "日本架空学会",
                                  .category = "academic", .identity = "verified",
                                  .purpose = "enrollment_check", .items = "a",
                                  .member_no = hot_no(rand_r(&seed) % CONC_HOT)};
            inquiry_result res;
            double t0 = now_ms();
            meibo_status st = inquiry_add(ctx, &rq, &res, &err);
            sample(sh, p, K_INQUIRY, now_ms() - t0);
            hold_note(ctx, sh, p, K_INQUIRY);
            if (st)
                note_error(sh, p, &err);
        } else { /* a preview: counts and who is left out (audited export.preview) */
            static const char *const branches[] = {"関東甲信越", "近畿", "九州", NULL};
            export_spec spec = {.purpose = "officers", .recipient = "東海支部",
                                .pledge_id = pledge, .media = DECIDE_MEDIA_PAPER,
                                .filter = {.branch = branches[rand_r(&seed) % 4],
                                           .specialist = -1}};
            export_preview pv;
            double t0 = now_ms();
            meibo_status st = export_preview_run(ctx, &spec, &pv, NULL, NULL, &err);
            sample(sh, p, K_PREVIEW, now_ms() - t0);
            hold_note(ctx, sh, p, K_PREVIEW);
            if (st)
                note_error(sh, p, &err);
        }
    }
    db_close(ctx);
    return 0;
}

/* The CSV of the import the manager runs: CONC_IMPORT_ROWS demo members numbered after the
 * registry's @p members (demo numbers run on from 20000001), at @p csv. */
static meibo_status import_csv(const char *csv, long members, meibo_err *err);

/* The manager (slot CONC_MAX_PROCS): a backup a quarter into the run and an import of
 * CONC_IMPORT_ROWS rows at half-time, while the clerks work. */
static int manager(const char *path, double seconds, conc_shared *sh)
{
    const int p = CONC_MAX_PROCS;
    meibo_ctx *ctx = NULL;
    meibo_err err;
    meibo_err_clear(&err);
    if (db_open(path, 0, &ctx, &err) || auth_login(ctx, "kanri", "pass-kanri-2026", &err)) {
        note_error(sh, p, &err);
        db_close(ctx);
        return 1;
    }
    char csv[1100];
    snprintf(csv, sizeof csv, "%s.import.csv", path);
    double start = now_ms();
    while (now_ms() < start + seconds * 250)
        usleep(20000);
    backup_result br;
    db_lock_hold_reset(ctx);
    double t0 = now_ms();
    meibo_status st = backup_run(ctx, NULL, &br, &err);
    sample(sh, p, K_BACKUP, now_ms() - t0);
    hold_note(ctx, sh, p, K_BACKUP);
    if (st)
        note_error(sh, p, &err);
    else
        sh->backups++;
    while (now_ms() < start + seconds * 500)
        usleep(20000);
    import_stats is;
    meibo_err_clear(&err);
    t0 = now_ms();
    st = import_members(ctx, csv, CSV_ENC_AUTO, false, NULL, NULL, &is, &err);
    sample(sh, p, K_IMPORT, now_ms() - t0);
    hold_note(ctx, sh, p, K_IMPORT);
    if (st)
        note_error(sh, p, &err);
    else
        sh->imported = is.imported;
    db_close(ctx);
    return 0;
}

typedef struct csv_out {
    FILE *f;
    long skip; /* the first members: the registry has them */
} csv_out;

static meibo_status write_csv_row(meibo_member *m, void *arg, meibo_err *err)
{
    csv_out *o = arg;
    (void)err;
    if (o->skip > 0) {
        o->skip--;
        return MEIBO_OK;
    }
    for (int i = 0; i < MF__COUNT; i++)
        csv_write_field(o->f, member_get_field(m, (member_field)i), i == MF__COUNT - 1);
    return MEIBO_OK;
}

static meibo_status import_csv(const char *csv, long members, meibo_err *err)
{
    FILE *f = fopen(csv, "w");
    if (!f)
        return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", csv, strerror(errno));
    for (int i = 0; i < MF__COUNT; i++)
        csv_write_field(f, member_field_get((member_field)i)->name, i == MF__COUNT - 1);
    demo_options opt = {.members = members + conc_import_rows, .seed = 12, .today = "2026-11-21"};
    csv_out o = {f, members};
    meibo_status st = demo_generate(&opt, write_csv_row, &o, err);
    if (fclose(f) != 0 && !st)
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", csv, strerror(errno));
    return st;
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

static meibo_status store(meibo_member *m, void *arg, meibo_err *err)
{
    return member_create_from(arg, m, "デモデータ", err); /* opt-outs as records (第20条第5項) */
}

/* A registry of @p members demo members, the chief and @p procs clerks, at @p path, and a
 * pledge from 東海支部 for paper sheets of society_business (items d,e,f) into @p pledge. */
static meibo_status conc_setup(const char *path, int procs, long members, int64_t *pledge,
                               meibo_err *err)
{
    meibo_ctx *ctx = NULL;
    meibo_status st = db_open(path, DB_OPEN_CREATE, &ctx, err);
    if (st)
        return st;
    db_act_as_system(ctx);
    user_new chief = {.login = "kanri", .display_name = "事務局長", .role = MEIBO_ROLE_CHIEF,
                      .password = "pass-kanri-2026", .pledge_on = "2000-04-01"};
    st = user_bootstrap(ctx, &chief, err);
    for (int p = 0; p < procs && !st; p++) {
        char login[32], name[48], pw[64];
        snprintf(login, sizeof login, "clerk%d", p);
        snprintf(name, sizeof name, "従事者%d", p);
        snprintf(pw, sizeof pw, "pass-%s-2026", login);
        user_new u = {.login = login, .display_name = name, .role = MEIBO_ROLE_CLERK,
                      .password = pw, .pledge_on = "2000-04-01"};
        st = user_add(ctx, &u, err);
    }
    demo_options opt = {.members = members, .seed = 11, .today = "2026-11-21"};
    if (!st && !(st = db_begin(ctx, err))) {
        if ((st = demo_generate(&opt, store, ctx, err)))
            db_rollback(ctx);
        else
            st = db_commit(ctx, err);
    }
    /* valid for the longest term meibo takes (check.h: DATE_TERM_YEARS from today) */
    char today[16], until[11];
    db_today(ctx, today, sizeof today);
    check_date_add_years(today, DATE_TERM_YEARS, until);
    /* the recipient of the register (規程 第20条第3–4項) and the chief officer's standing
     * permission for its paper sheets (規程 第16条) */
    recipient_in rin = {.organization = "東海支部", .category = "branch", .identity = "書面で確認"};
    permission_in pin = {.kind = "export", .purpose = "officers", .recipient = "東海支部",
                         .media = "paper", .valid_until = until};
    /* and the standing permission of the daily backup to its folder (規程 第16条) */
    permission_in bin = {.kind = "backup", .valid_until = until};
    int64_t rid = 0, pid = 0;
    if (!st)
        st = recipient_add(ctx, &rin, &rid, err);
    if (!st)
        st = permission_grant(ctx, &pin, &pid, err);
    if (!st)
        st = permission_grant(ctx, &bin, &pid, err);
    pledge_new pn = {.recipient = "東海支部", .signatory_name = "山田花子",
                     .media = DECIDE_MEDIA_PAPER, .purposes = "society_business",
                     .items = "d,e,f", .valid_until = until, .document_no = "誓-2026-201"};
    pledge_added added;
    if (!st && !(st = pledge_add(ctx, &pn, inquiry_release_pledge_holds, &added, err)))
        *pledge = added.id;
    db_close(ctx);
    return st;
}

/* Remove the files of the outbox folder @p dir and the folder. */
static void outbox_remove(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char f[1400];
        snprintf(f, sizeof f, "%s/%s", dir, e->d_name);
        unlink(f);
    }
    closedir(d);
    rmdir(dir);
}

static int64_t count_of(meibo_ctx *ctx, const char *sql)
{
    sqlite3_stmt *s = NULL;
    int64_t n = -1;
    if (sqlite3_prepare_v2(ctx->db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

/* Run @p procs clerks for @p seconds on a new database at @p path; fill @p r. */
static meibo_status conc_run(const char *path, int procs, double seconds, conc_result *r,
                             meibo_err *err)
{
    memset(r, 0, sizeof *r);
    if (procs < 1 || procs > CONC_MAX_PROCS)
        return meibo_fail(err, MEIBO_ERR_USAGE, "1 to %d processes", CONC_MAX_PROCS);
    int64_t pledge = 0;
    meibo_status st = conc_setup(path, procs, 2000, &pledge, err);
    char csv[1100];
    snprintf(csv, sizeof csv, "%s.import.csv", path);
    if (!st)
        st = import_csv(csv, 2000, err);
    if (st)
        return st;
    meibo_config cfg;
    config_defaults(&cfg);
    snprintf(cfg.society_name, sizeof cfg.society_name, "日本架空学会");
    snprintf(cfg.secretariat_contact, sizeof cfg.secretariat_contact, "東京都千代田区|03-0000-0000");
    snprintf(cfg.outbox, sizeof cfg.outbox, "%s.outbox", path);
    conc_shared *sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                           -1, 0);
    if (sh == MAP_FAILED)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "mmap: %s", strerror(errno));
    memset(sh, 0, sizeof *sh);
    pid_t pids[CONC_MAX_PROCS + 1];
    for (int p = 0; p <= procs; p++) {
        pids[p] = fork();
        if (pids[p] == 0)
            _exit(p < procs ? clerk(path, &cfg, pledge, p, procs, seconds, sh)
                            : manager(path, seconds, sh));
        if (pids[p] < 0)
            return meibo_fail(err, MEIBO_ERR_IO, "fork: %s", strerror(errno));
    }
    for (int p = 0; p <= procs; p++) {
        int ws, slot = p < procs ? p : CONC_MAX_PROCS;
        waitpid(pids[p], &ws, 0);
        if (!WIFEXITED(ws) || WEXITSTATUS(ws)) {
            r->errors++;
            snprintf(r->first_error, sizeof r->first_error, "%s %d ended with status %d: %.760s",
                     p < procs ? "clerk" : "manager", p, ws, sh->first_error[slot]);
        }
    }
    unlink(csv);
    r->imported = sh->imported;
    r->backups = sh->backups;
    for (int q = 0; q <= procs; q++) {
        int p = q < procs ? q : CONC_MAX_PROCS;
        for (int k = 0; k < K__N; k++)
            if (sh->hold[p][k] > r->hold[k])
                r->hold[k] = sh->hold[p][k];
        r->conflicts += sh->conflicts[p];
        r->errors += sh->errors[p];
        r->locked += sh->locked[p];
        r->exports += sh->exports[p];
        r->export_rows += sh->export_rows[p];
        r->export_again += sh->export_again[p];
        if (!r->first_error[0] && sh->first_error[p][0])
            snprintf(r->first_error, sizeof r->first_error, "clerk %d: %.780s", p, sh->first_error[p]);
    }
    /* the counters against the saves: a lost update shows as a shortfall */
    meibo_ctx *ctx = NULL;
    if ((st = db_open(path, 0, &ctx, err)))
        goto out;
    db_act_as_system(ctx);
    for (int h = 0; h < CONC_HOT; h++) {
        int64_t saves = 0;
        for (int p = 0; p < procs; p++)
            saves += sh->saves[p][h];
        r->saves += saves;
        meibo_member m;
        member_init(&m);
        if ((st = member_load(ctx, hot_no(h), 0, &m, err)))
            break;
        long c = strtol(member_get_field(&m, MF_WITHDRAW_REASON), NULL, 10);
        r->lost += saves - c;
        member_clear(&m);
    }
    if (!st) {
        r->update_rows = count_of(ctx, "SELECT count(*) FROM audit_log WHERE action = "
                                       "'member.update'");
        /* the exports: as many done as the clerks ran, each with its provision records and
         * export.member rows, none left half-way */
        int64_t done = count_of(ctx, "SELECT count(*) FROM exports WHERE status = 'done'");
        int64_t rows = count_of(ctx, "SELECT count(*) FROM provisions WHERE export_id IS NOT NULL");
        r->export_bad = llabs(done - r->exports) + llabs(rows - r->export_rows) +
                        llabs(count_of(ctx, "SELECT count(*) FROM audit_log WHERE action = "
                                            "'export.member'") - rows) +
                        count_of(ctx, "SELECT count(*) FROM exports e WHERE status <> 'done' OR "
                                      "included <> (SELECT count(*) FROM provisions "
                                      "WHERE export_id = e.id)");
    }
    int64_t bad = 0, checked = 0;
    meibo_err verr;
    r->audit_ok = !st && audit_verify(ctx, &bad, &checked, &verr) == MEIBO_OK;
    db_close(ctx);
    for (int k = 0; k < K__N; k++) {
        int cap = CONC_MAX_SAMPLES / CONC_MAX_PROCS, total = 0;
        float *all = malloc(sizeof(float) * (size_t)CONC_MAX_SAMPLES);
        if (!all) {
            st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
            goto out;
        }
        for (int q = 0; q <= procs; q++) {
            int p = q < procs ? q : CONC_MAX_PROCS;
            int n = sh->n[p][k] < cap ? sh->n[p][k] : cap;
            r->ops[k] += sh->n[p][k];
            memcpy(all + total, sh->ms[p][k], sizeof(float) * (size_t)n);
            total += n;
        }
        qsort(all, (size_t)total, sizeof *all, cmp_float);
        r->p50[k] = total ? all[(total - 1) / 2] : 0;
        r->p99[k] = total ? all[(int)ceil(0.99 * total) - 1] : 0;
        free(all);
    }
out:
    outbox_remove(cfg.outbox);
    char backups[1100];
    backup_dir(NULL, path, backups, sizeof backups);
    outbox_remove(backups); /* the backup, its key and the deletion ledger */
    munmap(sh, sizeof *sh);
    return st;
}

/* The result as text; true when every check held. */
static bool conc_report(FILE *f, const conc_result *r, int procs, double seconds)
{
    fprintf(f, "concurrency: %d clerks, %.0f s, %d hot members; meanwhile a backup and an import "
               "of %ld rows\n", procs, seconds, CONC_HOT, conc_import_rows);
    bool goals = true;
    for (int k = 0; k < K__N; k++) {
        char goal[64] = "";
        bool met = true;
        if (kind_goal_p99[k] > 0) {
            met = r->p99[k] <= kind_goal_p99[k];
            if (k == K_WRITE) /* and within 10 times its own median */
                met = met && r->p99[k] <= 10 * r->p50[k];
            snprintf(goal, sizeof goal, "(goal p99 <= %.0f ms%s: %s)", kind_goal_p99[k],
                     k == K_WRITE ? " and <= 10x p50" : "", met ? "met" : "NOT MET");
        }
        goals = goals && met;
        fprintf(f, "  %-20s %7" PRId64 " ops  p50 %8.2f ms  p99 %8.2f ms  longest write-lock "
                   "hold %8.2f ms %s\n",
                kind_name[k], r->ops[k], r->p50[k], r->p99[k], r->hold[k], goal);
    }
    fprintf(f, "  latency goals %s; backups %d, rows imported %" PRId64 "\n",
            goals ? "all met" : "NOT all met", r->backups, r->imported);
    fprintf(f, "  saves %" PRId64 ", conflicts reported %" PRId64 ", lost updates %" PRId64
               ", member.update rows %" PRId64 ", other errors %" PRId64 " (locked/busy %" PRId64
               "), audit chain %s\n",
            r->saves, r->conflicts, r->lost, r->update_rows, r->errors, r->locked,
            r->audit_ok ? "intact" : "BROKEN");
    fprintf(f, "  exports run %" PRId64 " (%" PRId64 " members on their sheets, %" PRId64
               " sheets made anew), provision records and export.member rows %s\n",
            r->exports, r->export_rows, r->export_again, r->export_bad ? "DO NOT MATCH" : "match");
    if (r->first_error[0])
        fprintf(f, "  first error: %s\n", r->first_error);
    return r->lost == 0 && r->errors == 0 && r->locked == 0 && r->audit_ok &&
           r->update_rows == r->saves && r->ops[K_WRITE] == r->saves + r->conflicts &&
           r->export_bad == 0 && r->exports > 0 && r->ops[K_EXPORT] == r->exports &&
           r->backups == 1 && r->imported == conc_import_rows;
}

#ifndef CONC_NO_MAIN
int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 20;
    int procs = argc > 2 ? atoi(argv[2]) : 8;
    char dir[] = "/tmp/meibo-conc-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    char path[64];
    snprintf(path, sizeof path, "%s/c.db", dir);
    conc_result r;
    meibo_err err;
    meibo_err_clear(&err);
    meibo_status st = conc_run(path, procs, seconds, &r, &err);
    bool ok = st == MEIBO_OK && conc_report(stdout, &r, procs, seconds);
    if (st)
        fprintf(stderr, "bench-concurrency: %s\n", err.msg);
    static const char *const sfx[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char f[80];
        snprintf(f, sizeof f, "%s%s", path, sfx[i]);
        unlink(f);
    }
    rmdir(dir);
    return ok ? 0 : 1;
}
#endif

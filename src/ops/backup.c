/* backup.c: the daily backup (取扱規程 第19条): online copy, check, encryption, rotation (the
 * file format is archive.c's, the restore restore.c's). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "meibo/archive.h"
#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/backup.h"
#include "meibo/deletion.h"
#include "meibo/permission.h"
#include "meibo/process.h"

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* ---- rotation -------------------------------------------------------------------------------- */

void backup_rotate_keep(const int64_t *stamps, int n, int keep_daily, int keep_monthly,
                        bool *keep)
{
    for (int i = 0; i < n; i++)
        keep[i] = keep_daily == 0 && keep_monthly == 0;
    if (keep_daily == 0 && keep_monthly == 0)
        return;
    /* by period (a day: stamp / 10^8, a month: stamp / 10^10), the newest of each of the
     * latest periods that have a backup */
    static const int64_t unit[2] = {100000000, 10000000000};
    int limit[2] = {keep_daily, keep_monthly};
    for (int k = 0; k < 2; k++) {
        int64_t below = INT64_MAX; /* periods already taken are >= this */
        for (int taken = 0; taken < limit[k]; taken++) {
            int best = -1;
            for (int i = 0; i < n; i++)
                if (stamps[i] >= 0 && stamps[i] / unit[k] < below &&
                    (best < 0 || stamps[i] > stamps[best]))
                    best = i;
            if (best < 0)
                break;
            keep[best] = true;
            below = stamps[best] / unit[k];
        }
    }
}

/* ---- the copy ------------------------------------------------------------------------------ */

static void sleep_ms(int ms)
{
    if (ms <= 0)
        return;
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* Copy the database of @p ctx into the new, empty file @p dest in steps, inside one read
 * transaction of ctx (a consistent snapshot while others write), then make the copy a plain
 * rollback-journal file and check it. */
static meibo_status copy_online(meibo_ctx *ctx, const char *dest, const backup_options *opt,
                                backup_result *out, meibo_err *err)
{
    if (ctx->tx_depth > 0)
        return meibo_fail(err, MEIBO_ERR_DB, "backup inside a transaction");
    sqlite3 *d = NULL;
    if (sqlite3_open_v2(dest, &d, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        meibo_status st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", dest,
                                     d ? sqlite3_errmsg(d) : "cannot open");
        sqlite3_close(d);
        return st;
    }
    meibo_status st = MEIBO_OK;
    /* the snapshot: a read transaction held across every step, so the copy is one moment of
     * the database and writers elsewhere never restart it */
    if (sqlite3_exec(ctx->db, "BEGIN DEFERRED; SELECT count(*) FROM sqlite_schema", NULL, NULL,
                     NULL) != SQLITE_OK) {
        st = db_fail(ctx, err, "backup: starting the snapshot");
        sqlite3_exec(ctx->db, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(d);
        return st;
    }
    sqlite3_backup *b = sqlite3_backup_init(d, "main", ctx->db, "main");
    if (!b) {
        st = meibo_fail(err, MEIBO_ERR_DB, "backup: %s", sqlite3_errmsg(d));
    } else {
        int pages = opt->step_pages > 0 ? opt->step_pages : 256;
        int pause = opt->step_sleep_ms < 0 ? 0 : opt->step_sleep_ms ? opt->step_sleep_ms : 2;
        int rc;
        do {
            rc = sqlite3_backup_step(b, pages);
            out->steps++;
            if (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                sleep_ms(rc == SQLITE_OK ? pause : 20);
        } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
        out->pages = sqlite3_backup_pagecount(b);
        if (sqlite3_backup_finish(b) != SQLITE_OK || rc != SQLITE_DONE)
            st = meibo_fail(err, MEIBO_ERR_IO, "backup to %s: %s", dest, sqlite3_errmsg(d));
    }
    sqlite3_exec(ctx->db, "COMMIT", NULL, NULL, NULL);
    /* the pages carry the WAL flag of the source; a backup is one self-contained file */
    if (!st && sqlite3_exec(d, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", dest, sqlite3_errmsg(d));
    if (!st)
        st = backup_integrity_check(d, dest, err);
    if (sqlite3_close(d) != SQLITE_OK && !st)
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: cannot close the copy", dest);
    return st;
}

/* Rotation: this database's backups in @p dir (identity @p id) that rotation does not keep
 * are removed; backups of another database, or of none, are left alone. */
static meibo_status rotate(const char *dir, const char *id, int keep_daily, int keep_monthly,
                           int *removed, int *kept, meibo_err *err)
{
    *removed = *kept = 0;
    DIR *d = opendir(dir);
    if (!d)
        return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", dir, strerror(errno));
    int n = 0, cap = 0;
    char **names = NULL;
    int64_t *stamps = NULL;
    meibo_status st = MEIBO_OK;
    struct dirent *e;
    while ((e = readdir(d))) {
        int64_t t = backup_name_stamp(e->d_name);
        if (t < 0)
            continue;
        char path[2400], its[BACKUP_ID_LEN + 1];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (backup_file_identity(path, its) != 1 || strcmp(its, id) != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, (size_t)cap * sizeof *nn);
            int64_t *ns = nn ? realloc(stamps, (size_t)cap * sizeof *ns) : NULL;
            if (nn)
                names = nn;
            if (ns)
                stamps = ns;
            if (!nn || !ns) {
                st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
                break;
            }
        }
        if (!(names[n] = strdup(e->d_name))) {
            st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
            break;
        }
        stamps[n++] = t;
    }
    closedir(d);
    bool *keep = st ? NULL : calloc((size_t)n + 1, sizeof *keep);
    if (!st && !keep)
        st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    if (!st) {
        backup_rotate_keep(stamps, n, keep_daily, keep_monthly, keep);
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                (*kept)++;
                continue;
            }
            char path[2400];
            snprintf(path, sizeof path, "%s/%s", dir, names[i]);
            /* a plain copy holds the registry in clear: overwrite it first (取扱規程 第22条) */
            size_t ln = strlen(names[i]);
            bool plain = ln > 3 && !strcmp(names[i] + ln - 3, ".db");
            if ((plain ? process_shred(path) : unlink(path)) == 0)
                (*removed)++;
        }
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(stamps);
    free(keep);
    return st;
}

/* The backup folder into @p dir: opt->dir, else the database's (backup_dir()); made (2770)
 * when missing. */
static meibo_status backup_folder(meibo_ctx *ctx, const backup_options *opt, char *dir,
                                  size_t len, meibo_err *err)
{
    if (opt->dir && *opt->dir)
        snprintf(dir, len, "%s", opt->dir);
    else
        backup_dir(NULL, ctx->path, dir, len);
    if (mkdir(dir, 0770) == 0)
        chmod(dir, 02770); /* mkdir(2) leaves the set-group-ID bit to the parent's */
    else if (errno != EEXIST)
        return meibo_fail(err, MEIBO_ERR_IO, "backup folder %s: %s", dir, strerror(errno));
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return meibo_fail(err, MEIBO_ERR_IO, "backup folder %s: not a folder", dir);
    return MEIBO_OK;
}

/* The plain copy, checked, into a new file @p plain (its lock in *@p lock), the head of its
 * access log anchored; removed again when this fails. It is made beside the database (its own
 * protected folder) when it is to be encrypted, so the backup folder @p dir never sees the
 * registry in clear; else in the backup folder, renamed into place once checked. */
static meibo_status plain_copy(meibo_ctx *ctx, const backup_options *opt, const char *dir,
                               const char *id, bool encrypt, char *plain, size_t len,
                               int *lock, backup_result *out, meibo_err *err)
{
    char dbdir[MEIBO_PATH_MAX];
    backup_dir_of(ctx->path, dbdir, sizeof dbdir);
    /* the plain copies killed backups and restores left behind (取扱規程 第22条) */
    backup_temp_sweep(dbdir, true);
    backup_temp_sweep(dir, true);
    meibo_status st;
    if ((st = backup_temp_make(encrypt ? dbdir : dir, "meibo-backup", plain, len, lock, err)))
        return st;
    if ((st = copy_online(ctx, plain, opt, out, err))) {
        backup_temp_remove(plain, lock);
        return st;
    }
    /* the head of the copy's access log anchored inside the copy and beside the database,
     * and the log's key beside the backups (取扱規程 第35条; audit.h) */
    char key_copy[MEIBO_SIDE_PATH_MAX];
    snprintf(key_copy, sizeof key_copy, "%s/audit-%s.key", dir, id);
    sqlite3 *raw = NULL;
    if (sqlite3_open_v2(plain, &raw, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        st = meibo_fail(err, MEIBO_ERR_IO, "backup: %s: cannot open the copy", plain);
    else
        st = audit_backup_anchor(ctx, raw, key_copy, err);
    sqlite3_close(raw);
    if (st)
        backup_temp_remove(plain, lock);
    return st;
}

/* The backup's file in @p dir, meibo-STAMP.db[.enc] (meibo-STAMP-2… when that is taken), into
 * out->path: the plain copy encrypted into it with @p key, or renamed to it. Afterwards the
 * plain copy is gone or is the backup; on failure no backup file is left. */
static meibo_status place_copy(const char *dir, const char *stamp, bool encrypt,
                               const unsigned char key[32], const char *id, const char *plain,
                               int *lock, backup_result *out, meibo_err *err)
{
    const char *ext = encrypt ? ".db.enc" : ".db";
    int fd = -1;
    for (int k = 1; k < 100; k++) {
        if (k == 1)
            snprintf(out->path, sizeof out->path, "%s/meibo-%s%s", dir, stamp, ext);
        else
            snprintf(out->path, sizeof out->path, "%s/meibo-%s-%d%s", dir, stamp, k, ext);
        fd = open(out->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640);
        if (fd >= 0 || errno != EEXIST)
            break;
    }
    if (fd < 0) {
        meibo_status st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", out->path, strerror(errno));
        backup_temp_remove(plain, lock);
        return st;
    }
    close(fd);
    meibo_status st = MEIBO_OK;
    if (encrypt) {
        st = backup_encrypt_as(plain, out->path, key, id, err);
        backup_temp_remove(plain, lock);
        out->encrypted = true;
    } else if (rename(plain, out->path) != 0) {
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", out->path, strerror(errno));
        backup_temp_remove(plain, lock);
    } else {
        close(*lock); /* the copy is the backup now */
    }
    if (st)
        unlink(out->path);
    return st;
}

meibo_status backup_run(meibo_ctx *ctx, const backup_options *opt, backup_result *out,
                        meibo_err *err)
{
    static const backup_options none = {0};
    if (!opt)
        opt = &none;
    memset(out, 0, sizeof *out);
    meibo_status st = auth_require(ctx, MEIBO_ROLE_MANAGER, "back up the database", err);
    if (st || (st = permission_check_backup(ctx, opt->elsewhere ? opt->dir : "", err)))
        return st;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char id[BACKUP_ID_LEN + 1];
    if ((st = backup_db_identity(ctx, id, err)))
        return st;
    char dir[MEIBO_PATH_MAX];
    if ((st = backup_folder(ctx, opt, dir, sizeof dir, err)))
        return st;

    bool encrypt = opt->key_file && *opt->key_file;
    unsigned char key[32] = {0};
    if (encrypt && (st = backup_key_load(opt->key_file, key, err)))
        return st;

    /* the name: the time of the snapshot, by the meibo clock */
    char stamp[32];
    time_t now = (time_t)db_now(ctx);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);

    char plain[MEIBO_SIDE_PATH_MAX];
    int lock = -1;
    if ((st = plain_copy(ctx, opt, dir, id, encrypt, plain, sizeof plain, &lock, out, err)) ||
        (st = place_copy(dir, stamp, encrypt, key, id, plain, &lock, out, err)))
        goto out;
    chmod(out->path, 0640);
    struct stat sb;
    if (stat(out->path, &sb) == 0)
        out->bytes = (int64_t)sb.st_size;
    if ((st = rotate(dir, id, opt->keep_daily, opt->keep_monthly, &out->removed, &out->kept,
                     err)))
        goto out;
    char ledger[MEIBO_SIDE_PATH_MAX];
    snprintf(ledger, sizeof ledger, "%s/%s", dir, BACKUP_LEDGER_FILE);
    if ((st = deletion_file_sync(ctx, ledger, &out->ledger_added, err)))
        goto out;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    out->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    char detail[1500];
    snprintf(detail, sizeof detail,
             "file=%s pages=%" PRId64 " bytes=%" PRId64 " steps=%d encrypted=%s removed=%d "
             "kept=%d",
             base_of(out->path), out->pages, out->bytes, out->steps, encrypt ? "yes" : "no",
             out->removed, out->kept);
    st = audit_append(ctx, "backup", NULL, detail, err);
out:
    explicit_bzero(key, sizeof key);
    return st;
}

/* restore.c: the restore (取扱規程 第19条): the backup checked and brought in, the deletion
 * ledger re-applied, the access log carried over and checked, the copy put in place. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/rand.h>

#include "meibo/archive.h"
#include "meibo/audit.h"
#include "meibo/deletion.h"
#include "meibo/process.h"
#include "meibo/purge.h"
#include "meibo/restore.h"

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void sleep_ms(int ms)
{
    if (ms <= 0)
        return;
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* Copy the pages of @p src over the live database @p dst (through its pager and WAL, so its
 * other connections see one change), then truncate the WAL. */
static meibo_status pages_into(meibo_ctx *dst, meibo_ctx *src, meibo_err *err)
{
    sqlite3_backup *b = sqlite3_backup_init(dst->db, "main", src->db, "main");
    if (!b)
        return db_fail(dst, err, "restore: writing the database");
    int rc;
    for (int tries = 0;; tries++) {
        rc = sqlite3_backup_step(b, -1);
        if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && tries < 500) {
            sleep_ms(20);
            continue;
        }
        break;
    }
    int frc = sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE || frc != SQLITE_OK)
        return meibo_fail(err, rc == SQLITE_BUSY ? MEIBO_ERR_CONFLICT : MEIBO_ERR_DB,
                          "restore: writing %s: %s%s", dst->path, sqlite3_errmsg(dst->db),
                          rc == SQLITE_BUSY ? " (meibo is in use: try again when it is not)"
                                            : "");
    purge_result scrub;
    memset(&scrub, 0, sizeof scrub);
    return purge_scrub(dst, false, false, &scrub, err);
}

/* What the steps of a restore share. */
typedef struct restore_job {
    const restore_options *opt;
    restore_result *out;
    char dbdir[MEIBO_PATH_MAX];                  /* the database's folder */
    meibo_ctx *live;                   /* the database being replaced, or NULL */
    meibo_ctx *copy;                   /* the backup's copy beside it, once open */
    char tmp[MEIBO_SIDE_PATH_MAX];                    /* that copy's file, "" once it is the database */
    int lock;                          /* its flock (backup_temp_make()) */
    char live_id[BACKUP_ID_LEN + 1];   /* the live database's identity, when read */
    int backup_ident;                  /* backup_identity_of() of the backup as it came */
    unsigned char akey[32];            /* the access log's key */
    bool keyed;                        /* the backup names its log key's fingerprint */
    char target_key[MEIBO_SIDE_PATH_MAX], target_base[MEIBO_PATH_MAX]; /* DB.key and DB without ".db" */
    char lost[80];                     /* " audit_lost=A..B", or "" */
    int64_t new_head;                  /* the restored log's head, anchored at the end */
    char new_hash[65];
} restore_job;

/* The files themselves: only someone who could put a database there without meibo.
 * *live_exists: a database is there to be replaced. */
static meibo_status restore_access(const restore_options *opt, const char *dbdir,
                                   bool *live_exists, meibo_err *err)
{
    meibo_status st;
    if ((st = process_real_access(dbdir, W_OK, "restore", err)) ||
        (st = process_real_access(opt->file, R_OK, "restore", err)))
        return st;
    struct stat sb;
    *live_exists = stat(opt->db_path, &sb) == 0 && sb.st_size > 0;
    if (*live_exists && (st = process_real_access(opt->db_path, R_OK | W_OK, "restore", err)))
        return st;
    return MEIBO_OK;
}

/* The backup into the plain copy j->tmp: decrypted with the key file, or copied. */
static meibo_status bring_in(restore_job *j, meibo_err *err)
{
    const restore_options *opt = j->opt;
    if (!backup_file_encrypted(opt->file))
        return backup_copy_plain(opt->file, j->tmp, err);
    if (!opt->key_file || !*opt->key_file)
        return meibo_fail(err, MEIBO_ERR_INVALID,
                          "%s is encrypted: name its key with backup_key_file in meibo.conf",
                          opt->file);
    unsigned char key[32];
    memset(key, 0, sizeof key);
    meibo_status st;
    if (!(st = backup_key_load(opt->key_file, key, err)))
        st = backup_decrypt(opt->file, j->tmp, key, err);
    explicit_bzero(key, sizeof key);
    return st;
}

/* Check the copy as it came (integrity, its schema version, whose backup it is), before
 * opening it (which brings an older schema up to date). */
static meibo_status check_copy(restore_job *j, meibo_err *err)
{
    const restore_options *opt = j->opt;
    restore_result *out = j->out;
    meibo_status st;
    sqlite3 *raw = NULL;
    if (sqlite3_open_v2(j->tmp, &raw, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        st = meibo_fail(err, MEIBO_ERR_INTEGRITY, "%s: not a database", opt->file);
    } else {
        st = backup_integrity_check(raw, opt->file, err);
        sqlite3_stmt *v = NULL;
        if (!st && sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &v, NULL) == SQLITE_OK &&
            sqlite3_step(v) == SQLITE_ROW)
            out->schema_from = sqlite3_column_int(v, 0);
        sqlite3_finalize(v);
        /* whose backup: another database's is refused over this one unless said so */
        if (!st && (j->backup_ident = backup_identity_of(raw, out->identity)) == 1 && j->live &&
            backup_identity_of(j->live->db, j->live_id) == 1 &&
            strcmp(out->identity, j->live_id) != 0) {
            out->other_database = true;
            if (!opt->other_database)
                st = meibo_fail(err, MEIBO_ERR_INVALID,
                                "restore: %s is a backup of another database (identity %s), "
                                "not of %s (identity %s); nothing was changed. To put that "
                                "database in place of this one, restore with "
                                "--other-database",
                                opt->file, out->identity, opt->db_path, j->live_id);
        }
    }
    sqlite3_close(raw);
    return st;
}

/* The access log's key: the one whose fingerprint the backup names, beside the database or
 * beside the backup (audit-ID.key, put there by every backup); a backup from before keys
 * takes the database's, or a new one. */
static meibo_status find_log_key(restore_job *j, meibo_err *err)
{
    const restore_options *opt = j->opt;
    bool key_found = false;
    snprintf(j->target_base, sizeof j->target_base, "%s", opt->db_path);
    size_t n = strlen(j->target_base);
    if (n > 3 && !strcmp(j->target_base + n - 3, ".db"))
        j->target_base[n - 3] = '\0';
    snprintf(j->target_key, sizeof j->target_key, "%s.key", j->target_base);
    char fp[65] = "", bdir[MEIBO_PATH_MAX], beside[MEIBO_SIDE_PATH_MAX];
    sqlite3 *raw = NULL;
    sqlite3_stmt *q = NULL;
    if (sqlite3_open_v2(j->tmp, &raw, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(raw, "SELECT fingerprint FROM audit_key WHERE id = 1", -1, &q,
                           NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW) {
        snprintf(fp, sizeof fp, "%s", (const char *)sqlite3_column_text(q, 0));
        j->keyed = true;
    }
    sqlite3_finalize(q);
    sqlite3_close(raw);
    backup_dir_of(opt->file, bdir, sizeof bdir);
    snprintf(beside, sizeof beside, "%s/audit-%s.key", bdir, j->out->identity);
    const char *cand[] = {j->target_key, beside};
    for (int i = 0; i < 2 && !key_found; i++) {
        meibo_err ignore;
        char have[65];
        if (audit_key_read(cand[i], j->akey, &ignore) == MEIBO_OK &&
            (!j->keyed || (audit_key_fingerprint_of(j->akey, have) && !strcmp(have, fp))))
            key_found = true;
    }
    if (j->keyed && !key_found)
        return meibo_fail(err, MEIBO_ERR_INTEGRITY,
                          "restore: the access log key of %s is neither %s nor %s: without "
                          "it the restored log could not be checked (取扱規程 第35条); put "
                          "the key the backups were made with there; nothing was changed",
                          opt->file, j->target_key, beside);
    if (!key_found && RAND_bytes(j->akey, sizeof j->akey) != 1)
        return meibo_fail(err, MEIBO_ERR_IO, "restore: no random bytes for a key");
    return MEIBO_OK;
}

/* Open the copy with the log's key, check its log, and give it its identity. */
static meibo_status open_copy(restore_job *j, meibo_err *err)
{
    meibo_status st;
    if ((st = db_open(j->tmp, 0, &j->copy, err)))
        return st;
    meibo_ctx *copy = j->copy;
    db_act_as_system(copy);
    if ((st = audit_key_use(copy, j->akey, err)) ||
        (st = audit_restore_check(copy, j->keyed, err)))
        return st;
    /* a backup from before identities got a new one from its migration: over a database it
     * takes that database's, so that the backups to come rotate with the ones before */
    if (j->backup_ident != 1 && j->live && backup_identity_of(j->live->db, j->live_id) == 1) {
        sqlite3_stmt *u = NULL;
        if (sqlite3_prepare_v2(copy->db, "UPDATE db_identity SET uuid = ?1 WHERE id = 1", -1, &u,
                               NULL) != SQLITE_OK ||
            sqlite3_bind_text(u, 1, j->live_id, -1, SQLITE_STATIC) != SQLITE_OK ||
            sqlite3_step(u) != SQLITE_DONE)
            st = db_fail(copy, err, "restore: the database's identity");
        sqlite3_finalize(u);
        if (st)
            return st;
    }
    backup_identity_of(copy->db, j->out->identity);
    return MEIBO_OK;
}

/* The deletion ledger from every source, made a set and applied again in one transaction. */
static meibo_status reapply_ledger(restore_job *j, meibo_err *err)
{
    meibo_ctx *copy = j->copy;
    restore_result *out = j->out;
    deletion_set set = {0};
    meibo_status st;
    if ((st = deletion_ledger_list(copy, deletion_set_add, &set, err)) ||
        (j->live && (st = deletion_ledger_list(j->live, deletion_set_add, &set, err))))
        goto out;
    for (int i = 0; i < 4 && j->opt->ledger_files[i]; i++)
        if ((st = deletion_file_read(j->opt->ledger_files[i], deletion_set_add, &set, err)))
            goto out;
    if (set.oom) {
        st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        goto out;
    }
    set.n = deletion_unique(set.e, set.n);
    out->ledger_entries = set.n;
    if ((st = db_begin(copy, err)))
        goto out;
    for (int64_t i = 0; i < set.n; i++) {
        bool erased = false;
        if ((st = deletion_ledger_apply(copy, &set.e[i], &erased, err))) {
            db_rollback(copy);
            goto out;
        }
        out->reapplied += erased;
    }
    st = db_commit(copy, err);
out:
    free(set.e);
    return st;
}

/* The access log: carry over what was written since the backup, then say what the anchors
 * beside the database knew of and the restored log no longer has (j->lost). */
static meibo_status carry_log(restore_job *j, meibo_err *err)
{
    restore_result *out = j->out;
    meibo_status st;
    if (j->live && (st = audit_copy_tail(j->copy, j->live, &out->audit_merged, out->audit_note,
                                         sizeof out->audit_note, err)))
        return st;
    int64_t end = 0, newest;
    char h[65], at[24] = "";
    if ((st = audit_anchor_head_of(j->copy, &end, h, err)))
        return st;
    if ((newest = audit_anchor_newest(j->copy, j->target_base, at)) > end) {
        snprintf(j->lost, sizeof j->lost, " audit_lost=%" PRId64 "..%" PRId64, end + 1, newest);
        size_t k = strlen(out->audit_note);
        snprintf(out->audit_note + k, sizeof out->audit_note - k,
                 "%srows %" PRId64 "..%" PRId64 " of the access log (anchored at %s) are "
                 "not in the restored log: they were lost with the database replaced",
                 k ? "; " : "", end + 1, newest, at);
    }
    return MEIBO_OK;
}

/* After the log's tail (its rows continue the backup's chain): the rights requests since the
 * backup, then the restore's row in the log, the traces of the erasures, and the log checked
 * whole; its head into j->new_head and j->new_hash. */
static meibo_status finish_copy(restore_job *j, meibo_err *err)
{
    const restore_options *opt = j->opt;
    restore_result *out = j->out;
    meibo_ctx *copy = j->copy;
    meibo_status st;
    /* the rights requests since the backup, and the corrections members asked for (第23条):
     * applied again, or listed to be done again (request.h); not from another database */
    if (j->live && !out->other_database &&
        (st = request_carry(copy, j->live, &out->requests, err)))
        return st;
    char detail[1500];
    snprintf(detail, sizeof detail,
             "from=%s schema=%d ledger=%" PRId64 " reapplied=%" PRId64 " requests=%" PRId64
             " replayed=%" PRId64 " redo=%" PRId64 " audit_merged=%" PRId64 "%s%s",
             base_of(opt->file), out->schema_from, out->ledger_entries, out->reapplied,
             out->requests.carried, out->requests.replayed, out->requests.redo, out->audit_merged,
             out->audit_note[0] && !j->lost[0] ? " audit_tail=not-carried" : "", j->lost);
    if ((st = audit_append(copy, "restore", NULL, detail, err)))
        return st;
    purge_result scrub;
    memset(&scrub, 0, sizeof scrub);
    if ((st = purge_scrub(copy, out->reapplied > 0, false, &scrub, err)))
        return st;
    audit_verify_result vr;
    if ((st = audit_verify_run(copy, true, &vr, err)))
        return st;
    out->audit_rows = vr.checked;
    j->new_head = vr.last_id;
    return audit_anchor_head_of(copy, &j->new_head, j->new_hash, err);
}

/* In place: through the live database's pager when there is one, else the file renamed. */
static meibo_status put_in_place(restore_job *j, meibo_err *err)
{
    const restore_options *opt = j->opt;
    meibo_status st;
    if (j->live) {
        audit_anchor_off(j->live); /* its key may not be the restored log's */
        if ((st = pages_into(j->live, j->copy, err)))
            return st;
        j->out->replaced = true;
        return MEIBO_OK;
    }
    db_close(j->copy);
    j->copy = NULL;
    if (rename(j->tmp, opt->db_path) != 0)
        return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", opt->db_path, strerror(errno));
    j->tmp[0] = '\0';
    if (chmod(opt->db_path, 0660) != 0)
        return meibo_fail(err, MEIBO_ERR_IO, "%s: chmod 0660: %s", opt->db_path,
                          strerror(errno));
    return MEIBO_OK;
}

/* The key beside the database, and a reset anchor at the restored head: the anchors before it
 * are of the log that was replaced (a key other than the one there before: its anchors are
 * kept aside, as .anchors.replaced). */
static meibo_status anchor_placed(restore_job *j, meibo_err *err)
{
    meibo_status st;
    unsigned char have[32];
    meibo_err ignore;
    bool same = audit_key_read(j->target_key, have, &ignore) == MEIBO_OK &&
                !memcmp(have, j->akey, sizeof have);
    explicit_bzero(have, sizeof have);
    if (!same) {
        char a[MEIBO_SIDE_PATH_MAX], b[1320];
        snprintf(a, sizeof a, "%s.anchors", j->target_base);
        snprintf(b, sizeof b, "%s.anchors.replaced", j->target_base);
        rename(a, b);
        if ((st = audit_key_write(j->target_key, j->akey, true, err)))
            return st;
    }
    meibo_ctx *placed = NULL;
    if ((st = db_open(j->opt->db_path, 0, &placed, err)))
        return st;
    if (!(st = audit_key_ready(placed, false, err)) &&
        !(st = audit_anchor_add(placed, "reset", j->new_head, j->new_hash, err)))
        st = audit_carried_checkpoint(placed, placed, err);
    db_close(placed);
    return st;
}

meibo_status restore_run(const restore_options *opt, restore_result *out, meibo_err *err)
{
    memset(out, 0, sizeof *out);
    if (!opt || !opt->file || !*opt->file || !opt->db_path || !*opt->db_path)
        return meibo_fail(err, MEIBO_ERR_USAGE, "restore: a backup file and a database are needed");
    restore_job job = {.opt = opt, .out = out, .lock = -1};
    restore_job *j = &job;
    backup_dir_of(opt->db_path, j->dbdir, sizeof j->dbdir);
    bool live_exists = false;
    meibo_status st = restore_access(opt, j->dbdir, &live_exists, err);
    if (!st && live_exists && (st = db_open(opt->db_path, 0, &j->live, err))) {
        char inner[sizeof err->msg];
        snprintf(inner, sizeof inner, "%s", err ? err->msg : "");
        st = meibo_fail(err, st,
                        "restore: the database there cannot be read (%s); move it aside "
                        "(mv %s %s.damaged) and restore again", inner, opt->db_path,
                        opt->db_path);
    }
    if (st)
        return st;
    /* the plain copies killed backups and restores left behind (取扱規程 第22条) */
    backup_temp_sweep(j->dbdir, true);
    if (!(st = backup_temp_make(j->dbdir, "meibo-restore", j->tmp, sizeof j->tmp, &j->lock,
                                err)) &&
        !(st = bring_in(j, err)) && !(st = check_copy(j, err)) && !(st = find_log_key(j, err)) &&
        !(st = open_copy(j, err)) && !(st = reapply_ledger(j, err)) &&
        !(st = carry_log(j, err)) && !(st = finish_copy(j, err)) && !(st = put_in_place(j, err)))
        st = anchor_placed(j, err);
    explicit_bzero(j->akey, sizeof j->akey);
    db_close(j->copy);
    db_close(j->live);
    if (j->tmp[0])
        backup_temp_remove(j->tmp, &j->lock);
    else if (j->lock >= 0)
        close(j->lock);
    return st;
}

/* db.c: the connection, its pragmas, migrations, transactions and statement cache. */
#include <errno.h>
#include <pwd.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "meibo/db.h"
#include "meibo/text.h"

#undef db_fail /* the analyzers' macro (db.h) */

/* Embedded migrations (build/schema.c, generated from the schema directory). */
extern const char *const meibo_schema_names[];
extern const char *const meibo_schema_sql[];
extern const int meibo_schema_count;

int db_schema_latest(void)
{
    return meibo_schema_count;
}

meibo_status db_fail(meibo_ctx *ctx, meibo_err *err, const char *what)
{
    const char *msg = ctx && ctx->db ? sqlite3_errmsg(ctx->db) : "no database";
    int code = ctx && ctx->db ? sqlite3_extended_errcode(ctx->db) : 0;
    if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
        return meibo_fail(err, MEIBO_ERR_EXISTS, "%s: %s", what, msg);
    if (code == SQLITE_INTERRUPT)
        return meibo_fail(err, MEIBO_ERR_INTERRUPTED, "%s: interrupted", what);
    return meibo_fail(err, MEIBO_ERR_DB, "%s: %s", what, msg);
}

meibo_status db_exec(meibo_ctx *ctx, const char *sql, meibo_err *err)
{
    char *msg = NULL;
    if (sqlite3_exec(ctx->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        meibo_fail(err, MEIBO_ERR_DB, "%s", msg ? msg : sqlite3_errmsg(ctx->db));
        sqlite3_free(msg);
        return MEIBO_ERR_DB;
    }
    return MEIBO_OK;
}

sqlite3_stmt *db_stmt(meibo_ctx *ctx, const char *sql, meibo_err *err)
{
    int free_slot = -1;
    for (int i = 0; i < MEIBO_STMT_CACHE; i++) {
        if (ctx->cache[i].sql == sql) {
            sqlite3_stmt *st = ctx->cache[i].stmt;
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            return st;
        }
        if (!ctx->cache[i].sql && free_slot < 0)
            free_slot = i;
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(ctx->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        db_fail(ctx, err, "prepare");
        return NULL;
    }
    if (free_slot < 0) {
        /* the statements are static and fewer than the slots: a full cache is a bug, and
         * evicting one could free a statement a caller is still stepping */
        sqlite3_finalize(st);
        meibo_fail(err, MEIBO_ERR_DB, "statement cache full (%d)", MEIBO_STMT_CACHE);
        return NULL;
    }
    ctx->cache[free_slot].sql = sql;
    ctx->cache[free_slot].stmt = st;
    return st;
}

static const char sql_plain_indexes[] =
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1 "
    "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'";

meibo_status db_indexes_defer(meibo_ctx *ctx, const char *table, db_deferred_indexes *d,
                              meibo_err *err)
{
    memset(d, 0, sizeof *d);
    if (ctx->tx_depth <= 0)
        return meibo_fail(err, MEIBO_ERR_DB, "deferring indexes needs the caller's transaction");
    sqlite3_stmt *s = NULL;
    char *names[16];
    int n = 0;
    meibo_status st = MEIBO_OK;
    if (sqlite3_prepare_v2(ctx->db, sql_plain_indexes, -1, &s, NULL) != SQLITE_OK)
        return db_fail(ctx, err, "listing indexes");
    sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && n < 16) {
        names[n] = sqlite3_mprintf("DROP INDEX \"%w\"", (const char *)sqlite3_column_text(s, 0));
        d->sql[n] = strdup((const char *)sqlite3_column_text(s, 1));
        if (!names[n] || !d->sql[n]) {
            sqlite3_free(names[n]);
            free(d->sql[n]);
            st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
            break;
        }
        n++;
    }
    if (!st && rc != SQLITE_ROW && rc != SQLITE_DONE)
        st = db_fail(ctx, err, "listing indexes");
    sqlite3_finalize(s);
    d->n = n;
    for (int i = 0; i < n; i++) {
        if (!st)
            st = db_exec(ctx, names[i], err);
        sqlite3_free(names[i]);
    }
    if (st) /* the caller rolls back: the indexes are as they were */
        db_indexes_forget(d);
    return st;
}

meibo_status db_indexes_rebuild(meibo_ctx *ctx, db_deferred_indexes *d, meibo_err *err)
{
    meibo_status st = MEIBO_OK;
    for (int i = 0; i < d->n && !st; i++)
        st = db_exec(ctx, d->sql[i], err);
    db_indexes_forget(d);
    return st;
}

void db_indexes_forget(db_deferred_indexes *d)
{
    for (int i = 0; i < d->n; i++)
        free(d->sql[i]);
    d->n = 0;
}

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The write lock of the depth-1 transaction is let go: how long it was held. */
static void lock_released(meibo_ctx *ctx)
{
    if (ctx->tx_read)
        return;
    double end = ctx->lock_freed_ms > ctx->lock_since_ms ? ctx->lock_freed_ms : mono_ms();
    double held = end - ctx->lock_since_ms;
    ctx->lock_freed_ms = 0;
    ctx->lock_hold_last_ms = held;
    if (held > ctx->lock_hold_max_ms)
        ctx->lock_hold_max_ms = held;
}

void db_lock_hold_reset(meibo_ctx *ctx)
{
    ctx->lock_hold_max_ms = 0;
    ctx->lock_hold_last_ms = 0;
}

meibo_status db_begin(meibo_ctx *ctx, meibo_err *err)
{
    meibo_status st;
    if (ctx->tx_depth > 0 && ctx->tx_read)
        return meibo_fail(err, MEIBO_ERR_DB, "a write inside a read snapshot");
    if (ctx->tx_depth == 0)
        st = db_exec(ctx, "BEGIN IMMEDIATE", err);
    else
        st = db_exec(ctx, "SAVEPOINT meibo_sp", err);
    if (st == MEIBO_OK) {
        if (ctx->tx_depth == 0) {
            ctx->lock_since_ms = mono_ms();
            ctx->tx_changes0 = sqlite3_total_changes64(ctx->db);
        }
        ctx->tx_depth++;
    }
    return st;
}

meibo_status db_begin_read(meibo_ctx *ctx, meibo_err *err)
{
    if (ctx->tx_depth > 0)
        return meibo_fail(err, MEIBO_ERR_DB, "a read snapshot inside a transaction");
    meibo_status st = db_exec(ctx, "BEGIN DEFERRED; SELECT count(*) FROM sqlite_schema", err);
    if (st != MEIBO_OK) {
        if (!sqlite3_get_autocommit(ctx->db))
            sqlite3_exec(ctx->db, "ROLLBACK", NULL, NULL, NULL);
        return st;
    }
    ctx->tx_depth = 1;
    ctx->tx_read = true;
    return MEIBO_OK;
}

void db_end_read(meibo_ctx *ctx)
{
    if (ctx->tx_depth != 1 || !ctx->tx_read)
        return;
    sqlite3_exec(ctx->db, "COMMIT", NULL, NULL, NULL);
    if (!sqlite3_get_autocommit(ctx->db))
        sqlite3_exec(ctx->db, "ROLLBACK", NULL, NULL, NULL);
    ctx->tx_depth = 0;
    ctx->tx_read = false;
}

meibo_status db_commit(meibo_ctx *ctx, meibo_err *err)
{
    if (ctx->tx_depth <= 0)
        return meibo_fail(err, MEIBO_ERR_DB, "commit without a transaction");
    meibo_status st = db_exec(ctx, ctx->tx_depth == 1 ? "COMMIT" : "RELEASE meibo_sp", err);
    if (st != MEIBO_OK) {
        db_rollback(ctx);
        return st;
    }
    if (ctx->tx_depth == 1) {
        lock_released(ctx);
        ctx->tx_read = false;
    }
    ctx->tx_depth--;
    return MEIBO_OK;
}

void db_rollback(meibo_ctx *ctx)
{
    if (ctx->tx_depth <= 0)
        return;
    if (ctx->tx_depth == 1) {
        sqlite3_exec(ctx->db, "ROLLBACK", NULL, NULL, NULL);
        lock_released(ctx);
        ctx->tx_read = false;
    } else
        sqlite3_exec(ctx->db, "ROLLBACK TO meibo_sp; RELEASE meibo_sp", NULL, NULL, NULL);
    ctx->tx_depth--;
}

meibo_status db_end(meibo_ctx *ctx, meibo_status st, meibo_err *err)
{
    if (st != MEIBO_OK) {
        db_rollback(ctx);
        return st;
    }
    return db_commit(ctx, err);
}

const char *db_text(sqlite3_stmt *s, int i)
{
    const char *t = (const char *)sqlite3_column_text(s, i);
    return t ? t : "";
}

const char *db_text_or_null(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

void db_text_copy(char *dst, size_t size, sqlite3_stmt *s, int i)
{
    text_copy_cut(dst, size, db_text(s, i));
}

char *db_text_dup(sqlite3_stmt *s, int i)
{
    const char *t = db_text(s, i);
    return *t ? strdup(t) : NULL;
}

int64_t db_now(const meibo_ctx *ctx)
{
    if (ctx && ctx->fixed_now)
        return ctx->fixed_now;
    return (int64_t)time(NULL);
}

void db_now_text(const meibo_ctx *ctx, char *buf, size_t len)
{
    time_t t = (time_t)db_now(ctx);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm);
}

void db_today(const meibo_ctx *ctx, char *buf, size_t len)
{
    time_t t = (time_t)db_now(ctx);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(buf, len, "%Y-%m-%d", &tm);
}

void db_act_as_system(meibo_ctx *ctx)
{
    ctx->user_id = 0;
    snprintf(ctx->login, sizeof ctx->login, "system");
    snprintf(ctx->display_name, sizeof ctx->display_name, "system");
    ctx->role = MEIBO_ROLE_CHIEF;
}

const char *meibo_role_name(meibo_role r)
{
    switch (r) {
    case MEIBO_ROLE_CHIEF: return "chief";
    case MEIBO_ROLE_MANAGER: return "manager";
    case MEIBO_ROLE_CLERK: return "clerk";
    default: return NULL;
    }
}

meibo_role meibo_role_parse(const char *s)
{
    if (!s)
        return MEIBO_ROLE_NONE;
    if (!strcmp(s, "chief"))
        return MEIBO_ROLE_CHIEF;
    if (!strcmp(s, "manager"))
        return MEIBO_ROLE_MANAGER;
    if (!strcmp(s, "clerk"))
        return MEIBO_ROLE_CLERK;
    return MEIBO_ROLE_NONE;
}

int db_schema_version(meibo_ctx *ctx)
{
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(ctx->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Apply the embedded migrations the database has not seen, each in its own transaction. */
static meibo_status db_migrate(meibo_ctx *ctx, meibo_err *err)
{
    int have = db_schema_version(ctx);
    if (have < 0)
        return db_fail(ctx, err, "reading the schema version");
    if (have > meibo_schema_count)
        return meibo_fail(err, MEIBO_ERR_SCHEMA,
                          "%s: database schema version %d is newer than this meibo knows (%d); "
                          "use the meibo that wrote it, or a newer one",
                          ctx->path, have, meibo_schema_count);
    for (int i = have; i < meibo_schema_count; i++) {
        meibo_status st = db_begin(ctx, err);
        if (st != MEIBO_OK)
            return st;
        /* re-check inside the write lock: another process may have migrated meanwhile */
        int now = db_schema_version(ctx);
        if (now > i) {
            db_rollback(ctx);
            i = now - 1;
            continue;
        }
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", i + 1);
        if (db_exec(ctx, meibo_schema_sql[i], err) != MEIBO_OK ||
            db_exec(ctx, pragma, err) != MEIBO_OK) {
            char inner[sizeof err->msg];
            snprintf(inner, sizeof inner, "%s", err ? err->msg : "");
            db_rollback(ctx);
            return meibo_fail(err, MEIBO_ERR_SCHEMA, "migration %s: %s", meibo_schema_names[i],
                              inner);
        }
        if ((st = db_commit(ctx, err)) != MEIBO_OK)
            return st;
    }
    return MEIBO_OK;
}

/* Who runs this process and from where (取扱規程 第35条: the log names them). */
static void db_set_origin(meibo_ctx *ctx)
{
    struct passwd pw, *res = NULL;
    char buf[1024];
    if (getpwuid_r(getuid(), &pw, buf, sizeof buf, &res) == 0 && res)
        snprintf(ctx->unix_user, sizeof ctx->unix_user, "%s", res->pw_name);
    else
        snprintf(ctx->unix_user, sizeof ctx->unix_user, "uid:%u", (unsigned)getuid());
    const char *ssh = getenv("SSH_CONNECTION");
    if (ssh && *ssh) {
        size_t n = strcspn(ssh, " ");
        if (n >= sizeof ctx->ssh_client)
            n = sizeof ctx->ssh_client - 1;
        memcpy(ctx->ssh_client, ssh, n);
        ctx->ssh_client[n] = '\0';
    } else {
        snprintf(ctx->ssh_client, sizeof ctx->ssh_client, "local");
    }
}

/* Waiting for the write lock (SQLITE_BUSY): up to DB_BUSY_MS in all, in short sleeps. SQLite's
 * own busy_timeout sleeps 10, 15, 20, 25 … 100 ms once a wait has passed 8 ms, so a clerk whose
 * save waited a little waits long after the lock is free again; polling every 0.1–1 ms takes
 * the lock within a fraction of a millisecond of its release. */
#define DB_BUSY_MS 10000

static int db_busy_wait(void *arg, int count)
{
    meibo_ctx *ctx = arg;
    double now = mono_ms();
    if (count == 0)
        ctx->busy_since_ms = now;
    if (now - ctx->busy_since_ms >= DB_BUSY_MS)
        return 0; /* give up: SQLITE_BUSY */
    struct timespec ts = {0, count < 20 ? 100000L : count < 200 ? 250000L : 1000000L};
    nanosleep(&ts, NULL);
    return 1;
}

/* Checkpoints off the clerks' path. SQLite's auto-checkpoint runs in whichever commit takes
 * the WAL past 1000 pages, so a clerk's one-row save pays for copying the pages of an import
 * or an export run (tens of milliseconds, after its lock is released, but before its save
 * returns). Instead a commit that wrote many pages itself (an export's record, an import, a
 * purge) checkpoints, passively, after it; a small one only once the WAL has grown past
 * DB_WAL_MAX_FRAMES without any big commit to do it. */
#define DB_BIG_COMMIT_ROWS 200
#define DB_WAL_CHECKPOINT 1000
#define DB_WAL_MAX_FRAMES 8000

static int db_wal_hook(void *arg, sqlite3 *db, const char *name, int frames)
{
    meibo_ctx *ctx = arg;
    ctx->lock_freed_ms = mono_ms(); /* the commit is written and the lock free */
    bool big = sqlite3_total_changes64(db) - ctx->tx_changes0 >= DB_BIG_COMMIT_ROWS;
    if (frames >= DB_WAL_MAX_FRAMES || (frames >= DB_WAL_CHECKPOINT && big))
        sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    return SQLITE_OK;
}

static const char *const db_pragmas =
    "PRAGMA journal_mode = WAL;"
    "PRAGMA synchronous = FULL;"
    "PRAGMA foreign_keys = ON;"
    "PRAGMA secure_delete = ON;"
    "PRAGMA trusted_schema = OFF;"
    "PRAGMA temp_store = MEMORY;"
    "PRAGMA cache_size = -65536;";

meibo_status db_open(const char *path, int flags, meibo_ctx **out, meibo_err *err)
{
    *out = NULL;
    if (!path || !*path)
        return meibo_fail(err, MEIBO_ERR_USAGE, "no database given (--db PATH or MEIBO_DB)");
    struct stat sb;
    if (!(flags & DB_OPEN_CREATE) && stat(path, &sb) != 0)
        return meibo_fail(err, MEIBO_ERR_NOT_FOUND,
                          "%s: no database there (create one with: meibo init)", path);
    if ((flags & DB_OPEN_CREATE) && stat(path, &sb) == 0 && sb.st_size > 0)
        return meibo_fail(err, MEIBO_ERR_EXISTS, "%s: a database already exists there", path);

    meibo_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    snprintf(ctx->path, sizeof ctx->path, "%s", path);
    db_set_origin(ctx);
    if (strcmp(path, ":memory:") != 0) { /* the access log's key and anchors beside it */
        size_t n = strlen(path);
        if (n > 3 && !strcmp(path + n - 3, ".db"))
            n -= 3;
        if (n < sizeof ctx->audit_base)
            snprintf(ctx->audit_base, sizeof ctx->audit_base, "%.*s", (int)n, path);
    }

    int oflags = SQLITE_OPEN_NOMUTEX;
    oflags |= (flags & DB_OPEN_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (flags & DB_OPEN_CREATE)
        oflags |= SQLITE_OPEN_CREATE;
    meibo_status st = MEIBO_OK;
    if (sqlite3_open_v2(path, &ctx->db, oflags, NULL) != SQLITE_OK) {
        st = meibo_fail(err, MEIBO_ERR_DB, "%s: %s", path,
                        ctx->db ? sqlite3_errmsg(ctx->db) : "cannot open");
        goto fail;
    }
    sqlite3_extended_result_codes(ctx->db, 1);
    sqlite3_busy_handler(ctx->db, db_busy_wait, ctx);
    sqlite3_wal_hook(ctx->db, db_wal_hook, ctx);
    if ((st = db_exec(ctx, db_pragmas, err)) != MEIBO_OK)
        goto fail;
    if (!(flags & DB_OPEN_READONLY) && (st = db_migrate(ctx, err)) != MEIBO_OK)
        goto fail;
    /* a new database: read and written by its group (meibo) only, whatever sqlite's 0644 and
     * the umask made of it; its -wal and -shm files take the same mode */
    bool on_disk = path[0] && strcmp(path, ":memory:") != 0; /* not an in-memory database */
    if ((flags & DB_OPEN_CREATE) && on_disk && chmod(path, 0660) != 0) {
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: chmod 0660: %s", path, strerror(errno));
        goto fail;
    }
    if (db_schema_version(ctx) != meibo_schema_count) {
        st = meibo_fail(err, MEIBO_ERR_SCHEMA, "%s: schema version %d, this meibo needs %d",
                        path, db_schema_version(ctx), meibo_schema_count);
        goto fail;
    }
    *out = ctx;
    return MEIBO_OK;
fail:
    db_close(ctx);
    return st;
}

void db_close(meibo_ctx *ctx)
{
    if (!ctx)
        return;
    while (ctx->tx_depth > 0)
        db_rollback(ctx);
    if (ctx->on_close)
        ctx->on_close(ctx);
    explicit_bzero(ctx->audit_key, sizeof ctx->audit_key);
    for (int i = 0; i < MEIBO_STMT_CACHE; i++)
        sqlite3_finalize(ctx->cache[i].stmt);
    sqlite3_close(ctx->db);
    if (ctx->specialist_re) {
        regfree(ctx->specialist_re);
        free(ctx->specialist_re);
    }
    free(ctx);
}

void db_set_progress(meibo_ctx *ctx, int (*fn)(void *), void *arg)
{
    sqlite3_progress_handler(ctx->db, fn ? 2000 : 0, fn, arg);
}

/**
 * @file db.h
 * @brief The database handle and session context every core call takes.
 *
 * A meibo_ctx owns one SQLite connection (WAL, foreign keys, a 10 s busy wait in short polls,
 * synchronous=FULL, secure_delete), its prepared-statement cache, and who is
 * acting: the logged-in staff user, the Unix user and the SSH client address.
 */
#ifndef MEIBO_DB_H
#define MEIBO_DB_H

#include <stdbool.h>
#include <stdint.h>
#include <sqlite3.h>

#include "meibo/status.h"

typedef enum meibo_role {
    MEIBO_ROLE_NONE = 0,
    MEIBO_ROLE_CLERK = 1,   /**< 従事者 */
    MEIBO_ROLE_MANAGER = 2, /**< 個人情報管理者 */
    MEIBO_ROLE_CHIEF = 3    /**< 個人情報総責任者 (事務局長) */
} meibo_role;

#define MEIBO_STMT_CACHE 256

typedef struct meibo_ctx {
    sqlite3 *db;
    char path[1024];
    /* who is acting (filled by auth_login or db_act_as_system) */
    int64_t user_id;        /**< users.id, 0 when nobody is logged in */
    char login[64];
    char display_name[260];
    meibo_role role;
    /* where from (filled by db_open from the process) */
    char unix_user[64];
    char ssh_client[64];
    /* the access log's key and anchors (audit.c): audit_base is the database's path without
     * ".db"; the key is audit_base ".key", the anchors audit_base ".anchors" ("" for none) */
    char audit_base[1024];
    int audit_key_state;         /**< 0 not read yet, 1 read (audit_key holds it) */
    unsigned char audit_key[32];
    int64_t audit_keyed_from;    /**< the first row whose hash is the keyed MAC */
    void *audit_mac;             /**< an EVP_MAC_CTX with the key (audit.c owns it) */
    bool audit_wrote;            /**< rows appended since the last anchor of the head */
    void (*on_close)(struct meibo_ctx *ctx); /**< run first by db_close (audit.c) */
    /* transaction nesting: 0 none, 1 BEGIN IMMEDIATE, >1 savepoints */
    int tx_depth;
    bool tx_read;             /**< the depth-1 transaction is a read snapshot (db_begin_read) */
    /* how long this connection held the write lock (BEGIN IMMEDIATE .. COMMIT/ROLLBACK), in
     * milliseconds: the longest since db_lock_hold_reset() and the last (the benchmark) */
    double lock_since_ms, lock_hold_max_ms, lock_hold_last_ms;
    double busy_since_ms;     /**< when the current wait for the lock began (db.c) */
    int64_t tx_changes0;      /**< rows changed on the connection before this transaction */
    double lock_freed_ms;     /**< when the last commit let the lock go (its WAL hook) */
    /* fixed clock for tests (Unix seconds), 0 = real time */
    int64_t fixed_now;
    /* the society's own pattern for specialist numbers (member_set_specialist_pattern) */
    void *specialist_re; /**< a regex_t, owned (db_close frees it) */
    bool search_fn;      /**< search.c's SQL function is registered */
    /* during a bulk load, the facilities it has looked up or made (member.c; the load's own
     * transaction holds the write lock, so nobody else changes them meanwhile) */
    struct member_facility_cache *facilities;
    /* 取扱規程 第27条: may an account without a pledge on file log in (auth_set_pledge_rule) */
    bool login_without_pledge;
    /* prepared statements keyed by the address of their static SQL text */
    struct {
        const char *sql;
        sqlite3_stmt *stmt;
    } cache[MEIBO_STMT_CACHE];
} meibo_ctx;

enum {
    DB_OPEN_CREATE = 1 << 0,   /**< create the file if missing (meibo init) */
    DB_OPEN_READONLY = 1 << 1, /**< do not migrate; refuse writes */
};

/** @brief Open (and migrate) the database at @p path. The caller owns *out; free with db_close(). */
meibo_status db_open(const char *path, int flags, meibo_ctx **out, meibo_err *err);

/** @brief Close the connection, finalize cached statements, free the context. NULL is fine. */
void db_close(meibo_ctx *ctx);

/** @brief Schema version the database is at (PRAGMA user_version). */
int db_schema_version(meibo_ctx *ctx);

/** @brief Schema version this binary knows (the number of embedded migrations). */
int db_schema_latest(void);

/**
 * @brief Begin a write transaction: BEGIN IMMEDIATE at depth 0, a SAVEPOINT inside one.
 * Every write in meibo goes through this: a deferred read that upgrades to a write
 * never waits (the busy handler is not called) and fails under concurrency.
 */
meibo_status db_begin(meibo_ctx *ctx, meibo_err *err);

/**
 * @brief Begin a read snapshot (BEGIN DEFERRED, and a first read so that it is taken now):
 * every read until db_end_read() sees one moment of the database, and never blocks or waits
 * for a writer (WAL). No writes inside it: a write would need the write lock the snapshot
 * cannot take once others have written (SQLITE_BUSY_SNAPSHOT). Only at depth 0.
 */
meibo_status db_begin_read(meibo_ctx *ctx, meibo_err *err);

/** @brief End the read snapshot of db_begin_read() (nothing to keep, so it never fails). */
void db_end_read(meibo_ctx *ctx);

/** @brief Forget the longest write-lock hold seen so far (see ctx->lock_hold_max_ms). */
void db_lock_hold_reset(meibo_ctx *ctx);

/** @brief Commit the innermost transaction level. */
meibo_status db_commit(meibo_ctx *ctx, meibo_err *err);

/** @brief Roll back the innermost transaction level (never fails the caller further). */
void db_rollback(meibo_ctx *ctx);

/**
 * @brief End the innermost level of db_begin() by how the work inside it went: commit when
 * @p st is MEIBO_OK (and return the commit's status), else roll back and return @p st.
 */
meibo_status db_end(meibo_ctx *ctx, meibo_status st, meibo_err *err);

/* ---- reading a row (the one set of column helpers; NULL handling is in the name) ---------- */

/** @brief Column @p i as text; "" for NULL. Valid until the statement steps or resets. */
const char *db_text(sqlite3_stmt *s, int i);

/** @brief Column @p i as text; NULL for NULL. Valid until the statement steps or resets. */
const char *db_text_or_null(sqlite3_stmt *s, int i);

/** @brief Column @p i copied into @p dst (@p size bytes, cut at a character, "" for NULL). */
void db_text_copy(char *dst, size_t size, sqlite3_stmt *s, int i);

/** @brief Column @p i as a malloc'd string (the caller's); NULL for NULL or "" (and for no
 * memory: the caller treats a NULL as "no value"). */
char *db_text_dup(sqlite3_stmt *s, int i);

/**
 * @brief A cached prepared statement for the static SQL text @p sql, reset and with bindings
 * cleared. The context owns it; do not finalize it. Keyed by the pointer, so pass string
 * literals or other static storage only.
 */
sqlite3_stmt *db_stmt(meibo_ctx *ctx, const char *sql, meibo_err *err);

/** @brief Indexes dropped for a bulk load, to be built again before its commit. */
typedef struct db_deferred_indexes {
    int n;
    char *sql[16]; /**< their CREATE INDEX statements, owned */
} db_deferred_indexes;

/**
 * @brief Inside the caller's transaction, drop the indexes of @p table that enforce nothing
 * (not UNIQUE, not a constraint's), keeping their definitions in @p d: a bulk load then
 * builds each once, sorted, with db_indexes_rebuild() before it commits, instead of
 * inserting into it row by row. A rollback brings them back as they were; free @p d with
 * db_indexes_forget() then.
 */
meibo_status db_indexes_defer(meibo_ctx *ctx, const char *table, db_deferred_indexes *d,
                              meibo_err *err);

/** @brief Build the indexes db_indexes_defer() dropped (in the same transaction) and free @p d. */
meibo_status db_indexes_rebuild(meibo_ctx *ctx, db_deferred_indexes *d, meibo_err *err);

/** @brief Free @p d without building (the transaction was rolled back). */
void db_indexes_forget(db_deferred_indexes *d);

/** @brief Execute a statement with no parameters and no rows (DDL, PRAGMA). */
meibo_status db_exec(meibo_ctx *ctx, const char *sql, meibo_err *err);

/** @brief Fill @p err from the connection's last error, prefixed with @p what. */
meibo_status db_fail(meibo_ctx *ctx, meibo_err *err, const char *what);

#ifdef __clang_analyzer__
/* For clang-tidy and scan-build, which cannot see into db.c: db_fail() never returns MEIBO_OK. */
#define db_fail(ctx, err, what) (db_fail((ctx), (err), (what)) ?: MEIBO_ERR_DB)
#endif

/** @brief Current time (Unix seconds), honouring ctx->fixed_now. */
int64_t db_now(const meibo_ctx *ctx);

/** @brief Current time as "YYYY-MM-DD HH:MM:SS" local time into @p buf (>= 20 bytes). */
void db_now_text(const meibo_ctx *ctx, char *buf, size_t len);

/** @brief Today's date as "YYYY-MM-DD" local time into @p buf (>= 11 bytes). */
void db_today(const meibo_ctx *ctx, char *buf, size_t len);

/**
 * @brief Call @p fn every few thousand steps of a statement; when it returns non-zero the
 * statement stops and the call fails with MEIBO_ERR_INTERRUPTED. For reads that a person
 * is waiting on (a count while they type); NULL removes it. Never leave it set around writes.
 */
void db_set_progress(meibo_ctx *ctx, int (*fn)(void *), void *arg);

/** @brief Act as the system (init, migrations): role chief, login "system". */
void db_act_as_system(meibo_ctx *ctx);

/** @brief Text of a role ("chief", "manager", "clerk"); NULL for NONE. */
const char *meibo_role_name(meibo_role r);

/** @brief Parse a role name; MEIBO_ROLE_NONE when unknown. */
meibo_role meibo_role_parse(const char *s);

#endif

/**
 * @file audit.h
 * @brief The access log (取扱規程 第23条, 第35条): append-only, its chain keyed, its head
 * anchored outside the database.
 *
 * Each row: time, staff login, Unix user, the SSH client address the session claims
 * (SSH_CONNECTION is set by the user: a claim, not a fact), action, member number and a detail
 * text. hash = HMAC-SHA-256, with the key in the key file beside the database (KEY: the
 * database's path without ".db", then ".key"; 64 hex digits, mode 0640, made by the first
 * row, i.e. at init), over the row's fields and prev_hash (the previous row's hash, 64 zeros
 * for the first row). Rows written before the key (an older database) keep their plain
 * SHA-256; the audit_key table names the first keyed row and the key's fingerprint. Triggers
 * refuse UPDATE and DELETE (a purge past the log's retention period excepted).
 *
 * Anchors: lines "A1 KIND ROW HASH TIME MAC" appended to ANCHORS (beside the database,
 * ".anchors", mode 0660) and sent to syslog (LOG_AUTHPRIV), each MACed with the key:
 * head (on every close of a session that wrote rows: logout, exit), backup (at every backup,
 * and carried inside the backup itself), verified (after a verify), checkpoint (the keyed head
 * at a purge's cut), reset (a new key, or a restore: the anchors before it are of a log that
 * is no more). audit_verify() compares the chain with them: a cut tail, an emptied log and a
 * row rewritten with the chain after it recomputed are all named by their first row.
 */
#ifndef MEIBO_AUDIT_H
#define MEIBO_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meibo/db.h"

/**
 * @brief Append one row as ctx's user. Inside a transaction (ctx->tx_depth > 0) the row
 * commits or rolls back with the change it records; outside one it commits on its own.
 * @param member_no the member concerned, or NULL / "" for none
 * @param detail free text (field names changed, a query, counts — never a password)
 */
meibo_status audit_append(meibo_ctx *ctx, const char *action, const char *member_no,
                          const char *detail, meibo_err *err);

/**
 * @brief Append the row of a list view (search, a page of the member list): @p detail with
 * " members=" and the @p n member numbers it showed as ranges (20000001-20000050,20000071),
 * indexed so that audit_query() with a member finds the list (取扱規程 第35条).
 */
meibo_status audit_append_list(meibo_ctx *ctx, const char *action, const char *detail,
                               const int64_t *nos, int n, meibo_err *err);

/**
 * @brief Appending many rows in one transaction (bulk loads): the rows are exactly those
 * audit_append() would write, one per call, but the end of the chain is read once per batch
 * of rows and the rows are written by one multi-row INSERT. Owned by the caller.
 */
typedef struct audit_batch audit_batch;

/** @brief A new, empty batch for @p ctx's user; free it with audit_batch_free(). */
meibo_status audit_batch_begin(meibo_ctx *ctx, audit_batch **out, meibo_err *err);

/**
 * @brief Queue one row (as audit_append() with the same arguments); writes the queued rows
 * when the batch is full. Inside the caller's transaction only, and nothing else may append
 * to the log in that transaction until audit_batch_flush() has run.
 */
meibo_status audit_batch_append(audit_batch *b, const char *action, const char *member_no,
                                const char *detail, meibo_err *err);

/**
 * @brief Write the queued rows. Call it before the transaction commits and before anything
 * else appends to the log; on failure the caller rolls the transaction back.
 */
meibo_status audit_batch_flush(audit_batch *b, meibo_err *err);

/** @brief Free a batch; rows still queued are dropped (the caller rolls back). */
void audit_batch_free(audit_batch *b);

/** @brief One row as read back. Strings point into storage valid during the callback only. */
typedef struct audit_row {
    int64_t id;
    const char *at, *user_login, *unix_user, *ssh_client, *action, *member_no, *detail;
    const char *prev_hash, *hash;
} audit_row;

/**
 * @brief audit_verify_run() from the newest verified anchor. MEIBO_OK when every row
 * verifies; MEIBO_ERR_INTEGRITY with *bad_id set to the first row missing or wrong.
 * @param checked receives the number of rows checked (may be NULL)
 */
meibo_status audit_verify(meibo_ctx *ctx, int64_t *bad_id, int64_t *checked, meibo_err *err);

/**
 * @brief After a restore (restore.h): carry the rows @p src wrote after the end of @p dst's log
 * over to @p dst verbatim, when @p src continues @p dst's chain (its row at dst's last id has
 * the same hash); then the whole chain still verifies and no access is lost from the log
 * (取扱規程 第35条). Otherwise nothing is copied and @p note (may be NULL) says why. Inside a
 * transaction of its own on @p dst.
 */
meibo_status audit_copy_tail(meibo_ctx *dst, meibo_ctx *src, int64_t *copied, char *note,
                             size_t notelen, meibo_err *err);

/** @brief The plain SHA-256 of a row (rows from before the key; what an attacker without
 * the key can recompute). Hex, 65 bytes with NUL. Exposed for tests. */
void audit_row_hash(const audit_row *row, char out[65]);

/** @brief The keyed hash of a row with @p ctx's key (x's when there is no key). */
void audit_row_mac(meibo_ctx *ctx, const audit_row *row, char out[65]);

/** @brief The key file and the anchor file of @p ctx's database ("" for an in-memory one). */
void audit_key_path(const meibo_ctx *ctx, char *buf, size_t len);
/**
 * @brief Read the key of @p ctx's database (through boundary_open_beside_db()). With
 * @p create, a database without one gets one (the key file made 0640, O_EXCL; the
 * fingerprint recorded; a reset anchor at the head). MEIBO_ERR_INTEGRITY when the database
 * has a key and the file is missing or another key. Without @p create and without a key
 * anywhere, MEIBO_OK with no key (the log is verified as plain SHA-256).
 */
meibo_status audit_key_ready(meibo_ctx *ctx, bool create, meibo_err *err);

/** @brief Use @p key for @p ctx (a restore's copy): no key file, no anchor file of its own;
 * refused when the copy's fingerprint names another key. */
meibo_status audit_key_use(meibo_ctx *ctx, const unsigned char key[32], meibo_err *err);

/** @brief Read / write a key file (64 hex digits). Write: O_EXCL, or @p replace by rename. */
meibo_status audit_key_read(const char *path, unsigned char key[32], meibo_err *err);
meibo_status audit_key_write(const char *path, const unsigned char key[32], bool replace,
                             meibo_err *err);

/** @brief The fingerprint (as in audit_key) of @p key. */
bool audit_key_fingerprint_of(const unsigned char key[32], char out[65]);

/** @brief One anchor as parsed. */
typedef struct audit_anchor {
    char kind[16];
    int64_t id;
    char hash[65];
    char at[24];
} audit_anchor;

/** @brief Anchor the head of the log now (file and syslog); its row and hash (may be NULL). */
meibo_status audit_anchor_head(meibo_ctx *ctx, const char *kind, int64_t *id, char hash[65],
                               meibo_err *err);

/** @brief No anchors from @p ctx from now on (a connection whose file is being replaced). */
void audit_anchor_off(meibo_ctx *ctx);

/**
 * @brief At a backup: the anchor of the copy's own head written into the copy (its
 * audit_anchors table) and the live anchor file, and the key copied to @p key_copy (the
 * backup folder's audit-ID.key; NULL: not) when it is not there yet.
 */
meibo_status audit_backup_anchor(meibo_ctx *ctx, sqlite3 *copy, const char *key_copy,
                                 meibo_err *err);

/**
 * @brief At a restore: the anchor the copy carries verifies with @p copy's key and names the
 * end of its log (else MEIBO_ERR_INTEGRITY: a planted backup, or one cut after it was made).
 * With @p keyed a backup without an anchor is refused too.
 */
meibo_status audit_restore_check(meibo_ctx *copy, bool keyed, meibo_err *err);

/** @brief The newest anchor's row in the anchor file of @p base (with @p ctx's key), -1 none. */
int64_t audit_anchor_newest(meibo_ctx *ctx, const char *base, char at[24]);

/** @brief The head of the log: its last row and hash (0 and zeros when empty). */
meibo_status audit_anchor_head_of(meibo_ctx *ctx, int64_t *id, char hash[65], meibo_err *err);

/** @brief Append an anchor of @p kind for row @p id / @p hash to @p ctx's anchor file. */
meibo_status audit_anchor_add(meibo_ctx *ctx, const char *kind, int64_t id, const char *hash,
                              meibo_err *err);

/**
 * @brief Remove the rows past the log's retention period (their day <= @p cutoff; only a
 * prefix of the log: the first row not past ends it) inside the caller's transaction, after
 * verifying the log (refused when it does not verify): a checkpoint anchor (the keyed head at
 * the cut) is written first, from which verification starts afterwards. With @p dry_run only
 * counted. @p pruned rows, the last one @p cut_id.
 */
meibo_status audit_prune(meibo_ctx *ctx, const char *cutoff, bool dry_run, int64_t *pruned,
                         int64_t *cut_id, meibo_err *err);

/** @brief At a restore: the checkpoints @p copy carries written to @p placed's anchor file. */
meibo_status audit_carried_checkpoint(meibo_ctx *copy, meibo_ctx *placed, meibo_err *err);

typedef struct audit_verify_result {
    int64_t bad_id;    /**< the first row missing or wrong, 0 when none */
    int64_t checked;   /**< rows walked */
    int64_t start_id;  /**< the anchor the walk began after (0: the start of the log) */
    int64_t last_id;   /**< the last row verified */
    int64_t anchor_id; /**< the newest anchor's row */
} audit_verify_result;

/**
 * @brief Verify the chain against the anchors: from the newest verified anchor (a verified,
 * checkpoint or reset one whose row is checked again), or with @p full from the start of the
 * log (row 1, or the checkpoint at a purge's cut). Checks every row's keyed hash, the links,
 * every anchor passed and that the newest anchor's row is still there. MEIBO_ERR_INTEGRITY
 * naming the first row missing or wrong (r->bad_id). On success a verified anchor is added.
 */
meibo_status audit_verify_run(meibo_ctx *ctx, bool full, audit_verify_result *r,
                              meibo_err *err);

#endif

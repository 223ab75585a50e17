/**
 * @file audit.h
 * @brief The access log (取扱規程 第23条, 第35条): append-only, hash-chained.
 *
 * Each row: time, staff login, Unix user, SSH client address, action, member number and a
 * detail text. hash = SHA-256 over the row's fields and prev_hash (the previous row's hash,
 * 64 zeros for the first row), so editing or deleting a row breaks the chain; triggers in
 * the schema refuse UPDATE and DELETE.
 */
#ifndef MEIBO_AUDIT_H
#define MEIBO_AUDIT_H

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

typedef struct audit_filter {
    const char *user_login; /**< NULL = everyone */
    const char *member_no;  /**< NULL = any */
    const char *since;      /**< "YYYY-MM-DD" inclusive, NULL = from the start */
    const char *until;      /**< "YYYY-MM-DD" inclusive, NULL = to the end */
    int64_t after_id;       /**< keyset paging: rows with id > after_id (0 = from the start) */
    int limit;              /**< 0 = no limit */
} audit_filter;

typedef int (*audit_row_fn)(const audit_row *row, void *arg); /* return non-zero to stop */

/**
 * @brief Rows matching @p f in id order. A manager or the chief may read everyone's rows;
 * a clerk only their own (anything else is MEIBO_ERR_DENIED). The read itself is logged.
 */
meibo_status audit_query(meibo_ctx *ctx, const audit_filter *f, audit_row_fn fn, void *arg,
                         meibo_err *err);

/**
 * @brief The changes made to one member (created, updated with the fields named, withdrawn,
 * an opt-out of 第20条第5項 recorded or withdrawn),
 * newest first, at most @p limit (0 = all). Part of the member's record, so any clerk may
 * read it, unlike the whole log.
 */
meibo_status audit_member_history(meibo_ctx *ctx, const char *member_no, int limit,
                                  audit_row_fn fn, void *arg, meibo_err *err);

/**
 * @brief Recompute the chain. MEIBO_OK when every row verifies; MEIBO_ERR_INTEGRITY with
 * *bad_id set to the first row whose hash or prev_hash does not match.
 * @param checked receives the number of rows checked (may be NULL)
 */
meibo_status audit_verify(meibo_ctx *ctx, int64_t *bad_id, int64_t *checked, meibo_err *err);

/**
 * @brief After a restore (backup.h): carry the rows @p src wrote after the end of @p dst's log
 * over to @p dst verbatim, when @p src continues @p dst's chain (its row at dst's last id has
 * the same hash); then the whole chain still verifies and no access is lost from the log
 * (取扱規程 第35条). Otherwise nothing is copied and @p note (may be NULL) says why. Inside a
 * transaction of its own on @p dst.
 */
meibo_status audit_copy_tail(meibo_ctx *dst, meibo_ctx *src, int64_t *copied, char *note,
                             size_t notelen, meibo_err *err);

/** @brief The hash of a row from its fields (hex, 65 bytes with NUL). Exposed for tests. */
void audit_row_hash(const audit_row *row, char out[65]);

#endif

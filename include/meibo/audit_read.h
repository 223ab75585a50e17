/* audit_read.h: the access log read back (取扱規程 第23条, 第35条), by those whose role may
 * (auth_require()); the rows themselves are audit.h's audit_row. */
#ifndef MEIBO_AUDIT_READ_H
#define MEIBO_AUDIT_READ_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/audit.h"
#include "meibo/db.h"

typedef struct audit_filter {
    const char *user_login; /**< NULL = everyone */
    const char *member_no;  /**< NULL = any */
    const char *since;      /**< "YYYY-MM-DD" inclusive, NULL = from the start */
    const char *until;      /**< "YYYY-MM-DD" inclusive, NULL = to the end */
    int64_t after_id;       /**< keyset paging: rows with id > after_id (0 = from the start) */
    int limit;              /**< 0 = no limit */
    bool newest_first;      /**< rows in descending id order, paged by before_id */
    int64_t before_id;      /**< newest first: rows with id < before_id (0 = from the newest) */
} audit_filter;

typedef int (*audit_row_fn)(const audit_row *row, void *arg); /* return non-zero to stop */

/**
 * @brief Rows matching @p f in id order (descending with newest_first). A manager or the chief may read everyone's rows;
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

#endif

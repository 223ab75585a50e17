/**
 * @file denylist.h
 * @brief The chief officer's deny-list of requesters (第20条第4項(d): その他個人情報総責任者が
 * 不可と認める者), with reason and date.
 *
 * An entry names a requester (a person), an organization, or both. It matches a request when
 * each name it gives equals the request's, compared as search keys (text_search_key():
 * width, case, kana and variant kanji folded, spaces removed). Entries are never deleted:
 * removing one stamps it with who, when and why.
 */
#ifndef MEIBO_DENYLIST_H
#define MEIBO_DENYLIST_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/db.h"

/**
 * @brief Add an entry (chief officer only; audited). At least one of @p requester and
 * @p organization; @p reason required; @p date "" or NULL for today (西暦 or 和暦 accepted).
 */
meibo_status denylist_add(meibo_ctx *ctx, const char *requester, const char *organization,
                          const char *reason, const char *date, int64_t *id, meibo_err *err);

/** @brief Take entry @p id off the list (chief officer only; audited; reason required). */
meibo_status denylist_remove(meibo_ctx *ctx, int64_t id, const char *reason, meibo_err *err);

/** @brief An entry as read back; strings valid during the callback only. */
typedef struct denylist_entry {
    int64_t id;
    const char *requester, *organization, *reason, *listed_on, *listed_by;
    const char *removed_on, *removed_by, *remove_reason; /**< NULL while listed */
} denylist_entry;

typedef int (*denylist_fn)(const denylist_entry *e, void *arg); /* non-zero stops */

/** @brief The entries in force (or every entry with @p all), by id. Clerk or above. */
meibo_status denylist_list(meibo_ctx *ctx, bool all, denylist_fn fn, void *arg, meibo_err *err);

/**
 * @brief Is a request from @p requester of @p organization (either may be NULL) deny-listed?
 * *id receives the matching entry (0 when none). No role check: part of a decision.
 */
meibo_status denylist_match(meibo_ctx *ctx, const char *requester, const char *organization,
                            int64_t *id, meibo_err *err);

/**
 * @brief A page of denylist_list() (clerk or above), by number: up to @p limit entries (<= 0:
 * all) after entry @p after_id (0: from the first), or, when @p backward, before it (0: from
 * the last), nearest first. Keyset paging for a list that holds a page.
 */
meibo_status denylist_page(meibo_ctx *ctx, bool all, int64_t after_id, bool backward, int limit,
                           denylist_fn fn, void *arg, meibo_err *err);

#endif

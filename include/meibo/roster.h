/* roster.h: the members in the database (名簿): adding, loading, changing (one audited path),
 * withdrawing, counting, the change history. The record itself and its validation: member.h. */
#ifndef MEIBO_ROSTER_H
#define MEIBO_ROSTER_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/audit.h"
#include "meibo/db.h"
#include "meibo/member.h"

/**
 * @brief Insert a new member (clerk or above). Sets m->id and m->version. Audited.
 * optout_on is derived from the opt-out records (optout.h, 第20条第5項): a member added with
 * one is refused (MEIBO_REASON_OPTOUT_RECORDS), as is member_update() changing it.
 */
meibo_status member_create(meibo_ctx *ctx, meibo_member *m, meibo_err *err);

/**
 * @brief member_create() for a member read from a data file (an import, demo data): its
 * optout_on, if any, is recorded as an opt-out record whose source is @p source (第20条第5項).
 */
meibo_status member_create_from(meibo_ctx *ctx, meibo_member *m, const char *source,
                                meibo_err *err);

/**
 * @brief A new member validated and with its search keys and index documents computed: the
 * pure half of member_create(), which bulk loads run on a second thread. Owns everything.
 */
typedef struct member_prepared {
    meibo_member m;
    char *key, *reading_key, *name_key; /**< search_member_keys() */
    char *grams, *trigrams;             /**< search_grams() */
    /** where an import read the member ("FILE:LINE", borrowed): its optout_on is recorded as
     *  an opt-out record with that source (第20条第5項); NULL: an optout_on is refused */
    const char *optout_source;
    char today[11]; /**< the day the dates' limits count from (member_validate_at) */
} member_prepared;

/**
 * @brief Validate @p p->m (normalizing it) and compute its keys and index documents.
 * Touches no database and no shared state, so it may run on any thread.
 */
meibo_status member_prepare(member_prepared *p, meibo_err *err);

/** @brief Free what a member_prepared owns and reset it to empty. */
void member_prepared_clear(member_prepared *p);

/**
 * @brief The database half of member_create() for a member_prepare()d member, for bulk loads:
 * inside the caller's transaction and without a savepoint of its own (a savepoint per row
 * makes SQLite flush the search index's pending terms every row). Audited: the member.create
 * row goes to @p audit (flushed by the caller before it commits), or straight to the log when
 * @p audit is NULL. After a failure other than a refusal (MEIBO_ERR_EXISTS) the caller must
 * roll its transaction back whole.
 */
meibo_status member_store_prepared(meibo_ctx *ctx, member_prepared *p, audit_batch *audit,
                                   meibo_err *err);

enum { MEMBER_READ_AUDIT = 1 << 0 };

/**
 * @brief Load a member by member number into @p m (cleared first). With MEMBER_READ_AUDIT
 * the read of personal data is written to the audit log (a clerk looking at a member).
 */
meibo_status member_load(meibo_ctx *ctx, const char *member_no, int flags, meibo_member *m,
                         meibo_err *err);

/**
 * @brief Save @p m over the stored member with the same member number, if the stored version
 * still equals m->version; otherwise MEIBO_ERR_CONFLICT naming who changed it and when,
 * and nothing is written. On success m->version is the new version. Audited with the names
 * (not the values) of the fields that changed.
 */
meibo_status member_update(meibo_ctx *ctx, meibo_member *m, meibo_err *err);

/**
 * @brief Withdraw (退会) a member on @p date with @p reason, if still at @p version.
 */
meibo_status member_withdraw(meibo_ctx *ctx, const char *member_no, const char *date,
                             const char *reason, int64_t version, meibo_err *err);

/**
 * @brief Record that the logged-in clerk revealed @p member_no's masked fields (birth date,
 * postal code, home address, email): the one audit row every face writes before showing them.
 */
meibo_status member_reveal(meibo_ctx *ctx, const char *member_no, meibo_err *err);

typedef int (*member_branch_fn)(const char *branch, int64_t members, void *arg); /* non-zero stops */

/** @brief Every branch (支部) in use, in order, with its number of members. */
meibo_status member_branches(meibo_ctx *ctx, member_branch_fn fn, void *arg, meibo_err *err);

/**
 * @brief For a bulk load inside one write transaction: remember each facility looked up or
 * made (bounded: a fixed number of entries, so memory does not grow with the rows), instead of
 * a query per member. member_facility_cache_end() before the transaction ends.
 */
meibo_status member_facility_cache_begin(meibo_ctx *ctx, meibo_err *err);
void member_facility_cache_end(meibo_ctx *ctx);

/** @brief Number of members. */
meibo_status member_count(meibo_ctx *ctx, int64_t *n, meibo_err *err);

/** @brief One field a change changed (schema/026). Strings valid during the callback. */
typedef struct member_change {
    member_field field;
    const char *old_value, *new_value; /**< "" when masked */
    bool masked;                       /**< a masked field (MF_SENSITIVE): no value is kept */
} member_change;

typedef int (*member_change_fn)(const member_change *c, void *arg); /* non-zero stops */

/**
 * @brief The fields the change logged as access-log row @p audit_id (a "member.update" or
 * "member.withdraw" of audit_member_history()) changed, old and new, in field order; a masked
 * field with no values. Part of the member's record: clerk or above; not itself logged (the
 * member's screen that shows it is).
 */
meibo_status member_field_changes(meibo_ctx *ctx, int64_t audit_id, member_change_fn fn, void *arg,
                            meibo_err *err);

#endif

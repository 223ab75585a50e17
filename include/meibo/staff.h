/**
 * @file staff.h
 * @brief The staff register (取扱規程 第27条, 第28条, 第33条, 第34条): each account's
 * confidentiality pledge (秘密保持に関する誓約書: its date and document), the training each
 * staff member received (教育・訓練: dates and topics), the term end and the chief officer's
 * approval of a fixed-term ID. Whether an account without a pledge may log in is one pure
 * rule (auth_pledge_allows_login(), auth.h) that auth.c asks at every login and action.
 */
#ifndef MEIBO_STAFF_H
#define MEIBO_STAFF_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/db.h"

#define STAFF_TRAINING_MONTHS 12 /**< training due once in this many months (第28条: 定期的に) */
#define STAFF_MAX_TOPIC 200      /**< characters of a training topic or a pledge document */

/** @brief A pledge's date (a real date, not after today) and document (no control characters,
 * at most STAFF_MAX_TOPIC characters; may be NULL or ""). */
meibo_status staff_pledge_check(const meibo_ctx *ctx, const char *on, const char *document,
                                meibo_err *err);

/** @brief Record (or replace) the pledge of @p login. Manager or chief. Audited "user.pledge". */
meibo_status staff_pledge_record(meibo_ctx *ctx, const char *login, const char *on,
                                 const char *document, meibo_err *err);

/** @brief Record a training session @p login attended on @p held_on (not after today) about
 * @p topic (required). Manager or chief. Audited "user.training". */
meibo_status staff_training_add(meibo_ctx *ctx, const char *login, const char *held_on,
                                const char *topic, meibo_err *err);

/** @brief One staff member as the register shows it. Strings valid during the callback. */
typedef struct staff_info {
    const char *login, *display_name, *role;
    const char *state;         /**< as user_list(): "active", "disabled", "expired", ... */
    const char *term_end;      /**< NULL: none (第34条) */
    bool fixed_term;           /**< 雇用期間の定めのある従事者 (第33条 但し書) */
    const char *approved_by;   /**< the chief officer who approved it, NULL: not yet */
    const char *approved_on;   /**< YYYY-MM-DD, NULL: not yet */
    bool disabled;
    const char *pledge_on;     /**< NULL: no pledge on file (第27条) */
    const char *pledge_document;
    const char *last_training_on; /**< NULL: never (第28条) */
    const char *last_training_topic;
    int trainings;             /**< sessions on record */
    bool training_due;         /**< none in the last STAFF_TRAINING_MONTHS months */
    bool past_term_enabled;    /**< past its term end and not disabled (第34条) */
    int failures;              /**< recent failed logins of its ID: from AUTH_DELAY_FREE on,
                                    each login waits (state "locked"; user_unlock clears it) */
} staff_info;

typedef int (*staff_fn)(const staff_info *s, void *arg); /* non-zero stops */

/** @brief Every account, by login. Manager or chief. Reads no member data; not audited. */
meibo_status staff_list(meibo_ctx *ctx, staff_fn fn, void *arg, meibo_err *err);

/** @brief One training session on record. */
typedef struct staff_training {
    int64_t id;
    const char *login, *held_on, *topic, *recorded_by;
} staff_training;

typedef int (*staff_training_fn)(const staff_training *t, void *arg);

/** @brief The sessions of @p login (NULL: everyone), newest first. Manager or chief. */
meibo_status staff_training_list(meibo_ctx *ctx, const char *login, staff_training_fn fn,
                                 void *arg, meibo_err *err);

/** @brief How many enabled accounts have no pledge, and how many no training in the last
 * STAFF_TRAINING_MONTHS months (for meibo doctor). Clerk or above, or the system. */
meibo_status staff_due_counts(meibo_ctx *ctx, int *no_pledge, int *no_training,
                              meibo_err *err);

#endif

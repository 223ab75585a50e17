/**
 * @file retention.h
 * @brief Retention periods as data (schema/005-retention.sql): how long each kind of record
 * is kept (規程 第17条, 取扱規程 第9条, 第20–22条), and the date arithmetic that says when a
 * record is past its period.
 *
 * A record with anchor day A (its 起算日: the provision date, the withdrawal, the inquiry's
 * last decision, the completion of a request) and a period of Y years and M months is kept
 * through A + Y years + M months (the "last day", a day of a shorter month clamped to its
 * end: 2024-02-29 + 1 year is 2025-02-28) and is past retention from the next day.
 */
#ifndef MEIBO_RETENTION_H
#define MEIBO_RETENTION_H

#include <stdbool.h>

#include "meibo/db.h"

/** @brief The codes of schema/005-retention.sql. */
#define RETENTION_PROVISION "provision"
#define RETENTION_REQUEST_PAPERS "request_papers"
#define RETENTION_WITHDRAWN_MEMBER "withdrawn_member"
#define RETENTION_INQUIRY_REQUESTER "inquiry_requester"
#define RETENTION_AUDIT_LOG "audit_log" /**< the access log's own period (schema 016) */
/** pledge signatories and recipients' contact persons, after the pledge ends (schema 024) */
#define RETENTION_PLEDGE_SIGNATORY "pledge_signatory"

/** @brief One retention period. Strings are copies (the struct owns them inline). */
typedef struct retention_period {
    char code[32];
    char name[200];
    char anchor[200];
    int years, months, min_years;
    char disposal[12];     /**< "delete" or "anonymize" */
    char article[200];
    char note[600];
    char updated_at[20], updated_by[64];
} retention_period;

/* ---- pure date arithmetic ---------------------------------------------------------------- */

/**
 * @brief The last day of retention: @p anchor ("YYYY-MM-DD", valid) plus @p years and
 * @p months, the day clamped to the end of a shorter month, into @p out (11 bytes).
 */
void retention_last_day(const char *anchor, int years, int months, char out[11]);

/** @brief Is a record anchored on @p anchor past a period of @p years / @p months on @p today? */
bool retention_expired(const char *anchor, int years, int months, const char *today);

/**
 * @brief The latest anchor day that is past the period on @p today, into @p out: a record is
 * past retention exactly when its anchor <= the cutoff (so a query can compare ISO dates).
 */
void retention_cutoff(const char *today, int years, int months, char out[11]);

/** @brief The period in words: "3年", "1年6か月", "6か月", "0年" into @p buf. */
const char *retention_words(int years, int months, char *buf, size_t len);

/* ---- the table ------------------------------------------------------------------------- */

typedef int (*retention_fn)(const retention_period *p, void *arg); /* non-zero stops */

/** @brief Every period in order (clerk or above: they hold no personal data). */
meibo_status retention_list(meibo_ctx *ctx, retention_fn fn, void *arg, meibo_err *err);

/** @brief The period @p code into @p out; MEIBO_ERR_NOT_FOUND naming it when there is none. */
meibo_status retention_get(meibo_ctx *ctx, const char *code, retention_period *out,
                           meibo_err *err);

/**
 * @brief Change period @p code to @p years / @p months (chief officer only). Refused below the
 * row's legal floor (min_years) and outside 0–100 years / 0–11 months. Audited
 * ("retention.set", with the old and new period).
 */
meibo_status retention_set(meibo_ctx *ctx, const char *code, int years, int months,
                           meibo_err *err);

#endif

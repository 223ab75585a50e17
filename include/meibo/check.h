/**
 * @file check.h
 * @brief Checks of free-text input shared by the inquiry, pledge, policy and deny-list
 * modules: refuse bad input whole with the field named.
 */
#ifndef MEIBO_CHECK_H
#define MEIBO_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "meibo/status.h"

/**
 * @brief A text field: valid UTF-8, no control characters (C0, DEL, C1), at most @p max
 * characters, and when @p required not empty or only spaces. NULL counts as empty.
 * Fails with MEIBO_ERR_INVALID and err->field = @p field.
 */
meibo_status check_text(const char *field, const char *v, size_t max, bool required,
                        meibo_err *err);

/** @brief Is @p v NULL, empty or only ASCII / ideographic spaces? */
bool check_blank(const char *v);

/**
 * @brief A date as clerks write it (date_parse(): 西暦 or 和暦) into "YYYY-MM-DD"; NULL or
 * empty gives @p fallback (which must be a YYYY-MM-DD date, or NULL to make it required).
 */
meibo_status check_date(const char *field, const char *v, const char *fallback, char iso[11],
                        meibo_err *err);

/**
 * The dates meibo takes (issue 12 §4; 規程 第12条: data accurate), the one place they are set:
 * no date before DATE_FIRST; a birth date not after today; an event (joining, withdrawal, an
 * opt-out, a request or pledge received, an incident) at most DATE_AHEAD_YEARS after today;
 * the end of a term (a pledge's validity, a request's due date) at most DATE_TERM_YEARS after.
 */
#define DATE_FIRST "1900-01-01"
#define DATE_AHEAD_YEARS 1
#define DATE_TERM_YEARS 10

typedef enum check_date_kind {
    CHECK_DATE_BIRTH, /**< DATE_FIRST .. today */
    CHECK_DATE_EVENT, /**< DATE_FIRST .. today + DATE_AHEAD_YEARS */
    CHECK_DATE_TERM,  /**< DATE_FIRST .. today + DATE_TERM_YEARS */
} check_date_kind;

/** @brief The first and last day a date of @p kind may be, given @p today (YYYY-MM-DD). */
void check_date_limits(check_date_kind kind, const char *today, char lo[11], char hi[11]);

/**
 * @brief Is the stored-form date @p iso within the limits of @p kind? Fails with
 * MEIBO_ERR_INVALID, reason MEIBO_REASON_DATE_RANGE, the limits in the message and err->arg.
 */
meibo_status check_date_range(const char *field, const char *iso, check_date_kind kind,
                              const char *today, meibo_err *err);

/** @brief check_date(), then check_date_range() (a fallback is taken as it is). */
meibo_status check_date_in(const char *field, const char *v, const char *fallback,
                           check_date_kind kind, const char *today, char iso[11],
                           meibo_err *err);

/**
 * @brief The same date @p years later (29 February becomes 28 February) into @p out.
 * @p iso must be a valid "YYYY-MM-DD".
 */
void check_date_add_years(const char *iso, int years, char out[11]);

/**
 * @brief A date @p days after (or before, negative) @p iso into @p out, by the calendar.
 */
void check_date_add_days(const char *iso, int days, char out[11]);

/**
 * @brief The index of @p code in a table of @p n rows of @p stride bytes whose first member is
 * the row's code (a const char *; a table of codes alone is such a table); -1 when it is not
 * there or @p code is NULL. The one lookup behind every code's *_parse().
 */
int check_code_index(const void *table, size_t n, size_t stride, const char *code);
#define CHECK_CODE_INDEX(table, n, code) check_code_index((table), (n), sizeof *(table), (code))

#endif

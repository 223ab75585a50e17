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
 * @brief The same date @p years later (29 February becomes 28 February) into @p out.
 * @p iso must be a valid "YYYY-MM-DD".
 */
void check_date_add_years(const char *iso, int years, char out[11]);

/**
 * @brief A date @p days after (or before, negative) @p iso into @p out, by the calendar.
 */
void check_date_add_days(const char *iso, int days, char out[11]);

#endif

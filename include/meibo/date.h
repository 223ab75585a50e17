/**
 * @file date.h
 * @brief Calendar dates as clerks write them: 西暦 and 和暦, checked to be real days.
 */
#ifndef MEIBO_DATE_H
#define MEIBO_DATE_H

#include <stdbool.h>

#include "meibo/status.h"

typedef struct meibo_date {
    int y, m, d;
} meibo_date;

/**
 * @brief Parse a date. Accepts YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYY年M月D日, 和暦 with the
 * era in kanji (明治 大正 昭和 平成 令和, 元年 for year 1: 昭和50年5月5日, 令和元年5月1日) or as a
 * letter (M T S H R, either case: S50.5.5, R5/4/1, H1-1-8), full-width digits included.
 * Refuses dates that do not exist (2023-02-29), months/days out of range and era years
 * outside their era (昭和64年1月8日, 平成31年5月1日).
 * @param field canonical field name for the message (may be NULL)
 */
meibo_status date_parse(const char *in, const char *field, meibo_date *out, meibo_err *err);

/** @brief Parse and write "YYYY-MM-DD" into @p iso (11 bytes). */
meibo_status date_normalize(const char *in, const char *field, char iso[11], meibo_err *err);

/** @brief Is y-m-d a real Gregorian day (year 1868..9999)? */
bool date_valid(int y, int m, int d);

/** @brief Is @p s exactly "YYYY-MM-DD" and a real day? (Stored dates, options.) */
bool date_iso_valid(const char *s);

/** @brief Format as "YYYY-MM-DD" into @p iso (11 bytes). */
void date_format(const meibo_date *d, char iso[11]);

/** @brief 和暦 text of a date, e.g. "令和5年4月1日" into @p buf; "" before 明治. */
void date_format_wareki(const meibo_date *d, char *buf, size_t len);

/** @brief Compare two dates: <0, 0, >0. */
int date_cmp(const meibo_date *a, const meibo_date *b);

#endif

/**
 * @file csv.h
 * @brief Reading CSV as Excel writes it: UTF-8 (with or without BOM) or CP932, RFC 4180
 * quoting with commas and line breaks inside quotes, CRLF or LF.
 */
#ifndef MEIBO_CSV_H
#define MEIBO_CSV_H

#include <stddef.h>

#include "meibo/status.h"

/** @brief The caps of a CSV file, in the file's bytes (issue 12 §4): a field, a record. */
#define CSV_MAX_FIELD (64 * 1024)
#define CSV_MAX_LINE (1024 * 1024)

typedef enum csv_encoding {
    CSV_ENC_AUTO = 0,
    CSV_ENC_UTF8,
    CSV_ENC_CP932
} csv_encoding;

/** @brief Parse "auto", "utf-8"/"utf8", "cp932"/"sjis"/"shift_jis"; -1 when unknown. */
int csv_encoding_parse(const char *s);

/** @brief Name of an encoding ("utf-8", "cp932"). */
const char *csv_encoding_name(csv_encoding e);

/**
 * @brief Read a whole file and return it as UTF-8 (BOM removed, NUL-terminated).
 * AUTO: a UTF-8 BOM or well-formed UTF-8 means UTF-8; otherwise the bytes are tried as
 * CP932. Text that is mostly UTF-8 with a few malformed sequences is reported as malformed
 * UTF-8, not decoded as CP932 mojibake. Any malformed byte fails with MEIBO_ERR_ENCODING,
 * err->line set to its 1-based line and the message naming the line and byte.
 * @param used receives the encoding actually used (may be NULL)
 * @param utf8 receives a malloc'd buffer the caller frees
 */
meibo_status csv_read_file(const char *path, csv_encoding enc, char **utf8, size_t *len,
                           csv_encoding *used, meibo_err *err);

/** @brief Same as csv_read_file() over bytes already in memory (@p name is used in messages). */
meibo_status csv_decode(const char *bytes, size_t n, const char *name, csv_encoding enc,
                        char **utf8, size_t *len, csv_encoding *used, meibo_err *err);

/** @brief One record. Fields point into storage owned by the reader, valid until the next call. */
typedef struct csv_record {
    char **fields;
    size_t nfields;
    long line;     /**< 1-based physical line where the record starts */
    long end_line; /**< 1-based physical line where it ends (quoted line breaks) */
} csv_record;

typedef struct csv_reader csv_reader;

/**
 * @brief A reader over a file, in memory that does not grow with the file: a first pass reads
 * it through once for csv_decode()'s verdict on the encoding (the same errors) and for the
 * caps (a field over CSV_MAX_FIELD or a record over CSV_MAX_LINE fails with
 * MEIBO_ERR_INVALID, reason MEIBO_REASON_CSV_FIELD_CAP or _CSV_LINE_CAP, err->line the
 * record's line, err->value its column, the message naming file, line and column); then
 * csv_next() decodes it window by window.
 * @param used receives the encoding used (may be NULL)
 */
meibo_status csv_reader_open(const char *path, csv_encoding enc, csv_reader **out,
                             csv_encoding *used, meibo_err *err);

/** @brief A reader over UTF-8 text; it does not copy @p text, which must outlive it. */
meibo_status csv_reader_new(const char *text, size_t len, csv_reader **out, meibo_err *err);

/**
 * @brief Next record. Returns MEIBO_OK with rec filled, or MEIBO_ERR_NOT_FOUND at the end,
 * or MEIBO_ERR_INVALID (err->line set) for an unterminated quote or a stray quote in an
 * unquoted field. A line with nothing on it is skipped. Fields are not trimmed.
 */
meibo_status csv_next(csv_reader *r, csv_record *rec, meibo_err *err);

/** @brief Free the reader. NULL is fine. */
void csv_reader_free(csv_reader *r);

/** @brief Write one field to @p out (a FILE*), quoted when needed (for CSV export). */
#include <stdio.h>
void csv_write_field(FILE *out, const char *s, int last);

#endif

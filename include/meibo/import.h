/**
 * @file import.h
 * @brief Member CSV import: all-or-nothing, every bad row reported with line and column.
 */
#ifndef MEIBO_IMPORT_H
#define MEIBO_IMPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/csv.h"
#include "meibo/db.h"

#define IMPORT_MAX_COLS 128

/** @brief How an import runs. */
typedef struct import_opts {
    bool dry_run;        /**< check everything, write nothing */
    bool ignore_unknown; /**< import the known columns and ignore the others (named in
                              import_stats.cols), instead of refusing the file */
    bool ja;             /**< the words of the file-level refusals (lost characters, lost
                              leading zeros, unknown columns) in Japanese */
} import_opts;

/** @brief One column of the header row and the member field it fills. */
typedef struct import_column {
    char header[64]; /**< the header's text (cut at a character) */
    int field;       /**< member_field, or -1 when ignored */
    bool empty;      /**< an empty header at the end of the row (ignored, as sheets write it) */
} import_column;

typedef struct import_stats {
    long rows;           /**< data rows read */
    long imported;       /**< rows written (0 on a dry run or when any row is bad) */
    long bad;            /**< rows refused */
    long optouts;        /**< opt-out records written from optout_on, each with this file and
                              its line as source (第20条第5項); on a dry run, those it
                              would write */
    csv_encoding encoding; /**< the encoding the file was read as */
    size_t ncols;          /**< columns of the header row (0 when it was not read) */
    import_column cols[IMPORT_MAX_COLS]; /**< the column mapping (a preview shows it) */
    long ignored;          /**< non-empty columns ignored under ignore_unknown */
} import_stats;

/** @brief Called once per problem found (a bad row, a bad header). @p e->line is set. */
typedef void (*import_report_fn)(const meibo_err *e, void *arg);

/**
 * @brief Import members from a CSV file (docs/ARCHITECTURE.md "Member CSV"). Every row is checked;
 * if any row is bad, every problem is reported through @p report and nothing is written
 * (MEIBO_ERR_INVALID). With opts->dry_run nothing is written either way. Clerk or above.
 * Beyond each field's own rules, what a spreadsheet loses is refused (規程 第12条第2項: data
 * kept accurate): a '?' in a name, reading or address of a CP932 file (a character CP932
 * cannot hold), a 6-digit postal code, member numbers shorter than the file's longest (a
 * column formatted as numbers drops leading zeros). Empty headers at the end of the row are
 * ignored; an unknown column refuses the file unless opts->ignore_unknown.
 * Each member is created through member_create() (so audited); one "import" row records
 * the file, its encoding and the count. A row's optout_on (第三者提供停止申出日) is not set as a
 * field: it becomes an opt-out record whose source is "FILE:LINE" (第20条第5項, optout.h).
 */
meibo_status import_members(meibo_ctx *ctx, const char *path, csv_encoding enc,
                            const import_opts *opts, import_report_fn report, void *arg,
                            import_stats *stats, meibo_err *err);

#endif

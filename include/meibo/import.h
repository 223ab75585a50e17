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

typedef struct import_stats {
    long rows;           /**< data rows read */
    long imported;       /**< rows written (0 on a dry run or when any row is bad) */
    long bad;            /**< rows refused */
    long optouts;        /**< opt-out records written from optout_on, each with this file and
                              its line as source (第20条第5項); on a dry run, those it
                              would write */
    csv_encoding encoding; /**< the encoding the file was read as */
} import_stats;

/** @brief Called once per problem found (a bad row, a bad header). @p e->line is set. */
typedef void (*import_report_fn)(const meibo_err *e, void *arg);

/**
 * @brief Import members from a CSV file (docs/ARCHITECTURE.md "Member CSV"). Every row is checked;
 * if any row is bad, every problem is reported through @p report and nothing is written
 * (MEIBO_ERR_INVALID). With @p dry_run nothing is written either way. Clerk or above.
 * Each member is created through member_create() (so audited); one "import" row records
 * the file, its encoding and the count. A row's optout_on (第三者提供停止申出日) is not set as a
 * field: it becomes an opt-out record whose source is "FILE:LINE" (第20条第5項, optout.h).
 */
meibo_status import_members(meibo_ctx *ctx, const char *path, csv_encoding enc, bool dry_run,
                            import_report_fn report, void *arg, import_stats *stats,
                            meibo_err *err);

#endif

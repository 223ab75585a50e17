/**
 * @file deletion.h
 * @brief The deletion ledger (取扱規程 第19条): one row for every member erased (purge.h:
 * past retention, or on a deletion request), with no personal data, only what re-applying it
 * needs: the member's id and number, when, and why. The database keeps it (table
 * deletion_ledger, without end); its copy outside the database (deletion-ledger.tsv in the
 * backup folder, archive.h) is brought up to date by every backup and purge, so that a restore
 * from an older backup, even over a lost database, erases every one of them again
 * (restore.h, deletion_ledger_apply() in purge.h).
 */
#ifndef MEIBO_DELETION_H
#define MEIBO_DELETION_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/db.h"

/** @brief One erasure: no personal data, only what re-applying it needs. */
typedef struct deletion_entry {
    int64_t member_id;
    char member_no[16];
    char deleted_at[20];      /**< "YYYY-MM-DD HH:MM:SS" */
    char reason[32];
} deletion_entry;

typedef int (*deletion_fn)(const deletion_entry *e, void *arg); /* non-zero stops */

/** @brief The ledger rows of the database, oldest first (no role check: no personal data). */
meibo_status deletion_ledger_list(meibo_ctx *ctx, deletion_fn fn, void *arg, meibo_err *err);

/** @brief Entries collected from several sources (deletion_set_add()); deletion_unique() makes
 * them a set. Zero it to begin; the caller frees e. */
typedef struct deletion_set {
    deletion_entry *e;
    int64_t n, cap;
    bool oom;                 /**< an entry could not be added (out of memory) */
} deletion_set;

/** @brief A deletion_fn that adds @p e to the deletion_set @p set (1, stopping, when out of
 * memory: set->oom). */
int deletion_set_add(const deletion_entry *e, void *set);

/**
 * @brief Make @p e[0..n) a set: one entry per member (id and number; the earliest erasure),
 * in the order of the erasures. Returns the new count. Pure.
 */
int64_t deletion_unique(deletion_entry *e, int64_t n);

/**
 * @brief The ledger's copy outside the database (deletion-ledger.tsv in the backup folder):
 * read every entry of @p path (a missing file has none). A malformed line fails naming the
 * file and line.
 */
meibo_status deletion_file_read(const char *path, deletion_fn fn, void *arg, meibo_err *err);

/**
 * @brief Bring the file @p path up to date with the database's ledger: the union of both,
 * written to a new file renamed over the old one (mode 0640).
 * @param added receives how many rows the file did not have (may be NULL)
 */
meibo_status deletion_file_sync(meibo_ctx *ctx, const char *path, int64_t *added,
                                meibo_err *err);

#endif

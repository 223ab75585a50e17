/**
 * @file backup.h
 * @brief The daily backup (取扱規程 第19条).
 *
 * A backup is a copy taken with SQLite's online backup API in small steps inside one read
 * transaction: in WAL mode clerks go on writing meanwhile, the copy is the database as it was
 * when the backup began, and no step waits on them. The copy is checked (PRAGMA
 * integrity_check), written as meibo-YYYYMMDD-HHMMSS.db (mode 0640), or, with a key,
 * encrypted with AES-256-GCM as meibo-YYYYMMDD-HHMMSS.db.enc (the plain copy then lives only
 * beside the database, in its own protected folder, and is overwritten before it is
 * removed). Old backups are rotated: the newest of each of the last keep_daily days and of
 * each of the last keep_monthly months stay. The deletion ledger's copy in the backup folder
 * (deletion-ledger.tsv, deletion.h) is brought up to date by every backup.
 *
 * The backup file itself (its name, the encryption, the identity it carries, the plain copies
 * in progress) is the archive's: archive.h; the restore is restore.h's. Rotation removes only
 * backups of the database being backed up (another database's backups in the same folder, and
 * backups without an identity, are left alone).
 */
#ifndef MEIBO_BACKUP_H
#define MEIBO_BACKUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meibo/db.h"

typedef struct backup_options {
    const char *dir;       /**< where; NULL or "": backup_dir() */
    bool elsewhere;        /**< @p dir is not the configured backup folder: a copy taken out,
                                refused without the chief officer's permission for that folder
                                (規程 第16条); else the daily backup's standing permission */
    const char *key_file;  /**< encrypt with this key; NULL or "": a plain copy */
    int keep_daily;        /**< rotation (see above); both 0: keep everything */
    int keep_monthly;
    int step_pages;        /**< pages per backup step; 0: 256 */
    int step_sleep_ms;     /**< pause between steps, for the clerks' I/O; <0: none, 0: 2 ms */
} backup_options;

typedef struct backup_result {
    char path[MEIBO_FILE_PATH_MAX];       /**< the backup written */
    int64_t bytes;         /**< its size */
    int64_t pages;         /**< database pages copied */
    int steps;             /**< backup steps taken */
    bool encrypted;
    double seconds;
    int removed;           /**< old backups rotated out */
    int kept;              /**< backups in the folder after rotation */
    int64_t ledger_added;  /**< rows the ledger's copy in the folder did not have */
} backup_result;

/**
 * @brief Back up the database of @p ctx (a manager or the chief officer, or the system when
 * the real user may read the database file itself: cron). The folder is created (2770) when
 * missing. Audited ("backup", with the file name and counts).
 */
meibo_status backup_run(meibo_ctx *ctx, const backup_options *opt, backup_result *out,
                        meibo_err *err);

/**
 * @brief Which backups rotation keeps: @p stamps are their times as YYYYMMDDhhmmssNN numbers
 * (backup_name_stamp(), any order); keep[i] is set for the newest of each of the @p keep_daily latest days that
 * have a backup and of each of the @p keep_monthly latest months. Both 0 keep all. Pure.
 */
void backup_rotate_keep(const int64_t *stamps, int n, int keep_daily, int keep_monthly,
                        bool *keep);

#endif

/**
 * @file backup.h
 * @brief The daily backup (取扱規程 第19条) and the restore.
 *
 * A backup is a copy taken with SQLite's online backup API in small steps inside one read
 * transaction: in WAL mode clerks go on writing meanwhile, the copy is the database as it was
 * when the backup began, and no step waits on them. The copy is checked (PRAGMA
 * integrity_check), written as meibo-YYYYMMDD-HHMMSS.db (mode 0640), or, with a key,
 * encrypted with AES-256-GCM as meibo-YYYYMMDD-HHMMSS.db.enc (the plain copy then lives only
 * beside the database, in its own protected folder, and is overwritten before it is
 * removed). Old backups are rotated: the newest of each of the last keep_daily days and of
 * each of the last keep_monthly months stay. The deletion ledger's copy in the backup folder
 * (deletion-ledger.tsv, purge.h) is brought up to date by every backup.
 *
 * A restore checks the backup (the GCM tag, integrity_check), merges the deletion ledger from
 * every source (the backup's own rows, the database being replaced when it can still be read,
 * the deletion-ledger.tsv beside the backup and in the backup folder) and erases again every
 * member it names, carries over the access-log rows written since the backup when the
 * database being replaced continues the backup's chain, checks the chain, and only then puts
 * the copy in place: through the backup API into the database when one is there (other
 * connections see the change as one transaction), else as a new file.
 *
 * The backup file itself (its name, the encryption, the identity it carries, the plain copies
 * in progress) is the archive's: archive.h. Rotation removes only backups of the database
 * being backed up (another database's backups in the same folder, and backups without an
 * identity, are left alone), and a restore over a database refuses a backup of another
 * identity unless restore_options.other_database.
 */
#ifndef MEIBO_BACKUP_H
#define MEIBO_BACKUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meibo/archive.h"
#include "meibo/db.h"
#include "meibo/request.h"

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
    char path[1200];       /**< the backup written */
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

typedef struct restore_options {
    const char *file;            /**< the backup (.db or .db.enc) */
    const char *db_path;         /**< the database to restore into (replaced, or created) */
    const char *key_file;        /**< for an encrypted backup */
    const char *ledger_files[4]; /**< copies of the deletion ledger to merge; NULL ends */
    bool other_database;         /**< put a backup of another identity in place (else refused) */
} restore_options;

typedef struct restore_result {
    int schema_from;             /**< the backup's schema version (migrated when older) */
    int64_t ledger_entries;      /**< deletion-ledger rows merged from every source */
    int64_t reapplied;           /**< members erased again */
    request_carry_result requests; /**< rights requests carried over, replayed, to do again */
    int64_t audit_rows;          /**< rows in the restored access log, verified */
    int64_t audit_merged;        /**< rows written since the backup, carried over */
    bool replaced;               /**< a database was there and was replaced */
    char audit_note[300];        /**< why rows since the backup were not carried over, or "" */
    char identity[BACKUP_ID_LEN + 1]; /**< the restored database's identity */
    bool other_database;         /**< the backup was of another identity than the database */
} restore_result;

/**
 * @brief Restore as described above. Only someone who may write the database's folder
 * themselves (their real user and group, not a set-group-ID's) may restore. The database
 * being replaced must be a meibo database (or absent). Audited in the restored copy
 * ("restore", with counts).
 */
meibo_status restore_run(const restore_options *opt, restore_result *out, meibo_err *err);

#endif

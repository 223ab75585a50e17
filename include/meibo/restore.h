/**
 * @file restore.h
 * @brief The restore of a backup (取扱規程 第19条; the backup: backup.h, the file: archive.h).
 *
 * A restore checks the backup (the GCM tag, integrity_check), merges the deletion ledger from
 * every source (the backup's own rows, the database being replaced when it can still be read,
 * the deletion-ledger.tsv beside the backup and in the backup folder) and erases again every
 * member it names, carries over the access-log rows written since the backup when the
 * database being replaced continues the backup's chain, checks the chain, and only then puts
 * the copy in place: through the backup API into the database when one is there (other
 * connections see the change as one transaction), else as a new file.
 *
 * A restore over a database refuses a backup of another identity (archive.h) unless
 * restore_options.other_database.
 */
#ifndef MEIBO_RESTORE_H
#define MEIBO_RESTORE_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/archive.h"
#include "meibo/request.h"

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

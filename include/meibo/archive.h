/**
 * @file archive.h
 * @brief The backup archive: what a backup file is (取扱規程 第19条), read and written by the
 * backup (backup.h), the restore (restore.h), the incident register (a lost backup's members,
 * incident.h), doctor and purge. Only files and the database: no role check, no access log.
 *
 * A backup is meibo-YYYYMMDD-HHMMSS.db (mode 0640), a plain copy of the database, or, with a
 * key, meibo-YYYYMMDD-HHMMSS.db.enc, the copy encrypted with AES-256-GCM; a second one in the
 * same second is meibo-YYYYMMDD-HHMMSS-2.db. They live in the backup folder (backup_dir()),
 * with the deletion ledger's copy (deletion-ledger.tsv, deletion.h).
 *
 * Encrypted file format: "MEIBOBK2" (8 bytes), the database's identity (32 hex digits), a
 * 12-byte random IV, the ciphertext, the 16-byte GCM tag; the first 40 bytes are the
 * additional authenticated data. ("MEIBOBK1", from before identities, has no identity: the
 * AAD is its 8 bytes; such backups are still restored, never rotated.) The key file holds 64
 * hex digits (openssl rand -hex 32); others may not read it.
 *
 * Identity: every database has a random id (schema/008-identity.sql, made at init or on the
 * first open of an older database); a plain backup keeps it in its own db_identity table.
 *
 * Plain copies in progress (".meibo-backup-*" beside the database or in the backup folder,
 * ".meibo-restore-*" beside the database) are flock(2)ed by the process making them
 * (backup_temp_make()); backup, restore and purge first shred and remove every one whose
 * process is gone (backup_temp_sweep()), and meibo doctor reports them. They cannot be
 * O_TMPFILE files: SQLite opens a database, and the journal beside it, only by name.
 */
#ifndef MEIBO_ARCHIVE_H
#define MEIBO_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meibo/config.h"
#include "meibo/db.h"

#define BACKUP_LEDGER_FILE "deletion-ledger.tsv"
#define BACKUP_MAGIC "MEIBOBK1"  /**< an encrypted backup from before identities */
#define BACKUP_MAGIC2 "MEIBOBK2" /**< an encrypted backup with the database's identity */
#define BACKUP_ID_LEN 32         /**< the identity: 32 lowercase hex digits (128 random bits) */

/* ---- where ---------------------------------------------------------------------------------- */

/** @brief The folder of the file @p path into @p buf ("." when it names none, "/" for the root). */
void backup_dir_of(const char *path, char *buf, size_t len);

/** @brief The backup folder: cfg->backup_dir, else "backups" beside the database. */
void backup_dir(const meibo_config *cfg, const char *db_path, char *buf, size_t len);

/** @brief The deletion ledger's copy in the backup folder. */
void backup_ledger_path(const meibo_config *cfg, const char *db_path, char *buf, size_t len);

/**
 * @brief The time of a backup from its file name ("meibo-20261121-020000.db", ".db.enc", and
 * "meibo-20261121-020000-2.db" for a second one in the same second) as YYYYMMDDhhmmssNN (NN
 * the number after the time, 0 without one), or -1 when the name is not a backup's. Pure.
 */
int64_t backup_name_stamp(const char *name);

/* ---- keys and encryption ------------------------------------------------------------------- */

/** @brief Is @p path an encrypted backup (either header, MEIBOBK1 or MEIBOBK2)? */
bool backup_file_encrypted(const char *path);

/** @brief Read a key file: 64 hex digits (and an optional newline); refused when others may read it. */
meibo_status backup_key_load(const char *path, unsigned char key[32], meibo_err *err);

/** @brief Encrypt the file @p in into @p out (created 0640, replaced), format MEIBOBK1. */
meibo_status backup_encrypt(const char *in, const char *out, const unsigned char key[32],
                            meibo_err *err);

/** @brief backup_encrypt() as MEIBOBK2, carrying the identity @p id (BACKUP_ID_LEN hex). */
meibo_status backup_encrypt_as(const char *in, const char *out, const unsigned char key[32],
                               const char *id, meibo_err *err);

/** @brief Decrypt @p in into @p out (created 0600); a wrong key or a changed file is refused
 * (the GCM tag) and @p out removed. */
meibo_status backup_decrypt(const char *in, const char *out, const unsigned char key[32],
                            meibo_err *err);

/** @brief Copy the plain backup @p in into the existing file @p out (fsync'ed). */
meibo_status backup_copy_plain(const char *in, const char *out, meibo_err *err);

/* ---- the database's identity --------------------------------------------------------------- */

/** @brief The identity of the database of @p ctx into @p id. MEIBO_ERR_SCHEMA without one. */
meibo_status backup_db_identity(meibo_ctx *ctx, char id[BACKUP_ID_LEN + 1], meibo_err *err);

/**
 * @brief The identity kept in the open database @p db (schema/008-identity.sql) into @p id:
 * 1, or 0 when it has none (a database or backup from before it).
 */
int backup_identity_of(sqlite3 *db, char id[BACKUP_ID_LEN + 1]);

/**
 * @brief The identity a backup file carries (an encrypted one in its header, read without the
 * key; a plain one in its db_identity table, opened read-only): 1 with @p id set, 0 when it has
 * none (from before identities), -1 when it is not a backup or cannot be read.
 */
int backup_file_identity(const char *path, char id[BACKUP_ID_LEN + 1]);

/** @brief PRAGMA integrity_check on @p db (@p path in messages): MEIBO_ERR_INTEGRITY with its
 * first complaint. */
meibo_status backup_integrity_check(sqlite3 *db, const char *path, meibo_err *err);

/* ---- plain copies in progress -------------------------------------------------------------- */

/**
 * @brief A new empty file "DIR/.NAME-XXXXXX" (mode 0600); its path into @p buf, and in *@p lock
 * a descriptor holding flock(2) on it for as long as it lives: backup_temp_sweep() leaves a
 * locked copy alone and takes one whose process died (the lock dies with it).
 */
meibo_status backup_temp_make(const char *dir, const char *name, char *buf, size_t len,
                              int *lock, meibo_err *err);

/** @brief Shred and remove a copy of backup_temp_make() and any journal SQLite left beside it,
 * then let go of its lock (*@p lock becomes -1). */
void backup_temp_remove(const char *path, int *lock);

/**
 * @brief The plain copies killed backups and restores left in @p dir (".meibo-backup-*",
 * ".meibo-restore-*" and their journals, not locked by a live process): how many; with
 * @p remove each is shredded (process_shred()) and removed.
 */
int backup_temp_sweep(const char *dir, bool remove);

#endif

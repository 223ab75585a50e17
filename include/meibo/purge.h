/**
 * @file purge.h
 * @brief Disposal of what is past retention (規程 第17条, 取扱規程 第9条, 第20–22条), without a
 * trace in the database file or its WAL; every erasure of a member is written to the deletion
 * ledger (deletion.h), which carries it over a restore from an older backup (取扱規程 第19条).
 *
 * purge_run() in one write transaction, by the periods of retention.h:
 *  - provision records (provisions) past their period and their own retention_until: deleted;
 *  - inquiries closed (not pending) whose last decision is past the requester period: the
 *    requester's name, organization, contact, identity check and the words naming the member
 *    erased (取扱規程 第9条), erased_on stamped; their letters in the outbox overwritten and
 *    removed;
 *  - request papers of completed rights requests past their period: deleted, when this
 *    database has them (a rights_requests table with completed_on);
 *  - withdrawn and deceased members past their period (anchor: withdrawn_on, else the day of
 *    their last change): erased whole (purge_member_erase()), unless a provision record about
 *    them is still kept (the law's record names the person: they wait for it) or another
 *    record still refers to them; facilities no member refers to any more: deleted;
 *  - pledges ended (valid_until, or revoked) past the signatory period: the signatory's name
 *    and title erased, signatory_erased_on stamped; a registered organization all of whose
 *    pledges ended that long ago: its contact person's name erased (contact_erased_on). The
 *    pledges and the recipients stay (schema/024).
 * The access log gets one row of counts ("purge"), never a name. Then, outside the
 * transaction, the traces: every delete ran with secure_delete (db.c), so freed cells and
 * pages are zeroed; the search index (contentless FTS5: deletes are only markers until a
 * merge) is rewritten with 'optimize' so the erased members' terms leave its shadow tables;
 * and the WAL, which still holds the old pages, is checkpointed and truncated to zero.
 */
#ifndef MEIBO_PURGE_H
#define MEIBO_PURGE_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/db.h"
#include "meibo/deletion.h"

/** @brief What a purge does. Strings are borrowed for the call. */
typedef struct purge_options {
    bool dry_run;             /**< count only: nothing changes (the preview is audited) */
    bool vacuum;              /**< also VACUUM (compacts the file; needs room for a copy) */
    const char *outbox_dir;   /**< the letters of erased inquiries are removed here (NULL: none) */
    const char *ledger_file;  /**< the deletion ledger's copy outside the database (NULL: none) */
} purge_options;

/** @brief What a purge did (or, with dry_run, would do). */
typedef struct purge_result {
    char today[11];
    char cutoff_provision[11], cutoff_requester[11], cutoff_member[11], cutoff_request[11];
    char cutoff_audit[11];    /**< access-log rows of this day and before are past retention */
    char cutoff_signatory[11]; /**< pledges ended on or before this day lose their signatory */
    int64_t audit_rows;       /**< access-log rows removed (a checkpoint anchors the cut) */
    int64_t audit_cut;        /**< the last of them (the checkpoint's row) */
    int64_t provisions;       /**< provision records deleted */
    int64_t inquiries;        /**< inquiries whose requester details were erased */
    int64_t letters;          /**< letters of erased inquiries removed from the outbox */
    int64_t requests;         /**< request papers deleted */
    int64_t members;          /**< members erased */
    int64_t members_held;     /**< past retention but kept: a provision record still names them */
    int64_t members_referred; /**< past retention but kept: another record refers to them */
    int64_t facilities;       /**< facilities no member refers to any more, deleted */
    int64_t signatories;      /**< pledges whose signatory (name, title) was erased */
    int64_t contacts;         /**< recipients whose contact person was erased */
    bool index_rewritten;     /**< the search index was optimized (members erased now or before) */
    bool wal_truncated;       /**< the WAL was checkpointed and truncated to zero bytes */
    int wal_busy_frames;      /**< frames left in the WAL when a reader kept it (else 0) */
    bool vacuumed;
    bool ledger_file_written; /**< the ledger's copy outside the database was appended to */
    char ledger_file_error[300]; /**< why not, when it was asked for and failed */
} purge_result;

/**
 * @brief Dispose of everything past retention (chief officer only), as described above, and
 * fill @p out. A failure inside the transaction changes nothing. A WAL that other readers
 * keep from being truncated is not an error: out->wal_truncated is false and
 * out->wal_busy_frames says how much is left (run it again when meibo is idle).
 */
meibo_status purge_run(meibo_ctx *ctx, const purge_options *opt, purge_result *out,
                       meibo_err *err);

/**
 * @brief Erase member @p member_id whole inside the caller's transaction: its search index
 * entries, consents and opt-outs, the words that named it in inquiries (which keep the member
 * number), and the row; then a deletion-ledger row with @p reason (a retention code, or
 * "request" for a deletion request, 規程 第23条). Refused (MEIBO_ERR_CONFLICT) while a
 * provision record about the member is kept (個人情報保護法 第29条), or while another record
 * refers to it. Chief officer only. Audited by the caller (counts).
 * @param member_no receives the member number (16 bytes; may be NULL)
 */
meibo_status purge_member_erase(meibo_ctx *ctx, int64_t member_id, const char *reason,
                                char member_no[16], meibo_err *err);

/**
 * @brief Remove the traces deletes leave: rewrite the search index (FTS5 'optimize') when
 * @p index is true, checkpoint the WAL and truncate it to zero bytes, and VACUUM when
 * @p vacuum is true. Outside any transaction. Fills the wal and vacuum fields of @p out.
 */
meibo_status purge_scrub(meibo_ctx *ctx, bool index, bool vacuum, purge_result *out,
                         meibo_err *err);

/* ---- re-applying the deletion ledger (deletion.h) ----------------------------------------- */

/**
 * @brief Re-apply @p e to the database (inside the caller's transaction): erase the member
 * when it is still there with that id and number, and add the ledger row when missing.
 * *erased says whether a member was erased now.
 */
meibo_status deletion_ledger_apply(meibo_ctx *ctx, const deletion_entry *e, bool *erased,
                                   meibo_err *err);

#endif

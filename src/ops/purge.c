/* purge.c: disposal past retention without traces (規程 第17条), the erasure of a member and its
 * row in the deletion ledger (deletion.c), re-applied after a restore (取扱規程 第19条). */
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/archive.h"
#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/deletion.h"
#include "meibo/process.h"
#include "meibo/purge.h"
#include "meibo/retention.h"
#include "meibo/search.h"
#include "meibo/text.h"

/* ---- erasing one member ------------------------------------------------------------------ */

static const char sql_erase_read[] =
    "SELECT member_no, search_key FROM members WHERE id = ?1";
static const char sql_erase_kept[] =
    "SELECT max(retention_until) FROM provisions WHERE member_id = ?1";
static const char sql_erase_consents[] = "DELETE FROM member_consents WHERE member_id = ?1";
static const char sql_erase_optouts[] = "DELETE FROM member_optouts WHERE member_id = ?1";
static const char sql_erase_changes[] = "DELETE FROM member_changes WHERE member_id = ?1";
/* the inquiries keep the member number (an ID, as the deletion ledger does) and lose the words
 * the requester named the member by (a name, a birth date) */
static const char sql_erase_inquiries[] =
    "UPDATE inquiries SET member_id = NULL, member_query = '' WHERE member_id = ?1";
static const char sql_erase_member[] = "DELETE FROM members WHERE id = ?1";
static const char sql_ledger_insert[] =
    "INSERT OR IGNORE INTO deletion_ledger (member_id, member_no, deleted_on, deleted_at, reason) "
    "VALUES (?1, ?2, substr(?3, 1, 10), ?3, ?4)";

/* Run a statement of one int64 parameter and no rows. */
static meibo_status exec_id(meibo_ctx *ctx, const char *sql, int64_t id, const char *what,
                            meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return MEIBO_OK;
    if (sqlite3_extended_errcode(ctx->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
        return meibo_fail(err, MEIBO_ERR_CONFLICT, "%s: another record still refers to it", what);
    return db_fail(ctx, err, what);
}

static meibo_status ledger_insert(meibo_ctx *ctx, int64_t id, const char *no, const char *at,
                                  const char *reason, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_ledger_insert, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, no, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, reason, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "writing the deletion ledger");
}

/* The erasure proper, in the caller's transaction, without a role check (purge and restore
 * check theirs). @p at is the ledger's time ("YYYY-MM-DD HH:MM:SS"). */
static meibo_status erase(meibo_ctx *ctx, int64_t id, const char *reason, const char *at,
                          char no_out[16], meibo_err *err)
{
    if (ctx->tx_depth <= 0)
        return meibo_fail(err, MEIBO_ERR_DB, "erasing a member needs the caller's transaction");
    sqlite3_stmt *s = db_stmt(ctx, sql_erase_read, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        if (rc == SQLITE_DONE)
            return meibo_fail(err, MEIBO_ERR_NOT_FOUND, "no member with id %" PRId64, id);
        return db_fail(ctx, err, "reading a member to erase");
    }
    char no[16];
    const char *t = (const char *)sqlite3_column_text(s, 0);
    snprintf(no, sizeof no, "%s", t ? t : "");
    t = (const char *)sqlite3_column_text(s, 1);
    char *key = strdup(t ? t : "");
    sqlite3_reset(s);
    if (!key)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    if (no_out)
        memcpy(no_out, no, sizeof no);

    meibo_status st = MEIBO_OK;
    /* 個人情報保護法 第29条: the record of a provision names the person; it outlives the member */
    if (!(s = db_stmt(ctx, sql_erase_kept, err))) {
        st = MEIBO_ERR_DB;
        goto out;
    }
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) {
        st = meibo_fail(err, MEIBO_ERR_CONFLICT,
                        "member %s: a provision record about them is kept until %s "
                        "(個人情報保護法 第29条); erase after that day",
                        no, (const char *)sqlite3_column_text(s, 0));
        sqlite3_reset(s);
        goto out;
    }
    sqlite3_reset(s);
    char what[64];
    snprintf(what, sizeof what, "erasing member %s", no);
    if ((st = search_index_update(ctx, id, key, NULL, err)) ||
        (st = exec_id(ctx, sql_erase_consents, id, what, err)) ||
        (st = exec_id(ctx, sql_erase_optouts, id, what, err)) ||
        (st = exec_id(ctx, sql_erase_changes, id, what, err)) ||
        (st = exec_id(ctx, sql_erase_inquiries, id, what, err)) ||
        (st = exec_id(ctx, sql_erase_member, id, what, err)) ||
        (st = ledger_insert(ctx, id, no, at, reason, err)))
        goto out;
out:
    explicit_bzero(key, strlen(key));
    free(key);
    return st;
}

meibo_status purge_member_erase(meibo_ctx *ctx, int64_t member_id, const char *reason,
                                char member_no[16], meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CHIEF, "erase a member", err);
    if (st)
        return st;
    if (!reason || !*reason)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "reason", "erasing: no reason given");
    char at[32];
    db_now_text(ctx, at, sizeof at);
    if ((st = db_begin(ctx, err)))
        return st;
    if ((st = erase(ctx, member_id, reason, at, member_no, err)) || (st = db_commit(ctx, err))) {
        db_rollback(ctx);
        return st;
    }
    return MEIBO_OK;
}

/* ---- the traces -------------------------------------------------------------------------- */

meibo_status purge_scrub(meibo_ctx *ctx, bool index, bool vacuum, purge_result *out,
                         meibo_err *err)
{
    meibo_status st;
    if (ctx->tx_depth > 0)
        return meibo_fail(err, MEIBO_ERR_DB, "purge_scrub inside a transaction");
    if (index) {
        /* contentless FTS5 tables record a delete as a marker beside the old entry; merging
         * every segment into one drops both, and secure_delete zeroes the freed pages */
        if ((st = db_begin(ctx, err)))
            return st;
        if ((st = db_exec(ctx, "INSERT INTO member_grams(member_grams) VALUES ('optimize')", err)) ||
            (st = db_exec(ctx, "INSERT INTO member_trigrams(member_trigrams) VALUES ('optimize')",
                          err)) ||
            (st = db_exec(ctx,
                          "UPDATE purge_state SET scrubbed_ledger_id = "
                          "(SELECT coalesce(max(id), 0) FROM deletion_ledger)",
                          err)) ||
            (st = db_commit(ctx, err))) {
            db_rollback(ctx);
            return st;
        }
        out->index_rewritten = true;
    }
    if (vacuum) {
        if ((st = db_exec(ctx, "VACUUM", err)))
            return st;
        out->vacuumed = true;
    }
    /* the WAL keeps every page as it was before: copy the new pages home, then cut it to 0 */
    int nlog = 0, nckpt = 0;
    int rc = sqlite3_wal_checkpoint_v2(ctx->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &nlog, &nckpt);
    if (rc == SQLITE_OK) {
        out->wal_truncated = true;
        out->wal_busy_frames = 0;
    } else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        out->wal_truncated = false;
        out->wal_busy_frames = nlog > nckpt ? nlog - nckpt : (nlog > 0 ? nlog : 1);
    } else {
        return db_fail(ctx, err, "checkpointing the WAL");
    }
    return MEIBO_OK;
}

/* ---- the outbox ------------------------------------------------------------------------ */

/* The inquiry a letter's file name belongs to ("inquiry-12-answer.pdf",
 * "pledge-request-inquiry-12.pdf"), or 0. */
static int64_t letter_inquiry_id(const char *name)
{
    static const char *const prefixes[] = {"inquiry-", "pledge-request-inquiry-"};
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(name, prefixes[i], n) != 0)
            continue;
        char *end;
        long long id = strtoll(name + n, &end, 10);
        if (id > 0 && end != name + n && (*end == '-' || *end == '.'))
            return (int64_t)id;
    }
    return 0;
}

/* Is the inquiry's letter to go: its requester was erased, or its member was. */
static const char sql_letter_gone[] =
    "SELECT i.erased_on IS NOT NULL OR (i.member_no <> '' AND EXISTS "
    "(SELECT 1 FROM deletion_ledger l WHERE l.member_no = i.member_no)) "
    "FROM inquiries i WHERE i.id = ?1";

/* Count (and unless @p count_only remove) the outbox letters of erased inquiries. */
static meibo_status outbox_scrub(meibo_ctx *ctx, const char *dir, bool count_only, int64_t *n,
                                 meibo_err *err)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return MEIBO_OK; /* no outbox yet: no letters */
    meibo_status st = MEIBO_OK;
    struct dirent *e;
    while (!st && (e = readdir(d))) {
        int64_t id = letter_inquiry_id(e->d_name);
        if (!id)
            continue;
        sqlite3_stmt *s = db_stmt(ctx, sql_letter_gone, err);
        if (!s) {
            st = MEIBO_ERR_DB;
            break;
        }
        sqlite3_bind_int64(s, 1, id);
        int rc = sqlite3_step(s);
        bool gone = rc == SQLITE_ROW && sqlite3_column_int(s, 0);
        sqlite3_reset(s);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            st = db_fail(ctx, err, "checking the outbox");
            break;
        }
        if (!gone)
            continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (count_only || process_shred(path) == 0)
            (*n)++;
    }
    closedir(d);
    return st;
}

/* ---- the purge --------------------------------------------------------------------------- */

static const char sql_provisions_delete[] =
    "DELETE FROM provisions WHERE provided_on <= ?1 AND retention_until < ?2";
/* closed inquiries: the day of their last decision (received_on when none was stored) */
static const char sql_inquiries_erase[] =
    "UPDATE inquiries SET requester = '', organization = '', recipient_key = '', contact = '', "
    "identity_check = '', member_query = '', erased_on = ?2 "
    "WHERE erased_on IS NULL AND status <> 'pending' AND coalesce("
    "(SELECT max(substr(d.decided_at, 1, 10)) FROM inquiry_decisions d WHERE d.inquiry_id = "
    "inquiries.id), received_on) <= ?1";
static const char sql_members_due[] =
    "SELECT id, facility_id FROM members WHERE status <> 'active' "
    "AND coalesce(withdrawn_on, substr(updated_at, 1, 10)) <= ?1 ORDER BY id";
static const char sql_member_kept[] = "SELECT 1 FROM provisions WHERE member_id = ?1 LIMIT 1";
static const char sql_facility_orphan[] =
    "DELETE FROM facilities WHERE id = ?1 AND NOT EXISTS "
    "(SELECT 1 FROM members WHERE facility_id = ?1)";

/* The request papers (規程 第22–23条, schema/004-rights.sql): a completed request goes whole a
 * year after completion (取扱規程 第9条). */
static const char sql_unscrubbed[] =
    "SELECT (SELECT coalesce(max(id), 0) FROM deletion_ledger) > "
    "(SELECT scrubbed_ledger_id FROM purge_state)";
static const char sql_requests_delete[] =
    "DELETE FROM rights_requests WHERE completed_on IS NOT NULL AND completed_on <= ?1";

/* The people named on pledges and in the recipients register (schema/024): a pledge's
 * signatory 3 years (by default) after the pledge ended (valid_until, or the day it was
 * revoked when earlier), as the provision records made under it (個人情報保護法第29条); an
 * organization's contact person once every pledge of the recipient has ended that long ago.
 * The pledge and the recipient stay (number, organization, dates). */
#define PLEDGE_END "min(valid_until, coalesce(substr(revoked_on, 1, 10), valid_until))"
static const char sql_signatories_erase[] =
    "UPDATE pledges SET signatory_name = '', signatory_title = '', signatory_erased_on = ?2 "
    "WHERE (signatory_name <> '' OR signatory_title <> '') "
    "AND " PLEDGE_END " <= ?1";
static const char sql_contacts_erase[] =
    "UPDATE recipients SET person = '', contact_erased_on = ?2 "
    "WHERE organization <> '' AND person <> '' "
    "AND EXISTS (SELECT 1 FROM pledges WHERE recipient_id = recipients.id) "
    "AND NOT EXISTS (SELECT 1 FROM pledges WHERE recipient_id = recipients.id AND "
    PLEDGE_END " > ?1)";

/* Step a statement binding two texts; its changes, or its single count with @p count. */
static meibo_status step_count(meibo_ctx *ctx, const char *sql, const char *a, const char *b,
                               bool count, int64_t *n, const char *what, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql, err);
    if (!s)
        return MEIBO_ERR_DB;
    if (a)
        sqlite3_bind_text(s, 1, a, -1, SQLITE_TRANSIENT);
    if (b)
        sqlite3_bind_text(s, 2, b, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    if (count && rc == SQLITE_ROW)
        *n = sqlite3_column_int64(s, 0);
    else if (!count && rc == SQLITE_DONE)
        *n = sqlite3_changes64(ctx->db);
    sqlite3_reset(s);
    if (rc != (count ? SQLITE_ROW : SQLITE_DONE))
        return db_fail(ctx, err, what);
    return MEIBO_OK;
}

typedef struct id_pair {
    int64_t id, facility;
} id_pair;

/* The members past retention, in id order (the caller frees *out). */
static meibo_status members_due(meibo_ctx *ctx, const char *cutoff, id_pair **out, int64_t *n,
                                meibo_err *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = db_stmt(ctx, sql_members_due, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(s, 1, cutoff, -1, SQLITE_TRANSIENT);
    int64_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            id_pair *p = realloc(*out, (size_t)cap * sizeof *p);
            if (!p) {
                sqlite3_reset(s);
                return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
            }
            *out = p;
        }
        (*out)[*n].id = sqlite3_column_int64(s, 0);
        (*out)[*n].facility = sqlite3_column_int64(s, 1);
        (*n)++;
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "finding members past retention");
}

/* Erase the members past retention; counts into @p out. */
static meibo_status purge_members(meibo_ctx *ctx, const char *cutoff, const char *at,
                                  purge_result *out, meibo_err *err)
{
    id_pair *due = NULL;
    int64_t n = 0;
    meibo_status st = members_due(ctx, cutoff, &due, &n, err);
    for (int64_t i = 0; !st && i < n; i++) {
        sqlite3_stmt *s = db_stmt(ctx, sql_member_kept, err);
        if (!s) {
            st = MEIBO_ERR_DB;
            break;
        }
        sqlite3_bind_int64(s, 1, due[i].id);
        int rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc == SQLITE_ROW) {
            out->members_held++;
            continue;
        }
        if (rc != SQLITE_DONE) {
            st = db_fail(ctx, err, "checking provision records");
            break;
        }
        /* a savepoint each: a record of another module that still refers to the member keeps
         * it (and only it) */
        if ((st = db_begin(ctx, err)))
            break;
        meibo_err e2;
        meibo_err_clear(&e2);
        meibo_status es = erase(ctx, due[i].id, RETENTION_WITHDRAWN_MEMBER, at, NULL, &e2);
        if (es == MEIBO_ERR_CONFLICT) {
            db_rollback(ctx);
            out->members_referred++;
            continue;
        }
        if (es) {
            db_rollback(ctx);
            *err = e2;
            st = es;
            break;
        }
        if ((st = db_commit(ctx, err)))
            break;
        out->members++;
        if (due[i].facility > 0) {
            if ((st = db_begin(ctx, err)))
                break;
            int64_t gone = 0;
            sqlite3_stmt *f = db_stmt(ctx, sql_facility_orphan, err);
            if (!f) {
                db_rollback(ctx);
                st = MEIBO_ERR_DB;
                break;
            }
            sqlite3_bind_int64(f, 1, due[i].facility);
            rc = sqlite3_step(f);
            sqlite3_reset(f);
            if (rc == SQLITE_DONE)
                gone = sqlite3_changes64(ctx->db);
            if (rc == SQLITE_DONE) {
                if ((st = db_commit(ctx, err)))
                    break;
            } else {
                db_rollback(ctx); /* still referred to by another module: keep it */
            }
            out->facilities += gone;
        }
    }
    free(due);
    return st;
}

/* The plain copies of the registry killed backups and restores left beside the database and
 * in the backup folder (the ledger file's): shredded and removed (backup_temp_sweep()). */
static void purge_sweep_copies(const char *db_path, const char *ledger_file)
{
    const char *paths[2] = {db_path, ledger_file};
    for (int i = 0; i < 2; i++) {
        if (!paths[i] || !*paths[i])
            continue;
        char dir[MEIBO_PATH_MAX];
        backup_dir_of(paths[i], dir, sizeof dir);
        backup_temp_sweep(dir, true);
    }
}

meibo_status purge_run(meibo_ctx *ctx, const purge_options *opt, purge_result *out,
                       meibo_err *err)
{
    static const purge_options none = {0};
    if (!opt)
        opt = &none;
    memset(out, 0, sizeof *out);
    /* 規程 第10条, 第17条: disposal is the chief officer's */
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CHIEF, "purge what is past retention", err);
    if (st)
        return st;
    retention_period prov, req, mem, iq, alog, sig;
    if ((st = retention_get(ctx, RETENTION_AUDIT_LOG, &alog, err)) ||
        (st = retention_get(ctx, RETENTION_PLEDGE_SIGNATORY, &sig, err)) ||
        (st = retention_get(ctx, RETENTION_PROVISION, &prov, err)) ||
        (st = retention_get(ctx, RETENTION_REQUEST_PAPERS, &req, err)) ||
        (st = retention_get(ctx, RETENTION_WITHDRAWN_MEMBER, &mem, err)) ||
        (st = retention_get(ctx, RETENTION_INQUIRY_REQUESTER, &iq, err)))
        return st;
    char at[32];
    db_now_text(ctx, at, sizeof at);
    db_today(ctx, out->today, sizeof out->today);
    retention_cutoff(out->today, prov.years, prov.months, out->cutoff_provision);
    retention_cutoff(out->today, req.years, req.months, out->cutoff_request);
    retention_cutoff(out->today, mem.years, mem.months, out->cutoff_member);
    retention_cutoff(out->today, iq.years, iq.months, out->cutoff_requester);
    retention_cutoff(out->today, alog.years, alog.months, out->cutoff_audit);
    retention_cutoff(out->today, sig.years, sig.months, out->cutoff_signatory);

    /* everything in one transaction: a dry run does the work and rolls it back, so its counts
     * are exactly what a purge would do */
    if ((st = db_begin(ctx, err)))
        return st;
    if (!opt->dry_run)
        purge_sweep_copies(ctx->path, opt->ledger_file);
    if ((st = step_count(ctx, sql_provisions_delete, out->cutoff_provision, out->today, false,
                         &out->provisions, "deleting provision records", err)) ||
        (st = step_count(ctx, sql_inquiries_erase, out->cutoff_requester, out->today, false,
                         &out->inquiries, "erasing inquiry requesters", err)) ||
        (st = step_count(ctx, sql_requests_delete, out->cutoff_request, NULL, false,
                         &out->requests, "deleting request papers", err)) ||
        (st = step_count(ctx, sql_signatories_erase, out->cutoff_signatory, out->today, false,
                         &out->signatories, "erasing pledge signatories", err)) ||
        (st = step_count(ctx, sql_contacts_erase, out->cutoff_signatory, out->today, false,
                         &out->contacts, "erasing recipients' contact persons", err)))
        goto rollback;
    if ((st = purge_members(ctx, out->cutoff_member, at, out, err)))
        goto rollback;
    /* the access log past its own period (取扱規程 第35条, 規程 第17条), cut at a checkpoint */
    if ((st = audit_prune(ctx, out->cutoff_audit, opt->dry_run, &out->audit_rows, &out->audit_cut,
                          err)))
        goto rollback;
    if (opt->outbox_dir && opt->dry_run &&
        (st = outbox_scrub(ctx, opt->outbox_dir, true, &out->letters, err)))
        goto rollback;

    char detail[400];
    snprintf(detail, sizeof detail,
             "provisions=%" PRId64 " inquiries=%" PRId64 " requests=%" PRId64 " members=%" PRId64
             " held=%" PRId64 " referred=%" PRId64 " facilities=%" PRId64
             " audit_rows=%" PRId64 " audit_cut=%" PRId64 " signatories=%" PRId64
             " contacts=%" PRId64,
             out->provisions, out->inquiries, out->requests, out->members, out->members_held,
             out->members_referred, out->facilities, out->audit_rows, out->audit_cut,
             out->signatories, out->contacts);
    if (opt->dry_run) {
        db_rollback(ctx);
        /* 取扱規程 第35条: the preview read the registry; counts only */
        return audit_append(ctx, "purge.preview", NULL, detail, err);
    }
    if ((st = audit_append(ctx, "purge", NULL, detail, err)) || (st = db_commit(ctx, err)))
        goto rollback;

    /* after the commit: files outside the database, then the traces inside it */
    if (opt->outbox_dir && (st = outbox_scrub(ctx, opt->outbox_dir, false, &out->letters, err)))
        return st;
    if (opt->ledger_file) {
        meibo_err e2;
        meibo_err_clear(&e2);
        if (deletion_file_sync(ctx, opt->ledger_file, NULL, &e2) == MEIBO_OK)
            out->ledger_file_written = true;
        else
            text_copy_cut(out->ledger_file_error, sizeof out->ledger_file_error, e2.msg);
    }
    bool changed = out->provisions || out->inquiries || out->requests || out->members ||
                   out->facilities || out->audit_rows || out->signatories || out->contacts;
    /* erasures the index was not yet rewritten after: this purge's, or those of a purge
     * killed after its commit, or a request's (schema/007-scrub.sql) */
    int64_t unscrubbed = 0;
    if ((st = step_count(ctx, sql_unscrubbed, NULL, NULL, true, &unscrubbed,
                         "reading the scrub mark", err)))
        return st;
    return purge_scrub(ctx, out->members > 0 || unscrubbed > 0, opt->vacuum && changed, out, err);
rollback:
    db_rollback(ctx);
    return st;
}

/* ---- re-applying the deletion ledger (deletion.h) after a restore ------------------------- */

static const char sql_apply_find[] = "SELECT 1 FROM members WHERE id = ?1 AND member_no = ?2";
static const char sql_apply_provisions[] =
    "DELETE FROM provisions WHERE member_id = ?1 AND retention_until < ?2";

meibo_status deletion_ledger_apply(meibo_ctx *ctx, const deletion_entry *e, bool *erased,
                                   meibo_err *err)
{
    *erased = false;
    sqlite3_stmt *s = db_stmt(ctx, sql_apply_find, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, e->member_id);
    sqlite3_bind_text(s, 2, e->member_no, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(ctx, err, "re-applying the deletion ledger");
    if (rc == SQLITE_ROW) {
        /* erased once already: its provision records were gone by then (erase() refuses
         * otherwise), but this older copy may still hold them, past their day by now */
        char today[16];
        db_today(ctx, today, sizeof today);
        if (!(s = db_stmt(ctx, sql_apply_provisions, err)))
            return MEIBO_ERR_DB;
        sqlite3_bind_int64(s, 1, e->member_id);
        sqlite3_bind_text(s, 2, today, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return db_fail(ctx, err, "re-applying the deletion ledger");
        meibo_status st = erase(ctx, e->member_id, e->reason, e->deleted_at, NULL, err);
        if (st)
            return st;
        *erased = true;
        return MEIBO_OK;
    }
    return ledger_insert(ctx, e->member_id, e->member_no, e->deleted_at, e->reason, err);
}

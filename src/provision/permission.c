/* permission.c: the chief officer's prior permissions for every copy (規程 第16条). */
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/check.h"
#include "meibo/export_purpose.h"
#include "meibo/permission.h"
#include "meibo/recipient.h"
#include "meibo/text.h"

static const char sql_insert[] =
    "INSERT INTO permissions (kind, standing, purpose, recipient_id, media, destination, "
    "export_id, scope, granted_on, granted_at, granted_by, valid_until) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
static const char sql_revoke[] =
    "UPDATE permissions SET revoked_at = ?2, revoked_by = ?3, revoke_reason = ?4 "
    "WHERE id = ?1 AND revoked_at IS NULL";

static const char sql_list[] =
    "SELECT p.id, p.kind, p.standing, coalesce(p.purpose, ''), coalesce(p.recipient_id, 0), "
    "coalesce(CASE WHEN r.organization <> '' THEN r.organization ELSE r.person END, ''), "
    "coalesce(p.media, ''), p.destination, coalesce(p.export_id, 0), p.scope, p.granted_on, "
    "p.granted_by, p.valid_until, p.revoked_at, p.revoked_by, p.revoke_reason, "
    "(p.revoked_at IS NULL AND p.valid_until >= ?2) "
    "FROM permissions p LEFT JOIN recipients r ON r.id = p.recipient_id "
    "WHERE ?1 OR (p.revoked_at IS NULL AND p.valid_until >= ?2) ORDER BY p.id";
static const char sql_find_export[] =
    "SELECT id FROM permissions WHERE kind = 'export' AND standing = 1 AND purpose = ?1 "
    "AND recipient_id = ?2 AND (media IS NULL OR media = ?3) AND revoked_at IS NULL "
    "AND valid_until >= ?4 ORDER BY valid_until DESC LIMIT 1";
static const char sql_in_force[] =
    "SELECT revoked_at IS NULL AND valid_until >= ?2 FROM permissions "
    "WHERE id = ?1";
static const char sql_find_backup[] =
    "SELECT id FROM permissions WHERE kind = 'backup' AND destination = ?1 "
    "AND revoked_at IS NULL AND valid_until >= ?2 LIMIT 1";

/* The folder as stored: its real path when it exists. */
static void folder_key(const char *dir, char *out, size_t len)
{
    char real[PATH_MAX];
    text_copy_cut(out, len, dir && *dir && realpath(dir, real) ? real : dir ? dir : "");
}

static meibo_status insert(meibo_ctx *ctx, const char *kind, bool standing, const char *purpose,
                           int64_t recipient_id, const char *media, const char *destination,
                           int64_t export_id, const char *scope, const char *valid_until,
                           int64_t *id, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_insert, err);
    if (!s)
        return MEIBO_ERR_DB;
    char now[32], today[16];
    db_now_text(ctx, now, sizeof now);
    db_today(ctx, today, sizeof today);
    sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, standing);
    if (purpose && *purpose)
        sqlite3_bind_text(s, 3, purpose, -1, SQLITE_TRANSIENT);
    if (recipient_id)
        sqlite3_bind_int64(s, 4, recipient_id);
    if (media && *media)
        sqlite3_bind_text(s, 5, media, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 6, destination ? destination : "", -1, SQLITE_TRANSIENT);
    if (export_id)
        sqlite3_bind_int64(s, 7, export_id);
    sqlite3_bind_text(s, 8, scope, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 9, today, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 10, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 11, ctx->login, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 12, valid_until, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return db_fail(ctx, err, "recording a permission");
    *id = sqlite3_last_insert_rowid(ctx->db);
    char detail[900];
    snprintf(detail, sizeof detail, "id=%" PRId64 " kind=%s standing=%d until=%s scope=", *id,
             kind, standing, valid_until);
    text_copy_cut(detail + strlen(detail), sizeof detail - strlen(detail), scope);
    return audit_append(ctx, "permission.grant", NULL, detail, err);
}

meibo_status permission_grant(meibo_ctx *ctx, const permission_in *in, int64_t *id,
                              meibo_err *err)
{
    *id = 0;
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CHIEF,
                                   "grant a permission to copy or take out data (規程 第16条)", err);
    if (st || (st = check_text("note", in->note, 200, false, err)))
        return st;
    char today[16], until[11];
    db_today(ctx, today, sizeof today);
    if ((st = check_date("valid_until", in->valid_until, NULL, until, err)))
        return st;
    if (strcmp(until, today) < 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "valid_until",
                                "valid_until: %s is already past", until);
    bool backup = in->kind && !strcmp(in->kind, "backup");
    if (!backup && !(in->kind && !strcmp(in->kind, "export")))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "kind", "kind: export or backup");
    char scope[PATH_MAX + 1200], dest[PATH_MAX] = "";
    recipient_rec *r = NULL;
    if (backup) {
        folder_key(in->destination, dest, sizeof dest);
        snprintf(scope, sizeof scope, "データベースの複写（%s）%s%s",
                 *dest ? dest : "設定のバックアップフォルダ", in->note ? " " : "",
                 in->note ? in->note : "");
    } else {
        export_purpose pu;
        const char *media = in->media;
        if (media && strcmp(media, "paper") != 0 && strcmp(media, "file") != 0 &&
            strcmp(media, "electronic") != 0)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, "media",
                                    "media: paper, file or electronic");
        if ((st = export_purpose_load(ctx, in->purpose ? in->purpose : "", &pu, err)))
            return st;
        if (!(r = calloc(1, sizeof *r)))
            return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        decide_result d;
        if ((st = recipient_resolve(ctx, in->recipient, "recipient", r, err)) ||
            (st = recipient_gate(ctx, r, pu.code, &d, err))) {
            free(r);
            return st;
        }
        /* words only: the scope is printed in the ledger (no code reaches a letter) */
        snprintf(scope, sizeof scope, "%sを%sへ%s%s%s", pu.name, r->name,
                 !media                       ? "紙・ファイル・電子媒体で"
                 : !strcmp(media, "paper") ? "紙で"
                 : !strcmp(media, "file")  ? "ファイルで"
                                           : "電子媒体で",
                 in->note ? " " : "", in->note ? in->note : "");
    }
    if ((st = db_begin(ctx, err))) {
        free(r);
        return st;
    }
    st = insert(ctx, backup ? "backup" : "export", true, backup ? NULL : in->purpose,
                r ? r->id : 0, backup ? NULL : in->media, dest, 0, scope, until, id, err);
    free(r);
    if (st || (st = db_commit(ctx, err))) {
        db_rollback(ctx);
        *id = 0;
    }
    return st;
}

meibo_status permission_for_export(meibo_ctx *ctx, int64_t export_id, const char *purpose,
                                   int64_t recipient_id, const char *media, const char *scope,
                                   const char *valid_until, int64_t *id, meibo_err *err)
{
    return insert(ctx, "export", false, purpose, recipient_id, media, "", export_id, scope,
                  valid_until, id, err);
}

meibo_status permission_revoke(meibo_ctx *ctx, int64_t id, const char *reason, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CHIEF, "revoke a permission (規程 第16条)", err);
    if (st || (st = check_text("reason", reason, 200, true, err)) || (st = db_begin(ctx, err)))
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_revoke, err);
    if (!s) {
        db_rollback(ctx);
        return MEIBO_ERR_DB;
    }
    char now[32];
    db_now_text(ctx, now, sizeof now);
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, ctx->login, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, reason, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        db_rollback(ctx);
        return db_fail(ctx, err, "revoking a permission");
    }
    if (sqlite3_changes(ctx->db) != 1) {
        db_rollback(ctx);
        return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "id",
                                "there is no permission %" PRId64 " in force", id);
    }
    char detail[400];
    snprintf(detail, sizeof detail, "id=%" PRId64 " reason=", id);
    text_copy_cut(detail + strlen(detail), sizeof detail - strlen(detail), reason);
    if ((st = audit_append(ctx, "permission.revoke", NULL, detail, err)) ||
        (st = db_commit(ctx, err)))
        db_rollback(ctx);
    return st;
}

meibo_status permission_list(meibo_ctx *ctx, bool all, permission_fn fn, void *arg,
                             meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read the permissions", err);
    if (st)
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_list, err);
    if (!s)
        return MEIBO_ERR_DB;
    char today[16];
    db_today(ctx, today, sizeof today);
    sqlite3_bind_int(s, 1, all);
    sqlite3_bind_text(s, 2, today, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        permission_info p = {
            .id = sqlite3_column_int64(s, 0), .kind = db_text_or_null(s, 1),
            .standing = sqlite3_column_int(s, 2) != 0, .purpose = db_text_or_null(s, 3),
            .recipient_id = sqlite3_column_int64(s, 4), .recipient = db_text_or_null(s, 5),
            .media = db_text_or_null(s, 6), .destination = db_text_or_null(s, 7),
            .export_id = sqlite3_column_int64(s, 8),
            .scope = db_text_or_null(s, 9), .granted_on = db_text_or_null(s, 10),
            .granted_by = db_text_or_null(s, 11),
            .valid_until = db_text_or_null(s, 12), .revoked_at = db_text_or_null(s, 13),
            .revoked_by = db_text_or_null(s, 14),
            .revoke_reason = db_text_or_null(s, 15), .in_force = sqlite3_column_int(s, 16) != 0,
        };
        if (fn(&p, arg))
            break;
    }
    sqlite3_reset(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? MEIBO_OK
                                                  : db_fail(ctx, err, "listing the permissions");
}

meibo_status permission_find_export(meibo_ctx *ctx, const char *purpose, int64_t recipient_id,
                                    const char *media, int64_t *id, meibo_err *err)
{
    *id = 0;
    sqlite3_stmt *s = db_stmt(ctx, sql_find_export, err);
    if (!s)
        return MEIBO_ERR_DB;
    char today[16];
    db_today(ctx, today, sizeof today);
    sqlite3_bind_text(s, 1, purpose, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, recipient_id);
    sqlite3_bind_text(s, 3, media, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, today, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? MEIBO_OK
                                                  : db_fail(ctx, err, "reading the permissions");
}

meibo_status permission_in_force(meibo_ctx *ctx, int64_t id, bool *ok, meibo_err *err)
{
    *ok = false;
    sqlite3_stmt *s = db_stmt(ctx, sql_in_force, err);
    if (!s)
        return MEIBO_ERR_DB;
    char today[16];
    db_today(ctx, today, sizeof today);
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, today, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *ok = sqlite3_column_int(s, 0) != 0;
    sqlite3_reset(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? MEIBO_OK
                                                  : db_fail(ctx, err, "reading a permission");
}

meibo_status permission_check_backup(meibo_ctx *ctx, const char *destination, meibo_err *err)
{
    char dest[PATH_MAX];
    folder_key(destination, dest, sizeof dest);
    sqlite3_stmt *s = db_stmt(ctx, sql_find_backup, err);
    if (!s)
        return MEIBO_ERR_DB;
    char today[16];
    db_today(ctx, today, sizeof today);
    sqlite3_bind_text(s, 1, dest, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, today, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return MEIBO_OK;
    if (rc != SQLITE_DONE)
        return db_fail(ctx, err, "reading the permissions");
    if (!*dest)
        return meibo_fail(err, MEIBO_ERR_DENIED,
                          "the daily backup to the backup folder has no standing permission of "
                          "the chief officer in force (規程 第16条): meibo permission grant "
                          "--backup --until DATE");
    return meibo_fail_field(err, MEIBO_ERR_DENIED, "to",
                            "a copy of the database to %s needs the chief officer's prior "
                            "permission (規程 第16条): meibo permission grant --backup-to %s "
                            "--until DATE",
                            dest, dest);
}

const char *permission_kind_words(const permission_info *p, bool ja)
{
    return p->standing ? (ja ? "常時" : "standing") : (ja ? "個別" : "one-off");
}

const char *permission_until_words(const permission_info *p, bool ja)
{
    if (!p->valid_until || !strcmp(p->valid_until, "9999-12-31"))
        return ja ? "取消まで" : "until revoked";
    return p->valid_until;
}

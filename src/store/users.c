/* users.c: the staff accounts: adding them (the first one, the chief officer's), disabling,
 * approving a fixed-term account, passwords, the login delay cleared, term ends and the list
 * (取扱規程 第33条, 第34条). Logging in and roles are auth.c. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/check.h"
#include "meibo/date.h"
#include "meibo/staff.h"
#include "meibo/text.h"
#include "meibo/users.h"
#include "auth_int.h"

#define AUTH_MAX_PASSWORD_BYTES 1024

/* File-private; visible to the unit tests (-DTESTING). */
STATIC bool auth_login_ok(const char *s);
STATIC meibo_status auth_password_ok(const char *login, const char *password, meibo_err *err);

/* [a-z0-9._-]{2,32}; "system" is the name the program itself acts under. */
STATIC bool auth_login_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 32 || !strcmp(s, "system"))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '-'))
            return false;
    }
    return true;
}

/* Password rules: AUTH_MIN_PASSWORD code points, valid UTF-8, not the login ID. */
STATIC meibo_status auth_password_ok(const char *login, const char *password, meibo_err *err)
{
    size_t n = password ? strlen(password) : 0;
    if (n > AUTH_MAX_PASSWORD_BYTES)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "password",
                                "password: at most %d bytes", AUTH_MAX_PASSWORD_BYTES);
    if (n && u8_check((const uint8_t *)password, n) != NULL)
        return meibo_fail_field(err, MEIBO_ERR_ENCODING, "password", "password: not valid UTF-8");
    if (!n || u8_mbsnlen((const uint8_t *)password, n) < AUTH_MIN_PASSWORD)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "password",
                                "password: at least %d characters", AUTH_MIN_PASSWORD);
    if (login && !strcasecmp(password, login))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "password",
                                "password: must not be the login ID");
    return MEIBO_OK;
}

/* Display name: required, at most AUTH_MAX_DISPLAY_NAME characters, no control characters. */
static meibo_status display_name_ok(const char *s, meibo_err *err)
{
    size_t n = s ? strlen(s) : 0;
    if (n && u8_check((const uint8_t *)s, n) != NULL)
        return meibo_fail_field(err, MEIBO_ERR_ENCODING, "display_name",
                                "display_name: not valid UTF-8");
    bool blank = true;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f || (c == 0xC2 && (unsigned char)s[i + 1] >= 0x80 &&
                                      (unsigned char)s[i + 1] <= 0x9F))
            return meibo_fail_field(err, MEIBO_ERR_INVALID, "display_name",
                                    "display_name: control characters are not allowed");
        if (c != ' ')
            blank = false;
    }
    if (blank)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "display_name",
                                "display_name: required");
    if (u8_mbsnlen((const uint8_t *)s, n) > AUTH_MAX_DISPLAY_NAME)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "display_name",
                                "display_name: at most %d characters", AUTH_MAX_DISPLAY_NAME);
    return MEIBO_OK;
}

/* Every field of a new account; the role itself is checked by the caller. */
static meibo_status user_new_ok(const meibo_ctx *ctx, const user_new *u, meibo_err *err)
{
    if (!u->login || !auth_login_ok(u->login))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "login",
                                "login: '%s' is not a login ID (2–32 of a-z 0-9 . _ -)",
                                u->login ? u->login : "");
    meibo_status s = display_name_ok(u->display_name, err);
    if (s != MEIBO_OK)
        return s;
    if (!meibo_role_name(u->role))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "role",
                                "role: must be clerk, manager or chief");
    if ((s = auth_password_ok(u->login, u->password, err)) != MEIBO_OK)
        return s;
    const char *te = u->term_end && *u->term_end ? u->term_end : NULL;
    if (te && !date_iso_valid(te))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "term_end",
                                "term_end: '%s' is not a date (YYYY-MM-DD)", te);
    if (te) {
        char today[16];
        db_today(ctx, today, sizeof today);
        if (strcmp(te, today) < 0)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, "term_end",
                                    "term_end: %s is already past (取扱規程 第34条)", te);
    }
    if (u->fixed_term && !te)
        return meibo_fail_reason(err, MEIBO_ERR_INVALID, "term_end", MEIBO_REASON_FIXED_TERM_END, NULL, NULL,
                                "term_end: a fixed-term account needs the last day of "
                                "employment (取扱規程 第34条)");
    if (u->pledge_on && *u->pledge_on)
        return staff_pledge_check(ctx, u->pledge_on, u->pledge_document, err);
    return MEIBO_OK;
}

static const char sql_user_count[] = "SELECT count(*) FROM users";
static const char sql_user_insert[] =
    "INSERT INTO users (login, display_name, role, password_hash, term_end, fixed_term, "
    "created_at, created_by, pledge_on, pledge_document, pledge_recorded_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, CASE WHEN ?9 IS NULL THEN NULL ELSE ?8 END)";

/* Insert a validated account and its audit row; inside the caller's transaction. */
static meibo_status user_insert(meibo_ctx *ctx, const user_new *u, const char *hash,
                                const char *created_by, const char *action, meibo_err *err)
{
    const char *te = u->term_end && *u->term_end ? u->term_end : NULL;
    char at[32];
    db_now_text(ctx, at, sizeof at);
    sqlite3_stmt *st = db_stmt(ctx, sql_user_insert, err);
    if (!st)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(st, 1, u->login, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, u->display_name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, meibo_role_name(u->role), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, hash, -1, SQLITE_TRANSIENT);
    if (te)
        sqlite3_bind_text(st, 5, te, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 6, u->fixed_term ? 1 : 0);
    sqlite3_bind_text(st, 7, at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 8, created_by, -1, SQLITE_TRANSIENT);
    bool pledge = u->pledge_on && *u->pledge_on;
    char pledge_iso[11] = "";
    meibo_err ignored;
    if (pledge && check_date("pledge_on", u->pledge_on, NULL, pledge_iso, &ignored) == MEIBO_OK)
        sqlite3_bind_text(st, 9, pledge_iso, -1, SQLITE_TRANSIENT);
    else
        pledge = false;
    sqlite3_bind_text(st, 10, pledge && u->pledge_document ? u->pledge_document : "", -1,
                      SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    int xrc = sqlite3_extended_errcode(ctx->db);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        if (xrc == SQLITE_CONSTRAINT_UNIQUE)
            return meibo_fail_reason(err, MEIBO_ERR_EXISTS, "login", MEIBO_REASON_REGISTERED,
                                     u->login, NULL, "login '%s' already exists", u->login);
        return db_fail(ctx, err, "adding a user");
    }
    char detail[200];
    snprintf(detail, sizeof detail, "login=%s role=%s fixed_term=%d term_end=%s pledge=%s",
             u->login, meibo_role_name(u->role), u->fixed_term ? 1 : 0, te ? te : "-",
             pledge ? pledge_iso : "-");
    if (!strcmp(action, "user.bootstrap"))
        return auth_audit_as(ctx, created_by, action, detail, err);
    return audit_append(ctx, action, NULL, detail, err);
}

meibo_status user_bootstrap(meibo_ctx *ctx, const user_new *u, meibo_err *err)
{
    if (!u)
        return meibo_fail(err, MEIBO_ERR_INVALID, "no account given");
    if (u->role != MEIBO_ROLE_CHIEF)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "role",
                                "role: the first account is the chief officer's (chief)");
    if (u->fixed_term)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "fixed_term",
                                "fixed_term: the first account cannot be fixed-term: nobody could "
                                "approve it (取扱規程 第33条)");
    meibo_status s = user_new_ok(ctx, u, err);
    if (s != MEIBO_OK)
        return s;
    char *hash = NULL;
    if ((s = auth_hash_password(u->password, &hash, err)) != MEIBO_OK)
        return s;
    if ((s = db_begin(ctx, err)) != MEIBO_OK) {
        free(hash);
        return s;
    }
    sqlite3_stmt *st = db_stmt(ctx, sql_user_count, err);
    if (!st) {
        s = MEIBO_ERR_DB;
    } else {
        int rc = sqlite3_step(st);
        int64_t n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
        if (rc != SQLITE_ROW)
            s = db_fail(ctx, err, "counting users");
        sqlite3_reset(st);
        if (s == MEIBO_OK && n > 0)
            s = meibo_fail(err, MEIBO_ERR_EXISTS,
                           "the database already has users; add more with: meibo user add");
    }
    if (s == MEIBO_OK)
        s = user_insert(ctx, u, hash, "system", "user.bootstrap", err);
    free(hash);
    return db_end(ctx, s, err);
}

meibo_status user_add(meibo_ctx *ctx, const user_new *u, meibo_err *err)
{
    meibo_status s = auth_require(ctx, MEIBO_ROLE_MANAGER, "add a user", err);
    if (s != MEIBO_OK)
        return s;
    if (!u)
        return meibo_fail(err, MEIBO_ERR_INVALID, "no account given");
    if (u->role == MEIBO_ROLE_CHIEF && ctx->role != MEIBO_ROLE_CHIEF)
        return meibo_fail_reason(err, MEIBO_ERR_DENIED, NULL, MEIBO_REASON_CHIEF_ACCOUNT, NULL, NULL,
                          "only the chief officer may add a chief account; you are %s",
                          meibo_role_name(ctx->role));
    if ((s = user_new_ok(ctx, u, err)) != MEIBO_OK)
        return s;
    char *hash = NULL;
    if ((s = auth_hash_password(u->password, &hash, err)) != MEIBO_OK)
        return s;
    if ((s = db_begin(ctx, err)) != MEIBO_OK) {
        free(hash);
        return s;
    }
    s = user_insert(ctx, u, hash, ctx->login, "user.add", err);
    free(hash);
    return db_end(ctx, s, err);
}

static const char sql_user_disable[] =
    "UPDATE users SET disabled = 1, disabled_at = ?2 WHERE id = ?1";
static const char sql_user_approve[] =
    "UPDATE users SET approved_by = ?2, approved_at = ?3 WHERE id = ?1";
static const char sql_user_password[] =
    "UPDATE users SET password_hash = ?2, failed_logins = 0, locked_until = 0 WHERE id = ?1";

/* Finish a one-row change: audit it, then commit; roll back on any failure. */
static meibo_status finish_change(meibo_ctx *ctx, meibo_status s, const char *action,
                                  const char *detail, meibo_err *err)
{
    if (s == MEIBO_OK)
        s = audit_append(ctx, action, NULL, detail, err);
    return db_end(ctx, s, err);
}

meibo_status user_disable(meibo_ctx *ctx, const char *login, meibo_err *err)
{
    meibo_status s = auth_require(ctx, MEIBO_ROLE_MANAGER, "disable a user", err);
    if (s != MEIBO_OK)
        return s;
    if (!login)
        login = "";
    if (!strcmp(login, ctx->login))
        return meibo_fail_reason(err, MEIBO_ERR_DENIED, NULL, MEIBO_REASON_OWN_ACCOUNT, NULL, NULL,
                                 "you cannot disable your own account");
    if ((s = db_begin(ctx, err)) != MEIBO_OK)
        return s;
    user_row u;
    if ((s = auth_user_fetch(ctx, login, 0, &u, err)) != MEIBO_OK) {
        db_rollback(ctx);
        return s;
    }
    if (u.role == MEIBO_ROLE_CHIEF && ctx->role != MEIBO_ROLE_CHIEF) {
        db_rollback(ctx);
        return meibo_fail_reason(err, MEIBO_ERR_DENIED, NULL, MEIBO_REASON_CHIEF_ACCOUNT, NULL, NULL,
                          "only the chief officer may disable a chief account; you are %s",
                          meibo_role_name(ctx->role));
    }
    if (u.disabled) {
        db_rollback(ctx);
        return MEIBO_OK; /* already done; nothing to record */
    }
    char at[32], detail[96];
    db_now_text(ctx, at, sizeof at);
    sqlite3_stmt *st = db_stmt(ctx, sql_user_disable, err);
    if (!st) {
        s = MEIBO_ERR_DB;
    } else {
        sqlite3_bind_int64(st, 1, u.id);
        sqlite3_bind_text(st, 2, at, -1, SQLITE_TRANSIENT);
        s = auth_run_update(ctx, st, "disabling a user", err);
    }
    snprintf(detail, sizeof detail, "login=%s", u.login);
    return finish_change(ctx, s, "user.disable", detail, err);
}

meibo_status user_approve(meibo_ctx *ctx, const char *login, meibo_err *err)
{
    meibo_status s = auth_require(ctx, MEIBO_ROLE_CHIEF, "approve a fixed-term account", err);
    if (s != MEIBO_OK)
        return s;
    if ((s = db_begin(ctx, err)) != MEIBO_OK)
        return s;
    user_row u;
    if ((s = auth_user_fetch(ctx, login ? login : "", 0, &u, err)) != MEIBO_OK) {
        db_rollback(ctx);
        return s;
    }
    if (!u.fixed_term) {
        db_rollback(ctx);
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "login",
                                "account '%s' is not fixed-term; only fixed-term accounts need "
                                "the chief officer's approval (取扱規程 第33条)",
                                u.login);
    }
    if (u.disabled) {
        db_rollback(ctx);
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "login", "account '%s' is disabled",
                                u.login);
    }
    if (u.approved) {
        db_rollback(ctx);
        return MEIBO_OK; /* already approved */
    }
    char at[32], detail[96];
    db_now_text(ctx, at, sizeof at);
    sqlite3_stmt *st = db_stmt(ctx, sql_user_approve, err);
    if (!st) {
        s = MEIBO_ERR_DB;
    } else {
        sqlite3_bind_int64(st, 1, u.id);
        sqlite3_bind_text(st, 2, ctx->login, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, at, -1, SQLITE_TRANSIENT);
        s = auth_run_update(ctx, st, "approving a user", err);
    }
    snprintf(detail, sizeof detail, "login=%s term_end=%s", u.login,
             u.term_end[0] ? u.term_end : "-");
    return finish_change(ctx, s, "user.approve", detail, err);
}

meibo_status user_set_password(meibo_ctx *ctx, const char *login, const char *password,
                               meibo_err *err)
{
    meibo_status s = auth_require(ctx, MEIBO_ROLE_CLERK, "change a password", err);
    if (s != MEIBO_OK)
        return s;
    if (!login)
        login = "";
    bool own = !strcmp(login, ctx->login);
    if (!own && ctx->role < MEIBO_ROLE_MANAGER)
        return meibo_fail(err, MEIBO_ERR_DENIED,
                          "'set another user's password' needs the manager role; you are %s",
                          meibo_role_name(ctx->role));
    if ((s = auth_password_ok(login, password, err)) != MEIBO_OK)
        return s;
    char *hash = NULL;
    if ((s = auth_hash_password(password, &hash, err)) != MEIBO_OK)
        return s;
    if ((s = db_begin(ctx, err)) != MEIBO_OK) {
        free(hash);
        return s;
    }
    user_row u;
    if ((s = auth_user_fetch(ctx, login, 0, &u, err)) == MEIBO_OK && !own &&
        u.role == MEIBO_ROLE_CHIEF && ctx->role != MEIBO_ROLE_CHIEF)
        s = meibo_fail_reason(err, MEIBO_ERR_DENIED, NULL, MEIBO_REASON_CHIEF_ACCOUNT, NULL, NULL,
                       "only the chief officer may set a chief account's password; you are %s",
                       meibo_role_name(ctx->role));
    if (s == MEIBO_OK) {
        sqlite3_stmt *st = db_stmt(ctx, sql_user_password, err);
        if (!st) {
            s = MEIBO_ERR_DB;
        } else {
            sqlite3_bind_int64(st, 1, u.id);
            sqlite3_bind_text(st, 2, hash, -1, SQLITE_TRANSIENT);
            s = auth_run_update(ctx, st, "setting a password", err);
        }
    }
    if (s == MEIBO_OK)
        s = auth_failures_clear(ctx, u.login, err);
    free(hash);
    char detail[96];
    snprintf(detail, sizeof detail, "login=%s %s", login, own ? "own" : "reset");
    return finish_change(ctx, s, "user.password", detail, err);
}

static const char sql_user_unlock[] = "UPDATE users SET failed_logins = 0, locked_until = 0 "
                                     "WHERE id = ?1";

/* The manager may change a clerk's or a manager's account; a chief's only the chief. */
static meibo_status fetch_for_change(meibo_ctx *ctx, const char *login, const char *what,
                                     user_row *u, meibo_err *err)
{
    meibo_status s = auth_user_fetch(ctx, login ? login : "", 0, u, err);
    if (s == MEIBO_OK && u->role == MEIBO_ROLE_CHIEF && ctx->role != MEIBO_ROLE_CHIEF)
        s = meibo_fail_reason(err, MEIBO_ERR_DENIED, NULL, MEIBO_REASON_CHIEF_ACCOUNT, NULL, NULL,
                       "only the chief officer may %s a chief account; you are %s", what,
                       meibo_role_name(ctx->role));
    return s;
}

meibo_status user_unlock(meibo_ctx *ctx, const char *login, int *failures, meibo_err *err)
{
    if (failures)
        *failures = 0;
    meibo_status s = auth_require(ctx, MEIBO_ROLE_MANAGER, "clear a user's login delay", err);
    if (s != MEIBO_OK)
        return s;
    if ((s = db_begin(ctx, err)) != MEIBO_OK)
        return s;
    user_row u;
    if ((s = fetch_for_change(ctx, login, "unlock", &u, err)) != MEIBO_OK) {
        db_rollback(ctx);
        return s;
    }
    int n = 0;
    if ((s = auth_login_failures(ctx, u.login, &n, err)) != MEIBO_OK) {
        db_rollback(ctx);
        return s;
    }
    sqlite3_stmt *st = db_stmt(ctx, sql_user_unlock, err);
    if (!st) {
        s = MEIBO_ERR_DB;
    } else {
        sqlite3_bind_int64(st, 1, u.id);
        s = auth_run_update(ctx, st, "clearing a user's failed logins", err);
    }
    if (s == MEIBO_OK) /* the ID's count only: a source's stays (取扱規程 第33条) */
        s = auth_failures_clear(ctx, u.login, err);
    if (failures)
        *failures = n;
    char detail[128];
    snprintf(detail, sizeof detail, "login=%s failures=%d", u.login, n);
    return finish_change(ctx, s, "user.unlock", detail, err);
}

static const char sql_user_term[] = "UPDATE users SET term_end = ?2 WHERE id = ?1";

meibo_status user_set_term_end(meibo_ctx *ctx, const char *login, const char *term_end,
                               meibo_err *err)
{
    meibo_status s = auth_require(ctx, MEIBO_ROLE_MANAGER, "set a term end", err);
    if (s != MEIBO_OK)
        return s;
    const char *te = term_end && *term_end ? term_end : NULL;
    if (te && !date_iso_valid(te))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "term_end",
                                "term_end: '%s' is not a date (YYYY-MM-DD)", te);
    if (te) {
        char today[16];
        db_today(ctx, today, sizeof today);
        if (strcmp(te, today) < 0)
            return meibo_fail_reason(err, MEIBO_ERR_INVALID, "term_end", MEIBO_REASON_TERM_PAST,
                                     te, NULL,
                                     "term_end: %s is already past; disable the account to end "
                                     "its access now (取扱規程 第34条)",
                                     te);
    }
    if ((s = db_begin(ctx, err)) != MEIBO_OK)
        return s;
    user_row u;
    if ((s = fetch_for_change(ctx, login, "set the term end of", &u, err)) != MEIBO_OK) {
        db_rollback(ctx);
        return s;
    }
    if (!te && u.fixed_term) {
        db_rollback(ctx);
        return meibo_fail_reason(err, MEIBO_ERR_INVALID, "term_end", MEIBO_REASON_FIXED_TERM_END, NULL, NULL,
                                "term_end: a fixed-term account needs the last day of "
                                "employment (取扱規程 第34条)");
    }
    sqlite3_stmt *st = db_stmt(ctx, sql_user_term, err);
    if (!st) {
        s = MEIBO_ERR_DB;
    } else {
        sqlite3_bind_int64(st, 1, u.id);
        if (te)
            sqlite3_bind_text(st, 2, te, -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(st, 2);
        s = auth_run_update(ctx, st, "setting a term end", err);
    }
    char detail[128];
    snprintf(detail, sizeof detail, "login=%s term_end=%s was=%s", u.login, te ? te : "-",
             u.term_end[0] ? u.term_end : "-");
    return finish_change(ctx, s, "user.term", detail, err);
}

static const char sql_user_list[] =
    "SELECT id, login, display_name, role, term_end, approved_by, last_login_at, created_at, "
    "fixed_term, disabled, failed_logins, locked_until FROM users ORDER BY login";

meibo_status user_list(meibo_ctx *ctx, user_fn fn, void *arg, meibo_err *err)
{
    meibo_status s = auth_require(ctx, MEIBO_ROLE_MANAGER, "list users", err);
    if (s != MEIBO_OK)
        return s;
    sqlite3_stmt *st = db_stmt(ctx, sql_user_list, err);
    if (!st)
        return MEIBO_ERR_DB;
    char today[16];
    db_today(ctx, today, sizeof today);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *c[8];
        for (int i = 1; i < 8; i++) /* NULL stays NULL: no term end, not approved, never */
            c[i] = (const char *)sqlite3_column_text(st, i);
        user_info u = {
            .id = sqlite3_column_int64(st, 0),
            .login = c[1], .display_name = c[2], .role = meibo_role_parse(c[3]),
            .term_end = c[4], .approved_by = c[5], .last_login_at = c[6], .created_at = c[7],
            .fixed_term = sqlite3_column_int(st, 8) != 0,
            .disabled = sqlite3_column_int(st, 9) != 0,
            .failed_logins = sqlite3_column_int(st, 10),
            .locked_until = sqlite3_column_int64(st, 11),
        };
        if (u.disabled)
            u.state = "disabled";
        else if (u.term_end && strcmp(u.term_end, today) < 0)
            u.state = "expired";
        else if (u.fixed_term && !u.approved_by)
            u.state = "awaiting approval";
        else
            u.state = "active";
        if (fn && fn(&u, arg) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    if (rc != SQLITE_DONE)
        s = db_fail(ctx, err, "listing users");
    sqlite3_reset(st);
    return s;
}

meibo_status user_count(meibo_ctx *ctx, int64_t *n, meibo_err *err)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(ctx, sql_user_count, err);
    if (!st)
        return MEIBO_ERR_DB;
    meibo_status s = MEIBO_OK;
    if (sqlite3_step(st) == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    else
        s = db_fail(ctx, err, "counting users");
    sqlite3_reset(st);
    return s;
}

/* auth.c: who is acting: passwords, logging in with its delay, the role a step needs, and the
 * account rules a login checks (取扱規程 第27条, 第33条, 第34条). The accounts themselves are
 * users.c. */
#include <crypt.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <unistr.h>

#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/check.h"
#include "meibo/date.h"
#include "meibo/text.h"
#include "auth_int.h"

/* Verified against on an unknown login so that it costs as much as a wrong password. */
static const char auth_dummy_hash[] =
    "$y$j9T$HY3fbNwg68W9Dna3kP2Dq1$I7Wrv1nuJE97qJlr2V5yLGHH.0yt2mZCzeky8dtHV14";

#define AUTH_BAD_LOGIN_MSG "login ID or password is wrong"

meibo_status auth_hash_password(const char *password, char **hash, meibo_err *err)
{
    *hash = NULL;
    if (!password)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "password", "password: none given");
    char *setting = crypt_gensalt_ra("$y$", 0, NULL, 0);
    if (!setting)
        return meibo_fail(err, errno == ENOMEM ? MEIBO_ERR_NOMEM : MEIBO_ERR_IO,
                          "password hashing: cannot make a salt: %s", strerror(errno));
    struct crypt_data *cd = calloc(1, sizeof *cd);
    if (!cd) {
        free(setting);
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    }
    const char *out = crypt_r(password, setting, cd);
    free(setting);
    meibo_status s = MEIBO_OK;
    if (!out || out[0] == '*')
        s = meibo_fail(err, MEIBO_ERR_IO, "password hashing failed (yescrypt)");
    else if (!(*hash = strdup(out)))
        s = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    explicit_bzero(cd, sizeof *cd);
    free(cd);
    return s;
}

bool auth_check_password(const char *password, const char *hash)
{
    if (!password || !hash || !*hash || hash[0] == '*')
        return false;
    struct crypt_data *cd = calloc(1, sizeof *cd);
    if (!cd)
        return false;
    const char *out = crypt_r(password, hash, cd);
    bool ok = false;
    if (out && out[0] != '*') {
        size_t n = strlen(hash);
        ok = strlen(out) == n && CRYPTO_memcmp(out, hash, n) == 0;
    }
    explicit_bzero(cd, sizeof *cd);
    free(cd);
    return ok;
}

#define USER_COLS                                                                            \
    "SELECT id, login, display_name, role, password_hash, term_end, fixed_term, "            \
    "approved_by IS NOT NULL, disabled, failed_logins, locked_until, pledge_on IS NOT NULL "  \
    "FROM users "
static const char sql_user_by_login[] = USER_COLS "WHERE login = ?1";
static const char sql_user_by_id[] = USER_COLS "WHERE id = ?1";

/* Read one user by login (login != NULL) or id: MEIBO_OK, MEIBO_ERR_NOT_FOUND or an error. */
meibo_status auth_user_fetch(meibo_ctx *ctx, const char *login, int64_t id, user_row *u,
                        meibo_err *err)
{
    memset(u, 0, sizeof *u); /* nothing left undefined on any way out */
    sqlite3_stmt *st = db_stmt(ctx, login ? sql_user_by_login : sql_user_by_id, err);
    if (!st)
        return MEIBO_ERR_DB;
    if (login)
        sqlite3_bind_text(st, 1, login, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(st);
        return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "login", "no user '%s'",
                                login ? login : "(by id)");
    }
    if (rc != SQLITE_ROW) {
        meibo_status s = db_fail(ctx, err, "reading a user");
        sqlite3_reset(st);
        return s;
    }
    const char *t;
    u->id = sqlite3_column_int64(st, 0);
    t = (const char *)sqlite3_column_text(st, 1);
    text_copy_cut(u->login, sizeof u->login, t ? t : "");
    t = (const char *)sqlite3_column_text(st, 2);
    text_copy_cut(u->display_name, sizeof u->display_name, t ? t : "");
    u->role = meibo_role_parse((const char *)sqlite3_column_text(st, 3));
    t = (const char *)sqlite3_column_text(st, 4);
    snprintf(u->hash, sizeof u->hash, "%s", t ? t : "");
    t = (const char *)sqlite3_column_text(st, 5);
    snprintf(u->term_end, sizeof u->term_end, "%s", t ? t : "");
    u->fixed_term = sqlite3_column_int(st, 6) != 0;
    u->approved = sqlite3_column_int(st, 7) != 0;
    u->disabled = sqlite3_column_int(st, 8) != 0;
    u->failed_logins = sqlite3_column_int(st, 9);
    u->locked_until = sqlite3_column_int64(st, 10);
    u->pledge = sqlite3_column_int(st, 11) != 0;
    sqlite3_reset(st);
    return MEIBO_OK;
}

/* Is the account usable today (取扱規程 第33条, 第34条)? *reason gets a short code. */
static meibo_status user_validity(const meibo_ctx *ctx, const user_row *u, const char **reason,
                                  meibo_err *err)
{
    char today[16];
    db_today(ctx, today, sizeof today);
    if (u->disabled) {
        *reason = "disabled";
        return meibo_fail(err, MEIBO_ERR_EXPIRED, "account '%s' is disabled (取扱規程 第34条)",
                          u->login);
    }
    if (u->term_end[0] && strcmp(u->term_end, today) < 0) {
        *reason = "term_ended";
        return meibo_fail(err, MEIBO_ERR_EXPIRED, "account ended on %s (取扱規程 第34条)",
                          u->term_end);
    }
    if (u->fixed_term && !u->approved) {
        *reason = "unapproved";
        return meibo_fail(err, MEIBO_ERR_EXPIRED,
                          "fixed-term account awaits the chief officer's approval "
                          "(取扱規程 第33条)");
    }
    if (!auth_pledge_allows_login(u->pledge, ctx->login_without_pledge)) {
        *reason = "no_pledge";
        return meibo_fail_reason(err, MEIBO_ERR_EXPIRED, NULL, MEIBO_REASON_NO_PLEDGE, u->login,
                                 NULL, "no confidentiality pledge of '%s' is on file "
                                 "(取扱規程 第27条): a manager records it with meibo user pledge "
                                 "%s --on DATE", u->login, u->login);
    }
    *reason = NULL;
    return MEIBO_OK;
}

/* Append an audit row under another name (a failed login, the system) than ctx's user. */
meibo_status auth_audit_as(meibo_ctx *ctx, const char *who, const char *action,
                      const char *detail, meibo_err *err)
{
    char saved[sizeof ctx->login];
    memcpy(saved, ctx->login, sizeof saved);
    text_copy_cut(ctx->login, sizeof ctx->login, who ? who : "");
    meibo_status s = audit_append(ctx, action, NULL, detail, err);
    memcpy(ctx->login, saved, sizeof saved);
    return s;
}

static bool ctx_is_system(const meibo_ctx *ctx)
{
    return ctx->user_id == 0 && ctx->role == MEIBO_ROLE_CHIEF && !strcmp(ctx->login, "system");
}

static void ctx_logout(meibo_ctx *ctx)
{
    ctx->user_id = 0;
    ctx->login[0] = '\0';
    ctx->display_name[0] = '\0';
    ctx->role = MEIBO_ROLE_NONE;
}

static const char sql_login_fail[] =
    "UPDATE users SET failed_logins = failed_logins + 1, locked_until = 0 WHERE id = ?1";
static const char sql_login_ok[] =
    "UPDATE users SET failed_logins = 0, locked_until = 0, last_login_at = ?2 WHERE id = ?1";
static const char sql_fail_get[] =
    "SELECT failures, last_failure FROM login_failures WHERE key = ?1";
/* a failure after a quiet spell of AUTH_FORGET_SECONDS counts as the first again */
static const char sql_fail_add[] =
    "INSERT INTO login_failures (key, failures, last_failure) VALUES (?1, 1, ?2) "
    "ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN ?2 - last_failure > ?3 THEN 1 "
    "ELSE min(failures + 1, 1000) END, last_failure = ?2";
static const char sql_fail_clear[] = "DELETE FROM login_failures WHERE key = ?1";
static const char sql_fail_prune[] = "DELETE FROM login_failures WHERE last_failure < ?1";

/* Step a bound UPDATE once and reset it. */
meibo_status auth_run_update(meibo_ctx *ctx, sqlite3_stmt *st, const char *what, meibo_err *err)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_fail(ctx, err, what);
    return MEIBO_OK;
}

int auth_delay(int failures)
{
    if (failures < AUTH_DELAY_FREE)
        return 0;
    int d = 1;
    for (int i = AUTH_DELAY_FREE; i < failures && d < AUTH_DELAY_CAP; i++)
        d *= 2;
    return d < AUTH_DELAY_CAP ? d : AUTH_DELAY_CAP;
}

/* The keys a failure is counted under: the login as typed (known or not), the Unix user and,
 * when one is claimed, the SSH client (取扱規程 第33条). Unused slots are "". */
#define AUTH_KEYS 3
typedef struct fail_keys {
    char k[AUTH_KEYS][96];
} fail_keys;

static void fail_keys_make(const meibo_ctx *ctx, const char *login, fail_keys *fk)
{
    memset(fk, 0, sizeof *fk);
    char cut[64];
    text_copy_cut(cut, sizeof cut, login);
    snprintf(fk->k[0], sizeof fk->k[0], "login:%s", cut);
    snprintf(fk->k[1], sizeof fk->k[1], "uid:%u", (unsigned)getuid());
    if (ctx->ssh_client[0] && strcmp(ctx->ssh_client, "local") != 0)
        snprintf(fk->k[2], sizeof fk->k[2], "ssh:%s", ctx->ssh_client);
}

/* Seconds until the next try of one key is due, 0 when it is due now. */
static meibo_status key_wait(meibo_ctx *ctx, const char *key, int64_t now, int *wait,
                             meibo_err *err)
{
    *wait = 0;
    sqlite3_stmt *st = db_stmt(ctx, sql_fail_get, err);
    if (!st)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        int fails = sqlite3_column_int(st, 0);
        int64_t last = sqlite3_column_int64(st, 1);
        if (now - last <= AUTH_FORGET_SECONDS) {
            int64_t w = last + auth_delay(fails) - now;
            /* a clock set back never waits longer than the cap */
            *wait = w <= 0 ? 0 : w > AUTH_DELAY_CAP ? AUTH_DELAY_CAP : (int)w;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(ctx, err, "reading failed logins");
    return MEIBO_OK;
}

meibo_status auth_login_wait(meibo_ctx *ctx, const char *login, int *seconds, meibo_err *err)
{
    *seconds = 0;
    fail_keys fk;
    fail_keys_make(ctx, login ? login : "", &fk);
    int64_t now = db_now(ctx);
    for (int i = 0; i < AUTH_KEYS; i++) {
        int w = 0;
        meibo_status s = fk.k[i][0] ? key_wait(ctx, fk.k[i], now, &w, err) : MEIBO_OK;
        if (s != MEIBO_OK)
            return s;
        if (w > *seconds)
            *seconds = w;
    }
    return MEIBO_OK;
}

/* Wait @p seconds; a test clock (ctx->fixed_now) moves on instead of sleeping. */
static void login_sleep(meibo_ctx *ctx, int seconds)
{
    if (seconds <= 0)
        return;
    if (ctx->fixed_now) {
        ctx->fixed_now += seconds;
        return;
    }
    struct timespec ts = {.tv_sec = seconds, .tv_nsec = 0};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* Count a failure under every key, forgetting rows long quiet. */
static meibo_status failures_add(meibo_ctx *ctx, const fail_keys *fk, int64_t now, meibo_err *err)
{
    sqlite3_stmt *st = db_stmt(ctx, sql_fail_prune, err);
    if (!st)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(st, 1, now - AUTH_FORGET_SECONDS);
    meibo_status s = auth_run_update(ctx, st, "forgetting old failed logins", err);
    for (int i = 0; s == MEIBO_OK && i < AUTH_KEYS; i++) {
        if (!fk->k[i][0])
            continue;
        if (!(st = db_stmt(ctx, sql_fail_add, err)))
            return MEIBO_ERR_DB;
        sqlite3_bind_text(st, 1, fk->k[i], -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, now);
        sqlite3_bind_int64(st, 3, AUTH_FORGET_SECONDS);
        s = auth_run_update(ctx, st, "recording a failed login", err);
    }
    return s;
}

/* The consecutive failures counted under one key (0 when none). */
static meibo_status key_count(meibo_ctx *ctx, const char *key, int *n, meibo_err *err)
{
    *n = 0;
    sqlite3_stmt *st = db_stmt(ctx, sql_fail_get, err);
    if (!st)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(ctx, err, "reading failed logins");
    return MEIBO_OK;
}

meibo_status auth_login_failures(meibo_ctx *ctx, const char *login, int *n, meibo_err *err)
{
    fail_keys fk;
    fail_keys_make(ctx, login, &fk);
    return key_count(ctx, fk.k[0], n, err);
}

/* A success or a new password clears the login's own count (not the source's: an attacker
 * with an account of their own must not wipe what their source has done). */
meibo_status auth_failures_clear(meibo_ctx *ctx, const char *login, meibo_err *err)
{
    fail_keys fk;
    fail_keys_make(ctx, login, &fk);
    sqlite3_stmt *st = db_stmt(ctx, sql_fail_clear, err);
    if (!st)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(st, 1, fk.k[0], -1, SQLITE_TRANSIENT);
    return auth_run_update(ctx, st, "clearing failed logins", err);
}

/* The decision part of a login, inside BEGIN IMMEDIATE; *out gets the result for the caller.
 * Unknown IDs and wrong passwords are answered, counted and delayed alike. */
static meibo_status login_decide(meibo_ctx *ctx, const char *login, const char *password,
                                 bool found, bool pw_ok, const char *checked_hash, int waited,
                                 meibo_err *out, meibo_err *err)
{
    user_row u;
    meibo_status s = MEIBO_OK;
    if (found) {
        /* re-read under the write lock: concurrent logins must count right */
        s = auth_user_fetch(ctx, login, 0, &u, err);
        if (s == MEIBO_ERR_NOT_FOUND)
            found = false;
        else if (s != MEIBO_OK)
            return s;
        else if (strcmp(u.hash, checked_hash) != 0)
            pw_ok = auth_check_password(password, u.hash); /* password changed meanwhile */
    }
    int64_t now = db_now(ctx);
    char detail[160];
    if (!found || !pw_ok) {
        fail_keys fk;
        fail_keys_make(ctx, login, &fk);
        if ((s = failures_add(ctx, &fk, now, err)) != MEIBO_OK)
            return s;
        /* the same statement for an unknown ID (no row: id 0), so both take as long */
        sqlite3_stmt *st = db_stmt(ctx, sql_login_fail, err);
        if (!st)
            return MEIBO_ERR_DB;
        sqlite3_bind_int64(st, 1, found ? u.id : 0);
        if ((s = auth_run_update(ctx, st, "recording a failed login", err)) != MEIBO_OK)
            return s;
        int n = 0;
        if ((s = key_count(ctx, fk.k[0], &n, err)) != MEIBO_OK)
            return s;
        snprintf(detail, sizeof detail, "reason=%s failures=%d waited=%d next_wait=%d",
                 found ? "bad_password" : "unknown_login", n, waited, auth_delay(n));
        meibo_fail(out, MEIBO_ERR_AUTH, AUTH_BAD_LOGIN_MSG);
        return auth_audit_as(ctx, found ? u.login : login, "login_failed", detail, err);
    }
    const char *reason = NULL;
    if (user_validity(ctx, &u, &reason, out) != MEIBO_OK) {
        snprintf(detail, sizeof detail, "reason=%s", reason);
        return auth_audit_as(ctx, u.login, "login_failed", detail, err);
    }
    char at[32];
    db_now_text(ctx, at, sizeof at);
    sqlite3_stmt *st = db_stmt(ctx, sql_login_ok, err);
    if (!st)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(st, 1, u.id);
    sqlite3_bind_text(st, 2, at, -1, SQLITE_TRANSIENT);
    if ((s = auth_run_update(ctx, st, "recording a login", err)) != MEIBO_OK)
        return s;
    if ((s = auth_failures_clear(ctx, u.login, err)) != MEIBO_OK)
        return s;
    ctx->user_id = u.id;
    text_copy_cut(ctx->login, sizeof ctx->login, u.login);
    text_copy_cut(ctx->display_name, sizeof ctx->display_name, u.display_name);
    ctx->role = u.role;
    const char *rn = meibo_role_name(u.role);
    if (waited)
        snprintf(detail, sizeof detail, "role=%s waited=%d", rn ? rn : "?", waited);
    else
        snprintf(detail, sizeof detail, "role=%s", rn ? rn : "?");
    meibo_err_clear(out);
    return audit_append(ctx, "login", NULL, detail, err);
}

meibo_status auth_login(meibo_ctx *ctx, const char *login, const char *password, meibo_err *err)
{
    if (!login)
        login = "";
    if (!password)
        password = "";
    ctx_logout(ctx);

    /* the delay this ID and this source have earned, slept before anything is checked and
     * read once: failures made meanwhile by others never make this try wait longer */
    int wait = 0;
    meibo_status s = auth_login_wait(ctx, login, &wait, err);
    if (s != MEIBO_OK)
        return s;
    login_sleep(ctx, wait);

    /* the slow hash runs before taking the write lock */
    user_row u;
    s = auth_user_fetch(ctx, login, 0, &u, err);
    if (s != MEIBO_OK && s != MEIBO_ERR_NOT_FOUND)
        return s;
    bool found = s == MEIBO_OK;
    bool pw_ok = auth_check_password(password, found ? u.hash : auth_dummy_hash) && found;

    meibo_err out;
    meibo_err_clear(&out);
    if ((s = db_begin(ctx, err)) != MEIBO_OK)
        return s;
    s = login_decide(ctx, login, password, found, pw_ok, found ? u.hash : "", wait, &out, err);
    if (s == MEIBO_OK)
        s = db_commit(ctx, err);
    else
        db_rollback(ctx);
    if (s == MEIBO_OK && out.code != MEIBO_OK) {
        if (err)
            *err = out;
        s = out.code;
    }
    if (s != MEIBO_OK)
        ctx_logout(ctx);
    explicit_bzero(&u, sizeof u);
    return s;
}

meibo_status auth_require(meibo_ctx *ctx, meibo_role min, const char *what, meibo_err *err)
{
    if (!what || !*what)
        what = "this action";
    if (ctx_is_system(ctx))
        return MEIBO_OK;
    if (ctx->user_id == 0)
        return meibo_fail(err, MEIBO_ERR_DENIED, "log in first");
    user_row u;
    meibo_status s = auth_user_fetch(ctx, NULL, ctx->user_id, &u, err);
    if (s == MEIBO_ERR_NOT_FOUND)
        return meibo_fail(err, MEIBO_ERR_EXPIRED, "account '%s' no longer exists", ctx->login);
    if (s != MEIBO_OK)
        return s;
    const char *reason;
    if ((s = user_validity(ctx, &u, &reason, err)) != MEIBO_OK)
        return s;
    ctx->role = u.role; /* the row is the truth, not what was read at login */
    if (u.role < min) {
        const char *need = meibo_role_name(min), *have = meibo_role_name(u.role);
        meibo_reason r = min == MEIBO_ROLE_CHIEF     ? MEIBO_REASON_ROLE_CHIEF
                         : min == MEIBO_ROLE_MANAGER ? MEIBO_REASON_ROLE_MANAGER
                                                     : MEIBO_REASON_ROLE_CLERK;
        return meibo_fail_reason(err, MEIBO_ERR_DENIED, NULL, r, what, NULL,
                                 "'%s' needs the %s role; you are %s", what, need ? need : "?",
                                 have ? have : "nobody");
    }
    return MEIBO_OK;
}

/* ---- the confidentiality pledge at login (取扱規程 第27条) ---------------------------------- */

bool auth_pledge_allows_login(bool pledge_on_file, bool login_without_pledge)
{
    return pledge_on_file || login_without_pledge;
}

void auth_set_pledge_rule(meibo_ctx *ctx, bool login_without_pledge)
{
    if (ctx)
        ctx->login_without_pledge = login_without_pledge;
}

/* auth.c: staff accounts, passwords, roles and the login delay (取扱規程 第33条, 第34条). */
#include <crypt.h>
#include <errno.h>
#include <inttypes.h>
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
#include "meibo/text.h"
#include "meibo/date.h"
#include "meibo/staff.h"

/* Verified against on an unknown login so that it costs as much as a wrong password. */
static const char auth_dummy_hash[] =
    "$y$j9T$HY3fbNwg68W9Dna3kP2Dq1$I7Wrv1nuJE97qJlr2V5yLGHH.0yt2mZCzeky8dtHV14";

/* File-private; visible to the unit tests (-DTESTING). */
STATIC bool auth_login_ok(const char *s);
STATIC meibo_status auth_password_ok(const char *login, const char *password, meibo_err *err);

#define AUTH_MAX_PASSWORD_BYTES 1024
#define AUTH_MAX_DISPLAY_NAME 64
#define AUTH_BAD_LOGIN_MSG "login ID or password is wrong"

/* A users row as the checks need it (fixed buffers: no allocation to free). */
typedef struct user_row {
    int64_t id;
    char login[64];
    char display_name[AUTH_MAX_DISPLAY_NAME * 4 + 4];
    meibo_role role;
    char hash[256];
    char term_end[16]; /* "" when none */
    bool fixed_term, approved, disabled;
    bool pledge; /* a confidentiality pledge is on file (取扱規程 第27条) */
    int failed_logins;
    int64_t locked_until;
} user_row;



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
static meibo_status user_fetch(meibo_ctx *ctx, const char *login, int64_t id, user_row *u,
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
    if (!staff_pledge_allows_login(u->pledge, ctx->login_without_pledge)) {
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
static meibo_status audit_as(meibo_ctx *ctx, const char *who, const char *action,
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
static meibo_status run_update(meibo_ctx *ctx, sqlite3_stmt *st, const char *what, meibo_err *err)
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
    meibo_status s = run_update(ctx, st, "forgetting old failed logins", err);
    for (int i = 0; s == MEIBO_OK && i < AUTH_KEYS; i++) {
        if (!fk->k[i][0])
            continue;
        if (!(st = db_stmt(ctx, sql_fail_add, err)))
            return MEIBO_ERR_DB;
        sqlite3_bind_text(st, 1, fk->k[i], -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, now);
        sqlite3_bind_int64(st, 3, AUTH_FORGET_SECONDS);
        s = run_update(ctx, st, "recording a failed login", err);
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

/* A success or a new password clears the login's own count (not the source's: an attacker
 * with an account of their own must not wipe what their source has done). */
static meibo_status failures_clear(meibo_ctx *ctx, const char *login, meibo_err *err)
{
    fail_keys fk;
    fail_keys_make(ctx, login, &fk);
    sqlite3_stmt *st = db_stmt(ctx, sql_fail_clear, err);
    if (!st)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(st, 1, fk.k[0], -1, SQLITE_TRANSIENT);
    return run_update(ctx, st, "clearing failed logins", err);
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
        s = user_fetch(ctx, login, 0, &u, err);
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
        if ((s = run_update(ctx, st, "recording a failed login", err)) != MEIBO_OK)
            return s;
        int n = 0;
        if ((s = key_count(ctx, fk.k[0], &n, err)) != MEIBO_OK)
            return s;
        snprintf(detail, sizeof detail, "reason=%s failures=%d waited=%d next_wait=%d",
                 found ? "bad_password" : "unknown_login", n, waited, auth_delay(n));
        meibo_fail(out, MEIBO_ERR_AUTH, AUTH_BAD_LOGIN_MSG);
        return audit_as(ctx, found ? u.login : login, "login_failed", detail, err);
    }
    const char *reason = NULL;
    if (user_validity(ctx, &u, &reason, out) != MEIBO_OK) {
        snprintf(detail, sizeof detail, "reason=%s", reason);
        return audit_as(ctx, u.login, "login_failed", detail, err);
    }
    char at[32];
    db_now_text(ctx, at, sizeof at);
    sqlite3_stmt *st = db_stmt(ctx, sql_login_ok, err);
    if (!st)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(st, 1, u.id);
    sqlite3_bind_text(st, 2, at, -1, SQLITE_TRANSIENT);
    if ((s = run_update(ctx, st, "recording a login", err)) != MEIBO_OK)
        return s;
    if ((s = failures_clear(ctx, u.login, err)) != MEIBO_OK)
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
    s = user_fetch(ctx, login, 0, &u, err);
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
    meibo_status s = user_fetch(ctx, NULL, ctx->user_id, &u, err);
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
        return audit_as(ctx, created_by, action, detail, err);
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
    if (s != MEIBO_OK) {
        db_rollback(ctx);
        return s;
    }
    return db_commit(ctx, err);
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
    if (s != MEIBO_OK) {
        db_rollback(ctx);
        return s;
    }
    return db_commit(ctx, err);
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
    if (s != MEIBO_OK) {
        db_rollback(ctx);
        return s;
    }
    return db_commit(ctx, err);
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
    if ((s = user_fetch(ctx, login, 0, &u, err)) != MEIBO_OK) {
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
        s = run_update(ctx, st, "disabling a user", err);
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
    if ((s = user_fetch(ctx, login ? login : "", 0, &u, err)) != MEIBO_OK) {
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
        s = run_update(ctx, st, "approving a user", err);
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
    if ((s = user_fetch(ctx, login, 0, &u, err)) == MEIBO_OK && !own &&
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
            s = run_update(ctx, st, "setting a password", err);
        }
    }
    if (s == MEIBO_OK)
        s = failures_clear(ctx, u.login, err);
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
    meibo_status s = user_fetch(ctx, login ? login : "", 0, u, err);
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
    fail_keys fk;
    fail_keys_make(ctx, u.login, &fk);
    if ((s = key_count(ctx, fk.k[0], &n, err)) != MEIBO_OK) {
        db_rollback(ctx);
        return s;
    }
    sqlite3_stmt *st = db_stmt(ctx, sql_user_unlock, err);
    if (!st) {
        s = MEIBO_ERR_DB;
    } else {
        sqlite3_bind_int64(st, 1, u.id);
        s = run_update(ctx, st, "clearing a user's failed logins", err);
    }
    if (s == MEIBO_OK) /* the ID's count only: a source's stays (取扱規程 第33条) */
        s = failures_clear(ctx, u.login, err);
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
        s = run_update(ctx, st, "setting a term end", err);
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

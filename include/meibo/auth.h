/**
 * @file auth.h
 * @brief Staff accounts (取扱規程 第33条, 第34条): one ID and password per person, roles,
 * a delay after failed logins, term end, the chief officer's approval of fixed-term IDs.
 */
#ifndef MEIBO_AUTH_H
#define MEIBO_AUTH_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/db.h"

#define AUTH_DELAY_FREE 3              /**< failed logins (per ID, per source) before a delay */
#define AUTH_DELAY_CAP 32              /**< the longest delay, seconds */
#define AUTH_FORGET_SECONDS (15 * 60)  /**< a quiet spell after which failures are forgotten */
#define AUTH_MIN_PASSWORD 8          /**< minimum password length in characters */

/**
 * @brief Log in: on success fills ctx->user_id, login, display_name and role and resets the
 * failure count of the ID. Refuses, with a message a clerk can act on: unknown login or wrong
 * password (MEIBO_ERR_AUTH: one wording, one delay and one cost for both), disabled or past
 * term_end or a fixed-term account not yet approved by the chief officer, or without a
 * confidentiality pledge on file (取扱規程 第27条; unless ctx->login_without_pledge, staff.h)
 * (MEIBO_ERR_EXPIRED).
 * No account is ever locked: each try first waits what its ID and its source (the Unix user,
 * a claimed SSH client) have earned, auth_delay() of their consecutive failures (read once,
 * so others' failures meanwhile never lengthen it; a test clock, ctx->fixed_now, moves on
 * instead of sleeping). Failures are counted in the database (login_failures) and forgotten
 * after AUTH_FORGET_SECONDS of quiet. Successes and failures are written to the audit log,
 * with the wait.
 */
meibo_status auth_login(meibo_ctx *ctx, const char *login, const char *password, meibo_err *err);

/**
 * @brief Check that the logged-in user may act now: logged in, role at least @p min, and
 * the account still valid (not disabled, not past term end, approved if fixed-term).
 * @param what the action, for the message ("approve a fixed-term account")
 */
meibo_status auth_require(meibo_ctx *ctx, meibo_role min, const char *what, meibo_err *err);

/**
 * @brief The seconds a login as @p login from this source would wait now (0: none), for a
 * login screen to say so before it calls auth_login().
 */
meibo_status auth_login_wait(meibo_ctx *ctx, const char *login, int *seconds, meibo_err *err);

/**
 * @brief The delay, in seconds, before the next login try of an ID or source with @p failures
 * consecutive failures: none for the first AUTH_DELAY_FREE, then 1 s doubling each failure
 * up to AUTH_DELAY_CAP (取扱規程 第33条; 規程 第12条). Pure.
 */
int auth_delay(int failures);

/** @brief Hash a password with yescrypt (libxcrypt). *hash is malloc'd, caller frees. */
meibo_status auth_hash_password(const char *password, char **hash, meibo_err *err);

/** @brief Does @p password match @p hash? Constant-time compare. */
bool auth_check_password(const char *password, const char *hash);

typedef struct user_new {
    const char *login;        /**< [a-z0-9._-], 2–32 characters */
    const char *display_name; /**< required */
    meibo_role role;
    const char *password;     /**< at least AUTH_MIN_PASSWORD characters */
    const char *term_end;     /**< "YYYY-MM-DD" or NULL for none */
    bool fixed_term;          /**< needs the chief officer's approval before it works */
    const char *pledge_on;    /**< the confidentiality pledge's date (取扱規程 第27条), or NULL */
    const char *pledge_document; /**< which document it is ("誓約書 2026-3"), or NULL */
} user_new;

/**
 * @brief Create the first account, the chief officer, in an empty users table (meibo init).
 * Refused when any user exists.
 */
meibo_status user_bootstrap(meibo_ctx *ctx, const user_new *u, meibo_err *err);

/** @brief Add a user: a manager or the chief; only the chief may add a chief. Audited. */
meibo_status user_add(meibo_ctx *ctx, const user_new *u, meibo_err *err);

/** @brief Disable a user (第34条: access ends with employment). Manager or chief. Audited. */
meibo_status user_disable(meibo_ctx *ctx, const char *login, meibo_err *err);

/** @brief The chief officer approves a fixed-term account (第33条 但し書). Chief only. Audited. */
meibo_status user_approve(meibo_ctx *ctx, const char *login, meibo_err *err);

/** @brief Set a new password (own account, or any as manager/chief). Clears the ID's failure
 * count. Audited. */
meibo_status user_set_password(meibo_ctx *ctx, const char *login, const char *password,
                               meibo_err *err);

/** @brief Clear the failed-login count of @p login's ID, and so its growing delay (取扱規程
 * 第33条: a delay per ID and per source, never a lock; a source's count stays). Manager or
 * chief; a chief account only the chief. Audited "user.unlock" with the count cleared;
 * @p failures (may be NULL) receives it. */
meibo_status user_unlock(meibo_ctx *ctx, const char *login, int *failures, meibo_err *err);

/** @brief Set (or, NULL or "", clear) the last day of @p login's employment (取扱規程 第34条:
 * access ends with it): today or later (to end it now, disable the account); a fixed-term
 * account keeps one. Manager or chief; a chief account only the chief. Audited "user.term". */
meibo_status user_set_term_end(meibo_ctx *ctx, const char *login, const char *term_end,
                               meibo_err *err);

typedef struct user_info {
    int64_t id;
    const char *login, *display_name, *term_end, *approved_by, *last_login_at, *created_at;
    meibo_role role;
    bool fixed_term, disabled;
    int failed_logins;
    int64_t locked_until;
    const char *state; /**< "active", "disabled", "expired", "awaiting approval" */
} user_info;

typedef int (*user_fn)(const user_info *u, void *arg); /* non-zero stops */

/** @brief Every user, by login. Manager or chief. */
meibo_status user_list(meibo_ctx *ctx, user_fn fn, void *arg, meibo_err *err);

/** @brief Number of users (0 on a fresh database); no role needed. */
meibo_status user_count(meibo_ctx *ctx, int64_t *n, meibo_err *err);

#endif

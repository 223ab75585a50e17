/* users.h: the staff accounts (取扱規程 第33条, 第34条): adding, disabling, approving,
 * passwords, unlocking, term ends, the list. Logging in and roles: auth.h. */
#ifndef MEIBO_USERS_H
#define MEIBO_USERS_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/auth.h"
#include "meibo/db.h"

/** @brief A new account. Strings are borrowed for the call. */
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

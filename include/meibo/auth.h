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

/**
 * @brief May an account log in (取扱規程 第27条)? Yes when its pledge is on file, or when the
 * system configuration lets accounts without one in (login_without_pledge = yes). Pure.
 */
bool auth_pledge_allows_login(bool pledge_on_file, bool login_without_pledge);

/** @brief Apply meibo.conf's login_without_pledge to @p ctx (the faces call it once, on open). */
void auth_set_pledge_rule(meibo_ctx *ctx, bool login_without_pledge);

#endif

/* auth_int.h: what auth.c (logging in) and users.c (the accounts) share; not public. */
#ifndef MEIBO_AUTH_INT_H
#define MEIBO_AUTH_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/db.h"

#define AUTH_MAX_DISPLAY_NAME 64

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

/* Read one user by login (login != NULL) or id: MEIBO_OK, MEIBO_ERR_NOT_FOUND or an error. */
meibo_status auth_user_fetch(meibo_ctx *ctx, const char *login, int64_t id, user_row *u,
                             meibo_err *err);

/* Step a bound UPDATE once and reset it. */
meibo_status auth_run_update(meibo_ctx *ctx, sqlite3_stmt *st, const char *what, meibo_err *err);

/* Append an audit row under another name (a failed login, the system) than ctx's user. */
meibo_status auth_audit_as(meibo_ctx *ctx, const char *who, const char *action,
                           const char *detail, meibo_err *err);

/* The failed logins counted against @p login itself (not its source's). */
meibo_status auth_login_failures(meibo_ctx *ctx, const char *login, int *n, meibo_err *err);

/* Forget the failed logins of @p login itself (a success, a new password, an unlock). */
meibo_status auth_failures_clear(meibo_ctx *ctx, const char *login, meibo_err *err);

#endif

/**
 * @file status.h
 * @brief The one status enum of meibo and the error record every fallible call fills.
 *
 * Every function that can fail returns a meibo_status and, when it is not MEIBO_OK,
 * fills a caller-owned meibo_err with a message naming what and where.
 */
#ifndef MEIBO_STATUS_H
#define MEIBO_STATUS_H

#include <stdarg.h>

/* X-macro: code, exit class (1 refused/failed, 2 usage), default text. */
#define MEIBO_STATUS_LIST(S)                                                   \
    S(OK, 0, "ok")                                                             \
    S(ERR_NOMEM, 1, "out of memory")                                           \
    S(ERR_DB, 1, "database error")                                             \
    S(ERR_INVALID, 1, "invalid input")                                         \
    S(ERR_NOT_FOUND, 1, "not found")                                           \
    S(ERR_EXISTS, 1, "already exists")                                         \
    S(ERR_CONFLICT, 1, "changed by someone else")                              \
    S(ERR_DENIED, 1, "not permitted for this role")                            \
    S(ERR_AUTH, 1, "login failed")                                             \
    S(ERR_LOCKED, 1, "account locked")                                         \
    S(ERR_EXPIRED, 1, "account no longer valid")                               \
    S(ERR_IO, 1, "input/output error")                                         \
    S(ERR_ENCODING, 1, "bad character encoding")                               \
    S(ERR_SCHEMA, 1, "database schema mismatch")                               \
    S(ERR_INTEGRITY, 1, "integrity check failed")                              \
    S(ERR_INTERRUPTED, 1, "interrupted")                                       \
    S(ERR_USAGE, 2, "usage error")

typedef enum meibo_status {
#define MEIBO_S_ENUM(name, exit, text) MEIBO_##name,
    MEIBO_STATUS_LIST(MEIBO_S_ENUM)
#undef MEIBO_S_ENUM
    MEIBO_STATUS__COUNT
} meibo_status;

/** @brief Details of a failure. Owned by the caller; usually on the stack. */
typedef struct meibo_err {
    meibo_status code;
    char msg[768];   /**< human-readable, names the field / file / line */
    char field[48];  /**< canonical field name when one field is at fault, else "" */
    long line;       /**< 1-based input line when reading a file, else 0 */
} meibo_err;

/** @brief Default text of a status code (never NULL). */
const char *meibo_strerror(meibo_status s);

/** @brief Process exit code for a status: 0, 1 or 2. */
int meibo_exit_code(meibo_status s);

/** @brief Fill @p err (may be NULL) with @p code and a printf-style message; returns @p code. */
meibo_status meibo_fail(meibo_err *err, meibo_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** @brief Like meibo_fail() but also names the field at fault. */
meibo_status meibo_fail_field(meibo_err *err, meibo_status code, const char *field,
                              const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#ifdef __clang_analyzer__
/* For clang-tidy and scan-build, which cannot see into status.c: both return their code. */
#define meibo_fail(err, code, ...) (meibo_fail((err), (code), __VA_ARGS__), (code))
#define meibo_fail_field(err, code, field, ...)                                               \
    (meibo_fail_field((err), (code), (field), __VA_ARGS__), (code))
#endif

/** @brief Reset @p err to MEIBO_OK with empty message. */
void meibo_err_clear(meibo_err *err);

/* Marks a function as file-private unless unit tests build with -DTESTING. */
#ifdef TESTING
#define STATIC
#else
#define STATIC static
#endif

#endif

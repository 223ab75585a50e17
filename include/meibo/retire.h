/**
 * @file retire.h
 * @brief Ending a registry row without deleting it: a pledge revoked, a deny-list entry
 * removed. The row is stamped with the date, who and why, in one audited transaction.
 */
#ifndef MEIBO_RETIRE_H
#define MEIBO_RETIRE_H

#include <stdint.h>

#include "meibo/db.h"

/** @brief How to retire rows of one table. The SQL texts must be static (statement cache). */
typedef struct retire_spec {
    const char *sql_state;  /**< one row for ?1 = id: non-zero when already retired */
    const char *sql_retire; /**< ?1 id, ?2 today, ?3 login, ?4 reason */
    meibo_role role;        /**< who may */
    const char *what;       /**< "pledge", "deny-list entry" (messages) */
    const char *done;       /**< "revoked", "removed" (messages) */
    const char *action;     /**< audit action, e.g. "pledge.revoke" */
} retire_spec;

/**
 * @brief Retire row @p id with @p reason (required). MEIBO_ERR_NOT_FOUND (field "id") when
 * there is no such row, MEIBO_ERR_INVALID when it is already retired. Audited.
 */
meibo_status retire_row(meibo_ctx *ctx, const retire_spec *spec, int64_t id, const char *reason,
                        meibo_err *err);

#endif

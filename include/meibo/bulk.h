/**
 * @file bulk.h
 * @brief Bulk loading (import, demo) on two threads: a worker produces members and prepares
 * them (validation, search keys, index documents: member_prepare()), while the calling thread
 * stores them in order inside its transaction (member_store_prepared()).
 */
#ifndef MEIBO_BULK_H
#define MEIBO_BULK_H

#include "meibo/db.h"
#include "meibo/member.h"

typedef struct bulk bulk;

/** @brief Runs on the worker thread; hands members over with bulk_push() / bulk_reject(). */
typedef meibo_status (*bulk_source_fn)(bulk *b, void *arg, meibo_err *err);

/** @brief Called on the calling thread, in input order, for each refused member. */
typedef void (*bulk_reject_fn)(long line, const meibo_err *e, void *arg);

typedef struct bulk_result {
    long stored;   /**< members written */
    long rejected; /**< members refused (validation, duplicate number, bad row) */
    long optouts;  /**< opt-out records written from the members' optout_on (bulk_load_from) */
} bulk_result;

/**
 * @brief Run @p source on a worker thread and store what it pushes, in order, inside the
 * caller's transaction (ctx->tx_depth must be > 0). Refused members go to @p reject and
 * loading goes on, so every bad row is reported. With @p commit_every > 0 the transaction is
 * committed and begun again every so many members (demo data); 0 keeps one transaction
 * (imports: the caller commits or rolls back the whole). Any other failure stops both threads
 * and is returned.
 */
meibo_status bulk_load(meibo_ctx *ctx, bulk_source_fn source, void *source_arg,
                       bulk_reject_fn reject, void *reject_arg, long commit_every,
                       bulk_result *res, meibo_err *err);

/**
 * @brief bulk_load() for a file: a member carrying optout_on gets an opt-out record whose
 * source is "@p origin:LINE" (第20条第5項; member_prepared.optout_source). With @p origin NULL
 * such a member is refused, as member_create() refuses it.
 */
meibo_status bulk_load_from(meibo_ctx *ctx, const char *origin, bulk_source_fn source,
                            void *source_arg, bulk_reject_fn reject, void *reject_arg,
                            long commit_every, bulk_result *res, meibo_err *err);

/**
 * @brief From the source: prepare @p m and queue it. Takes the member's strings (m is left
 * empty). @p line is the input line for messages. Returns non-OK when loading has stopped;
 * the source should then return.
 */
meibo_status bulk_push(bulk *b, meibo_member *m, long line);

/** @brief From the source: queue a refusal found before a member could be made (a bad row). */
meibo_status bulk_reject(bulk *b, long line, const meibo_err *e);

#endif

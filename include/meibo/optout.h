/**
 * @file optout.h
 * @brief The member's written application to stop provision of their data to third parties
 * (規程 第20条第5項) and its withdrawal: the intake of the paper (received date, document
 * number, who recorded it).
 *
 * Opt-outs are made and withdrawn only here: the member's optout_on field is derived from these
 * rows and never set directly (member.h). An opt-out is a row of member_optouts; while its
 * withdrawn_on is NULL it is in force (a telephone request awaiting its paper too), and the
 * inquiry decision (inquiry.c reads member_optouts when it decides) refuses every third party
 * but the member and a legal-basis inquiry from 第20条第3項(f)(g)(h) with its statute
 * (第20条第5項 但し書) from the moment the row is written. Recording or withdrawing one also
 * moves the member's version on, so that a member edit begun before it is refused as a
 * conflict instead of silently undoing it through the optout_on field (member.h).
 */
#ifndef MEIBO_OPTOUT_H
#define MEIBO_OPTOUT_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/db.h"

/** @brief An application to record. Strings are borrowed for the call. */
typedef struct optout_new {
    const char *member_no;   /**< required */
    const char *received_on; /**< the day the paper arrived; NULL or "" = today; not in the
                                  future, not before the member joined */
    const char *document_no; /**< where the signed application is filed, required (書面) */
    int64_t request_id;      /**< the rights request it grants (request.h), 0 for none */
    bool by_phone;           /**< a request by telephone: provision stops at once as a
                                  protective interim measure, marked 書面待ち (awaiting the
                                  written application) with no document number (document_no
                                  must be empty); optout_written() records the paper */
} optout_new;

/**
 * @brief Record an application (clerk or above), in force at once. Refused, field named, on a
 * bad value, and (MEIBO_ERR_EXISTS) when one is already in force for the member. Audited
 * ("optout.add"). Inside a caller's transaction it joins it (a savepoint).
 * @param id receives the opt-out's number (may be NULL)
 */
meibo_status optout_add(meibo_ctx *ctx, const optout_new *o, int64_t *id, meibo_err *err);

/**
 * @brief Record the member's written withdrawal of the opt-out in force (clerk or above):
 * provision by 第20条第3項 is possible again from then on. @p received_on as for
 * optout_add(); it may not be before the application was received. @p document_no is where
 * the withdrawal is filed (required). MEIBO_ERR_NOT_FOUND when none is in force. Audited
 * ("optout.withdraw").
 * @param id receives the withdrawn opt-out's number (may be NULL)
 */
meibo_status optout_withdraw(meibo_ctx *ctx, const char *member_no, const char *received_on,
                             const char *document_no, int64_t *id, meibo_err *err);

/**
 * @brief The written application for telephone request @p id (optout_add() by_phone) arrived
 * on @p received_on (NULL or "" = today; not before the call), filed as @p document_no
 * (required): the interim stop becomes the written one of 第20条第5項. Refused when @p id is
 * not a telephone request still awaiting it. Audited ("optout.written").
 */
meibo_status optout_written(meibo_ctx *ctx, int64_t id, const char *received_on,
                            const char *document_no, meibo_err *err);

/** @brief An opt-out as read back; strings valid during the callback only. */
typedef struct optout_info {
    int64_t id, request_id;
    const char *member_no, *family_name, *given_name;
    const char *received_on, *document_no, *recorded_by, *recorded_at;
    const char *withdrawn_on, *withdrawal_document_no, *withdrawn_by; /**< NULL in force */
    const char *channel;    /**< letter, phone, import or field (schema/019) */
    const char *source;     /**< an import's "FILE:LINE", else "" */
    const char *written_on; /**< phone: the day the written application arrived, else NULL */
    bool in_force;
    bool awaiting_written;  /**< a telephone request still 書面待ち (an interim stop) */
} optout_info;

typedef int (*optout_fn)(const optout_info *o, void *arg); /* non-zero stops */

/**
 * @brief Opt-outs, newest first: those of @p member_no (NULL: every member), only those in
 * force unless @p all. Clerk or above; audited ("optout.read", with the member when one is
 * named).
 */
meibo_status optout_list(meibo_ctx *ctx, const char *member_no, bool all, optout_fn fn,
                         void *arg, meibo_err *err);

/** @brief Opt-out @p id (clerk or above); MEIBO_ERR_NOT_FOUND when there is none. */
meibo_status optout_show(meibo_ctx *ctx, int64_t id, optout_fn fn, void *arg, meibo_err *err);

#endif

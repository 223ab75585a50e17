/**
 * @file provision.h
 * @brief The record of every provision of a member's data to someone outside the secretariat
 * (個人情報保護法 第29条: date, recipient, items, basis), one row per member, kept for three
 * years (retention_until), with a flag for provisions based on law (第19条第1項第1号).
 */
#ifndef MEIBO_PROVISION_H
#define MEIBO_PROVISION_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/db.h"

#define PROVISION_RETENTION_YEARS 3

/** @brief One provision to record. Strings are borrowed for the call. */
typedef struct provision_new {
    int64_t member_id;
    const char *member_no;
    const char *recipient;      /**< the organization, else the person */
    const char *recipient_key;  /**< text_search_key(recipient) */
    const char *requester;      /**< the person who asked */
    const char *category;
    const char *items;          /**< provided items, "a,d" */
    const char *purpose;
    const char *basis;          /**< the articles (and statute) it rests on */
    bool legal_basis;
    int64_t inquiry_id;         /**< 0 when not from an inquiry */
    int64_t pledge_id;          /**< 0 when none */
    int64_t export_id;          /**< the export sheet it was on (export.h), 0 when none */
    int64_t recipient_id;       /**< the recipient of the register (recipient.h), 0 when none */
} provision_new;

/**
 * @brief Write one provision row dated today (ctx's clock), retained until today + the
 * provision period of the retention table (retention.h; never under 3 years).
 * Inside the caller's transaction (ctx->tx_depth > 0): it belongs to the change it records.
 */
meibo_status provision_record(meibo_ctx *ctx, const provision_new *p, meibo_err *err);

/** @brief A provision as read back; strings valid during the callback only. */
typedef struct provision_info {
    int64_t id;
    const char *member_no, *provided_on, *recipient, *requester, *category, *items, *purpose;
    const char *basis, *retention_until, *created_by;
    bool legal_basis;
    int64_t inquiry_id, pledge_id;
    int64_t export_id;          /**< the export sheet, 0 when not from an export */
} provision_info;

typedef int (*provision_fn)(const provision_info *p, void *arg); /* non-zero stops */

/**
 * @brief The provisions of one member (by member number) or to one recipient (whose name
 * contains @p recipient, compared as search keys), oldest first. Exactly one of the two.
 * Clerk or above; audited ("provision.read").
 */
meibo_status provision_list(meibo_ctx *ctx, const char *member_no, const char *recipient,
                            provision_fn fn, void *arg, meibo_err *err);

#endif

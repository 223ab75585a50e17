/**
 * @file recipient.h
 * @brief The recipient register (規程 第20条第3–4項) and the gate every path asks about one.
 *
 * A recipient is an organization and/or a person with a category: one of 第20条第3項 (a)–(i)
 * or 第20条第4項 (b)(c) (policy_categories), or the society's own branches and meeting
 * secretariats (取扱規程 第4条) and contractors (規程 第19条第2項第1号) (recipient_categories,
 * schema/018). A recipient of a forbidden category, or deny-listed (第20条第4項(d)), is recorded
 * so the refusal is on file, and gets nothing: recipient_gate() is asked by the pledge, the
 * inquiry and every step of an export (request, approval, run), so a deny-listing made later
 * stops what is pending for them.
 */
#ifndef MEIBO_RECIPIENT_H
#define MEIBO_RECIPIENT_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/db.h"
#include "meibo/decide.h"

/** @brief What a clerk records; strings borrowed for the call (NULL leaves a field, on edit). */
typedef struct recipient_in {
    const char *organization; /**< the body (団体・機関名) */
    const char *person;       /**< the person acting for it, or the requester */
    const char *category;     /**< a category code (see meibo recipient categories) */
    const char *address;      /**< where letters and sheets go */
    const char *identity;     /**< how identity, origin and purpose were verified (第20条第4項(a)) */
} recipient_in;

/** @brief A recipient as read back (a value). */
typedef struct recipient {
    int64_t id;
    char organization[404], person[404], category[32], address[604], identity[604];
    char name[404];           /**< the organization, else the person: what letters name */
    char category_text[256], category_article[96];
    bool permitted;           /**< the category may receive anything (第20条第3項, 取扱規程 第4条) */
    int64_t deny_id;          /**< the deny-list entry naming it, 0 for none (第20条第4項(d)) */
    char created_at[32], created_by[64];
} recipient_rec;

/** @brief Register a recipient (clerk or above; audited "recipient.add"). */
meibo_status recipient_add(meibo_ctx *ctx, const recipient_in *in, int64_t *id, meibo_err *err);

/** @brief Change the given fields of recipient @p id (manager or above; audited). */
meibo_status recipient_edit(meibo_ctx *ctx, int64_t id, const recipient_in *in, meibo_err *err);

/** @brief Recipient @p id (no role check: part of a decision). MEIBO_ERR_NOT_FOUND if none. */
meibo_status recipient_get(meibo_ctx *ctx, int64_t id, recipient_rec *out, meibo_err *err);

/**
 * @brief The registered recipient @p ref names: its number ("12" or "#12"), or a name that
 * matches exactly one recipient's organization (or person) as a search key. Anything else is
 * refused (field @p field): a recipient is chosen from the register, never free text.
 */
meibo_status recipient_resolve(meibo_ctx *ctx, const char *ref, const char *field,
                               recipient_rec *out, meibo_err *err);

typedef int (*recipient_fn)(const recipient_rec *r, void *arg); /* non-zero stops */

/** @brief Every recipient by id (clerk or above). */
meibo_status recipient_list(meibo_ctx *ctx, recipient_fn fn, void *arg, meibo_err *err);

/** @brief A category as the gate sees it: the policy's (newest version) or the society's own. */
meibo_status recipient_category(meibo_ctx *ctx, const char *code, decide_category *out,
                                meibo_err *err);

typedef int (*recipient_category_fn)(const decide_category *c, void *arg);

/** @brief Every category a recipient may be given, in order. */
meibo_status recipient_categories(meibo_ctx *ctx, recipient_category_fn fn, void *arg,
                                  meibo_err *err);

/**
 * @brief Ask the gate (decide_recipient()) about @p r receiving @p sheet (an export purpose,
 * or NULL for a pledge or an inquiry), with the deny-list as it is now. @p out receives the
 * decision; when it refuses, MEIBO_ERR_DENIED with its reasons (articles cited) in @p err.
 */
meibo_status recipient_gate(meibo_ctx *ctx, const recipient_rec *r, const char *sheet,
                            decide_result *out, meibo_err *err);

#endif

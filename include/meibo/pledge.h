/**
 * @file pledge.h
 * @brief The pledge registry (誓約書, 取扱規程 第5条 electronic media, 第6条 paper).
 *
 * A pledge: the recipient organization that signed it, the signatory (name, title), the date
 * it was received, the media it covers (paper, electronic), the purposes and items it covers,
 * the last day it is valid, and the document number where the signed paper is filed. Its
 * state is active, expired (past valid_until: it no longer counts) or revoked (with reason).
 * Recording a pledge announces it, in the same transaction, through the function its caller
 * names: inquiry.h's inquiry_release_pledge_holds() re-decides the inquiries held for a pledge
 * from that recipient. The pledge registry itself knows nothing of inquiries.
 */
#ifndef MEIBO_PLEDGE_H
#define MEIBO_PLEDGE_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/db.h"
#include "meibo/decide.h"

#define PLEDGE_MAX_FACTS 32     /**< pledges of one recipient considered by a decision */
#define PLEDGE_MAX_RELEASED 32  /**< released inquiry numbers reported by pledge_add() */

/** @brief A new pledge. Strings are borrowed for the call. */
typedef struct pledge_new {
    const char *recipient;       /**< the recipient of the register that signed (its number or
                                      name, recipient_resolve()), required; one the gate refuses
                                      (第20条第4項) gets no pledge */
    const char *signatory_name;  /**< required */
    const char *signatory_title; /**< may be empty */
    const char *received_on;     /**< date received; NULL or "" = today; not in the future */
    unsigned media;              /**< DECIDE_MEDIA_PAPER | DECIDE_MEDIA_ELECTRONIC, non-zero */
    const char *purposes;        /**< purpose codes of the newest policy, comma-separated */
    const char *items;           /**< items, "a,d" */
    const char *valid_until;     /**< last valid day, on or after received_on */
    const char *document_no;     /**< where the signed paper is filed, required */
} pledge_new;

/** @brief What pledge_add() did. */
typedef struct pledge_added {
    int64_t id;                              /**< the new pledge */
    int redecided;                           /**< held inquiries decided again */
    int released;                            /**< of them, no longer waiting for a pledge */
    int64_t released_ids[PLEDGE_MAX_RELEASED]; /**< their numbers (the first ones) */
} pledge_added;

/** @brief Media mask from "paper", "electronic" or "paper,electronic"; 0 when invalid. */
unsigned pledge_media_parse(const char *s);

/** @brief Media mask as "paper", "electronic" or "paper,electronic". */
const char *pledge_media_name(unsigned media);

/**
 * @brief Told, inside pledge_add()'s transaction, of the pledge @p out->id just recorded for
 * the recipient whose search key is @p recipient_key; it may fill out->released. A failure
 * undoes the pledge. inquiry_release_pledge_holds() (inquiry.h) is the one every face passes.
 */
typedef meibo_status (*pledge_announce_fn)(meibo_ctx *ctx, const char *recipient_key,
                                           struct pledge_added *out, meibo_err *err);

/**
 * @brief Record a signed pledge (manager or chief officer). Refused whole, field named, on any
 * bad value. Audited ("pledge.add"); then @p announce (NULL: no one) is told of it in the same
 * transaction, so that the inquiries held for it are decided again.
 */
meibo_status pledge_add(meibo_ctx *ctx, const pledge_new *p, pledge_announce_fn announce,
                        pledge_added *out, meibo_err *err);

/** @brief Revoke pledge @p id with @p reason (manager or chief officer; audited). */
meibo_status pledge_revoke(meibo_ctx *ctx, int64_t id, const char *reason, meibo_err *err);

/** @brief A pledge as read back; strings valid during the callback only. */
typedef struct pledge_info {
    int64_t id;
    const char *recipient, *signatory_name, *signatory_title, *received_on;
    unsigned media;
    const char *purposes, *items, *valid_until, *document_no;
    const char *state;  /**< "active", "expired" or "revoked" (today, by ctx's clock) */
    const char *revoked_on, *revoked_by, *revoke_reason, *created_at, *created_by;
} pledge_info;

typedef int (*pledge_fn)(const pledge_info *p, void *arg); /* non-zero stops */

/** Pledges "ending soon" (取扱規程 第5–6条: paper goes only against a valid pledge): the home
 * screen, doctor and the inspection ask for a new one this many days before the end. */
#define PLEDGE_ENDING_SOON_DAYS 30

typedef struct pledge_filter {
    bool all;          /**< also expired and revoked pledges */
    int expiring_days; /**< >= 0: only active pledges ending within this many days */
    const char *recipient; /**< NULL, or pledges whose recipient contains it (search keys) */
} pledge_filter;

/** @brief Pledges by recipient and id (clerk or above). @p f may be NULL: the active ones. */
meibo_status pledge_list(meibo_ctx *ctx, const pledge_filter *f, pledge_fn fn, void *arg,
                         meibo_err *err);

/** @brief Pledge @p id (clerk or above); MEIBO_ERR_NOT_FOUND when there is none. */
meibo_status pledge_show(meibo_ctx *ctx, int64_t id, pledge_fn fn, void *arg, meibo_err *err);

/** @brief The pledges of one recipient as facts for decide_inquiry(); owns its strings. */
typedef struct pledge_facts {
    int n;
    decide_pledge p[PLEDGE_MAX_FACTS];
    char document_no[PLEDGE_MAX_FACTS][96];
    char purposes[PLEDGE_MAX_FACTS][400];
    char valid_until[PLEDGE_MAX_FACTS][11];
} pledge_facts;

/**
 * @brief Load the active, unexpired pledges of the recipient whose search key is
 * @p recipient_key (latest ending first, at most PLEDGE_MAX_FACTS). No role check: part of
 * a decision.
 */
meibo_status pledge_facts_load(meibo_ctx *ctx, const char *recipient_key, pledge_facts *out,
                               meibo_err *err);

/**
 * @brief A page of pledge_list() (clerk or above), in its order (recipient, then id): up to
 * @p limit pledges (<= 0: all) after pledge @p after_id (0: from the first), or, when
 * @p backward, before it (0: from the last), nearest first. Keyset paging for a list that
 * holds a page, never the whole register.
 */
meibo_status pledge_page(meibo_ctx *ctx, const pledge_filter *f, int64_t after_id, bool backward,
                         int limit, pledge_fn fn, void *arg, meibo_err *err);

#endif

/* inquiry_letter.h: the letters of an inquiry: the answer, the refusal, not found (規程 第20条),
 * and the 誓約書 to fill in, sign and return (取扱規程 第5–6条), for an inquiry or a renewal. */
#ifndef MEIBO_INQUIRY_LETTER_H
#define MEIBO_INQUIRY_LETTER_H

#include <stdint.h>

#include "meibo/config.h"
#include "meibo/db.h"
#include "meibo/letter.h"
#include "meibo/tmpl.h"

/**
 * @brief The letter for inquiry @p id (clerk or above), as chosen above, into @p out.
 * Refused (MEIBO_ERR_INVALID) while the inquiry is pending, and when @p cfg has no
 * society_name or secretariat_contact; refused (MEIBO_ERR_CONFLICT) for an answer to a third
 * party when the member has asked, since the decision, to stop provision (第20条第5項).
 * Renders only: nothing is audited until outbox_deliver() or letter_record().
 */
meibo_status letter_inquiry(meibo_ctx *ctx, const meibo_config *cfg, int64_t id,
                            letter_format fmt, letter *out, meibo_err *err);

/** @brief What a pledge request is pre-filled from: one of the three sources. */
typedef struct letter_pledge_src {
    int64_t inquiry_id;       /**< an inquiry waiting for a pledge: its recipient, purpose,
                                   items and medium */
    int64_t pledge_id;        /**< a recorded pledge to renew: its recipient, purposes, items
                                   and media */
    const char *recipient;    /**< else given: the organization (or person) */
    const char *purposes;     /**< purpose codes of the newest policy, "a,b" */
    const char *items;        /**< "a,d" */
    unsigned media;           /**< DECIDE_MEDIA_*; 0 = paper */
    const char *valid_until;  /**< proposed last valid day; NULL or "" leaves it to fill in */
} letter_pledge_src;

/**
 * @brief The pledge request (誓約書, 取扱規程 第5–6条) pre-filled from @p src (clerk or
 * above). It carries no member data: for an inquiry, only its number. An inquiry must be
 * pending for a pledge (MEIBO_ERR_INVALID otherwise). Renders only.
 */
meibo_status letter_pledge_request(meibo_ctx *ctx, const meibo_config *cfg,
                                   const letter_pledge_src *src, letter_format fmt, letter *out,
                                   meibo_err *err);

#ifdef TESTING
/**
 * @brief The variables of the refusal for inquiry @p id (common to every letter, nothing of
 * the member), exposed so tests can show the refusal has no member data to print.
 */
meibo_status letter_refusal_vars(meibo_ctx *ctx, const meibo_config *cfg, int64_t id,
                                 tmpl_vars **out, meibo_err *err);
#endif

#endif

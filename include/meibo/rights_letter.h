/**
 * @file rights_letter.h
 * @brief The letters of the members' rights, to the member (forms/, rendered as letter.h's):
 *  - the acknowledgment of an application to stop provision to third parties, or of its
 *    withdrawal (optout_ack.tmpl, 規程 第20条第5項);
 *  - for a rights request (request.h), the notice of its decision in writing (第22条第5項,
 *    第23条第1項): a disclosure granted in full or in part prints 保有個人データ開示通知書
 *    (disclosure_notice.tmpl) with everything held about the member — every field, the
 *    consent, the opt-outs and every record of provision to a third party (who got what,
 *    when, on what basis; 個人情報保護法 第33条第5項) — less what a partial decision
 *    withholds, named with its 第22条第4項 reason; a disclosure refused prints the notice of
 *    non-disclosure with its reason (nondisclosure_notice.tmpl); the other kinds print the
 *    result (correction_notice.tmpl): what was corrected, added or deleted with the values
 *    now held, the stop of provision, or the reason it was not done.
 * Each carries the date (和暦 or 西暦, meibo.conf letter_dates), the society's name and the
 * secretariat's contact, the request's (or opt-out's) number and the article it rests on.
 * Rendering only: printing is audited by outbox_deliver() / letter_record().
 */
#ifndef MEIBO_RIGHTS_LETTER_H
#define MEIBO_RIGHTS_LETTER_H

#include <stdint.h>

#include "meibo/config.h"
#include "meibo/db.h"
#include "meibo/letter.h"

/**
 * @brief The acknowledgment of opt-out @p id (clerk or above): of the application while it is
 * in force, of its withdrawal once withdrawn; for a telephone request still awaiting its
 * written application (書面待ち), the letter asking for it (LETTER_OPTOUT_REQUEST,
 * optout_request.tmpl, 第20条第5項). Refused when @p cfg lacks the letter keys.
 */
meibo_status letter_optout_ack(meibo_ctx *ctx, const meibo_config *cfg, int64_t id,
                               letter_format fmt, letter *out, meibo_err *err);

/**
 * @brief The notice of the decision of rights request @p id (clerk or above), chosen as above.
 * Refused (MEIBO_ERR_INVALID) while the request is not decided.
 */
meibo_status letter_request(meibo_ctx *ctx, const meibo_config *cfg, int64_t id,
                            letter_format fmt, letter *out, meibo_err *err);

/**
 * @brief The head of a letter to a member (rights_head.tmpl): @p label and @p number ("事案番号",
 * 3), the member's home address (else the facility's) and name, into @p v. For the other
 * letters to a member (incident_letter.h).
 */
struct meibo_member;
meibo_status rights_letter_head(const meibo_config *cfg, const char *label, int64_t number,
                                const struct meibo_member *m, tmpl_vars *v, meibo_err *err);

#endif

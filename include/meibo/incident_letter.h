/**
 * @file incident_letter.h
 * @brief The printed forms of an incident (incident.h), rendered as letter.h's letters:
 *  - the notice to an affected member (本人への通知, 個人情報保護法 第26条第2項, 施行規則 第10条;
 *    incident_notice.tmpl): what happened, which of the member's items, the cause, secondary
 *    damage, what the society does, whom to contact;
 *  - the draft of the report to the 個人情報保護委員会 (同条第1項, 施行規則 第8条;
 *    incident_report.tmpl): 概要, 項目, 人数, 原因, 二次被害, 本人への対応, 公表, 再発防止策,
 *    with the reporting decision, its reasons and deadlines. It names no member.
 * Rendering only: printing is audited by outbox_deliver() / letter_record() ("incident.print").
 */
#ifndef MEIBO_INCIDENT_LETTER_H
#define MEIBO_INCIDENT_LETTER_H

#include <stdint.h>

#include "meibo/config.h"
#include "meibo/db.h"
#include "meibo/letter.h"

/**
 * @brief The notice of incident @p id to affected member @p member_no (clerk or above).
 * MEIBO_ERR_NOT_FOUND when the member is not among the incident's, or is no longer in the
 * registry (no address to send it to). Refused when @p cfg lacks the letter keys.
 */
meibo_status letter_incident_notice(meibo_ctx *ctx, const meibo_config *cfg, int64_t id,
                                    const char *member_no, letter_format fmt, letter *out,
                                    meibo_err *err);

/** @brief The draft report of incident @p id to the commission (clerk or above). */
meibo_status letter_incident_report(meibo_ctx *ctx, const meibo_config *cfg, int64_t id,
                                    letter_format fmt, letter *out, meibo_err *err);

#endif

/**
 * @file letter.h
 * @brief The printed letters (forms/): the answer to an inquiry (照会回答書), the refusal,
 * the not-found letter and the pledge request (誓約書), rendered from the templates of
 * forms/ (tmpl.h, compiled into the program) to plain text or to an A4 PDF (pdf.h); where
 * they go is outbox.h.
 *
 * Which letter an inquiry gets is decided here, from its current decision:
 *  - provide, partial → the answer with the items provided and their values (the member's
 *    data as it is when printed; for the member's own request: 第22条 disclosure);
 *  - refuse → the refusal: one neutral wording for every refusal, which names no reason and
 *    uses no member data at all (its variables are built without reading the member), so a
 *    refusal for an opted-out member (第20条第5項) reads exactly as one for a non-member;
 *  - not_found → to the member asking about themself (第22条第2項) and to a legal-basis
 *    inquiry citing its statute (第19条第1項第1号, 第20条第5項 但し書: nothing is withheld from
 *    it on the member's account, so telling it "not registered" reveals nothing the rules
 *    keep from it) the not-found letter; to every other requester the refusal, word for
 *    word. Were a third party told "not registered", every refusal it gets would confirm a
 *    membership, and so would reveal the members who asked the society to stop providing
 *    their data — which 第20条第5項 forbids.
 *  - hold (pending) → no letter yet (the pledge request is printed instead).
 * Printing is audited ("inquiry.print", "pledge.print"). Giving out an answer (printed, sent
 * or saved, not a preview on stdout) is when its provision happens: the record of provision
 * the decision kept is written then (inquiry_provision_given(), 個人情報保護法 第29条).
 */
#ifndef MEIBO_LETTER_H
#define MEIBO_LETTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meibo/config.h"
#include "meibo/db.h"
#include "meibo/tmpl.h"

typedef enum letter_kind {
    LETTER_ANSWER = 0,       /**< 照会回答書 (or 第22条 disclosure to the member) */
    LETTER_REFUSAL,          /**< the neutral refusal */
    LETTER_NOT_FOUND,        /**< not registered: to the member, or a legal-basis inquiry */
    LETTER_PLEDGE_REQUEST,   /**< 誓約書 to fill in, sign and return */
    /* members' rights (rights_letter.h): to the member */
    LETTER_OPTOUT_ACK,       /**< 第三者提供の停止 (第20条第5項) received, or its withdrawal */
    LETTER_DISCLOSURE,       /**< 保有個人データ開示通知書 (第22条第1項, 第5項) */
    LETTER_NONDISCLOSURE,    /**< 不開示の決定の通知 with its reason (第22条第4項, 第5項) */
    LETTER_CORRECTION,       /**< 訂正・追加・削除・利用停止等の結果の通知 (第23条) */
    LETTER_LEDGER,           /**< 個人情報取扱台帳 (取扱規程 第24条), for the secretariat */
    /* incidents (incident_letter.h, 取扱規程 第26条) */
    LETTER_INCIDENT_NOTICE,  /**< 本人への通知 (個人情報保護法 第26条第2項) */
    LETTER_INCIDENT_REPORT,  /**< the draft report to the 個人情報保護委員会 (同条第1項) */
    LETTER_INSPECTION,       /**< the inspection report to the chief officer (取扱規程 第25条) */
    /* members' rights, continued (rights_letter.h) */
    LETTER_OPTOUT_REQUEST,   /**< a telephone request to stop provision: stopped as an interim
                                  measure, the written application asked for (第20条第5項) */
    LETTER_NO_DATA,          /**< to a disclosure requester the registry does not hold: no
                                  data is held (第22条第2項, 第5項) */
    LETTER_ANON_COVER,       /**< the cover letter of anonymised data (匿名加工情報: 個人情報の
                                  保護に関する法律 第44条, 第45条) */
    LETTER_STATS             /**< a statistics table's printed page and chart (stats.h: no
                                  form; letter_stats_table()) */
} letter_kind;

typedef enum letter_format { LETTER_PDF = 0, LETTER_TEXT } letter_format;

/** @brief A rendered letter. Owns @c data; free with letter_clear(). */
typedef struct letter {
    letter_kind kind;
    letter_format format;
    char *data;              /**< the PDF, or the UTF-8 text */
    size_t len;
    int64_t inquiry_id;      /**< 0 for a pledge request not tied to an inquiry */
    int64_t pledge_id;       /**< the pledge a renewal request is for, else 0 */
    int64_t request_id;      /**< the rights request a notice is for, else 0 */
    int64_t optout_id;       /**< the opt-out an acknowledgment or request is for, else 0 */
    int64_t incident_id;     /**< the incident a notice or report is for, else 0 */
    int64_t inspection_id;   /**< the inspection a report is for, else 0 */
    int64_t anon_id;         /**< the provision of anonymised data a cover is for, else 0 */
    char member_no[16];      /**< the inquiry's member, for the access log; "" none */
    char file_name[64];      /**< a name for the outbox: "inquiry-12-answer.pdf" */
    /** What the letter's own domain records once it is printed or sent (never for a preview
     *  on stdout), set by the module that made it: an answer's provision (個人情報保護法
     *  第29条), a rights notice's request notified. The letter type knows nothing of either.
     *  NULL: nothing. */
    meibo_status (*delivered)(meibo_ctx *ctx, const struct letter *l, meibo_err *err);
} letter;

/** @brief The English name of a kind ("answer"), for file names and the access log. */
const char *letter_kind_name(letter_kind kind);

/** @brief Free what @p l owns and reset it. */
void letter_clear(letter *l);

/** @brief Format @p fmt from "pdf" or "text"; -1 for anything else. */
int letter_format_parse(const char *s);

/**
 * @brief The access-log row of a letter given out (@p where: a path, "printer NAME",
 * "stdout"): "inquiry.print" with the inquiry's member, "pledge.print" or "ledger.print"
 * without one; "optout.print" and "request.print" with the member; "incident.print" with the
 * member for a notice, without one for the report. A rights notice given
 * out other than to "stdout" (a preview) marks its request notified (request_notified()).
 */
meibo_status letter_record(meibo_ctx *ctx, const letter *l, const char *where, meibo_err *err);

/** @brief The variables of the addressee block every mailed letter carries (@address lines,
 * printed where a 長形3号 window envelope shows them, pdf.h): postal_code, address,
 * addressee_org, addressee and honorific (様 for a person @p name, 御中 for a body alone). */
struct tmpl_vars;
meibo_status letter_addressee_vars(struct tmpl_vars *v, const char *postal, const char *address,
                                   const char *org, const char *name, meibo_err *err);

/** @brief A date "YYYY-MM-DD" as letters write it: 和暦 "令和8年11月21日" or 西暦
 * "2026年11月21日" (cfg->letter_seireki). */
void letter_date(const meibo_config *cfg, const char *iso, char *buf, size_t len);

/* ---- for the other printed forms (rights_letter.c; export.h's cover and password letters) -- */

/** @brief Refused (MEIBO_ERR_INVALID, field named) when @p cfg lacks society_name or
 * secretariat_contact, which every letter carries. */
meibo_status letter_settings_check(const meibo_config *cfg, meibo_err *err);

/** @brief The variables every letter has: society_name, date (today), contact (a list). */
meibo_status letter_common_vars(meibo_ctx *ctx, const meibo_config *cfg, tmpl_vars *v,
                                meibo_err *err);

/**
 * @brief Render the form of out->kind with @p v into out->data in out->format, and name the
 * file (out->file_name) from the kind and its number. Set out->kind, format and the number
 * (inquiry_id, request_id or optout_id) first.
 */
meibo_status letter_render(meibo_ctx *ctx, const meibo_config *cfg, const tmpl_vars *v,
                           letter *out, meibo_err *err);

/**
 * @brief Begin a letter of @p kind as a clerk may print it: @p out emptied with its kind and
 * format, the role checked ("print a letter", clerk or above) and the settings every letter
 * needs (letter_settings_check()). Set out's number (inquiry_id ...) after it.
 */
meibo_status letter_begin(meibo_ctx *ctx, const meibo_config *cfg, letter_kind kind,
                          letter_format fmt, letter *out, meibo_err *err);

/**
 * @brief End a letter whose variables @p v were filled with status @p st: rendered into @p out
 * when @p st is MEIBO_OK (letter_render()), @p v freed either way, @p out cleared on any
 * failure. Returns the status: a builder ends with `out: st = letter_end(...)`.
 */
meibo_status letter_end(meibo_ctx *ctx, const meibo_config *cfg, meibo_status st, tmpl_vars *v,
                        letter *out, meibo_err *err);

/**
 * @brief Render form @p file ("export_cover.tmpl") with @p v as @p fmt into *data (malloc'd,
 * the caller's) and *len; the PDF's title is the form's title line.
 */
meibo_status letter_render_form(meibo_ctx *ctx, const meibo_config *cfg, const char *file,
                                const tmpl_vars *v, letter_format fmt, char **data, size_t *len,
                                meibo_err *err);

#endif

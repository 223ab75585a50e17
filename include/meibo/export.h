/**
 * @file export.h
 * @brief Consent-gated export sheets (取扱規程 第4–6条, 第38条; 規程 第16条).
 *
 * A sheet lists members for one export purpose (schema/003-export.sql: the columns it may
 * carry, the consents it requires, whether opted-out members are left out (規程 第20条第5項),
 * the member statuses that belong on it, the media allowed and whether a pledge is required).
 *
 * The flow: preview (counts included and excluded, who was excluded and why) → request (a
 * clerk; checked whole, with a valid pledge from the recipient covering the purpose, the
 * sheet's items and the medium) → approve (the chief officer only, when the sheet leaves
 * meibo as a file or on electronic media: 規程 第16条; 取扱規程 第5条) → run (once).
 *
 * Paper is the default: the run prints the sheet (an A4 landscape PDF, pdf.h) and a cover
 * letter through the printer or into the outbox, and needs no approval. A file copy (the
 * xlsx, print-ready) or electronic media needs the chief officer's prior approval; for
 * electronic media the xlsx goes into an AES-256 encrypted ZIP archive whose generated
 * password is printed only on a separate notice letter (第38条), never beside the archive.
 *
 * A run writes, in one transaction: the sheet, one provision row per member on it
 * (provision.h, with the export's number), one access-log row per member ("export.member")
 * and one for the run ("export.run"), and the export record (counts, columns, SHA-256 of the
 * file given out, where it went). Nothing is recorded when any step fails.
 */
#ifndef MEIBO_EXPORT_H
#define MEIBO_EXPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/config.h"
#include "meibo/db.h"
#include "meibo/decide.h"
#include "meibo/export_purpose.h"
#include "meibo/outbox.h"

#define EXPORT_MAX_COLUMNS 16   /**< columns of the catalogue (and so of a sheet) */
#define EXPORT_PERMISSION_DAYS 30 /**< the chief's approval of one export: in force 30 days */

/* The states of an export, in the order it goes: code (stored in exports.status as text, the
 * CLI, JSON). The words a clerk reads are label.h's (LABEL_EXPORT_STATE). */
#define EXPORT_STATES(S)                                                                      \
    S(PENDING, "pending") /* waits for the chief officer's approval (規程 第16条) */           \
    S(READY, "ready")     /* approved, or under a standing permission: not run yet */         \
    S(DENIED, "denied")   /* the chief officer denied it */                                   \
    S(DONE, "done")       /* run: the sheet was made and recorded */

typedef enum export_state {
#define EXPORT_S_ENUM(id, code) EXPORT_STATE_##id,
    EXPORT_STATES(EXPORT_S_ENUM)
#undef EXPORT_S_ENUM
    EXPORT_STATE__COUNT
} export_state;

/** @brief State by code; -1 when unknown (or NULL). */
int export_state_parse(const char *code);
/** @brief The code of a state ("" when out of range). */
const char *export_state_code(export_state s);

/** @brief A column of the catalogue: what a sheet may carry. */
typedef struct export_column {
    const char *code;    /**< "member_no", "name", ... */
    const char *header;  /**< the sheet's header: "会員番号" */
    char item;           /**< the item of 第20条第1項 it carries ('a'..'f'), 0 for none */
    double width;        /**< xlsx column width (character units; a kanji counts 2) */
    bool fixed;          /**< short values of one length (dates, codes): the PDF keeps the
                              width; the other columns share the rest of the page */
} export_column;

/** @brief The column catalogue, in its order; *n receives the count. */
const export_column *export_columns(int *n);

/** @brief The column with @p code, or NULL. */
const export_column *export_column_find(const char *code);

/** @brief Which members a sheet covers, before the purpose's own rules. */
typedef struct export_filter {
    const char *branch;       /**< 支部, NULL or "" = any */
    const char *statuses;     /**< "active,withdrawn"; NULL or "" = the purpose's; each must be
                                   one the purpose allows */
    int specialist;           /**< -1 any, 1 only with a 専門医番号, 0 only without */
    const char *joined_from;  /**< 入会年月日 on or after; NULL = any (西暦 or 和暦) */
    const char *joined_to;    /**< on or before; NULL = any */
} export_filter;

/** @brief What to export. Strings are borrowed for the call. */
typedef struct export_spec {
    const char *purpose;      /**< an export purpose code */
    const char *recipient;    /**< the organization (or person) receiving the sheet */
    int64_t pledge_id;        /**< the recipient's pledge; 0 = none (refused when required) */
    unsigned media;           /**< DECIDE_MEDIA_PAPER (0 is paper) or DECIDE_MEDIA_ELECTRONIC */
    bool file_copy;           /**< paper, but the xlsx leaves meibo as a file (第16条) */
    const char *columns;      /**< a subset of the purpose's columns; NULL or "" = all of them */
    export_filter filter;
} export_spec;

/** @brief Members counted by the sheet's rules, each once, by the first rule excluding it. */
typedef struct export_counts {
    int64_t included;
    int64_t excluded_status;  /**< status not among the sheet's statuses */
    int64_t excluded_optout;  /**< opt-out in force (第20条第5項) */
    int64_t excluded_consent; /**< a required consent not given */
    int64_t excluded_suspended; /**< use suspended (利用停止・消去 granted, 第23条第2項): left
                                     out of the society's own sheets too */
} export_counts;

/** @brief One member left off a sheet; strings valid during the callback only. */
typedef struct export_excluded {
    const char *member_no, *name, *status;
    const char *reason;   /**< "status", "suspended", "optout" or "consent" ("" on the sheet:
                               export_preview_all) */
    const char *article;  /**< what it rests on: "第20条第5項", ... */
} export_excluded;

typedef int (*export_excluded_fn)(const export_excluded *e, void *arg); /* non-zero stops */

/** @brief What a preview (or a request) found. */
typedef struct export_preview {
    export_counts counts;
    char columns[400];        /**< the sheet's columns */
    char items[16];           /**< their items, "a,d,e" */
    bool pledge_ok;           /**< the pledge covers the export (or none is required) */
    char pledge_problem[1400]; /**< why not, with the article, when !pledge_ok */
    char pledge_document[96]; /**< the pledge's document number */
    bool needs_approval;      /**< no standing permission of the chief officer covers it: the
                                   chief's approval first (規程 第16条) */
    int64_t permission_id;    /**< the standing permission that covers it, 0 for none */
} export_preview;

/**
 * @brief Check @p spec and count the members (clerk or above; audited "export.preview"):
 * included, and excluded by status, opt-out and consent; @p fn (may be NULL) is called for
 * each excluded member in member-number order. Bad input is refused with the field named;
 * a pledge that does not cover the export is reported in @p out (pledge_ok false), not
 * refused: that is for export_request().
 */
meibo_status export_preview_run(meibo_ctx *ctx, const export_spec *spec, export_preview *out,
                                export_excluded_fn fn, void *arg, meibo_err *err);

/**
 * @brief export_preview_run(), with @p fn called for every member the sheet's rules look at,
 * in member-number order: those on the sheet with reason and article "", those left off with
 * theirs (what a clerk checks before asking for the sheet: who is on it, not only who is not).
 */
meibo_status export_preview_all(meibo_ctx *ctx, const export_spec *spec, export_preview *out,
                                export_excluded_fn fn, void *arg, meibo_err *err);

/**
 * @brief Record a request (clerk or above; audited "export.request"): refused, nothing
 * stored, on bad input, a medium the purpose does not allow, or a pledge that is missing,
 * of another recipient, revoked, expired, or not covering the medium, the purpose or an item
 * of the sheet (取扱規程 第5条, 第6条). Its status is "pending" when it needs the chief
 * officer's approval (electronic media or a file copy, 第16条), else "ready".
 * @param id receives the export's number; @p out (may be NULL) the preview's counts
 */
meibo_status export_request(meibo_ctx *ctx, const export_spec *spec, int64_t *id,
                            export_preview *out, meibo_err *err);

/**
 * @brief The chief officer approves (@p approve) or denies a pending export with a comment
 * (required to deny). Chief officer only (MEIBO_ERR_DENIED for anyone else); the pledge is
 * checked again. Audited ("export.approve", "export.deny").
 */
meibo_status export_decide(meibo_ctx *ctx, int64_t id, bool approve, const char *comment,
                           meibo_err *err);

/** @brief Where a run put what it made. */
typedef struct export_result {
    int64_t id;
    export_counts counts;
    char file_kind[8];            /**< "pdf" (paper), "xlsx" (file copy) or "zip" */
    char sha256[65];              /**< of the sheet file given out */
    outbox_delivery sheet;        /**< the sheet (PDF printed, or the file) */
    outbox_delivery cover;        /**< the cover letter */
    bool password_letter;         /**< electronic: the password notice was made */
    outbox_delivery password;     /**< and where it went (never beside the archive) */
    int tries;                    /**< sheets made: 1, more when the members changed meanwhile */
} export_result;

/**
 * @brief Run a ready export (clerk or above), once. @p out_path: for a file copy or
 * electronic media, the file to write (the xlsx, or the encrypted archive); NULL = the
 * outbox. Refused for a paper export that was not approved as a file copy (第16条). For
 * electronic media the password notice goes to the printer, else to the outbox, and is
 * refused when it would lie in the same folder as the archive (第38条). The pledge is checked
 * again: expired or revoked since the request, nothing is made. @p cfg must name the society
 * and the secretariat's contact (the cover letter carries them).
 *
 * The sheet and its letters are made from a read snapshot, outside the write lock (others
 * never wait for a sheet being made); a short write step then checks that nothing the sheet
 * relied on has changed (the export still ready; the recipient, purpose, pledge and
 * permission the same and in force; every member on the sheet still to be on it, with the
 * same cells — an edit, an opt-out 第20条第5項, a suspension or a consent withdrawn meanwhile
 * changes it), records one provision and one export.member access-log row per member on it,
 * delivers and marks it done. When a member on it changed, nothing is recorded or delivered
 * and the sheet is made anew (up to 3 times, then MEIBO_ERR_CONFLICT); one who came onto the
 * selection meanwhile is not on this sheet and not recorded. Not inside a transaction.
 */
meibo_status export_run(meibo_ctx *ctx, const meibo_config *cfg, int64_t id, const char *out_path,
                        export_result *r, meibo_err *err);

/**
 * @brief Test seam: when set, export_run() calls it between the sheet made and its record
 * (outside any transaction), so that a test can change the registry meanwhile.
 */
extern void (*export_run_between)(meibo_ctx *ctx, int64_t id, void *arg);
extern void *export_run_between_arg;

/** @brief An export as read back; strings valid during the callback only. */
typedef struct export_info {
    int64_t id;
    const char *purpose, *purpose_name, *recipient, *media, *columns, *items, *filters;
    const char *status, *requested_at, *requested_by, *decided_at, *decided_by;
    const char *decide_comment, *run_at, *run_by, *file_kind, *file_sha256, *delivered_to;
    const char *pledge_document;
    int64_t pledge_id, policy_version;
    bool file_copy;
    export_counts counts;
} export_info;

typedef int (*export_info_fn)(const export_info *e, void *arg); /* non-zero stops */

/** @brief Exports, newest first; @p status NULL for all (clerk or above). */
meibo_status export_list(meibo_ctx *ctx, const char *status, export_info_fn fn, void *arg,
                         meibo_err *err);

/** @brief Export @p id (clerk or above); MEIBO_ERR_NOT_FOUND when there is none. */
meibo_status export_show(meibo_ctx *ctx, int64_t id, export_info_fn fn, void *arg,
                         meibo_err *err);

#ifdef TESTING
/** @brief What the sheet file carries besides its rows. */
typedef struct export_sheet_meta {
    const char *title, *author, *recipient, *pledge_document;
    int64_t export_id, created;
} export_sheet_meta;

/**
 * @brief Write the sheet of a checked @p spec as xlsx to @p path, streamed row by row (for
 * tests and the benchmark; records nothing, no role check).
 */
meibo_status export_sheet_xlsx(meibo_ctx *ctx, const export_spec *spec,
                               const export_sheet_meta *meta, const char *path,
                               export_counts *counts, meibo_err *err);

/** @brief Put @p src into an AES-256 ZIP archive @p dst as @p entry, with @p password. */
meibo_status export_zip_encrypt(const char *src, const char *entry, const char *dst,
                                const char *password, meibo_err *err);

/** @brief A generated password of @p len - 1 characters (no look-alike characters). */
meibo_status export_password(char *buf, size_t len, meibo_err *err);
#endif

/**
 * @brief A page of export_list(ctx, NULL, …) (clerk or above), newest first: up to @p limit
 * exports (<= 0: all) older than export @p after_id (0: from the newest), or, when
 * @p backward, newer than it (0: from the oldest), nearest first. Keyset paging for a list
 * that holds a page, not every export.
 */
meibo_status export_page(meibo_ctx *ctx, int64_t after_id, bool backward, int limit,
                         export_info_fn fn, void *arg, meibo_err *err);

#endif

/**
 * @file inspect.h
 * @brief The 個人情報管理者's inspection (取扱規程 第25条): the handling of personal data over a
 * period checked against the ledger (第24条) and the records, for the report the manager signs
 * and sends to the 個人情報総責任者. Computed from the records each time:
 *  - per user: reads, reveals, edits, exports, inquiries and their outcomes (the access log,
 *    第23条・第35条; the inquiry decisions);
 *  - access outside the office hours (meibo.conf office_hours);
 *  - days on which a user's reads or reveals stand far above their own usual: more than
 *    INSPECT_OUTLIER_FACTOR times the user's median daily count and more than
 *    INSPECT_OUTLIER_MIN (inspect_outlier(), pure);
 *  - the staff register (第27条, 第28条, 第33条, 第34条): accounts past their term end still
 *    enabled, fixed-term accounts with the chief's approval, staff without a pledge or without
 *    training in the last 12 months;
 *  - recipients' pledges ending soon (第5–6条), the backups' age (第19条), the access log's chain
 *    (audit_verify());
 *  - the ledger checked against the data (第24条): a table held that no ledger entry lists;
 *  - the copies and exports recorded today (a hook for the chief's permissions of 規程 第16条).
 * What people write is kept (inspections): the manager's findings and corrective actions, the
 * chief officer's acknowledgement; both audited.
 */
#ifndef MEIBO_INSPECT_H
#define MEIBO_INSPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meibo/buf.h"
#include "meibo/config.h"
#include "meibo/db.h"
#include "meibo/pledge.h"

#define INSPECT_OUTLIER_FACTOR 5 /**< a day above this many times the user's median ... */
#define INSPECT_OUTLIER_MIN 200  /**< ... and above this many is far above their usual */
#define INSPECT_PLEDGE_DAYS PLEDGE_ENDING_SOON_DAYS  /**< recipients' pledges ending within this many days */

/* ---- the rule (pure) ------------------------------------------------------------------------- */

/** @brief The median of @p n counts (sorts @p counts in place); 0 when @p n is 0. */
double inspect_median(int64_t *counts, size_t n);

/** @brief Is @p count far above a user's usual @p median? count > 5 × median and count > 200. */
bool inspect_outlier(int64_t count, double median);

/** @brief What an access-log action counts as. */
typedef enum inspect_kind {
    IK_READ = 0, /**< a member's record, a list of them, an inquiry, a request read */
    IK_REVEAL,   /**< masked fields shown (member.reveal) */
    IK_EDIT,     /**< a member or an opt-out changed */
    IK_EXPORT,   /**< a sheet run, a backup made */
    IK_SEARCH,
    IK_LOGIN,
    IK_OTHER,
    IK__COUNT
} inspect_kind;

/** @brief The kind of access-log action @p action ("member.read" → IK_READ). Pure. */
inspect_kind inspect_action_kind(const char *action);

/* ---- the report ------------------------------------------------------------------------------ */

#define INSPECT_OUTCOMES 5 /**< provide, partial, refuse, hold, not_found (decide.h's order) */

typedef struct inspect_user {
    char login[64];
    int64_t n[IK__COUNT];        /**< access-log rows of each kind in the period */
    int64_t inquiries;           /**< inquiry decisions made */
    int64_t outcome[INSPECT_OUTCOMES];
    int64_t outside;             /**< rows outside office hours */
    int64_t outside_days;        /**< days with such rows */
    int days;                    /**< days with any row */
} inspect_user;

typedef struct inspect_outlier_day {
    char login[64], day[11];
    bool reveal;                 /**< reveals (else reads) */
    int64_t count;
    double median;
} inspect_outlier_day;

/** @brief One line of the report's lists: a short text in Japanese, owned by the report. */
typedef struct inspect_line {
    char *text;
    bool finding;                /**< a finding the manager must consider (第25条) */
} inspect_line;

typedef struct inspect_list {
    inspect_line *items;
    size_t n, cap;
} inspect_list;

typedef struct inspect_report {
    char from[11], until[11], today[11];
    char office[64];             /**< the office hours as the report states them */
    inspect_user *users;         /**< by login */
    size_t nusers, users_cap;
    inspect_outlier_day *outliers;
    size_t noutliers, outliers_cap;
    int64_t log_rows;            /**< access-log rows in the period */
    inspect_list staff;          /**< 第27–28条, 第33–34条 */
    inspect_list pledges;        /**< recipients' pledges ending (第5–6条) */
    inspect_list backups;        /**< 第19条 */
    inspect_list chain;          /**< 第35条 */
    inspect_list ledger;         /**< 第24条 */
    inspect_list copies;         /**< exports and backups recorded today (規程 第16条 hook) */
    int findings;                /**< lines marked finding */
} inspect_report;

typedef struct inspect_options {
    const char *from, *until;    /**< YYYY-MM-DD, both days included */
    const meibo_config *cfg;     /**< office hours, backup folder; NULL: the defaults */
    const char *db_path;         /**< for the backup folder beside it */
    int pledge_days;             /**< 0: INSPECT_PLEDGE_DAYS */
} inspect_options;

/**
 * @brief Build the report of @p opt's period into @p r (manager or chief). Audited
 * "inspect.run" (the access log is read). @p r is the caller's: inspect_report_free().
 * Refused when the dates are not dates or @p until is before @p from.
 */
meibo_status inspect_build(meibo_ctx *ctx, const inspect_options *opt, inspect_report *r,
                           meibo_err *err);

/** @brief Free what @p r owns (the struct stays usable, empty). */
void inspect_report_free(inspect_report *r);

/* ---- what people write ----------------------------------------------------------------------- */

/** @brief An inspection as kept. Strings valid during the callback. */
typedef struct inspect_record_info {
    int64_t id;
    const char *from, *until, *findings, *corrective, *recorded_at, *recorded_by;
    const char *acknowledged_at, *acknowledged_by, *ack_note; /**< NULL: not yet */
} inspect_record_info;

typedef int (*inspect_record_fn)(const inspect_record_info *i, void *arg);

/** @brief The manager records the findings (required) and corrective actions of a period's
 * inspection (第25条). Manager or chief. Audited "inspect.record". */
meibo_status inspect_record(meibo_ctx *ctx, const char *from, const char *until,
                            const char *findings, const char *corrective, int64_t *id,
                            meibo_err *err);

/** @brief The chief officer acknowledges inspection @p id (once). Chief only. Audited
 * "inspect.ack". */
meibo_status inspect_ack(meibo_ctx *ctx, int64_t id, const char *note, meibo_err *err);

/** @brief Inspection @p id (0: every one, newest first). Manager or chief. */
meibo_status inspect_records(meibo_ctx *ctx, int64_t id, inspect_record_fn fn, void *arg,
                             meibo_err *err);

/* ---- the printed report (letter.h) ---------------------------------------------------------- */

struct letter;

/**
 * @brief The inspection report (inspection.tmpl) through the letter engine: the report of the
 * period of inspection @p id (its findings, corrective actions and acknowledgement), or, with
 * @p id 0, of @p opt's period with room for them. Manager or chief. Renders only: printing is
 * audited by letter_record() ("inspect.print"). @p fmt is a letter_format.
 */
meibo_status letter_inspection(meibo_ctx *ctx, const meibo_config *cfg,
                               const inspect_options *opt, int64_t id, int fmt,
                               struct letter *out, meibo_err *err);

#endif

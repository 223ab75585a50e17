/**
 * @file incident.h
 * @brief The incident register (取扱規程 第26条 事故又は違反への対処; 個人情報保護法 第26条 and
 * 同法施行規則 第7条・第8条).
 *
 * 第26条: a 従事者 who learns of a leak (漏えい) of personal data, or of any fact or sign of a
 * breach of the Act or of the society's rules, reports it at once to the 個人情報管理者, and
 * the facts are investigated and the prevention of a recurrence considered. So:
 *  - any staff member (a clerk or above) records an incident and keeps its facts up to date:
 *    what happened (kind and summary), when it was discovered and by whom, the cause, what was
 *    done at once, and the manager (or the chief officer) it was reported to;
 *  - the reports to the 個人情報保護委員会 (速報, 確報) are recorded by a manager or the chief
 *    officer, who speak for the society to the commission;
 *  - closing an incident is the manager's (or the chief's): it needs the cause and the
 *    prevention (再発防止策) written, and for a reportable incident both reports made.
 * The members affected are computed, never typed, from one source (incident_source), each with
 * the items (第20条第1項 a–f) of theirs involved, and kept with the incident as they were then.
 * Whether the commission must be told, and by when, is incident_assess(), a pure function of
 * the facts. Every call that reads or writes is audited ("incident.add", "incident.update",
 * "incident.close", "incident.read", "incident.print").
 */
#ifndef MEIBO_INCIDENT_H
#define MEIBO_INCIDENT_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/config.h"
#include "meibo/db.h"

#define INCIDENT_PERSONS_LIMIT 1000  /**< 施行規則 第7条第4号: more than 1,000 persons */
#define INCIDENT_PROMPT_MIN_DAYS 3   /**< 速報 "速やかに": shown as 3–5 days (委員会ガイドライン) */
#define INCIDENT_PROMPT_DAYS 5
#define INCIDENT_FINAL_DAYS 30       /**< 確報 within 30 days (施行規則 第8条第2項) */
#define INCIDENT_FINAL_IMPROPER_DAYS 60 /**< 60 days for 第7条第3号 (不正の目的) */
#define INCIDENT_SOON_DAYS 3         /**< "nearly due": a report due within this many days */
#define INCIDENT_TEXT_MAX 2000       /**< characters of a free-text fact */

/* The kinds: code (CLI, JSON, schema), Japanese name. */
#define INCIDENT_KINDS(K)                                                                     \
    K(LEAK, "leak", "漏えい")                                                                 \
    K(LOSS, "loss", "滅失")                                                                   \
    K(DAMAGE, "damage", "毀損")                                                               \
    K(BREACH, "breach", "規程違反")

typedef enum incident_kind {
#define INCIDENT_K_ENUM(id, code, ja) INCIDENT_##id,
    INCIDENT_KINDS(INCIDENT_K_ENUM)
#undef INCIDENT_K_ENUM
    INCIDENT_KIND__COUNT
} incident_kind;

/** @brief Code and Japanese name of a kind ("" when out of range). */
const char *incident_kind_code(incident_kind k);
const char *incident_kind_ja(incident_kind k);

/* ---- the reporting decision (pure) ---------------------------------------------------------- */

/** @brief The facts the decision rests on. */
typedef struct incident_facts {
    incident_kind kind;
    int64_t persons;          /**< members affected */
    bool financial;           /**< data whose misuse may cause financial loss (第7条第2号) */
    bool improper;            /**< an act with an improper purpose suspected, unauthorized
                                   access included (第7条第3号) */
    bool sensitive;           /**< 要配慮個人情報 (第7条第1号): meibo holds none, so false */
    const char *discovered_on;/**< "YYYY-MM-DD", the day the society learned of it */
} incident_facts;

#define INCIDENT_MAX_REASONS 6

/** @brief One reason of the decision: a code, the article, the words (Japanese). */
typedef struct incident_reason {
    const char *code;     /**< "persons", "persons_under", "financial", "improper",
                               "sensitive_none", "not_leak", "none" */
    bool applies;         /**< this reason makes the incident reportable */
    const char *article;
    char text[400];
} incident_reason;

typedef struct incident_assessment {
    bool reportable;                 /**< must be reported to the 個人情報保護委員会 */
    int nreasons;
    incident_reason reasons[INCIDENT_MAX_REASONS];
    char prompt_from[11];            /**< 速報: from discovery + 3 days ... */
    char prompt_due[11];             /**< ... to discovery + 5 days ("" when not reportable) */
    char final_due[11];              /**< 確報: discovery + 30 or 60 days */
    int final_days;                  /**< 30 or 60 (0 when not reportable) */
} incident_assessment;

/**
 * @brief Decide from @p f whether the incident must be reported to the 個人情報保護委員会
 * (個人情報保護法 第26条第1項, 施行規則 第7条) and by when (第8条). Reportable when it is a 漏えい,
 * 滅失 or 毀損 (a breach of the rules alone is handled within the society, 取扱規程 第26条) and
 * one of: more than 1,000 persons; data whose misuse can cause financial loss; an improper
 * purpose suspected; 要配慮個人情報 (none is held: the reason says so). Every trigger gives a
 * reason, applying or not. Pure: no I/O. MEIBO_ERR_INVALID for a bad kind or date.
 */
meibo_status incident_assess(const incident_facts *f, incident_assessment *out, meibo_err *err);

/* ---- where the affected members come from ---------------------------------------------------- */

/* Sources: code, Japanese. */
#define INCIDENT_SOURCES(S)                                                                   \
    S(EXPORT, "export", "名簿の出力")                                                        \
    S(PROVISION, "provision", "提供の記録")                                                   \
    S(INQUIRY, "inquiry", "照会の回答書")                                                     \
    S(REQUEST, "request", "開示等の通知書")                                                   \
    S(BACKUP, "backup", "バックアップファイル")                                              \
    S(ACCESS_LOG, "access_log", "アクセス記録")                                               \
    S(MEMBERS, "members", "会員番号の一覧")

typedef enum incident_source_kind {
#define INCIDENT_S_ENUM(id, code, ja) INCIDENT_SRC_##id,
    INCIDENT_SOURCES(INCIDENT_S_ENUM)
#undef INCIDENT_S_ENUM
    INCIDENT_SOURCE__COUNT
} incident_source_kind;

/** @brief Source by code; -1 when unknown. */
int incident_source_parse(const char *code);
const char *incident_source_code(incident_source_kind s);
const char *incident_source_ja(incident_source_kind s);

/**
 * @brief One source of the affected members. Strings are borrowed for the call.
 *  - export: @c id an export run: every member on that sheet (its provision records, else
 *    its "export.member" rows of the access log), the sheet's items and columns;
 *  - provision: @c id one provision record: its member and items;
 *  - inquiry: @c id an inquiry whose letter was printed: the members and items its answer
 *    gave (its provision records; a refusal carries no member data and is refused here);
 *  - request: @c id a rights request whose notice was printed: its member; a disclosure
 *    notice carries every item (a–f), the others the member number and name (a, e);
 *  - backup: @c file a backup file (a name in the backup folder, else a path the real user may
 *    read; encrypted ones with meibo.conf's backup_key_file, as restore does): every member in
 *    it, with the items it holds of each;
 *  - access_log: @c user, @c since, @c until (YYYY-MM-DD, inclusive): the members that user's
 *    rows name (a manager or the chief officer: 取扱規程 第23条), with the items those actions
 *    show (a read: a–e; a reveal: e and f; an export: the sheet's items);
 *  - members: @c members, member numbers separated by commas or spaces, and @c items.
 */
typedef struct incident_source {
    const char *kind;
    int64_t id;
    const char *file;
    const char *user, *since, *until;
    const char *members;
    const char *items;
} incident_source;

/** @brief A new incident. Strings are borrowed for the call. */
typedef struct incident_new {
    const char *kind;            /**< an INCIDENT_KINDS code, required */
    const char *summary;         /**< what happened, required */
    const char *occurred_on;     /**< NULL or "" when not known */
    const char *discovered_on;   /**< NULL or "" = today; not in the future */
    const char *discovered_by;   /**< who found it, required */
    const char *cause;
    const char *immediate_action;
    const char *reported_to;     /**< the login of the manager or chief it was reported to */
    const char *reported_on;     /**< NULL or "" = the discovery date */
    bool financial, improper;
    incident_source source;
} incident_new;

/**
 * @brief Record an incident (a clerk or above; an access-log source a manager or the chief):
 * the affected members computed from @p n->source (cfg gives the backup folder and key; may be
 * NULL for the defaults). Refused whole with the field named. Audited ("incident.add").
 */
meibo_status incident_add(meibo_ctx *ctx, const meibo_config *cfg, const incident_new *n,
                          int64_t *id, meibo_err *err);

/** @brief Changes to an open incident: NULL leaves a text as it is; -1 a flag. */
typedef struct incident_change {
    const char *summary, *cause, *immediate_action, *secondary_damage, *member_response;
    const char *publication, *prevention;
    int financial, improper;           /**< -1 unchanged, 0 or 1 */
    const char *prompt_reported_on;    /**< the 速報 made (manager or chief), a date */
    const char *final_reported_on;     /**< the 確報 made (manager or chief), a date */
} incident_change;

/** @brief Change the facts of open incident @p id (see the file comment for who). Audited. */
meibo_status incident_update(meibo_ctx *ctx, int64_t id, const incident_change *c,
                             meibo_err *err);

/** @brief Close incident @p id (a manager or the chief; 第26条) with @p note. Audited. */
meibo_status incident_close(meibo_ctx *ctx, int64_t id, const char *note, meibo_err *err);

/** @brief An incident as read back; strings valid during the callback only. */
typedef struct incident_info {
    int64_t id;
    incident_kind kind;
    const char *kind_code, *kind_ja, *summary, *occurred_on, *discovered_on, *discovered_by;
    const char *cause, *immediate_action, *reported_to, *reported_on, *source, *source_ref;
    int64_t persons;
    const char *items, *columns;
    bool financial, improper;
    const char *secondary_damage, *member_response, *publication, *prevention;
    const char *prompt_reported_on, *final_reported_on, *status, *closed_on, *closed_by;
    const char *close_note, *created_at, *created_by, *updated_at, *updated_by;
    incident_assessment assessment;
    bool open;
    bool overdue;          /**< open, reportable, a report not made past its due date */
    bool due_soon;         /**< open, reportable, a report due within INCIDENT_SOON_DAYS */
    const char *next_what; /**< "prompt" or "final": the next report due, NULL for none */
    const char *next_due;  /**< its due date */
    int days_left;         /**< next_due - today */
} incident_info;

typedef int (*incident_fn)(const incident_info *i, void *arg); /* non-zero stops */

typedef struct incident_filter {
    bool all;              /**< closed ones too (else the open ones) */
    bool due;              /**< only those overdue or nearly due */
    const char *member_no; /**< only those touching this member */
} incident_filter;

/** @brief Incidents, newest first (clerk or above); @p f may be NULL. Audited. */
meibo_status incident_list(meibo_ctx *ctx, const incident_filter *f, incident_fn fn, void *arg,
                           meibo_err *err);

/** @brief Incident @p id (clerk or above); MEIBO_ERR_NOT_FOUND when none. Audited. */
meibo_status incident_show(meibo_ctx *ctx, int64_t id, incident_fn fn, void *arg,
                           meibo_err *err);

/** @brief One affected member as stored. */
typedef int (*incident_member_fn)(const char *member_no, const char *items, void *arg);

/** @brief The affected members of @p id by member number (clerk or above). Audited. */
meibo_status incident_members(meibo_ctx *ctx, int64_t id, incident_member_fn fn, void *arg,
                              meibo_err *err);

/**
 * @brief The incidents that touch @p member_no, each with the member's items, oldest first,
 * for the member's detail and the disclosure notice (第22条). No role check and no audit row of
 * its own: the caller has read the member (its own row says so).
 */
typedef int (*incident_touch_fn)(const incident_info *i, const char *items, void *arg);
meibo_status incident_for_member(meibo_ctx *ctx, const char *member_no, incident_touch_fn fn,
                                 void *arg, meibo_err *err);

/** @brief Counts of open incidents with a report overdue and due within INCIDENT_SOON_DAYS
 * (home screen, meibo doctor). No audit row. */
meibo_status incident_due_counts(meibo_ctx *ctx, int *overdue, int *soon, meibo_err *err);

/** @brief Items "a,d,e" in words ("会員番号、所属施設名・住所、…") into @p buf. */
const char *incident_items_ja(const char *items, char *buf, size_t len);

/**
 * @brief A page of incident_list() (clerk or above; audited as it is), newest first: up to
 * @p limit incidents (<= 0: all) older than incident @p after_id (0: from the newest), or,
 * when @p backward, newer than it (0: from the oldest), nearest first. Keyset paging for a
 * list that holds a page, not the whole register.
 */
meibo_status incident_page(meibo_ctx *ctx, const incident_filter *f, int64_t after_id,
                           bool backward, int limit, incident_fn fn, void *arg, meibo_err *err);

#endif

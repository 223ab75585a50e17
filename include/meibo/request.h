/**
 * @file request.h
 * @brief Members' rights requests (規程 第22条, 第23条; 取扱規程 第7–8条): disclosure,
 * correction, addition, deletion, suspension or erasure, stop of provision.
 *
 * A request is received (the date, how the requester's identity was checked, an agent and the
 * proof of agency, the fee received, the paper's document number) and is due a fixed number
 * of days after receipt (14 by default, meibo.conf request_due_days). It is then decided:
 *  - full: granted. A correction, addition or deletion changes the member through the one
 *    audited edit path (member_update(), "member.update" with the fields named), in the same
 *    transaction as the decision; a suspension or a stop of provision records the opt-out of
 *    第20条第5項 (optout.h) when none is in force, so third parties are refused at once.
 *  - partial or none: a reason from the table rights_reasons (for a disclosure one of the
 *    three of 第22条第4項, or identity / agency not confirmed; for the others 第23条), given
 *    by the chief officer only (規程 第10条第2項, 第18条: what is withheld from a member is
 *    the chief officer's decision). A disclosure in part names what it withholds.
 * Granting (full or partial) needs the identity confirmed and, for an agent, the proof of
 * agency (第22条第1項 本人確認); otherwise the request can only be refused with reason
 * "identity" or "agency".
 * The notice of the decision goes to the member in writing (第22条第5項, 第23条第1項): the
 * letters of letter.h (letter_request()); a request is completed only after its notice was
 * printed or saved for sending. Requests completed are kept.
 */
#ifndef MEIBO_REQUEST_H
#define MEIBO_REQUEST_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/db.h"

#define REQUEST_DUE_DAYS 14  /**< default days to the due date (rules/004: about two weeks) */
#define REQUEST_SOON_DAYS 3  /**< "nearly due": due within this many days */

/* The kinds: code (CLI, JSON, schema), Japanese name, the article it rests on. */
#define REQUEST_KINDS(K)                                                                      \
    K(DISCLOSURE, "disclosure", "開示", "第22条第1項")                                         \
    K(CORRECTION, "correction", "訂正", "第23条第1項")                                         \
    K(ADDITION, "addition", "追加", "第23条第1項")                                             \
    K(DELETION, "deletion", "削除", "第23条第1項")                                             \
    K(SUSPENSION, "suspension", "利用停止・消去", "第23条第2項")                               \
    K(STOP_PROVISION, "stop_provision", "第三者提供の停止", "第20条第5項")

typedef enum request_kind {
#define REQUEST_K_ENUM(id, code, ja, article) REQUEST_##id,
    REQUEST_KINDS(REQUEST_K_ENUM)
#undef REQUEST_K_ENUM
    REQUEST_KIND__COUNT
} request_kind;

/* How identity was checked: code, Japanese text. */
#define REQUEST_IDENTITIES(I)                                                                 \
    I(DRIVERS_LICENSE, "drivers_license", "運転免許証")                                        \
    I(MY_NUMBER_CARD, "my_number_card", "個人番号カード（表面）")                              \
    I(PASSPORT, "passport", "旅券")                                                           \
    I(HEALTH_INSURANCE, "health_insurance", "健康保険証")                                      \
    I(RESIDENCE_CARD, "residence_card", "在留カード")                                          \
    I(REGISTERED_ADDRESS, "registered_address", "登録住所との照合")                            \
    I(IN_PERSON, "in_person", "窓口での面談")                                                  \
    I(OTHER, "other", "その他")                                                                \
    I(UNVERIFIED, "unverified", "確認できず")

typedef enum request_identity {
#define REQUEST_I_ENUM(id, code, ja) REQUEST_ID_##id,
    REQUEST_IDENTITIES(REQUEST_I_ENUM)
#undef REQUEST_I_ENUM
    REQUEST_IDENTITY__COUNT
} request_identity;

/* The states of a request, in the order it goes: code (stored in rights_requests.status as
 * text, the CLI, JSON). The words a clerk reads are label.h's. */
#define REQUEST_STATUSES(S)                                                                   \
    S(RECEIVED, "received")   /* recorded, waiting for its decision */                       \
    S(DECIDED, "decided")     /* decided, its notice not yet sent */                         \
    S(COMPLETED, "completed") /* the notice was sent */

typedef enum request_status {
#define REQUEST_S_ENUM(id, code) REQUEST_STATUS_##id,
    REQUEST_STATUSES(REQUEST_S_ENUM)
#undef REQUEST_S_ENUM
    REQUEST_STATUS__COUNT
} request_status;

/* How far a decision grants a request: code (rights_requests.decision, the CLI, JSON). */
#define REQUEST_GRANTS(G)                                                                     \
    G(FULL, "full")       /* granted in full */                                              \
    G(PARTIAL, "partial") /* granted in part (the chief officer, with a reason) */           \
    G(NONE, "none")       /* refused (the chief officer, with a reason) */

typedef enum request_grant {
#define REQUEST_G_ENUM(id, code) REQUEST_GRANT_##id,
    REQUEST_GRANTS(REQUEST_G_ENUM)
#undef REQUEST_G_ENUM
    REQUEST_GRANT__COUNT
} request_grant;

/** @brief Kind by code; -1 when unknown. */
int request_kind_parse(const char *code);
/** @brief Code, Japanese name and article of a kind ("" when out of range). */
const char *request_kind_code(request_kind k);
const char *request_kind_ja(request_kind k);
const char *request_kind_article(request_kind k);
/** @brief Identity method by code; -1 when unknown. */
int request_identity_parse(const char *code);
const char *request_identity_code(request_identity i);
const char *request_identity_ja(request_identity i);
/** @brief State by code; -1 when unknown (or NULL). */
int request_status_parse(const char *code);
/** @brief The code of a state ("" when out of range). */
const char *request_status_code(request_status s);
/** @brief Decision by code ("full", "partial", "none"); -1 when unknown (or NULL). */
int request_grant_parse(const char *code);
/** @brief The code of a decision ("" when out of range). */
const char *request_grant_code(request_grant g);

/** @brief A request to record. Strings are borrowed for the call. */
typedef struct request_new {
    const char *kind;          /**< a REQUEST_KINDS code, required */
    const char *member_no;     /**< the member it is about; NULL or "": the person named by
                                    @c requester_name and @c requester_address, linked to the
                                    member whose name and home address match (exactly one), or
                                    for a disclosure recorded against the person alone and
                                    answered that no data is held (第22条第2項) */
    const char *received_on;   /**< NULL or "" = today; not in the future */
    const char *channel;       /**< letter (default), counter, email, fax, phone */
    const char *content;       /**< what is asked (up to 400 characters); required for a
                                    correction, addition or deletion */
    const char *document_no;   /**< where the request paper is filed (may be empty) */
    const char *identity;      /**< a REQUEST_IDENTITIES code, required */
    const char *identity_note; /**< what was seen; required with "other" */
    const char *agent;         /**< the agent's name; NULL or "" = the member */
    const char *agent_proof;   /**< proof of agency seen (委任状 …); only with an agent */
    long fee_yen;              /**< fee received, 0 or more */
    const char *due_on;        /**< NULL or "" = received_on + due_days; else on or after it */
    int due_days;              /**< days to the due date (meibo.conf); 0 = REQUEST_DUE_DAYS */
    const char *notifier;      /**< who notified (取扱規程 第7–8条): self, family,
                                    facility_staff or agent; NULL or "" = self, or agent when
                                    @c agent is given. Family and facility staff count as the
                                    member for a correction, addition or deletion (no 委任状;
                                    @c agent holds their name, @c identity how they were
                                    identified); only an agent needs @c agent_proof */
    const char *requester_name;    /**< without @c member_no: the person's name */
    const char *requester_address; /**< without @c member_no: the person's address */
} request_new;

/** @brief The notifier code @p r stands for (its default filled in). */
const char *request_notifier(const request_new *r);

/** @brief Record a request (clerk or above). Refused whole, field named. Audited ("request.add"). */
meibo_status request_add(meibo_ctx *ctx, const request_new *r, int64_t *id, meibo_err *err);

/** @brief A decision. Strings are borrowed for the call. */
typedef struct request_decision {
    const char *decision;      /**< "full", "partial" or "none" */
    const char *reason;        /**< a rights_reasons code for the kind; required unless full */
    const char *note;          /**< what was done, withheld, or the measure taken instead
                                    (up to 400 characters); required for partial */
    const char *withhold;      /**< disclosure in part: what is withheld, comma-separated
                                    member field names and "provision:N"; required then */
    const char *const *set;    /**< correction, addition, deletion, suspension granted:
                                    "FIELD=VALUE" changes to the member (member.h names) */
    int nset;
    const char *document_no;   /**< suspension, stop_provision granted: where the written
                                    application is filed, for the opt-out; NULL or "" = the
                                    request's document number (not for a request by phone);
                                    with none, the opt-out is the interim stop awaiting the
                                    written application (書面待ち, optout.h) — no number is
                                    made up */
} request_decision;

/**
 * @brief Decide request @p id (received, not yet decided). Who may: see the file comment.
 * Refused whole (nothing changes), field named, when the decision does not fit the kind: a
 * correction granted without a change, an addition to a field that has a value, a deletion
 * that sets a value, a change to member_no, status, optout_on or the withdrawal fields, a
 * reason of another kind. Audited ("request.decide"), with the member's own audit rows for
 * what it changed.
 */
meibo_status request_decide(meibo_ctx *ctx, int64_t id, const request_decision *d, meibo_err *err);

/**
 * @brief Complete request @p id (decided; clerk or above) on @p date (NULL or "" = today, not
 * in the future, not before the decision): the notice was sent. Refused when no notice was
 * printed or saved for sending (第22条第5項). Audited ("request.complete").
 */
meibo_status request_complete(meibo_ctx *ctx, int64_t id, const char *date, meibo_err *err);

/**
 * @brief Note that the notice of request @p id was printed or saved for sending today (the
 * first time only). For letter.c's record of a delivered letter; no role check of its own.
 */
meibo_status request_notified(meibo_ctx *ctx, int64_t id, meibo_err *err);

/** @brief A request as read back; strings valid during the callback only. */
typedef struct request_info {
    int64_t id, member_id, optout_id;
    request_kind kind;
    const char *kind_code, *member_no, *family_name, *given_name;
    const char *received_on, *channel, *content, *document_no, *identity, *identity_note;
    const char *agent, *agent_proof, *notifier;
    const char *requester_name, *requester_address; /**< the person; member_id 0: not held */
    int64_t fee_yen;
    const char *due_on, *status;
    const char *decision, *reason, *reason_article, *reason_text, *decision_note, *withheld;
    const char *changed_fields, *decided_on, *decided_by, *decided_role, *notified_on;
    const char *completed_on, *completed_by, *created_at, *created_by;
    bool open;      /**< not completed */
    bool overdue;   /**< open and past its due date (by ctx's clock) */
    bool due_soon;  /**< open and due within REQUEST_SOON_DAYS days, not overdue */
    int days_left;  /**< due_on - today (negative when overdue) */
    bool redo;      /**< a restore put it back as received: decide it again (request_redo) */
} request_info;

typedef int (*request_fn)(const request_info *r, void *arg); /* non-zero stops */

typedef struct request_filter {
    bool all;               /**< also completed requests (else the open ones) */
    bool due;               /**< only open requests overdue or due within due_within days */
    int due_within;         /**< with @c due: days; <= 0 = REQUEST_SOON_DAYS */
    const char *member_no;  /**< NULL, or one member's */
    const char *status;     /**< NULL, or received / decided / completed */
} request_filter;

/**
 * @brief Requests, by due date then number (clerk or above); @p f may be NULL: the open ones.
 * Audited ("request.read"), with the member when one is named.
 */
meibo_status request_list(meibo_ctx *ctx, const request_filter *f, request_fn fn, void *arg,
                          meibo_err *err);

/** @brief Request @p id (clerk or above); MEIBO_ERR_NOT_FOUND when none. Audited. */
meibo_status request_show(meibo_ctx *ctx, int64_t id, request_fn fn, void *arg, meibo_err *err);

/** @brief Counts of open requests overdue and due within REQUEST_SOON_DAYS (home screen). */
meibo_status request_due_counts(meibo_ctx *ctx, int *overdue, int *soon, meibo_err *err);

/* ---- over a restore (取扱規程 第19条) ------------------------------------------------------ */

/** @brief What request_carry() did. */
typedef struct request_carry_result {
    int64_t carried;  /**< requests brought over from the database replaced (new or further on) */
    int64_t replayed; /**< decisions applied again to the member (corrections, additions,
                           deletions, suspensions, stops of provision) */
    int64_t redo;     /**< requests that could not be replayed: listed to be done again */
    int64_t clashes;  /**< a different request has the number in the backup: left as it is */
} request_carry_result;

/**
 * @brief Bring the rights requests of database @p from (the one a restore replaces) into @p to
 * (the restored backup): each request the backup does not have, or has at an earlier stage,
 * is copied over; a correction, addition, deletion or suspension granted after the backup is
 * applied again to the member through the audited edit (member.update, from the changes the
 * decision recorded), and a suspension or stop of provision whose opt-out is still in force
 * records it again (optout.add). A request that cannot be replayed is listed in request_redo,
 * to be done again by hand: its decision's values were not recorded (decided before schema
 * 024: the request is back as received, to decide again), or its member is not in the backup
 * (added after it: record the member and the request again). Members erased (the deletion
 * ledger) are skipped. Chief officer (a restore runs as the system). One transaction;
 * audited ("request.carry" with counts, "request.replay" for each decision applied again).
 */
meibo_status request_carry(meibo_ctx *to, meibo_ctx *from, request_carry_result *out,
                           meibo_err *err);

/** @brief A request to do again after a restore; strings valid during the callback only. */
typedef struct request_redo_info {
    int64_t request_id;
    int kind;                /**< request_kind, -1 when unknown */
    const char *member_no, *kind_code, *received_on, *decided_on;
    const char *why;         /**< "member": the member is not in the restored database;
                                  "values": the decision's values were not recorded */
    const char *listed_at, *done_on, *done_by; /**< done_on "" while open */
    bool carried;            /**< the request is in the database again, as received */
} request_redo_info;

typedef int (*request_redo_fn)(const request_redo_info *r, void *arg); /* non-zero stops */

/** @brief The requests to do again (open ones, or @p all), by number (clerk or above). Audited. */
meibo_status request_redo_list(meibo_ctx *ctx, bool all, request_redo_fn fn, void *arg,
                               meibo_err *err);

/** @brief How many requests are still to do again, and the lowest number (home screen). */
meibo_status request_redo_count(meibo_ctx *ctx, int *open, int64_t *first, meibo_err *err);

/**
 * @brief Close request @p id on the list to do again (clerk or above): done by hand (deciding a
 * request carried back as received closes it by itself). MEIBO_ERR_NOT_FOUND when it is not
 * open on the list. Audited ("request.redo").
 */
meibo_status request_redo_done(meibo_ctx *ctx, int64_t id, meibo_err *err);

/** @brief One reason of rights_reasons; strings valid during the callback only. */
typedef struct request_reason {
    const char *code, *kinds, *article, *text;
} request_reason;

typedef int (*request_reason_fn)(const request_reason *r, void *arg); /* non-zero stops */

/** @brief The reasons that may be given for @p kind (NULL: every reason), in order. */
meibo_status request_reasons(meibo_ctx *ctx, const char *kind, request_reason_fn fn, void *arg,
                             meibo_err *err);

/**
 * @brief A page of request_list() with only @p all as its filter (clerk or above; audited as
 * it is), in its order (due date, then number): up to @p limit requests (<= 0: all) after
 * request @p after_id (0: from the first), or, when @p backward, before it (0: from the last),
 * nearest first. Keyset paging for a list that holds a page, not every request.
 */
meibo_status request_page(meibo_ctx *ctx, bool all, int64_t after_id, bool backward, int limit,
                          request_fn fn, void *arg, meibo_err *err);

#endif

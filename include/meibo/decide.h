/**
 * @file decide.h
 * @brief The inquiry decision (規程 第19–21条, 第22条, 取扱規程 第5–6条) as one pure function.
 *
 * decide_inquiry() takes a request, the facts about the member, the policy snapshot and the
 * requester's pledges, and returns the outcome, a verdict per item and the reasons (code,
 * article, text). It does no I/O: no database, no clock (today comes in the request), no
 * output. Everything it needs is in its arguments; everything it returns is in the result,
 * which is a plain value (no pointers, nothing to free).
 *
 * The ground of the request is one of: a purpose of 第20条第1項 (the common case); a statute
 * (規程 第19条第1項第1号: a legal-basis category (f)(g)(h) citing it, with the written request's
 * document); an emergency (第19条第1項第2号); or, for the member asking about themself, the
 * disclosure of 第22条. A statute and an emergency are grounds of their own: they take no
 * 第20条第1項 purpose, the items are those the request names, and the chief officer decides.
 *
 * Steps, in this order, each adding reasons:
 *  1. the requester, decided before the member is looked up (decide_requester() is this step
 *     alone; the caller looks the member up only when it leaves result.member_needed set):
 *     a. a forbidden category (第20条第4項(b)(c)), the chief officer's deny-list ((d)), identity,
 *        origin or purpose not made clear ((a)) → refuse.
 *     b. the ground: a purpose that is not one of 第20条第1項's (none given, an unknown code,
 *        free text) → refuse (第20条第1項); a purpose this category may not use (the scope of
 *        the purpose: policy_purpose_categories, schema/012) → refuse (第20条第1項); a statute
 *        cited by a category other than (f)(g)(h) → refuse (第20条第3項(f)(g)(h), 第20条第5項).
 *        A statute → hold for the chief officer (第19条第1項第1号); an emergency → hold for the
 *        chief officer (第19条第1項第2号).
 *     c. the items: under a purpose, each item only when the purpose allows it (第20条第1項),
 *        else withheld, and none left → refuse; under a statute or an emergency, the items
 *        the request names; the member's own request gets every item (第22条第1項).
 *     d. what the requester must still provide: a method other than written → hold for the
 *        chief officer's consent (第20条第2項; it waives nothing else), except the member's own
 *        disclosure (第22条第3項 但し書). Electronic media → hold for the chief officer
 *        (取扱規程 第5条, 第38条) and a valid pledge covering electronic media, the ground's
 *        purpose and the items (第5条). Paper to a category that needs a pledge, under a
 *        purpose → a valid pledge covering paper, the purpose and the items (取扱規程 第6条),
 *        whatever the method. Paper under a statute or an emergency needs no pledge: 取扱規程
 *        第6条's pledge is the condition of provision 本会業務および会員への連絡通知等に必要な
 *        場合 (the society's business), and these rest on 第19条第1項 instead; the reason says so.
 *  The holds of step 1 are fixed before the member is consulted: the member's facts never
 *  remove a hold nor turn a hold into refuse or not_found, so the same requester gets the same
 *  next step whether or not the person is a member or has opted out. With holds left (and not
 *  answered by the chief officer's consent, request.chief_consented), the facts of steps 2–3 are
 *  added as reasons for the chief officer only (the outcome stays hold).
 *  2. the member is not found → not_found.
 *  3. the member's facts: opted out (第20条第5項) → refuse, unless the requester is the member
 *     (a), a statute from (f)(g)(h) (但し書), or an emergency the chief officer approved
 *     (第19条第1項第2号). Not an active member (withdrawn, deceased) and not the member asking
 *     → hold for the chief officer.
 *
 * The chief officer's approval decides again with request.chief_consented: the chief holds
 * (第20条第2項, 取扱規程 第5条, 第19条第1項第1号 and 第2号, a former member) count as answered,
 * a pledge hold does not, and the member's facts then decide.
 *
 * Outcome: refuse and not_found end the steps (nothing provided); otherwise hold when any hold
 * is left, else provide when every requested item is provided, else partial.
 */
#ifndef MEIBO_DECIDE_H
#define MEIBO_DECIDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meibo/status.h"

#define DECIDE_ITEMS 6             /**< items a–f of 第20条第1項 */
#define DECIDE_ALL_ITEMS 0x3Fu     /**< mask of a–f */
#define DECIDE_MAX_CATEGORIES 24
#define DECIDE_MAX_PURPOSES 24
#define DECIDE_MAX_REASONS 24
#define DECIDE_CODE_LEN 32
#define DECIDE_ARTICLE_LEN 96
#define DECIDE_TEXT_LEN 512

/** @brief Item code 'a'..'f' to its bit; 0 for anything else. */
#define DECIDE_ITEM_BIT(c) ((c) >= 'a' && (c) <= 'f' ? 1u << ((c) - 'a') : 0u)

/** @brief A recipient category (第20条第3項 permitted, 第20条第4項 forbidden). */
typedef struct decide_category {
    char code[DECIDE_CODE_LEN];      /**< canonical code: self, family, ..., press */
    char clause[4];                  /**< its letter in the paragraph: "a".."i" */
    bool permitted;                  /**< 第20条第3項 (true) or 第20条第4項 (false) */
    bool legal_basis;                /**< (f)(g)(h): may cite a statute (第20条第5項 但し書) */
    bool pledge_required;            /**< paper provision needs a pledge (取扱規程 第6条) */
    char article[DECIDE_ARTICLE_LEN];
    char text[DECIDE_TEXT_LEN];
} decide_category;

/** @brief An item of 第20条第1項. */
typedef struct decide_item {
    char code;                       /**< 'a'..'f' */
    char name[DECIDE_TEXT_LEN];
    char article[DECIDE_ARTICLE_LEN];
    char text[DECIDE_TEXT_LEN];
} decide_item;

/** @brief A purpose of 第20条第1項 and the items it allows. */
typedef struct decide_purpose {
    char code[DECIDE_CODE_LEN];
    char scope[12];                  /**< "internal" or "external" */
    unsigned items;                  /**< mask of DECIDE_ITEM_BIT */
    char categories[512];            /**< the categories that may use it, comma-separated */
    char article[DECIDE_ARTICLE_LEN];
    char text[DECIDE_TEXT_LEN];
} decide_purpose;

/** @brief One version of the policy tables, as a value. */
typedef struct decide_policy {
    int64_t version;
    int ncategories;
    decide_category categories[DECIDE_MAX_CATEGORIES];
    decide_item items[DECIDE_ITEMS]; /**< items[i].code == 'a' + i */
    int npurposes;
    decide_purpose purposes[DECIDE_MAX_PURPOSES];
} decide_policy;

typedef enum decide_method {
    DECIDE_WRITTEN = 0, /**< 書面 (第20条第2項) */
    DECIDE_OTHER = 1    /**< telephone, counter, anything not written */
} decide_method;

typedef enum decide_medium {
    DECIDE_PAPER = 0,     /**< 紙媒体 (取扱規程 第6条) */
    DECIDE_ELECTRONIC = 1 /**< 電子媒体 (取扱規程 第5条); a written method only */
} decide_medium;

/** @brief The request. Strings are borrowed for the call. */
typedef struct decide_request {
    const char *category;     /**< a category code of the policy */
    bool identity_verified;   /**< identity, origin and purpose made clear (第20条第4項(a)) */
    bool deny_listed;         /**< on the chief officer's deny-list (第20条第4項(d)) */
    const char *purpose;      /**< the purpose as stated (a code of the policy, or anything
                                   else, refused); NULL or "" with a statute or an emergency */
    unsigned items;           /**< requested items, non-empty mask of DECIDE_ITEM_BIT */
    decide_method method;
    decide_medium medium;
    const char *legal_basis;  /**< the statute (e.g. 刑事訴訟法第197条第2項); NULL or "" none */
    const char *legal_document; /**< the written request (照会書) number and date: required
                                   with a statute */
    bool emergency;           /**< claim under 第19条第1項第2号 */
    bool chief_consented;     /**< the chief officer's approval answers the chief holds */
    const char *today;        /**< "YYYY-MM-DD": pledges are valid through their valid_until */
} decide_request;

/** @brief What is known about the member (after the lookup the caller did). */
typedef struct decide_member {
    bool found;
    bool opted_out;           /**< a 第20条第5項 opt-out in force */
    const char *status;       /**< "active", "withdrawn", "deceased" */
} decide_member;

enum { DECIDE_MEDIA_PAPER = 1, DECIDE_MEDIA_ELECTRONIC = 2 };

/** @brief A pledge on file from the requester's organization (取扱規程 第5–6条). */
typedef struct decide_pledge {
    int64_t id;
    const char *document_no;  /**< where the signed paper is filed */
    unsigned media;           /**< DECIDE_MEDIA_* */
    const char *purposes;     /**< purpose codes, comma-separated */
    unsigned items;           /**< mask of DECIDE_ITEM_BIT */
    const char *valid_until;  /**< "YYYY-MM-DD", last valid day */
    bool revoked;
} decide_pledge;

/** @brief The ground a request rests on. */
typedef enum decide_ground {
    DECIDE_GROUND_PURPOSE = 0, /**< a purpose of 第20条第1項 */
    DECIDE_GROUND_STATUTE,     /**< 第19条第1項第1号: required by a statute */
    DECIDE_GROUND_EMERGENCY,   /**< 第19条第1項第2号: life, body or property */
    DECIDE_GROUND_DISCLOSURE   /**< 第22条: the member asking about themself */
} decide_ground;

typedef enum decide_outcome {
    DECIDE_PROVIDE = 0,
    DECIDE_PARTIAL,
    DECIDE_REFUSE,
    DECIDE_HOLD,
    DECIDE_NOT_FOUND
} decide_outcome;

/* Reason codes, once: enum name, canonical code. */
#define DECIDE_REASONS(R)                                                                  \
    R(FORBIDDEN, "forbidden_category")          /* 第20条第4項(b)(c) */                    \
    R(DENY_LISTED, "deny_listed")               /* 第20条第4項(d) */                       \
    R(UNVERIFIED, "unverified")                 /* 第20条第4項(a) */                       \
    R(PERMITTED, "permitted_recipient")         /* 第20条第3項 */                          \
    R(PURPOSE_UNLISTED, "purpose_not_listed")   /* 第20条第1項 */                          \
    R(PURPOSE_SCOPE, "purpose_scope")           /* 第20条第1項 */                          \
    R(STATUTE_CATEGORY, "legal_basis_category") /* 第20条第3項(f)(g)(h), 第20条第5項 */    \
    R(NOT_FOUND, "not_found")                   /* 第20条第3項 / 第22条第2項 */            \
    R(OPTED_OUT, "opted_out")                   /* 第20条第5項 */                          \
    R(OPTOUT_LEGAL, "optout_legal_basis")       /* 第20条第5項 但し書 */                   \
    R(OPTOUT_EMERGENCY, "optout_emergency")     /* 第19条第1項第2号, 第20条第5項 */        \
    R(FORMER_MEMBER, "former_member")           /* hold: not an active member */           \
    R(EMERGENCY, "emergency")                   /* 第19条第1項第2号 */                     \
    R(ITEM_PROVIDED, "item_purpose")            /* 第20条第1項 */                          \
    R(ITEM_WITHHELD, "item_purpose_mismatch")   /* 第20条第1項 */                          \
    R(SELF_DISCLOSURE, "self_disclosure")       /* 第22条第1項 */                          \
    R(NOTHING_LEFT, "no_item_for_purpose")      /* 第20条第1項 */                          \
    R(NOT_WRITTEN, "method_not_written")        /* 第20条第2項 */                          \
    R(SELF_OTHER_METHOD, "disclosure_other_method") /* 第22条第3項 但し書 */               \
    R(ELECTRONIC, "electronic_media")           /* 取扱規程 第5条, 第38条 */               \
    R(PLEDGE_MISSING, "pledge_required")        /* 取扱規程 第6条 (or 第5条) */            \
    R(PLEDGE_ON_FILE, "pledge_on_file")         /* 取扱規程 第6条 (or 第5条) */            \
    R(LEGAL_BASIS, "legal_basis")               /* 第19条第1項第1号: the chief decides */  \
    R(NO_PLEDGE, "pledge_not_required")         /* 取扱規程 第6条, 第19条第1項 */          \
    R(CHIEF_APPROVED, "chief_approved")         /* the workflow's: a hold approved */      \
    R(CHIEF_DENIED, "chief_denied")             /* the workflow's: a hold denied */        \
    R(SHEET_CATEGORY, "sheet_recipient")        /* 取扱規程 第4条: which sheet to whom */

typedef enum decide_reason_code {
#define DECIDE_R_ENUM(id, code) DECIDE_R_##id,
    DECIDE_REASONS(DECIDE_R_ENUM)
#undef DECIDE_R_ENUM
    DECIDE_R__COUNT
} decide_reason_code;

typedef struct decide_reason {
    char code[DECIDE_CODE_LEN];
    char article[DECIDE_ARTICLE_LEN];
    char text[DECIDE_TEXT_LEN];
} decide_reason;

enum {
    DECIDE_HOLD_CHIEF = 1 << 0, /**< waits for the chief officer's approval */
    DECIDE_HOLD_PLEDGE = 1 << 1 /**< waits for a pledge to be recorded */
};

/** @brief A decision, as a value. */
typedef struct decide_result {
    decide_outcome outcome;
    unsigned requested;       /**< items asked for */
    unsigned provided;        /**< items provided (on hold: to be provided when released) */
    unsigned hold;            /**< DECIDE_HOLD_* when outcome is hold */
    bool member_needed;       /**< step 1 passed: the member may be looked up */
    bool member_consulted;    /**< the member's facts decided the outcome (steps 2–3) */
    decide_ground ground;     /**< what the request rests on */
    bool legal_basis;         /**< a legal-basis category with its statute recorded */
    int64_t pledge_id;        /**< the pledge relied on, 0 for none */
    int64_t policy_version;
    int nreasons;
    decide_reason reasons[DECIDE_MAX_REASONS];
} decide_result;

/** @brief Canonical name of an outcome ("provide", ...). */
const char *decide_outcome_name(decide_outcome o);

/** @brief Outcome by name; -1 when unknown. */
int decide_outcome_parse(const char *s);

/** @brief Canonical code of a reason ("opted_out", ...). */
const char *decide_reason_name(decide_reason_code r);

/**
 * @brief Parse items: "a,d", "ad", "a, d" (each of a–f at most once). Refused whole
 * (MEIBO_ERR_INVALID, field @p field) when empty or when anything else appears.
 */
meibo_status decide_items_parse(const char *s, const char *field, unsigned *mask, meibo_err *err);

/** @brief Items as "a,d" into @p buf (at least 12 bytes); "" for none. */
void decide_items_format(unsigned mask, char *buf, size_t len);

/** @brief The category with @p code, or NULL. */
const decide_category *decide_category_find(const decide_policy *p, const char *code);

/** @brief The purpose with @p code, or NULL. */
const decide_purpose *decide_purpose_find(const decide_policy *p, const char *code);

/** @brief Is @p code one of the comma-separated codes in @p list? */
bool decide_list_has(const char *list, const char *code);

/**
 * @brief Does the pledge count on @p today for @p medium (DECIDE_MEDIA_*), @p purpose and
 * every item in @p items? A revoked pledge, or one past its valid_until, never does.
 */
bool decide_pledge_covers(const decide_pledge *p, const char *today, unsigned medium,
                          const char *purpose, unsigned items);

/**
 * @brief Step 1 alone (the requester), before any member lookup. On a refusal the result is
 * complete (outcome refuse, member_needed false); otherwise member_needed is true and the
 * result holds step 1's reasons, items and holds (outcome hold when any, else provide or
 * partial, to be completed by the member's facts). Fails only on a request decide_check()
 * refuses.
 */
meibo_status decide_requester(const decide_policy *p, const decide_request *req,
                              decide_result *out, meibo_err *err);

/**
 * @brief The whole decision. @p member may be NULL only when step 1 refuses (the member is
 * then never consulted); @p pledges are the requester's pledges (@p npledges may be 0).
 * Fails only on a request decide_check() refuses.
 */
meibo_status decide_inquiry(const decide_policy *p, const decide_request *req,
                            const decide_member *member, const decide_pledge *pledges,
                            int npledges, decide_result *out, meibo_err *err);

/** @brief A recipient of the register as the gate sees it (第20条第3–4項). */
typedef struct decide_recipient_req {
    const decide_category *category; /**< its category: of the policy, or one of the society's
                                          own (branch, meeting, contractor: permitted, no
                                          clause) */
    bool deny_listed;                /**< on the chief officer's deny-list (第20条第4項(d)) */
    bool identity_verified;          /**< identity, origin, purpose made clear ((a)) */
    const char *sheet;               /**< an export purpose, or NULL (a pledge, an inquiry) */
    const char *sheet_categories;    /**< the categories that sheet may go to (schema/018) */
} decide_recipient_req;

/**
 * @brief Step 1a alone, for every path by which data leaves (an inquiry, a pledge, an
 * export's request, approval and run): a forbidden category (第20条第4項(b)(c)), the deny-list
 * ((d)), an unclear identity ((a)) → refuse; a sheet to a category it may not go to →
 * refuse (取扱規程 第4条). Outcome refuse with the reasons, else provide with the reason that
 * the recipient is permitted. Pure.
 */
void decide_recipient(const decide_recipient_req *req, decide_result *out);

/**
 * @brief Append a reason to @p r (printf-style text, cut at a character boundary). Ignored
 * when @p r already holds DECIDE_MAX_REASONS.
 */
void decide_reason_add(decide_result *r, decide_reason_code code, const char *article,
                       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/** @brief The first reason with @p code in @p r, or NULL. */
const decide_reason *decide_reason_find(const decide_result *r, const char *code);

#endif

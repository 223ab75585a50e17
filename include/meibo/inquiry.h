/**
 * @file inquiry.h
 * @brief Third-party inquiries about a member (規程 第19–22条, 取扱規程 第5–6条): receive,
 * decide (decide.h), record, hold for the chief officer or a pledge, approve or deny, and
 * record every provision (provision.h).
 *
 * The workflow gathers the facts the pure decision needs, in the order of decide.h: the
 * policy (newest version) and the deny-list first, and only when step 1 lets it, the member
 * (by member number, or by name with a birth date or a facility), then the requester's
 * pledges. Every decision is stored with the policy version it used and its reasons; every
 * provision writes a provisions row. Every access to a member's data is audited.
 */
#ifndef MEIBO_INQUIRY_H
#define MEIBO_INQUIRY_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/db.h"
#include "meibo/decide.h"
#include "meibo/pledge.h"

/** @brief A request as the clerk took it. Strings are borrowed for the call. */
typedef struct inquiry_request {
    const char *received_on;    /**< date received; NULL or "" = today */
    const char *channel;        /**< letter, fax, phone, email, counter; NULL = letter */
    const char *requester;      /**< the person asking (required by inquiry_add) */
    const char *organization;   /**< their organization (出身母体), may be empty */
    const char *contact;        /**< address, telephone, e-mail to answer to */
    const char *category;       /**< recipient category code (see meibo policy show) */
    const char *identity;       /**< "verified" or "unverified" (第20条第4項(a)), required */
    const char *identity_check; /**< how identity, origin and purpose were checked */
    const char *purpose;        /**< purpose code (第20条第1項); anything else is recorded and
                                     refused; empty with a statute or an emergency */
    const char *items;          /**< "a,d" */
    const char *method;         /**< "written" (default) or "other" (第20条第2項) */
    const char *medium;         /**< "paper" (default) or "electronic" (取扱規程 第5条) */
    const char *legal_basis;    /**< the statute, for government / police / agency: the request
                                     then rests on it (第19条第1項第1号) and takes no purpose */
    const char *legal_document; /**< with a statute: the written request's number and date */
    bool emergency;             /**< claim under 第19条第1項第2号: a ground of its own, no purpose */
    /* the member: a member number, or a name (kanji or reading) narrowed by a birth date or a
     * facility when several members have it */
    const char *member_no;
    const char *name;
    const char *birth_date;
    const char *facility;
} inquiry_request;

/** @brief What a decision, approval or denial came to. */
typedef struct inquiry_result {
    decide_result decision;  /**< the stored (or, for inquiry_decide(), computed) decision */
    int64_t inquiry_id;      /**< 0 for inquiry_decide() */
    char status[12];         /**< decided, pending, approved, denied; "" for inquiry_decide() */
    char member_no[16];      /**< the member concerned; "" when not looked up or not found */
    int64_t deny_list_id;    /**< the deny-list entry that matched, 0 none */
} inquiry_result;

/**
 * @brief Decide without recording anything but the audit row (what-if). Clerk or above.
 * Bad input is refused whole with the field named; a name that matches several members is
 * refused (MEIBO_ERR_INVALID, field "name") with a message asking to narrow it.
 */
meibo_status inquiry_decide(meibo_ctx *ctx, const inquiry_request *req, inquiry_result *out,
                            meibo_err *err);

/**
 * @brief Record a request and its decision (with the policy version and reasons); a hold is
 * stored as pending; a provision writes its provisions row. Clerk or above; audited.
 */
meibo_status inquiry_add(meibo_ctx *ctx, const inquiry_request *req, inquiry_result *out,
                         meibo_err *err);

/**
 * @brief The chief officer approves pending inquiry @p id with @p comment (required). The
 * inquiry is decided again with today's facts and the chief's consent (decide.h): when it
 * still waits for a pledge nothing is approved (MEIBO_ERR_INVALID, with the reason).
 * Otherwise the approval is stored as a decision of its own with the reasons and the comment:
 * approved, and the provision recorded; or, when the member's facts now decide refuse or
 * not_found (the member consulted only once nothing more is asked of the requester), decided
 * with that outcome. Audited.
 */
meibo_status inquiry_approve(meibo_ctx *ctx, int64_t id, const char *comment,
                             inquiry_result *out, meibo_err *err);

/** @brief The chief officer denies pending inquiry @p id with @p comment (required). Audited. */
meibo_status inquiry_deny(meibo_ctx *ctx, int64_t id, const char *comment, inquiry_result *out,
                          meibo_err *err);

/**
 * @brief Decide again the pending inquiries from the recipient with search key
 * @p recipient_key that wait for a pledge (called by pledge_add() inside its transaction).
 * Those no longer waiting for a pledge get a new decision ("release"): provided (and their
 * provision recorded), still pending for the chief officer, or refused when today's facts
 * say so. Counts and numbers go to @p out.
 */
meibo_status inquiry_release_pledge_holds(meibo_ctx *ctx, const char *recipient_key,
                                          pledge_added *out, meibo_err *err);

/**
 * @brief Enter the postal address inquiry @p id's letter is mailed to (clerk or above), for a
 * requester who gave only a telephone number: the answer is written (第20条第2項) and goes by
 * post, so its letter is refused until an address is known (letter.h). Refused when
 * @p address holds no postal address (address_split()). Audited ("inquiry.address").
 */
meibo_status inquiry_set_address(meibo_ctx *ctx, int64_t id, const char *address,
                                 meibo_err *err);

/**
 * @brief The provision inquiry @p id's decision made has now happened (@p how: "letter",
 * "phone"): its record of provision (個人情報保護法 第29条, provision.h) is written, dated
 * today, from what the decision kept; nothing when there is none left to give (already given,
 * nothing provided, voided). Called when the answer is printed or sent (letter_record()) and by
 * inquiry_mark_given(). Audited ("provision.given").
 */
meibo_status inquiry_provision_given(meibo_ctx *ctx, int64_t id, const char *how, meibo_err *err);

/**
 * @brief An answer given by telephone with the chief officer's consent (第20条第2項: an
 * inquiry answered other than in writing, approved by the chief officer): its provision is
 * recorded as given. Refused for any other inquiry: a written answer is given when its letter
 * is printed or sent. Clerk or above.
 */
meibo_status inquiry_mark_given(meibo_ctx *ctx, int64_t id, meibo_err *err);

/**
 * @brief Void inquiry @p id, recorded by mistake (clerk or above), with @p reason (required):
 * it leaves the approvals queue, is no longer released, approved or answered, and its decided
 * provision is dropped. Refused once a provision on it was given (that record stays, 個人情報
 * 保護法 第29条) and when already voided. Audited ("inquiry.void", with the reason).
 */
meibo_status inquiry_void(meibo_ctx *ctx, int64_t id, const char *reason, meibo_err *err);

/** @brief An inquiry as read back; strings valid during the callback only. */
typedef struct inquiry_info {
    int64_t id;
    const char *received_on, *channel, *requester, *organization, *contact, *category;
    const char *identity, *identity_check, *purpose, *items, *method, *medium, *legal_basis;
    bool emergency;
    const char *member_query, *member_no, *status;
    const char *outcome, *provided, *hold; /**< of the current decision */
    int64_t policy_version;
    const char *created_at, *created_by;
    const char *legal_document; /**< the 照会書 of a statutory request; "" none */
    const char *address;        /**< the postal address entered later (inquiry_set_address());
                                     "" none: the letter goes to the address in @c contact */
    const char *voided_at;      /**< NULL, or when it was voided as recorded by mistake */
    const char *void_reason;    /**< why it was voided; "" none */
} inquiry_info;

/** @brief One stored decision of an inquiry with its reasons. */
typedef struct inquiry_decision_info {
    int64_t id;
    const char *kind;          /**< initial, release, approve, deny */
    const char *outcome, *provided, *hold, *comment, *decided_at, *decided_by, *decided_role;
    int64_t pledge_id, policy_version;
    int nreasons;
    const decide_reason *reasons;
} inquiry_decision_info;

typedef int (*inquiry_fn)(const inquiry_info *q, void *arg);                    /* non-zero stops */
typedef int (*inquiry_decision_fn)(const inquiry_decision_info *d, void *arg);  /* non-zero stops */

typedef struct inquiry_filter {
    const char *status;     /**< NULL any, else decided / pending / approved / denied */
    const char *member_no;  /**< NULL any */
    int limit;              /**< 0 = no limit */
    int64_t before_id;      /**< keyset paging: only inquiries numbered below it; 0 = from the
                                 newest */
} inquiry_filter;

/** @brief Inquiries, newest first. Clerk or above; audited ("inquiry.list"). */
meibo_status inquiry_list(meibo_ctx *ctx, const inquiry_filter *f, inquiry_fn fn, void *arg,
                          meibo_err *err);

/**
 * @brief Inquiry @p id, then each of its decisions oldest first (@p on_decision may be NULL).
 * Clerk or above; audited ("inquiry.read").
 */
meibo_status inquiry_show(meibo_ctx *ctx, int64_t id, inquiry_fn on_inquiry,
                          inquiry_decision_fn on_decision, void *arg, meibo_err *err);

/**
 * @brief A page of inquiry_list() (clerk or above; audited as it is), newest first, @p f's
 * state and member (its limit and before_id unused): up to @p limit inquiries (<= 0: all)
 * older than inquiry @p after_id (0: from the newest), or, when @p backward, newer than it
 * (0: from the oldest), nearest first. Keyset paging for a list that holds a page.
 */
meibo_status inquiry_page(meibo_ctx *ctx, const inquiry_filter *f, int64_t after_id,
                          bool backward, int limit, inquiry_fn fn, void *arg, meibo_err *err);

#endif

/**
 * @file label.h
 * @brief The words of every code the core stores, one table per kind of code: what a screen
 * or a letter shows for `police`, `pending`, `member.read` or `reason=bad_password`, in
 * Japanese or English. No internal code reaches a clerk (CONVENTIONS: every word a clerk
 * reads is Japanese, English under --lang en); the faces ask here instead of keeping copies.
 * Pure: no database, no output.
 */
#ifndef MEIBO_LABEL_H
#define MEIBO_LABEL_H

#include <stdbool.h>
#include <stddef.h>

typedef enum label_kind {
    LABEL_ROLE,             /**< chief, manager, clerk */
    LABEL_MEMBER_STATUS,    /**< a member's status: active, withdrawn, deceased */
    LABEL_ACCOUNT,          /**< an account's state: active, disabled, expired, locked, ... */
    LABEL_CATEGORY,         /**< a recipient category (第20条第3–4項, recipient_categories) */
    LABEL_OUTCOME,          /**< an inquiry's outcome: provide, partial, refuse, hold, not_found */
    LABEL_DECISION,         /**< a decision's kind: initial, release, approve, deny */
    LABEL_INQUIRY_STATE,    /**< decided, pending, approved, denied */
    LABEL_EXPORT_STATE,     /**< pending, ready, denied, done */
    LABEL_PLEDGE_STATE,     /**< active, revoked, expired */
    LABEL_REQUEST_STATE,    /**< received, decided, completed */
    LABEL_REQUEST_DECISION, /**< full, partial, none (第22条, 第23条) */
    LABEL_CHANNEL,          /**< phone, letter, fax, email, counter */
    LABEL_MEDIUM,           /**< paper, electronic (取扱規程 第5–6条) */
    LABEL_METHOD,           /**< written, other (第20条第2項) */
    LABEL_ACTION,           /**< an access-log operation: member.read, login_failed, ... */
    LABEL_DETAIL_KEY,       /**< a key of an access-log row's detail: reason, fields, ... */
    LABEL_LOGIN_REASON,     /**< why a login failed: bad_password, unknown_login, ... */
    LABEL_PURPOSE,          /**< a purpose of 第20条第1項, short: enrollment_check, ... */
    LABEL_ITEM,             /**< an item of 第20条第1項: a..f */
    LABEL_FIELD,            /**< a member field by its canonical name (member.h) */
    LABEL_HOLD,             /**< what a held inquiry waits for: chief, pledge */
    LABEL__COUNT
} label_kind;

/**
 * @brief The words for @p code of @p kind, in Japanese (@p ja) or English. A code the table
 * does not know comes back as itself (a policy may add categories: the caller then shows the
 * policy's own text); NULL gives "".
 */
const char *label_text(label_kind kind, const char *code, bool ja);

/** @brief Whether the table of @p kind has @p code. */
bool label_known(label_kind kind, const char *code);

/**
 * @brief An access-log row's detail ("reason=bad_password failures=3 fields=email,phone") in
 * words: each key through LABEL_DETAIL_KEY, each value through the table its key names (a
 * reason, a role, a category, member fields by their Japanese names; a status by the kind of
 * record @p action, the row's operation, is about), separated by "　" in Japanese. Text that
 * is not key=value stays as it is; member.reveal's list of fields is given by their names.
 * @p action may be NULL. Returns @p buf.
 */
const char *label_detail(const char *action, const char *detail, bool ja, char *buf,
                         size_t len);

/** @brief A comma-separated list of codes of @p kind ("email,home_address") in words
 * ("メールアドレス、自宅住所"; English joined by ", "), unknown codes kept. Returns @p buf. */
const char *label_list(label_kind kind, const char *codes, bool ja, char *buf, size_t len);

#endif

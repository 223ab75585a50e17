/**
 * @file member.h
 * @brief The member registry: fields, validation, create / read / update / withdraw.
 *
 * Every change to a member goes through member_create(), member_update() or
 * member_withdraw(): each validates the whole record first (refusing it whole, with the
 * field named), writes inside one transaction, keeps the search index in step and writes
 * the audit row in the same transaction.
 */
#ifndef MEIBO_MEMBER_H
#define MEIBO_MEMBER_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/db.h"

/* The member's fields, once: enum name, canonical (CSV/JSON) name, Japanese name,
 * kind of value, flags. Order is the CSV export order. */
#define MEIBO_MEMBER_FIELDS(F)                                                           \
    F(MEMBER_NO, "member_no", "会員番号", MK_MEMBER_NO, MF_REQUIRED)                      \
    F(SPECIALIST_NO, "specialist_no", "専門医番号", MK_SPECIALIST_NO, 0)                  \
    F(JOINED_ON, "joined_on", "入会年月日", MK_DATE, MF_REQUIRED)                          \
    F(STATUS, "status", "状態", MK_STATUS, 0)                                              \
    F(FAMILY_NAME, "family_name", "姓", MK_NAME, MF_REQUIRED)                              \
    F(GIVEN_NAME, "given_name", "名", MK_NAME, MF_REQUIRED)                                \
    F(FAMILY_KANA, "family_kana", "セイ", MK_KANA, MF_REQUIRED)                            \
    F(GIVEN_KANA, "given_kana", "メイ", MK_KANA, MF_REQUIRED)                              \
    F(NAME_EN, "name_en", "英字氏名", MK_ROMAN, 0)                                         \
    F(BIRTH_DATE, "birth_date", "生年月日", MK_DATE, MF_SENSITIVE)                          \
    F(POSTAL_CODE, "postal_code", "郵便番号", MK_POSTAL, MF_SENSITIVE)                      \
    F(HOME_ADDRESS, "home_address", "自宅住所", MK_TEXT, MF_SENSITIVE)                      \
    F(EMAIL, "email", "メールアドレス", MK_EMAIL, MF_SENSITIVE)                             \
    F(FACILITY_NAME, "facility_name", "所属施設名", MK_TEXT, 0)                             \
    F(FACILITY_POSTAL_CODE, "facility_postal_code", "施設郵便番号", MK_POSTAL, 0)           \
    F(FACILITY_ADDRESS, "facility_address", "施設住所", MK_TEXT, 0)                         \
    F(BRANCH, "branch", "支部", MK_TEXT, 0)                                                \
    F(DIRECTORY_CONSENT, "directory_consent", "名簿掲載同意", MK_YESNO, 0)                  \
    F(OPTOUT_ON, "optout_on", "第三者提供停止申出日", MK_DATE, 0)                           \
    F(WITHDRAWN_ON, "withdrawn_on", "退会日", MK_DATE, 0)                                   \
    F(WITHDRAW_REASON, "withdraw_reason", "退会理由", MK_TEXT, 0)

typedef enum member_kind {
    MK_MEMBER_NO,     /**< 6–10 ASCII digits (full-width accepted) */
    MK_SPECIALIST_NO, /**< 1–10 ASCII digits, or empty */
    MK_DATE,          /**< any form date_parse() takes, stored YYYY-MM-DD */
    MK_STATUS,        /**< active/withdrawn/deceased or 在籍/退会/逝去 */
    MK_NAME,          /**< 1–40 characters, no control characters */
    MK_KANA,          /**< reading, stored full-width katakana */
    MK_ROMAN,         /**< Latin letters, spaces, hyphen, apostrophe, period */
    MK_POSTAL,        /**< NNN-NNNN (NNNNNNN and full-width accepted) */
    MK_EMAIL,         /**< local@domain.tld */
    MK_TEXT,          /**< up to 200 characters, no control characters */
    MK_YESNO          /**< yes/no, はい/いいえ, 1/0, true/false; stored "yes"/"no" */
} member_kind;

enum { MF_REQUIRED = 1 << 0, MF_SENSITIVE = 1 << 1 };

typedef enum member_field {
#define MEIBO_MF_ENUM(id, name, ja, kind, flags) MF_##id,
    MEIBO_MEMBER_FIELDS(MEIBO_MF_ENUM)
#undef MEIBO_MF_ENUM
    MF__COUNT
} member_field;

typedef struct member_field_info {
    const char *name; /**< canonical name: CSV header, JSON key, --set NAME=VALUE */
    const char *ja;   /**< Japanese name, also accepted as a CSV header */
    member_kind kind;
    int flags;
} member_field_info;

/** @brief The words a yes/no field (directory_consent) takes, case-insensitively, after
 * trimming; NULL-terminated. meibo(1) lists them. */
extern const char *const member_consent_yes[];
extern const char *const member_consent_no[];

/** @brief Description of field @p f. */
const member_field_info *member_field_get(member_field f);

/** @brief Field by canonical or Japanese name (trimmed, case-insensitive ASCII); -1 if none. */
int member_field_find(const char *name);

/** @brief A member. Owns every string in v[] and the bookkeeping strings. */
typedef struct meibo_member {
    int64_t id;        /**< 0 until stored */
    int64_t version;   /**< the version this copy was read at (optimistic locking) */
    char *v[MF__COUNT]; /**< NULL means empty */
    char *created_at, *updated_at, *updated_by;
} meibo_member;

/** @brief An empty member (all fields NULL). */
void member_init(meibo_member *m);

/** @brief Free every string the member owns and reset it to empty. */
void member_clear(meibo_member *m);

/** @brief Set field @p f to a copy of @p value (NULL or "" clears it). */
meibo_status member_set(meibo_member *m, member_field f, const char *value, meibo_err *err);

/** @brief Value of a field, "" when empty (never NULL). */
const char *member_get_field(const meibo_member *m, member_field f);

/**
 * @brief Normalize every field in place (dates to YYYY-MM-DD, readings to katakana, postal
 * codes to NNN-NNNN, status and consent to their codes, whitespace trimmed) and check it.
 * The first invalid field fails with MEIBO_ERR_INVALID, err->field naming it.
 */
meibo_status member_validate(meibo_member *m, meibo_err *err);

/**
 * @brief member_validate(), and with @p today ("YYYY-MM-DD", NULL for none) every date within
 * the limits of check.h (issue 12 §4: the birth date 1900-01-01 to today, the others up to a
 * year ahead), checked before how the dates stand to each other.
 */
meibo_status member_validate_at(meibo_member *m, const char *today, meibo_err *err);

/**
 * @brief The society's own, stricter pattern for specialist numbers (meibo.conf
 * specialist_no_pattern: a POSIX extended regular expression the whole number must match,
 * after the built-in form of letters, digits and hyphens). "" or NULL: the built-in form only.
 */
meibo_status member_set_specialist_pattern(meibo_ctx *ctx, const char *pattern, meibo_err *err);

/** @brief The society's own formats for @p m (the specialist number's pattern of @p ctx,
 * member_set_specialist_pattern()): refused, field named, when one does not match. */
meibo_status member_society_formats(const meibo_ctx *ctx, meibo_member *m, meibo_err *err);

#endif

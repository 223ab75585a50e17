/**
 * @file policy.h
 * @brief The policy tables of 第20条 as data (schema/002-inquiry.sql), in versions.
 *
 * Version 1 is seeded from 第20条 by the migration. The chief officer edits one row at a time
 * with policy_edit(); each edit copies the newest version, applies the change, stores it as
 * a new version with who, when and why, and is audited. Decisions load the newest version
 * with policy_load() and store its number.
 */
#ifndef MEIBO_POLICY_H
#define MEIBO_POLICY_H

#include <stdint.h>

#include "meibo/db.h"
#include "meibo/decide.h"

#define POLICY_TEXT_MAX 160    /**< characters of an article's text in a policy row */
#define POLICY_ARTICLE_MAX 30  /**< characters of an article citation */

/**
 * @brief Load policy version @p version (0: the newest) into @p out. No role needed (the
 * policy is not personal data); fails with MEIBO_ERR_NOT_FOUND for an unknown version.
 */
meibo_status policy_load(meibo_ctx *ctx, int64_t version, decide_policy *out, meibo_err *err);

typedef enum policy_table {
    POLICY_CATEGORY = 0, /**< a recipient category (第20条第3項, 第4項) */
    POLICY_PURPOSE,      /**< a purpose and its items (第20条第1項) */
    POLICY_ITEM          /**< an item a–f (第20条第1項) */
} policy_table;

/** @brief Table by name ("category", "purpose", "item"); -1 when unknown. */
int policy_table_parse(const char *s);

/** @brief One edit. Fields left NULL (or -1) stay as they are; at least one must change. */
typedef struct policy_change {
    policy_table table;
    const char *code;       /**< the row: a category, purpose or item code */
    int permitted;          /**< category: 0/1, -1 unchanged */
    int legal_basis;        /**< category: 0/1, -1 unchanged */
    int pledge_required;    /**< category: 0/1, -1 unchanged */
    const char *items;      /**< purpose: the items it allows, "a,d" */
    const char *article;    /**< the article citation, e.g. 第20条第3項(e) */
    const char *text;       /**< the article's words */
    const char *note;       /**< required: why (stored with the version, audited) */
    const char *categories; /**< purpose: the permitted categories that may use it, comma-
                                 separated (第20条第1項; not the member's own, 第22条) */
} policy_change;

/**
 * @brief The chief officer changes one row: a new version with the change. Refused whole,
 * field named, when the row does not exist, nothing changes, a value is out of range or the
 * note is missing. Audited ("policy.edit"). *new_version receives the new number.
 */
meibo_status policy_edit(meibo_ctx *ctx, const policy_change *c, int64_t *new_version,
                         meibo_err *err);

/** @brief A version as read back; strings valid during the callback only. */
typedef struct policy_version_info {
    int64_t version;
    const char *created_at, *created_by, *note;
} policy_version_info;

typedef int (*policy_version_fn)(const policy_version_info *v, void *arg); /* non-zero stops */

/** @brief Every version, newest first. Clerk or above. */
meibo_status policy_versions(meibo_ctx *ctx, policy_version_fn fn, void *arg, meibo_err *err);

#endif

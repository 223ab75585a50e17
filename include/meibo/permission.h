/**
 * @file permission.h
 * @brief The chief officer's prior permissions (規程 第16条) for every copy of personal data.
 *
 * 規程 第16条: 個人データに関する資料やパソコン上のデータを閲覧や複写をしたり、外部へ持ち出したり
 * する場合は、個人情報総責任者の事前の許可を受ける. Every export sheet (paper, a file, electronic
 * media) and every backup copy to a folder other than the configured backup folder needs one
 * in force: who granted it, when, what (its scope) and until when. A one-off permission is the
 * chief's approval of one export; a standing one (the daily backup to its folder, a branch's
 * yearly sheet) is an explicit record with a scope and an end date, listed in the ledger
 * (取扱規程 第24条) and revocable.
 */
#ifndef MEIBO_PERMISSION_H
#define MEIBO_PERMISSION_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/db.h"

/** @brief A standing permission to grant; strings borrowed for the call. */
typedef struct permission_in {
    const char *kind;         /**< "export" or "backup" */
    const char *purpose;      /**< export: the export purpose (required) */
    const char *recipient;    /**< export: a registered recipient (number or name, required) */
    const char *media;        /**< export: "paper", "file" or "electronic"; NULL for any */
    const char *destination;  /**< backup: the folder; NULL or "" the configured one */
    const char *valid_until;  /**< last day in force (required; 西暦 or 和暦) */
    const char *note;         /**< added to the scope's words, may be NULL */
} permission_in;

/** @brief A permission as read back; strings valid during the callback only. */
typedef struct permission_info {
    int64_t id, recipient_id, export_id;
    bool standing, in_force;
    const char *kind, *purpose, *recipient, *media, *destination, *scope;
    const char *granted_on, *granted_by, *valid_until, *revoked_at, *revoked_by, *revoke_reason;
} permission_info;

typedef int (*permission_fn)(const permission_info *p, void *arg); /* non-zero stops */

/** @brief A permission's kind in words: 常時 (standing) or 個別 (one-off); English with !@p ja. */
const char *permission_kind_words(const permission_info *p, bool ja);

/** @brief A permission's end in words: its date, or 取消まで (until revoked). */
const char *permission_until_words(const permission_info *p, bool ja);

/** @brief Grant a standing permission (chief officer only; audited "permission.grant"). */
meibo_status permission_grant(meibo_ctx *ctx, const permission_in *in, int64_t *id,
                              meibo_err *err);

/** @brief Revoke permission @p id (chief officer only; reason required; audited). */
meibo_status permission_revoke(meibo_ctx *ctx, int64_t id, const char *reason, meibo_err *err);

/** @brief Permissions by id: those in force, or every one with @p all (clerk or above). */
meibo_status permission_list(meibo_ctx *ctx, bool all, permission_fn fn, void *arg,
                             meibo_err *err);

/**
 * @brief The standing export permission in force today for @p purpose, @p recipient_id and
 * @p media ("paper", "file" or "electronic"); *id 0 when none. No role check: part of a decision.
 */
meibo_status permission_find_export(meibo_ctx *ctx, const char *purpose, int64_t recipient_id,
                                    const char *media, int64_t *id, meibo_err *err);

/**
 * @brief Record the chief officer's one-off permission for export @p export_id (inside the
 * caller's transaction), in force through @p valid_until; *id receives its number.
 */
meibo_status permission_for_export(meibo_ctx *ctx, int64_t export_id, const char *purpose,
                                   int64_t recipient_id, const char *media, const char *scope,
                                   const char *valid_until, int64_t *id, meibo_err *err);

/** @brief Is permission @p id in force today (granted, not revoked, not past its end)? */
meibo_status permission_in_force(meibo_ctx *ctx, int64_t id, bool *ok, meibo_err *err);

/**
 * @brief Refuse (MEIBO_ERR_DENIED, 規程 第16条) a backup copy to @p destination ("" = the
 * configured backup folder) with no backup permission in force for it.
 */
meibo_status permission_check_backup(meibo_ctx *ctx, const char *destination, meibo_err *err);

#endif

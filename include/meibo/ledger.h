/**
 * @file ledger.h
 * @brief The 個人情報取扱台帳 (取扱規程 第24条): for each kind of personal data meibo holds, the
 * item (取得する項目), its purposes (利用目的), where it is kept (保管場所) and how (保管方法),
 * who may access it (アクセス権限を有する者) and for how long (利用期限). Generated from data:
 * the rows of ledger_items (schema/005-retention.sql), the purposes of the newest policy
 * version for the items of 第20条第1項, the retention periods (retention.h), and the paths of
 * the running installation (the database and its backups). The 個人情報管理者 inspects the
 * handling against it (取扱規程 第25条).
 */
#ifndef MEIBO_LEDGER_H
#define MEIBO_LEDGER_H

#include "meibo/db.h"

#define LEDGER_MAX_PURPOSES 8

/** @brief One entry as generated. Strings are valid during the callback only. */
typedef struct ledger_entry {
    int no;                    /**< 1, 2, ... in the ledger's order */
    const char *item;          /**< 取得する項目 */
    const char *purposes[LEDGER_MAX_PURPOSES]; /**< 利用目的, each with its article */
    int npurposes;
    const char *location;      /**< 保管場所, with the database and backup paths when kept there */
    const char *method;        /**< 保管方法 */
    const char *access;        /**< アクセス権限を有する者, the roles in words */
    const char *access_roles;  /**< the same as role codes: "clerk,manager,chief" */
    const char *retention;     /**< 利用期限, in words with its article */
    const char *article;       /**< the articles the entry rests on */
} ledger_entry;

typedef int (*ledger_fn)(const ledger_entry *e, void *arg); /* non-zero stops */

/**
 * @brief Every entry in order (clerk or above: the ledger holds no personal data).
 * @param backup_dir the backup folder to name in 保管場所 (NULL: "backups" beside the database)
 */
meibo_status ledger_list(meibo_ctx *ctx, const char *backup_dir, ledger_fn fn, void *arg,
                         meibo_err *err);

#endif

/* ledger_letter.h: the 個人情報取扱台帳 (取扱規程 第24条) printed. */
#ifndef MEIBO_LEDGER_LETTER_H
#define MEIBO_LEDGER_LETTER_H

#include <stdint.h>

#include "meibo/config.h"
#include "meibo/db.h"
#include "meibo/letter.h"
#include "meibo/tmpl.h"

/**
 * @brief The 個人情報取扱台帳 (取扱規程 第24条, ledger.h) as a document (clerk or above): every
 * entry with its purposes, place, method, access and retention; @p backup_dir is the backup
 * folder it names (NULL: beside the database). It holds no personal data, so it needs no
 * society_name (printed when set). Renders only.
 */
meibo_status letter_ledger(meibo_ctx *ctx, const meibo_config *cfg, const char *backup_dir,
                           letter_format fmt, letter *out, meibo_err *err);

#endif

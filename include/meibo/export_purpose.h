/* export_purpose.h: the export purposes (schema/003-export.sql), as values. */
#ifndef MEIBO_EXPORT_PURPOSE_H
#define MEIBO_EXPORT_PURPOSE_H

#include <stdbool.h>

#include "meibo/db.h"

#define EXPORT_CODE_LEN 32

/** @brief An export purpose (schema/003-export.sql), as a value. */
typedef struct export_purpose {
    char code[EXPORT_CODE_LEN];
    char name[256];
    char article[96];
    char text[600];
    char policy_purposes[400];  /**< the 第20条第1項 purposes it rests on */
    char category[EXPORT_CODE_LEN]; /**< recipient category for the provision record */
    char columns[400];          /**< allowed columns, sheet order */
    char consents[200];         /**< consent scopes required, "" for none */
    char statuses[64];          /**< member statuses on the sheet */
    bool optout_excluded;       /**< leave out members with an opt-out in force (第20条第5項) */
    bool pledge_required;
    unsigned media;             /**< DECIDE_MEDIA_* allowed */
} export_purpose;

typedef int (*export_purpose_fn)(const export_purpose *p, void *arg); /* non-zero stops */

/** @brief Every export purpose, in its order (clerk or above). */
meibo_status export_purposes(meibo_ctx *ctx, export_purpose_fn fn, void *arg, meibo_err *err);

/** @brief The purpose @p code; MEIBO_ERR_INVALID (field "purpose") when there is none. */
meibo_status export_purpose_load(meibo_ctx *ctx, const char *code, export_purpose *out,
                                 meibo_err *err);

#endif

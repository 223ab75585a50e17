/* stats_letter.h: the cover letter of anonymised data (個人情報保護法 第44条) and a statistics table printed. */
#ifndef MEIBO_STATS_LETTER_H
#define MEIBO_STATS_LETTER_H

#include <stdint.h>

#include "meibo/config.h"
#include "meibo/db.h"
#include "meibo/letter.h"
#include "meibo/tmpl.h"

/**
 * @brief The cover letter of provision @p id of anonymised data (stats_anon_run(), chief
 * officer): to its recipient, telling it that the data is 匿名加工情報 and must not be
 * re-identified (個人情報の保護に関する法律 第44条, 第45条), with the items, the method, k, the
 * rows left out and the medium (第43条第3項). No member data. Renders only; printing is
 * audited "anon.print" (letter_record()).
 */
meibo_status letter_anon_cover(meibo_ctx *ctx, const meibo_config *cfg, int64_t id,
                               letter_format fmt, letter *out, meibo_err *err);

struct stats_table;

/**
 * @brief The printed page of stats_table_pdf() (stats.h: the table, its bar chart, the rule)
 * as a letter of kind LETTER_STATS, file name "stats-DIM[-DIM]-DATE.pdf", for
 * outbox_deliver(): the printer or the outbox; printing it is audited "stats.print"
 * (letter_record()).
 */
meibo_status letter_stats_table(const struct stats_table *t, const char *author,
                                int64_t created, letter *out, meibo_err *err);

#endif

/**
 * @file outbox.h
 * @brief Where a printed letter goes: a file named by the clerk, the printer (CUPS `lp`),
 * or the outbox folder.
 */
#ifndef MEIBO_OUTBOX_H
#define MEIBO_OUTBOX_H

#include <stdbool.h>
#include <stddef.h>

#include "meibo/config.h"
#include "meibo/db.h"
#include "meibo/letter.h"

/** @brief A CUPS queue's state, as `lpstat -p` tells it. */
typedef enum outbox_queue {
    QUEUE_READY,     /**< idle or printing: a job prints now */
    QUEUE_DISABLED,  /**< stopped (paused, out of paper...): a job waits until cupsenable */
    QUEUE_NO_SUCH,   /**< CUPS has no such printer */
    QUEUE_UNKNOWN,   /**< no lpstat, or it could not tell (said says why) */
} outbox_queue;

/**
 * @brief Ask CUPS (`lpstat -p QUEUE`, the lpstat beside @p lp, else in MEIBO_SAFE_PATH; C
 * locale; a few seconds at most) for cfg->printer's state. What lpstat said, on one line,
 * goes to @p said. The one place both printing and `meibo doctor` ask.
 */
outbox_queue outbox_queue_state(const meibo_config *cfg, const char *lp, char *said, size_t len);

/** @brief Where outbox_deliver() put a letter. */
typedef struct outbox_delivery {
    bool printed;                    /**< sent to the printer */
    char path[MEIBO_FILE_PATH_MAX];  /**< the file written (@p out_path or the outbox); "" when printed */
    char printer[128];               /**< the queue, when printed */
    char job[200];                   /**< CUPS's request id ("office-1-42"), when printed and told */
    outbox_queue queue;              /**< the queue's state when the job was sent */
    char queue_said[300];            /**< what lpstat said of it (a disabled printer's reason) */
    char where[MEIBO_WHERE_MAX];     /**< for the access log: "file PATH", "printer Q", "outbox PATH" */
} outbox_delivery;

/**
 * @brief Deliver @p l: to @p out_path when given (replaced whole, mode 0600, written with
 * the real group ID, not a set-group-ID's); else, for a PDF with a printer configured, its
 * state asked first (a queue CUPS does not have is refused; a disabled one takes the job, and
 * d->queue says it waits), through `lp -d PRINTER -t TITLE` (spawned without a shell with the real user and group IDs, the PDF
 * on its standard input, nothing else open); else into the outbox folder (cfg->outbox, or
 * outbox/ beside the database; created when missing) under the letter's file name, never
 * overwriting another file. Then audited (letter_record()).
 */
meibo_status outbox_deliver(meibo_ctx *ctx, const meibo_config *cfg, const letter *l,
                            const char *out_path, outbox_delivery *d, meibo_err *err);

/**
 * @brief Deliver the file open as @p src (read from its start, streamed: any size) like
 * outbox_deliver() a letter, to @p out_path, else (when @p printable, a PDF) the printer,
 * else the outbox under @p file_name (@p db_path: the database, for the outbox beside it);
 * @p job_title names the print job. Records nothing: the caller audits d->where.
 */
meibo_status outbox_put(const meibo_config *cfg, const char *db_path, int src,
                        const char *file_name, const char *job_title, bool printable,
                        const char *out_path, outbox_delivery *d, meibo_err *err);

/**
 * @brief The lp program outbox_deliver() would run: cfg->lp_command when set, else lp in
 * MEIBO_SAFE_PATH (never the caller's PATH). Its path goes to @p prog ("" when none is
 * found); true when it can be run.
 */
bool outbox_find_lp(const meibo_config *cfg, char *prog, size_t len);

/** @brief The outbox folder: cfg->outbox, else "outbox" beside the database @p db_path. */
void outbox_dir(const meibo_config *cfg, const char *db_path, char *buf, size_t len);

#endif

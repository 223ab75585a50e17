/**
 * @file watch.h
 * @brief Has another clerk changed something? A cheap check a screen polls on every key and
 * on a timer, so an approval or a decision made elsewhere shows without leaving the screen.
 *
 * Two steps: PRAGMA data_version (no I/O: it changes only when another connection has
 * committed), and only then the audit rows added since the last check. Every change to the
 * registry is audited in the same transaction (docs/ARCHITECTURE.md, "Data flow of an inquiry"), so a new audit row whose action
 * is not a read means something a screen shows may have changed; reads (a search, a list,
 * a detail opened, a login) do not count, so screens that reload by listing (and so append
 * a read row) never make each other reload.
 */
#ifndef MEIBO_WATCH_H
#define MEIBO_WATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "meibo/db.h"

/** @brief The state of one watcher (zero it before the first poll). */
typedef struct meibo_watch {
    int64_t data_version; /**< PRAGMA data_version at the last poll */
    int64_t scanned;      /**< the last audit id looked at */
    bool started;
} meibo_watch;

/**
 * @brief Poll: *changed is true when rows other than reads were audited (by another
 * connection) since the last poll. The first poll only takes the state.
 */
meibo_status watch_poll(meibo_ctx *ctx, meibo_watch *w, bool *changed, meibo_err *err);

/** @brief Is @p action (an audit action) a read that changes nothing ("member.read")? */
bool watch_is_read(const char *action);

#endif

/* listview.h: the one list view of every list screen (after tig's view.c and htop's Panel).
 *
 * The screen supplies a row source: how to read a page of rows after (or before) a row from the
 * core, and how to draw one row. The view owns the cursor, the scrolling, the paging keys
 * (↑↓ PgUp PgDn Home End, as each screen's key map binds them), the "more below" hint, and the
 * rows themselves: it holds only the page or few pages around the rows shown, never the whole
 * list, so a list has no row limit and the memory it takes does not grow with its length.
 * Pages are read by key (keyset paging: the core's *_page() functions), never by OFFSET. */
#ifndef MEIBO_TUI_LISTVIEW_H
#define MEIBO_TUI_LISTVIEW_H

#include <stddef.h>

#include "tui.h"

/* Rows read at a time, unless the source says otherwise. */
#define LV_PAGE 100
/* Pages kept around the rows shown (besides them): what the view holds at most. */
#define LV_KEEP_PAGES 3

/* Where a row stands in the list's order: its number, and (for a source that walks its whole
 * list, lv_source.walk) the text that names it. */
typedef struct lv_pos {
    int64_t id;
    char text[96];
} lv_pos;

typedef struct lv_source {
    size_t row_size; /* bytes of one row: the screen's own struct */
    int page;        /* rows read at a time (0: LV_PAGE) */
    bool keep_row;   /* reading again keeps the cursor on its row (else on its line) */
    /* false: fetch() reads by key (after or before @p from, nearest first when backward).
     * true: fetch() reads the whole list in order (a short list the core returns whole, such
     * as the staff register) and the view keeps only the page it asked for. */
    bool walk;
    /* Read up to @p limit rows after @p from (NULL: from the first row) or, when @p backward,
     * before it (NULL: from the last row), nearest first; each row through lv_add(). False
     * when the core failed (the screen has put the reason on the status line). */
    bool (*fetch)(view *v, const lv_pos *from, bool backward, int limit);
    /* Draw @p row at line @p y from column 1 (column 0 holds the cursor mark), @p cols - 1
     * cells wide. */
    void (*draw)(view *v, WINDOW *w, int y, int cols, const void *row, bool cur);
    /* Free what a row owns (NULL: nothing). */
    void (*free_row)(void *row);
} lv_source;

typedef struct listview {
    const lv_source *src;
    view *v;
    char *rows;   /* n rows of src->row_size, in the list's order */
    lv_pos *pos;  /* their positions */
    int n, cap;
    int sel, top; /* the cursor and the first row shown, in rows[] */
    bool more_before, more_after; /* rows of the list before rows[0], after rows[n - 1] */
    int body;     /* list lines at the last draw */
    /* a read under way (lv_add) */
    char *stage;
    lv_pos *stage_pos;
    int staged, stage_cap, want;
    const lv_pos *from;
    bool backward, skipping;
    long long seen;
} listview;

/** Set up @p lv for view @p v (no rows yet: lv_reload() reads the first page). */
void lv_init(listview *lv, view *v, const lv_source *src);
/** Free the rows held. */
void lv_free(listview *lv);
/** In fetch(): a zeroed row to fill for the row at @p pos; NULL when the view has all it
 * asked for (the fetch stops: the core's callback returns non-zero) or memory ran out. */
void *lv_add(listview *lv, const lv_pos *pos);
/** Read the list again from its first row, the cursor on it; false when the core failed. */
bool lv_reload(listview *lv);
/** Read the rows shown again (after a change, or another clerk's), keeping the cursor on its
 * row (lv_source.keep_row) or on its line; false when the core failed. */
bool lv_refresh(listview *lv);
/** The movement keys: true when @p req was one (the cursor moved, pages read as needed). */
bool lv_key(listview *lv, tui_req req);
/** The cursor on the row numbered @p id when it is among the rows held; false when not. */
bool lv_select(listview *lv, int64_t id);
/** The row under the cursor; NULL when the list is empty. */
void *lv_current(const listview *lv);
/** Draw the rows in lines [@p y, @p y + @p rows): the cursor marked '>', and on the last line
 * the "more below" hint while rows remain below the ones shown. */
void lv_draw(listview *lv, WINDOW *w, int y, int rows, int cols);

#endif

/* listview.c: the one list view (listview.h): a window of rows around the ones shown, read a
 * page at a time by key, dropped again as the cursor moves away, so the rows held stay a few
 * pages however long the list is. */
#include <stdlib.h>
#include <string.h>

#include "listview.h"

#define ROW(lv, base, i) ((base) + (size_t)(i) * (lv)->src->row_size)

static int page_of(const listview *lv)
{
    return lv->src->page > 0 ? lv->src->page : LV_PAGE;
}

/* The most rows held: the pages kept and the rows shown. */
static int held_max(const listview *lv)
{
    return LV_KEEP_PAGES * page_of(lv) + (lv->body > 0 ? lv->body : 0);
}

static bool pos_eq(const lv_pos *a, const lv_pos *b)
{
    return a->id == b->id && !strcmp(a->text, b->text);
}

static void clear_row(const listview *lv, void *row)
{
    if (lv->src->free_row)
        lv->src->free_row(row);
}

void lv_init(listview *lv, view *v, const lv_source *src)
{
    memset(lv, 0, sizeof *lv);
    lv->src = src;
    lv->v = v;
}

static void rows_drop(listview *lv, int from, int to)
{
    for (int i = from; i < to; i++)
        clear_row(lv, ROW(lv, lv->rows, i));
}

/* No rows held. */
static void reset(listview *lv)
{
    rows_drop(lv, 0, lv->n);
    lv->n = 0;
    lv->more_before = lv->more_after = false;
}

void lv_free(listview *lv)
{
    reset(lv);
    free(lv->rows);
    free(lv->pos);
    free(lv->stage);
    free(lv->stage_pos);
    lv->rows = lv->stage = NULL;
    lv->pos = lv->stage_pos = NULL;
    lv->cap = lv->stage_cap = 0;
}

static bool grow(listview *lv, char **rows, lv_pos **pos, int *cap, int want)
{
    if (want <= *cap)
        return true;
    int c = *cap ? *cap : 64;
    while (c < want)
        c *= 2;
    char *r = realloc(*rows, (size_t)c * lv->src->row_size);
    if (!r)
        return false;
    *rows = r;
    lv_pos *p = realloc(*pos, (size_t)c * sizeof *p);
    if (!p)
        return false;
    *pos = p;
    *cap = c;
    return true;
}

/* --- reading a page ------------------------------------------------------------------------ */

void *lv_add(listview *lv, const lv_pos *pos)
{
    int slot;
    if (lv->src->walk && lv->backward) {
        /* the last want rows before from, in a ring */
        if (lv->from && pos_eq(pos, lv->from))
            return NULL;
        slot = (int)(lv->seen % lv->want);
        if (lv->seen >= lv->want)
            clear_row(lv, ROW(lv, lv->stage, slot));
        lv->seen++;
    } else if (lv->skipping) {
        /* a walk up to from: each row into the spare slot, past from the page starts */
        slot = lv->want;
        if (lv->seen++)
            clear_row(lv, ROW(lv, lv->stage, slot));
        if (pos_eq(pos, lv->from))
            lv->skipping = false;
    } else {
        if (lv->staged >= lv->want)
            return NULL;
        slot = lv->staged++;
    }
    void *row = ROW(lv, lv->stage, slot);
    memset(row, 0, lv->src->row_size);
    lv->stage_pos[slot] = *pos;
    return row;
}

static void swap_rows(listview *lv, int a, int b)
{
    size_t size = lv->src->row_size;
    char *x = ROW(lv, lv->stage, a), *y = ROW(lv, lv->stage, b);
    for (size_t i = 0; i < size; i++) {
        char c = x[i];
        x[i] = y[i];
        y[i] = c;
    }
    lv_pos p = lv->stage_pos[a];
    lv->stage_pos[a] = lv->stage_pos[b];
    lv->stage_pos[b] = p;
}

static void reverse(listview *lv, int from, int to)
{
    for (int i = from, j = to - 1; i < j; i++, j--)
        swap_rows(lv, i, j);
}

/* Read up to @p count rows after (backward: before) @p from into the stage, in the list's
 * order; *more: the list goes on beyond them. The number read, -1 when the core failed. */
static int read_rows(listview *lv, const lv_pos *from, bool backward, int count, bool *more)
{
    *more = false;
    int want = count + 1; /* one more: is there more? */
    if (!grow(lv, &lv->stage, &lv->stage_pos, &lv->stage_cap, want + 1))
        return -1;
    lv_pos at;
    if (from) /* from may be a row the stage is about to hold */
        at = *from;
    lv->from = from ? &at : NULL;
    lv->backward = backward;
    lv->want = want;
    lv->staged = 0;
    lv->seen = 0;
    lv->skipping = lv->src->walk && from && !backward;
    bool walk = lv->src->walk;
    bool ok = lv->src->fetch(lv->v, walk ? NULL : lv->from, walk ? false : backward, want);
    lv->from = NULL;
    if (walk && !backward && from && lv->seen) /* the spare slot holds the last row skipped */
        clear_row(lv, ROW(lv, lv->stage, want));
    int got = lv->staged;
    if (walk && backward) {
        got = lv->seen < want ? (int)lv->seen : want;
        if (lv->seen > want) { /* the ring in the list's order */
            int k = (int)(lv->seen % want);
            reverse(lv, 0, k);
            reverse(lv, k, want);
            reverse(lv, 0, want);
        }
    } else if (backward) {
        reverse(lv, 0, got); /* nearest first from the core */
    }
    if (!ok) {
        for (int i = 0; i < got; i++)
            clear_row(lv, ROW(lv, lv->stage, i));
        return -1;
    }
    if (got > count) { /* the one beyond the page: only to know there is more */
        *more = true;
        int far = backward ? 0 : got - 1;
        clear_row(lv, ROW(lv, lv->stage, far));
        if (backward) {
            memmove(lv->stage, ROW(lv, lv->stage, 1), (size_t)(got - 1) * lv->src->row_size);
            memmove(lv->stage_pos, lv->stage_pos + 1, (size_t)(got - 1) * sizeof *lv->stage_pos);
        }
        got--;
    }
    return got;
}

/* The stage's @p k rows after the rows held; rows far above the ones shown are dropped.
 * Returns how many were dropped (the indices move up by as many). */
static int append(listview *lv, int k)
{
    if (!grow(lv, &lv->rows, &lv->pos, &lv->cap, lv->n + k)) {
        for (int i = 0; i < k; i++)
            clear_row(lv, ROW(lv, lv->stage, i));
        lv->more_after = false;
        return 0;
    }
    memcpy(ROW(lv, lv->rows, lv->n), lv->stage, (size_t)k * lv->src->row_size);
    memcpy(lv->pos + lv->n, lv->stage_pos, (size_t)k * sizeof *lv->pos);
    lv->n += k;
    int d = lv->n - held_max(lv);
    int keep_from = lv->sel < lv->top ? lv->sel : lv->top;
    if (d > keep_from)
        d = keep_from;
    if (d <= 0)
        return 0;
    rows_drop(lv, 0, d);
    memmove(lv->rows, ROW(lv, lv->rows, d), (size_t)(lv->n - d) * lv->src->row_size);
    memmove(lv->pos, lv->pos + d, (size_t)(lv->n - d) * sizeof *lv->pos);
    lv->n -= d;
    lv->sel -= d;
    lv->top -= d;
    lv->more_before = true;
    return d;
}

/* The stage's @p k rows before the rows held (the indices move down by k); rows far below
 * the ones shown are dropped. */
static void prepend(listview *lv, int k)
{
    if (!grow(lv, &lv->rows, &lv->pos, &lv->cap, lv->n + k)) {
        for (int i = 0; i < k; i++)
            clear_row(lv, ROW(lv, lv->stage, i));
        lv->more_before = false;
        return;
    }
    memmove(ROW(lv, lv->rows, k), lv->rows, (size_t)lv->n * lv->src->row_size);
    memmove(lv->pos + k, lv->pos, (size_t)lv->n * sizeof *lv->pos);
    memcpy(lv->rows, lv->stage, (size_t)k * lv->src->row_size);
    memcpy(lv->pos, lv->stage_pos, (size_t)k * sizeof *lv->pos);
    lv->n += k;
    lv->sel += k;
    lv->top += k;
    int keep = held_max(lv);
    int shown = lv->top + (lv->body > 0 ? lv->body : 0);
    if (keep < shown)
        keep = shown;
    if (keep < lv->sel + 1)
        keep = lv->sel + 1;
    if (lv->n > keep) {
        rows_drop(lv, keep, lv->n);
        lv->n = keep;
        lv->more_after = true;
    }
}

/* The next page after the last row held: how many rows were dropped above (-1: none read). */
static int fetch_after(listview *lv)
{
    bool more;
    int k = lv->n ? read_rows(lv, &lv->pos[lv->n - 1], false, page_of(lv), &more) : -1;
    if (k <= 0) {
        lv->more_after = false;
        return -1;
    }
    lv->more_after = more;
    return append(lv, k);
}

/* The page before the first row held: how many rows came (0: none). */
static int fetch_before(listview *lv)
{
    bool more;
    int k = lv->n ? read_rows(lv, &lv->pos[0], true, page_of(lv), &more) : -1;
    if (k <= 0) {
        lv->more_before = false;
        return 0;
    }
    lv->more_before = more;
    prepend(lv, k);
    return k;
}

/* The first @p count rows (at least a page) of the list; false when the core failed. */
static bool read_first(listview *lv, int count)
{
    reset(lv);
    bool more;
    int k = read_rows(lv, NULL, false, count > page_of(lv) ? count : page_of(lv), &more);
    if (k > 0) {
        lv->more_after = more;
        append(lv, k);
    }
    return k >= 0;
}

bool lv_reload(listview *lv)
{
    lv->sel = lv->top = 0;
    return read_first(lv, 0);
}

bool lv_refresh(listview *lv)
{
    if (!lv->n)
        return lv_reload(lv);
    bool ok = true;
    lv_pos keep = lv->pos[lv->sel];
    int sel = lv->sel, top = lv->top, line = lv->sel - lv->top;
    if (!lv->more_before) {
        /* the rows held are the list's first: read as many again, in one read */
        ok = read_first(lv, lv->n);
        lv->top = top;
    } else {
        /* a page before the cursor's row, then from there on */
        reset(lv);
        bool more;
        int k = read_rows(lv, &keep, true, page_of(lv), &more);
        ok = k >= 0;
        if (k > 0) {
            lv->more_before = more;
            lv->sel = lv->top = 0;
            prepend(lv, k);
        }
        sel = lv->n; /* where the cursor's row was */
        int k2 = read_rows(lv, lv->n ? &lv->pos[lv->n - 1] : NULL, false, page_of(lv), &more);
        if (k2 > 0) {
            lv->more_after = more;
            append(lv, k2);
        }
        if (!lv->n && ok)
            ok = read_first(lv, 0);
        lv->top = sel - line;
    }
    int found = -1;
    for (int i = 0; lv->src->keep_row && i < lv->n; i++)
        if (pos_eq(&lv->pos[i], &keep))
            found = i;
    lv->sel = found >= 0 ? found : sel;
    if (lv->sel >= lv->n)
        lv->sel = lv->n ? lv->n - 1 : 0;
    if (lv->top < 0 || lv->top > lv->sel)
        lv->top = lv->sel;
    return ok;
}

/* The cursor to row @p to of the rows held, reading on (or back) while it lies beyond them. */
static void go(listview *lv, int to)
{
    while (to >= lv->n && lv->more_after) {
        int d = fetch_after(lv);
        if (d < 0)
            break;
        to -= d;
    }
    while (to < 0 && lv->more_before) {
        int k = fetch_before(lv);
        if (k <= 0)
            break;
        to += k;
    }
    if (to >= lv->n)
        to = lv->n - 1;
    lv->sel = to < 0 ? 0 : to;
}

/* End: the last page of the list, its last row under the cursor. */
static void to_last(listview *lv)
{
    if (lv->more_after) {
        reset(lv);
        bool more;
        int k = read_rows(lv, NULL, true, page_of(lv), &more);
        lv->sel = lv->top = 0;
        if (k > 0) {
            prepend(lv, k);
            lv->more_before = more;
        }
        lv->top = 0; /* drawn with the last row on the last line */
    }
    lv->sel = lv->n ? lv->n - 1 : 0;
    if (lv->top > lv->sel)
        lv->top = lv->sel;
}

bool lv_key(listview *lv, tui_req req)
{
    int page = lv->body > 1 ? lv->body - 1 : 1;
    switch (req) {
    case REQ_MOVE_UP:
        go(lv, lv->sel - 1);
        return true;
    case REQ_MOVE_DOWN:
        go(lv, lv->sel + 1);
        return true;
    case REQ_PAGE_UP:
        go(lv, lv->sel - page);
        return true;
    case REQ_PAGE_DOWN:
        go(lv, lv->sel + page);
        return true;
    case REQ_MOVE_FIRST:
        if (lv->more_before)
            lv_reload(lv);
        lv->sel = lv->top = 0;
        return true;
    case REQ_MOVE_LAST:
        to_last(lv);
        return true;
    default:
        return false;
    }
}

bool lv_select(listview *lv, int64_t id)
{
    for (int i = 0; i < lv->n; i++)
        if (lv->pos[i].id == id) {
            lv->sel = i;
            return true;
        }
    return false;
}

void *lv_current(const listview *lv)
{
    return lv->n ? ROW(lv, lv->rows, lv->sel) : NULL;
}

static void scroll_to_cursor(listview *lv, int list)
{
    if (lv->sel < lv->top)
        lv->top = lv->sel;
    if (lv->sel >= lv->top + list)
        lv->top = lv->sel - list + 1;
    if (lv->top < 0)
        lv->top = 0;
}

void lv_draw(listview *lv, WINDOW *w, int y, int rows, int cols)
{
    if (rows < 1)
        return;
    int list = rows;
    scroll_to_cursor(lv, list);
    /* rows below the ones shown: the last line says so (as the help does) */
    bool below = rows > 1 && (lv->top + list < lv->n || lv->more_after);
    if (below) {
        list = rows - 1;
        scroll_to_cursor(lv, list);
    }
    lv->body = list;
    for (int i = 0; i < list && lv->top + i < lv->n; i++) {
        int k = lv->top + i;
        mvwaddch(w, y + i, 0, k == lv->sel ? '>' : ' ');
        lv->src->draw(lv->v, w, y + i, cols, ROW(lv, lv->rows, k), k == lv->sel);
    }
    if (below)
        draw_text(w, y + rows - 1, 2, cols - 4, tr(T_HELP_MORE), tui_attr(lv->v->t, EL_MASKED));
}

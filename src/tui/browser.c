/* browser.c: the member browser: incremental search over the core search, filters, sort
 * orders, keyset paging through any number of members, Enter opens the detail.
 *
 * Typing never waits: a key only changes the query and marks work; the first page is
 * fetched when no key is waiting (a few milliseconds), and the count after it, stopped by the
 * next key (db_set_progress) and taken up again when typing pauses. The count stops at
 * COUNT_CAP ("10,000件以上"), so it never delays a keystroke's screen however many members
 * match (issue 17); # counts them all.
 *
 * Memory stays flat however far the clerk pages: only the pages near the cursor keep their
 * rows; every page fetched keeps its cursor (a few hundred bytes), from which its rows are
 * fetched again when the clerk comes back to it. */
#include <stdio.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/buf.h"
#include "meibo/incident.h"
#include "meibo/inquiry.h"
#include "meibo/pledge.h"
#include "meibo/request.h"
#include "meibo/roster.h"
#include "meibo/search.h"
#include "tui.h"

#define PAGE_ROWS 100
#define KEEP_PAGES 2 /* pages kept with their rows on either side of the ones shown */

typedef struct browser {
    tui_line query;
    bool searching;              /* keys go to the search field */
    char loaded[LINE_MAX_CHARS * 4 + 1]; /* the query of the rows shown */
    int status_idx;              /* 0 any, 1 active, 2 withdrawn, 3 deceased */
    int spec_idx;                /* 0 any, 1 with, 2 without */
    char branch[128];            /* "" = every branch */
    search_sort sort;
    /* every page fetched, in order; all but the last hold PAGE_ROWS rows; rows == NULL
     * when dropped (its n, more and next cursor stay) */
    search_page *pages;
    int npages, cap_pages;
    int nrows;
    bool more;
    int sel, top;
    int64_t count, count_facility; /* count: the members' own matches */
    bool count_known, count_capped, count_exact; /* count_exact: # asked for every match */
    bool need_reload, need_count, audit_next;
    int body_rows;               /* list rows shown at the last draw */
} browser;

static const char *const status_codes[] = {NULL, "active", "withdrawn", "deceased"};

static void filter_of(const browser *b, search_filter *f)
{
    f->status = status_codes[b->status_idx];
    f->branch = b->branch[0] ? b->branch : NULL;
    f->specialist = b->spec_idx == 0 ? -1 : b->spec_idx == 1 ? 1 : 0;
    f->sort = b->sort;
}

static void rows_clear(browser *b)
{
    for (int i = 0; i < b->npages; i++)
        search_page_free(&b->pages[i]);
    free(b->pages);
    b->pages = NULL;
    b->npages = b->cap_pages = b->nrows = 0;
    b->more = false;
}

/* Free a page's rows, keeping what the pages after it need (its cursor) and its size. */
static void page_drop(search_page *p)
{
    search_cursor next = p->next;
    int n = p->n;
    bool more = p->more;
    search_page_free(p);
    p->next = next;
    p->n = n;
    p->more = more;
}

/* Fetch page @p k (the next one when k == npages, else a dropped one again) from the cursor
 * of the page before it. */
static bool fetch(view *v, int k, int flags)
{
    browser *b = v->priv;
    search_filter f;
    filter_of(b, &f);
    search_page p = {0};
    meibo_err err;
    meibo_err_clear(&err);
    const search_cursor *after = k ? &b->pages[k - 1].next : NULL;
    if (search_page_get(v->t->ctx, b->loaded, &f, after, PAGE_ROWS, flags, &p, &err)) {
        tui_err(v->t, &err);
        b->more = false;
        return false;
    }
    if (k < b->npages) {
        /* fetched again: its rows (the registry may have changed meanwhile; the page keeps
         * the size and cursor the pages after it were counted and fetched with) */
        search_page *old = &b->pages[k];
        p.next = old->next;
        p.more = old->more;
        if (p.n > old->n)
            p.n = old->n;
        search_page_free(old);
        *old = p;
        return true;
    }
    if (b->npages == b->cap_pages) {
        int cap = b->cap_pages ? b->cap_pages * 2 : 16;
        search_page *np = realloc(b->pages, (size_t)cap * sizeof *np);
        if (!np) {
            search_page_free(&p);
            return false;
        }
        b->pages = np;
        b->cap_pages = cap;
    }
    b->pages[b->npages++] = p;
    b->nrows += p.n;
    b->more = p.more;
    return true;
}

/* Row @p i (NULL past the end), fetching its page again if it was dropped. */
static const search_row *row_at(view *v, int i)
{
    browser *b = v->priv;
    int k = i / PAGE_ROWS, j = i % PAGE_ROWS;
    if (i < 0 || k >= b->npages)
        return NULL;
    if (!b->pages[k].rows && b->pages[k].n && !fetch(v, k, 0))
        return NULL;
    return j < b->pages[k].n ? &b->pages[k].rows[j] : NULL;
}

/* Drop the rows of pages away from the cursor and the rows shown. */
static void trim(browser *b)
{
    int lo = (b->sel < b->top ? b->sel : b->top) / PAGE_ROWS - KEEP_PAGES;
    int last = b->top + (b->body_rows > 0 ? b->body_rows : 0);
    int hi = (b->sel > last ? b->sel : last) / PAGE_ROWS + KEEP_PAGES;
    for (int k = 0; k < b->npages; k++)
        if ((k < lo || k > hi) && b->pages[k].rows)
            page_drop(&b->pages[k]);
}

static void reload(view *v)
{
    browser *b = v->priv;
    line_get(&b->query, b->loaded, sizeof b->loaded);
    rows_clear(b);
    b->sel = b->top = 0;
    fetch(v, 0, b->audit_next ? SEARCH_AUDIT : 0);
    b->audit_next = false;
    b->need_reload = false;
    b->need_count = true;
    b->count_known = false;
    b->count_exact = false;
}

/* Up to how many matches the count goes unasked: a capped count of the gram index takes
 * about a millisecond per 10,000 (make bench: search, count50). */
#define COUNT_CAP 10000

static int browser_work(view *v)
{
    browser *b = v->priv;
    if (b->need_reload) {
        reload(v);
        return EV_WORK;
    }
    if (b->need_count) {
        search_filter f;
        filter_of(b, &f);
        meibo_err err;
        meibo_err_clear(&err);
        db_set_progress(v->t->ctx, tui_key_waiting, v->t);
        meibo_status st =
            search_count_capped(v->t->ctx, b->loaded, &f, b->count_exact ? 0 : COUNT_CAP,
                                &b->count, &b->count_facility, &b->count_capped, &err);
        db_set_progress(v->t->ctx, NULL, NULL);
        if (st == MEIBO_ERR_INTERRUPTED)
            return EV_WORK; /* a key came: count again when typing pauses */
        b->need_count = false;
        b->count_known = st == MEIBO_OK;
        if (st)
            tui_err(v->t, &err);
    }
    return EV_NONE;
}

static int count_inquiry(const inquiry_info *q, void *arg)
{
    (void)q;
    ++*(int *)arg;
    return 0;
}

static int count_pledge(const pledge_info *p, void *arg)
{
    (void)p;
    ++*(int *)arg;
    return 0;
}

/* The home screen's warnings: rights requests overdue or nearly due (第22–23条), inquiries
 * waiting for the chief officer, pledges ending soon. */
static void home_notice(tui *t)
{
    int held = 0, ending = 0, overdue = 0, soon = 0;
    meibo_err err;
    meibo_err_clear(&err);
    inquiry_filter f = {.status = "pending", .limit = 1000};
    pledge_filter pf = {.expiring_days = PLEDGE_ENDING_SOON_DAYS};
    if (inquiry_list(t->ctx, &f, count_inquiry, &held, &err) ||
        pledge_list(t->ctx, &pf, count_pledge, &ending, &err) ||
        request_due_counts(t->ctx, &overdue, &soon, &err)) {
        tui_err(t, &err);
        return;
    }
    if (!held && !ending && !overdue && !soon)
        return;
    char a[16], b[16], c[16], d[16], msg[300], rq[300] = "", more[300] = "";
    snprintf(a, sizeof a, "%d", held);
    snprintf(b, sizeof b, "%d", ending);
    if (!overdue && !soon) {
        tui_msg(t, EL_NOTICE, "%s", tr_fill(msg, sizeof msg, T_HOME_NOTICE, a, b));
        return;
    }
    snprintf(c, sizeof c, "%d", overdue);
    snprintf(d, sizeof d, "%d", soon);
    tr_fill(rq, sizeof rq, T_HOME_REQUESTS, c, d);
    if (held || ending)
        tr_fill(more, sizeof more, T_HOME_NOTICE_SHORT, a, b);
    tui_msg(t, overdue ? EL_ERROR : EL_NOTICE, "%s%s%s", rq, *more ? "　" : "", more);
}

/* Reports of incidents to the 個人情報保護委員会 overdue or nearly due (取扱規程 第26条,
 * 施行規則 第8条), before the other warnings on the home screen. */
static void home_incidents(tui *t)
{
    int overdue = 0, soon = 0;
    meibo_err err;
    meibo_err_clear(&err);
    if (incident_due_counts(t->ctx, &overdue, &soon, &err)) {
        tui_err(t, &err);
        return;
    }
    if (!overdue && !soon)
        return;
    char a[16], b[16], msg[300], rest[sizeof t->message];
    snprintf(a, sizeof a, "%d", overdue);
    snprintf(b, sizeof b, "%d", soon);
    snprintf(rest, sizeof rest, "%s", t->message);
    bool error = overdue || t->message_el == EL_ERROR;
    tr_fill(msg, sizeof msg, T_IC_HOME, a, b);
    tui_msg(t, error ? EL_ERROR : EL_NOTICE, "%s%s%s", msg, *rest ? "　" : "", rest);
}

/* The rights requests a restore could not apply again (request.h: request_redo), first of
 * all: what a member asked for and the society had done is undone until they are redone. */
static void home_redo(tui *t)
{
    int open = 0;
    int64_t first = 0;
    meibo_err err;
    meibo_err_clear(&err);
    if (request_redo_count(t->ctx, &open, &first, &err)) {
        tui_err(t, &err);
        return;
    }
    if (!open)
        return;
    char a[16], b[24], msg[300], rest[sizeof t->message];
    snprintf(a, sizeof a, "%d", open);
    snprintf(b, sizeof b, "%" PRId64, first);
    snprintf(rest, sizeof rest, "%s", t->message);
    tr_fill(msg, sizeof msg, T_HOME_REDO, a, b);
    tui_msg(t, EL_ERROR, "%s%s%s", msg, *rest ? "　" : "", rest);
}

view *browser_open(tui *t)
{
    browser *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->query.max = 60;
    view *v = tui_reset(t, &browser_ops, b);
    if (!v)
        return NULL;
    snprintf(v->title, sizeof v->title, "%s", tr(T_BROWSER_TITLE));
    b->need_reload = true;
    b->audit_next = true; /* the list the clerk is shown first: its members logged */
    v->pending = true;
    home_notice(t);
    home_incidents(t);
    home_redo(t);
    return v;
}

const char *status_text(const char *code)
{
    return lbl(LABEL_MEMBER_STATUS, code);
}

/* Column widths for the terminal width: number, name, reading, facility, branch, status. */
static void columns(int cols, int w[6])
{
    /* the status column fits its words in the screen's language (fixed for the run) */
    static int status_w;
    if (!status_w) {
        static const tui_text st[] = {T_ST_ACTIVE, T_ST_WITHDRAWN, T_ST_DECEASED, T_COL_STATUS};
        for (size_t i = 0; i < sizeof st / sizeof *st; i++)
            if (draw_width(tr(st[i])) > status_w)
                status_w = draw_width(tr(st[i]));
    }
    w[0] = 9, w[1] = 14, w[2] = 16, w[4] = 10, w[5] = status_w;
    int rest = cols - 1 - (w[0] + w[1] + w[2] + w[4] + w[5]) - 5;
    if (rest > 40) {
        int extra = rest - 30;
        w[1] += extra / 6;
        w[2] += extra / 6;
        rest -= extra / 3;
    }
    w[3] = rest > 8 ? rest : 8;
}

static void browser_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    browser *b = v->priv;
    tui *t = v->t;
    /* search line: label, field, filters, count */
    char filters[256], count[64], num[32];
    snprintf(filters, sizeof filters, "%s %s %s",
             b->status_idx ? status_text(status_codes[b->status_idx]) : tr(T_ALL),
             b->branch[0] ? b->branch : tr(T_ALL_BRANCHES),
             tr(b->spec_idx == 0 ? T_SPEC_ANY : b->spec_idx == 1 ? T_SPEC_YES : T_SPEC_NO));
    char num2[32];
    if (b->count_known && b->count_capped)
        snprintf(count, sizeof count, "%s%s", draw_count(COUNT_CAP, num, sizeof num),
                 tr(T_HITS_MORE));
    else if (b->count_known && b->count_facility && b->count)
        /* issue 14: the count of what was asked for, the facility matches beside it */
        snprintf(count, sizeof count, "%s%s%s%s", draw_count(b->count, num, sizeof num),
                 tr(T_HITS_FACILITY), draw_count(b->count_facility, num2, sizeof num2),
                 tr(T_HITS));
    else if (b->count_known)
        snprintf(count, sizeof count, "%s%s",
                 draw_count(b->count + b->count_facility, num, sizeof num), tr(T_HITS));
    else
        snprintf(count, sizeof count, "%s", b->nrows ? tr(T_COUNTING) : "");
    int lx = draw_text(w, top, 1, 8, tr(T_SEARCH_LABEL), A_BOLD) + 2;
    int fw = cols / 3;
    int cw = draw_width(count) + 1;
    draw_text_right(w, top, cols - cw - 1, cw, count, A_NORMAL);
    draw_text(w, top, lx + fw + 2, cols - lx - fw - 3 - cw, filters, A_NORMAL);
    /* columns: the sorted one marked (none in the usual order); by joining date the date
     * takes the branch's place */
    int cw6[6];
    columns(cols, cw6);
    bool by_joined = b->sort == SEARCH_SORT_JOINED || b->sort == SEARCH_SORT_JOINED_DESC;
    tui_text heads[6] = {T_COL_NO,     T_COL_NAME,
                         T_COL_KANA,   T_COL_FACILITY,
                         by_joined ? T_COL_JOINED : T_COL_BRANCH, T_COL_STATUS};
    int marked = b->sort == SEARCH_SORT_READING    ? 2
                 : b->sort == SEARCH_SORT_NUMBER   ? 0
                 : by_joined                       ? 4
                 : b->sort == SEARCH_SORT_FACILITY ? 3
                                                   : -1;
    const char *mark = draw_ascii_lines() ? (b->sort == SEARCH_SORT_JOINED_DESC ? "v" : "^")
                                          : (b->sort == SEARCH_SORT_JOINED_DESC ? "▼" : "▲");
    int x = 1;
    for (int i = 0; i < 6; i++) {
        attr_t ha = tui_attr(t, EL_HEADER);
        if (i == marked) {
            int mw = draw_width(mark);
            int hw = draw_text(w, top + 1, x, cw6[i] - mw, tr(heads[i]), ha);
            draw_text(w, top + 1, x + hw, cw6[i] - hw, mark, ha);
        } else {
            draw_text(w, top + 1, x, cw6[i], tr(heads[i]), ha);
        }
        x += cw6[i] + 1;
    }
    int list_rows = rows - 2;
    b->body_rows = list_rows;
    if (b->sel < b->top)
        b->top = b->sel;
    if (b->sel >= b->top + list_rows)
        b->top = b->sel - list_rows + 1;
    if (!b->nrows && !b->need_reload && !v->pending)
        draw_text(w, top + 3, 3, cols - 6, tr(T_NO_HITS), A_NORMAL);
    for (int r = 0; r < list_rows && b->top + r < b->nrows; r++) {
        const search_row *row = row_at(v, b->top + r);
        if (!row)
            break;
        int y = top + 2 + r;
        bool cur = b->top + r == b->sel && !b->searching;
        /* only the marker and the number show the cursor: moving it rewrites a few cells,
         * not the whole line (bytes over a slow link) */
        mvwaddch(w, y, 0, cur ? '>' : ' ');
        x = 1;
        const char *cells[6] = {row->member_no, row->name,
                                row->kana,      row->facility,
                                by_joined ? row->joined_on : row->branch,
                                status_text(row->status)};
        for (int i = 0; i < 6; i++) {
            if (i == 3 && row->rank == SEARCH_RANK_FACILITY) {
                /* found by the facility's name only: marked there (issue 14) */
                int mw = draw_text(w, y, x, cw6[i], "*", A_BOLD);
                draw_text(w, y, x + mw, cw6[i] - mw, cells[i], 0);
            } else {
                draw_text(w, y, x, cw6[i], cells[i], i == 0 && cur ? tui_attr(t, EL_CURSOR) : 0);
            }
            x += cw6[i] + 1;
        }
    }
    trim(b);
    /* the field last: the cursor stays there while searching */
    line_draw(w, top, lx, fw, &b->query, b->searching, tui_attr(t, EL_INPUT));
    if (!b->searching)
        wmove(w, LINES - 1, COLS - 1);
}

static void move_sel(view *v, int to)
{
    browser *b = v->priv;
    if (to < 0)
        to = 0;
    /* keyset paging: fetch pages until the target row exists or the list ends */
    while (to >= b->nrows && b->more)
        if (!fetch(v, b->npages, SEARCH_AUDIT)) /* a new page shown: its members logged */
            break;
    if (to >= b->nrows)
        to = b->nrows - 1;
    b->sel = to < 0 ? 0 : to;
}

static const tui_text sort_labels[SEARCH_SORT__COUNT] = {
    [SEARCH_SORT_RELEVANCE] = T_SORT_RELEVANCE, [SEARCH_SORT_READING] = T_SORT_READING,
    [SEARCH_SORT_NUMBER] = T_SORT_NUMBER,       [SEARCH_SORT_JOINED] = T_SORT_JOINED,
    [SEARCH_SORT_JOINED_DESC] = T_SORT_JOINED_DESC, [SEARCH_SORT_FACILITY] = T_SORT_FACILITY,
};

/* The order changed: the list again from its top, and the order named on the status line. */
static void sorted(view *v)
{
    browser *b = v->priv;
    char msg[200];
    b->need_reload = true;
    v->pending = true;
    tui_msg(v->t, EL_NOTICE, "%s", tr_fill(msg, sizeof msg, T_SORTED, tr(sort_labels[b->sort]), NULL));
}

static void choose_sort(view *under, const char *answer, void *arg)
{
    (void)arg;
    browser *b = under->priv;
    for (int i = 0; i < SEARCH_SORT__COUNT; i++)
        if (!strcmp(answer, tr(sort_labels[i])))
            b->sort = (search_sort)i;
    sorted(under);
}

static void choose_branch(view *under, const char *answer, void *arg)
{
    (void)arg;
    browser *b = under->priv;
    snprintf(b->branch, sizeof b->branch, "%s", strcmp(answer, tr(T_ALL_BRANCHES)) ? answer : "");
    b->need_reload = true;
    under->pending = true;
}

typedef struct branch_list {
    char **items;
    int n;
    size_t cap;
} branch_list;

static int add_branch(const char *branch, int64_t n, void *arg)
{
    (void)n;
    branch_list *l = arg;
    char **ni = array_grow(l->items, &l->cap, (size_t)l->n + 1, sizeof *ni);
    if (!ni)
        return 1;
    l->items = ni;
    l->items[l->n] = strdup(branch);
    if (!l->items[l->n])
        return 1;
    l->n++;
    return 0;
}

static void pick_branch(view *v)
{
    branch_list l = {0};
    meibo_err err;
    meibo_err_clear(&err);
    add_branch(tr(T_ALL_BRANCHES), 0, &l);
    if (member_branches(v->t->ctx, add_branch, &l, &err))
        tui_err(v->t, &err);
    else
        prompt_choice(v->t, tr(T_CHOOSE_BRANCH), (const char *const *)l.items, l.n,
                      choose_branch, NULL);
    for (int i = 0; i < l.n; i++)
        free(l.items[i]);
    free(l.items);
}

static int search_key(view *v, tui_key k)
{
    browser *b = v->priv;
    bool changed;
    if (k.ch == 27) {
        line_set(&b->query, "");
        b->searching = false;
        b->need_reload = true;
        return EV_HANDLED | EV_WORK;
    }
    if (k.ch == L'\n' || k.code == KEY_DOWN) {
        b->searching = false;
        b->audit_next = true; /* the search the clerk settled on goes to the access log */
        b->need_reload = true;
        return EV_HANDLED | EV_WORK;
    }
    if (line_key(&b->query, k, &changed)) {
        if (changed)
            b->need_reload = true;
        return EV_HANDLED | (changed ? EV_WORK : 0);
    }
    return EV_NONE;
}

static void quit_confirmed(view *under, const char *answer, void *arg)
{
    (void)answer;
    (void)arg;
    under->t->quit = true;
}

static int browser_key(view *v, tui_key k, tui_req req)
{
    browser *b = v->priv;
    if (b->searching) {
        int ev = search_key(v, k);
        if (ev)
            return ev;
    }
    int page = b->body_rows > 1 ? b->body_rows - 1 : 1;
    switch (req) {
    case REQ_SEARCH:
        b->searching = true;
        return EV_HANDLED;
    case REQ_MOVE_UP:
        move_sel(v, b->sel - 1);
        return EV_HANDLED;
    case REQ_MOVE_DOWN:
        move_sel(v, b->sel + 1);
        return EV_HANDLED;
    case REQ_PAGE_UP:
        b->top -= page;
        if (b->top < 0)
            b->top = 0;
        move_sel(v, b->sel - page);
        return EV_HANDLED;
    case REQ_PAGE_DOWN:
        move_sel(v, b->sel + page);
        if (b->sel < b->nrows - 1 || b->top + page <= b->sel)
            b->top += page;
        if (b->top > b->sel)
            b->top = b->sel;
        return EV_HANDLED;
    case REQ_MOVE_FIRST:
        move_sel(v, 0);
        return EV_HANDLED;
    case REQ_ENTER: {
        const search_row *row = row_at(v, b->sel);
        if (row) {
            char no[64];
            snprintf(no, sizeof no, "%s", row->member_no); /* the page may be dropped */
            detail_open(v->t, no);
        }
        return EV_HANDLED;
    }
    case REQ_SORT:
        /* the explicit reading order looks like the usual one while nothing is searched */
        do
            b->sort = (search_sort)((b->sort + 1) % SEARCH_SORT__COUNT);
        while (b->sort == SEARCH_SORT_READING && !b->query.len);
        sorted(v);
        return EV_HANDLED | EV_WORK;
    case REQ_COUNT_ALL:
        if (b->count_known && b->count_capped) {
            b->count_exact = true;
            b->need_count = true;
            b->count_known = false;
            return EV_HANDLED | EV_WORK;
        }
        return EV_HANDLED;
    case REQ_SORT_CHOOSE: {
        const char *labels[SEARCH_SORT__COUNT];
        for (int i = 0; i < SEARCH_SORT__COUNT; i++)
            labels[i] = tr(sort_labels[i]);
        prompt_choice(v->t, tr(T_SORT_Q), labels, SEARCH_SORT__COUNT, choose_sort, NULL);
        return EV_HANDLED;
    }
    case REQ_POLICY:
        policy_view_open(v->t);
        return EV_HANDLED;
    case REQ_DENYLIST:
        denylist_view_open(v->t);
        return EV_HANDLED;
    case REQ_FILTER_STATUS:
        b->status_idx = (b->status_idx + 1) % 4;
        b->need_reload = true;
        return EV_HANDLED | EV_WORK;
    case REQ_FILTER_SPECIALIST:
        b->spec_idx = (b->spec_idx + 1) % 3;
        b->need_reload = true;
        return EV_HANDLED | EV_WORK;
    case REQ_FILTER_BRANCH:
        pick_branch(v);
        return EV_HANDLED;
    case REQ_ADD:
        form_open_edit(v->t, NULL, false);
        return EV_HANDLED;
    case REQ_AUDIT_LOG:
        audit_open(v->t);
        return EV_HANDLED;
    case REQ_INQUIRY:
        inquiry_open(v->t, NULL);
        return EV_HANDLED;
    case REQ_APPROVALS:
        approvals_open(v->t);
        return EV_HANDLED;
    case REQ_INQUIRIES:
        inquiries_open(v->t, NULL);
        return EV_HANDLED;
    case REQ_PLEDGES:
        pledges_open(v->t);
        return EV_HANDLED;
    case REQ_REQUESTS:
        requests_open(v->t);
        return EV_HANDLED;
    case REQ_INCIDENTS:
        incidents_open(v->t);
        return EV_HANDLED;
    case REQ_EXPORTS:
        exports_open(v->t);
        return EV_HANDLED;
    case REQ_LEDGER:
        ledger_open(v->t);
        return EV_HANDLED;
    case REQ_INSPECT:
        inspect_open(v->t);
        return EV_HANDLED;
    case REQ_STAFF:
        staff_open(v->t);
        return EV_HANDLED;
    case REQ_STATS:
        stats_open(v->t);
        return EV_HANDLED;
    case REQ_BACK:
        if (b->loaded[0] || b->status_idx || b->spec_idx || b->branch[0]) {
            line_set(&b->query, "");
            b->status_idx = b->spec_idx = 0;
            b->branch[0] = '\0';
            b->need_reload = true;
            return EV_HANDLED | EV_WORK;
        }
        /* one stray Esc or q never logs the clerk out: quitting is asked (Q quits at once) */
        prompt_yesno(v->t, tr(T_QUIT_Q), quit_confirmed, NULL);
        return EV_HANDLED;
    default:
        break;
    }
    /* a printable key that is no action starts a search with it */
    if (keys_printable(k) && req == REQ_NONE) {
        b->searching = true;
        return search_key(v, k);
    }
    return EV_NONE;
}

/* Back from a detail or form: a member may have changed; fetch the rows again in place. */
static void browser_resume(view *v)
{
    browser *b = v->priv;
    int sel = b->sel, top = b->top;
    reload(v);
    move_sel(v, sel);
    b->top = top;
    v->pending = true; /* the count */
}

static const char *browser_hints(view *v)
{
    browser *b = v->priv;
    return tr(b->searching ? T_SEARCH_HINTS : T_BROWSER_HINTS);
}

static void browser_done(view *v)
{
    browser *b = v->priv;
    rows_clear(b);
    free(b);
}

const view_ops browser_ops = {
    .name = "browser",
    .keymap = KM_BROWSER,
    .draw = browser_draw,
    .key = browser_key,
    .work = browser_work,
    .resume = browser_resume,
    .hints = browser_hints,
    .done = browser_done,
};

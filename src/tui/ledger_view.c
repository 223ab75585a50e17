/* ledger_view.c: the read-only documents of the secretariat, wrapped to the screen's width: the
 * 個人情報取扱台帳 (取扱規程 第24条: each entry with its purposes, place, method, who may access
 * it and its retention, ledger.h), the manager's inspection report (第25条, inspect.h: the
 * letter's text, p prints it). The staff register is staff_view.c. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/archive.h"
#include "meibo/buf.h"
#include "meibo/check.h"
#include "meibo/inspect.h"
#include "meibo/ledger.h"
#include "meibo/letter.h"
#include "meibo/permission.h"
#include "meibo/stats.h"
#include "tui.h"

typedef struct ledger_line {
    bool head;   /* the entry's number and item */
    int indent;  /* cells its wrapped lines start at */
    char *text;
} ledger_line;

typedef struct ledger_view {
    ledger_line *lines;
    int n;
    size_t cap;
    int top;       /* first wrapped row shown */
    int rows;      /* wrapped rows at the last draw */
    int body;      /* body rows at the last draw */
    int kind;      /* 0 the ledger, 1 the inspection report */
    char from[11], until[11]; /* the inspection's period */
    bool ja;       /* the permissions' words in Japanese */
    int npermissions; /* the ledger's permissions in force (規程 第16条) */
    int nanon;        /* the provisions of anonymised data published (第43条第3項, 第44条) */
} ledger_view;

static int add_line(ledger_view *l, bool head, int indent, const char *a, const char *b)
{
    ledger_line *nl = array_grow(l->lines, &l->cap, (size_t)l->n + 1, sizeof *nl);
    if (!nl)
        return 1;
    l->lines = nl;
    size_t n = strlen(a) + strlen(b ? b : "") + 1;
    char *t = malloc(n);
    if (!t)
        return 1;
    snprintf(t, n, "%s%s", a, b ? b : "");
    l->lines[l->n++] = (ledger_line){head, indent, t};
    // cppcheck-suppress memleak ; t is owned by l->lines[] (stored just above), freed in lines_free
    return 0;
}

static int add_entry(const ledger_entry *e, void *arg)
{
    ledger_view *l = arg;
    char head[600];
    snprintf(head, sizeof head, "%d．%s", e->no, e->item);
    if (add_line(l, true, 0, head, NULL) || add_line(l, false, 4, tr(T_LG_PURPOSE), NULL))
        return 1;
    for (int i = 0; i < e->npurposes; i++)
        if (add_line(l, false, 6, "・", e->purposes[i]))
            return 1;
    if (add_line(l, false, 4, tr(T_LG_LOCATION), e->location) ||
        add_line(l, false, 4, tr(T_LG_METHOD), e->method) ||
        add_line(l, false, 4, tr(T_LG_ACCESS), e->access) ||
        add_line(l, false, 4, tr(T_LG_RETENTION), e->retention) ||
        add_line(l, false, 4, tr(T_LG_ARTICLE), e->article))
        return 1;
    return 0;
}

/* A permission of 規程 第16条 in force, as the printed ledger lists it (letter.c). */
static int add_permission(const permission_info *p, void *arg)
{
    ledger_view *l = arg;
    l->npermissions++;
    char head[1400];
    snprintf(head, sizeof head, "%lld．［%s］%s", (long long)p->id,
             permission_kind_words(p, l->ja), p->scope ? p->scope : "");
    char when[200];
    snprintf(when, sizeof when, "%s %s %s、%s%s", p->granted_on ? p->granted_on : "",
             p->granted_by ? p->granted_by : "", tr(T_LG_GRANTED), tr(T_LG_UNTIL),
             permission_until_words(p, l->ja));
    return add_line(l, false, 4, head, NULL) || add_line(l, false, 8, when, NULL);
}

/* A provision of anonymised data, as the ledger publishes it (個人情報保護法 第43条第3項, 第44条). */
static int add_anon(const stats_anon_info *a, void *arg)
{
    ledger_view *l = arg;
    char head[600], method[800];
    l->nanon++;
    snprintf(head, sizeof head, "%" PRId64 "．%s（%s）%s", a->id, a->at, a->as_of, a->recipient);
    snprintf(method, sizeof method, "%s（k=%d）", a->method, a->k);
    return add_line(l, false, 4, head, NULL) ||
           add_line(l, false, 6, tr(T_LG_ANON_ITEMS), a->items) ||
           add_line(l, false, 6, tr(T_LG_ANON_METHOD), method) ||
           add_line(l, false, 6, tr(T_LG_ANON_MEDIUM), a->medium);
}

static void lines_free(ledger_view *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->lines[i].text);
    free(l->lines);
    l->lines = NULL;
    l->n = l->cap = 0;
}

view *ledger_open(tui *t)
{
    ledger_view *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    char dir[MEIBO_PATH_MAX];
    backup_dir(&t->cfg, t->ctx->path, dir, sizeof dir);
    meibo_err err;
    meibo_err_clear(&err);
    l->ja = t->lang != LANG_EN;
    if (ledger_list(t->ctx, dir, add_entry, l, &err) ||
        add_line(l, true, 0, tr(T_LG_PERMISSIONS), NULL) ||
        permission_list(t->ctx, false, add_permission, l, &err) ||
        (!l->npermissions && add_line(l, false, 4, tr(T_LG_NONE), NULL)) ||
        add_line(l, true, 0, tr(T_LG_ANON), NULL) ||
        stats_anon_list(t->ctx, add_anon, l, &err) ||
        (!l->nanon && add_line(l, false, 4, tr(T_LG_NONE), NULL))) {
        if (err.code)
            tui_err(t, &err);
        lines_free(l);
        free(l);
        return NULL;
    }
    view *v = tui_push(t, &ledger_ops, l);
    if (v)
        snprintf(v->title, sizeof v->title, "%s", tr(T_LG_TITLE));
    return v;
}

/* Push @p l (filled) as a screen titled @p title; frees it when that fails. */
static view *push_lines(tui *t, ledger_view *l, const char *title)
{
    view *v = tui_push(t, &ledger_ops, l);
    if (!v) {
        lines_free(l);
        free(l);
        return NULL;
    }
    snprintf(v->title, sizeof v->title, "%s", title);
    return v;
}

/* The lines of a letter's text: leading spaces become a small indent, headings ("１．") stand out. */
static int add_text(ledger_view *l, const char *text)
{
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        size_t sp = 0;
        while (sp < n && p[sp] == ' ')
            sp++;
        char buf[2048];
        snprintf(buf, sizeof buf, "%.*s", (int)(n - sp < sizeof buf ? n - sp : sizeof buf - 1),
                 p + sp);
        bool head = (unsigned char)buf[0] >= 0xE0 && strstr(buf, "．") && sp == 0;
        if (add_line(l, head, sp > 40 ? 0 : sp > 4 ? 4 : (int)sp, buf, NULL))
            return 1;
        p += n + (p[n] == '\n');
    }
    return 0;
}

static meibo_status inspect_letter(tui *t, const ledger_view *l, letter_format fmt, letter *out,
                                   meibo_err *err)
{
    inspect_options opt = {.from = l->from, .until = l->until, .cfg = &t->cfg,
                           .db_path = t->ctx->path};
    return letter_inspection(t->ctx, &t->cfg, &opt, 0, fmt, out, err);
}

view *inspect_open(tui *t)
{
    ledger_view *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->kind = 1;
    db_today(t->ctx, l->until, sizeof l->until);
    check_date_add_days(l->until, -30, l->from);
    letter lt;
    meibo_err err;
    meibo_err_clear(&err);
    if (inspect_letter(t, l, LETTER_TEXT, &lt, &err)) {
        tui_err(t, &err);
        free(l);
        return NULL;
    }
    int bad = add_text(l, lt.data);
    letter_clear(&lt);
    if (bad) {
        lines_free(l);
        free(l);
        return NULL;
    }
    return push_lines(t, l, tr(T_IN_TITLE));
}

static void inspect_print(view *v)
{
    ledger_view *l = v->priv;
    tui *t = v->t;
    letter lt;
    meibo_err err;
    meibo_err_clear(&err);
    if (inspect_letter(t, l, LETTER_PDF, &lt, &err)) {
        tui_err(t, &err);
        return;
    }
    tui_deliver(t, &lt);
}

/* Walk the wrapped rows: call @p row for each (NULL @p w: count only); returns the count. */
static int wrapped(ledger_view *l, WINDOW *w, tui *t, int top, int first, int rows, int cols)
{
    int r = 0;
    for (int i = 0; i < l->n; i++) {
        const ledger_line *ln = &l->lines[i];
        const char *p = ln->text;
        bool cont = false;
        do {
            int indent = ln->indent + (cont && !ln->head ? 2 : 0);
            int width = cols - 2 - indent;
            if (width < 10)
                width = 10;
            size_t n = draw_wrap_first(p, width); /* 禁則 and spaces as everywhere */
            if (w && r >= first && r < first + rows) {
                char buf[1024];
                snprintf(buf, sizeof buf, "%.*s", (int)(n < sizeof buf ? n : sizeof buf - 1), p);
                draw_text(w, top + r - first, 1 + indent, cols - 1 - indent, buf,
                          ln->head ? tui_attr(t, EL_GROUP) : A_NORMAL);
            }
            r++;
            p += n;
            cont = true;
        } while (*p);
    }
    return r;
}

static void ledger_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    ledger_view *l = v->priv;
    l->body = rows;
    l->rows = wrapped(l, NULL, v->t, top, 0, 0, cols);
    if (l->top > l->rows - rows)
        l->top = l->rows - rows;
    if (l->top < 0)
        l->top = 0;
    wrapped(l, w, v->t, top, l->top, rows, cols);
    wmove(w, LINES - 1, COLS - 1);
}

static int ledger_key(view *v, tui_key k, tui_req req)
{
    ledger_view *l = v->priv;
    if (l->kind == 1 && (k.ch == L'p' || k.code == KEY_F(6))) {
        inspect_print(v);
        return EV_HANDLED;
    }
    int page = l->body > 1 ? l->body - 1 : 1;
    if (k.code == KEY_END) { /* the last page (the permissions in force end the ledger) */
        l->top = l->rows;
        return EV_HANDLED;
    }
    switch (req) {
    case REQ_MOVE_UP: l->top--; break;
    case REQ_MOVE_DOWN: l->top++; break;
    case REQ_PAGE_UP: l->top -= page; break;
    case REQ_PAGE_DOWN: l->top += page; break;
    case REQ_MOVE_FIRST: l->top = 0; break;
    default: return EV_NONE;
    }
    if (l->top < 0)
        l->top = 0; /* the bottom is clamped when drawn */
    return EV_HANDLED;
}

static const char *ledger_hints(view *v)
{
    const ledger_view *l = v->priv;
    return tr(l->kind == 1 ? T_IN_HINTS : T_LG_HINTS);
}

static void ledger_done(view *v)
{
    ledger_view *l = v->priv;
    lines_free(l);
    free(l);
}

const view_ops ledger_ops = {
    .name = "ledger",
    .keymap = KM_GENERIC,
    .draw = ledger_draw,
    .key = ledger_key,
    .hints = ledger_hints,
    .done = ledger_done,
};

/* policy_view.c: the policy tables of 第20条 the inquiry decision follows (the newest
 * version): recipient categories (第20条第3項, 第4項), items (第20条第1項), purposes and the items
 * each allows, each row with its article. The selected row's article and words show below.
 * e edits the row: the chief officer's change makes a new policy version through
 * policy_edit(), the call `meibo policy edit` makes (audited, with a note of why); the core
 * refuses anyone else. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "meibo/auth.h"
#include "meibo/policy.h"

typedef struct prow {
    policy_table table; /* its table */
    int index;          /* in the policy's array; -1 the table's title, -2 its column heads */
} prow;

#define PROWS_MAX (DECIDE_MAX_CATEGORIES + DECIDE_ITEMS + DECIDE_MAX_PURPOSES + 6)

/* The columns of each table: x, width, head. */
typedef struct pcol {
    int x, w;
    tui_text head;
} pcol;
#define PCOLS 7
static const pcol table_cols[3][PCOLS] = {
    [POLICY_CATEGORY] = {{2, 14, T_PO_COL_CODE},  {17, 3, T_PO_COL_CLAUSE}, {21, 4, T_PO_COL_PERMITTED},
                         {26, 4, T_PO_COL_LEGAL}, {31, 6, T_PO_COL_PLEDGE}, {38, 16, T_PO_ARTICLE},
                         {55, 0, T_PO_TEXT}},
    [POLICY_ITEM] = {{2, 3, T_PO_COL_CLAUSE}, {6, 24, T_PO_COL_NAME}, {31, 16, T_PO_ARTICLE},
                     {48, 0, T_PO_TEXT}},
    [POLICY_PURPOSE] = {{2, 22, T_PO_COL_CODE}, {25, 5, T_PO_COL_SCOPE}, {31, 7, T_PO_COL_ITEMS},
                        {39, 20, T_PO_ARTICLE}, {60, 0, T_PO_TEXT}},
};
static const int table_ncols[3] = {[POLICY_CATEGORY] = 7, [POLICY_ITEM] = 4,
                                   [POLICY_PURPOSE] = 5};
static const tui_text table_titles[3] = {[POLICY_CATEGORY] = T_PO_CATEGORIES,
                                         [POLICY_ITEM] = T_PO_ITEMS,
                                         [POLICY_PURPOSE] = T_PO_PURPOSES};

typedef struct policy_view {
    decide_policy pol;
    char version_note[300]; /* who made the version and why */
    prow rows[PROWS_MAX];
    int n, sel, top;
} policy_view;

static bool is_heading(const prow *r)
{
    return r->index < 0;
}

static int version_row(const policy_version_info *v, void *arg)
{
    policy_view *p = arg;
    if (v->version == p->pol.version)
        snprintf(p->version_note, sizeof p->version_note, "%s: %s",
                 strcmp(v->created_by, "system") ? v->created_by : tr(T_PO_INITIAL), v->note);
    return v->version <= p->pol.version; /* newest first: stop once past it */
}

static void heading(policy_view *p, policy_table t)
{
    p->rows[p->n++] = (prow){.table = t, .index = -1};
    p->rows[p->n++] = (prow){.table = t, .index = -2};
}

static void reload(view *v)
{
    policy_view *p = v->priv;
    meibo_err err;
    meibo_err_clear(&err);
    p->n = 0;
    p->version_note[0] = '\0';
    if (policy_load(v->t->ctx, 0, &p->pol, &err) ||
        policy_versions(v->t->ctx, version_row, p, &err)) {
        tui_err(v->t, &err);
        return;
    }
    heading(p, POLICY_CATEGORY);
    for (int i = 0; i < p->pol.ncategories; i++)
        p->rows[p->n++] = (prow){.table = POLICY_CATEGORY, .index = i};
    heading(p, POLICY_ITEM);
    for (int i = 0; i < DECIDE_ITEMS; i++)
        p->rows[p->n++] = (prow){.table = POLICY_ITEM, .index = i};
    heading(p, POLICY_PURPOSE);
    for (int i = 0; i < p->pol.npurposes; i++)
        p->rows[p->n++] = (prow){.table = POLICY_PURPOSE, .index = i};
    if (p->sel >= p->n || is_heading(&p->rows[p->sel]))
        p->sel = 2;
    snprintf(v->title, sizeof v->title, "%s %" PRId64, tr(T_PO_TITLE), p->pol.version);
}

view *policy_view_open(tui *t)
{
    policy_view *p = calloc(1, sizeof *p); /* the policy is large: not on the stack */
    if (!p)
        return NULL;
    view *v = tui_push(t, &policy_ops, p);
    if (v)
        reload(v);
    return v;
}

/* The row's code, article and words. */
static void row_text(const policy_view *p, const prow *r, const char **code, const char **article,
                     const char **text)
{
    static char item_code[2];
    switch (r->table) {
    case POLICY_CATEGORY:
        *code = p->pol.categories[r->index].code;
        *article = p->pol.categories[r->index].article;
        *text = p->pol.categories[r->index].text;
        break;
    case POLICY_ITEM:
        item_code[0] = p->pol.items[r->index].code;
        *code = item_code;
        *article = p->pol.items[r->index].article;
        *text = p->pol.items[r->index].text;
        break;
    default:
        *code = p->pol.purposes[r->index].code;
        *article = p->pol.purposes[r->index].article;
        *text = p->pol.purposes[r->index].text;
        break;
    }
}

/* The cells of a row between its code and its article, in the table's columns. */
static int row_cells(const policy_view *p, const prow *r, const char *cells[PCOLS], char *buf,
                     size_t len)
{
    const char *code, *article, *text;
    row_text(p, r, &code, &article, &text);
    int n = 0;
    /* a category or purpose by its words (label.h), never its code; an item by its letter (号) */
    cells[n++] = r->table == POLICY_CATEGORY  ? lbl(LABEL_CATEGORY, code)
                 : r->table == POLICY_PURPOSE ? lbl(LABEL_PURPOSE, code)
                                              : code;
    if (r->table == POLICY_CATEGORY) {
        const decide_category *c = &p->pol.categories[r->index];
        snprintf(buf, len, "(%s)", c->clause);
        cells[n++] = buf;
        cells[n++] = tr(c->permitted ? T_PO_YES : T_PO_NO);
        cells[n++] = c->legal_basis ? tr(T_PO_LEGAL) : "-";
        cells[n++] = c->pledge_required ? tr(T_PO_PLEDGE) : "-";
    } else if (r->table == POLICY_ITEM) {
        cells[n++] = p->pol.items[r->index].name;
    } else {
        const decide_purpose *u = &p->pol.purposes[r->index];
        decide_items_format(u->items, buf, len);
        cells[n++] = tr(!strcmp(u->scope, "internal") ? T_PO_INTERNAL : T_PO_EXTERNAL);
        cells[n++] = buf;
    }
    cells[n++] = article;
    cells[n++] = text;
    return n;
}

static void policy_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    policy_view *p = v->priv;
    tui *t = v->t;
    draw_text(w, top, 1, cols - 2, p->version_note, A_BOLD);
    int list = rows - 4;
    if (p->sel < p->top)
        p->top = p->sel;
    if (p->sel >= p->top + list)
        p->top = p->sel - list + 1;
    if (p->top <= 2)
        p->top = 0; /* the first table's title stays in view */
    for (int i = 0; i < list && p->top + i < p->n; i++) {
        const prow *r = &p->rows[p->top + i];
        const pcol *c = table_cols[r->table];
        int y = top + 1 + i;
        if (r->index == -1) {
            draw_text(w, y, 0, cols, tr(table_titles[r->table]), tui_attr(t, EL_GROUP));
            continue;
        }
        const char *cells[PCOLS];
        char buf[64];
        int n = r->index == -2 ? 0 : row_cells(p, r, cells, buf, sizeof buf);
        bool cur = p->top + i == p->sel;
        if (r->index >= 0)
            mvwaddch(w, y, 0, cur ? '>' : ' ');
        if (r->index == -2)
            n = table_ncols[r->table];
        for (int k = 0; k < n; k++) {
            int width = c[k].w ? c[k].w : cols - c[k].x;
            if (r->index == -2)
                draw_text(w, y, c[k].x, width, tr(c[k].head), tui_attr(t, EL_HEADER));
            else
                draw_text(w, y, c[k].x, width, cells[k],
                          k == 0 && cur ? tui_attr(t, EL_CURSOR) : A_NORMAL);
        }
    }
    /* the selected row in full */
    draw_hline(w, top + rows - 3, 0, cols, A_NORMAL);
    if (p->n && !is_heading(&p->rows[p->sel])) {
        const char *code, *article, *text;
        row_text(p, &p->rows[p->sel], &code, &article, &text);
        char line[200];
        const prow *r = &p->rows[p->sel];
        snprintf(line, sizeof line, "%s  %s",
                 r->table == POLICY_CATEGORY  ? lbl(LABEL_CATEGORY, code)
                 : r->table == POLICY_PURPOSE ? lbl(LABEL_PURPOSE, code)
                                              : code,
                 article);
        draw_text(w, top + rows - 2, 1, cols - 2, line, A_BOLD);
        draw_text(w, top + rows - 1, 1, cols - 2, text, A_NORMAL);
    }
    wmove(w, LINES - 1, COLS - 1);
}

/* --- editing one row --- */

typedef struct policy_form {
    fieldset fs;
    policy_table table;
    char code[DECIDE_CODE_LEN];
    /* as loaded, to send only what changed */
    char article[DECIDE_ARTICLE_LEN], text[DECIDE_TEXT_LEN], items[16];
    int flags[3]; /* permitted, legal_basis, pledge_required */
} policy_form;

static const char *const flag_names[3] = {"permitted", "legal_basis", "pledge_required"};

static void yes_no(field *f, bool yes)
{
    fields_add_choice(f, "1", tr(T_YES));
    fields_add_choice(f, "0", tr(T_NO));
    f->sel = yes ? 0 : 1;
}

static view *policy_form_open(view *pv)
{
    policy_view *p = pv->priv;
    tui *t = pv->t;
    const prow *r = &p->rows[p->sel];
    if (!p->n || is_heading(r))
        return NULL;
    /* the core says who may: the chief officer (the same check policy_edit() makes) */
    meibo_err err;
    meibo_err_clear(&err);
    if (auth_require(t->ctx, MEIBO_ROLE_CHIEF, "edit the policy tables", &err)) {
        tui_chief_only(t, &err);
        return NULL;
    }
    policy_form *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    const char *code, *article, *text;
    row_text(p, r, &code, &article, &text);
    f->table = r->table;
    snprintf(f->code, sizeof f->code, "%s", code);
    snprintf(f->article, sizeof f->article, "%s", article);
    snprintf(f->text, sizeof f->text, "%s", text);
    fieldset *fs = &f->fs;
    if (r->table == POLICY_CATEGORY) {
        const decide_category *c = &p->pol.categories[r->index];
        const bool now[3] = {c->permitted, c->legal_basis, c->pledge_required};
        const tui_text labels[3] = {T_PO_PERMITTED, T_PO_LEGAL_BASIS, T_PO_PLEDGE_REQUIRED};
        for (int i = 0; i < 3; i++) {
            f->flags[i] = now[i];
            yes_no(fields_choice(fs, flag_names[i], tr(labels[i])), now[i]);
        }
    } else if (r->table == POLICY_PURPOSE) {
        decide_items_format(p->pol.purposes[r->index].items, f->items, sizeof f->items);
        fields_text(fs, "items", tr(T_PO_ITEMS_FIELD), f->items)->hint = tr(T_IQ_ITEMS_HINT);
    }
    fields_text(fs, "article", tr(T_PO_ARTICLE), article);
    fields_text(fs, "text", tr(T_PO_TEXT), text);
    fields_text(fs, "note", tr(T_PO_NOTE), "")->hint = tr(T_PO_NOTE_HINT);
    view *v = tui_push(t, &policy_form_ops, f);
    if (v) {
        const char *what = r->table == POLICY_CATEGORY  ? tr(T_PO_T_CATEGORY)
                           : r->table == POLICY_PURPOSE ? tr(T_PO_T_PURPOSE)
                                                        : tr(T_PO_T_ITEM);
        const char *name = r->table == POLICY_CATEGORY  ? lbl(LABEL_CATEGORY, code)
                           : r->table == POLICY_PURPOSE ? lbl(LABEL_PURPOSE, code)
                                                        : lbl(LABEL_ITEM, code);
        snprintf(v->title, sizeof v->title, "%s: %s「%s」", tr(T_PO_EDIT), what, name);
    }
    return v;
}

static void policy_form_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    policy_form *f = v->priv;
    const field *cur = &f->fs.f[f->fs.cur];
    draw_hline(w, top + rows - 2, 0, cols, A_NORMAL);
    draw_text(w, top + rows - 1, 1, cols - 2, cur->hint ? cur->hint : "",
              tui_attr(v->t, EL_MASKED));
    fields_draw(&f->fs, v->t, w, top, rows - 2, cols);
}

static int policy_form_save(view *v)
{
    policy_form *f = v->priv;
    tui *t = v->t;
    char article[DECIDE_ARTICLE_LEN * 2], text[DECIDE_TEXT_LEN * 2], items[64], note[400],
        flag[8];
    fields_get(&f->fs, "article", article, sizeof article);
    fields_get(&f->fs, "text", text, sizeof text);
    fields_get(&f->fs, "items", items, sizeof items);
    fields_get(&f->fs, "note", note, sizeof note);
    policy_change c = {.table = f->table, .code = f->code, .permitted = -1, .legal_basis = -1,
                       .pledge_required = -1, .note = note};
    int *flags[3] = {&c.permitted, &c.legal_basis, &c.pledge_required};
    bool changed = false;
    if (f->table == POLICY_CATEGORY)
        for (int i = 0; i < 3; i++) {
            int now = !strcmp(fields_get(&f->fs, flag_names[i], flag, sizeof flag), "1");
            if (now != f->flags[i])
                *flags[i] = now, changed = true;
        }
    if (f->table == POLICY_PURPOSE && strcmp(items, f->items))
        c.items = items, changed = true;
    if (strcmp(article, f->article))
        c.article = article, changed = true;
    if (strcmp(text, f->text))
        c.text = text, changed = true;
    if (!changed) {
        tui_msg(t, EL_NOTICE, "%s", tr(T_FORM_UNCHANGED));
        return EV_HANDLED;
    }
    meibo_err err;
    meibo_err_clear(&err);
    int64_t version = 0;
    if (policy_edit(t->ctx, &c, &version, &err)) {
        if (err.code == MEIBO_ERR_DENIED)
            tui_chief_only(t, &err);
        else
            fields_err(&f->fs, t, &err);
        return EV_HANDLED;
    }
    tui_pop(t);
    char num[32], msg[200];
    snprintf(num, sizeof num, "%" PRId64, version);
    tui_msg(t, EL_NOTICE, "%s", tr_fill(msg, sizeof msg, T_PO_SAVED, num, NULL));
    return EV_HANDLED;
}

static int policy_form_key(view *v, tui_key k, tui_req req)
{
    policy_form *f = v->priv;
    if (req == REQ_SAVE)
        return policy_form_save(v);
    if (req == REQ_BACK)
        return EV_HANDLED | EV_CLOSE;
    return fields_key(&f->fs, k, req) ? EV_HANDLED : EV_NONE;
}

static const char *policy_form_hints(view *v)
{
    (void)v;
    return tr(T_FORM_HINTS);
}

static void policy_form_done(view *v)
{
    free(v->priv);
}

const view_ops policy_form_ops = {
    .name = "policy-form",
    .keymap = KM_FORM,
    .may_change = true,
    .draw = policy_form_draw,
    .key = policy_form_key,
    .hints = policy_form_hints,
    .done = policy_form_done,
};

/* --- the tables --- */

static void step(policy_view *p, int dir)
{
    int i = p->sel + dir;
    while (i >= 0 && i < p->n && is_heading(&p->rows[i]))
        i += dir;
    if (i >= 0 && i < p->n)
        p->sel = i;
}

static int policy_key(view *v, tui_key k, tui_req req)
{
    policy_view *p = v->priv;
    (void)k;
    switch (req) {
    case REQ_MOVE_UP:
        step(p, -1);
        return EV_HANDLED;
    case REQ_MOVE_DOWN:
        step(p, 1);
        return EV_HANDLED;
    case REQ_EDIT:
        policy_form_open(v);
        return EV_HANDLED;
    default:
        return EV_NONE;
    }
}

static const char *policy_hints(view *v)
{
    (void)v;
    return tr(T_PO_HINTS);
}

static void policy_done(view *v)
{
    free(v->priv);
}

const view_ops policy_ops = {
    .name = "policy",
    .keymap = KM_POLICY,
    .draw = policy_draw,
    .key = policy_key,
    .resume = reload,
    .hints = policy_hints,
    .done = policy_done,
};

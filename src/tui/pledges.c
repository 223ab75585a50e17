/* pledges.c: the pledge registry (取扱規程 第5–6条): the pledges on file with their state and
 * end date, those ending within 30 days marked; n records a signed pledge (manager or chief
 * officer), which releases inquiries held for it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "listview.h"
#include "meibo/check.h"
#include "meibo/inquiry.h"
#include "meibo/pledge.h"
#include "meibo/policy.h"

#define EXPIRING_DAYS 30

typedef struct pledge_row {
    int64_t id;
    bool soon;
    char text[400];
} pledge_row;

typedef struct pledges {
    listview lv;
    char soon_until[16]; /* pledges ending on or before this day are marked */
} pledges;

static int add_row(const pledge_info *p, void *arg)
{
    pledges *l = arg;
    pledge_row *r = lv_add(&l->lv, &(lv_pos){.id = p->id});
    if (!r)
        return 1;
    r->id = p->id;
    r->soon = !strcmp(p->state, "active") && strcmp(p->valid_until, l->soon_until) <= 0;
    char st[40], pu[300];
    snprintf(r->text, sizeof r->text, "%4lld %s %s %s %-10s %s / %s  [%s] %s",
             (long long)p->id, tui_pad(lbl(LABEL_PLEDGE_STATE, p->state), 8, st, sizeof st),
             p->valid_until, r->soon ? "!" : " ", p->document_no, p->recipient,
             p->signatory_name, p->items,
             label_list(LABEL_PURPOSE, p->purposes, !tr_is_en(), pu, sizeof pu));
    return 0;
}

/* A page of the registry, every pledge (also expired and revoked), by recipient. */
static bool fetch(view *v, const lv_pos *from, bool backward, int limit)
{
    meibo_err err;
    meibo_err_clear(&err);
    pledge_filter f = {.all = true, .expiring_days = -1};
    if (pledge_page(v->t->ctx, &f, from ? from->id : 0, backward, limit, add_row, v->priv, &err)) {
        tui_err(v->t, &err);
        return false;
    }
    return true;
}

static void draw_row(view *v, WINDOW *w, int y, int cols, const void *row, bool cur)
{
    const pledge_row *r = row;
    (void)cur;
    draw_text(w, y, 1, cols - 1, r->text, r->soon ? tui_attr(v->t, EL_ERROR) : A_NORMAL);
}

static const lv_source pledge_rows = {
    .row_size = sizeof(pledge_row),
    .fetch = fetch,
    .draw = draw_row,
};

static void reload(view *v)
{
    pledges *l = v->priv;
    lv_refresh(&l->lv);
}

view *pledges_open(tui *t)
{
    pledges *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    char today[16];
    db_today(t->ctx, today, sizeof today);
    check_date_add_days(today, EXPIRING_DAYS, l->soon_until);
    view *v = tui_push(t, &pledges_ops, l);
    if (v) {
        snprintf(v->title, sizeof v->title, "%s", tr(T_PL_TITLE));
        lv_init(&l->lv, v, &pledge_rows);
        lv_reload(&l->lv);
    }
    return v;
}

static void pledges_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    pledges *l = v->priv;
    tui *t = v->t;
    draw_text(w, top, 1, cols - 2, tr(T_PL_COLS), tui_attr(t, EL_HEADER));
    if (!l->lv.n)
        draw_text(w, top + 2, 3, cols - 6, tr(T_PL_EMPTY), A_NORMAL);
    lv_draw(&l->lv, w, top + 1, rows - 1, cols);
    wmove(w, LINES - 1, COLS - 1);
}

/* --- recording a signed pledge --- */

typedef struct pledge_form {
    fieldset fs;
} pledge_form;

static view *pledge_form_open(tui *t)
{
    pledge_form *p = calloc(1, sizeof *p);
    decide_policy *pol = calloc(1, sizeof *pol);
    meibo_err err;
    meibo_err_clear(&err);
    if (!p || !pol || policy_load(t->ctx, 0, pol, &err)) {
        if (p && pol)
            tui_err(t, &err);
        free(p);
        free(pol);
        return NULL;
    }
    char today[16];
    db_today(t->ctx, today, sizeof today);
    fieldset *fs = &p->fs;
    fields_text(fs, "recipient", tr(T_PL_RECIPIENT), "");
    fields_text(fs, "signatory_name", tr(T_PL_SIGNATORY), "");
    fields_text(fs, "signatory_title", tr(T_PL_TITLE_FIELD), "");
    fields_text(fs, "received_on", tr(T_IQ_RECEIVED), today);
    field *f = fields_choice(fs, "media", tr(T_IQ_MEDIUM));
    fields_add_choice(f, "paper", tr(T_IQ_PAPER));
    fields_add_choice(f, "electronic", tr(T_IQ_ELECTRONIC));
    fields_add_choice(f, "paper,electronic", tr(T_PL_BOTH));
    /* purposes and items picked from the policy's lists, as the inquiry picks a category
     * (issue 14: no code typed by hand) */
    f = fields_multi(fs, "purposes", tr(T_PL_PURPOSES));
    for (int i = 0; i < pol->npurposes; i++) {
        const decide_purpose *pu = &pol->purposes[i];
        char label[600];
        snprintf(label, sizeof label, "%s（%s）",
                 label_known(LABEL_PURPOSE, pu->code) ? lbl(LABEL_PURPOSE, pu->code) : pu->text,
                 pu->article);
        fields_add_choice(f, pu->code, label);
    }
    f->hint = tr(T_PL_MULTI_HINT);
    f = fields_multi(fs, "items", tr(T_PL_ITEMS));
    for (int i = 0; i < DECIDE_ITEMS; i++) {
        char code[2] = {pol->items[i].code, '\0'}, label[600];
        snprintf(label, sizeof label, "(%s) %s", code, pol->items[i].name);
        fields_add_choice(f, code, label);
    }
    f->hint = tr(T_PL_MULTI_HINT);
    free(pol);
    fields_text(fs, "valid_until", tr(T_PL_VALID_UNTIL), "");
    fields_text(fs, "document_no", tr(T_PL_DOCUMENT_NO), "");
    view *v = tui_push(t, &pledge_form_ops, p);
    if (v)
        snprintf(v->title, sizeof v->title, "%s", tr(T_PL_NEW));
    return v;
}

static void pledge_form_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    pledge_form *p = v->priv;
    const field *f = &p->fs.f[p->fs.cur];
    draw_hline(w, top + rows - 2, 0, cols, A_NORMAL);
    draw_text(w, top + rows - 1, 1, cols - 2, f->hint ? f->hint : "", tui_attr(v->t, EL_MASKED));
    fields_draw(&p->fs, v->t, w, top, rows - 2, cols);
}

static int pledge_form_key(view *v, tui_key k, tui_req req)
{
    pledge_form *p = v->priv;
    tui *t = v->t;
    if (req == REQ_SAVE) {
        char s[9][400];
        static const char *const names[] = {"recipient",   "signatory_name", "signatory_title",
                                            "received_on", "media",          "purposes",
                                            "items",       "valid_until",    "document_no"};
        for (int i = 0; i < 9; i++)
            fields_get(&p->fs, names[i], s[i], sizeof s[i]);
        pledge_new n = {.recipient = s[0], .signatory_name = s[1], .signatory_title = s[2],
                        .received_on = s[3], .media = pledge_media_parse(s[4]),
                        .purposes = s[5], .items = s[6], .valid_until = s[7],
                        .document_no = s[8]};
        pledge_added out;
        meibo_err err;
        meibo_err_clear(&err);
        memset(&out, 0, sizeof out);
        if (pledge_add(t->ctx, &n, inquiry_release_pledge_holds, &out, &err)) {
            fields_focus(&p->fs, err.field[0] ? err.field : NULL);
            tui_err(t, &err);
            return EV_HANDLED;
        }
        tui_pop(t);
        tui_msg(t, EL_NOTICE, "%s %lld (%s %d)", tr(T_PL_RECORDED), (long long)out.id,
                tr(T_PL_RELEASED), out.released);
        return EV_HANDLED;
    }
    if (req == REQ_BACK)
        return EV_HANDLED | EV_CLOSE;
    return fields_key(&p->fs, k, req) ? EV_HANDLED : EV_NONE;
}

static const char *pledge_form_hints(view *v)
{
    (void)v;
    return tr(T_PL_FORM_HINTS);
}

static void pledge_form_done(view *v)
{
    free(v->priv);
}

const view_ops pledge_form_ops = {
    .name = "pledge-form",
    .keymap = KM_FORM,
    .may_change = true,
    .draw = pledge_form_draw,
    .key = pledge_form_key,
    .hints = pledge_form_hints,
    .done = pledge_form_done,
};

static int pledges_key(view *v, tui_key k, tui_req req)
{
    pledges *l = v->priv;
    (void)k;
    if (lv_key(&l->lv, req))
        return EV_HANDLED;
    const pledge_row *r = lv_current(&l->lv);
    switch (req) {
    case REQ_PRINT: /* the pledge form renewing it, pre-filled (取扱規程 第6条) */
        if (r)
            tui_print(v->t, TL_PLEDGE_RENEWAL, r->id);
        return EV_HANDLED;
    case REQ_ADD:
        pledge_form_open(v->t);
        return EV_HANDLED;
    default:
        return EV_NONE;
    }
}

static const char *pledges_hints(view *v)
{
    (void)v;
    return tr(T_PL_HINTS);
}

static void pledges_done(view *v)
{
    pledges *l = v->priv;
    lv_free(&l->lv);
    free(l);
}

const view_ops pledges_ops = {
    .name = "pledges",
    .keymap = KM_PLEDGES,
    .draw = pledges_draw,
    .key = pledges_key,
    .resume = reload,
    .hints = pledges_hints,
    .done = pledges_done,
};

/* denylist_view.c: the chief officer's deny-list of requesters (第20条第4項(d): その他個人情報
 * 総責任者が不可と認める者). Everyone sees the entries in force and those taken off; the chief
 * officer adds one (requester and/or organization, reason, date) and takes one off with a
 * reason, through the calls `meibo denylist add|remove` make. The core checks the role and
 * audits; an inquiry from a listed requester is refused before the member is looked up. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "listview.h"
#include "meibo/auth.h"
#include "meibo/denylist.h"

typedef struct deny_row {
    int64_t id;
    bool removed;
    char text[400];
} deny_row;

typedef struct denylist_view {
    listview lv;
} denylist_view;

static int add_row(const denylist_entry *e, void *arg)
{
    denylist_view *d = arg;
    deny_row *r = lv_add(&d->lv, &(lv_pos){.id = e->id});
    if (!r)
        return 1;
    r->id = e->id;
    r->removed = e->removed_on != NULL;
    char who[260];
    snprintf(who, sizeof who, "%s%s%s", e->requester, *e->requester && *e->organization ? " / " : "",
             e->organization);
    if (r->removed)
        snprintf(r->text, sizeof r->text, "%4" PRId64 " %s %s  %s (%s %s: %s)", e->id,
                 e->listed_on, who, e->reason, tr(T_DL_REMOVED_ON), e->removed_on,
                 e->remove_reason ? e->remove_reason : "");
    else
        snprintf(r->text, sizeof r->text, "%4" PRId64 " %s %s  %s", e->id, e->listed_on, who,
                 e->reason);
    return 0;
}

/* A page of the entries, those taken off too, by number. */
static bool fetch(view *v, const lv_pos *from, bool backward, int limit)
{
    meibo_err err;
    meibo_err_clear(&err);
    if (denylist_page(v->t->ctx, true, from ? from->id : 0, backward, limit, add_row, v->priv,
                      &err)) {
        tui_err(v->t, &err);
        return false;
    }
    return true;
}

static void draw_row(view *v, WINDOW *w, int y, int cols, const void *row, bool cur)
{
    const deny_row *r = row;
    (void)cur;
    draw_text(w, y, 1, cols - 1, r->text, r->removed ? tui_attr(v->t, EL_MASKED) : A_NORMAL);
}

static const lv_source deny_rows = {
    .row_size = sizeof(deny_row),
    .fetch = fetch,
    .draw = draw_row,
};

static void reload(view *v)
{
    denylist_view *d = v->priv;
    lv_refresh(&d->lv);
}

view *denylist_view_open(tui *t)
{
    denylist_view *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    view *v = tui_push(t, &denylist_ops, d);
    if (v) {
        snprintf(v->title, sizeof v->title, "%s", tr(T_DL_TITLE));
        lv_init(&d->lv, v, &deny_rows);
        lv_reload(&d->lv);
    }
    return v;
}

static void denylist_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    denylist_view *d = v->priv;
    tui *t = v->t;
    draw_text(w, top, 1, cols - 2, tr(T_DL_COLS), tui_attr(t, EL_HEADER));
    if (!d->lv.n)
        draw_text(w, top + 2, 3, cols - 6, tr(T_DL_EMPTY), A_NORMAL);
    lv_draw(&d->lv, w, top + 1, rows - 1, cols);
    wmove(w, LINES - 1, COLS - 1);
}

/* --- adding an entry --- */

typedef struct denylist_form {
    fieldset fs;
} denylist_form;

static view *denylist_form_open(tui *t)
{
    meibo_err err;
    meibo_err_clear(&err);
    /* the core says who may: the chief officer (the check denylist_add() makes) */
    if (auth_require(t->ctx, MEIBO_ROLE_CHIEF, "add to the deny-list (第20条第4項(d))", &err)) {
        tui_chief_only(t, &err);
        return NULL;
    }
    denylist_form *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    char today[16];
    db_today(t->ctx, today, sizeof today);
    fields_text(&f->fs, "requester", tr(T_IQ_REQUESTER), "")->hint = tr(T_DL_WHO_HINT);
    fields_text(&f->fs, "organization", tr(T_IQ_ORGANIZATION), "")->hint = tr(T_DL_WHO_HINT);
    fields_text(&f->fs, "reason", tr(T_DL_REASON), "");
    fields_text(&f->fs, "date", tr(T_DL_DATE), today);
    view *v = tui_push(t, &denylist_form_ops, f);
    if (v)
        snprintf(v->title, sizeof v->title, "%s", tr(T_DL_NEW));
    return v;
}

static void denylist_form_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    denylist_form *f = v->priv;
    const field *cur = &f->fs.f[f->fs.cur];
    draw_hline(w, top + rows - 2, 0, cols, A_NORMAL);
    draw_text(w, top + rows - 1, 1, cols - 2, cur->hint ? cur->hint : "",
              tui_attr(v->t, EL_MASKED));
    fields_draw(&f->fs, v->t, w, top, rows - 2, cols);
}

static int denylist_form_key(view *v, tui_key k, tui_req req)
{
    denylist_form *f = v->priv;
    tui *t = v->t;
    if (req == REQ_SAVE) {
        char requester[400], org[400], reason[800], date[64];
        fields_get(&f->fs, "requester", requester, sizeof requester);
        fields_get(&f->fs, "organization", org, sizeof org);
        fields_get(&f->fs, "reason", reason, sizeof reason);
        fields_get(&f->fs, "date", date, sizeof date);
        meibo_err err;
        meibo_err_clear(&err);
        int64_t id = 0;
        if (denylist_add(t->ctx, requester, org, reason, date, &id, &err)) {
            if (err.code == MEIBO_ERR_DENIED)
                tui_chief_only(t, &err);
            else
                fields_err(&f->fs, t, &err);
            return EV_HANDLED;
        }
        tui_pop(t);
        char num[32], msg[200];
        snprintf(num, sizeof num, "%" PRId64, id);
        tui_msg(t, EL_NOTICE, "%s", tr_fill(msg, sizeof msg, T_DL_ADDED, num, NULL));
        return EV_HANDLED;
    }
    if (req == REQ_BACK)
        return EV_HANDLED | EV_CLOSE;
    return fields_key(&f->fs, k, req) ? EV_HANDLED : EV_NONE;
}

static const char *denylist_form_hints(view *v)
{
    (void)v;
    return tr(T_FORM_HINTS);
}

static void denylist_form_done(view *v)
{
    free(v->priv);
}

const view_ops denylist_form_ops = {
    .name = "denylist-form",
    .keymap = KM_FORM,
    .may_change = true,
    .draw = denylist_form_draw,
    .key = denylist_form_key,
    .hints = denylist_form_hints,
    .done = denylist_form_done,
};

/* --- taking one off --- */

static void remove_answered(view *under, const char *reason, void *arg)
{
    (void)arg;
    denylist_view *d = under->priv;
    tui *t = under->t;
    const deny_row *r = lv_current(&d->lv);
    if (!r)
        return;
    int64_t id = r->id;
    meibo_err err;
    meibo_err_clear(&err);
    if (denylist_remove(t->ctx, id, reason, &err)) {
        if (err.code == MEIBO_ERR_DENIED)
            tui_chief_only(t, &err);
        else
            tui_err_label(t, &err, tr(T_DL_REMOVE_REASON));
        return;
    }
    reload(under);
    char num[32], msg[200];
    snprintf(num, sizeof num, "%" PRId64, id);
    tui_msg(t, EL_NOTICE, "%s", tr_fill(msg, sizeof msg, T_DL_REMOVED, num, NULL));
}

static int denylist_key(view *v, tui_key k, tui_req req)
{
    denylist_view *d = v->priv;
    (void)k;
    if (lv_key(&d->lv, req))
        return EV_HANDLED;
    const deny_row *r = lv_current(&d->lv);
    switch (req) {
    case REQ_ADD:
        denylist_form_open(v->t);
        return EV_HANDLED;
    case REQ_REMOVE:
        if (r && !r->removed) {
            meibo_err err;
            meibo_err_clear(&err);
            if (auth_require(v->t->ctx, MEIBO_ROLE_CHIEF, "remove a deny-list entry", &err))
                tui_chief_only(v->t, &err);
            else
                prompt_text(v->t, tr(T_DL_REMOVE_Q), "", remove_answered, NULL);
        }
        return EV_HANDLED;
    default:
        return EV_NONE;
    }
}

static const char *denylist_hints(view *v)
{
    (void)v;
    return tr(T_DL_HINTS);
}

static void denylist_done(view *v)
{
    denylist_view *d = v->priv;
    lv_free(&d->lv);
    free(d);
}

const view_ops denylist_ops = {
    .name = "denylist",
    .keymap = KM_DENYLIST,
    .draw = denylist_draw,
    .key = denylist_key,
    .resume = reload,
    .hints = denylist_hints,
    .done = denylist_done,
};

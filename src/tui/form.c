/* form.c: add a member, edit one, withdraw one. Every save goes through the core's one
 * audited path, which validates the whole record and refuses it whole with the field named;
 * the form then puts the cursor on that field. Saves are optimistic: when someone else
 * saved first, the clerk's input stays, the other person's values are shown under the
 * fields they changed, and a second save (now knowingly) writes over them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/member.h"
#include "meibo/roster.h"
#include "tui.h"

typedef enum form_mode { FORM_ADD, FORM_EDIT, FORM_WITHDRAW } form_mode;

typedef struct form {
    form_mode mode;
    char no[64];
    meibo_member base;                /* as loaded: the version the save is based on */
    member_field fields[MF__COUNT];   /* the fields shown, in order */
    int n;
    tui_line lines[MF__COUNT];
    char *theirs[MF__COUNT];          /* after a conflict: the other person's value */
    char err_field[48];
    int cur, top;
    bool revealed; /* an existing member's masked fields shown (logged) */
} form;

static void theirs_clear(form *f)
{
    for (int i = 0; i < MF__COUNT; i++) {
        free(f->theirs[i]);
        f->theirs[i] = NULL;
    }
}

static void form_free(form *f)
{
    member_clear(&f->base);
    theirs_clear(f);
    free(f);
}

/* An existing member's masked field not yet revealed: shown as ＊＊＊＊, not editable. */
static bool masked(const form *f, member_field fld)
{
    return f->mode == FORM_EDIT && !f->revealed && (member_field_get(fld)->flags & MF_SENSITIVE);
}

/* The member number once stored; the opt-out date always: it is derived from the opt-out
 * records (第20条第5項), made and withdrawn on the detail screen (o), never typed here; a
 * masked field until revealed. */
static bool read_only(const form *f, member_field fld)
{
    return (f->mode == FORM_EDIT && fld == MF_MEMBER_NO) || fld == MF_OPTOUT_ON || masked(f, fld);
}

/* A stored value as the form shows it for editing: a status or a yes/no in the clerk's words
 * (在籍, はい), which member_set() takes back; anything else as stored (issue 14). */
static const char *edit_text(member_field fld, const char *raw)
{
    const member_field_info *fi = member_field_get(fld);
    if (fi->kind == MK_STATUS)
        return status_text(raw);
    if (fi->kind == MK_YESNO)
        return !strcmp(raw, "yes") ? tr(T_YES) : !strcmp(raw, "no") ? tr(T_NO) : raw;
    return raw;
}

static view *form_push(tui *t, form *f, tui_text title)
{
    for (int i = 0; i < f->n; i++)
        line_set(&f->lines[i], edit_text(f->fields[i], member_get_field(&f->base, f->fields[i])));
    view *v = tui_push(t, &form_ops, f);
    if (v)
        snprintf(v->title, sizeof v->title, "%s %s", tr(title), f->no);
    return v;
}

/* A form for @p mode; for an existing member loads it (with @p reveal, the read and the
 * reveal of its masked fields are logged). NULL after a message on the status line. */
static form *form_new(tui *t, form_mode mode, const char *member_no, bool reveal)
{
    form *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    member_init(&f->base);
    f->mode = mode;
    if (!member_no)
        return f;
    meibo_err err;
    meibo_err_clear(&err);
    snprintf(f->no, sizeof f->no, "%s", member_no);
    if (member_load(t->ctx, member_no, mode == FORM_EDIT ? MEMBER_READ_AUDIT : 0, &f->base,
                    &err) ||
        (reveal && member_reveal(t->ctx, member_no, &err))) {
        tui_err(t, &err);
        form_free(f);
        return NULL;
    }
    return f;
}

view *form_open_edit(tui *t, const char *member_no, bool revealed)
{
    /* the masked fields only on request (F3), or as the detail view showed them: a reveal is
     * logged (取扱規程 第23条) */
    form *f = form_new(t, member_no ? FORM_EDIT : FORM_ADD, member_no, member_no && revealed);
    if (!f)
        return NULL;
    f->revealed = revealed;
    for (int i = 0; i < MF__COUNT; i++)
        if (i != MF_WITHDRAWN_ON && i != MF_WITHDRAW_REASON &&
            (member_no || (i != MF_STATUS && i != MF_OPTOUT_ON)))
            f->fields[f->n++] = (member_field)i;
    if (f->mode == FORM_EDIT)
        f->cur = 1;
    return form_push(t, f, member_no ? T_FORM_EDIT : T_FORM_ADD);
}

view *form_open_withdraw(tui *t, const char *member_no)
{
    form *f = form_new(t, FORM_WITHDRAW, member_no, false);
    if (!f)
        return NULL;
    char today[16];
    db_today(t->ctx, today, sizeof today);
    f->fields[f->n++] = MF_WITHDRAWN_ON;
    f->fields[f->n++] = MF_WITHDRAW_REASON;
    view *v = form_push(t, f, T_FORM_WITHDRAW);
    if (v)
        line_set(&f->lines[0], today);
    return v;
}

static bool form_dirty(const form *f)
{
    char buf[LINE_MAX_CHARS * 4 + 1];
    if (f->mode == FORM_WITHDRAW)
        return f->lines[1].len > 0;
    for (int i = 0; i < f->n; i++)
        if (strcmp(line_get(&f->lines[i], buf, sizeof buf),
                   edit_text(f->fields[i], member_get_field(&f->base, f->fields[i]))))
            return true;
    return false;
}

static void form_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    form *f = v->priv;
    tui *t = v->t;
    int lw = 24, iw = cols - lw - 3;
    char lb[64];
    /* rows: one per field, one more under a field someone else changed */
    int y_of[MF__COUNT] = {0}, line = 0;
    for (int i = 0; i < f->n; i++) {
        y_of[i] = line;
        line += 1 + (f->theirs[f->fields[i]] != NULL);
    }
    int cur_y = y_of[f->cur];
    if (cur_y < f->top)
        f->top = cur_y;
    int last = cur_y + (f->theirs[f->fields[f->cur]] ? 1 : 0);
    if (last >= f->top + rows - 1)
        f->top = last - rows + 2;
    char who[300] = "";
    if (f->mode != FORM_ADD)
        snprintf(who, sizeof who, "%s  %s %s", member_get_field(&f->base, MF_MEMBER_NO),
                 member_get_field(&f->base, MF_FAMILY_NAME),
                 member_get_field(&f->base, MF_GIVEN_NAME));
    draw_text(w, top, 1, cols - 2, who, A_BOLD);
    int cx = -1, cy = -1;
    for (int i = 0; i < f->n; i++) {
        member_field fld = f->fields[i];
        int y = top + 1 + y_of[i] - f->top;
        if (y <= top || y >= top + rows)
            continue;
        bool bad = !strcmp(f->err_field, member_field_get(fld)->name);
        const member_field_info *fi = member_field_get(fld);
        char label[96];
        snprintf(label, sizeof label, "%s%s", field_label(fld, lb, sizeof lb),
                 fi->flags & MF_REQUIRED ? " *" : "");
        draw_text(w, y, 1, lw, label, bad ? tui_attr(t, EL_ERROR) : A_NORMAL);
        if (fld == MF_OPTOUT_ON) { /* 第20条第5項: from the records, with where to change it */
            char oo[200];
            snprintf(oo, sizeof oo, "%s  %s",
                     *member_get_field(&f->base, fld) ? member_get_field(&f->base, fld) : "—",
                     tr(T_FORM_OPTOUT_RECORDS));
            draw_text(w, y, lw + 1, iw, oo, A_NORMAL);
        } else if (masked(f, fld)) {
            draw_text(w, y, lw + 1, iw, *member_get_field(&f->base, fld) ? tr(T_FORM_MASKED) : "",
                      A_NORMAL);
        } else if (read_only(f, fld)) {
            draw_text(w, y, lw + 1, iw, member_get_field(&f->base, fld), A_BOLD);
        } else {
            line_draw(w, y, lw + 1, iw, &f->lines[i], i == f->cur, tui_attr(t, EL_INPUT));
            if (i == f->cur)
                getyx(w, cy, cx);
        }
        if (f->theirs[fld] && y + 1 < top + rows) {
            char other[600];
            /* a masked field's other value stays masked until revealed */
            snprintf(other, sizeof other, "↳ %s: %s", tr(T_FORM_THEIRS),
                     !*f->theirs[fld] ? "—" : masked(f, fld) ? tr(T_FORM_MASKED) : f->theirs[fld]);
            draw_text(w, y + 1, lw + 1, iw, other, tui_attr(t, EL_NOTICE));
        }
    }
    if (cy >= 0)
        wmove(w, cy, cx);
    else
        wmove(w, LINES - 1, COLS - 1);
}

/* Copy the form into @p m over the loaded member. */
static meibo_status form_collect(form *f, meibo_member *m, meibo_err *err)
{
    char buf[LINE_MAX_CHARS * 4 + 1];
    member_init(m);
    for (int i = 0; i < MF__COUNT; i++) {
        meibo_status st = member_set(m, (member_field)i, member_get_field(&f->base, i), err);
        if (st)
            return st;
    }
    m->id = f->base.id;
    m->version = f->base.version;
    for (int i = 0; i < f->n; i++) {
        if (read_only(f, f->fields[i]))
            continue;
        meibo_status st = member_set(m, f->fields[i], line_get(&f->lines[i], buf, sizeof buf), err);
        if (st)
            return st;
    }
    return MEIBO_OK;
}

/* Someone else saved first. A field only they changed takes their value; a field the clerk
 * changed keeps the clerk's input with theirs shown under it; the next save is based on
 * their version, so it overwrites only what the clerk has now seen. */
static void show_conflict(view *v)
{
    form *f = v->priv;
    meibo_member now;
    member_init(&now);
    meibo_err err;
    meibo_err_clear(&err);
    if (member_load(v->t->ctx, f->no, MEMBER_READ_AUDIT, &now, &err)) {
        tui_err(v->t, &err);
        return;
    }
    theirs_clear(f);
    int first = -1;
    char mine[LINE_MAX_CHARS * 4 + 1];
    for (int i = 0; i < f->n; i++) {
        member_field fld = f->fields[i];
        const char *was = edit_text(fld, member_get_field(&f->base, fld));
        const char *is = edit_text(fld, member_get_field(&now, fld));
        if (!strcmp(was, is))
            continue;
        f->theirs[fld] = strdup(is);
        if (!strcmp(line_get(&f->lines[i], mine, sizeof mine), was))
            line_set(&f->lines[i], is); /* untouched here: take theirs */
        else if (first < 0)
            first = i;                  /* both changed it: the clerk decides */
    }
    member_clear(&f->base);
    f->base = now;
    if (first >= 0)
        f->cur = first;
    char msg[512];
    tui_msg(v->t, EL_ERROR, "%s",
            tr_fill(msg, sizeof msg, T_FORM_CONFLICT, now.updated_by, now.updated_at));
}

static void focus_field(form *f, const char *name)
{
    snprintf(f->err_field, sizeof f->err_field, "%s", name);
    for (int i = 0; i < f->n; i++)
        if (!strcmp(member_field_get(f->fields[i])->name, name))
            f->cur = i;
}

/* The core refused a field: the cursor on it, and why, in the screen's language, named as
 * the form labels it ("生年月日: 「2023-02-30」という日付はありません"). */
static void refused(view *v, const meibo_err *err)
{
    form *f = v->priv;
    char label[64];
    int fld = member_field_find(err->field);
    focus_field(f, err->field);
    tui_err_label(v->t, err, fld >= 0 ? field_label((member_field)fld, label, sizeof label) : NULL);
}

static int form_save_fields(view *v)
{
    form *f = v->priv;
    tui *t = v->t;
    meibo_err err;
    meibo_err_clear(&err);
    if (f->mode == FORM_EDIT && !form_dirty(f)) {
        tui_msg(t, EL_NOTICE, "%s", tr(T_FORM_UNCHANGED));
        return EV_HANDLED | EV_CLOSE;
    }
    meibo_member m;
    meibo_status st = form_collect(f, &m, &err);
    if (!st)
        st = f->mode == FORM_ADD ? member_create(t->ctx, &m, &err) : member_update(t->ctx, &m, &err);
    if (st == MEIBO_OK) {
        tui_msg(t, EL_NOTICE, "%s", tr(f->mode == FORM_ADD ? T_FORM_ADDED : T_FORM_SAVED));
        char no[64];
        snprintf(no, sizeof no, "%s", member_get_field(&m, MF_MEMBER_NO));
        member_clear(&m);
        bool add = f->mode == FORM_ADD;
        tui_pop(t);
        if (add)
            detail_open(t, no);
        return EV_HANDLED;
    }
    member_clear(&m);
    f->err_field[0] = '\0';
    if (st == MEIBO_ERR_CONFLICT)
        show_conflict(v);
    else if (err.field[0])
        refused(v, &err);
    else
        tui_err(t, &err);
    return EV_HANDLED;
}

static void withdraw_confirmed(view *under, const char *answer, void *arg)
{
    (void)answer;
    (void)arg;
    form *f = under->priv;
    tui *t = under->t;
    char date[64], reason[LINE_MAX_CHARS * 4 + 1];
    meibo_err err;
    meibo_err_clear(&err);
    line_get(&f->lines[0], date, sizeof date);
    line_get(&f->lines[1], reason, sizeof reason);
    meibo_status st = member_withdraw(t->ctx, f->no, date, reason, f->base.version, &err);
    if (st == MEIBO_OK) {
        tui_pop(t);
        tui_msg(t, EL_NOTICE, "%s", tr(T_FORM_WITHDRAWN));
        return;
    }
    if (err.field[0])
        refused(under, &err);
    else
        tui_err(t, &err);
}

static int form_key(view *v, tui_key k, tui_req req)
{
    form *f = v->priv;
    bool changed;
    switch (req) {
    case REQ_NEXT_FIELD:
        do
            f->cur = (f->cur + 1) % f->n;
        while (read_only(f, f->fields[f->cur]));
        return EV_HANDLED;
    case REQ_PREV_FIELD:
        do
            f->cur = (f->cur + f->n - 1) % f->n;
        while (read_only(f, f->fields[f->cur]));
        return EV_HANDLED;
    case REQ_REVEAL:
        if (f->mode == FORM_EDIT && !f->revealed) {
            meibo_err err;
            meibo_err_clear(&err);
            if (member_reveal(v->t->ctx, f->no, &err)) {
                tui_err(v->t, &err);
                return EV_HANDLED;
            }
            f->revealed = true;
            tui_msg(v->t, EL_NOTICE, "%s", tr(T_REVEALED));
        }
        return EV_HANDLED;
    case REQ_SAVE:
        if (f->mode == FORM_WITHDRAW) {
            prompt_yesno(v->t, tr(T_FORM_WITHDRAW_CONFIRM), withdraw_confirmed, NULL);
            return EV_HANDLED;
        }
        return form_save_fields(v);
    case REQ_BACK:
        if (form_dirty(f)) {
            prompt_discard(v, tr(T_FORM_DISCARD));
            return EV_HANDLED;
        }
        return EV_HANDLED | EV_CLOSE;
    default:
        break;
    }
    if (!read_only(f, f->fields[f->cur]) && line_key(&f->lines[f->cur], k, &changed)) {
        if (changed && !strcmp(f->err_field, member_field_get(f->fields[f->cur])->name))
            f->err_field[0] = '\0';
        return EV_HANDLED;
    }
    return EV_NONE;
}

static const char *form_hints(view *v)
{
    (void)v;
    return tr(T_FORM_HINTS);
}

static void form_done(view *v)
{
    form_free(v->priv);
}

const view_ops form_ops = {
    .name = "form",
    .may_change = true,
    .keymap = KM_FORM,
    .draw = form_draw,
    .key = form_key,
    .hints = form_hints,
    .done = form_done,
};

/* detail.c: one member, every field, grouped. Birth date, postal code, home address and
 * email are masked until the clerk reveals them, and each reveal is written to the access
 * log (取扱規程 第23条). Opening the detail is itself a logged read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/audit.h"
#include "meibo/audit_read.h"
#include "meibo/date.h"
#include "meibo/inquiry.h"
#include "meibo/optout.h"
#include "meibo/provision.h"
#include "meibo/roster.h"
#include "meibo/text.h"
#include "meibo/member.h"
#include "tui.h"

#define HISTORY_ROWS 30
#define RECORD_ROWS 30

typedef struct detail {
    char no[64];
    meibo_member m;
    bool loaded, revealed;
    char *history[HISTORY_ROWS];
    int nhistory;
    char *records[RECORD_ROWS]; /* provisions, then inquiries */
    int nprov, nrecords;
    char **incidents;           /* the incidents that touch the member (取扱規程 第26条) */
    int nincidents;
    int top, nlines;
    meibo_ctx *ctx;             /* for the history's changes, while it is read */
} detail;

static void history_clear(detail *d)
{
    for (int i = 0; i < d->nhistory; i++)
        free(d->history[i]);
    for (int i = 0; i < d->nrecords; i++)
        free(d->records[i]);
    d->nhistory = d->nrecords = d->nprov = 0;
    for (int i = 0; i < d->nincidents; i++)
        free(d->incidents[i]);
    free(d->incidents);
    d->incidents = NULL;
    d->nincidents = 0;
}

static void record_add(detail *d, const char *line)
{
    if (d->nrecords < RECORD_ROWS && (d->records[d->nrecords] = strdup(line)))
        d->nrecords++;
}

static int add_provision(const provision_info *p, void *arg)
{
    detail *d = arg;
    char line[700], who[240];
    text_copy_cut(who, sizeof who, p->recipient);
    snprintf(line, sizeof line, "%s  %s (%s) [%s] %s%s", p->provided_on, who,
             lbl(LABEL_CATEGORY, p->category),
             p->items, p->basis, p->legal_basis ? " *" : "");
    record_add(d, line);
    d->nprov++;
    return d->nrecords >= RECORD_ROWS;
}

static int add_inquiry(const inquiry_info *q, void *arg)
{
    detail *d = arg;
    char line[700], who[180], org[180];
    text_copy_cut(who, sizeof who, q->requester);
    text_copy_cut(org, sizeof org, q->organization);
    snprintf(line, sizeof line, "%s %lld  %s  %s %s [%s] %s (%s)", tr(T_IQ_NUMBER),
             (long long)q->id, q->received_on, who, org, q->items, outcome_label(q->outcome),
             lbl(LABEL_INQUIRY_STATE, q->status));
    record_add(d, line);
    return d->nrecords >= RECORD_ROWS;
}

/* A stored value as the history shows it: a status or a yes/no in words, an empty one as such. */
static const char *change_value(member_field f, const char *v)
{
    if (!v || !*v)
        return tr(T_HISTORY_EMPTY);
    member_kind k = member_field_get(f)->kind;
    if (k == MK_STATUS)
        return status_text(v);
    if (k == MK_YESNO)
        return tr(!strcmp(v, "yes") ? T_YES : T_NO);
    return v;
}

/* One changed field under its history row: 変更前 → 変更後, a masked field masked. */
static int add_change(const member_change *c, void *arg)
{
    detail *d = arg;
    if (d->nhistory >= HISTORY_ROWS)
        return 1;
    char buf[128], line[900];
    const char *label = field_label(c->field, buf, sizeof buf);
    if (c->masked)
        snprintf(line, sizeof line, "    %s: %s", label, tr(T_HISTORY_MASKED));
    else
        snprintf(line, sizeof line, "    %s: %s → %s", label, change_value(c->field, c->old_value),
                 change_value(c->field, c->new_value));
    if ((d->history[d->nhistory] = strdup(line)))
        d->nhistory++;
    return 0;
}

static int add_history(const audit_row *r, void *arg)
{
    detail *d = arg;
    char line[900], what[700];
    label_detail(r->action, r->detail, !tr_is_en(), what, sizeof what);
    if (!strncmp(r->detail, "fields=", 7)) /* which fields changed: their names alone */
        label_list(LABEL_FIELD, r->detail + 7, !tr_is_en(), what, sizeof what);
    snprintf(line, sizeof line, "%.16s  %-10s %s %s", r->at, r->user_login,
             lbl(LABEL_ACTION, r->action), what);
    if (d->nhistory < HISTORY_ROWS && (d->history[d->nhistory] = strdup(line)))
        d->nhistory++;
    if (!strcmp(r->action, "member.update") || !strcmp(r->action, "member.withdraw")) {
        meibo_err err;
        meibo_err_clear(&err);
        member_field_changes(d->ctx, r->id, add_change, d, &err);
    }
    return d->nhistory >= HISTORY_ROWS;
}

static int newest_optout(const optout_info *o, void *arg)
{
    *(int64_t *)arg = o->id;
    return 1;
}

/* Reprint the acknowledgment (or the request for the written application) of the member's
 * newest opt-out or withdrawal, through the one printing path (print.c). */
static void print_optout(view *v)
{
    detail *d = v->priv;
    int64_t id = 0;
    meibo_err err;
    meibo_err_clear(&err);
    if (optout_list(v->t->ctx, d->no, true, newest_optout, &id, &err)) {
        tui_err(v->t, &err);
        return;
    }
    if (!id)
        tui_msg(v->t, EL_ERROR, "%s",
                tr_is_en() ? "No opt-out recorded: no letter to print"
                           : "第三者提供の停止の申出はありません。印刷する通知はありません");
    else
        tui_print(v->t, TL_OPTOUT, id);
}

static bool detail_load(view *v)
{
    detail *d = v->priv;
    meibo_err err;
    meibo_err_clear(&err);
    if (member_load(v->t->ctx, d->no, MEMBER_READ_AUDIT, &d->m, &err)) {
        tui_err(v->t, &err);
        return false;
    }
    d->loaded = true;
    history_clear(d);
    inquiry_filter qf = {.member_no = d->no, .limit = RECORD_ROWS / 2};
    d->ctx = v->t->ctx;
    if (audit_member_history(v->t->ctx, d->no, HISTORY_ROWS, add_history, d, &err) ||
        provision_list(v->t->ctx, d->no, NULL, add_provision, d, &err) ||
        inquiry_list(v->t->ctx, &qf, add_inquiry, d, &err))
        tui_err(v->t, &err);
    d->incidents = incidents_for_member(v->t, d->no, &d->nincidents);
    snprintf(v->title, sizeof v->title, "%s %s %s %s", tr(T_DETAIL_TITLE),
             member_get_field(&d->m, MF_MEMBER_NO), member_get_field(&d->m, MF_FAMILY_NAME),
             member_get_field(&d->m, MF_GIVEN_NAME));
    return true;
}

view *detail_open(tui *t, const char *member_no)
{
    detail *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    snprintf(d->no, sizeof d->no, "%s", member_no);
    member_init(&d->m);
    view *v = tui_push(t, &detail_ops, d);
    if (v && !detail_load(v)) {
        tui_pop(t);
        return NULL;
    }
    return v;
}

/* The label of a field in the screen's language. */
const char *field_label(member_field f, char *buf, size_t len)
{
    const member_field_info *fi = member_field_get(f);
    if (!tr_is_en())
        return fi->ja;
    snprintf(buf, len, "%s", fi->name);
    for (char *p = buf; *p; p++)
        if (*p == '_')
            *p = ' ';
    buf[0] = (char)(buf[0] >= 'a' && buf[0] <= 'z' ? buf[0] - 32 : buf[0]);
    return buf;
}

/* A value as shown: status and consent in words, dates also in 和暦. */
const char *field_value(const meibo_member *m, member_field f, char *buf, size_t len)
{
    const char *v = member_get_field(m, f);
    const member_field_info *fi = member_field_get(f);
    if (!*v)
        return "";
    if (fi->kind == MK_STATUS)
        return status_text(v);
    if (fi->kind == MK_YESNO)
        return !strcmp(v, "yes") ? (tr_is_en() ? "yes" : "同意あり")
                                 : (tr_is_en() ? "no" : "同意なし");
    if (fi->kind == MK_DATE && !tr_is_en()) {
        meibo_date dt;
        meibo_err err;
        if (date_parse(v, fi->name, &dt, &err) == MEIBO_OK) {
            char wa[64];
            date_format_wareki(&dt, wa, sizeof wa);
            snprintf(buf, len, "%s（%s）", v, wa);
            return buf;
        }
    }
    return v;
}

static const struct {
    tui_text group;
    member_field fields[8];
    int n;
} groups[] = {
    {T_GROUP_BASIC,
     {MF_MEMBER_NO, MF_FAMILY_NAME, MF_GIVEN_NAME, MF_FAMILY_KANA, MF_GIVEN_KANA, MF_NAME_EN,
      MF_STATUS, MF_JOINED_ON},
     8},
    {T_GROUP_CONTACT, {MF_BIRTH_DATE, MF_POSTAL_CODE, MF_HOME_ADDRESS, MF_EMAIL}, 4},
    {T_GROUP_FACILITY, {MF_FACILITY_NAME, MF_FACILITY_POSTAL_CODE, MF_FACILITY_ADDRESS, MF_BRANCH},
     4},
    {T_GROUP_QUALIFICATION, {MF_SPECIALIST_NO}, 1},
    {T_GROUP_CONSENT, {MF_DIRECTORY_CONSENT, MF_OPTOUT_ON, MF_WITHDRAWN_ON, MF_WITHDRAW_REASON}, 4},
};

static void detail_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    detail *d = v->priv;
    tui *t = v->t;
    if (!d->loaded)
        return;
    /* lay out every line, draw the ones in the window */
    int line = 0, lw = 24;
    char lb[64], vb[300];
#define EMIT(draw_stmt)                                                                     \
    do {                                                                                    \
        int y_ = top + line - d->top;                                                       \
        if (line >= d->top && y_ < top + rows) {                                            \
            int y = y_;                                                                     \
            draw_stmt;                                                                      \
        }                                                                                   \
        line++;                                                                             \
    } while (0)
    for (size_t g = 0; g < sizeof groups / sizeof *groups; g++) {
        EMIT(draw_text(w, y, 1, cols - 2, tr(groups[g].group), tui_attr(t, EL_GROUP)));
        for (int i = 0; i < groups[g].n; i++) {
            member_field f = groups[g].fields[i];
            const member_field_info *fi = member_field_get(f);
            bool masked = (fi->flags & MF_SENSITIVE) && !d->revealed;
            const char *val = field_value(&d->m, f, vb, sizeof vb);
            if (masked && *val)
                val = tr(T_MASKED);
            EMIT({
                draw_text(w, y, 3, lw - 3, field_label(f, lb, sizeof lb), A_NORMAL);
                draw_text(w, y, lw + 1, cols - lw - 2, *val ? val : "—",
                          masked ? tui_attr(t, EL_MASKED) : A_NORMAL);
            });
        }
    }
    EMIT(draw_text(w, y, 1, cols - 2, tr(T_GROUP_HISTORY), tui_attr(t, EL_GROUP)));
    if (!d->nhistory)
        EMIT(draw_text(w, y, 3, cols - 4, tr(T_NO_HISTORY), A_NORMAL));
    for (int i = 0; i < d->nhistory; i++)
        EMIT(draw_text(w, y, 3, cols - 4, d->history[i], A_NORMAL));
    EMIT(draw_text(w, y, 1, cols - 2, tr(T_GROUP_PROVISIONS), tui_attr(t, EL_GROUP)));
    if (!d->nprov)
        EMIT(draw_text(w, y, 3, cols - 4, tr(T_NONE), A_NORMAL));
    for (int i = 0; i < d->nprov; i++)
        EMIT(draw_text(w, y, 3, cols - 4, d->records[i], A_NORMAL));
    EMIT(draw_text(w, y, 1, cols - 2, tr(T_GROUP_INQUIRIES), tui_attr(t, EL_GROUP)));
    if (d->nrecords == d->nprov)
        EMIT(draw_text(w, y, 3, cols - 4, tr(T_NONE), A_NORMAL));
    for (int i = d->nprov; i < d->nrecords; i++)
        EMIT(draw_text(w, y, 3, cols - 4, d->records[i], A_NORMAL));
    EMIT(draw_text(w, y, 1, cols - 2, tr(T_IC_GROUP), tui_attr(t, EL_GROUP)));
    if (!d->nincidents)
        EMIT(draw_text(w, y, 3, cols - 4, tr(T_NONE), A_NORMAL));
    for (int i = 0; i < d->nincidents; i++)
        EMIT(draw_text(w, y, 3, cols - 4, d->incidents[i], A_NORMAL));
#undef EMIT
    d->nlines = line;
}

static int detail_key(view *v, tui_key k, tui_req req)
{
    detail *d = v->priv;
    (void)k;
    int page = LINES - 3;
    meibo_err err;
    meibo_err_clear(&err);
    switch (req) {
    case REQ_MOVE_UP:
        d->top = d->top > 0 ? d->top - 1 : 0;
        return EV_HANDLED;
    case REQ_MOVE_DOWN:
        if (d->top + page < d->nlines)
            d->top++;
        return EV_HANDLED;
    case REQ_PAGE_UP:
        d->top = d->top > page ? d->top - page : 0;
        return EV_HANDLED;
    case REQ_PAGE_DOWN:
        if (d->top + page < d->nlines)
            d->top += page;
        return EV_HANDLED;
    case REQ_MOVE_FIRST:
        d->top = 0;
        return EV_HANDLED;
    case REQ_REVEAL:
        /* r again hides them (issue 14); each reveal is logged anew */
        if (d->revealed) {
            d->revealed = false;
            tui_msg(v->t, EL_NOTICE, "%s", tr(T_HIDDEN));
            return EV_HANDLED;
        }
        if (member_reveal(v->t->ctx, d->no, &err)) {
            tui_err(v->t, &err);
            return EV_HANDLED;
        }
        d->revealed = true;
        tui_msg(v->t, EL_NOTICE, "%s", tr(T_REVEALED));
        return EV_HANDLED;
    case REQ_EDIT:
        form_open_edit(v->t, d->no, d->revealed);
        return EV_HANDLED;
    case REQ_WITHDRAW:
        form_open_withdraw(v->t, d->no);
        return EV_HANDLED;
    case REQ_INQUIRY:
        inquiry_open(v->t, d->no);
        return EV_HANDLED;
    case REQ_PRINT: /* the member's newest opt-out letter again (第20条第5項) */
        print_optout(v);
        return EV_HANDLED;
    case REQ_INQUIRIES: /* 照会の記録: each inquiry opened, its letter printed */
        inquiries_open(v->t, d->no);
        return EV_HANDLED;
    case REQ_OPTOUT: /* 第20条第5項: the application, or its withdrawal when one is in force */
        optout_form_open(v->t, d->no, *member_get_field(&d->m, MF_OPTOUT_ON) != '\0');
        return EV_HANDLED;
    default:
        return EV_NONE;
    }
}

static void detail_resume(view *v)
{
    detail *d = v->priv;
    bool revealed = d->revealed;
    detail_load(v);
    d->revealed = revealed;
}

static const char *detail_hints(view *v)
{
    (void)v;
    return tr(T_DETAIL_HINTS);
}

static void detail_done(view *v)
{
    detail *d = v->priv;
    member_clear(&d->m);
    history_clear(d);
    free(d);
}

const view_ops detail_ops = {
    .name = "detail",
    .may_change = true,
    .keymap = KM_DETAIL,
    .draw = detail_draw,
    .key = detail_key,
    .resume = detail_resume,
    .hints = detail_hints,
    .done = detail_done,
};

/* approvals.c: inquiries on hold (第20条第2項, 第19条第1項第2号, 取扱規程 第5–6条). Everyone
 * sees the queue; only the chief officer approves or denies, with a comment (the core
 * refuses anyone else). Enter shows the selected inquiry's decisions and reasons. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/auth.h"
#include "meibo/inquiry.h"
#include "meibo/text.h"
#include "listview.h"
#include "tui.h"

#define DETAIL_LINES 16

typedef struct approval_row {
    int64_t id;
    char text[300];
} approval_row;

typedef struct approvals {
    listview lv;
    char detail[DETAIL_LINES][700];
    int ndetail;
    int64_t shown; /* the inquiry whose decisions are shown */
} approvals;

static int add_row(const inquiry_info *q, void *arg)
{
    approvals *a = arg;
    approval_row *r = lv_add(&a->lv, &(lv_pos){.id = q->id});
    if (!r)
        return 1;
    r->id = q->id;
    char hold[120];
    label_list(LABEL_HOLD, q->hold, !tr_is_en(), hold, sizeof hold);
    snprintf(r->text, sizeof r->text, "%6lld %s %s %s %s [%s] %s %s",
             (long long)q->id, q->received_on, q->requester, q->organization,
             lbl(LABEL_CATEGORY, q->category), q->items, q->member_no ? q->member_no : "", hold);
    return 0;
}

/* A page of the inquiries on hold, newest first. */
static bool fetch(view *v, const lv_pos *from, bool backward, int limit)
{
    inquiry_filter f = {.status = "pending"};
    meibo_err err;
    meibo_err_clear(&err);
    if (inquiry_page(v->t->ctx, &f, from ? from->id : 0, backward, limit, add_row, v->priv,
                     &err)) {
        tui_err(v->t, &err);
        return false;
    }
    return true;
}

static void draw_row(view *v, WINDOW *w, int y, int cols, const void *row, bool cur)
{
    (void)v;
    (void)cur;
    draw_text(w, y, 1, cols - 1, ((const approval_row *)row)->text, A_NORMAL);
}

static const lv_source approval_rows = {
    .row_size = sizeof(approval_row),
    .fetch = fetch,
    .draw = draw_row,
};

static const approval_row *current(const approvals *a)
{
    return lv_current(&a->lv);
}

/* The queue again, the cursor on its line (an inquiry approved or denied leaves the queue:
 * the next one comes under the cursor). */
static void reload(view *v)
{
    approvals *a = v->priv;
    a->ndetail = 0;
    a->shown = 0;
    lv_refresh(&a->lv);
}

view *approvals_open(tui *t)
{
    approvals *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    view *v = tui_push(t, &approvals_ops, a);
    if (v) {
        snprintf(v->title, sizeof v->title, "%s", tr(T_AP_TITLE));
        lv_init(&a->lv, v, &approval_rows);
        lv_reload(&a->lv);
    }
    return v;
}

static int add_detail_head(const inquiry_info *q, void *arg)
{
    approvals *a = arg;
    snprintf(a->detail[a->ndetail++], sizeof a->detail[0], "%s %lld  %s %s (%s)  %s %s  %s",
             tr(T_IQ_NUMBER), (long long)q->id, q->requester, q->organization,
             lbl(LABEL_CATEGORY, q->category), lbl(LABEL_PURPOSE, q->purpose), q->items,
             q->legal_basis ? q->legal_basis : "");
    return 0;
}

static int add_decision(const inquiry_decision_info *d, void *arg)
{
    approvals *a = arg;
    if (a->ndetail < DETAIL_LINES)
        snprintf(a->detail[a->ndetail++], sizeof a->detail[0], "%s %s %s: %s %s",
                 d->decided_at, d->decided_by, lbl(LABEL_DECISION, d->kind),
                 outcome_label(d->outcome),
                 d->comment ? d->comment : "");
    for (int i = 0; i < d->nreasons && a->ndetail < DETAIL_LINES; i++) {
        char text[500];
        text_copy_cut(text, sizeof text, d->reasons[i].text);
        snprintf(a->detail[a->ndetail++], sizeof a->detail[0], "  ・%s %s",
                 d->reasons[i].article, text);
    }
    return 0;
}

static void show(view *v)
{
    approvals *a = v->priv;
    if (!current(a))
        return;
    a->ndetail = 0;
    a->shown = current(a)->id;
    meibo_err err;
    meibo_err_clear(&err);
    if (inquiry_show(v->t->ctx, a->shown, add_detail_head, add_decision, a, &err))
        tui_err(v->t, &err);
}

static void approvals_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    approvals *a = v->priv;
    tui *t = v->t;
    int list = a->ndetail ? rows / 3 : rows - 1;
    /* the reasons wrapped: a reason is read whole */
    draw_text(w, top, 1, cols - 2, tr(T_AP_COLS), tui_attr(t, EL_HEADER));
    if (!a->lv.n)
        draw_text(w, top + 2, 3, cols - 6, tr(T_AP_EMPTY), A_NORMAL);
    lv_draw(&a->lv, w, top + 1, list, cols);
    if (a->ndetail) {
        int y = top + 1 + list;
        draw_hline(w, y, 0, cols, A_NORMAL);
        for (int i = 0, r = 0; i < a->ndetail && y + 1 + r < top + rows; i++)
            r += draw_wrap(w, y + 1 + r, 1, cols - 2, top + rows - y - 1 - r, a->detail[i],
                           i == 0 ? A_BOLD : A_NORMAL);
    }
    wmove(w, LINES - 1, COLS - 1);
}

static void answer(view *under, const char *comment, bool approve)
{
    approvals *a = under->priv;
    tui *t = under->t;
    if (!current(a))
        return;
    inquiry_result res;
    meibo_err err;
    meibo_err_clear(&err);
    int64_t id = current(a)->id;
    meibo_status st = approve ? inquiry_approve(t->ctx, id, comment, &res, &err)
                              : inquiry_deny(t->ctx, id, comment, &res, &err);
    if (st) {
        tui_err(t, &err);
        return;
    }
    tui_msg(t, EL_NOTICE, "%s %lld: %s", tr(T_IQ_NUMBER), (long long)id,
            approve ? tr(T_AP_APPROVED) : tr(T_AP_DENIED));
    reload(under);
}

static void approve_answered(view *under, const char *comment, void *arg)
{
    (void)arg;
    answer(under, comment, true);
}

static void deny_answered(view *under, const char *comment, void *arg)
{
    (void)arg;
    answer(under, comment, false);
}

static int approvals_key(view *v, tui_key k, tui_req req)
{
    approvals *a = v->priv;
    (void)k;
    if (lv_key(&a->lv, req))
        return EV_HANDLED;
    switch (req) {
    case REQ_ENTER:
        show(v);
        return EV_HANDLED;
    case REQ_APPROVE:
    case REQ_DENY: {
        /* refused before the reason is asked for, as the core would refuse it (issue 14) */
        meibo_err err;
        meibo_err_clear(&err);
        if (auth_require(v->t->ctx, MEIBO_ROLE_CHIEF, "decide a held inquiry", &err)) {
            tui_err(v->t, &err);
            return EV_HANDLED;
        }
        if (current(a))
            prompt_text(v->t, tr(req == REQ_APPROVE ? T_AP_APPROVE_Q : T_AP_DENY_Q), "",
                        req == REQ_APPROVE ? approve_answered : deny_answered, NULL);
        return EV_HANDLED;
    }
    default:
        return EV_NONE;
    }
}

static const char *approvals_hints(view *v)
{
    (void)v;
    return tr(T_AP_HINTS);
}

static void approvals_done(view *v)
{
    approvals *a = v->priv;
    lv_free(&a->lv);
    free(a);
}

/* Another clerk changed something (the chief approved elsewhere): the queue again, the
 * cursor and the shown reasons kept on their inquiry while it is still on hold. */
static void approvals_resume(view *v)
{
    approvals *a = v->priv;
    int64_t keep = current(a) ? current(a)->id : 0, shown = a->shown;
    reload(v);
    if (keep)
        lv_select(&a->lv, keep);
    if (shown && current(a) && current(a)->id == shown)
        show(v);
}

const view_ops approvals_ops = {
    .name = "approvals",
    .keymap = KM_APPROVALS,
    .draw = approvals_draw,
    .key = approvals_key,
    .resume = approvals_resume,
    .hints = approvals_hints,
    .done = approvals_done,
};

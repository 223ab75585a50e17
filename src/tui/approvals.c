/* approvals.c: inquiries on hold (第20条第2項, 第19条第1項第2号, 取扱規程 第5–6条). Everyone
 * sees the queue; only the chief officer approves or denies, with a comment (the core
 * refuses anyone else). Enter shows the selected inquiry's decisions and reasons. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/auth.h"
#include "meibo/inquiry.h"
#include "meibo/text.h"
#include "tui.h"

#define QUEUE_MAX 500
#define DETAIL_LINES 16

typedef struct approvals {
    int64_t ids[QUEUE_MAX];
    char rows[QUEUE_MAX][300];
    int n, sel, top;
    char detail[DETAIL_LINES][700];
    int ndetail;
    int64_t shown; /* the inquiry whose decisions are shown */
} approvals;

static int add_row(const inquiry_info *q, void *arg)
{
    approvals *a = arg;
    if (a->n >= QUEUE_MAX)
        return 1;
    a->ids[a->n] = q->id;
    char hold[120];
    label_list(LABEL_HOLD, q->hold, !tr_is_en(), hold, sizeof hold);
    snprintf(a->rows[a->n], sizeof a->rows[0], "%6lld %s %s %s %s [%s] %s %s",
             (long long)q->id, q->received_on, q->requester, q->organization,
             lbl(LABEL_CATEGORY, q->category), q->items, q->member_no ? q->member_no : "", hold);
    a->n++;
    return 0;
}

static void reload(view *v)
{
    approvals *a = v->priv;
    a->n = 0;
    a->ndetail = 0;
    a->shown = 0;
    inquiry_filter f = {.status = "pending", .limit = QUEUE_MAX};
    meibo_err err;
    meibo_err_clear(&err);
    if (inquiry_list(v->t->ctx, &f, add_row, a, &err))
        tui_err(v->t, &err);
    if (a->sel >= a->n)
        a->sel = a->n ? a->n - 1 : 0;
}

view *approvals_open(tui *t)
{
    approvals *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    view *v = tui_push(t, &approvals_ops, a);
    if (v) {
        snprintf(v->title, sizeof v->title, "%s", tr(T_AP_TITLE));
        reload(v);
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
    if (!a->n)
        return;
    a->ndetail = 0;
    a->shown = a->ids[a->sel];
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
    if (!a->n)
        draw_text(w, top + 2, 3, cols - 6, tr(T_AP_EMPTY), A_NORMAL);
    if (a->sel < a->top)
        a->top = a->sel;
    if (a->sel >= a->top + list)
        a->top = a->sel - list + 1;
    for (int i = 0; i < list && a->top + i < a->n; i++) {
        int k = a->top + i;
        mvwaddch(w, top + 1 + i, 0, k == a->sel ? '>' : ' ');
        draw_text(w, top + 1 + i, 1, cols - 1, a->rows[k], A_NORMAL);
    }
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
    if (!a->n)
        return;
    inquiry_result res;
    meibo_err err;
    meibo_err_clear(&err);
    int64_t id = a->ids[a->sel];
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
    switch (req) {
    case REQ_MOVE_UP:
        if (a->sel > 0)
            a->sel--;
        return EV_HANDLED;
    case REQ_MOVE_DOWN:
        if (a->sel + 1 < a->n)
            a->sel++;
        return EV_HANDLED;
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
        if (a->n)
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
    free(v->priv);
}

/* Another clerk changed something (the chief approved elsewhere): the queue again, the
 * cursor and the shown reasons kept on their inquiry while it is still on hold. */
static void approvals_resume(view *v)
{
    approvals *a = v->priv;
    int64_t keep = a->n ? a->ids[a->sel] : 0, shown = a->shown;
    reload(v);
    for (int i = 0; keep && i < a->n; i++)
        if (a->ids[i] == keep)
            a->sel = i;
    for (int i = 0; shown && i < a->n; i++)
        if (a->ids[i] == shown && a->sel == i)
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

/* audit_view.c: the access log (取扱規程 第23条) for managers and the chief officer, by user
 * ID, member and date range; a clerk sees only their own rows (the core enforces it). Rows
 * are paged by id, never OFFSET; each page read is itself logged by the core (第35条). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/audit.h"
#include "tui.h"

#define AUDIT_PAGE 200

typedef struct audit_view {
    char user[64], member[64], since[16], until[16];
    char **rows;
    int n, cap;
    int64_t last_id;
    bool more;
    int sel, top, body_rows;
} audit_view;

static void rows_free(audit_view *a)
{
    for (int i = 0; i < a->n; i++)
        free(a->rows[i]);
    free(a->rows);
    a->rows = NULL;
    a->n = a->cap = 0;
    a->last_id = 0;
    a->more = false;
}

static int add_row(const audit_row *r, void *arg)
{
    audit_view *a = arg;
    if (a->n == a->cap) {
        int cap = a->cap ? a->cap * 2 : 256;
        char **nr = realloc(a->rows, (size_t)cap * sizeof *nr);
        if (!nr)
            return 1;
        a->rows = nr;
        a->cap = cap;
    }
    /* SSH_CONNECTION is the session's own word: shown as a claim, never as a fact */
    char claimed[128] = "";
    if (r->ssh_client[0] && strcmp(r->ssh_client, "local") != 0)
        tr_fill(claimed, sizeof claimed, T_AUDIT_CLAIMED, r->ssh_client, NULL);
    char line[1200];
    snprintf(line, sizeof line, "%-19.19s %-10.10s %-16.16s %-9.9s %s%s", r->at, r->user_login,
             r->action, r->member_no, claimed, r->detail);
    if (!(a->rows[a->n] = strdup(line)))
        return 1;
    a->n++;
    a->last_id = r->id;
    return 0;
}

static void load_more(view *v)
{
    audit_view *a = v->priv;
    audit_filter f = {.user_login = a->user, .member_no = a->member, .since = a->since,
                      .until = a->until, .after_id = a->last_id, .limit = AUDIT_PAGE};
    int before = a->n;
    meibo_err err;
    meibo_err_clear(&err);
    if (audit_query(v->t->ctx, &f, add_row, a, &err)) {
        tui_err(v->t, &err);
        a->more = false;
        return;
    }
    a->more = a->n - before == AUDIT_PAGE;
}

static void reload(view *v)
{
    audit_view *a = v->priv;
    rows_free(a);
    a->sel = a->top = 0;
    load_more(v);
    snprintf(v->title, sizeof v->title, "%s", tr(T_AUDIT_TITLE));
}

view *audit_open(tui *t)
{
    audit_view *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    db_today(t->ctx, a->since, sizeof a->since);
    if (t->ctx->role < MEIBO_ROLE_MANAGER) {
        snprintf(a->user, sizeof a->user, "%s", t->ctx->login);
        tui_msg(t, EL_NOTICE, "%s", tr(T_DENIED_AUDIT));
    }
    view *v = tui_push(t, &audit_ops, a);
    if (v)
        reload(v);
    return v;
}

static void audit_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    audit_view *a = v->priv;
    tui *t = v->t;
    char filters[400];
    snprintf(filters, sizeof filters, "%s: %s   %s: %s   %s: %s..%s", tr(T_AUDIT_USER),
             a->user[0] ? a->user : "*", tr(T_AUDIT_MEMBER), a->member[0] ? a->member : "*",
             tr(T_AUDIT_DATES), a->since, a->until);
    draw_text(w, top, 1, cols - 2, filters, A_BOLD);
    draw_text(w, top + 1, 1, cols - 2, tr(T_AUDIT_COLS), tui_attr(t, EL_HEADER));
    top++;
    int body = rows - 2;
    a->body_rows = body;
    if (a->sel < a->top)
        a->top = a->sel;
    if (a->sel >= a->top + body)
        a->top = a->sel - body + 1;
    if (!a->n)
        draw_text(w, top + 2, 3, cols - 6, tr(T_AUDIT_NONE), A_NORMAL);
    for (int i = 0; i < body && a->top + i < a->n; i++) {
        int k = a->top + i;
        mvwaddch(w, top + 1 + i, 0, k == a->sel ? '>' : ' ');
        draw_text(w, top + 1 + i, 1, cols - 1, a->rows[k], A_NORMAL);
    }
    wmove(w, LINES - 1, COLS - 1);
}

static void move_to(view *v, int to)
{
    audit_view *a = v->priv;
    while (to >= a->n && a->more)
        load_more(v);
    if (to >= a->n)
        to = a->n - 1;
    a->sel = to < 0 ? 0 : to;
}

static void set_user(view *under, const char *answer, void *arg)
{
    (void)arg;
    audit_view *a = under->priv;
    if (under->t->ctx->role < MEIBO_ROLE_MANAGER)
        return;
    snprintf(a->user, sizeof a->user, "%s", answer);
    reload(under);
}

static void set_member(view *under, const char *answer, void *arg)
{
    (void)arg;
    audit_view *a = under->priv;
    snprintf(a->member, sizeof a->member, "%s", answer);
    reload(under);
}

static void set_dates(view *under, const char *answer, void *arg)
{
    (void)arg;
    audit_view *a = under->priv;
    const char *dots = strstr(answer, "..");
    char since[16] = "", until[16] = "";
    if (dots) {
        snprintf(since, sizeof since, "%.*s", (int)(dots - answer < 15 ? dots - answer : 15),
                 answer);
        snprintf(until, sizeof until, "%s", dots + 2);
    } else {
        snprintf(since, sizeof since, "%s", answer);
    }
    snprintf(a->since, sizeof a->since, "%s", since);
    snprintf(a->until, sizeof a->until, "%s", until);
    reload(under);
}

static int audit_key(view *v, tui_key k, tui_req req)
{
    audit_view *a = v->priv;
    tui *t = v->t;
    (void)k;
    int page = a->body_rows > 1 ? a->body_rows - 1 : 1;
    char dates[40];
    switch (req) {
    case REQ_MOVE_UP:
        move_to(v, a->sel - 1);
        break;
    case REQ_MOVE_DOWN:
        move_to(v, a->sel + 1);
        break;
    case REQ_PAGE_UP:
        move_to(v, a->sel - page);
        break;
    case REQ_PAGE_DOWN:
        move_to(v, a->sel + page);
        break;
    case REQ_MOVE_FIRST:
        move_to(v, 0);
        break;
    case REQ_FILTER_USER:
        if (t->ctx->role < MEIBO_ROLE_MANAGER)
            tui_msg(t, EL_ERROR, "%s", tr(T_DENIED_AUDIT));
        else
            prompt_text(t, tr(T_AUDIT_USER_Q), a->user, set_user, NULL);
        break;
    case REQ_FILTER_MEMBER:
        prompt_text(t, tr(T_AUDIT_MEMBER_Q), a->member, set_member, NULL);
        break;
    case REQ_FILTER_DATES:
        snprintf(dates, sizeof dates, "%s..%s", a->since, a->until);
        prompt_text(t, tr(T_AUDIT_DATES_Q), dates, set_dates, NULL);
        break;
    default:
        return EV_NONE;
    }
    return EV_HANDLED;
}

static const char *audit_hints(view *v)
{
    (void)v;
    return tr(T_AUDIT_HINTS);
}

static void audit_done(view *v)
{
    audit_view *a = v->priv;
    rows_free(a);
    free(a);
}

const view_ops audit_ops = {
    .name = "audit",
    .keymap = KM_AUDIT,
    .draw = audit_draw,
    .key = audit_key,
    .hints = audit_hints,
    .done = audit_done,
};

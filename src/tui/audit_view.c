/* audit_view.c: the access log (取扱規程 第23条) for managers and the chief officer, by user
 * ID, member and date range; a clerk sees only their own rows (the core enforces it). The
 * newest rows come first; rows are paged by id from the newest (keyset, never OFFSET, never
 * capped) by the one list view (listview.h): ↓ past the last row read reads the next older
 * page, End jumps to the oldest rows and ↑ from there reads newer ones; only the pages around
 * the rows shown are held. Enter opens a row with the whole of its 内容, wrapped. Each
 * page read is itself logged by the core (第35条). Operations and details are in words
 * (label.h), never as their codes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "listview.h"
#include "meibo/audit.h"
#include "meibo/audit_read.h"
#include "tui.h"

#define AUDIT_PAGE 200

/* One row as read, in words. */
typedef struct audit_line {
    int64_t id;
    char *at, *user, *unix_user, *source, *action, *member, *detail;
} audit_line;

typedef struct audit_view {
    char user[64], member[64], since[16], until[16];
    listview lv; /* newest first */
} audit_view;

static void line_free(audit_line *l)
{
    free(l->at);
    free(l->user);
    free(l->unix_user);
    free(l->source);
    free(l->action);
    free(l->member);
    free(l->detail);
}

static void row_free(void *row)
{
    line_free(row);
}

/* A row's detail in words: the fields a reveal showed, or key=value pairs (label.h). */
static void detail_words(const audit_row *r, char *buf, size_t len)
{
    label_detail(r->action, r->detail, !tr_is_en(), buf, len);
}

static bool line_make(const audit_row *r, audit_line *l)
{
    char detail[2000];
    detail_words(r, detail, sizeof detail);
    *l = (audit_line){
        .id = r->id,
        .at = strdup(r->at),
        .user = strdup(r->user_login),
        .unix_user = strdup(r->unix_user),
        .source = strdup(r->ssh_client),
        .action = strdup(lbl(LABEL_ACTION, r->action)),
        .member = strdup(r->member_no),
        .detail = strdup(detail),
    };
    if (l->at && l->user && l->unix_user && l->source && l->action && l->member && l->detail)
        return true;
    line_free(l);
    return false;
}

static int add_row(const audit_row *r, void *arg)
{
    audit_view *a = arg;
    audit_line *l = lv_add(&a->lv, &(lv_pos){.id = r->id});
    return l && line_make(r, l) ? 0 : 1;
}

/* A page: older rows below @p from (newest first), or newer ones above it (oldest first);
 * from the newest, or (backward) the oldest. Each page read is logged by the core. */
static bool fetch(view *v, const lv_pos *from, bool backward, int limit)
{
    audit_view *a = v->priv;
    int64_t at = from ? from->id : 0;
    audit_filter f = {.user_login = a->user, .member_no = a->member, .since = a->since,
                      .until = a->until, .limit = limit, .newest_first = !backward,
                      .before_id = backward ? 0 : at, .after_id = backward ? at : 0};
    meibo_err err;
    meibo_err_clear(&err);
    if (audit_query(v->t->ctx, &f, add_row, a, &err)) {
        tui_err(v->t, &err);
        return false;
    }
    return true;
}

static void draw_row(view *v, WINDOW *w, int y, int cols, const void *row, bool cur)
{
    const audit_line *l = row;
    (void)v;
    (void)cur;
    char user[40], action[80], claimed[128] = "", line[2400];
    /* SSH_CONNECTION is the session's own word: shown as a claim, never as a fact */
    if (l->source[0] && strcmp(l->source, "local") != 0)
        tr_fill(claimed, sizeof claimed, T_AUDIT_CLAIMED, l->source, NULL);
    snprintf(line, sizeof line, "%-19.19s %s %s %-9.9s %s%s", l->at,
             tui_pad(l->user, 10, user, sizeof user),
             tui_pad(l->action, 18, action, sizeof action), l->member, claimed, l->detail);
    draw_text(w, y, 1, cols - 1, line, A_NORMAL);
}

static const lv_source audit_rows = {
    .row_size = sizeof(audit_line),
    .page = AUDIT_PAGE,
    .fetch = fetch,
    .draw = draw_row,
    .free_row = row_free,
};

/* Home: the newest rows. */
static void reload(view *v)
{
    audit_view *a = v->priv;
    lv_reload(&a->lv);
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
    if (v) {
        lv_init(&a->lv, v, &audit_rows);
        reload(v);
    }
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
    if (!a->lv.n)
        draw_text(w, top + 2, 3, cols - 6, tr(T_AUDIT_NONE), A_NORMAL);
    lv_draw(&a->lv, w, top + 1, rows - 2, cols);
    wmove(w, LINES - 1, COLS - 1);
}

/* ---- one row, whole ---------------------------------------------------------------------- */

typedef struct audit_one {
    char text[8][2400];
    tui_text label[8];
    int n;
} audit_one;

static void audit_one_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    audit_one *o = v->priv;
    int y = top;
    for (int i = 0; i < o->n && y < top + rows; i++) {
        draw_text(w, y, 1, 18, tr(o->label[i]), tui_attr(v->t, EL_GROUP));
        y += draw_wrap(w, y, 20, cols - 21, top + rows - y, o->text[i], A_NORMAL);
    }
    wmove(w, LINES - 1, COLS - 1);
}

static int audit_one_key(view *v, tui_key k, tui_req req)
{
    (void)v;
    (void)k;
    return req == REQ_ENTER ? EV_CLOSE : EV_NONE;
}

static const char *audit_one_hints(view *v)
{
    (void)v;
    return tr(T_AUDIT_ONE_HINTS);
}

static void audit_one_done(view *v)
{
    free(v->priv);
}

static const view_ops audit_one_ops = {
    .name = "audit-row",
    .keymap = KM_GENERIC,
    .draw = audit_one_draw,
    .key = audit_one_key,
    .hints = audit_one_hints,
    .done = audit_one_done,
};

static void open_row(view *v)
{
    audit_view *a = v->priv;
    const audit_line *l = lv_current(&a->lv);
    if (!l)
        return;
    audit_one *o = calloc(1, sizeof *o);
    if (!o)
        return;
#define ONE(lab, ...)                                                                         \
    do {                                                                                      \
        o->label[o->n] = lab;                                                                 \
        snprintf(o->text[o->n++], sizeof o->text[0], __VA_ARGS__);                            \
    } while (0)
    ONE(T_AUDIT_NO, "%lld", (long long)l->id);
    ONE(T_AUDIT_AT, "%s", l->at);
    ONE(T_AUDIT_USER, "%s", l->user);
    ONE(T_AUDIT_UNIX, "%s", l->unix_user);
    /* SSH_CONNECTION is the session's own word: shown as a claim, never as a fact */
    ONE(T_AUDIT_SOURCE, "%s", !l->source[0] || !strcmp(l->source, "local") ? tr(T_AUDIT_LOCAL)
                                                                            : l->source);
    ONE(T_AUDIT_ACTION, "%s", l->action);
    ONE(T_AUDIT_MEMBER, "%s", l->member[0] ? l->member : "-");
    ONE(T_AUDIT_DETAIL, "%s", l->detail[0] ? l->detail : "-");
#undef ONE
    view *ov = tui_push(v->t, &audit_one_ops, o);
    if (!ov) {
        free(o);
        return;
    }
    snprintf(ov->title, sizeof ov->title, "%s %lld", tr(T_AUDIT_ROW_TITLE), (long long)l->id);
}

/* ---- filters ------------------------------------------------------------------------------ */

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
    char dates[40];
    if (lv_key(&a->lv, req))
        return EV_HANDLED;
    switch (req) {
    case REQ_ENTER:
        open_row(v);
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
    lv_free(&a->lv);
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

/* staff_view.c: the staff accounts (取扱規程 第27条 pledge, 第28条 training, 第33条 one ID each
 * and the chief officer's approval of a fixed-term ID, 第34条 access ends with employment):
 * one line per ID, the selected one's register below. A manager or the chief officer adds an
 * ID (n), disables one (x), clears an ID's failed logins and so its delay (u), sets a new
 * password (p) and the term end (t); the chief officer approves a fixed-term ID (a). Each is
 * refused by role before anything is asked, and each goes through the core, which audits it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "listview.h"
#include "meibo/auth.h"
#include "meibo/staff.h"
#include "meibo/users.h"
#include "tui.h"

typedef struct staff_row {
    char login[64], name[200], role[16], state[32], term_end[16];
    bool fixed_term, approved;
    char approved_by[64], approved_on[16];
    char pledge_on[16], pledge_doc[200];
    char training_on[16], training_topic[400];
    bool training_due;
    int failures;
} staff_row;

typedef struct staff_view {
    listview lv; /* by login */
    char pw[256]; /* the first of the two passwords typed (wiped after) */
    char on[64];  /* the date of a pledge or a training typed, while its second question waits */
    bool training; /* the register's questions are a training's (e), not a pledge's (s) */
} staff_view;

#define COPY(dst, src) snprintf((dst), sizeof(dst), "%s", (src) ? (src) : "")

static int add_row(const staff_info *s, void *arg)
{
    staff_view *l = arg;
    lv_pos at = {0};
    COPY(at.text, s->login);
    staff_row *r = lv_add(&l->lv, &at);
    if (!r)
        return 1;
    COPY(r->login, s->login);
    COPY(r->name, s->display_name);
    COPY(r->role, s->role);
    COPY(r->state, s->state);
    COPY(r->term_end, s->term_end);
    r->fixed_term = s->fixed_term;
    r->approved = s->approved_by != NULL;
    COPY(r->approved_by, s->approved_by);
    COPY(r->approved_on, s->approved_on);
    COPY(r->pledge_on, s->pledge_on);
    COPY(r->pledge_doc, s->pledge_document);
    COPY(r->training_on, s->last_training_on);
    COPY(r->training_topic, s->last_training_topic);
    r->training_due = s->training_due;
    r->failures = s->failures;
    return 0;
}

/* The register, by login: the core returns it whole (a society's staff), the view keeps the
 * page it asked for (lv_source.walk). */
static bool fetch(view *v, const lv_pos *from, bool backward, int limit)
{
    (void)from;
    (void)backward;
    (void)limit;
    meibo_err err;
    meibo_err_clear(&err);
    if (staff_list(v->t->ctx, add_row, v->priv, &err)) {
        tui_err(v->t, &err);
        return false;
    }
    return true;
}

static void draw_row(view *v, WINDOW *w, int y, int cols, const void *row, bool cur)
{
    const staff_row *r = row;
    (void)cur;
    char a[80], b[240], c[80], d[80], line[700];
    snprintf(line, sizeof line, "%s %s %s %s %s", tui_pad(r->login, 12, a, sizeof a),
             tui_pad(r->name, 12, b, sizeof b), tui_pad(lbl(LABEL_ROLE, r->role), 16, c, sizeof c),
             tui_pad(lbl(LABEL_ACCOUNT, r->state), 18, d, sizeof d),
             r->term_end[0] ? r->term_end : "-");
    bool warn = strcmp(r->state, "active") != 0;
    draw_text(w, y, 1, cols - 1, line, warn ? tui_attr(v->t, EL_ERROR) : A_NORMAL);
}

static const lv_source staff_rows = {
    .row_size = sizeof(staff_row),
    .keep_row = true, /* the cursor stays on its ID */
    .walk = true,
    .fetch = fetch,
    .draw = draw_row,
};

static bool reload(view *v)
{
    staff_view *l = v->priv;
    return lv_refresh(&l->lv);
}

static void staff_resume(view *v)
{
    reload(v);
}

view *staff_open(tui *t)
{
    meibo_err err;
    meibo_err_clear(&err);
    if (auth_require(t->ctx, MEIBO_ROLE_MANAGER, "list the staff register", &err)) {
        tui_err(t, &err);
        return NULL;
    }
    staff_view *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    view *v = tui_push(t, &staff_ops, l);
    if (!v)
        return NULL;
    snprintf(v->title, sizeof v->title, "%s", tr(T_SF_TITLE));
    lv_init(&l->lv, v, &staff_rows);
    if (!lv_reload(&l->lv)) {
        tui_pop(t);
        return NULL;
    }
    return v;
}

/* The register of the selected ID, as lines "label value". */
static int detail_lines(const staff_row *r, char out[][600], int max)
{
    int n = 0;
#define LINE(...)                                                                             \
    do {                                                                                      \
        if (n < max)                                                                          \
            snprintf(out[n++], 600, __VA_ARGS__);                                             \
    } while (0)
    LINE("%s　%s", r->login, r->name);
    LINE("%s%s・%s", tr(T_SF_ROLE_STATE), lbl(LABEL_ROLE, r->role), lbl(LABEL_ACCOUNT, r->state));
    LINE("%s%s", tr(T_SF_TERM), r->term_end[0] ? r->term_end : tr(T_SF_NONE));
    if (r->fixed_term) {
        if (r->approved)
            LINE("%s%s%s %s", tr(T_SF_FIXED), tr(T_SF_APPROVED), r->approved_by, r->approved_on);
        else
            LINE("%s%s", tr(T_SF_FIXED), tr(T_SF_AWAITING));
    }
    if (r->pledge_on[0])
        LINE("%s%s %s", tr(T_SF_PLEDGE), r->pledge_on, r->pledge_doc);
    else
        LINE("%s%s", tr(T_SF_PLEDGE), tr(T_SF_NO_PLEDGE));
    LINE("%s%s %s%s", tr(T_SF_TRAINING), r->training_on[0] ? r->training_on : tr(T_SF_NONE),
         r->training_topic, r->training_due ? tr(T_SF_TRAINING_DUE) : "");
    char count[16];
    snprintf(count, sizeof count, "%d", r->failures);
    char failures[200];
    if (r->failures >= AUTH_DELAY_FREE)
        tr_fill(failures, sizeof failures, T_SF_FAILURES_N, count, NULL);
    else
        snprintf(failures, sizeof failures, "%s", r->failures ? count : tr(T_SF_NO_FAILURES));
    LINE("%s%s", tr(T_SF_FAILURES), failures);
#undef LINE
    return n;
}

static void staff_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    staff_view *l = v->priv;
    tui *t = v->t;
    char lines[8][600];
    const staff_row *cur = lv_current(&l->lv);
    int nd = cur ? detail_lines(cur, lines, 8) : 0;
    int list = rows - 1 - (nd ? nd + 1 : 0);
    if (list < 3)
        list = 3;
    draw_text(w, top, 1, cols - 2, tr(T_SF_COLS), tui_attr(t, EL_HEADER));
    if (!l->lv.n)
        draw_text(w, top + 2, 3, cols - 6, tr(T_SF_EMPTY), A_NORMAL);
    lv_draw(&l->lv, w, top + 1, list, cols);
    if (nd) {
        int y = top + 1 + list;
        draw_hline(w, y++, 0, cols, A_NORMAL);
        for (int i = 0; i < nd && y < top + rows; i++)
            y += draw_wrap(w, y, 1, cols - 2, top + rows - y, lines[i],
                           i ? A_NORMAL : tui_attr(t, EL_GROUP));
    }
    wmove(w, LINES - 1, COLS - 1);
}

/* ---- the actions ------------------------------------------------------------------------- */

static staff_row *selected(view *v)
{
    staff_view *l = v->priv;
    return lv_current(&l->lv);
}

/* After a change: the register again, and what was done on the status line. */
static void done_msg(view *v, tui_text what, const char *login)
{
    reload(v);
    tui_msg(v->t, EL_NOTICE, "%s%s", tr(what), login);
}

static void disable_answered(view *under, const char *answer, void *arg)
{
    (void)answer;
    (void)arg;
    staff_row *r = selected(under);
    meibo_err err;
    meibo_err_clear(&err);
    if (!r)
        return;
    char login[64];
    COPY(login, r->login);
    if (user_disable(under->t->ctx, login, &err))
        tui_err(under->t, &err);
    else
        done_msg(under, T_SF_DISABLED, login);
}

static void approve_answered(view *under, const char *answer, void *arg)
{
    (void)answer;
    (void)arg;
    staff_row *r = selected(under);
    meibo_err err;
    meibo_err_clear(&err);
    if (!r)
        return;
    char login[64];
    COPY(login, r->login);
    if (user_approve(under->t->ctx, login, &err))
        tui_err(under->t, &err);
    else
        done_msg(under, T_SF_APPROVED_MSG, login);
}

static void term_answered(view *under, const char *answer, void *arg)
{
    (void)arg;
    staff_row *r = selected(under);
    meibo_err err;
    meibo_err_clear(&err);
    if (!r)
        return;
    char login[64];
    COPY(login, r->login);
    if (user_set_term_end(under->t->ctx, login, answer, &err))
        tui_err_label(under->t, &err, tr(T_SF_TERM_END));
    else
        done_msg(under, T_SF_TERM_SET, login);
}

/* s and e: the register's two questions, its date and then the pledge's document (取扱規程
 * 第27条) or the training's topic (第28条); l->training says which. */
static void register_second(view *under, const char *answer, void *arg)
{
    (void)arg;
    staff_view *l = under->priv;
    staff_row *r = selected(under);
    if (!r)
        return;
    meibo_err err;
    meibo_err_clear(&err);
    char login[64];
    COPY(login, r->login);
    meibo_status st = l->training
                          ? staff_training_add(under->t->ctx, login, l->on, answer, &err)
                          : staff_pledge_record(under->t->ctx, login, l->on, answer, &err);
    if (st)
        tui_err_label(under->t, &err, tr(l->training ? T_SF_TRAINING : T_SF_PLEDGE_ON));
    else
        done_msg(under, l->training ? T_SF_TRAIN_SET : T_SF_PLEDGE_SET, login);
}

static void register_first(view *under, const char *answer, void *arg)
{
    (void)arg;
    staff_view *l = under->priv;
    COPY(l->on, answer);
    prompt_text(under->t, tr(l->training ? T_SF_TRAIN_TOPIC_Q : T_SF_PLEDGE_DOC_Q), "",
                register_second, NULL);
}

static void password_again(view *under, const char *answer, void *arg)
{
    (void)arg;
    staff_view *l = under->priv;
    staff_row *r = selected(under);
    if (r && strcmp(answer, l->pw) != 0) {
        tui_msg(under->t, EL_ERROR, "%s", tr(T_SF_PASSWORD_DIFFER));
    } else if (r) {
        meibo_err err;
        meibo_err_clear(&err);
        char login[64];
        COPY(login, r->login);
        if (user_set_password(under->t->ctx, login, l->pw, &err))
            tui_err(under->t, &err);
        else
            done_msg(under, T_SF_PASSWORD_SET, login);
    }
    explicit_bzero(l->pw, sizeof l->pw);
}

static void password_first(view *under, const char *answer, void *arg)
{
    (void)arg;
    staff_view *l = under->priv;
    snprintf(l->pw, sizeof l->pw, "%s", answer);
    prompt_secret(under->t, tr(T_SF_PASSWORD_AGAIN), password_again, NULL);
}

static view *staff_form_open(tui *t);

/* Refused by role before anything is asked (the core refuses the same). */
static bool allowed(view *v, meibo_role role, const char *what)
{
    meibo_err err;
    meibo_err_clear(&err);
    if (auth_require(v->t->ctx, role, what, &err)) {
        tui_err(v->t, &err);
        return false;
    }
    return true;
}

static int staff_key(view *v, tui_key k, tui_req req)
{
    staff_view *l = v->priv;
    tui *t = v->t;
    (void)k;
    staff_row *r = selected(v);
    char q[300];
    if (lv_key(&l->lv, req))
        return EV_HANDLED;
    switch (req) {
    case REQ_ADD:
        if (allowed(v, MEIBO_ROLE_MANAGER, "add a user"))
            staff_form_open(t);
        return EV_HANDLED;
    case REQ_DISABLE:
        if (r && allowed(v, MEIBO_ROLE_MANAGER, "disable a user")) {
            tr_fill(q, sizeof q, T_SF_DISABLE_Q, r->login, NULL);
            prompt_yesno(t, q, disable_answered, NULL);
        }
        return EV_HANDLED;
    case REQ_UNLOCK:
        if (r && allowed(v, MEIBO_ROLE_MANAGER, "clear a user's login delay")) {
            int n = 0;
            meibo_err err;
            meibo_err_clear(&err);
            char login[64], count[16];
            COPY(login, r->login);
            if (user_unlock(t->ctx, login, &n, &err)) {
                tui_err(t, &err);
            } else {
                reload(v);
                snprintf(count, sizeof count, "%d", n);
                tr_fill(q, sizeof q, T_SF_UNLOCKED, login, count);
                tui_msg(t, EL_NOTICE, "%s", q);
            }
        }
        return EV_HANDLED;
    case REQ_PASSWORD:
        if (r && allowed(v, MEIBO_ROLE_MANAGER, "set another user's password"))
            prompt_secret(t, tr(T_SF_PASSWORD_Q), password_first, NULL);
        return EV_HANDLED;
    case REQ_APPROVE:
        if (r && allowed(v, MEIBO_ROLE_CHIEF, "approve a fixed-term account")) {
            if (!r->fixed_term) {
                tui_msg(t, EL_ERROR, "%s", tr(T_SF_NOT_FIXED));
            } else {
                tr_fill(q, sizeof q, T_SF_APPROVE_Q, r->login, NULL);
                prompt_yesno(t, q, approve_answered, NULL);
            }
        }
        return EV_HANDLED;
    case REQ_TERM_END:
        if (r && allowed(v, MEIBO_ROLE_MANAGER, "set a term end"))
            prompt_text(t, tr(T_SF_TERM_Q), r->term_end, term_answered, NULL);
        return EV_HANDLED;
    case REQ_STAFF_PLEDGE:
    case REQ_TRAINING:
        if (r && allowed(v, MEIBO_ROLE_MANAGER, req == REQ_TRAINING ? "record training"
                                                                    : "record a pledge")) {
            char today[16];
            db_today(t->ctx, today, sizeof today);
            l->training = req == REQ_TRAINING;
            prompt_text(t, tr(l->training ? T_SF_TRAIN_ON_Q : T_SF_PLEDGE_ON_Q), today,
                        register_first, NULL);
        }
        return EV_HANDLED;
    default:
        return EV_NONE;
    }
}

static const char *staff_hints(view *v)
{
    (void)v;
    return tr(T_SF_HINTS);
}

static void staff_done(view *v)
{
    staff_view *l = v->priv;
    explicit_bzero(l->pw, sizeof l->pw);
    lv_free(&l->lv);
    free(l);
}

const view_ops staff_ops = {
    .name = "staff",
    .keymap = KM_STAFF,
    .draw = staff_draw,
    .key = staff_key,
    .hints = staff_hints,
    .resume = staff_resume,
    .done = staff_done,
};

/* ---- adding an ID ------------------------------------------------------------------------ */

typedef struct staff_form {
    fieldset fs;
} staff_form;

static view *staff_form_open(tui *t)
{
    staff_form *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    char today[16];
    db_today(t->ctx, today, sizeof today);
    fieldset *fs = &p->fs;
    fields_text(fs, "login", tr(T_SF_LOGIN), "");
    fields_text(fs, "display_name", tr(T_SF_NAME), "");
    field *f = fields_choice(fs, "role", tr(T_SF_ROLE));
    fields_add_choice(f, "clerk", lbl(LABEL_ROLE, "clerk"));
    fields_add_choice(f, "manager", lbl(LABEL_ROLE, "manager"));
    if (t->ctx->role == MEIBO_ROLE_CHIEF)
        fields_add_choice(f, "chief", lbl(LABEL_ROLE, "chief"));
    fields_text(fs, "password", tr(T_SF_PASSWORD), "")->line.masked = true;
    fields_text(fs, "password2", tr(T_SF_PASSWORD2), "")->line.masked = true;
    fields_text(fs, "pledge_on", tr(T_SF_PLEDGE_ON), today);
    fields_text(fs, "pledge_document", tr(T_SF_PLEDGE_DOC), "");
    f = fields_choice(fs, "fixed_term", tr(T_SF_FIXED_TERM));
    fields_add_choice(f, "no", tr(T_NO));
    fields_add_choice(f, "yes", tr(T_YES));
    fields_text(fs, "term_end", tr(T_SF_TERM_END), "");
    view *v = tui_push(t, &staff_form_ops, p);
    if (v)
        snprintf(v->title, sizeof v->title, "%s", tr(T_SF_NEW));
    return v;
}

static void staff_form_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    staff_form *p = v->priv;
    fields_draw(&p->fs, v->t, w, top, rows, cols);
}

static int staff_form_key(view *v, tui_key k, tui_req req)
{
    staff_form *p = v->priv;
    tui *t = v->t;
    if (req == REQ_SAVE) {
        char s[9][256];
        static const char *const names[] = {"login",     "display_name", "role",
                                            "password",  "password2",    "pledge_on",
                                            "pledge_document", "fixed_term", "term_end"};
        for (int i = 0; i < 9; i++)
            fields_get(&p->fs, names[i], s[i], sizeof s[i]);
        if (strcmp(s[3], s[4]) != 0) {
            fields_focus(&p->fs, "password2");
            tui_msg(t, EL_ERROR, "%s", tr(T_SF_PASSWORD_DIFFER));
        } else {
            bool fixed = !strcmp(s[7], "yes");
            user_new u = {.login = s[0], .display_name = s[1], .role = meibo_role_parse(s[2]),
                          .password = s[3], .term_end = s[8], .fixed_term = fixed,
                          .pledge_on = s[5], .pledge_document = s[6]};
            meibo_err err;
            meibo_err_clear(&err);
            if (user_add(t->ctx, &u, &err)) {
                fields_err(&p->fs, t, &err);
            } else {
                char login[256];
                COPY(login, s[0]);
                tui_pop(t);
                tui_msg(t, EL_NOTICE, "%s%s%s", tr(T_SF_ADDED), login,
                        fixed ? tr(T_SF_ADDED_FIXED) : "");
            }
        }
        explicit_bzero(s, sizeof s);
        return EV_HANDLED;
    }
    if (req == REQ_BACK)
        return EV_HANDLED | EV_CLOSE;
    return fields_key(&p->fs, k, req) ? EV_HANDLED : EV_NONE;
}

static const char *staff_form_hints(view *v)
{
    (void)v;
    return tr(T_SF_FORM_HINTS);
}

static void staff_form_done(view *v)
{
    staff_form *p = v->priv;
    explicit_bzero(p, sizeof *p); /* the passwords typed */
    free(p);
}

const view_ops staff_form_ops = {
    .name = "staff-form",
    .keymap = KM_FORM,
    .may_change = true,
    .draw = staff_form_draw,
    .key = staff_form_key,
    .hints = staff_form_hints,
    .done = staff_form_done,
};

/* login.c: the first screen: user ID and masked password (取扱規程 第33条). The core says
 * why a login fails (wrong password, locked until when, term ended, awaiting approval). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "meibo/auth.h"
#include "tui.h"

typedef struct login_state {
    tui_line id, pw;
    int focus; /* 0 id, 1 password */
} login_state;

view *login_open(tui *t)
{
    login_state *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->id.max = 32;
    s->pw.masked = true;
    if (t->prefill_login) {
        line_set(&s->id, t->prefill_login);
        s->focus = 1;
    }
    view *v = tui_push(t, &login_ops, s);
    if (v)
        snprintf(v->title, sizeof v->title, "%s", tr(T_LOGIN_TITLE));
    return v;
}

static void login_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    login_state *s = v->priv;
    tui *t = v->t;
    (void)rows;
    int x = 4, y = top + 2, lw = 14;
    draw_text(w, y, x, cols - 2 * x, tr(T_LOGIN_INTRO), A_NORMAL);
    draw_text(w, y + 2, x, lw, tr(T_LOGIN_ID), A_NORMAL);
    draw_text(w, y + 4, x, lw, tr(T_LOGIN_PASSWORD), A_NORMAL);
    /* draw the unfocused field first so the cursor ends in the focused one */
    tui_line *f[2] = {&s->id, &s->pw};
    int other = !s->focus;
    line_draw(w, y + 2 + 2 * other, x + lw, 34, f[other], false, tui_attr(t, EL_INPUT));
    line_draw(w, y + 2 + 2 * s->focus, x + lw, 34, f[s->focus], true, tui_attr(t, EL_INPUT));
}

meibo_status login_check(tui *t, const char *login, const char *password)
{
    meibo_err err;
    meibo_err_clear(&err);
    int wait = 0;
    if (auth_login_wait(t->ctx, login, &wait, &err) == MEIBO_OK && wait > 0) {
        char n[16], msg[512];
        snprintf(n, sizeof n, "%d", wait);
        tui_msg(t, EL_NOTICE, "%s", tr_fill(msg, sizeof msg, T_LOGIN_WAIT, n, NULL));
        if (!t->script)
            tui_render_now(t);
    }
    meibo_status st = auth_login(t->ctx, login, password, &err);
    if (st == MEIBO_OK && wait > 0)
        t->message[0] = '\0'; /* the wait is over */
    else if (st == MEIBO_ERR_AUTH)
        tui_msg(t, EL_ERROR, "%s", tr(T_LOGIN_BAD));
    else if (st)
        tui_err(t, &err);
    return st;
}

static void login_try(view *v)
{
    login_state *s = v->priv;
    tui *t = v->t;
    char id[160], pw[LINE_MAX_CHARS * 4 + 1];
    line_get(&s->id, id, sizeof id);
    line_get(&s->pw, pw, sizeof pw);
    if (!id[0] || !pw[0]) {
        tui_msg(t, EL_ERROR, "%s", tr(T_LOGIN_EMPTY));
        s->focus = id[0] ? 1 : 0;
        explicit_bzero(pw, sizeof pw);
        return;
    }
    meibo_status st = login_check(t, id, pw);
    explicit_bzero(pw, sizeof pw);
    line_wipe(&s->pw);
    if (st) {
        s->focus = 1;
        return;
    }
    browser_open(t); /* replaces the stack, this view included */
}

static int login_key(view *v, tui_key k, tui_req req)
{
    login_state *s = v->priv;
    tui_line *f = s->focus ? &s->pw : &s->id;
    bool changed;
    if (k.ch == L'\n' || k.code == KEY_ENTER) {
        if (s->focus == 0)
            s->focus = 1;
        else
            login_try(v);
        return EV_HANDLED;
    }
    if (k.ch == L'\t' || k.code == KEY_BTAB || k.code == KEY_UP || k.code == KEY_DOWN) {
        s->focus = !s->focus;
        return EV_HANDLED;
    }
    if (k.ch == 27) {
        v->t->quit = true;
        return EV_HANDLED;
    }
    if (req == REQ_REDRAW || req == REQ_LOCK || (req == REQ_HELP && k.code))
        return EV_NONE;
    if (line_key(f, k, &changed))
        return EV_HANDLED;
    return EV_NONE;
}

static const char *login_hints(view *v)
{
    (void)v;
    return tr(T_LOGIN_HINTS);
}

static void login_done(view *v)
{
    login_state *s = v->priv;
    if (s)
        explicit_bzero(s, sizeof *s);
    free(s);
}

const view_ops login_ops = {
    .name = "login",
    .keymap = KM_FORM,
    .draw = login_draw,
    .key = login_key,
    .hints = login_hints,
    .done = login_done,
};

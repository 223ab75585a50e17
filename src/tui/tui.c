/* tui.c: curses set-up and teardown, the view stack, the one event loop, the idle lock. */
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tui.h"
#include "meibo/outbox.h"
#include "meibo/process.h"

/* --- messages in two languages --- */

static tui_lang cur_lang = LANG_JA;
static const char *const texts[T__COUNT][2] = {
#define TUI_MSG_ROW(id, ja, en) {ja, en},
    TUI_MESSAGES(TUI_MSG_ROW)
#undef TUI_MSG_ROW
};

void tr_set_lang(tui_lang lang)
{
    cur_lang = lang;
}

const char *tr_fill(char *buf, size_t len, tui_text t, const char *a, const char *b)
{
    const char *args[2] = {a ? a : "", b ? b : ""}, *p = tr(t);
    size_t o = 0;
    int k = 0;
    while (*p && o + 1 < len) {
        if (p[0] == '%' && p[1] == 's' && k < 2) {
            int w = snprintf(buf + o, len - o, "%s", args[k++]);
            o += w > 0 ? (size_t)w : 0;
            if (o >= len)
                o = len - 1;
            p += 2;
        } else {
            buf[o++] = *p++;
        }
    }
    buf[o] = '\0';
    return buf;
}

bool tr_is_en(void)
{
    return cur_lang == LANG_EN;
}

const char *tr(tui_text t)
{
    return t < T__COUNT ? texts[t][cur_lang == LANG_EN] : "";
}

/* --- terminal state: restored on every way out --- */

static volatile sig_atomic_t got_signal;
static bool curses_on;
static int saved_stderr = -1;
static FILE *stderr_log;
static SCREEN *screen;

static void on_signal(int sig)
{
    got_signal = sig;
}

/* Leave curses and give stderr back, printing what libraries wrote meanwhile. */
static void terminal_restore(void)
{
    if (curses_on) {
        endwin();
        curses_on = false;
    }
    if (saved_stderr >= 0) {
        fflush(stderr);
        dup2(saved_stderr, 2);
        close(saved_stderr);
        saved_stderr = -1;
        if (stderr_log) {
            char buf[4096];
            size_t n;
            rewind(stderr_log);
            while ((n = fread(buf, 1, sizeof buf, stderr_log)) > 0)
                fwrite(buf, 1, n, stderr);
            fclose(stderr_log);
            stderr_log = NULL;
        }
    }
}

/* A fatal error: restore the terminal first, then say what happened (tig's die). */
static void tui_die(const char *what)
{
    terminal_restore();
    fprintf(stderr, "meibo: %s\n", what);
    exit(1);
}

/* --- colours (htop's semantic elements) --- */

static const struct {
    short fg, bg;
    attr_t mono;
} elements[EL__COUNT] = {
#define TUI_EL_ROW(id, fg, bg, mono) {fg, bg, mono},
    TUI_ELEMENTS(TUI_EL_ROW)
#undef TUI_EL_ROW
};

attr_t tui_attr(const tui *t, tui_element el)
{
    if (el == EL_NORMAL)
        return A_NORMAL;
    /* the list cursor in reverse video with colours too: switching it on and off costs a
     * quarter of the bytes of a colour pair (every cursor move, every page, over SSH) */
    if (!t->colors || el == EL_CURSOR)
        return elements[el].mono;
    return COLOR_PAIR(el) | (el == EL_ERROR || el == EL_GROUP || el == EL_NOTICE ? A_BOLD : 0);
}

static void colors_init(tui *t)
{
    const char *nc = getenv("NO_COLOR");
    t->colors = has_colors() && !(nc && *nc);
    if (!t->colors)
        return;
    start_color();
    use_default_colors();
    for (int i = 1; i < EL__COUNT; i++)
        init_pair((short)i, elements[i].fg, elements[i].bg);
}

/* --- the view stack --- */

view *tui_push(tui *t, const view_ops *ops, void *priv)
{
    if (t->depth >= TUI_MAX_VIEWS) {
        view tmp = {.ops = ops, .t = t, .priv = priv};
        if (ops->done)
            ops->done(&tmp);
        return NULL;
    }
    view *v = calloc(1, sizeof *v);
    if (!v)
        tui_die("out of memory");
    v->ops = ops;
    v->t = t;
    v->priv = priv;
    t->stack[t->depth++] = v;
    return v;
}

/* Views leave the stack at once but are freed between keys, so a handler may pop or
 * replace its own view and still return normally. */
static void pop(tui *t)
{
    if (!t->depth)
        return;
    view *v = t->stack[--t->depth];
    if (t->ndead < TUI_MAX_VIEWS * 2) {
        t->dead[t->ndead++] = v;
        return;
    }
    if (v->ops->done)
        v->ops->done(v);
    free(v);
}

void tui_pop(tui *t)
{
    bool changed = t->depth && t->stack[t->depth - 1]->ops->may_change;
    pop(t);
    if (changed && t->depth && t->stack[t->depth - 1]->ops->resume)
        t->stack[t->depth - 1]->ops->resume(t->stack[t->depth - 1]);
}

static void bury(tui *t)
{
    while (t->ndead) {
        view *v = t->dead[--t->ndead];
        if (v->ops->done)
            v->ops->done(v);
        free(v);
    }
}

view *tui_reset(tui *t, const view_ops *ops, void *priv)
{
    while (t->depth)
        pop(t);
    return tui_push(t, ops, priv);
}

void tui_delivered(tui *t, const outbox_delivery *d)
{
    if (!d->printed)
        tui_msg(t, EL_NOTICE, "%s: %s", tr(T_IQ_SAVED), d->path);
    else if (d->queue == QUEUE_DISABLED)
        tui_msg(t, EL_ERROR, "%s: %s %s %s（%s: %s）", tr(T_IQ_PRINTED), d->printer,
                tr(T_PR_REQUEST), d->job, tr(T_PR_WAITS), d->queue_said);
    else
        tui_msg(t, EL_NOTICE, "%s: %s %s %s", tr(T_IQ_PRINTED), d->printer, tr(T_PR_REQUEST),
                d->job);
}

void tui_msg(tui *t, tui_element el, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t->message, sizeof t->message, fmt, ap);
    va_end(ap);
    t->message_el = el;
}

void tui_err(tui *t, const meibo_err *err)
{
    char why[400];
    if (err->reason && !err->field[0]) /* a refusal with words in both languages (a role) */
        tui_msg(t, EL_ERROR, "%s", meibo_reason_text(err, t->lang == LANG_JA, why, sizeof why));
    else
        tui_msg(t, EL_ERROR, "%s", err->msg[0] ? err->msg : meibo_strerror(err->code));
}

void tui_err_label(tui *t, const meibo_err *err, const char *label)
{
    char why[400];
    if (!err->reason) {
        tui_err(t, err);
        return;
    }
    meibo_reason_text(err, t->lang == LANG_JA, why, sizeof why);
    tui_msg(t, EL_ERROR, "%s: %s", label && *label ? label : err->field, why);
}

void tui_chief_only(tui *t, const meibo_err *err)
{
    if (err->code == MEIBO_ERR_DENIED)
        tui_msg(t, EL_ERROR, "%s", tr(T_CHIEF_ONLY));
    else
        tui_err(t, err);
}

bool tui_input_pending(tui *t)
{
    if (t->script)
        return false;
    struct pollfd p = {.fd = 0, .events = POLLIN};
    return poll(&p, 1, 0) > 0;
}

/* The core's long queries (a full count) stop when a key arrives, so typing never waits. */
int tui_key_waiting(void *arg)
{
    return tui_input_pending(arg) || got_signal;
}

/* --- drawing --- */

static void draw_frame(tui *t)
{
    view *v = t->stack[t->depth - 1];
    attr_t title = tui_attr(t, EL_TITLE);
    char left[400], role[100] = "";
    const char *name = "";
    if (t->ctx->user_id && !t->locked) {
        snprintf(role, sizeof role, " (%s) ",
                 t->ctx->role == MEIBO_ROLE_CHIEF     ? tr(T_ROLE_CHIEF)
                 : t->ctx->role == MEIBO_ROLE_MANAGER ? tr(T_ROLE_MANAGER)
                                                      : tr(T_ROLE_CLERK));
        name = t->ctx->display_name;
    }
    /* the name in at most half the row, cut (…) before its role is */
    int rolew = draw_width(role), namew = draw_width(name);
    if (namew > COLS / 2 - rolew)
        namew = COLS / 2 - rolew;
    int rw = namew + rolew;
    /* the user's name keeps its place and a blank before it; a long title loses the
     * application's name first, then is cut (marked …) */
    int room = COLS - rw - (rw ? 1 : 0);
    snprintf(left, sizeof left, " meibo %s %s", tr(T_APP), v->title[0] ? "|" : "");
    if (draw_width(left) + 1 + draw_width(v->title) > room)
        snprintf(left, sizeof left, " meibo %s", v->title[0] ? "|" : "");
    int lw = draw_text(stdscr, 0, 0, COLS, left, title);
    draw_text(stdscr, 0, lw + 1, room - lw - 1, v->title, title);
    draw_text(stdscr, 0, COLS - rw, namew, name, title);
    draw_text(stdscr, 0, COLS - rolew, rolew, role, title);
    /* the status line: a message until the next key (a long one after the view: render()),
     * else the screen's key hints */
    if (t->message[0] && draw_wrap_rows(COLS, t->message) > 1)
        return;
    const char *msg = t->message[0] ? t->message : v->ops->hints ? v->ops->hints(v) : "";
    tui_element el = t->message[0] ? t->message_el : EL_STATUS;
    draw_text(stdscr, LINES - 1, 0, COLS, msg, tui_attr(t, el == EL_NORMAL ? EL_STATUS : el));
}

/* A message longer than the status line: wrapped upwards over the view's last rows (it
 * stays until the next key), so a refusal or a conflict is read whole. */
#define MESSAGE_ROWS 4
static void draw_long_message(tui *t)
{
    int rows = draw_wrap_rows(COLS, t->message);
    if (!t->message[0] || rows <= 1)
        return;
    if (rows > MESSAGE_ROWS)
        rows = MESSAGE_ROWS;
    int y, x;
    getyx(stdscr, y, x);
    tui_element el = t->message_el == EL_NORMAL ? EL_STATUS : t->message_el;
    draw_wrap(stdscr, LINES - rows, 0, COLS, rows, t->message, tui_attr(t, el));
    wmove(stdscr, y, x);
}

static bool cursor_shown;

static void render(tui *t)
{
    werase(stdscr);
    if (LINES < 24 || COLS < 80) {
        draw_text(stdscr, 0, 0, COLS, tr(T_TOO_SMALL), tui_attr(t, EL_ERROR));
        wmove(stdscr, 0, 0);
    } else {
        draw_frame(t);
        wmove(stdscr, LINES - 1, COLS - 1);
        view *v = t->stack[t->depth - 1];
        int y0 = -1, x0 = -1;
        v->ops->draw(v, stdscr, 1, LINES - 2, COLS);
        draw_long_message(t);
        getyx(stdscr, y0, x0);
        bool show = !(y0 == LINES - 1 && x0 == COLS - 1);
        if (show != cursor_shown) {
            curs_set(show ? 1 : 0);
            cursor_shown = show;
        }
        /* a hidden cursor may stay wherever the update left it: no move to park it (8 bytes
         * a key over SSH) */
        leaveok(stdscr, !show);
    }
    wnoutrefresh(stdscr);
    doupdate();
}

void tui_render_now(tui *t)
{
    render(t);
}

/* --- input --- */

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* How long the rest of an escape sequence may take once ESC [ or ESC O has come: bytes after
 * those two are never typed, so waiting for them costs no Esc its promptness. */
#define SEQ_REST_MS 500

/* After an ESC that curses did not take for a key: a bare Esc; Esc and a key typed at once;
 * or the rest of a sequence curses does not know or that came split over a slow link, read
 * whole, then mapped (keys_sequence) or dropped. 1 a key, 0 nothing (a sequence dropped). */
static int read_escape(tui_key *k)
{
    wint_t c;
    wtimeout(stdscr, 0);
    int rc = wget_wch(stdscr, &c);
    k->ch = 27;
    if (rc == ERR)
        return 1;
    if (rc == KEY_CODE_YES || (c != L'[' && c != L'O')) {
        if (rc == KEY_CODE_YES)
            ungetch((int)c);
        else
            unget_wch((wchar_t)c);
        return 1;
    }
    k->ch = 0;
    char seq[32];
    size_t n = 0;
    seq[n++] = (char)c;
    for (;;) {
        wtimeout(stdscr, SEQ_REST_MS);
        rc = wget_wch(stdscr, &c);
        if (rc == ERR)
            return 0; /* cut short: dropped */
        if (rc == KEY_CODE_YES || c == 27) {
            /* the next key already: this sequence ends here, unknown */
            if (rc == KEY_CODE_YES)
                ungetch((int)c);
            else
                unget_wch((wchar_t)c);
            return 0;
        }
        if (c < 0x20 || c > 0x7e)
            return 0;
        if (n + 1 < sizeof seq)
            seq[n++] = (char)c;
        /* parameters and intermediates (0x20-0x3f) go on; a final byte (0x40-0x7e) ends it,
         * but for the Linux console's ESC [ [ A */
        if (c >= 0x40 && !(n == 2 && seq[0] == '[' && c == L'['))
            break;
    }
    seq[n] = '\0';
    k->code = keys_sequence(seq);
    return k->code ? 1 : 0;
}

/* 1 a key, 0 nothing before the timeout (or a clock tick from a script), -1 end of input. */
static int read_key(tui *t, int timeout_ms, tui_key *k)
{
    k->code = 0;
    k->ch = 0;
    if (t->script) {
        if (!script_next_key(t, t->script, k))
            return -1;
        if (k->code != SCRIPT_TERMINAL)
            return k->code == -1 ? 0 : 1;
        /* :raw bytes: read as a terminal's, through curses and read_escape */
        timeout_ms = SEQ_REST_MS;
        k->code = 0;
    }
    wtimeout(stdscr, timeout_ms);
    wint_t wc;
    int rc = wget_wch(stdscr, &wc);
    if (rc == ERR) {
        if (t->script) {
            script_terminal_done(t->script);
            return 0;
        }
        /* a timeout, or a terminal that has gone away without a SIGHUP reaching us */
        struct pollfd p = {.fd = 0, .events = POLLIN};
        if (poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)))
            return -1;
        return 0;
    }
    if (rc != KEY_CODE_YES && wc == 27)
        return read_escape(k);
    if (rc == KEY_CODE_YES) {
        k->code = keys_terminal_code((int)wc);
        if (k->code == KEY_ENTER)
            k->code = 0, k->ch = L'\n';
    } else {
        k->ch = (wchar_t)wc;
        if (k->ch == L'\r')
            k->ch = L'\n';
        if (k->ch == 0x7f || k->ch == 0x08)
            k->code = KEY_BACKSPACE, k->ch = 0;
    }
    return 1;
}

static void check_idle(tui *t)
{
    if (t->locked || !t->ctx->user_id)
        return;
    if (t->idle_ms >= (int64_t)t->cfg.idle_lock_minutes * 60000)
        lock_now(t);
}

static void handle_key(tui *t, tui_key k)
{
    view *v = t->stack[t->depth - 1];
    t->message[0] = '\0';
    if (k.code == KEY_RESIZE) {
        clearok(curscr, TRUE);
        return;
    }
    tui_req req = keys_lookup(v->ops->keymap, k);
    int ev = v->ops->key(v, k, req);
    if (!(ev & EV_HANDLED)) {
        switch (req) {
        case REQ_REDRAW:
            clearok(curscr, TRUE);
            break;
        case REQ_HELP:
            help_open(t, v);
            break;
        case REQ_LOCK:
            if (t->ctx->user_id)
                lock_now(t);
            break;
        case REQ_QUIT:
            t->quit = true;
            break;
        case REQ_BACK:
            if (t->depth > 1)
                ev |= EV_CLOSE;
            else
                t->quit = true;
            break;
        default:
            break;
        }
    }
    if (ev & EV_WORK)
        v->pending = true;
    if (ev & EV_CLOSE && t->depth && t->stack[t->depth - 1] == v)
        tui_pop(t);
    if (ev & EV_QUIT)
        t->quit = true;
}

/* Another clerk's change (an approval, a decision): the top view reloads on the next key
 * or the next tick; a view that cannot (a form, a question) gets it once it is on top. The
 * poll is one PRAGMA while nothing changed, and redraws only what the reload changed. */
static bool watch(tui *t)
{
    if (!t->ctx->user_id || t->locked || !t->depth)
        return false;
    bool changed = false;
    meibo_err err;
    meibo_err_clear(&err);
    if (watch_poll(t->ctx, &t->watch, &changed, &err))
        return false; /* a busy or failing database: the next poll tries again */
    t->changed_elsewhere |= changed;
    view *v = t->stack[t->depth - 1];
    if (!t->changed_elsewhere || !v->ops->resume)
        return false;
    t->changed_elsewhere = false;
    v->ops->resume(v);
    return true;
}

/* Deferred work of the top view (a search, a count). Scripts finish it before each key. */
static bool run_work(tui *t)
{
    view *v = t->stack[t->depth - 1];
    if (!v->pending || !v->ops->work) {
        v->pending = false;
        return false;
    }
    int ev = v->ops->work(v);
    v->pending = (ev & EV_WORK) != 0;
    return true;
}

static void loop(tui *t)
{
    int64_t last = now_ms();
    bool dirty = true;
    while (!t->quit && !got_signal && t->depth > 0) {
        bury(t);
        view *top = t->stack[t->depth - 1];
        if (t->script) {
            while (top->pending && run_work(t))
                top = t->stack[t->depth - 1];
        } else if (top->pending && !tui_input_pending(t)) {
            /* one step of work, then draw it at once: the first page shows while the
             * count is still to come */
            if (run_work(t)) {
                render(t);
                dirty = false;
                continue;
            }
        }
        if (dirty)
            render(t);
        dirty = false;
        int timeout = 1000;
        if (t->stack[t->depth - 1]->pending)
            timeout = 0;
        tui_key k;
        int rc = read_key(t, timeout, &k);
        if (rc < 0)
            break;
        int64_t now = now_ms();
        if (rc == 0) {
            if (!t->script)
                t->idle_ms += now - last;
            last = now;
            check_idle(t);
            dirty = dirty || t->locked;
            dirty = watch(t) || dirty;
            continue;
        }
        last = now;
        t->idle_ms = 0;
        handle_key(t, k);
        if (!t->quit && t->depth)
            watch(t);
        dirty = true;
    }
}

/* A UTF-8 locale, or a clear message saying what to set (kanji need one). */
static bool locale_utf8(void)
{
    return process_locale_is_utf8() || process_locale_utf8_fallback() != NULL;
}

int tui_main(meibo_ctx *ctx, const tui_options *opt)
{
    if (!locale_utf8()) {
        fprintf(stderr, "meibo: the terminal UI needs a UTF-8 locale and none is installed; "
                        "set LANG=C.UTF-8 (or ja_JP.UTF-8) and a UTF-8 terminal\n");
        return 1;
    }
    tui t = {0};
    t.ctx = ctx;
    if (opt->cfg)
        t.cfg = *opt->cfg;
    else
        config_defaults(&t.cfg);
    const char *lang = opt->lang ? opt->lang : t.cfg.lang;
    t.lang = lang && !strcmp(lang, "en") ? LANG_EN : LANG_JA;
    tr_set_lang(t.lang);
    t.prefill_login = opt->login;
    draw_configure(t.cfg.ambiguous_width, t.cfg.ascii_lines);
    keys_init();

    meibo_err err;
    meibo_err_clear(&err);
    /* not in a setgid meibo: a script's :exec would run with the database's group */
    const char *script_path = secure_getenv("MEIBO_SCRIPT");
    if (script_path && *script_path) {
        t.script = script_open(script_path, &err);
        if (!t.script) {
            fprintf(stderr, "meibo: %s\n", err.msg);
            return 2;
        }
    } else if (!isatty(0) || !isatty(1)) {
        fprintf(stderr, "meibo: the terminal UI needs a terminal; see 'meibo --help' for the "
                        "commands\n");
        return 2;
    }

    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, SIGTERM);
    sigaddset(&unblock, SIGHUP);
    sigaddset(&unblock, SIGINT);
    sigaddset(&unblock, SIGQUIT);
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);

    /* stderr goes to a file while curses owns the screen; it is shown after */
    fflush(stderr);
    stderr_log = tmpfile();
    saved_stderr = dup(2);
    if (stderr_log && saved_stderr >= 0)
        dup2(fileno(stderr_log), 2);
    atexit(terminal_restore);

    FILE *out = stdout, *in = stdin;
    if (t.script) {
        out = fopen("/dev/null", "w");
        /* the script's :raw bytes come as a terminal's */
        in = fdopen(script_terminal_fd(t.script), "r");
        if (!out || !in)
            tui_die("cannot open /dev/null");
    }
    screen = newterm(NULL, out, in);
    if (!screen) {
        terminal_restore();
        fprintf(stderr, "meibo: cannot start the terminal UI for TERM=%s\n",
                getenv("TERM") ? getenv("TERM") : "(unset)");
        return 1;
    }
    curses_on = true;
    /* A bare Esc is 戻る within ESCDELAY; a sequence's later bytes may take SEQ_REST_MS. 100 ms
     * (vim's ttimeoutlen) covers an ESC sent apart from the rest of its sequence on a slow
     * link (one write of the terminal is one SSH packet, so that split is rare) and is still
     * felt as at once. ($ESCDELAY is not read: meibo starts with a cleaned environment.) */
    set_escdelay(100);
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    keys_terminal_init();
    if (t.script)
        typeahead(-1); /* :raw bytes waiting never cut a drawing short: screens as tested */
    idlok(stdscr, TRUE);
    curs_set(0);
    colors_init(&t);
    if (!login_open(&t))
        tui_die("out of memory");
    loop(&t);

    int sig = got_signal;
    while (t.depth)
        pop(&t);
    bury(&t);
    terminal_restore();
    if (t.script) {
        script_close(t.script);
        fclose(out);
        fclose(in);
    }
    delscreen(screen);
    return sig ? 1 : 0;
}

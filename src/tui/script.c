/* script.c: scripted input for screen tests (tig's harness). $MEIBO_SCRIPT names a file:
 *   # a comment
 *   :save-display FILE     write the screen as text
 *   :resize COLSxLINES     resize the terminal (as a SIGWINCH would)
 *   :idle SECONDS          let SECONDS pass without a key (the idle lock, 取扱規程 第30条)
 *   :type TEXT             type TEXT literally (for '<' and leading ':')
 *   :exec COMMAND          run a shell command (another clerk's edit, in a conflict test)
 *   :raw BYTES             bytes as a terminal sends them (\e, \xNN, \\), read through curses
 *                          and the escape-sequence reader as typed keys are: "\e[6~"
 *   keys...                one key after another: "田中", "<Down><Enter>", "<C-S>"
 * Before each key the screen's background work is finished and the screen drawn, so a
 * test sees the same screen every time. The end of the script quits meibo. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui.h"

struct tui_script {
    FILE *f;
    long lineno;
    char line[4096];
    const char *pos;  /* next key in line; NULL when a new line is needed */
    bool literal;     /* :type: characters, no key names */
    bool terminal;    /* :raw bytes wait in the terminal input */
    int tty[2];       /* the terminal input: curses reads tty[0], :raw writes tty[1] */
    const char *path;
};

tui_script *script_open(const char *path, meibo_err *err)
{
    tui_script *s = calloc(1, sizeof *s);
    if (!s) {
        meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        return NULL;
    }
    s->f = fopen(path, "r");
    if (!s->f) {
        meibo_fail(err, MEIBO_ERR_IO, "%s: cannot read the key script", path);
        free(s);
        return NULL;
    }
    if (pipe(s->tty) != 0) {
        meibo_fail(err, MEIBO_ERR_IO, "cannot make the script's terminal input");
        fclose(s->f);
        free(s);
        return NULL;
    }
    s->path = path;
    return s;
}

int script_terminal_fd(tui_script *s)
{
    return s->tty[0];
}

void script_terminal_done(tui_script *s)
{
    s->terminal = false;
}

void script_close(tui_script *s)
{
    if (!s)
        return;
    fclose(s->f);
    close(s->tty[1]); /* tty[0] is curses' input stream, closed with it */
    free(s);
}

meibo_status script_save_display(const char *path, meibo_err *err)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return meibo_fail(err, MEIBO_ERR_IO, "%s: cannot write the display", path);
    for (int y = 0; y < LINES; y++) {
        char row[4096];
        size_t len = 0, keep = 0;
        for (int x = 0; x < COLS;) {
            cchar_t c;
            wchar_t wch[CCHARW_MAX + 1] = {0};
            attr_t a;
            short pair;
            mvwin_wch(curscr, y, x, &c);
            getcchar(&c, wch, &a, &pair, NULL);
            int w = wcwidth(wch[0]);
            for (int i = 0; i < CCHARW_MAX && wch[i]; i++) {
                char mb[MB_LEN_MAX];
                mbstate_t ps = {0};
                size_t n = wcrtomb(mb, wch[i], &ps);
                if (n != (size_t)-1 && len + n < sizeof row) {
                    memcpy(row + len, mb, n);
                    len += n;
                }
            }
            if (!wch[0] && len + 1 < sizeof row)
                row[len++] = ' ';
            if (wch[0] && wch[0] != L' ')
                keep = len;
            x += w > 0 ? w : 1;
        }
        fprintf(f, "%.*s\n", (int)keep, row);
    }
    if (fclose(f) != 0)
        return meibo_fail(err, MEIBO_ERR_IO, "%s: cannot write the display", path);
    return MEIBO_OK;
}

static __attribute__((noreturn)) void script_fail(tui_script *s, const char *what)
{
    endwin();
    fprintf(stderr, "meibo: %s:%ld: %s\n", s->path, s->lineno, what);
    exit(2);
}

/* Run a :command; true when it produced a key or tick in *k. */
static bool command(tui *t, tui_script *s, char *cmd, tui_key *k)
{
    char *arg = strchr(cmd, ' ');
    if (arg)
        *arg++ = '\0';
    if (!strcmp(cmd, ":save-display")) {
        meibo_err err;
        if (!arg || script_save_display(arg, &err))
            script_fail(s, arg ? err.msg : ":save-display needs a file");
        return false;
    }
    if (!strcmp(cmd, ":resize")) {
        int cols = 0, rows = 0;
        // NOLINTNEXTLINE(cert-err34-c): test scripts only; the count and range are checked
        if (!arg || sscanf(arg, "%dx%d", &cols, &rows) != 2 || cols < 10 || rows < 5)
            script_fail(s, ":resize needs COLSxLINES");
        resizeterm(rows, cols);
        k->code = KEY_RESIZE;
        return true;
    }
    if (!strcmp(cmd, ":idle")) {
        long sec = arg ? strtol(arg, NULL, 10) : -1;
        if (sec < 0)
            script_fail(s, ":idle needs seconds");
        t->idle_ms += sec * 1000;
        k->code = -1; /* a tick: the loop checks the idle lock */
        return true;
    }
    if (!strcmp(cmd, ":exec")) {
        // NOLINTNEXTLINE(cert-env33-c): the test scripts' own command (MEIBO_TUI_SCRIPT only)
        if (!arg || system(arg) != 0)
            script_fail(s, ":exec: the command failed");
        return false;
    }
    if (!strcmp(cmd, ":raw")) {
        char bytes[256];
        size_t n = 0;
        for (const char *p = arg ? arg : ""; *p && n < sizeof bytes; p++) {
            if (*p != '\\') {
                bytes[n++] = *p;
                continue;
            }
            p++;
            if (*p == 'e') {
                bytes[n++] = 27;
            } else if (*p == 'x' && p[1] && p[2]) {
                char hex[3] = {p[1], p[2], 0};
                bytes[n++] = (char)strtol(hex, NULL, 16);
                p += 2;
            } else if (*p == '\\') {
                bytes[n++] = '\\';
            } else {
                script_fail(s, ":raw: \\e, \\xNN or \\\\");
            }
        }
        if (!n || write(s->tty[1], bytes, n) != (ssize_t)n)
            script_fail(s, ":raw needs bytes");
        s->terminal = true;
        k->code = SCRIPT_TERMINAL;
        return true;
    }
    if (!strcmp(cmd, ":type")) {
        s->pos = arg ? arg : "";
        s->literal = true;
        return false;
    }
    script_fail(s, "unknown script command");
    return false;
}

bool script_next_key(tui *t, tui_script *s, tui_key *k)
{
    if (s->terminal) {
        k->code = SCRIPT_TERMINAL;
        k->ch = 0;
        return true;
    }
    for (;;) {
        if (s->pos && *s->pos) {
            if (s->literal) {
                mbstate_t ps = {0};
                wchar_t wc;
                size_t n = mbrtowc(&wc, s->pos, strlen(s->pos), &ps);
                if (n == 0 || n == (size_t)-1 || n == (size_t)-2)
                    script_fail(s, "not valid UTF-8");
                s->pos += n;
                k->code = 0;
                k->ch = wc;
                return true;
            }
            if (!keys_parse(&s->pos, k))
                script_fail(s, "cannot read a key here");
            if (k->ch == L'\r')
                k->ch = L'\n';
            return true;
        }
        s->pos = NULL;
        s->literal = false;
        if (!fgets(s->line, sizeof s->line, s->f))
            return false;
        s->lineno++;
        s->line[strcspn(s->line, "\n")] = '\0';
        if (!s->line[0] || s->line[0] == '#')
            continue;
        if (s->line[0] == ':') {
            if (command(t, s, s->line, k))
                return true;
            continue;
        }
        s->pos = s->line;
    }
}

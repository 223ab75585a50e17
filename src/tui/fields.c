/* fields.c: a column of labelled text and choice fields (the inquiry and pledge screens).
 * Tab/Down/Enter and BTab/Up move; Left/Right or Space change a choice; in a field of several
 * choices Left/Right move among them and Space marks or unmarks one. */
#include <stdio.h>
#include <string.h>

#include "fields.h"

static field *add(fieldset *fs, const char *name, const char *label)
{
    if (fs->n >= FIELDS_MAX)
        return &fs->f[FIELDS_MAX - 1];
    field *f = &fs->f[fs->n++];
    memset(f, 0, sizeof *f);
    f->name = name;
    snprintf(f->label, sizeof f->label, "%s", label);
    return f;
}

field *fields_text(fieldset *fs, const char *name, const char *label, const char *initial)
{
    field *f = add(fs, name, label);
    line_set(&f->line, initial);
    return f;
}

field *fields_choice(fieldset *fs, const char *name, const char *label)
{
    field *f = add(fs, name, label);
    f->choice = true;
    return f;
}

field *fields_multi(fieldset *fs, const char *name, const char *label)
{
    field *f = fields_choice(fs, name, label);
    f->multi = true;
    return f;
}

/* The labels of a multi field's marked choices, "、"-separated (@p codes: their codes, ","). */
static void multi_text(const field *f, bool codes, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < f->nchoices && used < len; i++)
        if (f->on[i])
            used += (size_t)snprintf(buf + used, len - used, "%s%s",
                                     used ? (codes ? "," : "、") : "",
                                     codes ? f->choices[i].code : f->choices[i].label);
}

void fields_add_choice(field *f, const char *code, const char *label)
{
    if (f->nchoices >= FIELD_CHOICES)
        return;
    field_choice *c = &f->choices[f->nchoices++];
    snprintf(c->code, sizeof c->code, "%s", code);
    snprintf(c->label, sizeof c->label, "%s", label);
}

const char *fields_get(const fieldset *fs, const char *name, char *buf, size_t len)
{
    buf[0] = '\0';
    for (int i = 0; i < fs->n; i++) {
        const field *f = &fs->f[i];
        if (strcmp(f->name, name))
            continue;
        if (f->multi)
            multi_text(f, true, buf, len);
        else if (f->choice)
            snprintf(buf, len, "%s", f->nchoices ? f->choices[f->sel].code : "");
        else
            line_get(&f->line, buf, len);
    }
    return buf;
}

void fields_draw(fieldset *fs, tui *t, WINDOW *w, int top, int rows, int cols)
{
    int lw = 26, iw = cols - lw - 3, cy = -1, cx = -1;
    if (fs->cur < fs->top)
        fs->top = fs->cur;
    if (fs->cur >= fs->top + rows)
        fs->top = fs->cur - rows + 1;
    for (int r = 0; r < rows && fs->top + r < fs->n; r++) {
        int i = fs->top + r, y = top + r;
        field *f = &fs->f[i];
        bool bad = fs->err_field[0] && !strcmp(fs->err_field, f->name);
        draw_text(w, y, 1, lw, f->label, bad ? tui_attr(t, EL_ERROR) : A_NORMAL);
        if (f->multi) {
            char text[1200], marked[1000];
            multi_text(f, false, marked, sizeof marked);
            int n = 0;
            for (int k = 0; k < f->nchoices; k++)
                n += f->on[k];
            if (i == fs->cur && f->nchoices)
                snprintf(text, sizeof text, "[%s] %s ←→ Space（%d/%d）", f->on[f->sel] ? "x" : " ",
                         f->choices[f->sel].label, n, f->nchoices);
            else
                snprintf(text, sizeof text, "%s", n ? marked : tr(T_NONE));
            draw_text(w, y, lw + 1, iw, text, i == fs->cur ? A_BOLD : A_NORMAL);
        } else if (f->choice) {
            char text[260];
            const char *label = f->nchoices ? f->choices[f->sel].label : "";
            if (i == fs->cur)
                snprintf(text, sizeof text, "[%s] ←→", label);
            else
                snprintf(text, sizeof text, "%s", label);
            draw_text(w, y, lw + 1, iw, text, i == fs->cur ? A_BOLD : A_NORMAL);
        } else {
            line_draw(w, y, lw + 1, iw, &f->line, i == fs->cur, tui_attr(t, EL_INPUT));
            if (i == fs->cur)
                getyx(w, cy, cx);
        }
    }
    if (cy >= 0)
        wmove(w, cy, cx);
    else
        wmove(w, LINES - 1, COLS - 1);
}

bool fields_key(fieldset *fs, tui_key k, tui_req req)
{
    if (!fs->n)
        return false;
    field *f = &fs->f[fs->cur];
    bool changed;
    if (req == REQ_NEXT_FIELD) {
        fs->cur = (fs->cur + 1) % fs->n;
        return true;
    }
    if (req == REQ_PREV_FIELD) {
        fs->cur = (fs->cur + fs->n - 1) % fs->n;
        return true;
    }
    if (f->multi) {
        if (!f->nchoices)
            return false;
        if (k.ch == L' ') {
            f->on[f->sel] = !f->on[f->sel];
            fs->edited = true;
            if (!strcmp(fs->err_field, f->name))
                fs->err_field[0] = '\0';
            return true;
        }
        if (k.code == KEY_RIGHT || k.code == KEY_LEFT) {
            f->sel = (f->sel + (k.code == KEY_RIGHT ? 1 : f->nchoices - 1)) % f->nchoices;
            return true;
        }
        return false;
    }
    if (f->choice) {
        if (!f->nchoices)
            return false;
        if (k.code == KEY_RIGHT || k.ch == L' ') {
            f->sel = (f->sel + 1) % f->nchoices;
            fs->edited = true;
            return true;
        }
        if (k.code == KEY_LEFT) {
            f->sel = (f->sel + f->nchoices - 1) % f->nchoices;
            fs->edited = true;
            return true;
        }
        return false;
    }
    if (line_key(&f->line, k, &changed)) {
        fs->edited |= changed;
        if (changed && !strcmp(fs->err_field, f->name))
            fs->err_field[0] = '\0';
        return true;
    }
    return false;
}

void fields_focus(fieldset *fs, const char *name)
{
    snprintf(fs->err_field, sizeof fs->err_field, "%s", name ? name : "");
    for (int i = 0; name && i < fs->n; i++)
        if (!strcmp(fs->f[i].name, name))
            fs->cur = i;
}

void fields_err(fieldset *fs, tui *t, const meibo_err *err)
{
    const char *label = NULL;
    fields_focus(fs, err->field[0] ? err->field : NULL);
    for (int i = 0; err->field[0] && i < fs->n; i++)
        if (!strcmp(fs->f[i].name, err->field))
            label = fs->f[i].label;
    if (label)
        tui_err_label(t, err, label);
    else
        tui_err(t, err);
}

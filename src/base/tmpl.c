/* tmpl.c: the template language of the printed forms (see tmpl.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

#include "meibo/buf.h"
#include "meibo/text.h"
#include "meibo/tmpl.h"

#define TMPL_MAX_DEPTH 8     /* partials within partials */
#define TMPL_MAX_NESTING 16  /* sections within sections at render time */
/* a letter is a few kilobytes: lists nested in lists must not make gigabytes (found by
 * tests/fuzz, fuzz_tmpl: 16 sections over 3 items each ran 3^16 times) */
#define TMPL_MAX_OUTPUT (1L << 20) /* bytes of text in one document */
#define TMPL_MAX_STEPS 1000000L    /* nodes rendered for one document */

/* @p arr (of *cap elements of @p elem bytes, @p n used) with room for one more (array_grow());
 * NULL with err filled when out of memory, @p arr then unchanged. */
static void *room(void *arr, int n, size_t *cap, size_t elem, meibo_err *err)
{
    void *p = array_grow(arr, cap, (size_t)n + 1, elem);
    if (!p)
        meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    return p;
}

/* ---- variables ------------------------------------------------------------------------- */

typedef enum tv_kind { TV_STR, TV_FLAG, TV_LIST } tv_kind;

typedef struct tv_entry {
    char *name;
    tv_kind kind;
    char *str;            /* TV_STR */
    bool flag;            /* TV_FLAG */
    int nitems;           /* TV_LIST: element scopes, owned */
    size_t cap;
    tmpl_vars **items;
} tv_entry;

struct tmpl_vars {
    int n;
    size_t cap;
    tv_entry *e;
};

tmpl_vars *tmpl_vars_new(meibo_err *err)
{
    tmpl_vars *v = calloc(1, sizeof *v);
    if (!v)
        meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    return v;
}

void tmpl_vars_free(tmpl_vars *v)
{
    if (!v)
        return;
    for (int i = 0; i < v->n; i++) {
        tv_entry *e = &v->e[i];
        free(e->name);
        free(e->str);
        for (int k = 0; k < e->nitems; k++)
            tmpl_vars_free(e->items[k]);
        free(e->items);
    }
    free(v->e);
    free(v);
}

static bool name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static bool name_valid(const char *s)
{
    if (!s || !*s)
        return false;
    for (; *s; s++)
        if (!name_char(*s))
            return false;
    return true;
}

static tv_entry *tv_find(const tmpl_vars *v, const char *name, size_t len)
{
    for (int i = 0; i < v->n; i++)
        if (strlen(v->e[i].name) == len && !memcmp(v->e[i].name, name, len))
            return &v->e[i];
    return NULL;
}

/* The entry @p name of @p v, created empty as @p kind when missing; an existing entry of
 * another kind is refused. */
static tv_entry *tv_entry_get(tmpl_vars *v, const char *name, tv_kind kind, meibo_err *err)
{
    if (!name_valid(name)) {
        meibo_fail_field(err, MEIBO_ERR_INVALID, "name", "template variable name '%s' is not "
                         "letters, digits and '_'", name ? name : "");
        return NULL;
    }
    tv_entry *e = tv_find(v, name, strlen(name));
    if (e) {
        if (e->kind != kind) {
            meibo_fail_field(err, MEIBO_ERR_INVALID, "name", "template variable '%s' is "
                             "already set as another kind", name);
            return NULL;
        }
        return e;
    }
    tv_entry *all = room(v->e, v->n, &v->cap, sizeof *all, err);
    if (!all)
        return NULL;
    v->e = all;
    e = &v->e[v->n];
    memset(e, 0, sizeof *e);
    if (!(e->name = strdup(name))) {
        meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        return NULL;
    }
    e->kind = kind;
    v->n++;
    return e;
}

meibo_status tmpl_set(tmpl_vars *v, const char *name, const char *value, meibo_err *err)
{
    if (!value)
        value = "";
    if (!text_utf8_valid(value, strlen(value), NULL))
        return meibo_fail_field(err, MEIBO_ERR_ENCODING, "value",
                                "template variable '%s': the value is not UTF-8", name);
    tv_entry *e = tv_entry_get(v, name, TV_STR, err);
    if (!e)
        return err ? err->code : MEIBO_ERR_INVALID;
    char *copy = strdup(value);
    if (!copy)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    free(e->str);
    e->str = copy;
    return MEIBO_OK;
}

meibo_status tmpl_setf(tmpl_vars *v, meibo_err *err, const char *name, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    meibo_status st = tmpl_set(v, name, s, err);
    free(s);
    return st;
}

meibo_status tmpl_set_flag(tmpl_vars *v, const char *name, bool on, meibo_err *err)
{
    tv_entry *e = tv_entry_get(v, name, TV_FLAG, err);
    if (!e)
        return err ? err->code : MEIBO_ERR_INVALID;
    e->flag = on;
    return MEIBO_OK;
}

meibo_status tmpl_list(tmpl_vars *v, const char *name, meibo_err *err)
{
    return tv_entry_get(v, name, TV_LIST, err) ? MEIBO_OK : err ? err->code : MEIBO_ERR_INVALID;
}

tmpl_vars *tmpl_list_add(tmpl_vars *v, const char *name, meibo_err *err)
{
    tv_entry *e = tv_entry_get(v, name, TV_LIST, err);
    if (!e)
        return NULL;
    tmpl_vars **items = room(e->items, e->nitems, &e->cap, sizeof *items, err);
    if (!items)
        return NULL;
    e->items = items;
    tmpl_vars *item = tmpl_vars_new(err);
    if (item)
        e->items[e->nitems++] = item;
    return item;
}

/* ---- parsing ----------------------------------------------------------------------------- */

typedef enum node_kind { N_TEXT, N_VAR, N_SECTION, N_INVERTED, N_STYLE, N_GROUP } node_kind;

typedef struct node {
    node_kind kind;
    char *text;          /* N_TEXT: the literal text; N_VAR, N_SECTION, N_INVERTED: the name */
    tmpl_style style;    /* N_STYLE */
    const char *file;    /* for messages; owned by the tmpl */
    int line;
    int nkids;           /* N_SECTION, N_INVERTED, N_GROUP */
    size_t cap;
    struct node *kids;
} node;

struct tmpl {
    node root;
    int nfiles;
    char *files[TMPL_MAX_DEPTH + 1];
};

static void node_clear(node *n)
{
    for (int i = 0; i < n->nkids; i++)
        node_clear(&n->kids[i]);
    free(n->kids);
    free(n->text);
}

void tmpl_free(tmpl *t)
{
    if (!t)
        return;
    node_clear(&t->root);
    for (int i = 0; i < t->nfiles; i++)
        free(t->files[i]);
    free(t);
}

/* Append a child to @p parent; its address is valid until the next append to @p parent. */
static node *node_add(node *parent, node_kind kind, const char *file, int line, meibo_err *err)
{
    node *kids = room(parent->kids, parent->nkids, &parent->cap, sizeof *kids, err);
    if (!kids)
        return NULL;
    parent->kids = kids;
    node *n = &parent->kids[parent->nkids++];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->file = file;
    n->line = line;
    return n;
}

typedef struct parser {
    tmpl *t;
    tmpl_loader loader;
    void *arg;
    meibo_err *err;
} parser;

static meibo_status syntax(parser *p, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static meibo_status syntax(parser *p, const char *file, int line, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    meibo_fail(p->err, MEIBO_ERR_INVALID, "%s:%d: %s", file, line, what);
    if (p->err)
        p->err->line = line;
    return MEIBO_ERR_INVALID;
}

/* Append literal text to @p parent (merged with a text node just before it). */
static meibo_status add_text(parser *p, node *parent, const char *file, int line, const char *s,
                             size_t len)
{
    if (!len)
        return MEIBO_OK;
    node *last = parent->nkids ? &parent->kids[parent->nkids - 1] : NULL;
    if (last && last->kind == N_TEXT) {
        size_t old = strlen(last->text);
        char *grown = realloc(last->text, old + len + 1);
        if (!grown)
            return meibo_fail(p->err, MEIBO_ERR_NOMEM, "out of memory");
        memcpy(grown + old, s, len);
        grown[old + len] = '\0';
        last->text = grown;
        return MEIBO_OK;
    }
    node *n = node_add(parent, N_TEXT, file, line, p->err);
    if (!n || !(n->text = strndup(s, len)))
        return meibo_fail(p->err, MEIBO_ERR_NOMEM, "out of memory");
    return MEIBO_OK;
}

/* A tag: its sigil ('\0' for a variable) and name, as found between "{{" and "}}". */
typedef struct tag {
    char sigil;
    const char *name;
    size_t len;
    const char *end; /* just after "}}" */
} tag;

/* Read the tag starting at @p s ("{{") within a line ending at @p eol. */
static meibo_status tag_read(parser *p, const char *file, int line, const char *s, const char *eol,
                             tag *out)
{
    memset(out, 0, sizeof *out);
    out->name = s + 2; /* never NULL, even on the ways out that set nothing */
    out->end = eol;
    const char *close = NULL;
    for (const char *q = s + 2; q + 1 < eol; q++)
        if (q[0] == '}' && q[1] == '}') {
            close = q;
            break;
        }
    if (!close)
        return syntax(p, file, line, "'{{' without '}}' on the same line");
    const char *q = s + 2;
    while (q < close && *q == ' ')
        q++;
    out->sigil = '\0';
    if (q < close && strchr("#^/!>", *q))
        out->sigil = *q++;
    out->end = close + 2;
    if (out->sigil == '!') {
        out->name = q;
        out->len = 0;
        return MEIBO_OK;
    }
    while (q < close && *q == ' ')
        q++;
    out->name = q;
    while (q < close && name_char(*q))
        q++;
    out->len = (size_t)(q - out->name);
    while (q < close && *q == ' ')
        q++;
    if (!out->len || q != close)
        return syntax(p, file, line, "bad tag '%.*s': a name is letters, digits and '_'",
                      (int)(out->end - s), s);
    return MEIBO_OK;
}

/* The stack of open sections while parsing one file. */
typedef struct open_sections {
    int depth;
    node *at[TMPL_MAX_NESTING + 1]; /* at[0]: the file's group node */
} open_sections;

static meibo_status parse_file(parser *p, node *group, const char *file, const char *src,
                               int depth);

/* Apply a section, partial or comment tag to the open sections. */
static meibo_status tag_apply(parser *p, open_sections *os, const char *file, int line,
                              const tag *tg, int depth)
{
    node *cur = os->at[os->depth];
    switch (tg->sigil) {
    case '!':
        return MEIBO_OK;
    case '#':
    case '^': {
        if (os->depth == TMPL_MAX_NESTING)
            return syntax(p, file, line, "sections nested more than %d deep", TMPL_MAX_NESTING);
        node *n = node_add(cur, tg->sigil == '#' ? N_SECTION : N_INVERTED, file, line, p->err);
        if (!n || !(n->text = strndup(tg->name, tg->len)))
            return meibo_fail(p->err, MEIBO_ERR_NOMEM, "out of memory");
        os->at[++os->depth] = n;
        return MEIBO_OK;
    }
    case '/':
        if (os->depth == 0)
            return syntax(p, file, line, "'{{/%.*s}}' closes no section", (int)tg->len, tg->name);
        if (strlen(cur->text) != tg->len || memcmp(cur->text, tg->name, tg->len))
            return syntax(p, file, line, "'{{/%.*s}}' closes '{{%c%s}}' of line %d", (int)tg->len,
                          tg->name, cur->kind == N_SECTION ? '#' : '^', cur->text, cur->line);
        os->depth--;
        return MEIBO_OK;
    case '>': {
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)tg->len, tg->name);
        const char *pfile = NULL;
        const char *psrc = p->loader ? p->loader(name, &pfile, p->arg) : NULL;
        if (!psrc)
            return syntax(p, file, line, "no template '%s' for '{{>%s}}'", name, name);
        if (depth >= TMPL_MAX_DEPTH)
            return syntax(p, file, line, "partials nested more than %d deep", TMPL_MAX_DEPTH);
        node *g = node_add(cur, N_GROUP, file, line, p->err);
        if (!g)
            return MEIBO_ERR_NOMEM;
        return parse_file(p, g, pfile ? pfile : name, psrc, depth + 1);
    }
    default:
        return MEIBO_OK;
    }
}

/* Does the line [s, eol) hold only one section, partial or comment tag and spaces? */
static bool standalone(parser *p, const char *file, int line, const char *s, const char *eol,
                       tag *tg)
{
    while (s < eol && (*s == ' ' || *s == '\t'))
        s++;
    if (eol - s < 4 || s[0] != '{' || s[1] != '{')
        return false;
    meibo_err scratch;
    meibo_err *keep = p->err;
    p->err = &scratch;
    meibo_status st = tag_read(p, file, line, s, eol, tg);
    p->err = keep;
    if (st || !tg->sigil || !strchr("#^/!>", tg->sigil))
        return false;
    for (s = tg->end; s < eol; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r')
            return false;
    return true;
}

static const struct {
    const char *word;
    tmpl_style style;
} line_styles[] = {
    {"title", TMPL_TITLE}, {"center", TMPL_CENTER}, {"right", TMPL_RIGHT}, {"indent", TMPL_INDENT},
    {"address", TMPL_ADDRESS}, {"page", TMPL_PAGE},
};

/* A line style at the start of a line: "@word " (or "@word" alone). *skip receives the bytes it
 * takes; 0 and no node when the line has none. "@@" stands for a literal "@". */
static meibo_status line_style(parser *p, node *cur, const char *file, int line, const char *s,
                               const char *eol, size_t *skip)
{
    *skip = 0;
    if (s == eol || *s != '@')
        return MEIBO_OK;
    if (s + 1 < eol && s[1] == '@') {
        *skip = 1; /* the second '@' stays as text */
        return MEIBO_OK;
    }
    const char *w = s + 1, *e = w;
    while (e < eol && *e >= 'a' && *e <= 'z')
        e++;
    if (e == w || (e < eol && *e != ' '))
        return MEIBO_OK; /* "@" followed by something else: literal text */
    for (size_t i = 0; i < sizeof line_styles / sizeof *line_styles; i++) {
        if (strlen(line_styles[i].word) == (size_t)(e - w) &&
            !memcmp(line_styles[i].word, w, (size_t)(e - w))) {
            node *n = node_add(cur, N_STYLE, file, line, p->err);
            if (!n)
                return MEIBO_ERR_NOMEM;
            n->style = line_styles[i].style;
            *skip = (size_t)(e - s) + (e < eol ? 1 : 0);
            return MEIBO_OK;
        }
    }
    return syntax(p, file, line, "unknown line style '@%.*s' (@title, @center, @right, @indent, "
                  "@address, @page; "
                  "@@ for a literal @)", (int)(e - w), w);
}

static meibo_status parse_file(parser *p, node *group, const char *file, const char *src,
                               int depth)
{
    /* keep the file's name for the nodes' messages */
    if (p->t->nfiles > TMPL_MAX_DEPTH)
        return syntax(p, file, 1, "too many template files");
    char *fname = strdup(file);
    if (!fname)
        return meibo_fail(p->err, MEIBO_ERR_NOMEM, "out of memory");
    p->t->files[p->t->nfiles++] = fname;
    if (!text_utf8_valid(src, strlen(src), NULL))
        return syntax(p, fname, 1, "the template is not UTF-8");

    open_sections os = {0, {group}};
    meibo_status st = MEIBO_OK;
    int line = 0;
    for (const char *s = src; *s && !st;) {
        line++;
        const char *nl = strchr(s, '\n');
        const char *eol = nl ? nl : s + strlen(s);
        const char *next = nl ? nl + 1 : eol;
        tag tg = {0};
        if (standalone(p, fname, line, s, eol, &tg)) {
            st = tag_apply(p, &os, fname, line, &tg, depth);
            s = next;
            continue;
        }
        size_t skip;
        if ((st = line_style(p, os.at[os.depth], fname, line, s, eol, &skip)))
            break;
        const char *q = s + skip, *run = q;
        while (q < eol && !st) {
            if (q[0] != '{' || q + 1 >= eol || q[1] != '{') {
                q++;
                continue;
            }
            if ((st = add_text(p, os.at[os.depth], fname, line, run, (size_t)(q - run))) ||
                (st = tag_read(p, fname, line, q, eol, &tg)))
                break;
            if (tg.sigil) {
                st = tag_apply(p, &os, fname, line, &tg, depth);
            } else {
                node *n = node_add(os.at[os.depth], N_VAR, fname, line, p->err);
                if (!n || !(n->text = strndup(tg.name, tg.len)))
                    st = meibo_fail(p->err, MEIBO_ERR_NOMEM, "out of memory");
            }
            q = run = tg.end;
        }
        if (!st)
            st = add_text(p, os.at[os.depth], fname, line, run, (size_t)(next - run));
        s = next;
    }
    if (!st && os.depth > 0) {
        node *n = os.at[os.depth];
        st = syntax(p, fname, n->line, "'{{%c%s}}' is never closed",
                    n->kind == N_SECTION ? '#' : '^', n->text);
    }
    return st;
}

meibo_status tmpl_parse(const char *file, const char *src, tmpl_loader loader, void *arg,
                        tmpl **out, meibo_err *err)
{
    *out = NULL;
    tmpl *t = calloc(1, sizeof *t);
    if (!t)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    t->root.kind = N_GROUP;
    parser p = {t, loader, arg, err};
    meibo_status st = parse_file(&p, &t->root, file ? file : "(template)", src ? src : "", 0);
    if (st) {
        tmpl_free(t);
        return st;
    }
    *out = t;
    return MEIBO_OK;
}

/* ---- rendering --------------------------------------------------------------------------- */

typedef struct render {
    tmpl_doc *doc;
    char *buf;            /* the current line */
    size_t len, cap;
    tmpl_style style;
    const tmpl_vars *scope[TMPL_MAX_NESTING + 2];
    int nscope;
    long total, steps; /* bytes written and nodes rendered, against the limits above */
    meibo_err *err;
} render;

static meibo_status out_bytes(render *r, const char *s, size_t n)
{
    char *p = array_grow(r->buf, &r->cap, r->len + n + 1, 1);
    if (!p)
        return meibo_fail(r->err, MEIBO_ERR_NOMEM, "out of memory");
    r->buf = p;
    memcpy(r->buf + r->len, s, n);
    r->len += n;
    r->total += (long)n;
    r->buf[r->len] = '\0';
    return MEIBO_OK;
}

/* End the current line: it becomes a line of the document. */
static meibo_status out_line(render *r)
{
    tmpl_doc *d = r->doc;
    tmpl_line *lines = room(d->lines, d->n, &d->cap, sizeof *lines, r->err);
    if (!lines)
        return MEIBO_ERR_NOMEM;
    d->lines = lines;
    char *text = r->len ? strndup(r->buf, r->len) : strdup("");
    if (!text)
        return meibo_fail(r->err, MEIBO_ERR_NOMEM, "out of memory");
    d->lines[d->n++] = (tmpl_line){r->style, text};
    r->len = 0;
    r->style = TMPL_PLAIN;
    return MEIBO_OK;
}

/* A value as text: control characters (C0, DEL, C1) become a space. */
static meibo_status out_value(render *r, const char *v)
{
    for (const unsigned char *s = (const unsigned char *)v; *s;) {
        size_t n = 1;
        bool ctl = *s < 0x20 || *s == 0x7F;
        if (s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F)
            ctl = true, n = 2;
        meibo_status st = ctl ? out_bytes(r, " ", 1) : out_bytes(r, (const char *)s, 1);
        if (st)
            return st;
        s += n;
    }
    return MEIBO_OK;
}

static const tv_entry *lookup(const render *r, const char *name)
{
    for (int i = r->nscope - 1; i >= 0; i--) {
        const tv_entry *e = tv_find(r->scope[i], name, strlen(name));
        if (e)
            return e;
    }
    return NULL;
}

/* Fail naming the tag's file and line: "FILE:LINE: <before>'<name>'<after>". */
static meibo_status render_fail(render *r, const node *n, const char *before, const char *name,
                                const char *after)
{
    meibo_fail(r->err, MEIBO_ERR_INVALID, "%s:%d: %s'%s'%s", n->file, n->line, before, name,
               after);
    if (r->err)
        r->err->line = n->line;
    return MEIBO_ERR_INVALID;
}

static meibo_status render_nodes(render *r, const node *kids, int n);

static meibo_status render_scoped(render *r, const node *n, const tmpl_vars *scope)
{
    if (r->nscope >= (int)(sizeof r->scope / sizeof *r->scope))
        return render_fail(r, n, "sections nested too deep at ", n->text, "");
    r->scope[r->nscope++] = scope;
    meibo_status st = render_nodes(r, n->kids, n->nkids);
    r->nscope--;
    return st;
}

static meibo_status render_node(render *r, const node *n)
{
    const tv_entry *e = NULL;
    bool named = n->kind == N_VAR || n->kind == N_SECTION || n->kind == N_INVERTED;
    if (++r->steps > TMPL_MAX_STEPS || r->total > TMPL_MAX_OUTPUT)
        return render_fail(r, n, "the document grows too large (over 1 MB) at ",
                           named ? n->text : "", "");
    if (n->kind == N_VAR || n->kind == N_SECTION || n->kind == N_INVERTED) {
        if (!(e = lookup(r, n->text)))
            return render_fail(r, n, "unknown variable ", n->text, "");
    }
    switch (n->kind) {
    case N_TEXT:
        for (const char *s = n->text; *s;) {
            const char *nl = strchr(s, '\n');
            size_t len = nl ? (size_t)(nl - s) : strlen(s);
            meibo_status st = out_bytes(r, s, len);
            if (!st && nl)
                st = out_line(r);
            if (st)
                return st;
            s += len + (nl ? 1 : 0);
        }
        return MEIBO_OK;
    case N_STYLE:
        r->style = n->style;
        return MEIBO_OK;
    case N_VAR:
        if (e->kind != TV_STR)
            return render_fail(r, n, "", n->text, " is a list or a flag, not a value: use it as "
                               "a section");
        return out_value(r, e->str);
    case N_GROUP:
        return render_nodes(r, n->kids, n->nkids);
    case N_SECTION:
        if (e->kind == TV_LIST) {
            for (int i = 0; i < e->nitems; i++) {
                meibo_status st = render_scoped(r, n, e->items[i]);
                if (st)
                    return st;
            }
            return MEIBO_OK;
        }
        if (e->kind == TV_FLAG ? e->flag : *e->str)
            return render_nodes(r, n->kids, n->nkids);
        return MEIBO_OK;
    case N_INVERTED: {
        bool empty = e->kind == TV_LIST ? e->nitems == 0 : e->kind == TV_FLAG ? !e->flag : !*e->str;
        return empty ? render_nodes(r, n->kids, n->nkids) : MEIBO_OK;
    }
    }
    return MEIBO_OK;
}

static meibo_status render_nodes(render *r, const node *kids, int n)
{
    for (int i = 0; i < n; i++) {
        meibo_status st = render_node(r, &kids[i]);
        if (st)
            return st;
    }
    return MEIBO_OK;
}

void tmpl_doc_clear(tmpl_doc *d)
{
    for (int i = 0; i < d->n; i++)
        free(d->lines[i].text);
    free(d->lines);
    memset(d, 0, sizeof *d);
}

meibo_status tmpl_render(const tmpl *t, const tmpl_vars *v, tmpl_doc *out, meibo_err *err)
{
    memset(out, 0, sizeof *out);
    render r = {.doc = out, .err = err, .nscope = 1};
    r.scope[0] = v;
    meibo_status st = render_nodes(&r, t->root.kids, t->root.nkids);
    if (!st && (r.len || r.style != TMPL_PLAIN))
        st = out_line(&r);
    free(r.buf);
    if (st)
        tmpl_doc_clear(out);
    return st;
}

meibo_status tmpl_doc_text(const tmpl_doc *d, int width, char **out, meibo_err *err)
{
    *out = NULL;
    size_t cap = 1;
    for (int i = 0; i < d->n; i++)
        cap += strlen(d->lines[i].text) + (size_t)width + 8;
    char *buf = malloc(cap), *w = buf;
    if (!buf)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    for (int i = 0; i < d->n; i++) {
        const tmpl_line *l = &d->lines[i];
        int cells = u8_strwidth((const uint8_t *)l->text, "UTF-8");
        int pad = 0;
        switch (*l->text ? l->style : TMPL_PLAIN) {
        case TMPL_TITLE:
        case TMPL_CENTER: pad = (width - cells) / 2; break;
        case TMPL_RIGHT: pad = width - cells; break;
        case TMPL_INDENT: pad = 4; break;
        case TMPL_PLAIN:
        case TMPL_ADDRESS:
        case TMPL_PAGE: break;
        }
        for (int k = 0; k < pad && k < width; k++)
            *w++ = ' ';
        size_t n = strlen(l->text);
        memcpy(w, l->text, n);
        w += n;
        *w++ = '\n';
    }
    *w = '\0';
    *out = buf;
    return MEIBO_OK;
}

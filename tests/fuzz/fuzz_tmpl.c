/* fuzz_tmpl.c: the form template language (src/base/tmpl.c): parsing any template, rendering it
 * with values taken from the input, and the plain-text output.
 * Input: template source, then 0x00 and values separated by 0x00 (name, given, list items).
 * Properties: no crash or leak; errors name file and line; a value is never read as syntax
 * and never puts a control character into the output. */
#include "fuzz.h"

#include "meibo/text.h"
#include "meibo/tmpl.h"

static const char *loader(const char *name, const char **file, void *arg)
{
    (void)arg;
    if (!strcmp(name, "head")) {
        *file = "forms/head.tmpl";
        return "@right {{date}}\n{{#yes}}{{name}}{{/yes}}\n";
    }
    if (!strcmp(name, "loop")) { /* includes itself: must be refused, not recurse forever */
        *file = "forms/loop.tmpl";
        return "{{>loop}}\n";
    }
    if (!strcmp(name, "bad")) {
        *file = "forms/bad.tmpl";
        return "{{#yes}}\n";
    }
    return NULL;
}

/* Does @p s hold a control byte other than '\n' (C0, DEL; C1 as U+0080..U+009F)? */
static bool has_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p < 0x20 && *p != '\n') || *p == 0x7F)
            return true;
        if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            return true;
    }
    return false;
}

static char *render(const char *file, const char *src, const tmpl_vars *v, int width,
                    meibo_status *st, meibo_err *err)
{
    tmpl *t = NULL;
    char *out = NULL;
    *st = tmpl_parse(file, src, loader, NULL, &t, err);
    if (*st == MEIBO_OK) {
        FUZZ_CHECK(t != NULL, "no template");
        tmpl_doc d = {0};
        *st = tmpl_render(t, v, &d, err);
        if (*st == MEIBO_OK) {
            *st = tmpl_doc_text(&d, width, &out, err);
            FUZZ_CHECK(*st == MEIBO_OK, "%s", err->msg);
        } else {
            FUZZ_CHECK(d.n == 0, "a failed render left %d lines", d.n);
        }
        tmpl_doc_clear(&d);
    }
    if (*st != MEIBO_OK) {
        FUZZ_CHECK(*st == MEIBO_ERR_INVALID, "status %d", (int)*st);
        FUZZ_CHECK(strstr(err->msg, "forms/") == err->msg, "error without the file: %s",
                   err->msg);
    }
    tmpl_free(t);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *buf = malloc(size + 4); /* room for the missing separators and terminator */
    if (!buf)
        abort();
    memcpy(buf, data, size);
    memset(buf + size, 0, 4);
    const char *src = buf;
    const char *val[3];
    const char *p = buf + strlen(buf) + 1;
    for (int i = 0; i < 3; i++) {
        val[i] = p < buf + size + 1 ? p : "";
        if (p < buf + size + 1)
            p += strlen(p) + 1;
    }
    int width = size ? 10 + data[0] % 90 : 40;

    meibo_err err;
    meibo_err_clear(&err);
    tmpl_vars *v = tmpl_vars_new(&err);
    FUZZ_CHECK(v != NULL, "%s", err.msg);
    bool values_ok = tmpl_set(v, "name", val[0], &err) == MEIBO_OK;
    tmpl_set(v, "date", "令和8年11月21日", &err);
    values_ok &= tmpl_set(v, "given", val[1], &err) == MEIBO_OK;
    tmpl_set_flag(v, "yes", true, &err);
    tmpl_set_flag(v, "no", false, &err);
    tmpl_list(v, "empty", &err);
    for (int i = 0; i < 3; i++) {
        tmpl_vars *e = tmpl_list_add(v, "items", &err);
        FUZZ_CHECK(e != NULL, "%s", err.msg);
        tmpl_setf(e, &err, "n", "%d", i);
        values_ok &= tmpl_set(e, "x", val[2], &err) == MEIBO_OK;
    }
    /* a list name used as a value is refused, not crashed on */
    FUZZ_CHECK(tmpl_list_add(v, "date", &err) == NULL, "a value became a list");

    /* any template */
    meibo_status st;
    char *out = render("forms/fuzz.tmpl", src, v, width, &st, &err);
    if (out)
        FUZZ_CHECK(text_utf8_valid(out, strlen(out), NULL) ||
                       !text_utf8_valid(src, strlen(src), NULL),
                   "output of a UTF-8 template is not UTF-8");
    free(out);

    /* a value is printed as it is: never syntax, never a control character */
    if (values_ok) {
        out = render("forms/value.tmpl", "@title {{name}}\n{{#items}}{{x}}{{/items}}\n{{name}}\n",
                     v, width, &st, &err);
        FUZZ_CHECK(st == MEIBO_OK && out, "a value broke a good template: %s", err.msg);
        FUZZ_CHECK(!has_control(out), "a control character in the output: [%s]", out);
        size_t lines = 0;
        for (const char *q = out; *q; q++)
            lines += *q == '\n';
        FUZZ_CHECK(lines == 3, "a value changed the number of lines (%zu): [%s]", lines, out);
        free(out);
    }
    tmpl_vars_free(v);
    free(buf);
    return 0;
}

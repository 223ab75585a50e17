/* test_tmpl.c: the template language of the forms: values, sections, partials, line styles,
 * errors naming file and line, and values never read as template syntax. */
#include "helpers.h"
#include "meibo/tmpl.h"

/* Partials for the tests: "head" and "loop" (which includes itself). */
static const char *loader(const char *name, const char **file, void *arg)
{
    (void)arg;
    if (!strcmp(name, "head")) {
        *file = "forms/head.tmpl";
        return "@right {{date}}\n{{!a comment}}\n{{missing_in_head}}\n";
    }
    if (!strcmp(name, "ok")) {
        *file = "forms/ok.tmpl";
        return "@right {{date}}\n";
    }
    if (!strcmp(name, "loop")) {
        *file = "forms/loop.tmpl";
        return "{{>loop}}\n";
    }
    return NULL;
}

/* Parse and render @p src with @p v as text @p width cells wide; NULL (and *st) on failure. */
static char *render(const char *src, const tmpl_vars *v, int width, meibo_status *st,
                    meibo_err *err)
{
    tmpl *t = NULL;
    tmpl_doc d;
    char *out = NULL;
    meibo_err_clear(err);
    *st = tmpl_parse("forms/t.tmpl", src, loader, NULL, &t, err);
    if (!*st) {
        *st = tmpl_render(t, v, &d, err);
        if (!*st) {
            *st = tmpl_doc_text(&d, width, &out, err);
            tmpl_doc_clear(&d);
        }
    }
    tmpl_free(t);
    return out;
}

static void expect(const char *src, const tmpl_vars *v, int width, const char *want)
{
    meibo_err err;
    meibo_status st;
    char *got = render(src, v, width, &st, &err);
    if (st)
        fail_msg("'%s': %s", src, err.msg);
    if (strcmp(got, want) != 0)
        fail_msg("'%s' rendered\n[%s]\nnot\n[%s]", src, got, want);
    free(got);
}

static void expect_error(const char *src, const tmpl_vars *v, const char *says, long line)
{
    meibo_err err;
    meibo_status st;
    char *got = render(src, v, 20, &st, &err);
    if (!st)
        fail_msg("'%s' rendered [%s] instead of failing with '%s'", src, got, says);
    assert_int_equal(st, MEIBO_ERR_INVALID);
    if (!strstr(err.msg, says))
        fail_msg("'%s': message '%s' lacks '%s'", src, err.msg, says);
    assert_int_equal(err.line, line);
    free(got);
}

static tmpl_vars *vars(void)
{
    meibo_err err;
    tmpl_vars *v = tmpl_vars_new(&err);
    assert_non_null(v);
    assert_ok(tmpl_set(v, "name", "髙橋一郎", &err), &err);
    assert_ok(tmpl_set(v, "date", "令和8年11月21日", &err), &err);
    assert_ok(tmpl_set(v, "empty", "", &err), &err);
    assert_ok(tmpl_setf(v, &err, "no", "%d", 12), &err);
    assert_ok(tmpl_set_flag(v, "yes", true, &err), &err);
    assert_ok(tmpl_set_flag(v, "nope", false, &err), &err);
    assert_ok(tmpl_list(v, "none", &err), &err);
    static const char *const items[][2] = {{"a", "会員番号"}, {"d", "所属施設名・住所"}};
    for (int i = 0; i < 2; i++) {
        tmpl_vars *e = tmpl_list_add(v, "items", &err);
        assert_non_null(e);
        assert_ok(tmpl_set(e, "item", items[i][0], &err), &err);
        assert_ok(tmpl_set(e, "name", items[i][1], &err), &err);
        for (int k = 0; k < i + 1; k++) {
            tmpl_vars *row = tmpl_list_add(e, "values", &err);
            assert_non_null(row);
            assert_ok(tmpl_setf(row, &err, "value", "v%d%d", i, k), &err);
        }
    }
    return v;
}

/* Values, sections over lists (the element's variables first, then the enclosing ones),
 * flags, values as sections, inverted sections, standalone tags leaving no line. */
static void test_sections(void **state)
{
    (void)state;
    tmpl_vars *v = vars();
    expect("{{name}} 様\n", v, 20, "髙橋一郎 様\n");
    expect("第{{ no }}号", v, 20, "第12号\n");
    expect("{{#items}}\n({{item}}){{name}} {{no}}\n{{#values}}\n- {{value}}\n{{/values}}\n"
           "{{/items}}\n",
           v, 20, "(a)会員番号 12\n- v00\n(d)所属施設名・住所 12\n- v10\n- v11\n");
    expect("{{#yes}}Y{{/yes}}{{#nope}}N{{/nope}}{{^nope}}n{{/nope}}{{^yes}}y{{/yes}}\n", v, 20,
           "Yn\n");
    expect("{{#empty}}E{{/empty}}{{^empty}}e{{/empty}}{{#name}}[{{name}}]{{/name}}\n", v, 20,
           "e[髙橋一郎]\n");
    expect("{{#none}}x{{/none}}{{^none}}(none){{/none}}\n", v, 20, "(none)\n");
    expect("  {{! a comment line leaves no line }}\na\n\n{{#yes}}\nb\n{{/yes}}\n", v, 20,
           "a\n\nb\n");
    tmpl_vars_free(v);
}

/* Line styles come from the template: right, centre and title by display width (kanji are
 * two cells), indent; "@@" is a literal "@"; "@" before anything else is text. */
static void test_styles(void **state)
{
    (void)state;
    tmpl_vars *v = vars();
    expect("@right {{date}}\n", v, 20, "     令和8年11月21日\n");
    expect("@center 記\n@title 照会回答書\n", v, 10, "    記\n照会回答書\n");
    expect("@indent （{{no}}）\n", v, 20, "    （12）\n");
    expect("@@right\n@ home\nmail@example.jp\n", v, 20, "@right\n@ home\nmail@example.jp\n");
    expect("@right\n", v, 20, "\n"); /* a style on an empty line */
    expect("{{>ok}}x\n", v, 20, "     令和8年11月21日\nx\n");
    tmpl_vars_free(v);
}

/* No injection: a value holding template syntax or a line style prints as it is; control
 * characters print as spaces and cannot start a line. */
static void test_no_injection(void **state)
{
    (void)state;
    meibo_err err;
    tmpl_vars *v = tmpl_vars_new(&err);
    assert_ok(tmpl_set(v, "secret", "TOP SECRET", &err), &err);
    assert_ok(tmpl_set(v, "x", "{{secret}} {{#secret}}{{/secret}} {{>head}} {{!c}}", &err), &err);
    assert_ok(tmpl_set(v, "y", "@title 偽の表題", &err), &err);
    assert_ok(tmpl_set(v, "z", "a\n@title b\tc\x1b[2Jd\xc2\x9b", &err), &err);
    expect("{{x}}\n{{y}}\n{{z}}\n", v, 20,
           "{{secret}} {{#secret}}{{/secret}} {{>head}} {{!c}}\n@title 偽の表題\n"
           "a @title b c [2Jd \n");
    /* a value that is not UTF-8, or a bad name, is refused */
    assert_int_equal(tmpl_set(v, "bad", "\xff", &err), MEIBO_ERR_ENCODING);
    assert_int_equal(tmpl_set(v, "bad name", "x", &err), MEIBO_ERR_INVALID);
    assert_int_equal(tmpl_set_flag(v, "secret", true, &err), MEIBO_ERR_INVALID); /* a value */
    tmpl_vars_free(v);
}

/* Every error names the template file and line. */
static void test_errors(void **state)
{
    (void)state;
    static const struct {
        const char *src, *says;
        long line;
    } cases[] = {
        {"a\nb\n{{nobody}}\n", "forms/t.tmpl:3: unknown variable 'nobody'", 3},
        {"{{#items}}\n{{item}}\n{{#values}}\n{{valu}}\n{{/values}}\n{{/items}}\n",
         "forms/t.tmpl:4: unknown variable 'valu'", 4},
        {"x\n{{>head}}\n", "forms/head.tmpl:3: unknown variable 'missing_in_head'", 3},
        {"{{items}}\n", "forms/t.tmpl:1: 'items' is a list or a flag", 1},
        {"{{yes}}\n", "forms/t.tmpl:1: 'yes' is a list or a flag", 1},
        {"a\n{{#items}}\nb\n", "forms/t.tmpl:2: '{{#items}}' is never closed", 2},
        {"{{#items}}\n{{/values}}\n", "forms/t.tmpl:2: '{{/values}}' closes '{{#items}}' of line 1",
         2},
        {"\n{{/items}}\n", "forms/t.tmpl:2: '{{/items}}' closes no section", 2},
        {"a {{name\n}}\n", "forms/t.tmpl:1: '{{' without '}}' on the same line", 1},
        {"{{na-me}}\n", "forms/t.tmpl:1: bad tag '{{na-me}}'", 1},
        {"{{}}\n", "forms/t.tmpl:1: bad tag", 1},
        {"\n\n@rigth {{date}}\n", "forms/t.tmpl:3: unknown line style '@rigth'", 3},
        {"{{>nowhere}}\n", "forms/t.tmpl:1: no template 'nowhere'", 1},
        {"{{>loop}}\n", "partials nested more than 8 deep", 1},
        {"\xff\n", "forms/t.tmpl:1: the template is not UTF-8", 1},
    };
    tmpl_vars *v = vars();
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        expect_error(cases[i].src, v, cases[i].says, cases[i].line);
    tmpl_vars_free(v);
}

/* Found by tests/fuzz (fuzz_tmpl): sections over a list nested 16 deep rendered 3^16 times
 * (minutes, gigabytes); the renderer stops at 1 MB or a million tags, naming file and line. */
static void test_render_bounded(void **state)
{
    (void)state;
    meibo_err err;
    tmpl_vars *v = tmpl_vars_new(&err);
    assert_non_null(v);
    for (int i = 0; i < 3; i++)
        assert_non_null(tmpl_list_add(v, "items", &err));
    char src[1024] = "";
    for (int i = 0; i < 16; i++)
        strcat(src, "{{#items}}");
    strcat(src, "x");
    for (int i = 0; i < 16; i++)
        strcat(src, "{{/items}}");
    strcat(src, "\n");
    expect_error(src, v, "grows too large", 1);
    /* a real list of a few thousand rows still renders */
    tmpl_vars *w = tmpl_vars_new(&err);
    for (int i = 0; i < 3000; i++) {
        tmpl_vars *e = tmpl_list_add(w, "rows", &err);
        assert_ok(tmpl_setf(e, &err, "n", "%d", i), &err);
    }
    meibo_status st;
    char *out = render("{{#rows}}{{n}} 髙橋一郎 東京都千代田区架空1-1-1\n{{/rows}}", w, 80, &st, &err);
    assert_int_equal(st, MEIBO_OK);
    assert_non_null(strstr(out, "2999 髙橋"));
    free(out);
    tmpl_vars_free(w);
    tmpl_vars_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render_bounded),
        cmocka_unit_test(test_sections),
        cmocka_unit_test(test_styles),
        cmocka_unit_test(test_no_injection),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_text_width.c: display cells and wrapping (text.h): what the terminal UI uses to wrap
 * decision reasons and messages instead of cutting them at column 80 (issue 14). */
#include "helpers.h"

#include "meibo/text.h"

typedef struct lines {
    char text[16][200];
    int n;
} lines;

static int collect(const char *line, size_t len, void *arg)
{
    lines *l = arg;
    if (l->n < 16)
        snprintf(l->text[l->n++], sizeof l->text[0], "%.*s", (int)len, line);
    return 0;
}

static void test_cells(void **state)
{
    (void)state;
    assert_int_equal(text_width("abc", 1), 3);
    assert_int_equal(text_width("会員", 1), 4);
    assert_int_equal(text_width("①※─", 1), 3);
    assert_int_equal(text_width("①※─", 2), 6);
    assert_int_equal(text_width("ｱｲ", 1), 2); /* half-width katakana */
    assert_int_equal(text_cell_width(0x0301, 1), 0);
    assert_int_equal(text_cell_width(0x1B, 1), -1);
}

static void test_wrap_japanese(void **state)
{
    (void)state;
    lines l = {0};
    /* 20 cells: ten kanji a line; 。 never starts a line (it takes the す with it) */
    int n = text_wrap("第二十条第一項により提供できません。", 20, 1, collect, &l);
    assert_int_equal(n, 2);
    assert_string_equal(l.text[0], "第二十条第一項により");
    assert_string_equal(l.text[1], "提供できません。");
    memset(&l, 0, sizeof l);
    n = text_wrap("一二三四五六七八九す。", 20, 1, collect, &l);
    assert_int_equal(n, 2);
    assert_string_equal(l.text[0], "一二三四五六七八九");
    assert_string_equal(l.text[1], "す。");
    /* （ never ends a line */
    memset(&l, 0, sizeof l);
    n = text_wrap("一二三四五六七八九（第20条）", 20, 1, collect, &l);
    assert_string_equal(l.text[0], "一二三四五六七八九");
    assert_string_equal(l.text[1], "（第20条）");
    /* every cell within the width, nothing lost */
    memset(&l, 0, sizeof l);
    const char *s = "・第20条第1項(a) 会員番号: 利用目的「在籍確認等で他団体から求められる場合」"
                    "(enrollment_check) は本人の同意の範囲内です";
    n = text_wrap(s, 40, 1, collect, &l);
    char joined[600] = "";
    for (int i = 0; i < n; i++) {
        assert_true(text_width(l.text[i], 1) <= 40);
        strcat(joined, l.text[i]);
    }
    /* only the spaces a line broke at are gone */
    assert_true(strlen(joined) >= strlen(s) - (size_t)n);
    assert_non_null(strstr(joined, "(enrollment_check)"));
}

static void test_wrap_words(void **state)
{
    (void)state;
    lines l = {0};
    int n = text_wrap("the chief officer must approve this", 12, 1, collect, &l);
    assert_int_equal(n, 3);
    assert_string_equal(l.text[0], "the chief");
    assert_string_equal(l.text[1], "officer must");
    assert_string_equal(l.text[2], "approve this");
    /* a word longer than the line is cut where it must be */
    memset(&l, 0, sizeof l);
    n = text_wrap("abcdefghijklmnop", 6, 1, collect, &l);
    assert_int_equal(n, 3);
    assert_string_equal(l.text[0], "abcdef");
    assert_string_equal(l.text[2], "mnop");
    /* newlines break; an empty text is one empty line */
    memset(&l, 0, sizeof l);
    assert_int_equal(text_wrap("a\n\nb", 10, 1, collect, &l), 3);
    assert_string_equal(l.text[1], "");
    assert_int_equal(text_wrap("", 10, 1, NULL, NULL), 1);
    /* ambiguous_width = 2: ① takes two cells */
    assert_int_equal(text_wrap("①①①", 4, 2, NULL, NULL), 2);
    assert_int_equal(text_wrap("①①①", 4, 1, NULL, NULL), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cells),
        cmocka_unit_test(test_wrap_japanese),
        cmocka_unit_test(test_wrap_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_date.c: 西暦 and 和暦 dates as clerks write them, era boundaries, formatting. */
#include "helpers.h"

#include <stdbool.h>

#include "meibo/check.h"
#include "meibo/date.h"

#define N(a) (sizeof(a) / sizeof *(a))

typedef struct ok_case {
    const char *in;
    int y, m, d;
} ok_case;

/* Dates on the member CSV (入会年月日, 生年月日, 第三者提供停止申出日): 西暦 or 和暦. */
static void test_parse_accepts(void **state)
{
    (void)state;
    static const ok_case cases[] = {
        {"2023-04-01", 2023, 4, 1},
        {"2023/4/1", 2023, 4, 1},
        {"2023.04.01", 2023, 4, 1},
        {"2023年4月1日", 2023, 4, 1},
        {"2023年04月01日", 2023, 4, 1},
        {"２０２３年４月１日", 2023, 4, 1},
        {"２０２３－０４－０１", 2023, 4, 1},
        {"２０２３／４／１", 2023, 4, 1},
        {"2023ー04ー01", 2023, 4, 1}, /* ー typed for a hyphen */
        {"2023−04−01", 2023, 4, 1},   /* U+2212 minus sign */
        {" 2023-04-01 ", 2023, 4, 1},
        {"　2023-04-01　", 2023, 4, 1},
        {"2023 - 04 - 01", 2023, 4, 1},
        {"2024-02-29", 2024, 2, 29},
        {"2000-02-29", 2000, 2, 29},
        {"1868-01-01", 1868, 1, 1},
        {"9999-12-31", 9999, 12, 31},
        {"昭和50年5月5日", 1975, 5, 5},
        {"S50.5.5", 1975, 5, 5},
        {"s50.5.5", 1975, 5, 5},
        {"S50/05/05", 1975, 5, 5},
        {"Ｓ５０．５．５", 1975, 5, 5},
        {"㍼50年5月5日", 1975, 5, 5}, /* square era sign, via NFKC */
        {"昭和50.5.5", 1975, 5, 5},
        {"R5/4/1", 2023, 4, 1},
        {"r5-4-1", 2023, 4, 1},
        {"令和5年4月1日", 2023, 4, 1},
        {"令和 5年 4月 1日", 2023, 4, 1},
        {"令和元年5月1日", 2019, 5, 1},
        {"令和1年5月1日", 2019, 5, 1},
        {"R元.5.1", 2019, 5, 1},
        {"H1-1-8", 1989, 1, 8},
        {"平成元年1月8日", 1989, 1, 8},
        {"平成31年4月30日", 2019, 4, 30},
        {"H31.4.30", 2019, 4, 30},
        {"昭和64年1月7日", 1989, 1, 7},
        {"昭和元年12月25日", 1926, 12, 25},
        {"大正15年12月24日", 1926, 12, 24},
        {"大正元年7月30日", 1912, 7, 30},
        {"T1.7.30", 1912, 7, 30},
        {"明治45年7月29日", 1912, 7, 29},
        {"M45.7.29", 1912, 7, 29},
        {"明治元年1月1日", 1868, 1, 1}, /* 明治 taken from 1868-01-01 (see date.c) */
        {"m1.1.1", 1868, 1, 1},
    };
    for (size_t i = 0; i < N(cases); i++) {
        meibo_err err;
        meibo_date d = {0, 0, 0};
        meibo_err_clear(&err);
        assert_ok(date_parse(cases[i].in, "joined_on", &d, &err), &err);
        if (d.y != cases[i].y || d.m != cases[i].m || d.d != cases[i].d)
            fail_msg("'%s' parsed as %d-%d-%d, want %d-%d-%d", cases[i].in, d.y, d.m, d.d,
                     cases[i].y, cases[i].m, cases[i].d);
    }
}

typedef struct bad_case {
    const char *in;
    const char *field;
    const char *msg;
} bad_case;

#define NOT_A_DATE " is not a date (write YYYY-MM-DD or 和暦 like 令和5年4月1日 or R5.4.1)"

/* Refused dates name the field, so the clerk (or the CSV report) knows which cell to fix. */
static void test_parse_refuses(void **state)
{
    (void)state;
    static const bad_case cases[] = {
        {"2023-02-29", "birth_date", "birth_date: '2023-02-29' is not a real date"},
        {"1900-02-29", "birth_date", "birth_date: '1900-02-29' is not a real date"},
        {"2023-04-31", "birth_date", "birth_date: '2023-04-31' is not a real date"},
        {"2023-13-01", "birth_date", "birth_date: '2023-13-01' is not a real date"},
        {"2023-00-10", "birth_date", "birth_date: '2023-00-10' is not a real date"},
        {"2023-04-00", "birth_date", "birth_date: '2023-04-00' is not a real date"},
        {"２０２３年２月３０日", "joined_on", "joined_on: '２０２３年２月３０日' is not a real date"},
        {"1867-12-31", "birth_date",
         "birth_date: '1867-12-31' is out of range (years 1868 to 9999)"},
        {"0000-01-01", "birth_date",
         "birth_date: '0000-01-01' is out of range (years 1868 to 9999)"},
        /* era years outside their era */
        {"昭和64年1月8日", "birth_date",
         "birth_date: '昭和64年1月8日' is not in 昭和 (昭和 ended on 1989-01-07)"},
        {"S64.1.8", "birth_date", "birth_date: 'S64.1.8' is not in 昭和 (昭和 ended on 1989-01-07)"},
        {"平成31年5月1日", "optout_on",
         "optout_on: '平成31年5月1日' is not in 平成 (平成 ended on 2019-04-30)"},
        {"平成元年1月7日", "birth_date",
         "birth_date: '平成元年1月7日' is not in 平成 (平成 began on 1989-01-08)"},
        {"令和元年4月30日", "joined_on",
         "joined_on: '令和元年4月30日' is not in 令和 (令和 began on 2019-05-01)"},
        {"大正元年7月29日", "birth_date",
         "birth_date: '大正元年7月29日' is not in 大正 (大正 began on 1912-07-30)"},
        {"明治46年1月1日", "birth_date",
         "birth_date: '明治46年1月1日' is not in 明治 (明治 ended on 1912-07-29)"},
        {"昭和100年1月1日", "birth_date",
         "birth_date: '昭和100年1月1日' is not in 昭和 (昭和 ended on 1989-01-07)"},
        {"令和0年5月1日", "joined_on",
         "joined_on: '令和0年5月1日' is not a real date (era years start at 1, 元年)"},
        {"令和5年2月29日", "joined_on", "joined_on: '令和5年2月29日' is not a real date"},
        /* not dates at all, or with something left over */
        {"2023-04-01x", "joined_on", "joined_on: '2023-04-01x'" NOT_A_DATE},
        {"2023-04-01 12:00", "joined_on", "joined_on: '2023-04-01 12:00'" NOT_A_DATE},
        {"2023/04-01", "joined_on", "joined_on: '2023/04-01'" NOT_A_DATE},
        {"23-04-01", "joined_on", "joined_on: '23-04-01'" NOT_A_DATE},
        {"02023-04-01", "joined_on", "joined_on: '02023-04-01'" NOT_A_DATE},
        {"2023-004-01", "joined_on", "joined_on: '2023-004-01'" NOT_A_DATE},
        {"2023-4", "joined_on", "joined_on: '2023-4'" NOT_A_DATE},
        {"20230401", "joined_on", "joined_on: '20230401'" NOT_A_DATE},
        {"2023年4月1", "joined_on", "joined_on: '2023年4月1'" NOT_A_DATE},
        {"昭和五十年五月五日", "joined_on", "joined_on: '昭和五十年五月五日'" NOT_A_DATE},
        {"X5.4.1", "joined_on", "joined_on: 'X5.4.1'" NOT_A_DATE},
        {"R.5.4.1", "joined_on", "joined_on: 'R.5.4.1'" NOT_A_DATE},
        {"abc", "joined_on", "joined_on: 'abc'" NOT_A_DATE},
        {"-", "joined_on", "joined_on: '-'" NOT_A_DATE},
        {"", "birth_date", "birth_date: the date is empty"},
        {"　 ", "birth_date", "birth_date: the date is empty"},
        {"\xFF", "birth_date", "birth_date: the date is not valid UTF-8"},
        /* without a field name the message still says what it is about */
        {"2023-02-30", NULL, "date: '2023-02-30' is not a real date"},
        {"", NULL, "date: the date is empty"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        meibo_err err;
        meibo_date d = {1, 2, 3};
        meibo_err_clear(&err);
        assert_int_equal(date_parse(cases[i].in, cases[i].field, &d, &err), MEIBO_ERR_INVALID);
        assert_int_equal(err.code, MEIBO_ERR_INVALID);
        if (strcmp(err.msg, cases[i].msg) != 0)
            fail_msg("'%s': message '%s', want '%s'", cases[i].in, err.msg, cases[i].msg);
        assert_string_equal(err.field, cases[i].field ? cases[i].field : "");
        /* the output is untouched on failure */
        assert_int_equal(d.y, 1);
        assert_int_equal(d.m, 2);
        assert_int_equal(d.d, 3);
    }
}

/* The quoted input is cut at a character boundary so the message stays valid UTF-8. */
static void test_parse_long_garbage(void **state)
{
    (void)state;
    meibo_err err;
    meibo_date d;
    const char *in = "ああああああああああああああああああああ"; /* 20 × 3 bytes */
    assert_int_equal(date_parse(in, "birth_date", &d, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.msg, "birth_date: 'あああああああああああああ…'" NOT_A_DATE);
    assert_int_equal(date_parse(NULL, "birth_date", &d, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.msg, "birth_date: no date given");
}

static void test_normalize(void **state)
{
    (void)state;
    static const struct {
        const char *in, *iso;
    } cases[] = {
        {"R5.4.1", "2023-04-01"},
        {"令和元年5月1日", "2019-05-01"},
        {"1975/5/5", "1975-05-05"},
        {"Ｈ１．１．８", "1989-01-08"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        meibo_err err;
        char iso[11];
        assert_ok(date_normalize(cases[i].in, "joined_on", iso, &err), &err);
        assert_string_equal(iso, cases[i].iso);
    }
    meibo_err err;
    char iso[11] = "unchanged";
    assert_int_equal(date_normalize("2023-02-29", "joined_on", iso, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.msg, "joined_on: '2023-02-29' is not a real date");
    assert_string_equal(err.field, "joined_on");
    assert_string_equal(iso, "unchanged");
}

static void test_valid_table(void **state)
{
    (void)state;
    static const struct {
        int y, m, d;
        bool ok;
    } cases[] = {
        {2023, 4, 1, true},    {2024, 2, 29, true},  {2023, 2, 29, false}, {1900, 2, 29, false},
        {2000, 2, 29, true},   {2023, 4, 30, true},  {2023, 4, 31, false}, {2023, 12, 31, true},
        {2023, 13, 1, false},  {2023, 0, 1, false},  {2023, 1, 0, false},  {2023, 1, 32, false},
        {1868, 1, 1, true},    {1867, 12, 31, false}, {9999, 12, 31, true}, {10000, 1, 1, false},
        {-1, 1, 1, false},
    };
    for (size_t i = 0; i < N(cases); i++)
        if (date_valid(cases[i].y, cases[i].m, cases[i].d) != cases[i].ok)
            fail_msg("date_valid(%d, %d, %d) != %d", cases[i].y, cases[i].m, cases[i].d,
                     cases[i].ok);
}

static void test_format(void **state)
{
    (void)state;
    char iso[11];
    meibo_date a = {2023, 4, 1}, b = {1868, 12, 31}, c = {9999, 1, 9};
    date_format(&a, iso);
    assert_string_equal(iso, "2023-04-01");
    date_format(&b, iso);
    assert_string_equal(iso, "1868-12-31");
    date_format(&c, iso);
    assert_string_equal(iso, "9999-01-09");
}

/* 和暦 on printed letters; 元年 for an era's first year. */
static void test_format_wareki_table(void **state)
{
    (void)state;
    static const struct {
        meibo_date d;
        const char *want;
    } cases[] = {
        {{2023, 4, 1}, "令和5年4月1日"},
        {{2019, 5, 1}, "令和元年5月1日"},
        {{2019, 12, 31}, "令和元年12月31日"},
        {{2020, 1, 1}, "令和2年1月1日"},
        {{2019, 4, 30}, "平成31年4月30日"},
        {{1989, 1, 8}, "平成元年1月8日"},
        {{1989, 1, 7}, "昭和64年1月7日"},
        {{1975, 5, 5}, "昭和50年5月5日"},
        {{1926, 12, 25}, "昭和元年12月25日"},
        {{1926, 12, 24}, "大正15年12月24日"},
        {{1912, 7, 30}, "大正元年7月30日"},
        {{1912, 7, 29}, "明治45年7月29日"},
        {{1868, 1, 1}, "明治元年1月1日"},
        {{1867, 12, 31}, ""},
        {{2023, 2, 29}, ""},
        {{0, 0, 0}, ""},
    };
    for (size_t i = 0; i < N(cases); i++) {
        char buf[64] = "x";
        date_format_wareki(&cases[i].d, buf, sizeof buf);
        assert_string_equal(buf, cases[i].want);
    }
    /* a short buffer is truncated, never overrun */
    meibo_date d = {2023, 4, 1};
    char small[8];
    date_format_wareki(&d, small, sizeof small);
    assert_true(strlen(small) < sizeof small);
    date_format_wareki(&d, small, 0);
}

/* Every day from 1868 to 2030 survives 和暦 text and back: era boundaries agree both ways. */
static void test_wareki_round_trip(void **state)
{
    (void)state;
    int days = 0;
    for (int y = 1868; y <= 2030; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= 31; d++) {
                if (!date_valid(y, m, d))
                    continue;
                meibo_date a = {y, m, d}, b;
                char buf[64];
                meibo_err err;
                date_format_wareki(&a, buf, sizeof buf);
                assert_ok(date_parse(buf, "birth_date", &b, &err), &err);
                if (date_cmp(&a, &b) != 0)
                    fail_msg("%d-%d-%d -> '%s' -> %d-%d-%d", y, m, d, buf, b.y, b.m, b.d);
                days++;
            }
    assert_int_equal(days, 59535);
    /* found by tests/fuzz (fuzz_date): the 和暦 of years from 3019 on (令和1000年 and later)
     * has a four-digit era year, which the parser refused */
    static const int far[][3] = {{3018, 12, 31}, {3019, 1, 1}, {9999, 12, 31}};
    for (size_t i = 0; i < sizeof far / sizeof *far; i++) {
        meibo_date a = {far[i][0], far[i][1], far[i][2]}, b;
        char buf[64];
        meibo_err err;
        date_format_wareki(&a, buf, sizeof buf);
        assert_ok(date_parse(buf, "birth_date", &b, &err), &err);
        assert_int_equal(date_cmp(&a, &b), 0);
    }
    meibo_err err;
    assert_int_equal(date_parse("令和7982年1月1日", "birth_date", NULL, &err), MEIBO_ERR_INVALID);
    assert_non_null(strstr(err.msg, "out of range"));
}

static void test_cmp_table(void **state)
{
    (void)state;
    static const struct {
        meibo_date a, b;
        int sign;
    } cases[] = {
        {{2023, 4, 1}, {2023, 4, 1}, 0},   {{2023, 4, 1}, {2023, 4, 2}, -1},
        {{2023, 4, 2}, {2023, 4, 1}, 1},   {{2023, 3, 31}, {2023, 4, 1}, -1},
        {{2024, 1, 1}, {2023, 12, 31}, 1}, {{1989, 1, 7}, {1989, 1, 8}, -1},
    };
    for (size_t i = 0; i < N(cases); i++) {
        int c = date_cmp(&cases[i].a, &cases[i].b);
        assert_int_equal((c > 0) - (c < 0), cases[i].sign);
    }
}

/* issue 12 §4: the limits of check.h, from one place; a leap day a year on is 28 February. */
static void test_limits(void **state)
{
    (void)state;
    char lo[11], hi[11];
    check_date_limits(CHECK_DATE_BIRTH, "2026-11-21", lo, hi);
    assert_string_equal(lo, "1900-01-01");
    assert_string_equal(hi, "2026-11-21");
    check_date_limits(CHECK_DATE_EVENT, "2024-02-29", lo, hi);
    assert_string_equal(hi, "2025-02-28");
    check_date_limits(CHECK_DATE_TERM, "2026-11-21", lo, hi);
    assert_string_equal(hi, "2036-11-21");
    meibo_err err;
    assert_int_equal(check_date_range("birth_date", "2026-11-21", CHECK_DATE_BIRTH, "2026-11-21",
                                      &err), MEIBO_OK);
    assert_int_equal(check_date_range("birth_date", "1900-01-01", CHECK_DATE_BIRTH, "2026-11-21",
                                      &err), MEIBO_OK);
    assert_int_equal(check_date_range("birth_date", "1899-12-31", CHECK_DATE_BIRTH, "2026-11-21",
                                      &err), MEIBO_ERR_INVALID);
    assert_int_equal(check_date_range("joined_on", "9999-12-31", CHECK_DATE_EVENT, "2026-11-21",
                                      &err), MEIBO_ERR_INVALID);
    assert_int_equal(err.reason, MEIBO_REASON_DATE_RANGE);
    assert_string_equal(err.field, "joined_on");
    assert_string_equal(err.value, "9999-12-31");
    assert_string_equal(err.arg, "1900-01-01..2027-11-21");
    assert_string_equal(err.msg,
                        "joined_on: 9999-12-31 is outside the dates meibo takes (1900-01-01..2027-11-21)");
    char iso[11];
    assert_int_equal(check_date_in("due_on", "", NULL, CHECK_DATE_TERM, "2026-11-21", iso, &err),
                     MEIBO_ERR_INVALID); /* required, not out of range */
    assert_int_equal(err.reason, MEIBO_REASON_REQUIRED);
    assert_int_equal(check_date_in("due_on", "R18.11.21", NULL, CHECK_DATE_TERM, "2026-11-21", iso,
                                   &err), MEIBO_OK);
    assert_string_equal(iso, "2036-11-21");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_accepts),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_parse_refuses),
        cmocka_unit_test(test_parse_long_garbage),
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_valid_table),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_wareki_table),
        cmocka_unit_test(test_wareki_round_trip),
        cmocka_unit_test(test_cmp_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

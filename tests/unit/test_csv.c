/* test_csv.c: CSV decoding (UTF-8, BOM, CP932), the RFC 4180 reader, the field writer, fixtures. */
#include "helpers.h"

#include <sys/stat.h>

#include "meibo/csv.h"

/* File-private helpers of csv.c, visible with -DTESTING. */
long csv_line_of(const char *s, size_t n, size_t off);
void csv_utf8_census(const char *s, size_t n, size_t *valid, size_t *invalid);
int csv_cp932_convert(const char *in, size_t n, char **out, size_t *out_len, size_t *bad_off);

#define FIX "tests/fixtures/"

/* ---- a whole CSV read into memory, fields copied ------------------------------------- */

typedef struct row {
    char **f;
    size_t nf;
    long line, end_line;
} row;

typedef struct table {
    row *rows;
    size_t n, cap;
    csv_encoding used;
} table;

static void table_free(table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        for (size_t j = 0; j < t->rows[i].nf; j++)
            free(t->rows[i].f[j]);
        free(t->rows[i].f);
    }
    free(t->rows);
    memset(t, 0, sizeof *t);
}

/* Every record of @p r into @p t (the reader freed); the status of the first failing
 * csv_next(). */
static meibo_status table_fill(csv_reader *r, table *t, meibo_err *err)
{
    meibo_status st;
    csv_record rec;
    while ((st = csv_next(r, &rec, err)) == MEIBO_OK) {
        if (t->n == t->cap) { /* doubling: a sanitizer's realloc always moves */
            t->cap = t->cap ? t->cap * 2 : 64;
            row *nr = realloc(t->rows, t->cap * sizeof *nr);
            assert_non_null(nr);
            t->rows = nr;
        }
        row *w = &t->rows[t->n++];
        w->nf = rec.nfields;
        w->line = rec.line;
        w->end_line = rec.end_line;
        w->f = calloc(rec.nfields, sizeof *w->f);
        assert_non_null(w->f);
        for (size_t j = 0; j < rec.nfields; j++) {
            w->f[j] = strdup(rec.fields[j]);
            assert_non_null(w->f[j]);
        }
    }
    csv_reader_free(r);
    return st == MEIBO_ERR_NOT_FOUND ? MEIBO_OK : st;
}

/* Parse UTF-8 text into @p t; returns the status of the first failing csv_next(). */
static meibo_status table_parse(const char *text, size_t len, table *t, meibo_err *err)
{
    csv_reader *r = NULL;
    meibo_status st = csv_reader_new(text, len, &r, err);
    if (st != MEIBO_OK)
        return st;
    return table_fill(r, t, err);
}

static void table_load(const char *path, csv_encoding enc, table *t)
{
    meibo_err err;
    meibo_err_clear(&err);
    char *text = NULL;
    size_t len = 0;
    memset(t, 0, sizeof *t);
    assert_ok(csv_read_file(path, enc, &text, &len, &t->used, &err), &err);
    assert_int_equal(strlen(text), len);
    assert_ok(table_parse(text, len, t, &err), &err);
    free(text);
}

/* Column of header name @p name in row 0; fails the test when absent. */
static size_t col(const table *t, const char *name)
{
    assert_true(t->n > 0);
    for (size_t j = 0; j < t->rows[0].nf; j++)
        if (strcmp(t->rows[0].f[j], name) == 0)
            return j;
    fail_msg("no column %s", name);
    return 0;
}

/* The row that starts on physical line @p line, or NULL. */
static const row *row_at(const table *t, long line)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->rows[i].line == line)
            return &t->rows[i];
    return NULL;
}

/* The single number in an .expect file. */
static long expect_line(const char *path)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    long line = 0;
    assert_int_equal(fscanf(f, "%ld", &line), 1);
    fclose(f);
    return line;
}

/* Decode bytes with csv_decode(); the caller frees *out on MEIBO_OK. */
static meibo_status dec(const char *b, size_t n, csv_encoding enc, char **out, csv_encoding *used,
                        meibo_err *err)
{
    size_t len = 0;
    meibo_err_clear(err);
    *out = NULL;
    meibo_status st = csv_decode(b, n, "t.csv", enc, out, &len, used, err);
    if (st == MEIBO_OK)
        assert_int_equal(strlen(*out), len);
    else
        assert_null(*out);
    return st;
}

/* ---- encoding names ------------------------------------------------------------------- */

static void test_encoding_names(void **state)
{
    (void)state;
    assert_int_equal(csv_encoding_parse("auto"), CSV_ENC_AUTO);
    assert_int_equal(csv_encoding_parse("utf-8"), CSV_ENC_UTF8);
    assert_int_equal(csv_encoding_parse("UTF8"), CSV_ENC_UTF8);
    assert_int_equal(csv_encoding_parse("cp932"), CSV_ENC_CP932);
    assert_int_equal(csv_encoding_parse("sjis"), CSV_ENC_CP932);
    assert_int_equal(csv_encoding_parse("Shift_JIS"), CSV_ENC_CP932);
    assert_int_equal(csv_encoding_parse("latin1"), -1);
    assert_int_equal(csv_encoding_parse(""), -1);
    assert_int_equal(csv_encoding_parse(NULL), -1);
    assert_string_equal(csv_encoding_name(CSV_ENC_UTF8), "utf-8");
    assert_string_equal(csv_encoding_name(CSV_ENC_CP932), "cp932");
    assert_string_equal(csv_encoding_name(CSV_ENC_AUTO), "auto");
}

/* ---- decoding ------------------------------------------------------------------------- */

static void test_line_of(void **state)
{
    (void)state;
    const char s[] = "a\r\nb\nc\rd";
    assert_int_equal(csv_line_of(s, 8, 0), 1);
    assert_int_equal(csv_line_of(s, 8, 1), 1);
    assert_int_equal(csv_line_of(s, 8, 3), 2);
    assert_int_equal(csv_line_of(s, 8, 5), 3);
    assert_int_equal(csv_line_of(s, 8, 7), 4);
}

static void test_decode_ascii_and_empty(void **state)
{
    (void)state;
    meibo_err err;
    char *out;
    csv_encoding used = CSV_ENC_AUTO;
    assert_ok(dec("a,b\r\n", 5, CSV_ENC_AUTO, &out, &used, &err), &err);
    assert_string_equal(out, "a,b\r\n");
    assert_int_equal(used, CSV_ENC_UTF8);
    free(out);
    assert_ok(dec("", 0, CSV_ENC_AUTO, &out, &used, &err), &err);
    assert_string_equal(out, "");
    free(out);
    assert_ok(dec(NULL, 0, CSV_ENC_CP932, &out, &used, &err), &err);
    assert_string_equal(out, "");
    assert_int_equal(used, CSV_ENC_CP932);
    free(out);
}

static void test_decode_bom(void **state)
{
    (void)state;
    meibo_err err;
    char *out;
    csv_encoding used = CSV_ENC_AUTO;
    const char b[] = "\xEF\xBB\xBF会員番号,姓\n";
    assert_ok(dec(b, sizeof b - 1, CSV_ENC_AUTO, &out, &used, &err), &err);
    assert_string_equal(out, "会員番号,姓\n");
    assert_int_equal(used, CSV_ENC_UTF8);
    free(out);
    assert_ok(dec(b, sizeof b - 1, CSV_ENC_UTF8, &out, &used, &err), &err);
    assert_string_equal(out, "会員番号,姓\n");
    free(out);
    /* Only a BOM. */
    assert_ok(dec(b, 3, CSV_ENC_AUTO, &out, &used, &err), &err);
    assert_string_equal(out, "");
    free(out);
    /* Forcing CP932 on a BOM file is refused, not turned into mojibake. */
    assert_int_equal(dec(b, sizeof b - 1, CSV_ENC_CP932, &out, &used, &err), MEIBO_ERR_ENCODING);
    assert_int_equal(err.line, 1);
    assert_non_null(strstr(err.msg, "t.csv"));
    /* A BOM followed by broken UTF-8 is malformed UTF-8 even if it might pass as CP932. */
    const char bb[] = "\xEF\xBB\xBFok\n\x82\xA0\n";
    assert_int_equal(dec(bb, sizeof bb - 1, CSV_ENC_AUTO, &out, &used, &err), MEIBO_ERR_ENCODING);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.msg, "malformed UTF-8"));
}

static void test_decode_cp932_specials(void **state)
{
    (void)state;
    meibo_err err;
    char *out;
    csv_encoding used = CSV_ENC_AUTO;
    /* 0x8160 is U+FF5E (not U+301C); 髙 FBFC, 﨑 FAB1, ① 8740, ㈱ 878A and FA58, ㍾ 878D. */
    const char b[] = "\x81\x60,\xFB\xFC,\xFA\xB1,\x87\x40,\x87\x8A,\xFA\x58,\x87\x8D,\xB1\xB2\r\n";
    const char *want = "～,髙,﨑,①,㈱,㈱,㍾,ｱｲ\r\n";
    assert_ok(dec(b, sizeof b - 1, CSV_ENC_CP932, &out, &used, &err), &err);
    assert_string_equal(out, want);
    assert_string_equal(out, "\xEF\xBD\x9E,\xE9\xAB\x99,\xEF\xA8\x91,\xE2\x91\xA0,\xE3\x88\xB1,"
                             "\xE3\x88\xB1,\xE3\x8D\xBE,\xEF\xBD\xB1\xEF\xBD\xB2\r\n");
    assert_int_equal(used, CSV_ENC_CP932);
    free(out);
    used = CSV_ENC_AUTO;
    assert_ok(dec(b, sizeof b - 1, CSV_ENC_AUTO, &out, &used, &err), &err);
    assert_string_equal(out, want);
    assert_int_equal(used, CSV_ENC_CP932);
    free(out);
    /* The same bytes forced as UTF-8 are refused at line 1. */
    assert_int_equal(dec(b, sizeof b - 1, CSV_ENC_UTF8, &out, &used, &err), MEIBO_ERR_ENCODING);
    assert_int_equal(err.line, 1);
    assert_non_null(strstr(err.msg, "malformed UTF-8"));
}

static void test_decode_cp932_convert(void **state)
{
    (void)state;
    char *out = NULL;
    size_t len = 0, bad = 99;
    assert_int_equal(csv_cp932_convert("\x8D\x82\x8B\xB4", 4, &out, &len, &bad), 0);
    assert_string_equal(out, "高橋");
    assert_int_equal(len, 6);
    free(out);
    assert_int_equal(csv_cp932_convert("ab\x85\x40", 4, &out, &len, &bad), 1);
    assert_null(out);
    assert_int_equal(bad, 2);
    /* A lead byte cut off at the end. */
    assert_int_equal(csv_cp932_convert("ab\x8D", 3, &out, &len, &bad), 1);
    assert_int_equal(bad, 2);
}

static void test_decode_malformed_utf8_inline(void **state)
{
    (void)state;
    meibo_err err;
    char *out;
    csv_encoding used = CSV_ENC_AUTO;
    const char b[] = "会員番号,姓,名\r\n10000001,田中,太郎\r\n10000002,鈴\xE3\x81,花子\r\n"
                     "10000003,佐藤,健\r\n";
    assert_int_equal(dec(b, sizeof b - 1, CSV_ENC_AUTO, &out, &used, &err), MEIBO_ERR_ENCODING);
    assert_int_equal(err.code, MEIBO_ERR_ENCODING);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.msg, "t.csv: line 3: malformed UTF-8 at byte offset"));
    assert_non_null(strstr(err.msg, "0xE3"));
    assert_int_equal(dec(b, sizeof b - 1, CSV_ENC_UTF8, &out, &used, &err), MEIBO_ERR_ENCODING);
    assert_int_equal(err.line, 3);
}

static void test_decode_small_utf8_no_mojibake(void **state)
{
    (void)state;
    meibo_err err;
    char *out;
    csv_encoding used = CSV_ENC_AUTO;
    /* Few valid sequences, one broken one: too little to "clearly dominate", yet never CP932. */
    const char b[] = "林\n大\xE8\xBC\n";
    size_t v, i;
    csv_utf8_census(b, sizeof b - 1, &v, &i);
    assert_int_equal(v, 2);
    assert_int_equal(i, 1);
    assert_int_equal(dec(b, sizeof b - 1, CSV_ENC_AUTO, &out, &used, &err), MEIBO_ERR_ENCODING);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.msg, "malformed UTF-8"));
    /* 林 and a cut-off 森 happen to be valid CP932 (E69E 97E6 A3): still not decoded as CP932. */
    const char m[] = "\n\xE6\x9E\x97\xE6\xA3\n";
    char *cp = NULL;
    size_t cplen = 0, bad = 0;
    assert_int_equal(csv_cp932_convert(m, sizeof m - 1, &cp, &cplen, &bad), 0);
    free(cp);
    csv_utf8_census(m, sizeof m - 1, &v, &i);
    assert_int_equal(v, 1);
    assert_int_equal(i, 1);
    assert_int_equal(dec(m, sizeof m - 1, CSV_ENC_AUTO, &out, &used, &err), MEIBO_ERR_ENCODING);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.msg, "malformed UTF-8 at byte offset 4"));
}

static void test_decode_invalid_cp932_inline(void **state)
{
    (void)state;
    meibo_err err;
    char *out;
    csv_encoding used = CSV_ENC_AUTO;
    /* 鈴木 in CP932 is 97E9 96D8; 0x8540 is unassigned. Lone CR counts as a line end too. */
    const char b[] = "\x97\xE9\x96\xD8\r\n\x8D\x82\x8B\xB4\r\x93\x63\x85\x40\x92\x86\r\n";
    assert_int_equal(dec(b, sizeof b - 1, CSV_ENC_AUTO, &out, &used, &err), MEIBO_ERR_ENCODING);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.msg, "t.csv: line 3: byte 0x85 is not valid CP932"));
    assert_int_equal(dec(b, sizeof b - 1, CSV_ENC_CP932, &out, &used, &err), MEIBO_ERR_ENCODING);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.msg, "byte 0x85 is not valid CP932"));
    /* Single bytes CP932 does not have. */
    assert_int_equal(dec("ab\n\xA0", 4, CSV_ENC_CP932, &out, &used, &err), MEIBO_ERR_ENCODING);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.msg, "byte 0xA0 is not valid CP932"));
    assert_int_equal(dec("\x80", 1, CSV_ENC_CP932, &out, &used, &err), MEIBO_ERR_ENCODING);
    assert_int_equal(err.line, 1);
}

static void test_decode_utf16_and_nul(void **state)
{
    (void)state;
    meibo_err err;
    char *out;
    csv_encoding used = CSV_ENC_AUTO;
    assert_int_equal(dec("\xFF\xFE" "a\0,\0", 6, CSV_ENC_AUTO, &out, &used, &err),
                     MEIBO_ERR_ENCODING);
    assert_int_equal(err.line, 1);
    assert_non_null(strstr(err.msg, "UTF-16"));
    assert_int_equal(dec("a,b\nc\0d\n", 8, CSV_ENC_UTF8, &out, &used, &err), MEIBO_ERR_ENCODING);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.msg, "NUL"));
}

static void test_decode_bad_args(void **state)
{
    (void)state;
    meibo_err err;
    meibo_err_clear(&err);
    char *out = NULL;
    assert_int_equal(csv_decode("a", 1, "x", CSV_ENC_AUTO, NULL, NULL, NULL, &err),
                     MEIBO_ERR_INVALID);
    assert_int_equal(csv_decode(NULL, 3, "x", CSV_ENC_AUTO, &out, NULL, NULL, &err),
                     MEIBO_ERR_INVALID);
    assert_int_equal(csv_decode("a", 1, "x", (csv_encoding)7, &out, NULL, NULL, &err),
                     MEIBO_ERR_USAGE);
    assert_null(out);
}

/* ---- files ---------------------------------------------------------------------------- */

static void test_read_file_errors(void **state)
{
    (void)state;
    meibo_err err;
    meibo_err_clear(&err);
    char *out = (char *)&err;
    assert_int_equal(csv_read_file(FIX "no-such-file.csv", CSV_ENC_AUTO, &out, NULL, NULL, &err),
                     MEIBO_ERR_IO);
    assert_null(out);
    assert_non_null(strstr(err.msg, "no-such-file.csv"));
    assert_int_equal(csv_read_file(FIX, CSV_ENC_AUTO, &out, NULL, NULL, &err), MEIBO_ERR_IO);
    assert_non_null(strstr(err.msg, "not a regular file"));
    assert_non_null(strstr(err.msg, FIX));
    assert_int_equal(csv_read_file("/dev/null", CSV_ENC_AUTO, &out, NULL, NULL, &err),
                     MEIBO_ERR_IO);
    assert_non_null(strstr(err.msg, "/dev/null: not a regular file"));
    /* A FIFO is refused without blocking. */
    char dir[] = "/tmp/meibo-csv-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char fifo[64];
    snprintf(fifo, sizeof fifo, "%s/p", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_int_equal(csv_read_file(fifo, CSV_ENC_AUTO, &out, NULL, NULL, &err), MEIBO_ERR_IO);
    assert_non_null(strstr(err.msg, "not a regular file"));
    unlink(fifo);
    rmdir(dir);
    assert_null(out);
}

static void test_read_file_empty(void **state)
{
    (void)state;
    char path[] = "/tmp/meibo-csv-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    meibo_err err;
    meibo_err_clear(&err);
    char *out = NULL;
    size_t len = 9;
    csv_encoding used = CSV_ENC_CP932;
    assert_ok(csv_read_file(path, CSV_ENC_AUTO, &out, &len, &used, &err), &err);
    assert_string_equal(out, "");
    assert_int_equal(len, 0);
    assert_int_equal(used, CSV_ENC_UTF8);
    free(out);
    unlink(path);
}

/* ---- fixtures ------------------------------------------------------------------------- */

static void test_fixture_cp932(void **state)
{
    (void)state;
    table t;
    table_load(FIX "members-cp932.csv", CSV_ENC_AUTO, &t);
    assert_int_equal(t.used, CSV_ENC_CP932);
    assert_int_equal(t.n, 9); /* header + 8 members */
    for (size_t i = 0; i < t.n; i++)
        assert_int_equal(t.rows[i].nf, 19);
    assert_string_equal(t.rows[0].f[0], "会員番号");
    assert_string_equal(t.rows[0].f[18], "第三者提供停止申出日");
    size_t fam = col(&t, "姓"), kana = col(&t, "セイ"), gkana = col(&t, "メイ");
    size_t fac = col(&t, "所属施設名"), faddr = col(&t, "施設住所"), home = col(&t, "自宅住所");

    const row *r = row_at(&t, 2);
    assert_non_null(r);
    assert_int_equal(r->end_line, 2);
    assert_string_equal(r->f[0], "10000001");
    assert_string_equal(r->f[fam], "髙橋");
    assert_string_equal(r->f[kana], "ﾀｶﾊｼ");
    assert_string_equal(r->f[gkana], "ｲﾁﾛｳ");
    assert_string_equal(r->f[col(&t, "生年月日")], "昭和50年5月5日");
    assert_string_equal(r->f[fac], "㈱架空製作所 架空総合病院");
    assert_string_equal(r->f[faddr], "東京都千代田区大手町9-8-7 架空ビル2\xEF\xBD\x9E" "3階");
    assert_string_equal(r->f[col(&t, "名簿掲載同意")], "はい");
    assert_string_equal(r->f[18], ""); /* trailing comma: empty last field */

    /* The line break inside the quoted facility address (LF inside a CRLF file). */
    r = row_at(&t, 3);
    assert_non_null(r);
    assert_int_equal(r->end_line, 4);
    assert_string_equal(r->f[fam], "山﨑");
    assert_string_equal(r->f[kana], "やまざき");
    assert_string_equal(r->f[col(&t, "生年月日")], "S50.5.5");
    assert_string_equal(r->f[home], "大阪府大阪市北区梅田9-1-1 架空コート①棟 305");
    assert_string_equal(r->f[faddr], "大阪府吹田市山田丘9-9\n架空大学病院 循環器内科");
    assert_string_equal(r->f[col(&t, "支部")], "近畿");
    assert_string_equal(r->f[col(&t, "名簿掲載同意")], "いいえ");

    /* Records after the multi-line field keep their physical line numbers. */
    r = row_at(&t, 5);
    assert_non_null(r);
    assert_string_equal(r->f[0], "10000003");
    assert_string_equal(r->f[1], ""); /* empty field */
    assert_string_equal(r->f[col(&t, "入会年月日")], "令和5年4月1日");
    assert_string_equal(r->f[home], "宮城県仙台市青葉区一番町9-2-1, 架空ハイツ203");

    r = row_at(&t, 6);
    assert_non_null(r);
    assert_string_equal(r->f[col(&t, "状態")], "退会");
    assert_string_equal(r->f[18], "2020-03-31");
    r = row_at(&t, 8);
    assert_non_null(r);
    assert_string_equal(r->f[fac], "架空医科大学附属病院 \"ハート\"センター");
    r = row_at(&t, 10);
    assert_non_null(r);
    assert_string_equal(r->f[0], "10000008");
    assert_int_equal(t.rows[t.n - 1].line, 10);
    for (size_t i = 0; i < t.n; i++)
        for (size_t j = 0; j < t.rows[i].nf; j++)
            assert_null(strchr(t.rows[i].f[j], '\r'));
    table_free(&t);

    /* Forced CP932 gives the same; forced UTF-8 is refused on line 1. */
    table_load(FIX "members-cp932.csv", CSV_ENC_CP932, &t);
    assert_int_equal(t.n, 9);
    assert_int_equal(t.used, CSV_ENC_CP932);
    table_free(&t);
    meibo_err err;
    meibo_err_clear(&err);
    char *out = NULL;
    assert_int_equal(csv_read_file(FIX "members-cp932.csv", CSV_ENC_UTF8, &out, NULL, NULL, &err),
                     MEIBO_ERR_ENCODING);
    assert_int_equal(err.line, 1);
    assert_non_null(strstr(err.msg, FIX "members-cp932.csv: line 1: malformed UTF-8"));
}

static void test_fixture_cp932_matches_source(void **state)
{
    (void)state;
    meibo_err err;
    meibo_err_clear(&err);
    char *a = NULL, *b = NULL;
    size_t la = 0, lb = 0;
    csv_encoding ua, ub;
    assert_ok(csv_read_file(FIX "members-cp932.csv", CSV_ENC_AUTO, &a, &la, &ua, &err), &err);
    assert_ok(csv_read_file(FIX "members-cp932.utf8.txt", CSV_ENC_AUTO, &b, &lb, &ub, &err),
              &err);
    assert_int_equal(ua, CSV_ENC_CP932);
    assert_int_equal(ub, CSV_ENC_UTF8);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    free(a);
    free(b);
}

static void test_fixture_utf8_bom(void **state)
{
    (void)state;
    table t;
    table_load(FIX "members-utf8-bom.csv", CSV_ENC_AUTO, &t);
    assert_int_equal(t.used, CSV_ENC_UTF8);
    assert_int_equal(t.n, 6);
    assert_string_equal(t.rows[0].f[0], "member_no"); /* BOM gone */
    size_t fam = col(&t, "family_name");
    assert_string_equal(t.rows[1].f[fam], "林");
    assert_string_equal(t.rows[2].f[fam], "森");
    assert_string_equal(t.rows[3].f[fam], "渡邊");
    assert_string_equal(t.rows[2].f[col(&t, "home_address")],
                        "京都府京都市中京区架空町9-5, 架空マンション402");
    assert_string_equal(t.rows[3].f[col(&t, "name_en")], "WATANABE Ken'ichi");
    for (size_t i = 0; i < t.n; i++) {
        assert_int_equal(t.rows[i].nf, 19);
        assert_int_equal(t.rows[i].line, (long)i + 1);
        assert_int_equal(t.rows[i].end_line, (long)i + 1);
    }
    table_free(&t);
}

static void test_fixture_bad_row(void **state)
{
    (void)state;
    table t;
    table_load(FIX "members-bad-row.csv", CSV_ENC_AUTO, &t);
    assert_int_equal(t.used, CSV_ENC_UTF8);
    assert_int_equal(t.n, 11);
    for (size_t i = 0; i < t.n; i++)
        assert_int_equal(t.rows[i].nf, 19);
    const row *r = row_at(&t, 6);
    assert_non_null(r);
    assert_string_equal(r->f[col(&t, "生年月日")], "2023-02-30");
    table_free(&t);
}

static void test_fixture_bad_rows(void **state)
{
    (void)state;
    table t;
    table_load(FIX "members-bad-rows.csv", CSV_ENC_AUTO, &t);
    assert_int_equal(t.n, 10);
    FILE *f = fopen(FIX "members-bad-rows.expect", "r");
    assert_non_null(f);
    long line;
    char field[48];
    int seen = 0;
    while (fscanf(f, "%ld %47s", &line, field) == 2) {
        const row *r = row_at(&t, line);
        assert_non_null(r);
        assert_int_equal(r->nf, 19);
        const char *v = r->f[col(&t, field)];
        if (strcmp(field, "postal_code") == 0)
            assert_string_equal(v, "1234-567");
        else if (strcmp(field, "family_name") == 0)
            assert_string_equal(v, "");
        else if (strcmp(field, "email") == 0)
            assert_null(strchr(v, '@'));
        else if (strcmp(field, "member_no") == 0)
            assert_true(strspn(v, "0123456789") < strlen(v));
        else
            fail_msg("unexpected field %s", field);
        seen++;
    }
    fclose(f);
    assert_int_equal(seen, 4);
    table_free(&t);
}

static void test_fixture_malformed_utf8(void **state)
{
    (void)state;
    long want = expect_line(FIX "members-malformed-utf8.expect");
    assert_int_equal(want, 4);
    meibo_err err;
    char *out = NULL;
    for (int e = CSV_ENC_AUTO; e <= CSV_ENC_UTF8; e++) {
        meibo_err_clear(&err);
        assert_int_equal(csv_read_file(FIX "members-malformed-utf8.csv", (csv_encoding)e, &out,
                                       NULL, NULL, &err),
                         MEIBO_ERR_ENCODING);
        assert_null(out);
        assert_int_equal(err.line, want);
        assert_non_null(strstr(err.msg, FIX "members-malformed-utf8.csv: line 4: malformed UTF-8"));
    }
}

static void test_fixture_invalid_cp932(void **state)
{
    (void)state;
    long want = expect_line(FIX "members-invalid-cp932.expect");
    assert_int_equal(want, 5);
    meibo_err err;
    char *out = NULL;
    const csv_encoding encs[] = {CSV_ENC_AUTO, CSV_ENC_CP932};
    for (size_t i = 0; i < 2; i++) {
        meibo_err_clear(&err);
        assert_int_equal(
            csv_read_file(FIX "members-invalid-cp932.csv", encs[i], &out, NULL, NULL, &err),
            MEIBO_ERR_ENCODING);
        assert_null(out);
        assert_int_equal(err.line, want);
        assert_non_null(strstr(err.msg, FIX "members-invalid-cp932.csv: line 5: byte 0x85 is "
                                            "not valid CP932"));
    }
}

static void test_census_of_fixtures(void **state)
{
    (void)state;
    /* The heuristic's margins on real data: CP932 is mostly invalid as UTF-8. */
    meibo_err err;
    meibo_err_clear(&err);
    FILE *f = fopen(FIX "members-cp932.csv", "rb");
    assert_non_null(f);
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    size_t v, i;
    csv_utf8_census(buf, n, &v, &i);
    assert_true(v * 4 < i);
    f = fopen(FIX "members-malformed-utf8.csv", "rb");
    assert_non_null(f);
    n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    csv_utf8_census(buf, n, &v, &i);
    assert_int_equal(i, 1);
    assert_true(v > 100);
}

/* ---- reader --------------------------------------------------------------------------- */

static void test_reader_basic_lf_crlf_cr(void **state)
{
    (void)state;
    const char *texts[] = {"a,b,c\nd,e,f\n", "a,b,c\r\nd,e,f\r\n", "a,b,c\rd,e,f\r",
                           "a,b,c\nd,e,f"};
    for (size_t k = 0; k < 4; k++) {
        table t = {0};
        meibo_err err;
        meibo_err_clear(&err);
        assert_ok(table_parse(texts[k], strlen(texts[k]), &t, &err), &err);
        assert_int_equal(t.n, 2);
        assert_int_equal(t.rows[0].nf, 3);
        assert_string_equal(t.rows[0].f[2], "c");
        assert_string_equal(t.rows[1].f[0], "d");
        assert_string_equal(t.rows[1].f[2], "f");
        assert_int_equal(t.rows[1].line, 2);
        table_free(&t);
    }
}

static void test_reader_empty_fields_trailing_comma(void **state)
{
    (void)state;
    const char *s = ",,\na,\n,b\n\"\",x\n,\n";
    table t = {0};
    meibo_err err;
    meibo_err_clear(&err);
    assert_ok(table_parse(s, strlen(s), &t, &err), &err);
    assert_int_equal(t.n, 5);
    assert_int_equal(t.rows[0].nf, 3);
    for (int j = 0; j < 3; j++)
        assert_string_equal(t.rows[0].f[j], "");
    assert_int_equal(t.rows[1].nf, 2);
    assert_string_equal(t.rows[1].f[0], "a");
    assert_string_equal(t.rows[1].f[1], "");
    assert_string_equal(t.rows[2].f[0], "");
    assert_string_equal(t.rows[2].f[1], "b");
    assert_string_equal(t.rows[3].f[0], "");
    assert_string_equal(t.rows[3].f[1], "x");
    assert_int_equal(t.rows[4].nf, 2);
    table_free(&t);
}

static void test_reader_blank_lines_and_spaces(void **state)
{
    (void)state;
    const char *s = "\r\n\na\r\n\r\n\r\nb\n\n \n";
    table t = {0};
    meibo_err err;
    meibo_err_clear(&err);
    assert_ok(table_parse(s, strlen(s), &t, &err), &err);
    assert_int_equal(t.n, 3);
    assert_string_equal(t.rows[0].f[0], "a");
    assert_int_equal(t.rows[0].line, 3);
    assert_string_equal(t.rows[1].f[0], "b");
    assert_int_equal(t.rows[1].line, 6);
    assert_string_equal(t.rows[2].f[0], " "); /* not trimmed, not blank */
    assert_int_equal(t.rows[2].line, 8);
    table_free(&t);
}

static void test_reader_quotes(void **state)
{
    (void)state;
    const char *s = "\"a,b\",\"say \"\"hi\"\"\",\"x\r\ny\rz\n\"\r\nnext,\"\"\"\"\r\n\"last\"";
    table t = {0};
    meibo_err err;
    meibo_err_clear(&err);
    assert_ok(table_parse(s, strlen(s), &t, &err), &err);
    assert_int_equal(t.n, 3);
    assert_int_equal(t.rows[0].nf, 3);
    assert_string_equal(t.rows[0].f[0], "a,b");
    assert_string_equal(t.rows[0].f[1], "say \"hi\"");
    assert_string_equal(t.rows[0].f[2], "x\ny\nz\n");
    assert_int_equal(t.rows[0].line, 1);
    assert_int_equal(t.rows[0].end_line, 4);
    assert_int_equal(t.rows[1].line, 5);
    assert_int_equal(t.rows[1].end_line, 5);
    assert_string_equal(t.rows[1].f[1], "\"");
    assert_int_equal(t.rows[2].line, 6);
    assert_string_equal(t.rows[2].f[0], "last");
    table_free(&t);
}

static void test_reader_stray_quote(void **state)
{
    (void)state;
    const char *s = "h1,h2\n\"ok\",1\nab\"c,2\nx,y\n";
    csv_reader *r = NULL;
    meibo_err err;
    meibo_err_clear(&err);
    csv_record rec;
    assert_ok(csv_reader_new(s, strlen(s), &r, &err), &err);
    assert_ok(csv_next(r, &rec, &err), &err);
    assert_ok(csv_next(r, &rec, &err), &err);
    assert_int_equal(csv_next(r, &rec, &err), MEIBO_ERR_INVALID);
    assert_int_equal(err.code, MEIBO_ERR_INVALID);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.msg, "line 3"));
    assert_non_null(strstr(err.msg, "quote"));
    /* The reader goes on with the next line. */
    assert_ok(csv_next(r, &rec, &err), &err);
    assert_int_equal(rec.line, 4);
    assert_string_equal(rec.fields[0], "x");
    assert_int_equal(csv_next(r, &rec, &err), MEIBO_ERR_NOT_FOUND);
    assert_int_equal(csv_next(r, &rec, &err), MEIBO_ERR_NOT_FOUND);
    csv_reader_free(r);
}

static void test_reader_text_after_closing_quote(void **state)
{
    (void)state;
    const char *s = "a\n\"multi\nline\"x,b\nc\n";
    csv_reader *r = NULL;
    meibo_err err;
    meibo_err_clear(&err);
    csv_record rec;
    assert_ok(csv_reader_new(s, strlen(s), &r, &err), &err);
    assert_ok(csv_next(r, &rec, &err), &err);
    assert_int_equal(csv_next(r, &rec, &err), MEIBO_ERR_INVALID);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.msg, "closing quote"));
    assert_ok(csv_next(r, &rec, &err), &err);
    assert_string_equal(rec.fields[0], "c");
    assert_int_equal(rec.line, 4);
    csv_reader_free(r);
}

static void test_reader_unterminated_quote(void **state)
{
    (void)state;
    const char *s = "a,b\r\nc,\"open\r\nmore\r\nand more\r\n";
    csv_reader *r = NULL;
    meibo_err err;
    meibo_err_clear(&err);
    csv_record rec;
    assert_ok(csv_reader_new(s, strlen(s), &r, &err), &err);
    assert_ok(csv_next(r, &rec, &err), &err);
    assert_int_equal(csv_next(r, &rec, &err), MEIBO_ERR_INVALID);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.msg, "line 2"));
    assert_non_null(strstr(err.msg, "never closed"));
    assert_int_equal(csv_next(r, &rec, &err), MEIBO_ERR_NOT_FOUND);
    csv_reader_free(r);
}

static void test_reader_empty_and_nul(void **state)
{
    (void)state;
    csv_reader *r = NULL;
    meibo_err err;
    meibo_err_clear(&err);
    csv_record rec;
    assert_ok(csv_reader_new(NULL, 0, &r, &err), &err);
    assert_int_equal(csv_next(r, &rec, &err), MEIBO_ERR_NOT_FOUND);
    csv_reader_free(r);
    assert_ok(csv_reader_new("\n\r\n", 3, &r, &err), &err);
    assert_int_equal(csv_next(r, &rec, &err), MEIBO_ERR_NOT_FOUND);
    csv_reader_free(r);
    assert_ok(csv_reader_new("a\nb\0c\n", 6, &r, &err), &err);
    assert_ok(csv_next(r, &rec, &err), &err);
    assert_int_equal(csv_next(r, &rec, &err), MEIBO_ERR_INVALID);
    assert_int_equal(err.line, 2);
    csv_reader_free(r);
    csv_reader_free(NULL);
    assert_int_equal(csv_next(NULL, &rec, &err), MEIBO_ERR_INVALID);
    assert_int_equal(csv_reader_new(NULL, 4, &r, &err), MEIBO_ERR_INVALID);
}

static void test_reader_bom_in_text(void **state)
{
    (void)state;
    const char *s = "\xEF\xBB\xBFmember_no,姓\n1,林\n";
    table t = {0};
    meibo_err err;
    meibo_err_clear(&err);
    assert_ok(table_parse(s, strlen(s), &t, &err), &err);
    assert_string_equal(t.rows[0].f[0], "member_no");
    assert_string_equal(t.rows[1].f[1], "林");
    table_free(&t);
}

static void test_reader_large(void **state)
{
    (void)state;
    /* A 200 000-byte quoted field and a 3000-field record: nothing is fixed-size. */
    size_t big = 200000, nf = 3000;
    size_t cap = big + nf * 8 + 64;
    char *s = malloc(cap);
    assert_non_null(s);
    size_t p = 0;
    s[p++] = '"';
    for (size_t i = 0; i < big; i++)
        s[p++] = (i % 1000 == 999) ? '\n' : (char)('a' + i % 26);
    s[p++] = '"';
    s[p++] = '\n';
    for (size_t i = 0; i < nf; i++)
        p += (size_t)sprintf(s + p, "%zu%s", i, i + 1 < nf ? "," : "\n");
    csv_reader *r = NULL;
    meibo_err err;
    meibo_err_clear(&err);
    csv_record rec;
    assert_ok(csv_reader_new(s, p, &r, &err), &err);
    assert_ok(csv_next(r, &rec, &err), &err);
    assert_int_equal(rec.nfields, 1);
    assert_int_equal(strlen(rec.fields[0]), big);
    assert_int_equal(rec.line, 1);
    assert_int_equal(rec.end_line, 1 + (long)(big / 1000));
    assert_ok(csv_next(r, &rec, &err), &err);
    assert_int_equal(rec.nfields, nf);
    assert_string_equal(rec.fields[0], "0");
    assert_string_equal(rec.fields[nf - 1], "2999");
    assert_int_equal(rec.line, 2 + (long)(big / 1000));
    assert_int_equal(csv_next(r, &rec, &err), MEIBO_ERR_NOT_FOUND);
    csv_reader_free(r);
    free(s);
}

/* ---- writer --------------------------------------------------------------------------- */

static void test_write_field(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    const char *in[] = {"10000001", "", "a,b", "say \"hi\"", "x\ny", " lead", "trail ", "髙橋",
                        "a\rb", NULL};
    size_t n = sizeof in / sizeof *in;
    for (size_t i = 0; i < n; i++)
        csv_write_field(f, in[i], i + 1 == n);
    csv_write_field(f, "second", 1);
    fclose(f);
    assert_string_equal(buf, "10000001,,\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",\" lead\",\"trail \","
                             "髙橋,\"a\rb\",\r\nsecond\r\n");
    /* Round trip through the reader (a CR in a field comes back as LF). */
    table t = {0};
    meibo_err err;
    meibo_err_clear(&err);
    assert_ok(table_parse(buf, len, &t, &err), &err);
    assert_int_equal(t.n, 2);
    assert_int_equal(t.rows[0].nf, n);
    for (size_t i = 0; i + 2 < n; i++)
        assert_string_equal(t.rows[0].f[i], in[i]);
    assert_string_equal(t.rows[0].f[n - 2], "a\nb");
    assert_string_equal(t.rows[0].f[n - 1], "");
    assert_string_equal(t.rows[1].f[0], "second");
    assert_int_equal(t.rows[1].line, 4);
    table_free(&t);
    free(buf);
    csv_write_field(NULL, "x", 1);
}

/* Found by tests/fuzz (fuzz_csv): a first field beginning with U+FEFF was written bare and
 * read back without it (the reader drops a BOM at the start of the text). */
static void test_write_field_leading_bom(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    csv_write_field(f, "\xEF\xBB\xBF\t0", 0);
    csv_write_field(f, "x", 1);
    fclose(f);
    assert_string_equal(buf, "\"\xEF\xBB\xBF\t0\",x\r\n");
    table t = {0};
    meibo_err err;
    meibo_err_clear(&err);
    assert_ok(table_parse(buf, len, &t, &err), &err);
    assert_int_equal(t.n, 1);
    assert_string_equal(t.rows[0].f[0], "\xEF\xBB\xBF\t0");
    table_free(&t);
    free(buf);
}

/* ---- streaming (issue 12 §4): the same records and the same refusals as the whole file ---- */

/* Read @p path with csv_reader_open() into @p t; the status of the open or the first failing
 * csv_next(). */
static meibo_status table_stream(const char *path, csv_encoding enc, table *t, meibo_err *err)
{
    memset(t, 0, sizeof *t);
    csv_reader *r = NULL;
    meibo_status st = csv_reader_open(path, enc, &r, &t->used, err);
    if (st)
        return st;
    return table_fill(r, t, err);
}

static void same_as_whole(const char *path, csv_encoding enc)
{
    meibo_err e1, e2;
    meibo_err_clear(&e1);
    meibo_err_clear(&e2);
    table a, b;
    memset(&a, 0, sizeof a);
    char *text = NULL;
    size_t len = 0;
    meibo_status s1 = csv_read_file(path, enc, &text, &len, &a.used, &e1);
    if (s1 == MEIBO_OK) {
        s1 = table_parse(text, len, &a, &e1);
        free(text);
    }
    meibo_status s2 = table_stream(path, enc, &b, &e2);
    assert_int_equal(s1, s2);
    if (s1 != MEIBO_OK) {
        assert_string_equal(e1.msg, e2.msg);
        assert_int_equal(e1.line, e2.line);
    } else {
        assert_int_equal(a.used, b.used);
    }
    assert_int_equal(a.n, b.n);
    for (size_t i = 0; i < a.n; i++) {
        assert_int_equal(a.rows[i].nf, b.rows[i].nf);
        assert_int_equal(a.rows[i].line, b.rows[i].line);
        assert_int_equal(a.rows[i].end_line, b.rows[i].end_line);
        for (size_t j = 0; j < a.rows[i].nf; j++)
            assert_string_equal(a.rows[i].f[j], b.rows[i].f[j]);
    }
    table_free(&a);
    table_free(&b);
}

static void test_stream_fixtures(void **state)
{
    (void)state;
    static const char *const files[] = {
        "members-bad-row.csv",        "members-bad-rows.csv",    "members-cp932.csv",
        "members-invalid-cp932.csv",  "members-malformed-utf8.csv", "members-utf8-bom.csv",
        "tui-members.csv"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[256];
        snprintf(path, sizeof path, FIX "%s", files[i]);
        same_as_whole(path, CSV_ENC_AUTO);
        same_as_whole(path, CSV_ENC_UTF8);
        same_as_whole(path, CSV_ENC_CP932);
    }
}

/* Bytes written to a temporary file, its path in @p path. */
static void write_tmp(char path[64], const char *b, size_t n)
{
    snprintf(path, 64, "/tmp/meibo-test-csv-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, b, n), (ssize_t)n);
    close(fd);
}

/* Many windows' worth: quoted line breaks, CRLF, lone CRs, blank lines, CP932 and UTF-8. */
static void test_stream_many_windows(void **state)
{
    (void)state;
    size_t cap = 24u << 20, n = 0; /* 12 MB: windows of 3 MB, chunks of 4 MB */
    char *b = malloc(cap);
    assert_non_null(b);
    n += (size_t)snprintf(b + n, cap - n, "a,b,c\r\n");
    for (long i = 0; n + 200 < cap / 2; i++)
        n += (size_t)snprintf(b + n, cap - n, "%ld,\"x\r\ny\"\"z\",%s%s", i,
                              i % 7 ? "plain" : "\xe9\xab\x98\xe6\xa9\x8b",
                              i % 5 == 0 ? "\r\n\r\n" : i % 3 ? "\n" : "\r");
    char path[64];
    write_tmp(path, b, n);
    same_as_whole(path, CSV_ENC_AUTO);
    unlink(path);
    /* the same in CP932 (高橋 = 0x8D 0x82 0x8B 0xB4), and a bad byte at the very end */
    for (size_t i = 0; i + 5 < n; i++)
        if (!memcmp(b + i, "\xe9\xab\x98\xe6\xa9\x8b", 6))
            memcpy(b + i, "\x8d\x82\x8b\xb4,,", 6);
    write_tmp(path, b, n);
    same_as_whole(path, CSV_ENC_AUTO);
    same_as_whole(path, CSV_ENC_CP932);
    b[n] = '\x81';
    unlink(path);
    write_tmp(path, b, n + 1);
    same_as_whole(path, CSV_ENC_AUTO);
    unlink(path);
    free(b);
}

/* The caps: a field over 64 KB, a record over 1 MB, by line and column, nothing read past. */
static void test_stream_caps(void **state)
{
    (void)state;
    size_t cap = 3u << 20;
    char *b = malloc(cap);
    assert_non_null(b);
    size_t n = (size_t)snprintf(b, cap, "a,b,c\n1,2,3\n4,\"");
    memset(b + n, 'x', CSV_MAX_FIELD);
    n += CSV_MAX_FIELD;
    n += (size_t)snprintf(b + n, cap - n, "\",6\n");
    char path[64];
    meibo_err err;
    csv_reader *r = NULL;
    write_tmp(path, b, n); /* exactly the cap: fine */
    assert_ok(csv_reader_open(path, CSV_ENC_AUTO, &r, NULL, &err), &err);
    csv_reader_free(r);
    unlink(path);
    memcpy(b + n - 4, "y\",6\n", 5); /* one byte more */
    write_tmp(path, b, n + 1);
    assert_int_equal(csv_reader_open(path, CSV_ENC_AUTO, &r, NULL, &err), MEIBO_ERR_INVALID);
    assert_null(r);
    assert_int_equal(err.reason, MEIBO_REASON_CSV_FIELD_CAP);
    assert_int_equal(err.line, 3);
    assert_string_equal(err.value, "2");
    assert_non_null(strstr(err.msg, ":3: column 2: a field longer than 64 KB"));
    unlink(path);
    /* a record of many short fields and quoted line breaks, over 1 MB in all */
    n = (size_t)snprintf(b, cap, "a\n\n");
    while (n < (size_t)CSV_MAX_LINE + 100)
        n += (size_t)snprintf(b + n, cap - n, "\"q\nq\",");
    b[n++] = '\n';
    write_tmp(path, b, n);
    assert_int_equal(csv_reader_open(path, CSV_ENC_AUTO, &r, NULL, &err), MEIBO_ERR_INVALID);
    assert_int_equal(err.reason, MEIBO_REASON_CSV_LINE_CAP);
    assert_int_equal(err.line, 3);
    unlink(path);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_encoding_names),
        cmocka_unit_test(test_write_field_leading_bom),
        cmocka_unit_test(test_line_of),
        cmocka_unit_test(test_decode_ascii_and_empty),
        cmocka_unit_test(test_decode_bom),
        cmocka_unit_test(test_decode_cp932_specials),
        cmocka_unit_test(test_decode_cp932_convert),
        cmocka_unit_test(test_decode_malformed_utf8_inline),
        cmocka_unit_test(test_decode_small_utf8_no_mojibake),
        cmocka_unit_test(test_decode_invalid_cp932_inline),
        cmocka_unit_test(test_decode_utf16_and_nul),
        cmocka_unit_test(test_decode_bad_args),
        cmocka_unit_test(test_read_file_errors),
        cmocka_unit_test(test_read_file_empty),
        cmocka_unit_test(test_fixture_cp932),
        cmocka_unit_test(test_fixture_cp932_matches_source),
        cmocka_unit_test(test_fixture_utf8_bom),
        cmocka_unit_test(test_fixture_bad_row),
        cmocka_unit_test(test_fixture_bad_rows),
        cmocka_unit_test(test_fixture_malformed_utf8),
        cmocka_unit_test(test_fixture_invalid_cp932),
        cmocka_unit_test(test_census_of_fixtures),
        cmocka_unit_test(test_reader_basic_lf_crlf_cr),
        cmocka_unit_test(test_reader_empty_fields_trailing_comma),
        cmocka_unit_test(test_reader_blank_lines_and_spaces),
        cmocka_unit_test(test_reader_quotes),
        cmocka_unit_test(test_reader_stray_quote),
        cmocka_unit_test(test_reader_text_after_closing_quote),
        cmocka_unit_test(test_reader_unterminated_quote),
        cmocka_unit_test(test_reader_empty_and_nul),
        cmocka_unit_test(test_reader_bom_in_text),
        cmocka_unit_test(test_reader_large),
        cmocka_unit_test(test_write_field),
        cmocka_unit_test(test_stream_fixtures),
        cmocka_unit_test(test_stream_many_windows),
        cmocka_unit_test(test_stream_caps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_text.c: search keys, readings, romaji, NFKC, trimming, UTF-8 checks and CP932. */
#include "helpers.h"

#include <stdbool.h>

#include "meibo/text.h"

/* File-private helpers of text.c, reachable with -DTESTING. */
uint32_t text_fold_variant(uint32_t uc);
size_t text_variant_count(void);
void text_variant_at(size_t i, uint32_t *from, uint32_t *to);
extern bool text_fast_off;

#define N(a) (sizeof(a) / sizeof *(a))

typedef struct str_case {
    const char *in, *want;
} str_case;

/* The search key of s; fails the test when the call fails. */
static char *key_of(const char *s)
{
    meibo_err err;
    char *out = NULL;
    meibo_err_clear(&err);
    assert_ok(text_search_key(s, &out, &err), &err);
    assert_non_null(out);
    return out;
}

static void check_key(const char *in, const char *want)
{
    char *k = key_of(in);
    if (strcmp(k, want) != 0)
        fail_msg("search key of '%s' is '%s', want '%s'", in, k, want);
    /* The same function builds stored keys and queries: keys must be fixed points. */
    char *k2 = key_of(k);
    if (strcmp(k2, k) != 0)
        fail_msg("search key not idempotent: '%s' -> '%s' -> '%s'", in, k, k2);
    free(k2);
    free(k);
}

/* Search folding serves 第20条 inquiries: 高橋 must find 髙橋, never a wrong "not a member". */
static void test_search_key_table(void **state)
{
    (void)state;
    static const str_case cases[] = {
        {"髙橋 みどり", "高橋ミドリ"},
        {"高橋ミドリ", "高橋ミドリ"},
        {"ﾀﾅｶ ﾀﾛｳ", "タナカタロウ"},
        {"たなかたろう", "タナカタロウ"},
        {"タナカタロウ", "タナカタロウ"},
        {"ｶﾞｯｺｳ", "ガッコウ"},
        {"TANAKA Taro", "tanakataro"},
        {"Ｔａｎａｋａ　Ｔａｒｏ", "tanakataro"},
        {"１２３", "123"},
        {"Straße", "strasse"},
        {"渡邊", "渡辺"},
        {"渡邉", "渡辺"},
        {"渡辺", "渡辺"},
        {"山﨑", "山崎"},
        {"山嵜", "山崎"},
        {"山崎", "山崎"},
        {"埼玉", "埼玉"}, /* 埼 is its own character, not a variant of 崎 */
        {"齋藤", "斎藤"},
        {"齊藤", "斎藤"},
        {"斉藤", "斎藤"},
        {"斎藤", "斎藤"},
        {"澤田", "沢田"},
        {"濱口", "浜口"},
        {"國井", "国井"},
        {"櫻井", "桜井"},
        {"廣瀬", "広瀬"},
        {"廣瀨", "広瀬"},
        {"德川", "徳川"},
        {"𠮷野", "吉野"},
        {"\xEF\xA8\x90", "塚"},      /* 塚 U+FA10: NFKC maps it */
        {"\xEF\xA7\x9C", "隆"},      /* 隆 U+F9DC: NFKC maps it */
        {"葛\xF3\xA0\x84\x81城", "葛城"}, /* ideographic variation selector U+E0101 dropped */
        {"田中\xE2\x80\x8B太郎", "田中太郎"}, /* zero-width space dropped */
        {"　田中\t太郎\n", "田中太郎"},
        {"ゔぃ", "ヴィ"},
        {"ゝゞ", "ヽヾ"},
        {"わ\xE3\x82\x99", "ヷ"}, /* わ + combining ゛ composes only once folded to katakana */
        {"か ﾞ", "ガ"},           /* the space removed, the mark joins its base */
        {"㈱メディカル", "(株)メディカル"},
        {"", ""},
        {"   ", ""},
    };
    for (size_t i = 0; i < N(cases); i++)
        check_key(cases[i].in, cases[i].want);
}

/* Pairs a clerk may type for the same registered member: keys must be equal. */
static void test_search_key_symmetric(void **state)
{
    (void)state;
    static const str_case pairs[] = {
        {"髙橋 みどり", "高橋ミドリ"},
        {"ﾀﾅｶ ﾀﾛｳ", "たなかたろう"},
        {"山﨑　はなこ", "山崎ハナコ"},
        {"渡邊", "渡邉"},
        {"齋藤", "斉藤"},
        {"TANAKA", "ｔａｎａｋａ"},
    };
    for (size_t i = 0; i < N(pairs); i++) {
        char *a = key_of(pairs[i].in), *b = key_of(pairs[i].want);
        if (strcmp(a, b) != 0)
            fail_msg("'%s' -> '%s' but '%s' -> '%s'", pairs[i].in, a, pairs[i].want, b);
        free(a);
        free(b);
    }
}

static void utf8_of(uint32_t uc, char buf[5])
{
    if (uc < 0x80) {
        buf[0] = (char)uc;
        buf[1] = 0;
    } else if (uc < 0x800) {
        buf[0] = (char)(0xC0 | (uc >> 6));
        buf[1] = (char)(0x80 | (uc & 0x3F));
        buf[2] = 0;
    } else if (uc < 0x10000) {
        buf[0] = (char)(0xE0 | (uc >> 12));
        buf[1] = (char)(0x80 | ((uc >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (uc & 0x3F));
        buf[3] = 0;
    } else {
        buf[0] = (char)(0xF0 | (uc >> 18));
        buf[1] = (char)(0x80 | ((uc >> 12) & 0x3F));
        buf[2] = (char)(0x80 | ((uc >> 6) & 0x3F));
        buf[3] = (char)(0x80 | (uc & 0x3F));
        buf[4] = 0;
    }
}

/* The variant table: generous, sorted, chain-free, never shadowed by NFKC, idempotent. */
static void test_variant_table(void **state)
{
    (void)state;
    size_t n = text_variant_count();
    assert_true(n >= 80);
    for (size_t i = 0; i < n; i++) {
        uint32_t from, to, f2, t2;
        text_variant_at(i, &from, &to);
        assert_int_not_equal(from, to);
        if (i > 0) {
            text_variant_at(i - 1, &f2, &t2);
            if (!(f2 < from))
                fail_msg("variant table not sorted at %zu: U+%04X after U+%04X", i,
                         (unsigned)from, (unsigned)f2);
        }
        /* A target that is itself a source would make folding depend on how often it ran. */
        if (text_fold_variant(to) != to)
            fail_msg("variant target U+%04X is also a source", (unsigned)to);
        assert_int_equal(text_fold_variant(from), to);

        char fs[5], ts[5];
        utf8_of(from, fs);
        utf8_of(to, ts);
        meibo_err err;
        char *nf = NULL;
        assert_ok(text_nfkc(fs, &nf, &err), &err);
        if (strcmp(nf, fs) != 0)
            fail_msg("variant source %s (U+%04X) is changed by NFKC: dead entry", fs,
                     (unsigned)from);
        free(nf);
        /* key(variant) == key(common form) == common form, and key(key(x)) == key(x) */
        check_key(fs, ts);
        check_key(ts, ts);
    }
    /* Characters outside the table are left alone. */
    assert_int_equal(text_fold_variant(U'田'), U'田');
    assert_int_equal(text_fold_variant(U'埼'), U'埼');
    assert_int_equal(text_fold_variant(0x41), 0x41);
    assert_int_equal(text_fold_variant(0x10FFFF), 0x10FFFF);
}

/* 﨑 U+FA11 is one of the 12 unified compatibility ideographs: NFKC keeps it, the table folds it. */
static void test_fa11_not_nfkc(void **state)
{
    (void)state;
    meibo_err err;
    char *out = NULL;
    assert_ok(text_nfkc("\xEF\xA8\x91", &out, &err), &err);
    assert_string_equal(out, "\xEF\xA8\x91");
    free(out);
    check_key("\xEF\xA8\x91", "崎");
}

static void test_search_key_errors(void **state)
{
    (void)state;
    meibo_err err;
    char *out = (char *)&err;
    meibo_err_clear(&err);
    assert_int_equal(text_search_key("ab\xFF", &out, &err), MEIBO_ERR_ENCODING);
    assert_null(out);
    assert_string_equal(err.msg, "search text: invalid UTF-8 at byte offset 2");
    assert_int_equal(text_search_key(NULL, &out, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.msg, "search text: no text given");
}

/* Readings arrive half-width or in hiragana; stored as full-width katakana (DESIGN, Member CSV). */
static void test_reading_table(void **state)
{
    (void)state;
    static const str_case cases[] = {
        {"ﾀﾅｶ ﾀﾛｳ", "タナカ　タロウ"},
        {"たなか　たろう", "タナカ　タロウ"},
        {"  ｻﾄｳ \t　 ｼﾞﾛｳ  ", "サトウ　ジロウ"},
        {"ｶﾞｯｺｳ", "ガッコウ"},
        {"ﾊﾟﾋﾟﾌﾟ", "パピプ"},
        {"ゔぁいおりん", "ヴァイオリン"},
        {"ｳﾞｧ", "ヴァ"},
        {"ﾒｲ･ｽﾐｽ", "メイ・スミス"},
        {"ｺｰﾋｰ", "コーヒー"},
        {"カ\xE3\x82\x99", "ガ"},  /* combining ゛ */
        {"か゛", "ガ"},            /* spacing ゛ as typed with some IMEs */
        {"かﾞ", "ガ"},             /* hiragana + half-width ﾞ */
        {"ヶ", "ヶ"},
        {"サヽキ", "サヽキ"},
        {"ぁぃぅぇぉっゃゅょゎ", "ァィゥェォッャュョヮ"},
        {"", ""},
        {"　", ""},
    };
    for (size_t i = 0; i < N(cases); i++) {
        meibo_err err;
        char *out = NULL;
        assert_ok(text_reading(cases[i].in, &out, &err), &err);
        if (strcmp(out, cases[i].want) != 0)
            fail_msg("reading of '%s' is '%s', want '%s'", cases[i].in, out, cases[i].want);
        free(out);
    }
}

typedef struct err_case {
    const char *in;
    meibo_status code;
    const char *msg;
} err_case;

static void test_reading_refused(void **state)
{
    (void)state;
    static const err_case cases[] = {
        {"山田", MEIBO_ERR_INVALID, "reading must be katakana or hiragana: found '山'"},
        {"タナカ1", MEIBO_ERR_INVALID, "reading must be katakana or hiragana: found '1'"},
        {"ﾀﾅｶ１", MEIBO_ERR_INVALID, "reading must be katakana or hiragana: found '１'"},
        {"tanaka", MEIBO_ERR_INVALID, "reading must be katakana or hiragana: found 't'"},
        {"タナカ-タロウ", MEIBO_ERR_INVALID, "reading must be katakana or hiragana: found '-'"},
        {"タナカ\x01", MEIBO_ERR_INVALID, "reading must be katakana or hiragana: found U+0001"},
        {"\xE3\x82\x99", MEIBO_ERR_INVALID, "reading must be katakana or hiragana: found U+3099"},
        {"タ\xC3", MEIBO_ERR_ENCODING, "reading: invalid UTF-8 at byte offset 3"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        meibo_err err;
        char *out = NULL;
        meibo_err_clear(&err);
        assert_int_equal(text_reading(cases[i].in, &out, &err), cases[i].code);
        assert_null(out);
        assert_int_equal(err.code, cases[i].code);
        assert_string_equal(err.msg, cases[i].msg);
    }
}

/* Hepburn romaji for the English name on letters and export sheets. */
static void test_romaji_table(void **state)
{
    (void)state;
    static const str_case cases[] = {
        {"シンイチ", "shinichi"},
        {"ショウタ", "shouta"},
        {"サトウ", "satou"},
        {"オオノ", "oono"},
        {"ッカ", "kka"},
        {"ハットリ", "hattori"},
        {"マッチ", "matchi"},
        {"イッチョウ", "itchou"},
        {"イッショ", "issho"},
        {"ミッツ", "mittsu"},
        {"ホンマ", "honma"},
        {"ナンバ", "nanba"},
        {"ジュンペイ", "junpei"},
        {"シ", "shi"},
        {"チ", "chi"},
        {"ツ", "tsu"},
        {"フジ", "fuji"},
        {"ヂ", "ji"},
        {"ヅ", "zu"},
        {"チャ", "cha"},
        {"ジャ", "ja"},
        {"ヂャ", "ja"},
        {"キャ", "kya"},
        {"キョウコ", "kyouko"},
        {"リュウ", "ryuu"},
        {"ヒャク", "hyaku"},
        {"ミョウ", "myou"},
        {"ニャ", "nya"},
        {"ピョン", "pyon"},
        {"ビュ", "byu"},
        {"ギョ", "gyo"},
        {"シェ", "she"},
        {"ジェ", "je"},
        {"チェ", "che"},
        {"ヴ", "vu"},
        {"ヴァイオリン", "vaiorin"},
        {"ファ", "fa"},
        {"フィ", "fi"},
        {"フェ", "fe"},
        {"フォ", "fo"},
        {"ティ", "ti"},
        {"ディ", "di"},
        {"トゥ", "tu"},
        {"ウィ", "wi"},
        {"ウェ", "we"},
        {"ウォ", "wo"},
        {"ツァ", "tsa"},
        {"ラーメン", "ramen"},
        {"ワヲン", "waon"},
        {"ヰヱ", "ie"},
        {"ァ", "a"},
        {"サヽキ", "sasaki"},
        {"スヾキ", "suzuki"},
        {"タナカ　タロウ", "tanaka tarou"},
        {"タナカ 　 タロウ ", "tanaka tarou"},
        {"ジョン・スミス", "jon sumisu"},
        {"たなか たろう", "tanaka tarou"},
        {"ｶﾞｯｺｳ", "gakkou"},
        {"ABCタ", "ABCta"},
        {"タ山", "ta山"},
        {"ッ", ""},
        {"", ""},
    };
    for (size_t i = 0; i < N(cases); i++) {
        meibo_err err;
        char *out = NULL;
        assert_ok(text_romaji(cases[i].in, &out, &err), &err);
        if (strcmp(out, cases[i].want) != 0)
            fail_msg("romaji of '%s' is '%s', want '%s'", cases[i].in, out, cases[i].want);
        free(out);
    }
}

static void test_romaji_errors(void **state)
{
    (void)state;
    meibo_err err;
    char *out = NULL;
    assert_int_equal(text_romaji("\xE3\x82", &out, &err), MEIBO_ERR_ENCODING);
    assert_null(out);
    assert_string_equal(err.msg, "romaji: invalid UTF-8 at byte offset 0");
    assert_int_equal(text_romaji(NULL, &out, &err), MEIBO_ERR_INVALID);
}

static void test_nfkc_table(void **state)
{
    (void)state;
    static const str_case cases[] = {
        {"１２３－４５６７", "123-4567"},
        {"ｶﾞ", "ガ"},
        {"㍻", "平成"},
        {"Ａ－１", "A-1"},
        {"\xE3\x80\x80", " "},
        {"", ""},
    };
    for (size_t i = 0; i < N(cases); i++) {
        meibo_err err;
        char *out = NULL;
        assert_ok(text_nfkc(cases[i].in, &out, &err), &err);
        assert_string_equal(out, cases[i].want);
        free(out);
    }
    meibo_err err;
    char *out = NULL;
    assert_int_equal(text_nfkc("\xC0\xAF", &out, &err), MEIBO_ERR_ENCODING);
    assert_string_equal(err.msg, "text: invalid UTF-8 at byte offset 0");
}

static void test_trim_table(void **state)
{
    (void)state;
    static const str_case cases[] = {
        {"  a b  ", "a b"},
        {"　田中　", "田中"},
        {"\t x\r\n", "x"},
        {" 　 田中 太郎 　", "田中 太郎"},
        {"田中", "田中"},
        {"   ", ""},
        {"　", ""},
        {"", ""},
    };
    for (size_t i = 0; i < N(cases); i++) {
        meibo_err err;
        char *out = NULL;
        assert_ok(text_trim(cases[i].in, &out, &err), &err);
        assert_string_equal(out, cases[i].want);
        free(out);
    }
    meibo_err err;
    char *out = NULL;
    assert_int_equal(text_trim(NULL, &out, &err), MEIBO_ERR_INVALID);
}

typedef struct utf8_case {
    const char *s;
    size_t n;
    bool valid;
    size_t bad;
} utf8_case;

static void test_utf8_valid_table(void **state)
{
    (void)state;
    static const utf8_case cases[] = {
        {"", 0, true, 0},
        {"abc", 3, true, 0},
        {"田中", 6, true, 0},
        {"𠮷", 4, true, 0},
        {"a\0b", 3, true, 0},
        {"\xC0\xAF", 2, false, 0},             /* overlong '/' */
        {"ab\xED\xA0\x80", 5, false, 2},       /* surrogate U+D800 */
        {"\xF4\x90\x80\x80", 4, false, 0},     /* beyond U+10FFFF */
        {"a\xE3\x81", 3, false, 1},            /* truncated */
        {"田\x80", 4, false, 3},               /* stray continuation byte */
        {"\xFF", 1, false, 0},
    };
    for (size_t i = 0; i < N(cases); i++) {
        size_t bad = 99;
        bool ok = text_utf8_valid(cases[i].s, cases[i].n, &bad);
        if (ok != cases[i].valid)
            fail_msg("case %zu: valid=%d, want %d", i, ok, cases[i].valid);
        if (!ok)
            assert_int_equal(bad, cases[i].bad);
        assert_int_equal(text_utf8_valid(cases[i].s, cases[i].n, NULL), cases[i].valid);
    }
}

static void test_length_table(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t n;
    } cases[] = {
        {"", 0}, {"abc", 3}, {"田中", 2}, {"𠮷野", 2}, {"ｶﾞ", 2}, {"ガ", 1}, {"田中 太郎", 5},
    };
    for (size_t i = 0; i < N(cases); i++)
        assert_int_equal(text_length(cases[i].s), cases[i].n);
    assert_int_equal(text_length(NULL), 0);
}

typedef struct cp932_case {
    const char *in;
    size_t n;
    const char *want;
    size_t want_len;
} cp932_case;

/* Excel writes CP932, not Shift_JIS: 髙, 﨑, ①, ㈱ exist only in CP932 (docs/ARCHITECTURE.md, Text). */
static void test_cp932_table(void **state)
{
    (void)state;
    static const cp932_case cases[] = {
        {"\xFB\xFC", 2, "髙", 3},
        {"\xFA\xB1", 2, "\xEF\xA8\x91", 3},  /* 﨑 U+FA11 */
        {"\x87\x40", 2, "①", 3},
        {"\x87\x8A", 2, "㈱", 3},
        {"\x87\x8D", 2, "㍾", 3},
        {"\x81\x60", 2, "\xEF\xBD\x9E", 3},  /* U+FF5E, not U+301C */
        {"\x93\x63\x92\x86", 4, "田中", 6},
        {"\xB6\xDE", 2, "ｶﾞ", 6},
        {"\xED\x40", 2, "纊", 3},             /* NEC-selected IBM extension */
        {"a,\\~", 4, "a,\\~", 4},
        {"a\0b", 3, "a\0b", 3},
        {"", 0, "", 0},
    };
    for (size_t i = 0; i < N(cases); i++) {
        meibo_err err;
        char *out = NULL;
        size_t len = 99, bad = 99;
        assert_ok(text_cp932_to_utf8(cases[i].in, cases[i].n, &out, &len, &bad, &err), &err);
        assert_int_equal(len, cases[i].want_len);
        assert_memory_equal(out, cases[i].want, len);
        assert_int_equal(out[len], '\0');
        free(out);
    }
}

typedef struct cp932_bad {
    const char *in;
    size_t n;
    size_t bad;
    const char *msg;
} cp932_bad;

static void test_cp932_invalid(void **state)
{
    (void)state;
    static const cp932_bad cases[] = {
        {"ab\x81\x20", 4, 2, "CP932 input: invalid byte sequence 0x81 0x20 at byte offset 2"},
        {"ab\x81", 3, 2, "CP932 input: incomplete character 0x81 at the end (byte offset 2)"},
        {"x\xFD", 2, 1, "CP932 input: invalid byte 0xFD at byte offset 1"},
        {"\x80y", 2, 0, "CP932 input: invalid byte 0x80 at byte offset 0"},
        {"\x93\x63\x88\x40", 4, 2, /* 田 then an unassigned code */
         "CP932 input: invalid byte sequence 0x88 0x40 at byte offset 2"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        meibo_err err;
        char *out = NULL;
        size_t len = 99, bad = 99;
        meibo_err_clear(&err);
        assert_int_equal(text_cp932_to_utf8(cases[i].in, cases[i].n, &out, &len, &bad, &err),
                         MEIBO_ERR_ENCODING);
        assert_null(out);
        assert_int_equal(len, 0);
        assert_int_equal(bad, cases[i].bad);
        assert_string_equal(err.msg, cases[i].msg);
    }
}

/* A larger input that makes the output buffer grow, and a round trip through search keys. */
static void test_cp932_long(void **state)
{
    (void)state;
    size_t reps = 5000;
    char *in = malloc(reps * 2);
    assert_non_null(in);
    for (size_t i = 0; i < reps; i++)
        memcpy(in + 2 * i, "\xFB\xFC", 2);
    meibo_err err;
    char *out = NULL;
    size_t len = 0;
    assert_ok(text_cp932_to_utf8(in, reps * 2, &out, &len, NULL, &err), &err);
    assert_int_equal(len, reps * 3);
    assert_int_equal(text_length(out), reps);
    free(in);
    free(out);
}

/* One call with the fast paths on and off: same status, same text, same message. */
typedef meibo_status (*text_fn)(const char *, char **, meibo_err *);

static void same_both_ways(const char *name, text_fn fn, const char *in)
{
    char *a = NULL, *b = NULL;
    meibo_err ea, eb;
    meibo_err_clear(&ea);
    meibo_err_clear(&eb);
    text_fast_off = false;
    meibo_status sa = fn(in, &a, &ea);
    text_fast_off = true;
    meibo_status sb = fn(in, &b, &eb);
    text_fast_off = false;
    if (sa != sb || (a && b && strcmp(a, b) != 0) || (!a) != (!b) ||
        (sa && strcmp(ea.msg, eb.msg) != 0))
        fail_msg("%s('%s'): fast %d '%s' (%s), general %d '%s' (%s)", name, in, sa,
                 a ? a : "(null)", ea.msg, sb, b ? b : "(null)", eb.msg);
    free(a);
    free(b);
}

/* The fast paths (ASCII, kana, common kanji) give what the general path gives, on random
 * strings mixing fast characters with ones that must leave them: marks, half-width kana,
 * full-width Latin, compatibility ideographs, variants, spaces, controls, astral kanji. */
static void test_fast_paths_agree(void **state)
{
    (void)state;
    static const char *const pool[] = {
        "a", "Z", "0", " ", ".", "@", "-", "\t", "\x1c", "\x7f", "髙", "高", "﨑", "崎", "邊",
        "辺", "田", "中", "々", "〆", "ア", "ガ", "ヴ", "ヷ", "ヺ", "ー", "・", "ヽ", "ヾ", "ヿ", "あ",
        "が", "ゔ", "ゝ", "ゞ", "ゟ", "ァ", "ッ", "ン", "\u3000", "\u3099", "\u309b", "\u309c",
        "ｶ", "ﾞ", "ﾟ", "ｰ", "Ａ", "ａ", "１", "①", "㈱", "塚", "\uf9dc", "𠮷", "𩸽", "\u4dbf",
        "\u3400", "\u9fff", "\u0301", "é", "ß", "İ", "Ⅻ", "\u00a0", "\u200b", "ｱ", "ｷﾞ",
    };
    const text_fn fns[] = {text_search_key, text_reading, text_romaji, text_nfkc};
    const char *const names[] = {"text_search_key", "text_reading", "text_romaji", "text_nfkc"};
    uint64_t x = 88172645463325252ULL;
    for (int i = 0; i < 20000; i++) {
        char in[128] = "";
        size_t len = 0;
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int n = (int)(x % 7), fast_only = (int)(x >> 60) < 12; /* mostly fast characters */
        for (int k = 0; k < n; k++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            size_t pick = (size_t)(x % (fast_only ? 40 : N(pool)));
            if (fast_only && pick < 10)
                pick = 10 + pick;
            size_t pl = strlen(pool[pick]);
            memcpy(in + len, pool[pick], pl);
            len += pl;
        }
        in[len] = '\0';
        for (size_t f = 0; f < N(fns); f++)
            same_both_ways(names[f], fns[f], in);
    }
    /* and the keys of real names, readings and romaji */
    static const char *const real[] = {"長谷川一郎", "ハセガワ イチロウ", "はせがわ　いちろう",
                                       "Ichiro Hasegawa", "hasegawa.ichiro586@example.jp",
                                       "中島医院", "東京大学医学部附属病院", "髙橋みどり", ""};
    for (size_t i = 0; i < N(real); i++)
        for (size_t f = 0; f < N(fns); f++)
            same_both_ways(names[f], fns[f], real[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fast_paths_agree),
        cmocka_unit_test(test_search_key_table),
        cmocka_unit_test(test_search_key_symmetric),
        cmocka_unit_test(test_variant_table),
        cmocka_unit_test(test_fa11_not_nfkc),
        cmocka_unit_test(test_search_key_errors),
        cmocka_unit_test(test_reading_table),
        cmocka_unit_test(test_reading_refused),
        cmocka_unit_test(test_romaji_table),
        cmocka_unit_test(test_romaji_errors),
        cmocka_unit_test(test_nfkc_table),
        cmocka_unit_test(test_trim_table),
        cmocka_unit_test(test_utf8_valid_table),
        cmocka_unit_test(test_length_table),
        cmocka_unit_test(test_cp932_table),
        cmocka_unit_test(test_cp932_invalid),
        cmocka_unit_test(test_cp932_long),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

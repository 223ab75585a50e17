/* test_demo.c: the synthetic member generator (demo.c). */
#include "helpers.h"

#include <stdbool.h>

#include "meibo/demo.h"
#include "meibo/member.h"

#define TODAY "2025-06-30"

#ifdef DEMO_TEST_STUBS
/* Minimal stand-ins for member.c, for building this test before member.c exists. */
void member_init(meibo_member *m)
{
    memset(m, 0, sizeof *m);
}

void member_clear(meibo_member *m)
{
    for (int f = 0; f < MF__COUNT; f++)
        free(m->v[f]);
    free(m->created_at);
    free(m->updated_at);
    free(m->updated_by);
    memset(m, 0, sizeof *m);
}

meibo_status member_set(meibo_member *m, member_field f, const char *value, meibo_err *err)
{
    free(m->v[f]);
    m->v[f] = NULL;
    if (value && *value && !(m->v[f] = strdup(value)))
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    return MEIBO_OK;
}
#endif

/* Value of a field, "" when empty. */
static const char *fv(const meibo_member *m, member_field f)
{
    return m->v[f] ? m->v[f] : "";
}

/* ---- passport Hepburn from katakana, written independently of the tables ---------------- */

/* Decode one UTF-8 code point; returns its length. */
static int u8dec(const char *s, unsigned *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    if ((p[0] & 0xE0) == 0xC0) {
        *cp = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
        return 2;
    }
    if ((p[0] & 0xF0) == 0xE0) {
        *cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
        return 3;
    }
    *cp = ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) |
          (p[3] & 0x3Fu);
    return 4;
}

/* Romaji of one katakana (U+30A1..U+30F3), NULL for small ya/yu/yo, tsu and n. */
static const char *kana_mora(unsigned cp)
{
    static const char *const t[] = {
        /* 30A1 */ "a", "a", "i", "i", "u", "u", "e", "e", "o", "o",
        /* 30AB */ "ka", "ga", "ki", "gi", "ku", "gu", "ke", "ge", "ko", "go",
        /* 30B5 */ "sa", "za", "shi", "ji", "su", "zu", "se", "ze", "so", "zo",
        /* 30BF */ "ta", "da", "chi", "ji", NULL, "tsu", "zu", "te", "de", "to", "do",
        /* 30CA */ "na", "ni", "nu", "ne", "no",
        /* 30CF */ "ha", "ba", "pa", "hi", "bi", "pi", "fu", "bu", "pu", "he", "be", "pe",
        "ho", "bo", "po",
        /* 30DE */ "ma", "mi", "mu", "me", "mo",
        /* 30E3 */ NULL, "ya", NULL, "yu", NULL, "yo",
        /* 30E9 */ "ra", "ri", "ru", "re", "ro",
        /* 30EE */ "wa", "wa", "i", "e", "o", NULL,
    };
    if (cp < 0x30A1 || cp > 0x30F3)
        return NULL;
    return t[cp - 0x30A1];
}

/* Passport Hepburn (lower case) of a katakana reading: long o/u not written (ウ after o or u
 * dropped unless エ follows, as in イノウエ; オ after o dropped), ン before b/m/p is m,
 * ッ doubles the consonant (ッチ → tch). False on a character it does not know. */
static bool passport_romaji(const char *kana, char *out, size_t cap)
{
    unsigned cps[64];
    size_t n = 0;
    for (const char *p = kana; *p && n < 64;) {
        p += u8dec(p, &cps[n]);
        n++;
    }
    size_t len = 0;
    out[0] = '\0';
    bool sokuon = false;
    for (size_t i = 0; i < n; i++) {
        unsigned c = cps[i], next = i + 1 < n ? cps[i + 1] : 0;
        char mora[8];
        if (c == 0x30C3) { /* ッ */
            sokuon = true;
            continue;
        }
        if (c == 0x30F3) { /* ン */
            const char *nx = kana_mora(next);
            snprintf(mora, sizeof mora, "%s",
                     nx && (nx[0] == 'b' || nx[0] == 'm' || nx[0] == 'p') ? "m" : "n");
        } else {
            const char *r = kana_mora(c);
            if (!r)
                return false;
            snprintf(mora, sizeof mora, "%s", r);
            if (next == 0x30E3 || next == 0x30E5 || next == 0x30E7) { /* ャュョ */
                char v = next == 0x30E3 ? 'a' : next == 0x30E5 ? 'u' : 'o';
                size_t ml = strlen(mora);
                if (ml < 2 || mora[ml - 1] != 'i')
                    return false;
                if (!strcmp(mora, "shi") || !strcmp(mora, "chi") || !strcmp(mora, "ji"))
                    mora[ml - 1] = v;
                else {
                    mora[ml - 1] = 'y';
                    mora[ml] = v;
                    mora[ml + 1] = '\0';
                }
                i++;
                next = i + 1 < n ? cps[i + 1] : 0;
            }
            char prev = len ? out[len - 1] : 0;
            if (c == 0x30A6 && (prev == 'o' || prev == 'u') && next != 0x30A8)
                continue;
            if (c == 0x30AA && prev == 'o')
                continue;
        }
        if (sokuon) {
            if (len + 1 >= cap)
                return false;
            out[len++] = mora[0] == 'c' ? 't' : mora[0];
            sokuon = false;
        }
        size_t ml = strlen(mora);
        if (len + ml >= cap)
            return false;
        memcpy(out + len, mora, ml + 1);
        len += ml;
    }
    return !sokuon;
}

/* Is every code point katakana (U+30A0–30FF) or U+3000? */
static bool all_katakana(const char *s)
{
    if (!*s)
        return false;
    while (*s) {
        unsigned cp;
        s += u8dec(s, &cp);
        if (!((cp >= 0x30A0 && cp <= 0x30FF) || cp == 0x3000))
            return false;
    }
    return true;
}

static size_t cp_count(const char *s)
{
    size_t n = 0;
    while (*s) {
        unsigned cp;
        s += u8dec(s, &cp);
        n++;
    }
    return n;
}

/* ---- collecting members ----------------------------------------------------------------- */

/* FNV-1a over every field of every member. */
typedef struct hash_ctx {
    uint64_t h;
    long calls;
} hash_ctx;

static meibo_status hash_cb(meibo_member *m, void *arg, meibo_err *err)
{
    (void)err;
    hash_ctx *c = arg;
    for (int f = 0; f < MF__COUNT; f++) {
        const char *s = fv(m, (member_field)f);
        for (size_t i = 0; i <= strlen(s); i++) {
            c->h ^= (unsigned char)s[i];
            c->h *= 0x100000001B3ULL;
        }
        c->h ^= (uint64_t)f;
        c->h *= 0x100000001B3ULL;
    }
    c->calls++;
    return MEIBO_OK;
}

static uint64_t run_hash(long n, uint64_t seed)
{
    hash_ctx c = {0xCBF29CE484222325ULL, 0};
    meibo_err err;
    demo_options o = {n, seed, TODAY};
    assert_ok(demo_generate(&o, hash_cb, &c, &err), &err);
    assert_int_equal(c.calls, n);
    return c.h;
}

/* One line per member: every field joined by '|'. */
typedef struct lines_ctx {
    char **lines;
    long n;
} lines_ctx;

static meibo_status lines_cb(meibo_member *m, void *arg, meibo_err *err)
{
    (void)err;
    lines_ctx *c = arg;
    char buf[4096];
    size_t len = 0;
    for (int f = 0; f < MF__COUNT; f++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s|", fv(m, (member_field)f));
    c->lines[c->n++] = strdup(buf);
    return MEIBO_OK;
}

static lines_ctx run_lines(long n, uint64_t seed)
{
    lines_ctx c = {calloc((size_t)n, sizeof(char *)), 0};
    meibo_err err;
    demo_options o = {n, seed, TODAY};
    assert_ok(demo_generate(&o, lines_cb, &c, &err), &err);
    assert_int_equal(c.n, n);
    return c;
}

static void free_lines(lines_ctx *c)
{
    for (long i = 0; i < c->n; i++)
        free(c->lines[i]);
    free(c->lines);
}

/* ---- tests ------------------------------------------------------------------------------ */

static void test_deterministic(void **state)
{
    (void)state;
    uint64_t a = run_hash(2000, 42), b = run_hash(2000, 42), c = run_hash(2000, 43);
    assert_true(a == b);
    assert_true(a != c);
}

static void test_independent_of_count(void **state)
{
    (void)state;
    lines_ctx small = run_lines(10, 7), big = run_lines(1000, 7);
    for (long i = 0; i < 10; i++)
        assert_string_equal(small.lines[i], big.lines[i]);
    free_lines(&small);
    free_lines(&big);
}

static const char *const prefs[47] = {
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県",
    "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県",
    "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府",
    "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
    "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県",
    "鹿児島県", "沖縄県",
};
static const char *const pref_branch[47] = {
    "北海道", "東北", "東北", "東北", "東北", "東北", "東北", "関東甲信越", "関東甲信越",
    "関東甲信越", "関東甲信越", "関東甲信越", "関東甲信越", "関東甲信越", "関東甲信越", "北陸",
    "北陸", "北陸", "関東甲信越", "関東甲信越", "東海", "東海", "東海", "東海", "近畿", "近畿",
    "近畿", "近畿", "近畿", "近畿", "中国・四国", "中国・四国", "中国・四国", "中国・四国",
    "中国・四国", "中国・四国", "中国・四国", "中国・四国", "中国・四国", "九州", "九州", "九州",
    "九州", "九州", "九州", "九州", "九州",
};

static int pref_of(const char *addr)
{
    for (int p = 0; p < 47; p++)
        if (!strncmp(addr, prefs[p], strlen(prefs[p])))
            return p;
    return -1;
}

static bool is_date(const char *s, int *y, int *m, int *d)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    *y = atoi(s), *m = atoi(s + 5), *d = atoi(s + 8);
    return *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}

static bool is_postal(const char *s)
{
    if (strlen(s) != 8 || s[3] != '-')
        return false;
    for (int i = 0; i < 8; i++)
        if (i != 3 && (s[i] < '0' || s[i] > '9'))
            return false;
    return true;
}

static bool all_digits(const char *s, size_t len)
{
    if (strlen(s) != len)
        return false;
    for (size_t i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Statistics over a run, checked member by member in the callback. */
typedef struct stats_ctx {
    long n, specialist, optout, left, deceased, consent, one_char, takahashi_v, yamasaki_v;
    long pref_seen[47];
    char **member_no, **spec_no;
    long nspec;
    char fail[512];
} stats_ctx;

#define CHECK(cond)                                                                        \
    do {                                                                                   \
        if (!(cond) && !c->fail[0])                                                        \
            snprintf(c->fail, sizeof c->fail, "member %s: %s", fv(m, MF_MEMBER_NO), #cond); \
    } while (0)

static meibo_status stats_cb(meibo_member *m, void *arg, meibo_err *err)
{
    (void)err;
    stats_ctx *c = arg;
    static const member_field always[] = {
        MF_MEMBER_NO,   MF_JOINED_ON,  MF_STATUS,        MF_FAMILY_NAME,      MF_GIVEN_NAME,
        MF_FAMILY_KANA, MF_GIVEN_KANA, MF_NAME_EN,       MF_BIRTH_DATE,       MF_POSTAL_CODE,
        MF_HOME_ADDRESS, MF_EMAIL,     MF_FACILITY_NAME, MF_FACILITY_POSTAL_CODE,
        MF_FACILITY_ADDRESS, MF_BRANCH, MF_DIRECTORY_CONSENT,
    };
    for (size_t i = 0; i < sizeof always / sizeof *always; i++)
        CHECK(*fv(m, always[i]));
    CHECK(all_digits(fv(m, MF_MEMBER_NO), 8));
    c->member_no[c->n] = strdup(fv(m, MF_MEMBER_NO));
    if (m->v[MF_SPECIALIST_NO]) {
        CHECK(all_digits(fv(m, MF_SPECIALIST_NO), 7));
        c->spec_no[c->nspec++] = strdup(fv(m, MF_SPECIALIST_NO));
        c->specialist++;
    }

    /* names */
    CHECK(all_katakana(fv(m, MF_FAMILY_KANA)));
    CHECK(all_katakana(fv(m, MF_GIVEN_KANA)));
    char g[64], f[64], en[160];
    CHECK(passport_romaji(fv(m, MF_GIVEN_KANA), g, sizeof g));
    CHECK(passport_romaji(fv(m, MF_FAMILY_KANA), f, sizeof f));
    g[0] = (char)(g[0] - 'a' + 'A');
    f[0] = (char)(f[0] - 'a' + 'A');
    snprintf(en, sizeof en, "%s %s", g, f);
    CHECK(!strcmp(en, fv(m, MF_NAME_EN)));
    size_t fl = cp_count(fv(m, MF_FAMILY_NAME));
    CHECK(fl >= 1 && fl <= 3);
    c->one_char += fl == 1;
    c->takahashi_v += !strcmp(fv(m, MF_FAMILY_NAME), "髙橋");
    c->yamasaki_v += !strcmp(fv(m, MF_FAMILY_NAME), "山﨑");

    /* dates */
    int by = 0, bm = 0, bd = 0, jy = 0, jm = 0, jd = 0;
    CHECK(is_date(fv(m, MF_BIRTH_DATE), &by, &bm, &bd));
    CHECK(is_date(fv(m, MF_JOINED_ON), &jy, &jm, &jd));
    const char *birth = fv(m, MF_BIRTH_DATE), *joined = fv(m, MF_JOINED_ON);
    CHECK(strcmp(birth, joined) < 0);
    CHECK(strcmp(joined, TODAY) <= 0);
    CHECK(strcmp(joined, "1975-01-01") >= 0);
    CHECK(by >= 1940 && by <= 2000);
    int age = jy - by - (jm < bm || (jm == bm && jd < bd));
    CHECK(age >= 24 && age <= 40);

    /* places */
    int pf = pref_of(fv(m, MF_FACILITY_ADDRESS)), ph = pref_of(fv(m, MF_HOME_ADDRESS));
    CHECK(pf >= 0);
    CHECK(ph == pf);
    if (pf >= 0) {
        c->pref_seen[pf]++;
        CHECK(!strcmp(fv(m, MF_BRANCH), pref_branch[pf]));
    }
    CHECK(is_postal(fv(m, MF_POSTAL_CODE)));
    CHECK(is_postal(fv(m, MF_FACILITY_POSTAL_CODE)));

    /* e-mail */
    const char *at = strchr(fv(m, MF_EMAIL), '@');
    CHECK(at && at > fv(m, MF_EMAIL));
    if (at) {
        CHECK(!strncmp(at + 1, "example.", 8));
        for (const char *p = fv(m, MF_EMAIL); p < at; p++)
            CHECK((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' ||
                  *p == '-');
    }

    /* status, withdrawal, opt-out, consent */
    const char *st = fv(m, MF_STATUS);
    CHECK(!strcmp(st, "active") || !strcmp(st, "withdrawn") || !strcmp(st, "deceased"));
    if (strcmp(st, "active")) {
        int y, mo, d;
        c->left++;
        c->deceased += !strcmp(st, "deceased");
        CHECK(is_date(fv(m, MF_WITHDRAWN_ON), &y, &mo, &d));
        CHECK(strcmp(fv(m, MF_WITHDRAWN_ON), joined) > 0);
        CHECK(strcmp(fv(m, MF_WITHDRAWN_ON), TODAY) <= 0);
        CHECK(*fv(m, MF_WITHDRAW_REASON));
        CHECK(!strcmp(st, "deceased") == !strcmp(fv(m, MF_WITHDRAW_REASON), "逝去"));
    } else {
        CHECK(!m->v[MF_WITHDRAWN_ON] && !m->v[MF_WITHDRAW_REASON]);
    }
    if (m->v[MF_OPTOUT_ON]) {
        int y, mo, d;
        c->optout++;
        CHECK(is_date(fv(m, MF_OPTOUT_ON), &y, &mo, &d));
        CHECK(strcmp(fv(m, MF_OPTOUT_ON), joined) > 0);
        CHECK(strcmp(fv(m, MF_OPTOUT_ON), TODAY) <= 0);
        if (m->v[MF_WITHDRAWN_ON])
            CHECK(strcmp(fv(m, MF_OPTOUT_ON), fv(m, MF_WITHDRAWN_ON)) <= 0);
    }
    const char *dc = fv(m, MF_DIRECTORY_CONSENT);
    CHECK(!strcmp(dc, "yes") || !strcmp(dc, "no"));
    c->consent += !strcmp(dc, "yes");
    c->n++;
    return MEIBO_OK;
}

static void test_fields_10000(void **state)
{
    (void)state;
    enum { N = 10000 };
    stats_ctx *c = calloc(1, sizeof *c);
    c->member_no = calloc(N, sizeof(char *));
    c->spec_no = calloc(N, sizeof(char *));
    meibo_err err;
    demo_options o = {N, 20250630, TODAY};
    assert_ok(demo_generate(&o, stats_cb, c, &err), &err);
    if (c->fail[0])
        fail_msg("%s", c->fail);
    assert_int_equal(c->n, N);

    qsort(c->member_no, N, sizeof(char *), cmp_str);
    for (long i = 1; i < N; i++)
        assert_true(strcmp(c->member_no[i - 1], c->member_no[i]) < 0);
    qsort(c->spec_no, (size_t)c->nspec, sizeof(char *), cmp_str);
    for (long i = 1; i < c->nspec; i++)
        assert_true(strcmp(c->spec_no[i - 1], c->spec_no[i]) < 0);

    assert_in_range(c->specialist, N * 25 / 100, N * 40 / 100);
    assert_in_range(c->optout, N * 1 / 100, N * 6 / 100);
    assert_in_range(c->left, N * 1 / 100, N * 6 / 100);
    assert_true(c->deceased > 0 && c->deceased < c->left);
    assert_in_range(c->consent, N * 70 / 100, N * 90 / 100);
    for (int p = 0; p < 47; p++)
        if (!c->pref_seen[p])
            fail_msg("no facility in %s", prefs[p]);
    assert_true(c->pref_seen[12] > c->pref_seen[30] * 5); /* 東京都 ≫ 鳥取県 */
    assert_true(c->one_char > 0);
    assert_true(c->takahashi_v > 0);
    assert_true(c->yamasaki_v > 0);

    for (long i = 0; i < N; i++)
        free(c->member_no[i]);
    for (long i = 0; i < c->nspec; i++)
        free(c->spec_no[i]);
    free(c->member_no);
    free(c->spec_no);
    free(c);
}

/* Members share facilities: far fewer distinct facilities than members. */
typedef struct fac_ctx {
    char **names;
    long n;
} fac_ctx;

static meibo_status fac_cb(meibo_member *m, void *arg, meibo_err *err)
{
    (void)err;
    fac_ctx *c = arg;
    char buf[512];
    snprintf(buf, sizeof buf, "%s|%s|%s", fv(m, MF_FACILITY_NAME), fv(m, MF_FACILITY_ADDRESS),
             fv(m, MF_FACILITY_POSTAL_CODE));
    c->names[c->n++] = strdup(buf);
    return MEIBO_OK;
}

static void test_facilities_shared(void **state)
{
    (void)state;
    enum { N = 5000 };
    fac_ctx c = {calloc(N, sizeof(char *)), 0};
    meibo_err err;
    demo_options o = {N, 1, TODAY};
    assert_ok(demo_generate(&o, fac_cb, &c, &err), &err);
    qsort(c.names, N, sizeof(char *), cmp_str);
    long distinct = 1;
    for (long i = 1; i < N; i++)
        distinct += strcmp(c.names[i - 1], c.names[i]) != 0;
    assert_true(distinct > 100 && distinct < N / 2);
    for (long i = 0; i < N; i++)
        free(c.names[i]);
    free(c.names);
}

static void test_name_tables(void **state)
{
    (void)state;
    const char *kanji, *kana, *romaji;
    size_t count[3] = {0, 0, 0};
    bool found[6] = {false};
    static const char *const want[6] = {"髙橋", "山﨑", "渡邊", "齋藤", "林", "森"};
    for (int t = 0; t < 3; t++) {
        for (size_t i = 0; demo_name_entry(t, i, &kanji, &kana, &romaji); i++) {
            char r[64];
            count[t]++;
            if (!all_katakana(kana))
                fail_msg("%s: reading %s is not katakana", kanji, kana);
            if (!passport_romaji(kana, r, sizeof r) || strcmp(r, romaji))
                fail_msg("%s %s: romaji %s, expected %s", kanji, kana, romaji, r);
            for (int w = 0; w < 6 && t == 0; w++)
                found[w] |= !strcmp(kanji, want[w]);
        }
    }
    assert_true(count[0] >= 150);
    assert_true(count[1] >= 100);
    assert_true(count[2] >= 100);
    for (int w = 0; w < 6; w++)
        if (!found[w])
            fail_msg("surname %s missing", want[w]);
    assert_false(demo_name_entry(3, 0, &kanji, &kana, &romaji));
}

static void test_romaji_rules(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"サトウ", "sato"},       {"イノウエ", "inoue"},  {"オオノ", "ono"},
        {"ユウイチ", "yuichi"},   {"ショウタ", "shota"},  {"ホンマ", "homma"},
        {"ケンイチ", "kenichi"},  {"ハットリ", "hattori"}, {"キョウコ", "kyoko"},
        {"コウヘイ", "kohei"},    {"マッチ", "matchi"},   {"ジュンペイ", "jumpei"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char r[64];
        assert_true(passport_romaji(cases[i][0], r, sizeof r));
        assert_string_equal(r, cases[i][1]);
    }
}

static void test_dates(void **state)
{
    (void)state;
    assert_int_equal(demo_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(demo_days_from_civil(2000, 3, 1), 11017);
    assert_int_equal(demo_days_from_civil(1969, 12, 31), -1);
    for (long z = demo_days_from_civil(1900, 1, 1); z < demo_days_from_civil(2100, 1, 1); z++) {
        int y, m, d;
        demo_civil_from_days(z, &y, &m, &d);
        if (demo_days_from_civil(y, m, d) != z)
            fail_msg("day %ld -> %d-%d-%d", z, y, m, d);
    }
}

/* A callback failure stops the run and is returned as is. */
typedef struct stop_ctx {
    long calls;
} stop_ctx;

static meibo_status stop_cb(meibo_member *m, void *arg, meibo_err *err)
{
    (void)m;
    stop_ctx *c = arg;
    if (++c->calls == 3)
        return meibo_fail(err, MEIBO_ERR_DB, "disk full");
    return MEIBO_OK;
}

static void test_callback_stops(void **state)
{
    (void)state;
    stop_ctx c = {0};
    meibo_err err;
    demo_options o = {100, 5, TODAY};
    assert_int_equal(demo_generate(&o, stop_cb, &c, &err), MEIBO_ERR_DB);
    assert_int_equal(c.calls, 3);
    assert_string_equal(err.msg, "disk full");
}

static void test_bad_options(void **state)
{
    (void)state;
    stop_ctx c = {0};
    meibo_err err;
    demo_options o = {-1, 5, TODAY};
    assert_int_equal(demo_generate(&o, stop_cb, &c, &err), MEIBO_ERR_INVALID);
    o.members = DEMO_MAX_MEMBERS + 1;
    assert_int_equal(demo_generate(&o, stop_cb, &c, &err), MEIBO_ERR_INVALID);
    o.members = 10;
    o.today = "2025-02-29";
    assert_int_equal(demo_generate(&o, stop_cb, &c, &err), MEIBO_ERR_INVALID);
    o.today = "2025/06/30";
    assert_int_equal(demo_generate(&o, stop_cb, &c, &err), MEIBO_ERR_INVALID);
    o.today = "1979-12-31";
    assert_int_equal(demo_generate(&o, stop_cb, &c, &err), MEIBO_ERR_INVALID);
    assert_int_equal(demo_generate(&o, NULL, &c, &err), MEIBO_ERR_INVALID);
    assert_int_equal(c.calls, 0);
    o.members = 0;
    o.today = TODAY;
    assert_ok(demo_generate(&o, stop_cb, &c, &err), &err);
    assert_int_equal(c.calls, 0);
}

/* An early reference date still gives births before it and joins at 24–40. */
typedef struct early_ctx {
    long bad;
} early_ctx;

static meibo_status early_cb(meibo_member *m, void *arg, meibo_err *err)
{
    (void)err;
    early_ctx *c = arg;
    const char *b = fv(m, MF_BIRTH_DATE), *j = fv(m, MF_JOINED_ON);
    c->bad += !(strcmp(b, j) < 0 && strcmp(j, "1990-01-01") <= 0 &&
                strcmp(j, "1975-01-01") >= 0 && strncmp(b, "1940", 4) >= 0);
    if (m->v[MF_WITHDRAWN_ON])
        c->bad += strcmp(m->v[MF_WITHDRAWN_ON], "1990-01-01") > 0;
    return MEIBO_OK;
}

static void test_early_reference_date(void **state)
{
    (void)state;
    early_ctx c = {0};
    meibo_err err;
    demo_options o = {2000, 9, "1990-01-01"};
    assert_ok(demo_generate(&o, early_cb, &c, &err), &err);
    assert_int_equal(c.bad, 0);
}

#ifndef DEMO_TEST_STUBS
/* Every generated member passes the registry's own validation, unchanged. */
typedef struct valid_ctx {
    long n;
    char fail[800];
} valid_ctx;

static meibo_status valid_cb(meibo_member *m, void *arg, meibo_err *err)
{
    valid_ctx *c = arg;
    char before[4096];
    size_t len = 0;
    for (int f = 0; f < MF__COUNT; f++)
        len += (size_t)snprintf(before + len, sizeof before - len, "%s|", fv(m, (member_field)f));
    meibo_status s = member_validate(m, err);
    if (s != MEIBO_OK) {
        snprintf(c->fail, sizeof c->fail, "member %.400s: %.380s", before, err->msg);
        return s;
    }
    char after[4096];
    len = 0;
    for (int f = 0; f < MF__COUNT; f++)
        len += (size_t)snprintf(after + len, sizeof after - len, "%s|", fv(m, (member_field)f));
    if (strcmp(before, after)) {
        snprintf(c->fail, sizeof c->fail, "normalized: %.380s -> %.380s", before, after);
        return MEIBO_ERR_INVALID;
    }
    c->n++;
    return MEIBO_OK;
}

static void test_members_validate(void **state)
{
    (void)state;
    valid_ctx c = {0, ""};
    meibo_err err;
    demo_options o = {3000, 11, TODAY};
    if (demo_generate(&o, valid_cb, &c, &err) != MEIBO_OK)
        fail_msg("%s", c.fail[0] ? c.fail : err.msg);
    assert_int_equal(c.n, 3000);
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_independent_of_count),
        cmocka_unit_test(test_fields_10000),
        cmocka_unit_test(test_facilities_shared),
        cmocka_unit_test(test_name_tables),
        cmocka_unit_test(test_romaji_rules),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_callback_stops),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_early_reference_date),
#ifndef DEMO_TEST_STUBS
        cmocka_unit_test(test_members_validate),
#endif
    };
    return cmocka_run_group_tests_name("demo", tests, NULL, NULL);
}

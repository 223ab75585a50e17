/* test_search.c: the search index returns exactly what a plain scan over the same normalized
 * keys returns — for 1- and 2-character queries above all (most surnames are two kanji, some
 * one: 林, 森), since a wrong "not a member" answer to a 第20条 inquiry must not happen —
 * with ranking and keyset paging that neither lose nor repeat a member. */
#include "helpers.h"

#include "meibo/db.h"
#include "meibo/demo.h"
#include "meibo/member.h"
#include "meibo/roster.h"
#include "meibo/search.h"
#include "meibo/text.h"

static char *g_path;
static meibo_ctx *g_ctx;

/* search.c: up to this many matches a query's members are sorted, else the order's index is
 * walked; the sort tests run both ways */
extern int search_sort_small;

static meibo_status store(meibo_member *m, void *arg, meibo_err *err)
{
    (void)arg;
    return member_create_from(g_ctx, m, "デモデータ", err); /* its opt-outs as records */
}

static void add(const char *no, const char *fam, const char *giv, const char *fk, const char *gk,
                const char *email)
{
    meibo_member m;
    meibo_err err;
    member_init(&m);
    member_set(&m, MF_MEMBER_NO, no, &err);
    member_set(&m, MF_FAMILY_NAME, fam, &err);
    member_set(&m, MF_GIVEN_NAME, giv, &err);
    member_set(&m, MF_FAMILY_KANA, fk, &err);
    member_set(&m, MF_GIVEN_KANA, gk, &err);
    member_set(&m, MF_JOINED_ON, "2001-04-01", &err);
    member_set(&m, MF_EMAIL, email, &err);
    assert_ok(member_create(g_ctx, &m, &err), &err);
    member_clear(&m);
}

static int setup(void **state)
{
    (void)state;
    meibo_err err;
    g_path = test_tmp_db();
    if (db_open(g_path, DB_OPEN_CREATE, &g_ctx, &err))
        return -1;
    db_act_as_system(g_ctx);
    demo_options opt = {.members = 3000, .seed = 42, .today = "2026-11-21"};
    if (db_begin(g_ctx, &err) || demo_generate(&opt, store, NULL, &err) || db_commit(g_ctx, &err)) {
        fprintf(stderr, "setup: %s\n", err.msg);
        return -1;
    }
    add("90000001", "髙橋", "みどり", "ﾀｶﾊｼ", "みどり", "midori.t@example.jp");
    add("90000002", "林", "誠", "ハヤシ", "マコト", "m.hayashi@example.jp");
    add("90000003", "森", "愛", "モリ", "アイ", "ai.mori@example.jp");
    add("90000004", "山﨑", "翔", "ヤマサキ", "ショウ", "sho@example.jp");
    add("90000005", "渡邊", "一", "ワタナベ", "ハジメ", "hajime@example.jp");
    add("90000006", "齋藤", "実", "サイトウ", "ミノル", "saito@example.jp");
    /* issue 14: a name is not matched across its family/given boundary, a facility's name
     * comes after the members' own matches */
    {
        meibo_member m;
        member_init(&m);
        member_set(&m, MF_MEMBER_NO, "90000011", &err);
        member_set(&m, MF_FAMILY_NAME, "中島", &err);
        member_set(&m, MF_GIVEN_NAME, "翔太", &err);
        member_set(&m, MF_FAMILY_KANA, "ナカジマ", &err);
        member_set(&m, MF_GIVEN_KANA, "ショウタ", &err);
        member_set(&m, MF_NAME_EN, "Shouta Nakajima", &err);
        member_set(&m, MF_JOINED_ON, "2001-04-01", &err);
        member_set(&m, MF_FACILITY_NAME, "秋田中央病院", &err);
        if (member_create(g_ctx, &m, &err)) {
            fprintf(stderr, "setup: %s\n", err.msg);
            return -1;
        }
        member_clear(&m);
    }
    /* adjacent parts whose ends overlap, facility "…xbc" then e-mail "bcf…": trigrams must
     * not run across parts ("xbcf" is in no key) */
    {
        meibo_member m;
        member_init(&m);
        member_set(&m, MF_MEMBER_NO, "90000007", &err);
        member_set(&m, MF_FAMILY_NAME, "森", &err);
        member_set(&m, MF_GIVEN_NAME, "大", &err);
        member_set(&m, MF_FAMILY_KANA, "モリ", &err);
        member_set(&m, MF_GIVEN_KANA, "ダイ", &err);
        member_set(&m, MF_JOINED_ON, "2001-04-01", &err);
        member_set(&m, MF_FACILITY_NAME, "Lab XBC", &err);
        member_set(&m, MF_EMAIL, "bcf@example.jp", &err);
        if (member_create(g_ctx, &m, &err)) {
            fprintf(stderr, "setup: %s\n", err.msg);
            return -1;
        }
        member_clear(&m);
    }
    add("90000008", "森", "𩸽.a", "モリ", "ホッケ", ".a@example.jp");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    db_close(g_ctx);
    test_rm_db(g_path);
    return 0;
}

/* The reference of what a query finds, written out again here from the rule (search.h): a
 * part of a key is a member's own (untagged: matched anywhere inside), a whole name (tag 1:
 * matched from its start only) or a facility (tag 2: matched anywhere inside); 施設: / f:
 * asks for facility parts only. */
static bool ref_match(const char *key, const char *q, bool facility_only)
{
    size_t qn = strlen(q);
    if (!qn)
        return true; /* the empty query: everyone */
    for (const char *p = key; *p;) {
        size_t n = strcspn(p, "\n");
        char tag = *p == '\x01' || *p == '\x02' ? *p : 0;
        const char *b = p + (tag != 0);
        size_t bn = n - (tag != 0);
        if (!facility_only || tag == '\x02') {
            for (size_t i = 0; i + qn <= bn && (tag != '\x01' || i == 0); i++)
                if (!strncmp(b + i, q, qn))
                    return true;
        }
        p += n + (p[n] == '\n');
    }
    return false;
}

/* The ids a plain scan finds (ref_match over members.search_key), sorted. */
static int64_t *scan_ids(const char *query, int64_t *n)
{
    char *q = NULL;
    meibo_err err;
    bool fac = !strncmp(query, "施設:", strlen("施設:")) || !strncmp(query, "f:", 2);
    assert_ok(text_search_key(fac ? strchr(query, ':') + 1 : query, &q, &err), &err);
    sqlite3_stmt *s = NULL;
    sqlite3_prepare_v2(g_ctx->db, "SELECT id, search_key FROM members ORDER BY id", -1, &s, NULL);
    int64_t cap = 1024, k = 0, *ids = malloc((size_t)cap * sizeof *ids);
    while (sqlite3_step(s) == SQLITE_ROW) {
        if (!ref_match((const char *)sqlite3_column_text(s, 1), q, fac))
            continue;
        if (k == cap)
            ids = realloc(ids, (size_t)(cap *= 2) * sizeof *ids);
        ids[k++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    free(q);
    *n = k;
    return ids;
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* Count and every page against the scan: same set, no repeats, ranks in order. */
static void check_query(const char *query)
{
    meibo_err err;
    int64_t n_scan = 0, n_count = 0, n_ref = 0;
    int64_t *ref = scan_ids(query, &n_ref);
    assert_ok(search_scan_count(g_ctx, query, &n_scan, &err), &err);
    assert_ok(search_count(g_ctx, query, NULL, &n_count, &err), &err);
    if (n_count != n_scan || n_scan != n_ref)
        fail_msg("query '%s': index count %lld, scan %lld", query, (long long)n_count,
                 (long long)n_scan);
    int64_t *got = malloc((size_t)(n_ref + 1) * sizeof *got), k = 0;
    search_cursor cur = {0};
    int last_rank = 0;
    for (;;) {
        search_page p;
        assert_ok(search_page_get(g_ctx, query, NULL, &cur, 37, 0, &p, &err), &err);
        for (int i = 0; i < p.n; i++) {
            if (k >= n_ref)
                fail_msg("query '%s': pages return more than %lld rows", query, (long long)n_ref);
            got[k++] = p.rows[i].id;
            assert_true((int)p.rows[i].rank >= last_rank);
            last_rank = (int)p.rows[i].rank;
        }
        bool more = p.more;
        cur = p.next;
        search_page_free(&p);
        if (!more)
            break;
    }
    if (k != n_ref)
        fail_msg("query '%s': pages gave %lld rows, scan %lld", query, (long long)k,
                 (long long)n_ref);
    qsort(got, (size_t)k, sizeof *got, cmp_id);
    for (int64_t i = 0; i < k; i++)
        if (got[i] != ref[i] || (i && got[i] == got[i - 1]))
            fail_msg("query '%s': row set differs from the scan at %lld", query, (long long)i);
    free(got);
    free(ref);
}

/* Issue 14: what the clerk typed. 中島 翔太 (Shouta Nakajima, at 秋田中央病院) is found by
 * his name from its start and by each part, never across the boundary inside it; 田中 finds
 * him only as a facility match, after the members named 田中, marked; 施設: asks for
 * facilities only; the counts say which kind. */
static void test_name_boundaries(void **state)
{
    (void)state;
    meibo_err err;
    int64_t own, fac;
    static const struct {
        const char *q;
        int own_has; /* whether 90000011 is among the member's own matches */
    } cases[] = {{"中島翔太", 1}, {"中島 翔太", 1}, {"なかじましょうた", 1}, {"中島翔", 1},
                 {"翔太", 1},     {"shouta", 1},    {"nakajima", 1},        {"島翔", 0},
                 {"tanaka", 0},   {"マショ", 0},    {"jimasho", 0},         {"田中", 0}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        search_page p;
        assert_ok(search_page_get(g_ctx, cases[i].q, NULL, NULL, 500, 0, &p, &err), &err);
        int found = 0;
        for (int k = 0; k < p.n; k++)
            if (!strcmp(p.rows[k].member_no, "90000011"))
                found = p.rows[k].rank == SEARCH_RANK_FACILITY ? 2 : 1;
        if (found != (cases[i].own_has ? 1 : 0) && !(found == 2 && !cases[i].own_has))
            fail_msg("query '%s': 中島翔太 found as %d", cases[i].q, found);
        search_page_free(&p);
    }
    /* 田中: the members named 田中 first, the facility match last and marked */
    search_page p;
    assert_ok(search_count_kinds(g_ctx, "田中", NULL, &own, &fac, &err), &err);
    assert_true(own > 0 && fac >= 1);
    assert_ok(search_page_get(g_ctx, "田中", NULL, NULL, 5000, 0, &p, &err), &err);
    assert_int_equal(p.n, own + fac);
    bool his = false;
    for (int k = 0; k < p.n; k++) {
        bool facility = p.rows[k].rank == SEARCH_RANK_FACILITY;
        assert_true(facility == (k >= own)); /* the members' own matches first */
        if (!strcmp(p.rows[k].member_no, "90000011"))
            his = facility;
    }
    assert_true(his);
    search_page_free(&p);
    /* 施設:田中 and f:田中: facility matches only (the members named 田中 are not among them) */
    int64_t own2, fac2;
    assert_ok(search_count_kinds(g_ctx, "施設:田中", NULL, &own2, &fac2, &err), &err);
    assert_int_equal(own2, 0);
    assert_true(fac2 >= fac);
    assert_ok(search_page_get(g_ctx, "f:田中", NULL, NULL, 5000, 0, &p, &err), &err);
    assert_int_equal(p.n, fac2);
    for (int k = 0; k < p.n; k++)
        assert_int_equal(p.rows[k].rank, SEARCH_RANK_FACILITY);
    search_page_free(&p);
    /* a sort order keeps the kinds' marks */
    search_filter f = {.specialist = -1, .sort = SEARCH_SORT_NUMBER};
    assert_ok(search_page_get(g_ctx, "田中", &f, NULL, 5000, 0, &p, &err), &err);
    assert_int_equal(p.n, own + fac);
    bool marked = false;
    for (int k = 0; k < p.n; k++)
        if (!strcmp(p.rows[k].member_no, "90000011"))
            marked = p.rows[k].rank == SEARCH_RANK_FACILITY;
    assert_true(marked);
    search_page_free(&p);
    /* issue 17: a capped count stops past its cap, and is exact below it */
    bool capped = false;
    int64_t all = 0;
    assert_ok(search_count(g_ctx, "田", NULL, &all, &err), &err);
    assert_ok(search_count_capped(g_ctx, "田", NULL, 5, &own, &fac, &capped, &err), &err);
    assert_true(capped && own + fac > 5 && own + fac <= 12);
    assert_ok(search_count_capped(g_ctx, "田", NULL, all, &own, &fac, &capped, &err), &err);
    assert_true(!capped && own + fac == all);
    assert_ok(search_count_capped(g_ctx, "", NULL, 5, &own, &fac, &capped, &err), &err);
    assert_true(capped && own == 6);
}

static void test_fixed_queries(void **state)
{
    (void)state;
    static const char *const qs[] = {
        "林", "森", "原", "東", "田", "中", "高", "崎", "辺", "藤", "斎",
        "田中", "高橋", "髙橋", "山崎", "山﨑", "渡辺", "渡邊", "渡邉", "斎藤", "齋藤", "佐藤",
        "佐々木", "中村", "小林", "大学", "病院", "大学病院", "附属", "クリニック",
        "タカハシ", "たかはし", "ﾀｶﾊｼ", "ハヤシ", "サ", "ト", "さとう", "スズキ", "ｽｽﾞｷ",
        "tanaka", "TANAKA", "Sato", "ta", "a", "t", "example", "example.jp", "@", ".",
        "1", "10", "100", "1000", "10000001", "90000002", "0", "12345",
        "髙橋みどり", "高橋 みどり", "タカハシミドリ", "xyzzy", "存在しない名前",
        /* across parts (must find nothing there), separators, escapes, astral */
        "xbcf", "labxbcbcf", "cb", "xbc", "bcf", "zz", "z", "𩸽", "𩸽.a", "𩸽.a.",
        ".a@", "a@e", "@e", "20000001", "2000000", "000", "0000001", "90000008",
        /* name boundaries and facility scope (issue 14) */
        "島翔", "中島翔太", "中島翔", "ナカジマショウタ", "マシ", "jimashou", "shoutanakajima",
        "施設:病院", "施設:田中", "f:大学", "f:秋田中央", "施設:", "秋田中央", "翔太",
    };
    for (size_t i = 0; i < sizeof qs / sizeof *qs; i++)
        check_query(qs[i]);
}

/* Substrings of length 1–8 cut from random members' keys: the space the clerks type in
 * (1 and 2 characters are one token, longer ones phrases of 1–6 trigrams). */
static void test_random_substrings(void **state)
{
    (void)state;
    sqlite3_stmt *s = NULL;
    sqlite3_prepare_v2(g_ctx->db, "SELECT search_key FROM members ORDER BY id", -1, &s, NULL);
    uint64_t x = 12345;
    int done = 0, row = 0;
    while (sqlite3_step(s) == SQLITE_ROW && done < 250) {
        if (row++ % 13)
            continue;
        const char *key = (const char *)sqlite3_column_text(s, 0);
        char part[512];
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        /* pick a part (line) of the key */
        int nparts = 1;
        for (const char *p = key; *p; p++)
            nparts += *p == '\n';
        int want = (int)((x >> 33) % (uint64_t)nparts);
        const char *p = key;
        for (int i = 0; i < want; i++)
            p = strchr(p, '\n') + 1;
        size_t n = strcspn(p, "\n");
        if (n >= sizeof part)
            continue;
        memcpy(part, p, n);
        part[n] = '\0';
        size_t cps = text_length(part);
        if (!cps)
            continue;
        size_t len = 1 + (x >> 40) % 8, start = (x >> 20) % cps;
        if (start + len > cps)
            len = cps - start;
        /* cut code points [start, start+len) */
        const unsigned char *b = (const unsigned char *)part;
        size_t i = 0, off = 0, from = 0;
        while (b[off]) {
            if (i == start)
                from = off;
            if (i == start + len)
                break;
            off++;
            while ((b[off] & 0xC0) == 0x80)
                off++;
            i++;
        }
        char q[64];
        if (off - from >= sizeof q)
            continue;
        memcpy(q, part + from, off - from);
        q[off - from] = '\0';
        check_query(q);
        done++;
    }
    sqlite3_finalize(s);
    assert_true(done >= 100);
}

/* Variant kanji: a clerk typing 高橋 must find the member registered as 髙橋. */
static void test_variants_and_ranking(void **state)
{
    (void)state;
    meibo_err err;
    static const struct {
        const char *q, *no;
    } want[] = {{"高橋みどり", "90000001"}, {"山崎翔", "90000004"}, {"渡辺一", "90000005"},
                {"斉藤実", "90000006"},    {"ﾜﾀﾅﾍﾞ", "90000005"},  {"hayashimakoto", "90000002"}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        search_page p;
        assert_ok(search_page_get(g_ctx, want[i].q, NULL, NULL, 50, 0, &p, &err), &err);
        bool found = false;
        for (int k = 0; k < p.n; k++)
            found |= !strcmp(p.rows[k].member_no, want[i].no);
        if (!found)
            fail_msg("'%s' did not find %s", want[i].q, want[i].no);
        search_page_free(&p);
    }
    /* the exact member number comes first */
    search_page p;
    assert_ok(search_page_get(g_ctx, "90000003", NULL, NULL, 10, 0, &p, &err), &err);
    assert_true(p.n >= 1);
    assert_string_equal(p.rows[0].member_no, "90000003");
    assert_int_equal(p.rows[0].rank, SEARCH_RANK_NUMBER);
    search_page_free(&p);
    /* a reading prefix ranks before a mere substring */
    assert_ok(search_page_get(g_ctx, "ハヤシ", NULL, NULL, 500, 0, &p, &err), &err);
    assert_true(p.n >= 1);
    assert_int_equal(p.rows[0].rank, SEARCH_RANK_READING);
    for (int k = 1; k < p.n; k++)
        assert_true(p.rows[k].rank >= p.rows[k - 1].rank);
    search_page_free(&p);
}

/* The index follows edits: the old name stops matching, the new one matches. */
static void test_index_follows_edits(void **state)
{
    (void)state;
    meibo_err err;
    meibo_member m;
    member_init(&m);
    assert_ok(member_load(g_ctx, "90000003", 0, &m, &err), &err);
    member_set(&m, MF_FAMILY_NAME, "杜", &err);
    assert_ok(member_update(g_ctx, &m, &err), &err);
    check_query("杜");
    check_query("森");
    int64_t n = 0;
    assert_ok(search_count(g_ctx, "杜愛", NULL, &n, &err), &err);
    assert_int_equal(n, 1);
    assert_ok(search_count(g_ctx, "森愛", NULL, &n, &err), &err);
    assert_int_equal(n, 0);
    member_clear(&m);
}

static void test_filters(void **state)
{
    (void)state;
    meibo_err err;
    search_filter f = {.status = "withdrawn", .specialist = -1};
    int64_t n = 0, pages = 0;
    assert_ok(search_count(g_ctx, "", &f, &n, &err), &err);
    assert_true(n > 0);
    search_cursor cur = {0};
    for (;;) {
        search_page p;
        assert_ok(search_page_get(g_ctx, "", &f, &cur, 50, 0, &p, &err), &err);
        for (int i = 0; i < p.n; i++)
            assert_string_equal(p.rows[i].status, "withdrawn");
        pages += p.n;
        bool more = p.more;
        cur = p.next;
        search_page_free(&p);
        if (!more)
            break;
    }
    assert_int_equal(pages, n);
    search_filter spec = {.specialist = 1};
    int64_t with = 0, all = 0;
    assert_ok(search_count(g_ctx, "田", &spec, &with, &err), &err);
    assert_ok(search_count(g_ctx, "田", NULL, &all, &err), &err);
    assert_true(with > 0 && with < all);
}

/* The index documents: each character and neighbour pair once; trigrams in order with parts
 * separated; tokens are the characters' own bytes (other ASCII escaped). */
static void test_grams_documents(void **state)
{
    (void)state;
    meibo_err err;
    char *g = NULL, *t = NULL;
    assert_ok(search_grams("abab\n田中\nx.y", &g, &t, &err), &err);
    /* sorted by code points: unigrams, then pairs */
    assert_string_equal(g, "\xC0\xAE a b x y 中 田 \xC0\xAEy ab ba x\xC0\xAE 田中 ");
    assert_string_equal(t, "aba bab zz x\xC0\xAEy ");
    free(g);
    free(t);
    assert_ok(search_grams("", &g, &t, &err), &err);
    assert_string_equal(g, "");
    assert_string_equal(t, "");
    free(g);
    free(t);
    /* a whole name (tag 1) gives only its first pair and its trigrams from the start (s, then
     * y); a facility (tag 2) its own tagged grams (issue 14) */
    assert_ok(search_grams("\x01林大輔\n\x02秋田", &g, &t, &err), &err);
    assert_string_equal(g, "\xC0\x80" "f田 \xC0\x80" "f秋 \xC0\x80" "f秋田 \xC0\x80s林大 ");
    assert_string_equal(t, "\xC0\x80s林大輔 ");
    free(g);
    free(t);
    assert_ok(search_grams("\x01中島翔太", &g, &t, &err), &err);
    assert_string_equal(t, "\xC0\x80s中島翔 \xC0\x80y島翔太 ");
    free(g);
    free(t);
    assert_ok(search_grams("𩸽ab\nc", &g, &t, &err), &err);
    assert_string_equal(g, "a b c 𩸽 ab 𩸽a ");
    assert_string_equal(t, "𩸽ab ");
    free(g);
    free(t);
}


/* ---- sort orders (issue 3: the browser's sort; keyset pages in each order) -------------- */

/* The reference order of each sort, written here independently of search.c. */
static const char *const ref_order[SEARCH_SORT__COUNT] = {
    [SEARCH_SORT_RELEVANCE] = "m.reading_key, m.id", /* used for the empty query only */
    [SEARCH_SORT_READING] = "m.reading_key, m.id",
    [SEARCH_SORT_NUMBER] = "CAST(m.member_no AS INTEGER), m.id",
    [SEARCH_SORT_JOINED] = "m.joined_on, m.id",
    [SEARCH_SORT_JOINED_DESC] = "m.joined_on DESC, m.id DESC",
    [SEARCH_SORT_FACILITY] = "m.facility_id IS NULL, f.name, f.id, m.id",
};

/* Ids of the members whose key contains the query (and with @p status, when given), in the
 * reference order of @p sort. */
static int64_t *ref_ids(const char *query, search_sort sort, const char *status, int64_t *n)
{
    char *q = NULL, sql[512];
    meibo_err err;
    assert_ok(text_search_key(query, &q, &err), &err);
    snprintf(sql, sizeof sql,
             "SELECT m.id FROM members m LEFT JOIN facilities f ON f.id = m.facility_id "
             "WHERE instr(m.search_key, ?1) > 0 AND (?2 IS NULL OR m.status = ?2) ORDER BY %s",
             ref_order[sort]);
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(g_ctx->db, sql, -1, &s, NULL) != SQLITE_OK)
        fail_msg("reference query: %s", sqlite3_errmsg(g_ctx->db));
    sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
    if (status)
        sqlite3_bind_text(s, 2, status, -1, SQLITE_STATIC);
    int64_t cap = 1024, k = 0, *ids = malloc((size_t)cap * sizeof *ids);
    while (sqlite3_step(s) == SQLITE_ROW) {
        if (k == cap)
            ids = realloc(ids, (size_t)(cap *= 2) * sizeof *ids);
        ids[k++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    free(q);
    *n = k;
    return ids;
}

/* Page through @p query in @p sort, @p limit rows a page: exactly the reference sequence, so
 * no member is repeated or skipped across pages, ties included. */
static void check_sorted(const char *query, search_sort sort, const char *status, int limit)
{
    meibo_err err;
    int64_t n_ref = 0, k = 0;
    int64_t *ref = ref_ids(query, sort, status, &n_ref);
    search_filter f = {.status = status, .specialist = -1, .sort = sort};
    search_cursor cur = {0};
    for (int pages = 0;; pages++) {
        search_page p;
        assert_ok(search_page_get(g_ctx, query, &f, &cur, limit, 0, &p, &err), &err);
        for (int i = 0; i < p.n; i++, k++)
            if (k >= n_ref || p.rows[i].id != ref[k])
                fail_msg("'%s' sort %s limit %d small %d: row %lld is member id %lld, want %lld",
                         query, search_sort_name(sort), limit, search_sort_small, (long long)k,
                         (long long)p.rows[i].id, k < n_ref ? (long long)ref[k] : -1LL);
        assert_true(p.n == limit || !p.more);
        bool more = p.more;
        if (p.n)
            assert_int_equal(p.next.sort, sort);
        cur = p.next;
        search_page_free(&p);
        if (!more)
            break;
        assert_true(pages <= n_ref);
    }
    if (k != n_ref)
        fail_msg("'%s' sort %s limit %d small %d: pages gave %lld rows, want %lld", query,
                 search_sort_name(sort), limit, search_sort_small, (long long)k,
                 (long long)n_ref);
    free(ref);
}

/* A tie group in every order: members with one reading, one joining date and one facility,
 * and member numbers that are one number written with different leading zeros. */
static void add_ties(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    for (int i = 0; i < 23; i++) {
        meibo_member m;
        meibo_err err;
        char no[16];
        /* 0090000100, 090000100 (the same number 90000100), then 90000101 … */
        if (i == 0)
            snprintf(no, sizeof no, "0090000100");
        else if (i == 1)
            snprintf(no, sizeof no, "090000100");
        else
            snprintf(no, sizeof no, "%d", 90000100 + i);
        member_init(&m);
        member_set(&m, MF_MEMBER_NO, no, &err);
        member_set(&m, MF_FAMILY_NAME, "巴", &err);
        member_set(&m, MF_GIVEN_NAME, "同", &err);
        member_set(&m, MF_FAMILY_KANA, "トモエ", &err);
        member_set(&m, MF_GIVEN_KANA, "ドウ", &err);
        member_set(&m, MF_JOINED_ON, "1999-04-01", &err);
        member_set(&m, MF_FACILITY_NAME, "架空同名病院", &err);
        /* two facilities of one name (the name and address make a facility) */
        member_set(&m, MF_FACILITY_ADDRESS, i % 3 ? "東京都" : "大阪府", &err);
        if (i % 5 == 4)
            member_set(&m, MF_FACILITY_NAME, "", &err), member_set(&m, MF_FACILITY_ADDRESS, "", &err);
        assert_ok(member_create(g_ctx, &m, &err), &err);
        member_clear(&m);
    }
}

/* Every order, both ways of paging (the matches sorted, the order's index walked), page sizes
 * that cut through the tie groups. */
static void test_sort_orders(void **state)
{
    (void)state;
    add_ties();
    static const char *const qs[] = {"", "巴", "トモエ", "田", "病院", "佐藤", "1", "xyzzy"};
    static const int smalls[] = {0, 1 << 30};
    for (size_t w = 0; w < sizeof smalls / sizeof *smalls; w++) {
        search_sort_small = smalls[w];
        for (int sort = SEARCH_SORT_READING; sort < SEARCH_SORT__COUNT; sort++)
            for (size_t i = 0; i < sizeof qs / sizeof *qs; i++) {
                check_sorted(qs[i], (search_sort)sort, NULL, 7);
                check_sorted(qs[i], (search_sort)sort, NULL, 100);
            }
        /* one row a page through the tie group */
        for (int sort = SEARCH_SORT_READING; sort < SEARCH_SORT__COUNT; sort++)
            check_sorted("巴同", (search_sort)sort, NULL, 1);
        /* with a filter applied row by row */
        for (int sort = SEARCH_SORT_READING; sort < SEARCH_SORT__COUNT; sort++) {
            check_sorted("", (search_sort)sort, "withdrawn", 13);
            check_sorted("田", (search_sort)sort, "active", 13);
        }
    }
    search_sort_small = -1; /* by the number of members, as in use */
    for (size_t i = 0; i < sizeof qs / sizeof *qs; i++)
        check_sorted(qs[i], SEARCH_SORT_FACILITY, NULL, 50);
    /* the empty query in relevance order is the reading order */
    check_sorted("", SEARCH_SORT_RELEVANCE, NULL, 50);
}

/* A cursor carries its order: one from another order is refused. */
static void test_sort_cursor_mismatch(void **state)
{
    (void)state;
    meibo_err err;
    search_filter f = {.specialist = -1, .sort = SEARCH_SORT_JOINED};
    search_page p;
    assert_ok(search_page_get(g_ctx, "", &f, NULL, 5, 0, &p, &err), &err);
    assert_true(p.more);
    search_cursor c = p.next;
    search_page_free(&p);
    assert_int_equal(c.sort, SEARCH_SORT_JOINED);
    f.sort = SEARCH_SORT_NUMBER;
    assert_int_equal(search_page_get(g_ctx, "", &f, &c, 5, 0, &p, &err), MEIBO_ERR_INVALID);
    assert_non_null(strstr(err.msg, "joined"));
    assert_int_equal(search_sort_parse("joined-desc"), SEARCH_SORT_JOINED_DESC);
    assert_int_equal(search_sort_parse("kana"), -1);
    assert_string_equal(search_sort_name(SEARCH_SORT_FACILITY), "facility");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grams_documents),
        cmocka_unit_test(test_fixed_queries),
        cmocka_unit_test(test_name_boundaries),
        cmocka_unit_test(test_random_substrings),
        cmocka_unit_test(test_variants_and_ranking),
        cmocka_unit_test(test_index_follows_edits),
        cmocka_unit_test(test_filters),
        cmocka_unit_test(test_sort_orders),
        cmocka_unit_test(test_sort_cursor_mismatch),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

/* fuzz_search.c: the search normalizer (text_search_key, search_grams) and the query path
 * (search_count, search_page_get) over an in-memory registry of demo members.
 * Properties: the index count equals a plain scan of the normalized keys (a wrong "not a
 * member" must not happen, 第20条); paging returns exactly that many rows, none twice; a
 * member whose name is the input is found by searching for it. */
#include "fuzz.h"

#include "meibo/demo.h"
#include "meibo/member.h"
#include "meibo/roster.h"
#include "meibo/search.h"
#include "meibo/text.h"

static meibo_ctx *g_ctx;

static meibo_status store(meibo_member *m, void *arg, meibo_err *err)
{
    (void)arg;
    return member_create_from(g_ctx, m, "デモデータ", err); /* its opt-outs as records */
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    g_ctx = fuzz_db();
    meibo_err err;
    demo_options opt = {.members = 300, .seed = 7, .today = "2026-11-21"};
    if (db_begin(g_ctx, &err) || demo_generate(&opt, store, NULL, &err) ||
        db_commit(g_ctx, &err)) {
        fprintf(stderr, "fuzz_search: %s\n", err.msg);
        abort();
    }
    return 0;
}

/* Every page of @p q: the number of rows, checking that no member comes twice. */
static int64_t page_through(const char *q, int64_t want_id, bool *found)
{
    search_cursor cur = {0};
    int64_t seen = 0;
    int64_t ids[512];
    *found = false;
    for (int pages = 0; pages < 200; pages++) {
        search_page p;
        meibo_err err;
        meibo_status st = search_page_get(g_ctx, q, NULL, &cur, 37, 0, &p, &err);
        FUZZ_CHECK(st == MEIBO_OK, "page: %s", err.msg);
        for (int i = 0; i < p.n; i++) {
            for (int64_t k = 0; k < seen && k < 512; k++)
                FUZZ_CHECK(ids[k] != p.rows[i].id, "member %lld twice", (long long)ids[k]);
            if (seen < 512)
                ids[seen] = p.rows[i].id;
            seen++;
            if (p.rows[i].id == want_id)
                *found = true;
            FUZZ_CHECK(p.rows[i].member_no && p.rows[i].name, "row without number or name");
        }
        bool more = p.more;
        cur = p.next;
        search_page_free(&p);
        if (!more)
            return seen;
    }
    FUZZ_CHECK(0, "more than 200 pages");
    return seen;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 200)
        return 0;
    char *q = fuzz_cstr(data, size);
    meibo_err err;
    meibo_err_clear(&err);
    bool utf8 = text_utf8_valid(q, size, NULL) && strlen(q) == size;

    char *key = NULL;
    meibo_status st = text_search_key(q, &key, &err);
    if (!utf8) {
        FUZZ_CHECK(st != MEIBO_OK || key, "no key");
    } else {
        FUZZ_CHECK(st == MEIBO_OK, "key of valid UTF-8 refused: %s", err.msg);
        FUZZ_CHECK(text_utf8_valid(key, strlen(key), NULL), "key not UTF-8");
        char *again = NULL;
        FUZZ_CHECK(text_search_key(key, &again, &err) == MEIBO_OK && !strcmp(again, key),
                   "normalizing is not idempotent: [%s] -> [%s]", key, again ? again : "");
        free(again);
        char *grams = NULL, *tri = NULL;
        FUZZ_CHECK(search_grams(key, &grams, &tri, &err) == MEIBO_OK, "grams: %s", err.msg);
        free(grams);
        free(tri);
    }
    free(key);

    int64_t n = -1, scan = -1;
    st = search_count(g_ctx, q, NULL, &n, &err);
    if (st == MEIBO_OK) {
        FUZZ_CHECK(search_scan_count(g_ctx, q, &scan, &err) == MEIBO_OK, "%s", err.msg);
        FUZZ_CHECK(n == scan, "index counts %lld, scan %lld for [%s]", (long long)n,
                   (long long)scan, q);
        if (n > 0 && n < 512) {
            bool found;
            int64_t paged = page_through(q, 0, &found);
            FUZZ_CHECK(paged == n, "pages hold %lld rows, count %lld", (long long)paged,
                       (long long)n);
        }
    } else {
        FUZZ_CHECK(!utf8, "valid query refused: %s", err.msg);
    }

    /* a member named by the input is found by it (inside a transaction rolled back) */
    if (utf8 && size >= 1) {
        meibo_member m;
        member_init(&m);
        member_set(&m, MF_MEMBER_NO, "99999999", &err);
        member_set(&m, MF_FAMILY_NAME, q, &err);
        member_set(&m, MF_GIVEN_NAME, "試", &err);
        member_set(&m, MF_FAMILY_KANA, "テスト", &err);
        member_set(&m, MF_GIVEN_KANA, "タメシ", &err);
        member_set(&m, MF_JOINED_ON, "2020-04-01", &err);
        FUZZ_CHECK(db_begin(g_ctx, &err) == MEIBO_OK, "%s", err.msg);
        if (member_create(g_ctx, &m, &err) == MEIBO_OK) {
            /* a leading space: a name that itself begins with 施設: or f: is searched for
             * as a name (spaces are ignored; only a query's very start is its scope) */
            char name[600];
            snprintf(name, sizeof name, " %s", member_get_field(&m, MF_FAMILY_NAME));
            int64_t c = 0;
            FUZZ_CHECK(search_count(g_ctx, name, NULL, &c, &err) == MEIBO_OK, "%s", err.msg);
            FUZZ_CHECK(c >= 1, "member named [%s] not found by its name", name);
            if (c < 512) {
                bool found;
                page_through(name, m.id, &found);
                FUZZ_CHECK(found, "member named [%s] not on any page", name);
            }
        }
        db_rollback(g_ctx);
        member_clear(&m);
    }
    free(q);
    return 0;
}

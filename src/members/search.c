/* search.c: normalized keys, the self-written gram and trigram index, ranked keyset pages. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "meibo/check.h"
#include "meibo/auth.h"
#include "meibo/audit.h"
#include "meibo/buf.h"
#include "meibo/search.h"
#include "meibo/text.h"

STATIC meibo_status search_match_expr(const char *q, bool facility_only, char **own, char **fac,
                                      char **fac_only, bool *positional, meibo_err *err);

/* ---- keys ------------------------------------------------------------------------------
 * A key is parts separated by PART_SEP; a part may start with a tag saying what it is for:
 * none (a member's own field: number, name part, reading part, romaji word, e-mail: matched
 * anywhere inside), KEY_START (a whole name, family and given together: matched only from
 * its start, so that a search never meets across the family/given boundary inside a name,
 * issue 14) or KEY_FACILITY (the facility's name: matched anywhere inside, and listed after
 * the members' own matches, marked). Keys written before tags existed have untagged parts
 * only and index exactly as they did. */
#define PART_SEP 0x0A /* '\n' between the parts of a key */
#define KEY_START '\x01'
#define KEY_FACILITY '\x02'

/* Append the search key of the concatenation a+b (b may be NULL) as one part with @p tag
 * (0: none). */
static meibo_status key_part_tagged(meibo_buf *b, char tag, const char *a, const char *c,
                                    char **keep, meibo_err *err)
{
    char *joined = NULL, *key = NULL;
    size_t la = strlen(a), lc = c ? strlen(c) : 0;
    joined = malloc(la + lc + 1);
    if (!joined)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    memcpy(joined, a, la);
    memcpy(joined + la, c ? c : "", lc + 1);
    meibo_status st = text_search_key(joined, &key, err);
    free(joined);
    if (st != MEIBO_OK)
        return st;
    if (*key) {
        if (b->len)
            buf_addc(b, PART_SEP);
        if (tag)
            buf_addc(b, tag);
        buf_adds(b, key);
        if (b->oom) {
            free(key);
            return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        }
    }
    if (keep)
        *keep = key;
    else
        free(key);
    return MEIBO_OK;
}

static meibo_status key_part(meibo_buf *b, const char *a, const char *c, char **keep, meibo_err *err)
{
    return key_part_tagged(b, 0, a, c, keep, err);
}

/* A name of two parts: each part alone, and the whole from its start only. *keep (when
 * given) is the whole's key. */
static meibo_status key_name(meibo_buf *b, const char *first, const char *second, char **keep,
                             meibo_err *err)
{
    meibo_status st;
    if ((st = key_part(b, first, NULL, NULL, err)) || (st = key_part(b, second, NULL, NULL, err)))
        return st;
    if (!*first || !*second) {
        /* one part only: its key alone (for keep) */
        meibo_buf t = MEIBO_BUF_INIT;
        st = key_part(&t, first, second, keep, err);
        buf_free(&t);
        return st;
    }
    return key_part_tagged(b, KEY_START, first, second, keep, err);
}

/* The words of a romanized name ("Shouta Nakajima"), each a part, and the whole from its
 * start. */
static meibo_status key_words(meibo_buf *b, const char *s, char **keep, meibo_err *err)
{
    size_t n = strlen(s);
    char *w = malloc(n + 1);
    if (!w)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    meibo_status st = MEIBO_OK;
    int words = 0;
    for (const char *p = s; *p && !st;) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        if (!len)
            break;
        memcpy(w, p, len);
        w[len] = '\0';
        st = key_part(b, w, NULL, NULL, err);
        words++;
        p += len;
    }
    free(w);
    if (st)
        return st;
    if (words > 1)
        return key_part_tagged(b, KEY_START, s, NULL, keep, err);
    meibo_buf t = MEIBO_BUF_INIT;
    st = key_part(&t, s, NULL, keep, err);
    buf_free(&t);
    return st;
}

meibo_status search_member_keys(const meibo_member *m, char **search_key, char **reading_key,
                                char **name_key, meibo_err *err)
{
    meibo_buf b = MEIBO_BUF_INIT;
    char *rk = NULL, *nk = NULL, *romaji = NULL, *en = NULL;
    meibo_status st;
    *search_key = *reading_key = *name_key = NULL;
    const char *kana_f = member_get_field(m, MF_FAMILY_KANA);
    const char *kana_g = member_get_field(m, MF_GIVEN_KANA);

    if ((st = key_part(&b, member_get_field(m, MF_MEMBER_NO), NULL, NULL, err)) ||
        (st = key_part(&b, member_get_field(m, MF_SPECIALIST_NO), NULL, NULL, err)) ||
        (st = key_name(&b, member_get_field(m, MF_FAMILY_NAME), member_get_field(m, MF_GIVEN_NAME),
                       &nk, err)) ||
        (st = key_name(&b, kana_f, kana_g, &rk, err)) ||
        (st = key_words(&b, member_get_field(m, MF_NAME_EN), &en, err)))
        goto out;
    /* romaji from the reading too, so "tanaka" finds a member registered without name_en:
     * family and given each, and the two from the start */
    {
        char *rf = NULL, *rg = NULL;
        if ((st = text_romaji(kana_f, &rf, err)) || (st = text_romaji(kana_g, &rg, err))) {
            free(rf);
            goto out;
        }
        char *rkey = NULL;
        meibo_buf t = MEIBO_BUF_INIT;
        st = key_part(&t, rf, rg, &rkey, err);
        buf_free(&t);
        if (!st && *rkey && strcmp(rkey, en) != 0)
            st = key_name(&b, rf, rg, NULL, err);
        free(rkey);
        free(rf);
        free(rg);
        if (st)
            goto out;
    }
    if ((st = key_part_tagged(&b, KEY_FACILITY, member_get_field(m, MF_FACILITY_NAME), NULL,
                              NULL, err)) ||
        (st = key_part(&b, member_get_field(m, MF_EMAIL), NULL, NULL, err)))
        goto out;
    if ((st = buf_take(&b, search_key, err)))
        goto out;
    *reading_key = rk;
    *name_key = nk;
    rk = nk = NULL;
out:
    buf_free(&b);
    free(rk);
    free(nk);
    free(romaji);
    free(en);
    return st;
}

/* ---- grams ----------------------------------------------------------------------------- */

/* A code point as an index token fragment: ASCII letters and digits as themselves, other
 * ASCII as 0xC0 and 0x80 + the code (never valid UTF-8), the rest in UTF-8. Every byte of a
 * fragment is a token character for FTS5's ascii tokenizer (letters, digits, bytes >= 0x80),
 * fragments are self-delimiting, so a token names its characters exactly, and tokens are
 * short (a kanji trigram is 9 bytes, a romaji one 3). Returns the length (at most 4). */
static int gram_put(char *out, ucs4_t c)
{
    if (c < 0x80) {
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
            out[0] = (char)c;
            return 1;
        }
        out[0] = (char)0xC0;
        out[1] = (char)(0x80 | c);
        return 2;
    }
    int n = u8_uctomb((uint8_t *)out, c, 4);
    return n > 0 ? n : 0;
}

/* Decode s[0..n) into code points; returns the count, -1 on OOM. */
static long key_codepoints(const char *s, size_t n, ucs4_t **out)
{
    ucs4_t *cps = malloc((n + 1) * sizeof *cps);
    if (!cps)
        return -1;
    long k = 0;
    const uint8_t *p = (const uint8_t *)s, *end = p + n;
    while (p < end) {
        /* s is the caller's NUL-terminated key; the analyzer loses its bytes through the buffer's
         * realloc and memcpy on the reindex path and calls them garbage */
        if (*p < 0x80) {
            cps[k++] = *p++;
            continue;
        }
        ucs4_t c;
        int len = u8_mbtouc(&c, p, (size_t)(end - p));
        cps[k++] = c;
        p += len > 0 ? len : 1;
    }
    *out = cps;
    return k;
}

/* A token's tag: none for a member's own parts; a whole name's first gram or trigram (TAG_S)
 * and its later trigrams (TAG_Y); a facility's grams (TAG_F). A tag is the fragment of code
 * point 0 (never in a key) and a letter, so a tagged token never equals an untagged one. */
enum { TAG_NONE = 0, TAG_S = 's', TAG_Y = 'y', TAG_F = 'f' };

static int tag_put(char *out, int tag)
{
    if (!tag)
        return 0;
    out[0] = (char)0xC0;
    out[1] = (char)0x80;
    out[2] = (char)tag;
    return 3;
}

/* A member_grams token as a sortable number: its kind in the top bits, its tag, then the
 * code points (21 bits each). */
enum { GRAM_UNI = 1, GRAM_BI = 2 };

static uint64_t gram_uni(ucs4_t a, int tag)
{
    return (uint64_t)GRAM_UNI << 60 | (uint64_t)tag << 42 | a;
}

static uint64_t gram_bi(ucs4_t a, ucs4_t b, int tag)
{
    return (uint64_t)GRAM_BI << 60 | (uint64_t)tag << 42 | (uint64_t)a << 21 | b;
}

/* The token text of a gram code into out (at most 25 bytes); returns its length. */
static int gram_text(char *out, uint64_t g)
{
    int t = tag_put(out, (int)(g >> 42 & 0xFF));
    if (g >> 60 == GRAM_UNI)
        return t + gram_put(out + t, (ucs4_t)(g & 0x1FFFFF));
    t += gram_put(out + t, (ucs4_t)(g >> 21 & 0x1FFFFF));
    return t + gram_put(out + t, (ucs4_t)(g & 0x1FFFFF));
}

/* A trigram token (tagged) into out (at most 15 bytes); returns its length. */
static int trigram_put(char *out, const ucs4_t *c, int tag)
{
    int t = tag_put(out, tag);
    t += gram_put(out + t, c[0]);
    t += gram_put(out + t, c[1]);
    return t + gram_put(out + t, c[2]);
}

/* Shell sort (Ciura's gaps): a few hundred grams, no comparison callbacks. */
static void sort_u64(uint64_t *a, size_t n)
{
    static const size_t gaps[] = {701, 301, 132, 57, 23, 10, 4, 1};
    for (size_t gi = 0; gi < sizeof gaps / sizeof *gaps; gi++) {
        size_t gap = gaps[gi];
        for (size_t i = gap; i < n; i++) {
            uint64_t v = a[i];
            size_t j = i;
            for (; j >= gap && a[j - gap] > v; j -= gap)
                a[j] = a[j - gap];
            a[j] = v;
        }
    }
}

/* The part of cps[0..k) that starts at *a: its body [*a, *b) after the tag, and the tag. */
static int part_at(const ucs4_t *cps, long k, long *a, long *b)
{
    int tag = TAG_NONE;
    if (cps[*a] == (ucs4_t)KEY_START || cps[*a] == (ucs4_t)KEY_FACILITY)
        tag = cps[(*a)++] == (ucs4_t)KEY_START ? TAG_S : TAG_F;
    *b = *a;
    while (*b < k && cps[*b] != PART_SEP)
        (*b)++;
    return tag;
}

meibo_status search_grams(const char *key, char **grams, char **trigrams, meibo_err *err)
{
    *grams = *trigrams = NULL;
    ucs4_t *cps = NULL;
    long k = key_codepoints(key, strlen(key), &cps);
    if (k < 0)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    uint64_t *g = malloc(((size_t)k * 2 + 1) * sizeof *g); /* a unigram, a bigram each */
    char *gt = NULL, *tt = NULL;
    if (!g)
        goto oom;
    size_t ng = 0;
    for (long a = 0, b; a < k;) {
        int tag = part_at(cps, k, &a, &b);
        if (tag == TAG_S) {
            /* a whole name: only its first pair (its first character is its first part's) */
            if (b - a >= 2)
                g[ng++] = gram_bi(cps[a], cps[a + 1], TAG_S);
        } else {
            for (long i = a; i < b; i++) {
                g[ng++] = gram_uni(cps[i], tag);
                if (i + 1 < b)
                    g[ng++] = gram_bi(cps[i], cps[i + 1], tag);
            }
        }
        a = b + 1;
    }
    sort_u64(g, ng);
    gt = malloc(ng * 26 + 1);
    /* trigrams: 15 bytes and a space each, "zz " between parts */
    tt = malloc((size_t)k * 19 + 1);
    if (!gt || !tt)
        goto oom;
    size_t gl = 0;
    for (size_t i = 0; i < ng; i++) {
        if (i && g[i] == g[i - 1])
            continue;
        gl += (size_t)gram_text(gt + gl, g[i]);
        gt[gl++] = ' ';
    }
    gt[gl] = '\0';
    size_t tl = 0;
    for (long a = 0, b; a < k;) {
        int tag = part_at(cps, k, &a, &b);
        if (b - a >= 3) {
            if (tl) {
                memcpy(tt + tl, "zz ", 3);
                tl += 3;
            }
            for (long i = a; i + 2 < b; i++) {
                /* a whole name's first trigram says so (TAG_S), the rest follow it (TAG_Y) */
                int t = tag == TAG_S ? (i == a ? TAG_S : TAG_Y) : tag;
                tl += (size_t)trigram_put(tt + tl, cps + i, t);
                tt[tl++] = ' ';
            }
        }
        a = b + 1;
    }
    tt[tl] = '\0';
    free(cps);
    free(g);
    *grams = gt;
    *trigrams = tt;
    return MEIBO_OK;
oom:
    free(cps);
    free(g);
    free(gt);
    free(tt);
    return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
}

/* One phrase of the query's tokens with tag @p tag (TAG_S: the first TAG_S, the rest TAG_Y)
 * into w; returns the end. */
static char *phrase_put(char *w, const ucs4_t *cps, long k, int tag)
{
    *w++ = '"';
    if (k == 1) {
        w += gram_text(w, gram_uni(cps[0], tag));
    } else if (k == 2) {
        w += gram_text(w, gram_bi(cps[0], cps[1], tag));
    } else {
        for (long i = 0; i + 2 < k; i++) {
            if (i)
                *w++ = ' ';
            int t = tag == TAG_S ? (i ? TAG_Y : TAG_S) : tag;
            w += trigram_put(w, cps + i, t);
        }
    }
    *w++ = '"';
    return w;
}

/* The FTS5 MATCH expressions for a normalized, non-empty query, and which table they are for
 * (*positional: member_trigrams, else member_grams): a query of one or two characters is one
 * token of member_grams, a longer one the phrase of its trigrams in member_trigrams (exact:
 * consecutive positions within one part). A member's own match (*own) is the plain phrase or
 * the whole name's from its start (one character is always inside the family name's part);
 * a facility's match (*fac) the facility-tagged phrase; *fac_only the facility matches that are
 * not the member's own (listed after them). With @p facility_only (施設:), *own is NULL and
 * *fac_only is every facility match. Each malloc'd. */
STATIC meibo_status search_match_expr(const char *q, bool facility_only, char **own, char **fac,
                                      char **fac_only, bool *positional, meibo_err *err)
{
    ucs4_t *cps = NULL;
    long k = key_codepoints(q, strlen(q), &cps);
    *own = *fac = *fac_only = NULL;
    *positional = k >= 3;
    if (k < 0)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    size_t cap = (size_t)k * 2 * 17 + 64;
    char *o = malloc(cap), *f = malloc(cap), *fo = malloc(cap * 3);
    if (!o || !f || !fo) {
        free(cps);
        free(o);
        free(f);
        free(fo);
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    }
    char *w = phrase_put(o, cps, k, TAG_NONE);
    if (k >= 2) {
        memcpy(w, " OR ", 4);
        w = phrase_put(w + 4, cps, k, TAG_S);
    }
    *w = '\0';
    *phrase_put(f, cps, k, TAG_F) = '\0';
    if (facility_only)
        snprintf(fo, cap * 3, "%s", f);
    else
        snprintf(fo, cap * 3, "(%s) NOT (%s)", f, o);
    free(cps);
    if (facility_only) {
        free(o);
        o = NULL;
    }
    *own = o;
    *fac = f;
    *fac_only = fo;
    return MEIBO_OK;
}

/* A query's scope: a leading 施設: or f: (full- or half-width colon) asks for facility matches
 * only. Returns where the query proper starts. */
static const char *query_scope(const char *query, bool *facility_only)
{
    static const char *const prefixes[] = {"施設:", "施設：", "f:", "F:", "f：", "F：", "ｆ：", "Ｆ："};
    *facility_only = false;
    for (size_t i = 0; query && i < sizeof prefixes / sizeof *prefixes; i++) {
        size_t n = strlen(prefixes[i]);
        if (!strncmp(query, prefixes[i], n)) {
            *facility_only = true;
            return query + n;
        }
    }
    return query ? query : "";
}

/* Whether the normalized query q is in key as a member's own match (inside an untagged part,
 * or a whole name's part from its start) or, with @p facility, inside a facility part. The
 * reference of what the index finds (search_scan_count) and the test of a walked row. */
static bool key_matches(const char *key, const char *q, bool facility)
{
    size_t qn = strlen(q);
    for (const char *p = key; p && *p;) {
        const char *end = strchr(p, PART_SEP);
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char tag = *p;
        const char *body = p + (tag == KEY_START || tag == KEY_FACILITY);
        size_t bn = n - (size_t)(body - p);
        if (facility == (tag == KEY_FACILITY) && qn <= bn) {
            if (tag == KEY_START) {
                if (!memcmp(body, q, qn))
                    return true;
            } else {
                for (size_t i = 0; i + qn <= bn; i++)
                    if (!memcmp(body + i, q, qn))
                        return true;
            }
        }
        p = end ? end + 1 : NULL;
    }
    return false;
}

/* SQL: meibo_key_match(search_key, query, facility) as key_matches(). */
static void sql_key_match(sqlite3_context *c, int argc, sqlite3_value **v)
{
    (void)argc;
    const char *key = (const char *)sqlite3_value_text(v[0]);
    const char *q = (const char *)sqlite3_value_text(v[1]);
    sqlite3_result_int(c, key && q && key_matches(key, q, sqlite3_value_int(v[2]) != 0));
}

static meibo_status key_match_register(meibo_ctx *ctx, meibo_err *err)
{
    if (ctx->search_fn)
        return MEIBO_OK;
    if (sqlite3_create_function(ctx->db, "meibo_key_match", 3,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                sql_key_match, NULL, NULL) != SQLITE_OK)
        return db_fail(ctx, err, "search");
    ctx->search_fn = true;
    return MEIBO_OK;
}

/* A query made ready: its normalized text, scope and MATCH expressions. */
typedef struct match {
    char *q;                         /* normalized, without the scope prefix */
    bool facility_only, positional;
    char *own, *fac, *fac_only, *all; /* all: every match of the scope */
} match;

static void match_free(match *m)
{
    free(m->q);
    free(m->own);
    free(m->fac);
    free(m->fac_only);
    free(m->all);
    memset(m, 0, sizeof *m);
}

static meibo_status match_prepare(meibo_ctx *ctx, const char *query, match *m, meibo_err *err)
{
    memset(m, 0, sizeof *m);
    meibo_status st = key_match_register(ctx, err);
    if (st || (st = text_search_key(query_scope(query, &m->facility_only), &m->q, err)))
        return st;
    if (!*m->q)
        return MEIBO_OK;
    if ((st = search_match_expr(m->q, m->facility_only, &m->own, &m->fac, &m->fac_only,
                                &m->positional, err)))
        goto fail;
    size_t n = strlen(m->fac) + (m->own ? strlen(m->own) : 0) + 16;
    if (!(m->all = malloc(n))) {
        st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        goto fail;
    }
    if (m->facility_only)
        snprintf(m->all, n, "%s", m->fac);
    else
        snprintf(m->all, n, "(%s) OR (%s)", m->own, m->fac);
    return MEIBO_OK;
fail:
    match_free(m);
    return st;
}

static const char sql_grams_delete[] =
    "INSERT INTO member_grams(member_grams, rowid, g) VALUES ('delete', ?1, ?2)";
static const char sql_grams_insert[] = "INSERT INTO member_grams(rowid, g) VALUES (?1, ?2)";
static const char sql_trigrams_delete[] =
    "INSERT INTO member_trigrams(member_trigrams, rowid, t) VALUES ('delete', ?1, ?2)";
static const char sql_trigrams_insert[] = "INSERT INTO member_trigrams(rowid, t) VALUES (?1, ?2)";

/* Run an index insert or 'delete' statement for one member's document. */
static meibo_status grams_write(meibo_ctx *ctx, const char *sql, int64_t id, const char *doc,
                                meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, doc, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "updating the search index");
}

meibo_status search_index_add(meibo_ctx *ctx, int64_t id, const char *grams,
                              const char *trigrams, meibo_err *err)
{
    meibo_status st = grams_write(ctx, sql_grams_insert, id, grams, err);
    return st ? st : grams_write(ctx, sql_trigrams_insert, id, trigrams, err);
}

meibo_status search_index_update(meibo_ctx *ctx, int64_t id, const char *old_key,
                                 const char *new_key, meibo_err *err)
{
    const char *keys[2] = {old_key, new_key};
    for (int i = 0; i < 2; i++) {
        if (!keys[i])
            continue;
        char *grams = NULL, *tri = NULL;
        meibo_status st = search_grams(keys[i], &grams, &tri, err);
        if (!st)
            st = grams_write(ctx, i ? sql_grams_insert : sql_grams_delete, id, grams, err);
        if (!st)
            st = grams_write(ctx, i ? sql_trigrams_insert : sql_trigrams_delete, id, tri, err);
        free(grams);
        free(tri);
        if (st)
            return st;
    }
    return MEIBO_OK;
}

/* ---- pages ----------------------------------------------------------------------------- */

#define ROW_COLS "m.id, m.member_no, m.family_name || ' ' || m.given_name, " \
                 "m.family_kana || ' ' || m.given_kana, coalesce(f.name, ''), m.branch, m.status, " \
                 "coalesce(m.specialist_no, ''), m.reading_key, m.name_key, m.joined_on, " \
                 "m.search_key"
#define ROW_FROM " FROM members m LEFT JOIN facilities f ON f.id = m.facility_id "
enum { COL_ID, COL_NO, COL_NAME, COL_KANA, COL_FAC, COL_BRANCH, COL_STATUS, COL_SPEC, COL_RKEY,
       COL_NKEY, COL_JOINED, COL_KEY,
       /* the sort orders' statements add the row's sort key: phase, text key, number */
       COL_PHASE, COL_SKEY, COL_SNUM };

static const char sql_rank_number[] =
    "SELECT " ROW_COLS ROW_FROM "WHERE (m.member_no = ?1 OR m.specialist_no = ?1) AND m.id > ?2 "
    "ORDER BY m.id";
static const char sql_rank_reading[] =
    "SELECT " ROW_COLS ROW_FROM "WHERE m.reading_key >= ?1 AND m.reading_key < ?1 || char(1114111) "
    "AND (m.reading_key, m.id) > (?3, ?2) ORDER BY m.reading_key, m.id";
static const char sql_rank_name[] =
    "SELECT " ROW_COLS ROW_FROM "WHERE m.name_key >= ?1 AND m.name_key < ?1 || char(1114111) "
    "AND (m.name_key, m.id) > (?3, ?2) ORDER BY m.name_key, m.id";
/* [positional]: member_grams for a one-token query, member_trigrams for a phrase (the
 * member's own matches, then the facility's: ?4 says which) */
static const char *const sql_rank_other[2] = {
    "SELECT " ROW_COLS ROW_FROM "JOIN member_grams g ON g.rowid = m.id "
    "WHERE member_grams MATCH ?4 AND g.rowid > ?2 ORDER BY g.rowid",
    "SELECT " ROW_COLS ROW_FROM "JOIN member_trigrams g ON g.rowid = m.id "
    "WHERE member_trigrams MATCH ?4 AND g.rowid > ?2 ORDER BY g.rowid",
};

/* ---- sort orders ------------------------------------------------------------------------
 * Every order is (phase, text key, number, member id), each part ascending (joined-desc:
 * descending). Parameters: ?1 the normalized query ("" for none), ?2 the cursor's member id,
 * ?3 its text key, ?4 the MATCH expression, ?5 its phase, ?6 its number. */

static const char *const sort_names[SEARCH_SORT__COUNT] = {
#define SEARCH_SORT_NAME(id, name) name,
    SEARCH_SORTS(SEARCH_SORT_NAME)
#undef SEARCH_SORT_NAME
};

const char *search_sort_name(search_sort s)
{
    return (unsigned)s < SEARCH_SORT__COUNT ? sort_names[s] : "";
}

int search_sort_parse(const char *name)
{
    return CHECK_CODE_INDEX(sort_names, SEARCH_SORT__COUNT, name);
}

/* The sort key columns of each order, after ROW_COLS. */
#define SK_READING "0, m.reading_key, 0"
#define SK_NUMBER "0, '', CAST(m.member_no AS INTEGER)"
#define SK_JOINED "0, m.joined_on, 0"
#define SK_FACILITY "m.facility_id IS NULL, coalesce(f.name, ''), coalesce(f.id, 0)"

/* A query with few matches: its matches after the cursor, filtered, the first ?10 of them in
 * the order (a top-N sort of small keys: the rows are read after, for those ?10 only). */
#define SQL_FILTERS                                                                         \
    " AND (?7 IS NULL OR m.status = ?7) AND (?8 IS NULL OR m.branch = ?8) "                 \
    "AND (?9 < 0 OR (coalesce(m.specialist_no, '') <> '') = ?9) "
#define SORTED_MATCH(table, sk, cmp, dir)                                                   \
    "WITH s(sid, k1, k2, k3) AS (SELECT m.id, " sk " FROM " table " g "                     \
    "JOIN members m ON m.id = g.rowid LEFT JOIN facilities f ON f.id = m.facility_id "       \
    "WHERE " table " MATCH ?4 AND (" sk ", m.id) " cmp " (?5, ?3, ?6, ?2)" SQL_FILTERS        \
    "ORDER BY 2 " dir ", 3 " dir ", 4 " dir ", 1 " dir " LIMIT ?10) "                        \
    "SELECT " ROW_COLS ", s.k1, s.k2, s.k3 FROM s JOIN members m ON m.id = s.sid "          \
    "LEFT JOIN facilities f ON f.id = m.facility_id "                                       \
    "ORDER BY s.k1 " dir ", s.k2 " dir ", s.k3 " dir ", s.sid " dir
#define SORTED_MATCHES(sk, cmp, dir)                                                        \
    {SORTED_MATCH("member_grams", sk, cmp, dir), SORTED_MATCH("member_trigrams", sk, cmp, dir)}
static const char *const sql_sorted_match[SEARCH_SORT__COUNT][2] = {
    [SEARCH_SORT_READING] = SORTED_MATCHES(SK_READING, ">", "ASC"),
    [SEARCH_SORT_NUMBER] = SORTED_MATCHES(SK_NUMBER, ">", "ASC"),
    [SEARCH_SORT_JOINED] = SORTED_MATCHES(SK_JOINED, ">", "ASC"),
    [SEARCH_SORT_JOINED_DESC] = SORTED_MATCHES(SK_JOINED, "<", "DESC"),
    [SEARCH_SORT_FACILITY] = SORTED_MATCHES(SK_FACILITY, ">", "ASC"),
};

/* The empty query, or one with many matches: walk the order's index (schema/001, 006), keeping
 * the members whose search key contains the query. Each order is walked in steps, so that
 * every step is one index range: TIE the rest of the cursor's key (same key, later id),
 * AFTER the keys after it, and for the facility order NONE the members with no facility. A
 * row-value range alone would seek on its first column only and scan a long tie. */
#define QUERY_IN_KEY                                                                        \
    " AND (?1 = '' OR (?11 = 0 AND meibo_key_match(m.search_key, ?1, 0)) "                   \
    "OR meibo_key_match(m.search_key, ?1, 1)) "
enum { STEP_TIE, STEP_AFTER, STEP_NONE, STEP__COUNT };
static const char *const sql_walk[SEARCH_SORT__COUNT][STEP__COUNT] = {
    [SEARCH_SORT_READING] =
        {"SELECT " ROW_COLS ", " SK_READING ROW_FROM "WHERE m.reading_key = ?3 AND m.id > ?2"
         QUERY_IN_KEY "ORDER BY m.id",
         "SELECT " ROW_COLS ", " SK_READING ROW_FROM "WHERE m.reading_key > ?3" QUERY_IN_KEY
         "ORDER BY m.reading_key, m.id", NULL},
    [SEARCH_SORT_NUMBER] =
        {"SELECT " ROW_COLS ", " SK_NUMBER ROW_FROM "WHERE CAST(m.member_no AS INTEGER) = ?6 "
         "AND m.id > ?2" QUERY_IN_KEY "ORDER BY m.id",
         "SELECT " ROW_COLS ", " SK_NUMBER ROW_FROM "WHERE CAST(m.member_no AS INTEGER) > ?6"
         QUERY_IN_KEY "ORDER BY CAST(m.member_no AS INTEGER), m.id", NULL},
    [SEARCH_SORT_JOINED] =
        {"SELECT " ROW_COLS ", " SK_JOINED ROW_FROM "WHERE m.joined_on = ?3 AND m.id > ?2"
         QUERY_IN_KEY "ORDER BY m.id",
         "SELECT " ROW_COLS ", " SK_JOINED ROW_FROM "WHERE m.joined_on > ?3" QUERY_IN_KEY
         "ORDER BY m.joined_on, m.id", NULL},
    [SEARCH_SORT_JOINED_DESC] =
        {"SELECT " ROW_COLS ", " SK_JOINED ROW_FROM "WHERE m.joined_on = ?3 AND m.id < ?2"
         QUERY_IN_KEY "ORDER BY m.id DESC",
         "SELECT " ROW_COLS ", " SK_JOINED ROW_FROM "WHERE m.joined_on < ?3" QUERY_IN_KEY
         "ORDER BY m.joined_on DESC, m.id DESC", NULL},
    [SEARCH_SORT_FACILITY] =
        {"SELECT " ROW_COLS ", " SK_FACILITY ROW_FROM "WHERE m.facility_id = ?6 AND m.id > ?2"
         QUERY_IN_KEY "ORDER BY m.id",
         "SELECT " ROW_COLS ", " SK_FACILITY " FROM facilities f JOIN members m "
         "ON m.facility_id = f.id WHERE (f.name, f.id) > (?3, ?6)" QUERY_IN_KEY
         "ORDER BY f.name, f.id, m.id",
         "SELECT " ROW_COLS ", " SK_FACILITY ROW_FROM "WHERE m.facility_id IS NULL AND m.id > ?2"
         QUERY_IN_KEY "ORDER BY m.id"},
};

/* How many matches a query is counted to (a LIMIT: it stops early). */
static const char *const sql_probe[2] = {
    "SELECT count(*) FROM (SELECT 1 FROM member_grams WHERE member_grams MATCH ?1 LIMIT ?2)",
    "SELECT count(*) FROM (SELECT 1 FROM member_trigrams WHERE member_trigrams MATCH ?1 "
    "LIMIT ?2)",
};

static const char sql_max_id[] = "SELECT coalesce(max(id), 0) FROM members";

/* Up to how many matches a query's members are sorted; with more, the order's index is
 * walked. Sorting costs about a microsecond a match (measured: 27,000 in 35–55 ms), a walk
 * about three a row read, and a page of a walk reads about limit × members / matches rows:
 * the walk wins above sqrt(2 × limit × members) matches (about 4,500 at 100,000 members,
 * 14,000 at 1,000,000). The reading order sorts up to a tenth of the members: a kana
 * query's matches gather in reading order, far from where a walk starts. -1: so computed;
 * tests fix it to run both ways. */
STATIC int search_sort_small = -1;

static meibo_status sort_threshold(meibo_ctx *ctx, search_sort sort, int limit, int64_t *small,
                                   meibo_err *err)
{
    if (search_sort_small >= 0) {
        *small = search_sort_small;
        return MEIBO_OK;
    }
    sqlite3_stmt *s = db_stmt(ctx, sql_max_id, err);
    if (!s)
        return MEIBO_ERR_DB;
    int rc = sqlite3_step(s);
    int64_t members = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW)
        return db_fail(ctx, err, "search");
    *small = (int64_t)sqrt(2.0 * limit * (double)members);
    if (sort == SEARCH_SORT_READING && *small < members / 10)
        *small = members / 10;
    return MEIBO_OK;
}

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The best rank a row deserves for query q (it matched). */
static search_rank row_rank(sqlite3_stmt *s, const char *q, bool facility_only)
{
    if (facility_only)
        return SEARCH_RANK_FACILITY;
    const char *no = (const char *)sqlite3_column_text(s, COL_NO);
    const char *spec = (const char *)sqlite3_column_text(s, COL_SPEC);
    if ((no && !strcmp(no, q)) || (spec && *spec && !strcmp(spec, q)))
        return SEARCH_RANK_NUMBER;
    const char *rk = (const char *)sqlite3_column_text(s, COL_RKEY);
    if (rk && starts_with(rk, q))
        return SEARCH_RANK_READING;
    const char *nk = (const char *)sqlite3_column_text(s, COL_NKEY);
    if (nk && starts_with(nk, q))
        return SEARCH_RANK_NAME;
    const char *key = (const char *)sqlite3_column_text(s, COL_KEY);
    return key_matches(key ? key : "", q, false) ? SEARCH_RANK_OTHER : SEARCH_RANK_FACILITY;
}

static bool row_passes(sqlite3_stmt *s, const search_filter *f)
{
    if (!f)
        return true;
    if (f->status && *f->status &&
        strcmp((const char *)sqlite3_column_text(s, COL_STATUS), f->status) != 0)
        return false;
    if (f->branch && *f->branch &&
        strcmp((const char *)sqlite3_column_text(s, COL_BRANCH), f->branch) != 0)
        return false;
    if (f->specialist >= 0) {
        const char *spec = (const char *)sqlite3_column_text(s, COL_SPEC);
        if ((spec && *spec) != (f->specialist == 1))
            return false;
    }
    return true;
}

/* Copy a string into the page arena; returns its offset (+1), 0 on OOM. */
static size_t arena_put(search_page *p, const char *s)
{
    size_t n = strlen(s ? s : "") + 1;
    char *a = array_grow(p->arena, &p->arena_cap, p->arena_len + n, 1);
    if (!a)
        return 0;
    p->arena = a;
    memcpy(p->arena + p->arena_len, s ? s : "", n);
    p->arena_len += n;
    return p->arena_len - n + 1;
}

#define ROW_STRINGS(r)                                                                     \
    {&(r)->member_no, &(r)->name, &(r)->kana, &(r)->facility, &(r)->branch, &(r)->status,   \
     &(r)->specialist_no, &(r)->joined_on}

/* Append the current row of s to the page (strings as arena offsets until the end); @p sort
 * says where the cursor's key is (relevance: the rank's key). */
static meibo_status page_add(search_page *p, sqlite3_stmt *s, search_rank rank,
                             search_sort sort, int limit, meibo_err *err)
{
    if (!p->rows) {
        p->rows = calloc((size_t)limit, sizeof *p->rows);
        if (!p->rows)
            return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    }
    search_row *r = &p->rows[p->n];
    r->id = sqlite3_column_int64(s, COL_ID);
    r->rank = rank;
    const int cols[] = {COL_NO,     COL_NAME,   COL_KANA, COL_FAC,
                        COL_BRANCH, COL_STATUS, COL_SPEC, COL_JOINED};
    const char **dst[] = ROW_STRINGS(r);
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
        size_t off = arena_put(p, (const char *)sqlite3_column_text(s, cols[i]));
        if (!off)
            return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        *dst[i] = (const char *)(uintptr_t)off; /* fixed up in page_finish() */
    }
    p->n++;
    /* the cursor: this row's place in the order */
    search_cursor *c = &p->next;
    c->started = true;
    c->sort = (int)sort;
    c->id = r->id;
    const char *key = "";
    if (sort == SEARCH_SORT_RELEVANCE) {
        c->rank = rank;
        c->num = 0;
        if (rank == SEARCH_RANK_READING)
            key = (const char *)sqlite3_column_text(s, COL_RKEY);
        else if (rank == SEARCH_RANK_NAME)
            key = (const char *)sqlite3_column_text(s, COL_NKEY);
    } else {
        c->rank = sqlite3_column_int(s, COL_PHASE);
        c->num = sqlite3_column_int64(s, COL_SNUM);
        key = (const char *)sqlite3_column_text(s, COL_SKEY);
    }
    snprintf(c->key, sizeof c->key, "%s", key ? key : "");
    return MEIBO_OK;
}

static void page_finish(search_page *p)
{
    for (int i = 0; i < p->n; i++) {
        search_row *r = &p->rows[i];
        const char **f[] = ROW_STRINGS(r);
        for (size_t j = 0; j < sizeof f / sizeof *f; j++)
            *f[j] = p->arena + ((uintptr_t)*f[j] - 1);
    }
}

void search_page_free(search_page *p)
{
    if (!p)
        return;
    free(p->rows);
    free(p->arena);
    memset(p, 0, sizeof *p);
}

/* Fill the page from one statement. In relevance order (@p sort) rows that deserve a better
 * rank are skipped (they were listed there). Sets *full when the page is full. */
static meibo_status page_fill(meibo_ctx *ctx, search_page *p, sqlite3_stmt *s, search_rank rank,
                              search_sort sort, const match *mt, const search_filter *f,
                              int limit, bool *full, meibo_err *err)
{
    int rc;
    const char *q = mt->q;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        search_rank r = rank;
        if (*q) {
            r = row_rank(s, q, mt->facility_only);
            if (sort == SEARCH_SORT_RELEVANCE && r != rank)
                continue;
        }
        if (!row_passes(s, f))
            continue;
        if (p->n == limit) {
            p->more = true;
            *full = true;
            sqlite3_reset(s);
            return MEIBO_OK;
        }
        meibo_status st = page_add(p, s, r, sort, limit, err);
        if (st) {
            sqlite3_reset(s);
            return st;
        }
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return db_fail(ctx, err, "search");
    return MEIBO_OK;
}

/* Bind parameter @p i of @p s if the statement has it. */
static bool has_param(sqlite3_stmt *s, int i)
{
    return i <= sqlite3_bind_parameter_count(s);
}

/* Bind the cursor @p c (of a sort order) to a sort statement. Before the first row @p c is
 * the order's start: in ascending order before every key, in descending after every key (a
 * BLOB: SQLite orders it after all text, and text affinity leaves it one). */
static void bind_sort_cursor(sqlite3_stmt *s, const search_cursor *c, bool started, bool desc)
{
    if (has_param(s, 2))
        sqlite3_bind_int64(s, 2, started ? c->id : desc ? INT64_MAX : 0);
    if (has_param(s, 3)) {
        if (started || !desc)
            sqlite3_bind_text(s, 3, started ? c->key : "", -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_blob(s, 3, "", 1, SQLITE_STATIC);
    }
    if (has_param(s, 5))
        sqlite3_bind_int(s, 5, started ? c->rank : desc ? 2 : -1);
    if (has_param(s, 6))
        sqlite3_bind_int64(s, 6, started ? c->num : INT64_MIN);
}

/* A page in one of the sort orders. */
static meibo_status page_sorted(meibo_ctx *ctx, const match *mt, search_sort sort,
                                const search_filter *filter, const search_cursor *cur, int limit,
                                search_page *out, meibo_err *err)
{
    const char *q = mt->q, *expr = mt->all;
    bool positional = mt->positional;
    bool desc = sort == SEARCH_SORT_JOINED_DESC, full = false, walk = !*q;
    meibo_status st;
    if (*q) {
        /* many matches: walk the index; few: sort them */
        int64_t small = 0;
        if ((st = sort_threshold(ctx, sort, limit, &small, err)))
            return st;
        sqlite3_stmt *s = db_stmt(ctx, sql_probe[positional], err);
        if (!s)
            return MEIBO_ERR_DB;
        sqlite3_bind_text(s, 1, expr, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 2, small + 1);
        if (sqlite3_step(s) != SQLITE_ROW) {
            sqlite3_reset(s);
            return db_fail(ctx, err, "search");
        }
        walk = sqlite3_column_int64(s, 0) > small;
        sqlite3_reset(s);
    }
    if (!walk) {
        sqlite3_stmt *s = db_stmt(ctx, sql_sorted_match[sort][positional], err);
        if (!s)
            return MEIBO_ERR_DB;
        bind_sort_cursor(s, cur, cur->started, desc);
        sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 4, expr, -1, SQLITE_STATIC);
        if (filter && filter->status && *filter->status)
            sqlite3_bind_text(s, 7, filter->status, -1, SQLITE_STATIC);
        if (filter && filter->branch && *filter->branch)
            sqlite3_bind_text(s, 8, filter->branch, -1, SQLITE_STATIC);
        sqlite3_bind_int(s, 9, filter ? filter->specialist : -1);
        sqlite3_bind_int(s, 10, limit + 1); /* one more says another page follows */
        return page_fill(ctx, out, s, SEARCH_RANK_OTHER, sort, mt, filter, limit, &full, err);
    }
    /* the steps the cursor still has ahead: the facility order's second phase (members
     * without a facility) starts from the first of them */
    int from = cur->started ? STEP_TIE : STEP_AFTER;
    if (cur->started && cur->rank == 1)
        from = STEP_NONE;
    for (int step = from; step < STEP__COUNT && !full; step++) {
        const char *sql = sql_walk[sort][step];
        if (!sql)
            break;
        sqlite3_stmt *s = db_stmt(ctx, sql, err);
        if (!s)
            return MEIBO_ERR_DB;
        /* the facility order's NONE step begins at the first member without a facility */
        bool started = cur->started && !(step == STEP_NONE && cur->rank == 0);
        bind_sort_cursor(s, cur, started, desc);
        sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
        sqlite3_bind_int(s, 11, mt->facility_only);
        if ((st = page_fill(ctx, out, s, SEARCH_RANK_READING, sort, mt, filter, limit, &full,
                            err)))
            return st;
    }
    return MEIBO_OK;
}

meibo_status search_page_get(meibo_ctx *ctx, const char *query, const search_filter *filter,
                             const search_cursor *after, int limit, int flags,
                             search_page *out, meibo_err *err)
{
    memset(out, 0, sizeof *out);
    if (limit <= 0)
        limit = 50;
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "search members", err);
    if (st)
        return st;
    search_sort sort = filter ? filter->sort : SEARCH_SORT_RELEVANCE;
    if ((unsigned)sort >= SEARCH_SORT__COUNT)
        return meibo_fail(err, MEIBO_ERR_INVALID, "sort: no such order (%d)", (int)sort);
    search_cursor cur = {0};
    if (after && after->started) {
        cur = *after;
        if (cur.sort != (int)sort)
            return meibo_fail(err, MEIBO_ERR_INVALID,
                              "the cursor belongs to the %s order, not %s",
                              search_sort_name((search_sort)cur.sort), search_sort_name(sort));
    }
    match mt;
    if ((st = match_prepare(ctx, query, &mt, err)))
        return st;
    const char *q = mt.q;
    bool full = false;
    if (sort == SEARCH_SORT_RELEVANCE && !*q) {
        /* everyone in reading order: the reading order's walk (its cursor keeps this sort) */
        if ((st = page_sorted(ctx, &mt, SEARCH_SORT_READING, filter, &cur, limit, out, err)))
            goto out;
        if (out->n)
            out->next.sort = SEARCH_SORT_RELEVANCE;
    } else if (sort != SEARCH_SORT_RELEVANCE) {
        if ((st = page_sorted(ctx, &mt, sort, filter, &cur, limit, out, err)))
            goto out;
    } else {
        /* the member's own matches by rank, then the facility's (施設: only those) */
        const char *sqls[SEARCH_RANK__END] = {sql_rank_number, sql_rank_reading, sql_rank_name,
                                              sql_rank_other[mt.positional],
                                              sql_rank_other[mt.positional]};
        int from = cur.rank;
        if (mt.facility_only && from < SEARCH_RANK_FACILITY)
            from = SEARCH_RANK_FACILITY;
        for (int r = from; r <= SEARCH_RANK_FACILITY && !full; r++) {
            sqlite3_stmt *s = db_stmt(ctx, sqls[r], err);
            if (!s) {
                st = MEIBO_ERR_DB;
                goto out;
            }
            bool same = cur.started && cur.rank == r;
            sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
            sqlite3_bind_int64(s, 2, same ? cur.id : 0);
            if (r == SEARCH_RANK_READING || r == SEARCH_RANK_NAME)
                sqlite3_bind_text(s, 3, same ? cur.key : "", -1, SQLITE_TRANSIENT);
            if (r >= SEARCH_RANK_OTHER)
                sqlite3_bind_text(s, 4, r == SEARCH_RANK_OTHER ? mt.own : mt.fac_only, -1,
                                  SQLITE_STATIC);
            if ((st = page_fill(ctx, out, s, (search_rank)r, SEARCH_SORT_RELEVANCE, &mt, filter,
                                limit, &full, err)))
                goto out;
        }
    }
    page_finish(out);
    if (flags & SEARCH_AUDIT) {
        /* which members were shown, not only how many (取扱規程 第35条) */
        char detail[512];
        snprintf(detail, sizeof detail, "query=%s shown=%d%s%s", query ? query : "", out->n,
                 sort ? " sort=" : "", sort ? search_sort_name(sort) : "");
        int64_t small[64], *nos = out->n <= 64 ? small : malloc((size_t)out->n * sizeof *nos);
        if (!nos) {
            st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
            goto out;
        }
        for (int i = 0; i < out->n; i++)
            nos[i] = out->rows[i].member_no ? strtoll(out->rows[i].member_no, NULL, 10) : 0;
        st = audit_append_list(ctx, "search", detail, nos, out->n, err);
        if (nos != small)
            free(nos);
    }
out:
    if (st)
        search_page_free(out);
    match_free(&mt);
    return st;
}

/* The members a count counts, [capped][filtered][positional]; ?1 the MATCH expression (the
 * empty query: every member), ?4–?6 the filters, ?9 the cap (LIMIT: a capped count stops
 * early, so a huge hit list costs no more than its cap). */
#define COUNT_FILTERS                                                                          \
    "AND (?4 IS NULL OR m.status = ?4) AND (?5 IS NULL OR m.branch = ?5) "                    \
    "AND (?6 < 0 OR (coalesce(m.specialist_no, '') <> '') = ?6)"
#define COUNT_GRAMS "SELECT 1 FROM member_grams WHERE member_grams MATCH ?1"
#define COUNT_TRIGRAMS "SELECT 1 FROM member_trigrams WHERE member_trigrams MATCH ?1"
#define COUNT_GRAMS_F                                                                          \
    "SELECT 1 FROM member_grams g JOIN members m ON m.id = g.rowid "                          \
    "WHERE member_grams MATCH ?1 " COUNT_FILTERS
#define COUNT_TRIGRAMS_F                                                                       \
    "SELECT 1 FROM member_trigrams g JOIN members m ON m.id = g.rowid "                       \
    "WHERE member_trigrams MATCH ?1 " COUNT_FILTERS
#define COUNT_ALL "SELECT 1 FROM members"
#define COUNT_ALL_F "SELECT 1 FROM members m WHERE 1 " COUNT_FILTERS
#define COUNT_OF(inner) "SELECT count(*) FROM (" inner ")"
#define COUNT_CAPPED(inner) "SELECT count(*) FROM (" inner " LIMIT ?9)"
static const char *const sql_count[2][2][2] = {
    {{COUNT_OF(COUNT_GRAMS), COUNT_OF(COUNT_TRIGRAMS)},
     {COUNT_OF(COUNT_GRAMS_F), COUNT_OF(COUNT_TRIGRAMS_F)}},
    {{COUNT_CAPPED(COUNT_GRAMS), COUNT_CAPPED(COUNT_TRIGRAMS)},
     {COUNT_CAPPED(COUNT_GRAMS_F), COUNT_CAPPED(COUNT_TRIGRAMS_F)}},
};
static const char *const sql_count_everyone[2][2] = {
    {COUNT_OF(COUNT_ALL), COUNT_OF(COUNT_ALL_F)},
    {COUNT_CAPPED(COUNT_ALL), COUNT_CAPPED(COUNT_ALL_F)},
};

/* Count the members of one MATCH expression (NULL: everyone), filtered, at most @p cap + 1
 * of them (cap 0: all). */
static meibo_status count_expr(meibo_ctx *ctx, const char *expr, bool positional,
                               const search_filter *filter, int64_t cap, int64_t *n,
                               meibo_err *err)
{
    bool filtered = filter && ((filter->status && *filter->status) ||
                               (filter->branch && *filter->branch) || filter->specialist >= 0);
    const char *sql = !expr ? sql_count_everyone[cap > 0][filtered]
                            : sql_count[cap > 0][filtered][positional];
    sqlite3_stmt *s = db_stmt(ctx, sql, err);
    if (!s)
        return MEIBO_ERR_DB;
    if (expr)
        sqlite3_bind_text(s, 1, expr, -1, SQLITE_STATIC);
    if (filtered) {
        if (filter->status && *filter->status)
            sqlite3_bind_text(s, 4, filter->status, -1, SQLITE_STATIC);
        if (filter->branch && *filter->branch)
            sqlite3_bind_text(s, 5, filter->branch, -1, SQLITE_STATIC);
        sqlite3_bind_int(s, 6, filter->specialist);
    }
    if (cap > 0)
        sqlite3_bind_int64(s, 9, cap + 1);
    meibo_status st = MEIBO_OK;
    if (sqlite3_step(s) != SQLITE_ROW)
        st = db_fail(ctx, err, "counting");
    else
        *n = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return st;
}

meibo_status search_count_capped(meibo_ctx *ctx, const char *query, const search_filter *filter,
                                 int64_t cap, int64_t *own, int64_t *facility, bool *capped,
                                 meibo_err *err)
{
    *own = *facility = 0;
    if (capped)
        *capped = false;
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "search members", err);
    if (st)
        return st;
    match mt;
    if ((st = match_prepare(ctx, query, &mt, err)))
        return st;
    if (!*mt.q)
        st = count_expr(ctx, NULL, false, filter, cap, own, err);
    else if (!mt.facility_only)
        st = count_expr(ctx, mt.own, mt.positional, filter, cap, own, err);
    /* the facility's matches, unless the members' own alone pass the cap */
    if (!st && *mt.q && !(cap > 0 && *own > cap))
        st = count_expr(ctx, mt.fac_only, mt.positional, filter, cap, facility, err);
    match_free(&mt);
    if (!st && cap > 0 && *own + *facility > cap && capped)
        *capped = true;
    return st;
}

meibo_status search_count_kinds(meibo_ctx *ctx, const char *query, const search_filter *filter,
                                int64_t *own, int64_t *facility, meibo_err *err)
{
    return search_count_capped(ctx, query, filter, 0, own, facility, NULL, err);
}

meibo_status search_count(meibo_ctx *ctx, const char *query, const search_filter *filter,
                          int64_t *n, meibo_err *err)
{
    int64_t own = 0, facility = 0;
    meibo_status st = search_count_kinds(ctx, query, filter, &own, &facility, err);
    *n = own + facility;
    return st;
}

static const char sql_scan_count[] =
    "SELECT count(*) FROM members WHERE ?1 = '' OR (?2 = 0 AND meibo_key_match(search_key, ?1, 0)) "
    "OR meibo_key_match(search_key, ?1, 1)";

meibo_status search_scan_count(meibo_ctx *ctx, const char *query, int64_t *n, meibo_err *err)
{
    char *q = NULL;
    bool facility_only;
    meibo_status st = key_match_register(ctx, err);
    if (st || (st = text_search_key(query_scope(query, &facility_only), &q, err)))
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_scan_count, err);
    if (!s) {
        free(q);
        return MEIBO_ERR_DB;
    }
    sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, facility_only);
    if (sqlite3_step(s) != SQLITE_ROW)
        st = db_fail(ctx, err, "scanning");
    else
        *n = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    free(q);
    return st;
}

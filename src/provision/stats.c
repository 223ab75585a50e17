/* stats.c: statistics (統計情報) with small-cell and complementary suppression, and
 * anonymised data (匿名加工情報, 個人情報保護法 第43–45条) made k-anonymous. */
#include "meibo/check.h"
#include "meibo/stats.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/date.h"
#include "meibo/pdf.h"
#include "meibo/recipient.h"
#include "meibo/text.h"

/* ---- dimensions ------------------------------------------------------------------------- */

static const struct {
    const char *code, *ja, *en;
} dims[] = {
#define STATS_D_ROW(id, code, ja, en) {code, ja, en},
    STATS_DIMS(STATS_D_ROW)
#undef STATS_D_ROW
};

const char *stats_dim_code(stats_dim d) { return d < STATS_DIM__COUNT ? dims[d].code : ""; }

const char *stats_dim_label(stats_dim d, bool ja)
{
    return d < STATS_DIM__COUNT ? (ja ? dims[d].ja : dims[d].en) : "";
}

int stats_dim_parse(const char *s)
{
    return CHECK_CODE_INDEX(dims, STATS_DIM__COUNT, s);
}

/* ---- the suppression rule (pure) -------------------------------------------------------- */

/* coefficient of a cell in its row's (column's) constraint: interior +1, the total -1 */
static int coef(int k, int last) { return k < last ? 1 : -1; }

static bool hidden(const stats_grid *g, int i, int j)
{
    return g->mark[stats_at(g, i, j)] != STATS_SHOWN;
}

/* Does value v + d stay within what the mark m reveals? */
static bool within(int64_t v, int d, unsigned char m, int64_t t)
{
    int64_t x = v + d;
    if (x < 0)
        return false;
    if (m == STATS_SMALL)
        return x < t;
    return x >= t; /* "X": at least the threshold */
}

/* May the rectangle (i,j),(i,j2),(i2,j),(i2,j2) move by s at (i,j)? @p extra marks cells
 * treated as complements for the test (NULL: the grid's marks as they are). */
static bool rect_moves(const stats_grid *g, int i, int j, int i2, int j2, int s, int64_t t)
{
    int ci[4] = {i, i, i2, i2}, cj[4] = {j, j2, j, j2};
    int a1 = coef(j, g->cols), a2 = coef(j2, g->cols);
    int b1 = coef(i, g->rows), b2 = coef(i2, g->rows);
    int d[4] = {s, -a1 * a2 * s, -b1 * b2 * s, a1 * a2 * b1 * b2 * s};
    for (int k = 0; k < 4; k++) {
        int at = stats_at(g, ci[k], cj[k]);
        unsigned char m = g->mark[at] == STATS_SHOWN ? STATS_COMPLEMENT : g->mark[at];
        if (!within(g->v[at], d[k], m, t))
            return false;
    }
    return true;
}

bool stats_cell_determined(const stats_grid *g, int i, int j, int64_t t)
{
    if (!hidden(g, i, j))
        return true;
    for (int i2 = 0; i2 <= g->rows; i2++)
        for (int j2 = 0; j2 <= g->cols; j2++) {
            if (i2 == i || j2 == j || !hidden(g, i, j2) || !hidden(g, i2, j) ||
                !hidden(g, i2, j2))
                continue;
            if (rect_moves(g, i, j, i2, j2, 1, t) || rect_moves(g, i, j, i2, j2, -1, t))
                return false;
        }
    return true;
}

bool stats_grid_protected(const stats_grid *g, int64_t t)
{
    for (int i = 0; i <= g->rows; i++)
        for (int j = 0; j <= g->cols; j++)
            if (hidden(g, i, j) && stats_cell_determined(g, i, j, t))
                return false;
    return true;
}

/* A one-way line of totals (the row totals: column cols; the column totals: row rows) is
 * protected as a one-way table: a small entry alone among shown ones would be its total
 * minus the others, so the smallest entry that lets the pair move is hidden with it. */
static void protect_line(stats_grid *g, bool row_totals, int64_t t)
{
    int n = row_totals ? g->rows : g->cols;
#define LINE(k) (row_totals ? stats_at(g, (k), g->cols) : stats_at(g, g->rows, (k)))
    for (int k = 0; k < n; k++)
        if (g->v[LINE(k)] < t)
            g->mark[LINE(k)] = STATS_SMALL;
    for (int k = 0; k < n; k++) {
        if (g->mark[LINE(k)] == STATS_SHOWN)
            continue;
        bool ok = false;
        int best = -1;
        for (int q = 0; q < n && !ok; q++) {
            if (q == k)
                continue;
            unsigned char mq = g->mark[LINE(q)];
            unsigned char m2 = mq == STATS_SHOWN ? STATS_COMPLEMENT : mq;
            bool moves = (within(g->v[LINE(k)], 1, g->mark[LINE(k)], t) &&
                          within(g->v[LINE(q)], -1, m2, t)) ||
                         (within(g->v[LINE(k)], -1, g->mark[LINE(k)], t) &&
                          within(g->v[LINE(q)], 1, m2, t));
            if (!moves)
                continue;
            if (mq != STATS_SHOWN)
                ok = true;
            else if (best < 0 || g->v[LINE(q)] < g->v[LINE(best)])
                best = q;
        }
        if (!ok && best >= 0)
            g->mark[LINE(best)] = STATS_COMPLEMENT;
    }
#undef LINE
}

bool stats_suppress(stats_grid *g, int64_t t)
{
    int R = g->rows, C = g->cols, n = (R + 1) * (C + 1);
    memset(g->mark, STATS_SHOWN, (size_t)n);
    protect_line(g, true, t);
    if (C > 1)
        protect_line(g, false, t);
    else /* a one-way table: its column is its row totals */
        for (int i = 0; i < R; i++)
            g->mark[stats_at(g, i, 0)] = g->mark[stats_at(g, i, 1)];
    for (int i = 0; i < R; i++)
        for (int j = 0; j < C; j++)
            if (g->v[stats_at(g, i, j)] < t)
                g->mark[stats_at(g, i, j)] = STATS_SMALL;
    /* each hidden cell the table would still determine: the cheapest rectangle through it,
     * its shown corners (interior cells only: totals are as their one-way table) hidden */
    for (int i = 0; i <= R; i++)
        for (int j = 0; j <= C; j++) {
            if (!hidden(g, i, j) || !stats_cell_determined(g, i, j, t))
                continue;
            int bi = -1, bj = -1;
            int64_t bcost = INT64_MAX;
            for (int i2 = 0; i2 <= R; i2++)
                for (int j2 = 0; j2 <= C; j2++) {
                    if (i2 == i || j2 == j)
                        continue;
                    int ci[3] = {i, i2, i2}, cj[3] = {j2, j, j2};
                    int64_t cost = 0;
                    bool allowed = true;
                    for (int k = 0; k < 3 && allowed; k++) {
                        if (hidden(g, ci[k], cj[k]))
                            continue;
                        if (ci[k] == R || cj[k] == C)
                            allowed = false;
                        else
                            cost += g->v[stats_at(g, ci[k], cj[k])];
                    }
                    if (!allowed || cost >= bcost)
                        continue;
                    if (rect_moves(g, i, j, i2, j2, 1, t) || rect_moves(g, i, j, i2, j2, -1, t)) {
                        bcost = cost;
                        bi = i2;
                        bj = j2;
                    }
                }
            if (bi < 0) { /* nothing can protect it: publish nothing but the grand total */
                memset(g->mark, STATS_COMPLEMENT, (size_t)n);
                g->mark[n - 1] = STATS_SHOWN;
                return false;
            }
            int ci[3] = {i, bi, bi}, cj[3] = {bj, j, bj};
            for (int k = 0; k < 3; k++)
                if (!hidden(g, ci[k], cj[k]))
                    g->mark[stats_at(g, ci[k], cj[k])] = STATS_COMPLEMENT;
        }
    if (C == 1) /* keep the mirrored total column in step with the cell */
        for (int i = 0; i <= R; i++)
            g->mark[stats_at(g, i, 1)] = g->mark[stats_at(g, i, 0)];
    return stats_grid_protected(g, t);
}

/* ---- k-anonymity (pure) ----------------------------------------------------------------- */

static const char *const level_ja[STATS_LEVELS] = {
    "生年月日→年月、郵便番号→上3桁、入会年月日→年、所属施設→都道府県",
    "生年月日→年、郵便番号→上3桁、入会年月日→年、所属施設→都道府県",
    "生年月日→5年区分、郵便番号→上1桁、入会年月日→5年区分、所属施設→都道府県",
    "生年月日→10年区分、郵便番号→削除、入会年月日→10年区分、所属施設→都道府県",
    "生年月日→10年区分、郵便番号→削除、入会年月日→削除、所属施設→削除",
};
static const char *const level_en[STATS_LEVELS] = {
    "birth date to year-month, postal code to its first 3 digits, joining date to year, facility to prefecture",
    "birth date to year, postal code to its first 3 digits, joining date to year, facility to prefecture",
    "birth date to 5-year band, postal code to its first digit, joining date to 5-year band, facility to prefecture",
    "birth date to 10-year band, postal code removed, joining date to 10-year band, facility to prefecture",
    "birth date to 10-year band, postal code removed, joining date removed, facility removed",
};

const char *stats_level_text(int level, bool ja)
{
    if (level < 0 || level >= STATS_LEVELS)
        return "";
    return ja ? level_ja[level] : level_en[level];
}

static stats_anon_row generalised(stats_anon_row r, int level)
{
    if (level >= 1 && r.birth >= 0)
        r.birth /= 100;
    if (level >= 2 && r.birth >= 0)
        r.birth -= r.birth % (level >= 3 ? 10 : 5);
    if (level >= 2 && r.postal >= 0)
        r.postal = level >= 3 ? -1 : r.postal / 100;
    if (level >= 2 && r.joined >= 0)
        r.joined = level >= 4 ? -1 : r.joined - r.joined % (level >= 3 ? 10 : 5);
    if (level >= 4)
        r.prefecture = -1;
    return r;
}

void stats_generalise(stats_anon_row *rows, int64_t n, int level)
{
    for (int64_t i = 0; i < n; i++) {
        bool s = rows[i].suppressed;
        rows[i] = generalised(rows[i], level);
        rows[i].suppressed = s;
    }
}

/* The class of a row: its quasi-identifiers packed into one number. */
static uint64_t class_key(const stats_anon_row *r)
{
    return (uint64_t)(uint32_t)(r->birth + 1) << 32 | (uint64_t)(uint32_t)(r->postal + 1) << 20 |
           (uint64_t)(uint32_t)(r->joined + 1) << 6 | (uint64_t)(uint32_t)(r->prefecture + 1) << 1 |
           (uint64_t)(r->specialist & 1);
}

typedef struct keyed {
    uint64_t key;
    int64_t idx;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    return x->key < y->key ? -1 : x->key > y->key;
}

/* Sort the rows' keys at @p level (rows not suppressed); returns how many were keyed. */
static int64_t keys_at(const stats_anon_row *rows, int64_t n, int level, keyed *k)
{
    int64_t m = 0;
    for (int64_t i = 0; i < n; i++) {
        if (rows[i].suppressed)
            continue;
        stats_anon_row g = generalised(rows[i], level);
        k[m].key = class_key(&g);
        k[m].idx = i;
        m++;
    }
    qsort(k, (size_t)m, sizeof *k, cmp_keyed);
    return m;
}

/* Rows in classes smaller than @p kk; with @p mark, mark them suppressed in @p rows. */
static int64_t small_classes(stats_anon_row *rows, const keyed *k, int64_t m, int kk, bool mark)
{
    int64_t small = 0;
    for (int64_t a = 0; a < m;) {
        int64_t b = a;
        while (b < m && k[b].key == k[a].key)
            b++;
        if (b - a < kk) {
            small += b - a;
            for (int64_t x = a; mark && x < b; x++)
                rows[k[x].idx].suppressed = true;
        }
        a = b;
    }
    return small;
}

meibo_status stats_kanon(stats_anon_row *rows, int64_t n, int k, int max_suppress_permille,
                         int *level, int64_t *suppressed, meibo_err *err)
{
    if (k < 2)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "k", "k must be at least 2 (k-anonymity)");
    keyed *keys = malloc(sizeof *keys * (size_t)(n > 0 ? n : 1));
    if (!keys)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory (%" PRId64 " rows)", n);
    int lv = STATS_LEVELS - 1;
    for (int l = 0; l < STATS_LEVELS; l++) {
        int64_t m = keys_at(rows, n, l, keys);
        if (small_classes(rows, keys, m, k, false) * 1000 <= (int64_t)max_suppress_permille * n) {
            lv = l;
            break;
        }
    }
    int64_t m = keys_at(rows, n, lv, keys);
    int64_t s = small_classes(rows, keys, m, k, true);
    free(keys);
    stats_generalise(rows, n, lv);
    *level = lv;
    *suppressed = s;
    return MEIBO_OK;
}

int64_t stats_min_class(const stats_anon_row *rows, int64_t n)
{
    keyed *k = malloc(sizeof *k * (size_t)(n > 0 ? n : 1));
    if (!k)
        return -1;
    int64_t m = 0;
    for (int64_t i = 0; i < n; i++)
        if (!rows[i].suppressed) {
            k[m].key = class_key(&rows[i]);
            k[m++].idx = i;
        }
    qsort(k, (size_t)m, sizeof *k, cmp_keyed);
    int64_t min = 0;
    for (int64_t a = 0; a < m;) {
        int64_t b = a;
        while (b < m && k[b].key == k[a].key)
            b++;
        if (min == 0 || b - a < min)
            min = b - a;
        a = b;
    }
    free(k);
    return min;
}

/* ---- counting ---------------------------------------------------------------------------- */

static const char *const prefectures[47] = {
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県",
    "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県",
    "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府",
    "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
    "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県",
    "鹿児島県", "沖縄県"};

/* The prefecture an address starts with: 1–47 (JIS X 0401 order), 0 when none. */
STATIC int stats_prefecture_of(const char *addr)
{
    if (!addr)
        return 0;
    while (*addr == ' ' || !strncmp(addr, "\xE3\x80\x80", 3)) /* spaces, ideographic too */
        addr += *addr == ' ' ? 1 : 3;
    /* each name starts with a kanji, 3 bytes of UTF-8: those first, the rest only on a match
     * (a million addresses per table: make bench) */
    for (int i = 0; i < 47; i++) {
        const char *p = prefectures[i];
        if (addr[0] == p[0] && addr[1] == p[1] && addr[2] == p[2] &&
            !strncmp(addr, p, strlen(p)))
            return i + 1;
    }
    return 0;
}

static const char *const age_ja[] = {"29歳以下", "30〜39歳", "40〜49歳", "50〜59歳",
                                     "60〜69歳", "70〜79歳", "80歳以上", "不明"};
static const char *const age_en[] = {"29 or under", "30-39", "40-49", "50-59",
                                     "60-69", "70-79", "80 or over", "unknown"};

static int digits(const char *p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

/* Age band on @p as_of (YYYY-MM-DD) of a birth date: 0..6, 7 unknown. */
static int age_band(const char *birth, int birth_len, const char *as_of)
{
    int by = birth && birth_len == 10 ? digits(birth, 4) : -1;
    if (by < 0 || birth[4] != '-' || birth[7] != '-')
        return 7;
    int age = digits(as_of, 4) - by - (memcmp(as_of + 5, birth + 5, 5) < 0);
    if (age < 0)
        return 7;
    return age < 30 ? 0 : age >= 80 ? 6 : age / 10 - 2;
}

/* Categories of one dimension as met, then sorted for display. */
typedef struct cats {
    stats_dim dim;
    int n;
    char key[STATS_MAX_CATS][64];
} cats;

static int cat_index(cats *c, const char *key, meibo_err *err)
{
    for (int i = c->n - 1; i >= 0; i--)
        if (!strcmp(c->key[i], key))
            return i;
    if (c->n == STATS_MAX_CATS)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "by",
                                "more than %d categories of %s: choose another dimension",
                                STATS_MAX_CATS, stats_dim_code(c->dim)), -1;
    snprintf(c->key[c->n], sizeof c->key[0], "%s", key);
    return c->n++;
}

/* The status of a member on @p as_of: 1 active, 2 withdrawn, 3 deceased. */
static int status_on(sqlite3_stmt *s, const char *as_of)
{
    const char *status = (const char *)sqlite3_column_text(s, 1);
    if (!status || !strcmp(status, "active"))
        return 1;
    const char *wd = (const char *)sqlite3_column_text(s, 2);
    if (wd && strcmp(wd, as_of) > 0)
        return 1; /* left after the date: a member on it */
    return !strcmp(status, "withdrawn") ? 2 : 3;
}

/* The code of a member's category for @p d (0..9999; the branch is counted by its text). */
static int member_code(stats_dim d, sqlite3_stmt *s, const char *as_of, int status)
{
    switch (d) {
    case STATS_DIM_STATUS:
        return status;
    case STATS_DIM_SPECIALIST:
        return sqlite3_column_bytes(s, 4) > 0 ? 1 : 2;
    case STATS_DIM_JOINED_YEAR: {
        const char *j = (const char *)sqlite3_column_text(s, 0);
        int y = j && sqlite3_column_bytes(s, 0) >= 4 ? digits(j, 4) : -1;
        return y < 0 ? 0 : y;
    }
    case STATS_DIM_AGE_BAND:
        return age_band((const char *)sqlite3_column_text(s, 5), sqlite3_column_bytes(s, 5),
                        as_of);
    case STATS_DIM_PREFECTURE: {
        int p = stats_prefecture_of((const char *)sqlite3_column_text(s, 6));
        return p ? p : 99;
    }
    default:
        return -1;
    }
}

/* The sortable key of a category code (fixed dimensions keep their order). */
static void code_key(stats_dim d, int code, char *key, size_t len)
{
    snprintf(key, len, d == STATS_DIM_JOINED_YEAR ? "%04d" : d == STATS_DIM_PREFECTURE ? "%02d" : "%d",
             code);
}

/* The words of a category key. */
static void key_label(stats_dim d, const char *key, bool ja, char *out, size_t len)
{
    static const char *const st_ja[] = {"在籍", "退会", "逝去"}, *const st_en[] = {
        "active", "withdrawn", "deceased"};
    switch (d) {
    case STATS_DIM_BRANCH:
        text_copy_cut(out, len, !strcmp(key, "\x7f") ? (ja ? "（支部なし）" : "(none)") : key);
        break;
    case STATS_DIM_STATUS:
        snprintf(out, len, "%s", (ja ? st_ja : st_en)[(key[0] - '1') % 3]);
        break;
    case STATS_DIM_SPECIALIST:
        snprintf(out, len, "%s", key[0] == '1' ? (ja ? "専門医" : "specialist")
                                               : (ja ? "専門医でない" : "not specialist"));
        break;
    case STATS_DIM_JOINED_YEAR:
        snprintf(out, len, "%.4s%s", key, ja ? "年" : "");
        break;
    case STATS_DIM_AGE_BAND:
        snprintf(out, len, "%s", (ja ? age_ja : age_en)[digits(key, 1) & 7]);
        break;
    default: {
        int p = digits(key, 2);
        snprintf(out, len, "%s", p >= 1 && p <= 47 ? prefectures[p - 1] : ja ? "不明" : "unknown");
        break;
    }
    }
}

static int cmp_str64(const void *a, const void *b) { return strcmp(a, b); }

static const char sql_stats_rows[] =
    "SELECT joined_on, status, withdrawn_on, branch, specialist_no, birth_date, home_address "
    "FROM members INDEXED BY members_stats WHERE joined_on <= ?1";

/* Check @p spec (one or two different dimensions, the threshold, the date) into @p out's
 * dimensions, threshold (*@p t) and date. */
static meibo_status table_spec_check(meibo_ctx *ctx, const stats_spec *spec, stats_table *out,
                                     int64_t *t, meibo_err *err)
{
    if (spec->ndims < 1 || spec->ndims > 2)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "by", "count by one or two dimensions");
    for (int d = 0; d < spec->ndims; d++)
        if ((unsigned)spec->dim[d] >= STATS_DIM__COUNT)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, "by", "unknown dimension");
    if (spec->ndims == 2 && spec->dim[0] == spec->dim[1])
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "by",
                                "'%s' twice: cross two different dimensions",
                                stats_dim_code(spec->dim[0]));
    *t = spec->threshold ? spec->threshold : STATS_THRESHOLD_DEFAULT;
    if (*t < 2 || *t > 1000)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "threshold",
                                "the threshold must be 2 to 1000 (cells below it are hidden)");
    meibo_status st;
    if (spec->as_of && *spec->as_of) {
        if ((st = date_normalize(spec->as_of, "as_of", out->as_of, err)))
            return st;
    } else {
        db_today(ctx, out->as_of, sizeof out->as_of);
    }
    out->ndims = spec->ndims;
    out->threshold = *t;
    out->ja = spec->ja;
    for (int d = 0; d < spec->ndims; d++)
        out->dim[d] = spec->dim[d];
    return MEIBO_OK;
}

/* The branch last met, so that the next member of the same branch finds its category at once. */
typedef struct branch_memo {
    const char *last;
    int len, ix;
    char buf[256];
} branch_memo;

/* The category of the member on row @p s by branch (its text; "\x7f" for none); -1 when there
 * are too many (err filled). */
static int branch_index(cats *c, sqlite3_stmt *s, branch_memo *bm, meibo_err *err)
{
    const char *b = (const char *)sqlite3_column_text(s, 3);
    int bl = sqlite3_column_bytes(s, 3);
    if (bm->last && bl == bm->len && !memcmp(b, bm->buf, (size_t)bl))
        return bm->ix;
    char key[64];
    text_copy_cut(key, sizeof key, b && *b ? b : "\x7f");
    int ix = cat_index(c, key, err);
    if (ix < 0)
        return ix;
    bm->last = bm->buf;
    bm->len = bl < (int)sizeof bm->buf ? bl : -1;
    if (bm->len >= 0)
        memcpy(bm->buf, b ? b : "", (size_t)bl);
    bm->ix = ix;
    return ix;
}

/* The category of the member on row @p s by dimension @p dim, through @p map (category code ->
 * index, -1 unseen); -1 when there are too many (err filled). */
static int code_index(cats *c, int16_t *map, stats_dim dim, sqlite3_stmt *s, const char *as_of,
                      int status, meibo_err *err)
{
    int code = member_code(dim, s, as_of, status);
    int16_t *m = &map[code];
    if (*m < 0) {
        char key[64];
        code_key(dim, code, key, sizeof key);
        int k = cat_index(c, key, err);
        if (k < 0)
            return -1;
        *m = (int16_t)k;
    }
    return *m;
}

/* The one pass over the members: the categories met into @p c, the counts into @p n (by the
 * order met). Only the members of the registry on the date unless counted by status. */
static meibo_status table_tally(meibo_ctx *ctx, const stats_spec *spec, const char *as_of,
                                cats c[2], int64_t (*n)[STATS_MAX_CATS], meibo_err *err)
{
    bool by_status = false;
    for (int d = 0; d < spec->ndims; d++)
        by_status |= spec->dim[d] == STATS_DIM_STATUS;
    sqlite3_stmt *s = db_stmt(ctx, sql_stats_rows, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(s, 1, as_of, -1, SQLITE_STATIC);
    int rc;
    int16_t *map = malloc(sizeof *map * 2 * 10000); /* category code -> index, per dimension */
    if (!map) {
        sqlite3_reset(s);
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    }
    memset(map, 0xff, sizeof *map * 2 * 10000);
    branch_memo bm = {NULL, -1, 0, ""};
    bool need_status = !by_status || spec->dim[0] == STATS_DIM_STATUS ||
                       (spec->ndims == 2 && spec->dim[1] == STATS_DIM_STATUS);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int status = need_status ? status_on(s, as_of) : 1;
        if (!by_status && status != 1)
            continue; /* the members of the registry on the date */
        int ix[2] = {0, 0};
        for (int d = 0; d < spec->ndims; d++) {
            ix[d] = spec->dim[d] == STATS_DIM_BRANCH
                        ? branch_index(&c[d], s, &bm, err)
                        : code_index(&c[d], map + d * 10000, spec->dim[d], s, as_of, status, err);
            if (ix[d] < 0)
                break;
        }
        if (ix[0] < 0 || ix[1] < 0) {
            sqlite3_reset(s);
            free(map);
            return MEIBO_ERR_INVALID;
        }
        n[ix[0]][ix[1]]++;
    }
    sqlite3_reset(s);
    free(map);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "counting members");
}

/* Display order: the keys of @p c sorted into @p order (display position -> index met), their
 * words into @p out's categories; counts follow their categories. */
static void table_order(const stats_spec *spec, const cats c[2], stats_table *out,
                        int order[2][STATS_MAX_CATS])
{
    for (int d = 0; d < 2; d++) {
        char sorted[STATS_MAX_CATS][64];
        memcpy(sorted, c[d].key, sizeof sorted);
        qsort(sorted, (size_t)c[d].n, sizeof sorted[0], cmp_str64);
        for (int k = 0; k < c[d].n; k++)
            for (int m = 0; m < c[d].n; m++)
                if (!strcmp(sorted[k], c[d].key[m]))
                    order[d][k] = m;
        out->ncats[d] = c[d].n;
        for (int k = 0; d < spec->ndims && k < c[d].n; k++)
            key_label(spec->dim[d], sorted[k], spec->ja, out->cats[d][k], sizeof out->cats[d][k]);
    }
    if (spec->ndims == 1)
        snprintf(out->cats[1][0], sizeof out->cats[1][0], "%s", spec->ja ? "会員数" : "members");
}

/* The grid of @p out from the counts @p n in display order, with its row, column and grand
 * totals. */
static meibo_status table_grid(stats_table *out, int64_t (*n)[STATS_MAX_CATS],
                               int order[2][STATS_MAX_CATS], meibo_err *err)
{
    stats_grid *g = &out->grid;
    g->rows = out->ncats[0];
    g->cols = out->ncats[1];
    size_t cells = (size_t)(g->rows + 1) * (size_t)(g->cols + 1);
    g->v = calloc(cells, sizeof *g->v);
    g->mark = calloc(cells, 1);
    if (!g->v || !g->mark)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    for (int i = 0; i < g->rows; i++)
        for (int j = 0; j < g->cols; j++) {
            int64_t v = n[order[0][i]][order[1][j]];
            g->v[stats_at(g, i, j)] = v;
            g->v[stats_at(g, i, g->cols)] += v;
            g->v[stats_at(g, g->rows, j)] += v;
            g->v[stats_at(g, g->rows, g->cols)] += v;
        }
    return MEIBO_OK;
}

meibo_status stats_table_count(meibo_ctx *ctx, const stats_spec *spec, stats_table *out,
                               meibo_err *err)
{
    memset(out, 0, sizeof *out);
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "make statistics", err);
    int64_t t = 0;
    if (st || (st = table_spec_check(ctx, spec, out, &t, err)))
        return st;
    cats c[2];
    int64_t(*n)[STATS_MAX_CATS] = calloc(STATS_MAX_CATS, sizeof *n);
    if (!n)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    for (int d = 0; d < 2; d++) {
        c[d].n = 0;
        c[d].dim = spec->dim[d];
    }
    if (spec->ndims == 1)
        cat_index(&c[1], "", err);
    if ((st = table_tally(ctx, spec, out->as_of, c, n, err))) {
        free(n);
        return st;
    }
    int order[2][STATS_MAX_CATS] = {{0}};
    table_order(spec, c, out, order);
    st = table_grid(out, n, order, err);
    free(n);
    if (st) {
        stats_table_free(out);
        return st;
    }
    stats_grid *g = &out->grid;
    size_t cells = (size_t)(g->rows + 1) * (size_t)(g->cols + 1);
    out->protectable = stats_suppress(g, t);
    for (size_t k = 0; k < cells; k++) {
        if (g->cols == 1 && k % 2) /* a one-way table's mirrored total column */
            continue;
        out->suppressed_small += g->mark[k] == STATS_SMALL;
        out->suppressed_complement += g->mark[k] == STATS_COMPLEMENT;
    }
    char detail[300];
    snprintf(detail, sizeof detail, "by=%s%s%s as_of=%s threshold=%" PRId64
             " small=%d complement=%d total=%" PRId64 "%s",
             stats_dim_code(spec->dim[0]), spec->ndims == 2 ? "," : "",
             spec->ndims == 2 ? stats_dim_code(spec->dim[1]) : "", out->as_of, t,
             out->suppressed_small, out->suppressed_complement,
             g->v[cells - 1], out->protectable ? "" : " unprotectable");
    if ((st = audit_append(ctx, "stats.table", NULL, detail, err))) {
        stats_table_free(out);
        return st;
    }
    return MEIBO_OK;
}

void stats_table_free(stats_table *t)
{
    free(t->grid.v);
    free(t->grid.mark);
    t->grid.v = NULL;
    t->grid.mark = NULL;
}

const char *stats_cell_text(const stats_table *t, int i, int j, char *buf, size_t len)
{
    const stats_grid *g = &t->grid;
    int at = stats_at(g, i, j);
    if (g->mark[at] == STATS_SMALL)
        snprintf(buf, len, "<%" PRId64, t->threshold);
    else if (g->mark[at] == STATS_COMPLEMENT)
        snprintf(buf, len, "X");
    else
        snprintf(buf, len, "%" PRId64, g->v[at]);
    return buf;
}

void stats_table_title(const stats_table *t, char *buf, size_t len)
{
    bool two = t->ndims == 2;
    bool status = t->dim[0] == STATS_DIM_STATUS || (two && t->dim[1] == STATS_DIM_STATUS);
    if (!t->ja) {
        snprintf(buf, len, "Members (on %s, %s): %s%s%s", t->as_of,
                 status ? "withdrawn and deceased included" : "in the registry",
                 stats_dim_label(t->dim[0], false), two ? " x " : "",
                 two ? stats_dim_label(t->dim[1], false) : "");
        return;
    }
    snprintf(buf, len, "会員数（%s 現在、%s）: %s%s%s", t->as_of,
             status ? "退会・逝去を含む" : "在籍会員", stats_dim_label(t->dim[0], true),
             two ? " × " : "", two ? stats_dim_label(t->dim[1], true) : "");
}

void stats_table_rule(const stats_table *t, char *buf, size_t len)
{
    if (!t->ja) {
        snprintf(buf, len,
                 "Note: cells below %" PRId64 " are shown \"<%" PRId64 "\"; cells hidden so "
                 "that none of them can be worked out from the other cells and the totals are "
                 "shown \"X\" (complementary suppression). Statistics made so that no one can "
                 "be identified: no personal data (not a provision under Art. 20).",
                 t->threshold, t->threshold);
        return;
    }
    snprintf(buf, len,
             "注: %" PRId64 "未満の欄は「<%" PRId64 "」、それが他の欄・合計から逆算されないよう秘匿"
             "した欄は「X」（補完秘匿）。個人を特定できないよう加工した統計情報であり、個人データ"
             "を含まない（個人情報保護規程 第20条の照会・提供に当たらない）。",
             t->threshold, t->threshold);
}

void stats_chart_title(const stats_table *t, char *buf, size_t len)
{
    if (t->ja)
        snprintf(buf, len, "図　%s別の会員数%s", stats_dim_label(t->dim[0], true),
                 t->ndims == 2 ? "（各行の計）" : "");
    else
        snprintf(buf, len, "Figure: members by %s%s", stats_dim_label(t->dim[0], false),
                 t->ndims == 2 ? " (row totals)" : "");
}

/* the rows of a table for pdf_render_table(): each category, then the totals */
typedef struct pdf_rows {
    const stats_table *t;
    int i;
    char text[STATS_MAX_CATS + 1][24];
    const char *cells[STATS_MAX_CATS + 2];
} pdf_rows;

static int pdf_next(void *arg, const char **cells, meibo_err *err)
{
    (void)err;
    pdf_rows *r = arg;
    const stats_grid *g = &r->t->grid;
    if (r->i > g->rows)
        return 0;
    int cols = r->t->ndims == 2 ? g->cols + 1 : 1;
    cells[0] = r->i < g->rows ? r->t->cats[0][r->i] : r->t->ja ? "計" : "Total";
    for (int j = 0; j < cols; j++)
        cells[j + 1] = stats_cell_text(r->t, r->i, j, r->text[j], sizeof r->text[j]);
    r->i++;
    return 1;
}

static meibo_status pdf_rewind(void *arg, meibo_err *err)
{
    (void)err;
    ((pdf_rows *)arg)->i = 0;
    return MEIBO_OK;
}

meibo_status stats_table_pdf(const stats_table *t, const char *author, int64_t created,
                             char **out, size_t *len, meibo_err *err)
{
    const stats_grid *g = &t->grid;
    int cols = t->ndims == 2 ? g->cols + 1 : 1;
    if (cols + 1 > PDF_TABLE_MAX_COLS)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "by",
                                "%d columns do not fit on a printed page (at most %d): put %s on "
                                "the rows (--by %s,%s)", cols + 1, PDF_TABLE_MAX_COLS,
                                stats_dim_code(t->dim[1]), stats_dim_code(t->dim[1]),
                                stats_dim_code(t->dim[0]));
    const char *headers[STATS_MAX_CATS + 2];
    double widths[STATS_MAX_CATS + 2];
    const char *members = t->ja ? "会員数" : "Members", *total = t->ja ? "計" : "Total";
    headers[0] = stats_dim_label(t->dim[0], t->ja);
    widths[0] = 3;
    for (int j = 0; j < cols; j++) {
        headers[j + 1] = t->ndims == 1 ? members : j < g->cols ? t->cats[1][j] : total;
        widths[j + 1] = 1.2;
    }
    char title[300], rule[600];
    stats_table_title(t, title, sizeof title);
    stats_table_rule(t, rule, sizeof rule);
    /* the table's rows come from src; the chart's marks live in marks_text */
    pdf_rows *src = calloc(1, sizeof *src), *marks_text = calloc(1, sizeof *marks_text);
    if (!src || !marks_text) {
        free(src);
        free(marks_text);
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    }
    src->t = t;
    /* the chart: one bar per row, its total as published (a hidden total draws no bar) */
    const char *labels[STATS_MAX_CATS], *marks[STATS_MAX_CATS];
    double values[STATS_MAX_CATS];
    for (int i = 0; i < g->rows; i++) {
        int at = stats_at(g, i, g->cols);
        labels[i] = t->cats[0][i];
        marks[i] = stats_cell_text(t, i, g->cols, marks_text->text[i], sizeof marks_text->text[i]);
        values[i] = g->mark[at] == STATS_SHOWN ? (double)g->v[at] : -1;
    }
    char chart_title[200];
    stats_chart_title(t, chart_title, sizeof chart_title);
    pdf_bars bars = {.title = chart_title, .n = g->rows, .labels = labels, .values = values,
                     .marks = marks, .note = NULL}; /* the rule: the page's foot */
    pdf_table pt = {.ncols = cols + 1, .headers = headers, .widths = widths, .head = title,
                    .foot = rule, .next = pdf_next, .rewind = pdf_rewind, .arg = src,
                    .bars = &bars};
    pdf_meta meta = {.title = t->ja ? "統計情報" : "Statistics", .author = author ? author : "",
                     .created = created};
    int pages = 0;
    meibo_status st = pdf_render_table(&pt, &meta, out, len, &pages, err);
    free(src);
    free(marks_text);
    return st;
}

/* ---- anonymised data (匿名加工情報) ------------------------------------------------------ */

static const char sql_anon_rows[] =
    "SELECT m.birth_date, m.postal_code, m.joined_on, m.specialist_no, f.address, m.status, "
    "m.withdrawn_on FROM members m LEFT JOIN facilities f ON f.id = m.facility_id "
    "WHERE m.joined_on <= ?1";

static const char sql_anon_record[] =
    "INSERT INTO anon_provisions (at, by_login, recipient, as_of, items, method, k, level, rows, "
    "suppressed, recipient_id, medium) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

static const char sql_anon_info[] =
    "SELECT id, coalesce(recipient_id, 0), rows, suppressed, k, level, at, by_login, as_of, "
    "recipient, items, method, medium FROM anon_provisions WHERE ?1 = 0 OR id = ?1 ORDER BY id";

/* the medium as recorded and published (第44条 提供の方法) */
static const char anon_medium[] = "電子ファイル（CSV形式、匿名加工情報である旨と再識別の禁止を記載）";

/* the calling thread's CPU time in milliseconds (what the run reports of its parts, for make
 * bench: on a shared machine the wall clock also counts the others' work) */
static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static const char anon_items[] =
    "生年月日（加工後）、郵便番号（加工後）、入会年（加工後）、所属施設の都道府県（加工後）、専門医の有無";

/* A generalised value as written: "1980-04", "1980", "1980〜1984", "" for removed. */
static void birth_text(int32_t b, int level, char *buf, size_t len)
{
    if (b < 0)
        snprintf(buf, len, "%s", "");
    else if (level == 0)
        snprintf(buf, len, "%04d-%02d", b / 100, b % 100);
    else if (level == 1)
        snprintf(buf, len, "%04d", b);
    else
        snprintf(buf, len, "%04d〜%04d", b, b + (level >= 3 ? 9 : 4));
}

static int cmp_anon(const void *a, const void *b)
{
    uint64_t x = class_key(a), y = class_key(b);
    return x < y ? -1 : x > y;
}

/* The members of the registry on @p day, as the rows the anonymisation works on (*@p rows,
 * the caller frees; *@p n of them), in the registry's order. */
static meibo_status anon_read(meibo_ctx *ctx, const char *day, stats_anon_row **rows_out,
                              int64_t *n_out, meibo_err *err)
{
    *rows_out = NULL;
    *n_out = 0;
    sqlite3_stmt *s = db_stmt(ctx, sql_anon_rows, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(s, 1, day, -1, SQLITE_STATIC);
    int64_t n = 0, cap = 0;
    stats_anon_row *rows = NULL;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *status = (const char *)sqlite3_column_text(s, 5);
        const char *wd = (const char *)sqlite3_column_text(s, 6);
        if (status && strcmp(status, "active") && (!wd || strcmp(wd, day) <= 0))
            continue; /* the members of the registry on the day */
        if (n == cap) {
            int64_t nc = cap ? cap * 2 : 4096;
            stats_anon_row *nr = realloc(rows, sizeof *rows * (size_t)nc);
            if (!nr) {
                sqlite3_reset(s);
                free(rows);
                return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
            }
            rows = nr;
            cap = nc;
        }
        stats_anon_row *x = &rows[n++];
        memset(x, 0, sizeof *x);
        const char *bd = (const char *)sqlite3_column_text(s, 0);
        x->birth = bd && date_iso_valid(bd) ? digits(bd, 4) * 100 + digits(bd + 5, 2) : -1;
        const char *pc = (const char *)sqlite3_column_text(s, 1);
        x->postal = pc && sqlite3_column_bytes(s, 1) >= 3 ? digits(pc, 3) : -1;
        const char *jo = (const char *)sqlite3_column_text(s, 2);
        x->joined = jo && sqlite3_column_bytes(s, 2) >= 4 ? digits(jo, 4) : -1;
        const char *sp = (const char *)sqlite3_column_text(s, 3);
        x->specialist = sp && *sp;
        x->prefecture = (int16_t)stats_prefecture_of((const char *)sqlite3_column_text(s, 4));
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        free(rows);
        return db_fail(ctx, err, "reading members for anonymised data");
    }
    *rows_out = rows;
    *n_out = n;
    return MEIBO_OK;
}

/* The anonymised data as CSV to @p out: its head (what it is, for whom, its items and method,
 * 第43–45条), then the rows not suppressed, generalised to @p level. */
static meibo_status anon_write(FILE *out, const stats_anon_row *rows, int64_t n, const char *day,
                               const char *recipient, int k, int level, int64_t suppressed,
                               meibo_err *err)
{
    fprintf(out, "# 匿名加工情報（個人情報の保護に関する法律 第43条第1項）%s 時点の会員 %" PRId64 " 名から作成\n",
            day, n - suppressed);
    fprintf(out, "# 提供先: %s。本データは匿名加工情報です。他の情報と照合して本人を識別すること"
                 "（再識別）を禁じます（同法 第44条, 第45条）。\n", recipient);
    fprintf(out, "# 項目: %s（第43条第3項により公表）\n", anon_items);
    fprintf(out, "# 加工の方法: %s。氏名・会員番号・専門医番号・住所・メールアドレス・所属施設名・"
                 "自由記述は含めない。\n", stats_level_text(level, true));
    fprintf(out, "# k-匿名性: k=%d（同じ組み合わせの行が %d 行未満の %" PRId64 " 行は削除）\n", k, k,
            suppressed);
    fprintf(out, "生年月日,郵便番号上位,入会年,所属施設の都道府県,専門医\n");
    for (int64_t i = 0; i < n; i++) {
        const stats_anon_row *x = &rows[i];
        if (x->suppressed)
            continue;
        char b[32], p[8] = "", j[16] = "";
        birth_text(x->birth, level, b, sizeof b);
        if (x->postal >= 0)
            snprintf(p, sizeof p, level >= 2 ? "%d" : "%03d", x->postal);
        if (x->joined >= 0)
            snprintf(j, sizeof j, level >= 2 ? "%d〜%d" : "%d", x->joined,
                     x->joined + (level >= 3 ? 9 : 4));
        fprintf(out, "%s,%s,%s,%s,%s\n", b, p, j,
                x->prefecture > 0 ? prefectures[x->prefecture - 1] : x->prefecture == 0 ? "不明" : "",
                x->specialist ? "有" : "無");
    }
    if (fflush(out) || ferror(out))
        return meibo_fail(err, MEIBO_ERR_IO, "writing the anonymised data failed");
    return MEIBO_OK;
}

/* The provision recorded, and published in the ledger (第43条第3項): as no member's provision;
 * its number, recipient and access-log row ("stats.anonymise"). */
static meibo_status anon_record(meibo_ctx *ctx, const recipient_rec *rec, const char *day,
                                stats_anon_result *r, meibo_err *err)
{
    char now[24], detail[400];
    db_now_text(ctx, now, sizeof now);
    meibo_status st;
    if ((st = db_begin(ctx, err)))
        return st;
    sqlite3_stmt *ins = db_stmt(ctx, sql_anon_record, err);
    if (!ins) {
        db_rollback(ctx);
        return MEIBO_ERR_DB;
    }
    sqlite3_bind_text(ins, 1, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 2, ctx->login, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 3, rec->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 4, day, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 5, anon_items, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 6, stats_level_text(r->level, true), -1, SQLITE_STATIC);
    sqlite3_bind_int(ins, 7, r->k);
    sqlite3_bind_int(ins, 8, r->level);
    sqlite3_bind_int64(ins, 9, r->rows);
    sqlite3_bind_int64(ins, 10, r->suppressed);
    sqlite3_bind_int64(ins, 11, rec->id);
    sqlite3_bind_text(ins, 12, anon_medium, -1, SQLITE_STATIC);
    int rc = sqlite3_step(ins);
    sqlite3_reset(ins);
    if (rc != SQLITE_DONE) {
        st = db_fail(ctx, err, "recording the anonymised data");
        db_rollback(ctx);
        return st;
    }
    r->id = sqlite3_last_insert_rowid(ctx->db);
    r->recipient_id = rec->id;
    snprintf(r->recipient, sizeof r->recipient, "%s", rec->name);
    snprintf(detail, sizeof detail, "id=%" PRId64 " recipient=%" PRId64 " (%.120s) as_of=%s k=%d "
             "level=%d rows=%" PRId64 " suppressed=%" PRId64, r->id, rec->id, rec->name, day,
             r->k, r->level, r->rows, r->suppressed);
    if ((st = audit_append(ctx, "stats.anonymise", NULL, detail, err)) || (st = db_commit(ctx, err))) {
        db_rollback(ctx);
        return st;
    }
    return MEIBO_OK;
}

meibo_status stats_anon_run(meibo_ctx *ctx, const char *as_of, int k, const char *recipient,
                            FILE *out, stats_anon_result *r, meibo_err *err)
{
    memset(r, 0, sizeof *r);
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CHIEF,
                                   "make anonymised data for a third party (規程 第16条)", err);
    if (st)
        return st;
    if (!recipient || !*recipient)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "recipient",
                                "name the recipient of the anonymised data (第43条第3項, 第44条)");
    /* through the recipient register and its gate (第20条第3–4項): a recipient chosen from the
     * register, never free text; a forbidden category, the chief officer's deny-list
     * ((d)) and an unclear identity ((a)) refuse. 匿名加工情報 is no member's personal data,
     * so no item, purpose or pledge of decide_inquiry() is asked (第43–45条 are, below). */
    recipient_rec rec;
    decide_result gate;
    if ((st = recipient_resolve(ctx, recipient, "recipient", &rec, err)) ||
        (st = recipient_gate(ctx, &rec, NULL, &gate, err)))
        return st;
    if (k == 0)
        k = STATS_K_DEFAULT;
    if (k < 2 || k > 1000)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "k", "k must be 2 to 1000");
    char day[11];
    if (as_of && *as_of) {
        if ((st = date_normalize(as_of, "as_of", day, err)))
            return st;
    } else {
        db_today(ctx, day, sizeof day);
    }
    double t0 = cpu_ms();
    int64_t n;
    stats_anon_row *rows;
    if ((st = anon_read(ctx, day, &rows, &n, err)))
        return st;
    int level;
    int64_t suppressed;
    double t1 = cpu_ms();
    r->read_ms = t1 - t0;
    st = stats_kanon(rows, n, k, 10, &level, &suppressed, err);
    r->kcheck_ms = cpu_ms() - t1;
    if (st) {
        free(rows);
        return st;
    }
    /* the class order, never the registry's: a row's place says nothing about who it is */
    if (n > 0)
        qsort(rows, (size_t)n, sizeof *rows, cmp_anon);
    st = anon_write(out, rows, n, day, rec.name, k, level, suppressed, err);
    free(rows);
    if (st)
        return st;
    r->rows = n - suppressed;
    r->suppressed = suppressed;
    r->level = level;
    r->k = k;
    return anon_record(ctx, &rec, day, r, err);
}

/* ---- the provisions of anonymised data, as published (第43条第3項, 第44条) ------------------- */

static void anon_info_read(sqlite3_stmt *s, stats_anon_info *a)
{
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(s, 0);
    a->recipient_id = sqlite3_column_int64(s, 1);
    a->rows = sqlite3_column_int64(s, 2);
    a->suppressed = sqlite3_column_int64(s, 3);
    a->k = sqlite3_column_int(s, 4);
    a->level = sqlite3_column_int(s, 5);
#define ANON_COPY(field, i) text_copy_cut(a->field, sizeof a->field, \
                                          (const char *)sqlite3_column_text(s, i))
    ANON_COPY(at, 6);
    ANON_COPY(by_login, 7);
    ANON_COPY(as_of, 8);
    ANON_COPY(recipient, 9);
    ANON_COPY(items, 10);
    ANON_COPY(method, 11);
    ANON_COPY(medium, 12);
#undef ANON_COPY
}

/* Each provision (@p id 0) or the one @p id; *found the count. */
static meibo_status anon_rows(meibo_ctx *ctx, int64_t id, stats_anon_fn fn, void *arg,
                              stats_anon_info *one, int *found, meibo_err *err)
{
    *found = 0;
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read the provisions of anonymised data",
                                   err);
    if (st)
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_anon_info, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        stats_anon_info a;
        anon_info_read(s, &a);
        ++*found;
        if (one)
            *one = a;
        if (fn && fn(&a, arg)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "reading anon_provisions");
}

meibo_status stats_anon_list(meibo_ctx *ctx, stats_anon_fn fn, void *arg, meibo_err *err)
{
    int n;
    return anon_rows(ctx, 0, fn, arg, NULL, &n, err);
}

meibo_status stats_anon_get(meibo_ctx *ctx, int64_t id, stats_anon_info *out, meibo_err *err)
{
    int n;
    if (id <= 0)
        return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "id",
                                "there is no provision of anonymised data %" PRId64, id);
    meibo_status st = anon_rows(ctx, id, NULL, NULL, out, &n, err);
    if (!st && !n)
        st = meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "id",
                              "there is no provision of anonymised data %" PRId64, id);
    return st;
}

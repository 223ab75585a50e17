/* stats.c: statistics (統計情報) with small-cell and complementary suppression, and
 * anonymised data (匿名加工情報, 個人情報保護法 第43–45条) made k-anonymous. */
#include "meibo/stats.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/date.h"

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
    for (int i = 0; s && i < STATS_DIM__COUNT; i++)
        if (!strcmp(s, dims[i].code))
            return i;
    return -1;
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

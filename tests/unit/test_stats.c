/* test_stats.c: statistics that identify nobody (rules 000 §7 統計データ; 002 統計情報) and
 * anonymised data made k-anonymous (個人情報保護法 第43条第1項; rules 002, 004).
 *
 * The suppression tests check the property itself with an independent oracle: every table of
 * integers that agrees with what is published (shown cells, shown totals, "<5" = 0..4,
 * "X" = at least 5) is enumerated, and no hidden cell may take one value in all of them. */
#include "helpers.h"

#include "meibo/stats.h"

#define T 5

typedef struct grid33 {
    stats_grid g;
    int64_t v[16];
    unsigned char mark[16];
} grid33;

/* A rows × cols table (at most 3 × 3) from its interior cells, totals computed. */
static void grid_make(grid33 *x, int rows, int cols, const int64_t *cells)
{
    memset(x, 0, sizeof *x);
    x->g.rows = rows;
    x->g.cols = cols;
    x->g.v = x->v;
    x->g.mark = x->mark;
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++) {
            int64_t c = cells[i * cols + j];
            x->v[stats_at(&x->g, i, j)] = c;
            x->v[stats_at(&x->g, i, cols)] += c;
            x->v[stats_at(&x->g, rows, j)] += c;
            x->v[stats_at(&x->g, rows, cols)] += c;
        }
}

typedef struct oracle {
    const stats_grid *g;
    int hid[16], nhid;
    int64_t val[16];
    int64_t lo[16], hi[16];   /* values each cell took over all consistent tables */
    int64_t found;
} oracle;

static bool bound_ok(unsigned char m, int64_t x)
{
    return m == STATS_SMALL ? x >= 0 && x < T : x >= T;
}

static void oracle_check(oracle *o)
{
    const stats_grid *g = o->g;
    int R = g->rows, C = g->cols;
    int64_t cell[16];
    for (int k = 0; k < (R + 1) * (C + 1); k++)
        cell[k] = g->v[k];
    for (int h = 0; h < o->nhid; h++)
        cell[o->hid[h]] = o->val[h];
    int64_t grand = 0;
    for (int i = 0; i < R; i++) {
        int64_t s = 0;
        for (int j = 0; j < C; j++)
            s += cell[stats_at(g, i, j)];
        int at = stats_at(g, i, C);
        if (g->mark[at] == STATS_SHOWN ? s != g->v[at] : !bound_ok(g->mark[at], s))
            return;
        cell[at] = s;
        grand += s;
    }
    for (int j = 0; j < C; j++) {
        int64_t s = 0;
        for (int i = 0; i < R; i++)
            s += cell[stats_at(g, i, j)];
        int at = stats_at(g, R, j);
        if (g->mark[at] == STATS_SHOWN ? s != g->v[at] : !bound_ok(g->mark[at], s))
            return;
        cell[at] = s;
    }
    if (grand != g->v[stats_at(g, R, C)])
        return;
    o->found++;
    for (int k = 0; k < (R + 1) * (C + 1); k++) {
        if (o->found == 1 || cell[k] < o->lo[k])
            o->lo[k] = cell[k];
        if (o->found == 1 || cell[k] > o->hi[k])
            o->hi[k] = cell[k];
    }
}

/* What a table consistent with the published one can hold in a cell at most: its row's
 * and its column's total as published (a shown total, "<5" at most 4, else the grand total). */
static int64_t cell_max(const stats_grid *g, int at)
{
    int i = at / (g->cols + 1), j = at % (g->cols + 1);
    int64_t grand = g->v[stats_at(g, g->rows, g->cols)], max = grand;
    int tot[2] = {stats_at(g, i, g->cols), stats_at(g, g->rows, j)};
    for (int k = 0; k < 2; k++) {
        int64_t b = g->mark[tot[k]] == STATS_SHOWN ? g->v[tot[k]]
                    : g->mark[tot[k]] == STATS_SMALL ? T - 1 : grand;
        max = b < max ? b : max;
    }
    return max;
}

static void oracle_walk(oracle *o, int h, int64_t max)
{
    if (h == o->nhid) {
        oracle_check(o);
        return;
    }
    unsigned char m = o->g->mark[o->hid[h]];
    int64_t hi = m == STATS_SMALL ? T - 1 : cell_max(o->g, o->hid[h]);
    for (int64_t x = m == STATS_SMALL ? 0 : T; x <= hi && x <= max; x++) {
        o->val[h] = x;
        oracle_walk(o, h + 1, max);
    }
}

/* The hidden cells (interior or totals) that every consistent table gives one value: -1 for
 * none, else the index of the first. */
static int oracle_first_determined(const stats_grid *g)
{
    oracle o = {.g = g};
    int R = g->rows, C = g->cols;
    int64_t max = g->v[stats_at(g, R, C)];
    for (int i = 0; i < R; i++)
        for (int j = 0; j < C; j++)
            if (g->mark[stats_at(g, i, j)] != STATS_SHOWN)
                o.hid[o.nhid++] = stats_at(g, i, j);
    oracle_walk(&o, 0, max);
    assert_true(o.found >= 1); /* the real table is one of them */
    for (int k = 0; k < (R + 1) * (C + 1); k++)
        if (g->mark[k] != STATS_SHOWN && o.lo[k] == o.hi[k])
            return k;
    return -1;
}

/* The naive rule (cells below 5 shown "<5", nothing more) leaks a 1-member cell through the
 * row total: 12 - 4 - 7 = 1. Complementary suppression closes it (rules 000 §7). */
static void test_naive_rule_leaks_through_totals(void **state)
{
    (void)state;
    static const int64_t cells[] = {1, 4 + 1, 6, /* row 0: 1, 5, 6 */
                                    7, 8, 9,
                                    10, 11, 12};
    grid33 x;
    grid_make(&x, 3, 3, cells);
    memset(x.mark, STATS_SHOWN, sizeof x.mark);
    x.mark[stats_at(&x.g, 0, 0)] = STATS_SMALL; /* naive: only the small cell */
    assert_true(stats_cell_determined(&x.g, 0, 0, T));
    assert_int_equal(oracle_first_determined(&x.g), stats_at(&x.g, 0, 0));

    assert_true(stats_suppress(&x.g, T));
    assert_int_equal(x.mark[stats_at(&x.g, 0, 0)], STATS_SMALL);
    assert_true(stats_grid_protected(&x.g, T));
    assert_int_equal(oracle_first_determined(&x.g), -1);
    /* a complement in the small cell's row and one in its column */
    int row = 0, col = 0;
    for (int j = 1; j < 3; j++)
        row += x.mark[stats_at(&x.g, 0, j)] == STATS_COMPLEMENT;
    for (int i = 1; i < 3; i++)
        col += x.mark[stats_at(&x.g, i, 0)] == STATS_COMPLEMENT;
    assert_true(row >= 1 && col >= 1);
}

/* Two small cells in one row can still be pinned by the bounds: "<5" and "<5" summing to 8
 * are 4 and 4. The rule sees the bounds, not only the totals. */
static void test_bounds_pin_cells(void **state)
{
    (void)state;
    static const int64_t cells[] = {4, 4, 20, 30, 30, 30, 40, 40, 40};
    grid33 x;
    grid_make(&x, 3, 3, cells);
    memset(x.mark, STATS_SHOWN, sizeof x.mark);
    x.mark[stats_at(&x.g, 0, 0)] = STATS_SMALL;
    x.mark[stats_at(&x.g, 0, 1)] = STATS_SMALL;
    x.mark[stats_at(&x.g, 1, 0)] = STATS_COMPLEMENT;
    x.mark[stats_at(&x.g, 1, 1)] = STATS_COMPLEMENT;
    /* 4 can only go down, and then its row partner 4 goes up to 5: not "<5" */
    assert_true(stats_cell_determined(&x.g, 0, 0, T));
    assert_int_equal(oracle_first_determined(&x.g), stats_at(&x.g, 0, 0));
    assert_true(stats_suppress(&x.g, T));
    assert_int_equal(oracle_first_determined(&x.g), -1);
}

/* A 1-member cell, whose total row is small as well: the totals are protected as their one-way
 * table is, and nothing in the table pins the member down. */
static void test_one_member_cell_and_small_total(void **state)
{
    (void)state;
    static const int64_t cells[] = {1, 0, 0, 9, 8, 7, 6, 5, 12};
    grid33 x;
    grid_make(&x, 3, 3, cells);
    assert_true(stats_suppress(&x.g, T));
    assert_int_equal(x.mark[stats_at(&x.g, 0, 3)], STATS_SMALL); /* row total 1 */
    assert_int_equal(oracle_first_determined(&x.g), -1);
}

/* Differencing a one-way table and a two-way table: the two-way table's totals are hidden
 * exactly as the one-way table of that dimension hides them, so putting the two side by side
 * reveals nothing the two-way table alone does not (and it reveals nothing). */
static void test_differencing_one_way_and_two_way(void **state)
{
    (void)state;
    static const int64_t cells[] = {2, 3, 40, 6, 7, 8, 30, 31, 32};
    grid33 two;
    grid_make(&two, 3, 3, cells);
    assert_true(stats_suppress(&two.g, T));
    assert_int_equal(oracle_first_determined(&two.g), -1);

    int64_t rows[3];
    for (int i = 0; i < 3; i++)
        rows[i] = two.v[stats_at(&two.g, i, 3)];
    grid33 one;
    grid_make(&one, 3, 1, rows);
    assert_true(stats_suppress(&one.g, T));
    for (int i = 0; i <= 3; i++)
        assert_int_equal(one.mark[stats_at(&one.g, i, 1)], two.mark[stats_at(&two.g, i, 3)]);
    int64_t cols[3];
    for (int j = 0; j < 3; j++)
        cols[j] = two.v[stats_at(&two.g, 3, j)];
    grid_make(&one, 3, 1, cols);
    assert_true(stats_suppress(&one.g, T));
    for (int j = 0; j < 3; j++)
        assert_int_equal(one.mark[stats_at(&one.g, j, 1)], two.mark[stats_at(&two.g, 3, j)]);
}

/* A one-way table with one small entry: its total would give it away, so a second entry is
 * hidden ("X"). */
static void test_one_way_complement(void **state)
{
    (void)state;
    static const int64_t cells[] = {3, 50, 9};
    grid33 x;
    grid_make(&x, 3, 1, cells);
    assert_true(stats_suppress(&x.g, T));
    assert_int_equal(x.mark[stats_at(&x.g, 0, 0)], STATS_SMALL);
    assert_int_equal(x.mark[stats_at(&x.g, 2, 0)], STATS_COMPLEMENT); /* the smaller one */
    assert_int_equal(x.mark[stats_at(&x.g, 1, 0)], STATS_SHOWN);
    assert_int_equal(oracle_first_determined(&x.g), -1);
}

static uint64_t rng = 88172645463325252ULL;
static int64_t rnd(int64_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (int64_t)(rng % (uint64_t)n);
}

/* Many random tables with small cells (synthetic): after the rule, the oracle finds no hidden
 * cell with one value, or the rule said the table cannot be published. */
static void test_random_tables_protected(void **state)
{
    (void)state;
    int published = 0;
    for (int n = 0; n < 300; n++) {
        int rows = 2 + (int)rnd(2), cols = 2 + (int)rnd(2);
        int64_t cells[9];
        for (int k = 0; k < rows * cols; k++)
            cells[k] = rnd(3) == 0 ? rnd(5) : 5 + rnd(6);
        grid33 x;
        grid_make(&x, rows, cols, cells);
        bool ok = stats_suppress(&x.g, T);
        for (int k = 0; k < (rows + 1) * (cols + 1); k++)
            if (x.v[k] < T && k != (rows + 1) * (cols + 1) - 1)
                assert_int_not_equal(x.mark[k], STATS_SHOWN);
        if (!ok)
            continue;
        published++;
        int bad = oracle_first_determined(&x.g);
        if (bad >= 0)
            fail_msg("table %d (%dx%d): cell %d determined", n, rows, cols, bad);
    }
    assert_true(published > 200);
}

/* ---- k-anonymity ------------------------------------------------------------------------ */

static stats_anon_row member_row(int64_t i)
{
    stats_anon_row r = {0};
    r.birth = (int32_t)((1950 + rnd(45)) * 100 + 1 + rnd(12));
    r.postal = (int32_t)(100 + rnd(50));
    r.joined = (int32_t)(1990 + rnd(35));
    r.prefecture = (int16_t)(1 + rnd(5));
    r.specialist = (int16_t)(i % 3 == 0);
    return r;
}

/* Synthetic members, with outliers that are unique on every level (a 1920 birth, a lone
 * postal area): afterwards no row is unique, every class has at least k rows. */
static void test_kanon_no_row_unique(void **state)
{
    (void)state;
    meibo_err err;
    meibo_err_clear(&err);
    int64_t n = 20000;
    stats_anon_row *rows = calloc((size_t)n, sizeof *rows);
    assert_non_null(rows);
    for (int64_t i = 0; i < n; i++)
        rows[i] = member_row(i);
    rows[7].birth = 192001;
    rows[7].postal = 999;
    rows[8].prefecture = 47;
    int level = -1;
    int64_t suppressed = -1;
    assert_ok(stats_kanon(rows, n, 5, 10, &level, &suppressed, &err), &err);
    assert_true(level >= 0 && level < STATS_LEVELS);
    assert_true(stats_min_class(rows, n) >= 5);
    assert_true(suppressed * 1000 <= 10 * n);
    assert_true(rows[7].suppressed); /* the 1920 birth stays unique at any level but the last */
    int64_t left = 0;
    for (int64_t i = 0; i < n; i++)
        left += !rows[i].suppressed;
    assert_int_equal(left + suppressed, n);
    free(rows);
}

/* Every row unique at the start (a small set): generalised to the last level or suppressed,
 * still no class below k; k below 2 is no anonymity and refused. */
static void test_kanon_small_set(void **state)
{
    (void)state;
    meibo_err err;
    meibo_err_clear(&err);
    stats_anon_row rows[12];
    for (int i = 0; i < 12; i++)
        rows[i] = member_row(i);
    int level;
    int64_t suppressed;
    assert_ok(stats_kanon(rows, 12, 5, 0, &level, &suppressed, &err), &err);
    int64_t min = stats_min_class(rows, 12);
    assert_true(min == 0 || min >= 5);
    assert_int_equal(stats_kanon(rows, 12, 1, 0, &level, &suppressed, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "k");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_naive_rule_leaks_through_totals),
        cmocka_unit_test(test_bounds_pin_cells),
        cmocka_unit_test(test_one_member_cell_and_small_total),
        cmocka_unit_test(test_differencing_one_way_and_two_way),
        cmocka_unit_test(test_one_way_complement),
        cmocka_unit_test(test_random_tables_protected),
        cmocka_unit_test(test_kanon_no_row_unique),
        cmocka_unit_test(test_kanon_small_set),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

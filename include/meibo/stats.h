/**
 * @file stats.h
 * @brief Statistics (統計情報) and anonymised data (匿名加工情報) that identify nobody.
 *
 * Statistics are counts of members by one or two dimensions (branch, status, specialist
 * yes/no, joining year, age band, prefecture) on a date. They are made "個人を特定できないよう
 * 加工した統計データ" (rules 000 §7; 002 統計情報): a cell below the threshold (default 5) is
 * shown as "<5", and further cells are suppressed (complementary suppression, shown "X") until
 * no hidden cell can be derived from the shown cells, the row and column totals and the bounds
 * the marks themselves reveal ("<5" is 0–4, "X" is at least 5). Margins are suppressed as the
 * one-way table of their dimension is, so a one-way and a two-way table never disagree on what
 * they hide (a differencing attack between them finds nothing).
 *
 * Anonymised data (個人情報保護法 第43条; rules 002, 004): one row per member with its
 * quasi-identifiers generalised — birth date to year-month, postal code to its first three
 * digits, joining date to its year, facility to its prefecture — and nothing else (no name,
 * number, address, e-mail or free text). Before anything is written the set is made k-anonymous
 * (default k = 5): the coarsest needed step of a fixed generalisation ladder is taken, and rows
 * still in a class smaller than k are suppressed. stats_kanon() is that rule, pure.
 *
 * The suppression and k-anonymity rules are pure functions (no I/O); stats_table_count() and
 * stats_anon_run() read the database, check the role and write the access log.
 */
#ifndef MEIBO_STATS_H
#define MEIBO_STATS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "meibo/db.h"

#define STATS_THRESHOLD_DEFAULT 5 /**< cells below it are shown "<5" */
#define STATS_K_DEFAULT 5         /**< k of k-anonymity */
#define STATS_MAX_CATS 100        /**< categories of one dimension (years joined, 47 prefectures) */

/** @brief The dimensions a table may count by. */
#define STATS_DIMS(D)                                                            \
    D(BRANCH, "branch", "支部", "Branch")                                        \
    D(STATUS, "status", "状態", "Status")                                        \
    D(SPECIALIST, "specialist", "専門医", "Specialist")                          \
    D(JOINED_YEAR, "joined_year", "入会年", "Year joined")                       \
    D(AGE_BAND, "age_band", "年齢層", "Age band")                                \
    D(PREFECTURE, "prefecture", "都道府県", "Prefecture")

typedef enum stats_dim {
#define STATS_D_ENUM(id, code, ja, en) STATS_DIM_##id,
    STATS_DIMS(STATS_D_ENUM)
#undef STATS_D_ENUM
    STATS_DIM__COUNT
} stats_dim;

/** @brief Canonical code of a dimension ("branch"). */
const char *stats_dim_code(stats_dim d);

/** @brief Its heading, in Japanese (@p ja) or English. */
const char *stats_dim_label(stats_dim d, bool ja);

/** @brief Parse a dimension code; -1 when unknown. */
int stats_dim_parse(const char *s);

/** @brief How a cell of a published table is shown. */
typedef enum stats_mark {
    STATS_SHOWN = 0,      /**< the count itself */
    STATS_SMALL = 1,      /**< below the threshold: "<5" (primary suppression) */
    STATS_COMPLEMENT = 2  /**< hidden so that no "<5" cell can be derived: "X" */
} stats_mark;

/**
 * @brief A table on its extended grid: (rows + 1) × (cols + 1) values, row-major; row @p rows
 * holds the column totals, column @p cols the row totals, the last cell the grand total.
 * A one-way table has cols == 1 (its total column repeats the cell). Owned by the caller.
 */
typedef struct stats_grid {
    int rows, cols;
    int64_t *v;            /**< (rows+1)*(cols+1) counts */
    unsigned char *mark;   /**< (rows+1)*(cols+1) stats_mark, filled by stats_suppress() */
} stats_grid;

/** @brief The index of cell (@p i, @p j) of @p g's extended grid. */
static inline int stats_at(const stats_grid *g, int i, int j) { return i * (g->cols + 1) + j; }

/**
 * @brief The suppression rule, pure: every cell (totals included, the grand total excepted)
 * below @p threshold is marked STATS_SMALL; the row and the column totals are each protected
 * as a one-way table; then, for each hidden cell that the published table would determine, the
 * cheapest set of interior cells is marked STATS_COMPLEMENT so that another table, equal in
 * every shown cell and total and within every mark's bounds, differs in it. Fills g->mark.
 * @return false when the table cannot be protected at all (e.g. a single row or column with a
 * small cell): then nothing may be published and every cell but the grand total is hidden
 */
bool stats_suppress(stats_grid *g, int64_t threshold);

/**
 * @brief Is the hidden cell (@p i, @p j) determined by what @p g publishes (shown values,
 * totals, and the bounds of the marks: "<t" is 0..t-1, "X" at least t)? false when a move
 * along a rectangle of hidden cells keeps every constraint and changes it. For tests and
 * for the check stats_table_count() makes before anything is shown.
 */
bool stats_cell_determined(const stats_grid *g, int i, int j, int64_t threshold);

/** @brief No hidden cell of @p g is determined (stats_cell_determined() for every one). */
bool stats_grid_protected(const stats_grid *g, int64_t threshold);

/** @brief A counted, suppressed table. Owned by the caller: stats_table_free(). */
typedef struct stats_table {
    stats_dim dim[2];
    int ndims;                               /**< 1 or 2 */
    char as_of[11];                          /**< the date counted on */
    int64_t threshold;
    int ncats[2];
    char cats[2][STATS_MAX_CATS][64];        /**< category labels, display order */
    stats_grid grid;
    int suppressed_small, suppressed_complement;
    bool protectable;
    bool ja;                                 /**< title, rule and words in Japanese */
} stats_table;

/** @brief What to count. */
typedef struct stats_spec {
    stats_dim dim[2];
    int ndims;            /**< 1 or 2 */
    const char *as_of;    /**< "YYYY-MM-DD" (西暦 or 和暦); NULL = today */
    int64_t threshold;    /**< 0 = STATS_THRESHOLD_DEFAULT; at least 2 */
    bool ja;              /**< category words in Japanese */
} stats_spec;

/**
 * @brief Count members on the date (joined on or before it; status as on that date) by the
 * dimensions, and suppress (clerk or above: the output holds no personal data, so it needs
 * no pledge; the run is audited "stats.table" with the dimensions, the date and the rule).
 */
meibo_status stats_table_count(meibo_ctx *ctx, const stats_spec *spec, stats_table *out,
                               meibo_err *err);

/** @brief Free what stats_table_count() allocated (the struct itself is the caller's). */
void stats_table_free(stats_table *t);

/** @brief A cell as published: the count, "<5" or "X". @p buf at least 24 bytes. */
const char *stats_cell_text(const stats_table *t, int i, int j, char *buf, size_t len);

/** @brief The heading of a table's output ("会員数（… 現在、在籍会員）: 支部 × 年齢層"; in
 * English when the table was counted with spec.ja false). */
void stats_table_title(const stats_table *t, char *buf, size_t len);

/** @brief The rule as stated under every table (threshold, "<5", "X", what it rests on). */
void stats_table_rule(const stats_table *t, char *buf, size_t len);

/** @brief The heading of the bar chart ("図　支部別の会員数（各行の計）"). */
void stats_chart_title(const stats_table *t, char *buf, size_t len);

/**
 * @brief The table as a printed A4 page (pdf_render_table(): IPAex Mincho embedded), the
 * title at the top and the rule at the foot of every page, then a page with a bar chart of
 * the rows' totals as published (Cairo; a hidden total draws no bar, only its mark) and the
 * rule under it. *out is malloc'd, the caller's.
 * @param created the PDF's creation date (Unix seconds; pinned in tests)
 */
meibo_status stats_table_pdf(const stats_table *t, const char *author, int64_t created,
                             char **out, size_t *len, meibo_err *err);

/**
 * @brief The table as an xlsx workbook (libxlsxwriter): the title and the rule above the
 * table, shown counts as numbers, "<5" and "X" as text, the totals in bold, a bar chart of
 * the rows' totals beside it; A4 landscape, one page wide. Written in a private temporary
 * folder and read back: *out is malloc'd, the caller's (who writes it where the clerk said).
 * @param created the workbook's creation date (Unix seconds; pinned in tests)
 */
meibo_status stats_table_xlsx(const stats_table *t, const char *author, int64_t created,
                              char **out, size_t *len, meibo_err *err);

/* ---- anonymised data (匿名加工情報) ------------------------------------------------------ */

#define STATS_QI 5 /**< quasi-identifiers of an anonymised row */

/** @brief One row of anonymised data: its quasi-identifiers, as generalised values. */
typedef struct stats_anon_row {
    int32_t birth;       /**< YYYYMM (level 0), YYYY, 5-year band start, 10-year, or -1 none */
    int32_t postal;      /**< first 3 digits (0–999), then first 1, or -1 none/hidden */
    int32_t joined;      /**< year, then 5-year band start, or -1 */
    int16_t prefecture;  /**< of the facility: 1–47, 0 unknown, -1 hidden */
    int16_t specialist;  /**< 1 yes, 0 no */
    bool suppressed;     /**< left out: in a class smaller than k */
} stats_anon_row;

/** @brief The generalisation steps of the ladder, in order (the first is the least). */
#define STATS_LEVELS 5

/** @brief Words of a level's transformations ("生年月日→年月、郵便番号→上3桁、…"). */
const char *stats_level_text(int level, bool ja);

/**
 * @brief Generalise @p rows to @p level in place (from level-0 values: YYYYMM birth, 3-digit
 * postal code, joining year, prefecture). Pure.
 */
void stats_generalise(stats_anon_row *rows, int64_t n, int level);

/**
 * @brief The k-anonymity rule, pure: from level-0 @p rows, take the first level of the ladder
 * at which at most @p max_suppress_permille of the rows fall in classes smaller than @p k
 * (the last level otherwise), generalise to it, and mark every row of a class smaller than k
 * suppressed. Afterwards every class of rows not suppressed has at least k rows.
 * @param level receives the level taken; @param suppressed the rows suppressed
 */
meibo_status stats_kanon(stats_anon_row *rows, int64_t n, int k, int max_suppress_permille,
                         int *level, int64_t *suppressed, meibo_err *err);

/** @brief The smallest class of rows not suppressed (0 when none is left). Pure; for tests. */
int64_t stats_min_class(const stats_anon_row *rows, int64_t n);

/** @brief What an anonymised run made. */
typedef struct stats_anon_result {
    int64_t rows, suppressed;
    int level, k;
    int64_t id;              /**< its row of anon_provisions (the cover letter's number) */
    int64_t recipient_id;    /**< the recipient of the register */
    char recipient[404];     /**< its name as letters write it */
    double read_ms, kcheck_ms; /**< CPU time reading the members; of the k-check (stats_kanon()) */
} stats_anon_result;

/**
 * @brief Make the anonymised data of the members active on @p as_of (NULL = today) and write
 * it as CSV to @p out: header lines stating that it is 匿名加工情報 (第43条), k, the
 * transformations and the rows suppressed, and that the recipient must not re-identify anyone
 * (第44条, 第45条), then the rows. The chief officer only (規程 第16条: data leaving meibo).
 * @p recipient names a recipient of the register (its number or its name,
 * recipient_resolve()), which the gate must let receive (recipient_gate(): a forbidden
 * category, the deny-list, an unclear identity refuse, 第20条第3–4項) before anything is read.
 * Recorded in anon_provisions with the recipient, the items, the method and the medium
 * (第43条第3項, 第44条: published in the ledger) and audited "stats.anonymise", with no
 * member's number: it is not a provision of any member's personal data.
 */
meibo_status stats_anon_run(meibo_ctx *ctx, const char *as_of, int k, const char *recipient,
                            FILE *out, stats_anon_result *r, meibo_err *err);

/** @brief A provision of anonymised data as recorded (anon_provisions), a value. */
typedef struct stats_anon_info {
    int64_t id, recipient_id, rows, suppressed;
    int k, level;
    char at[32], by_login[64], as_of[11];
    char recipient[404];     /**< the name recorded (the register's name at the time) */
    char items[600], method[600], medium[200];
} stats_anon_info;

typedef int (*stats_anon_fn)(const stats_anon_info *a, void *arg); /* non-zero stops */

/** @brief Every provision of anonymised data, oldest first (clerk or above: what the ledger
 * publishes, 第43条第3項; no personal data). */
meibo_status stats_anon_list(meibo_ctx *ctx, stats_anon_fn fn, void *arg, meibo_err *err);

/** @brief Provision @p id. MEIBO_ERR_NOT_FOUND when there is none. */
meibo_status stats_anon_get(meibo_ctx *ctx, int64_t id, stats_anon_info *out, meibo_err *err);

#ifdef TESTING
/** @brief The prefecture an address starts with: 1–47 (JIS X 0401 order), 0 when none. */
int stats_prefecture_of(const char *addr);
#endif

#endif

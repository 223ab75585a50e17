/* test_stats_db.c: statistics and anonymised data against a database of synthetic members.
 * - anonymised data goes only to a recipient of the register that its gate lets receive
 *   (個人情報保護規程 第20条第3–4項): an unregistered name and a 名簿業者 (第20条第4項(b)) get
 *   nothing and leave no record; a registered research body's provision is recorded with its
 *   recipient and medium (個人情報保護法 第43条第3項, 第44条), and no output row is unique on its
 *   quasi-identifiers (k-anonymity, 第43条第1項);
 * - a table's printed page (a PDF with its bar chart) and its workbook (xlsx) are made, and
 *   the title and the rule read in English when the table is counted so. */
#include "helpers.h"

#include "meibo/auth.h"
#include "meibo/db.h"
#include "meibo/demo.h"
#include "meibo/recipient.h"
#include "meibo/stats.h"
#include "meibo/users.h"

typedef struct fx {
    char *path;
    meibo_ctx *ctx;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    meibo_err err;
    f->path = test_tmp_db();
    if (db_open(f->path, DB_OPEN_CREATE, &f->ctx, &err))
        return -1;
    db_act_as_system(f->ctx);
    user_new chief = {"kanri", "事務局長", MEIBO_ROLE_CHIEF, "chief-pass-1", NULL, false,
                      "2000-04-01", NULL};
    demo_options opt = {.members = 800, .seed = 7, .today = "2026-11-21"};
    bulk_result res;
    if (user_bootstrap(f->ctx, &chief, &err) ||
        auth_login(f->ctx, "kanri", "chief-pass-1", &err) || db_begin(f->ctx, &err) ||
        demo_load(f->ctx, &opt, 1000, &res, &err) || db_commit(f->ctx, &err)) {
        fprintf(stderr, "setup: %s\n", err.msg);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    db_close(f->ctx);
    test_rm_db(f->path);
    free(f);
    return 0;
}

static int64_t count(meibo_ctx *ctx, const char *sql)
{
    sqlite3_stmt *s;
    int64_t n = -1;
    if (sqlite3_prepare_v2(ctx->db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

static int64_t add_recipient(meibo_ctx *ctx, const char *org, const char *category)
{
    recipient_in in = {.organization = org, .category = category,
                       .identity = "書面（公印）で身元・利用目的を確認"};
    int64_t id = 0;
    meibo_err err;
    assert_ok(recipient_add(ctx, &in, &id, &err), &err);
    return id;
}

static int cmp_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 第20条第3–4項 and 第43–44条: only a registered recipient the gate lets receive. */
static void test_anon_through_the_register(void **state)
{
    fx *f = *state;
    meibo_err err;
    stats_anon_result r;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    /* a name not in the register: refused, nothing read, nothing recorded */
    assert_int_not_equal(stats_anon_run(f->ctx, "2026-11-21", 5, "架空研究所", out, &r, &err),
                         MEIBO_OK);
    assert_string_equal(err.field, "recipient");
    /* a 名簿業者, though registered: the gate refuses (第20条第4項(b)) */
    int64_t broker = add_recipient(f->ctx, "株式会社架空名簿センター", "commercial");
    char ref[32];
    snprintf(ref, sizeof ref, "%lld", (long long)broker);
    assert_int_equal(stats_anon_run(f->ctx, "2026-11-21", 5, ref, out, &r, &err),
                     MEIBO_ERR_DENIED);
    assert_non_null(strstr(err.msg, "第20条第4項(b)"));
    fflush(out);
    assert_int_equal(len, 0);
    assert_int_equal(count(f->ctx, "SELECT count(*) FROM anon_provisions"), 0);
    /* a research body of the register (第20条第3項(e)) */
    int64_t lab = add_recipient(f->ctx, "架空大学 疫学研究班", "academic");
    assert_ok(stats_anon_run(f->ctx, "2026-11-21", 5, "架空大学 疫学研究班", out, &r, &err), &err);
    fclose(out);
    assert_int_equal(r.recipient_id, lab);
    assert_string_equal(r.recipient, "架空大学 疫学研究班");
    assert_true(r.rows > 0);
    assert_true(r.kcheck_ms >= 0 && r.read_ms >= 0);
    stats_anon_info a;
    assert_ok(stats_anon_get(f->ctx, r.id, &a, &err), &err);
    assert_int_equal(a.recipient_id, lab);
    assert_int_equal(a.k, 5);
    assert_int_equal(a.rows, r.rows);
    assert_non_null(strstr(a.medium, "CSV"));
    assert_non_null(strstr(a.items, "生年月日（加工後）"));
    assert_int_equal(stats_anon_get(f->ctx, r.id + 1, &a, &err), MEIBO_ERR_NOT_FOUND);
    /* not a provision of any member's personal data */
    assert_int_equal(count(f->ctx, "SELECT count(*) FROM provisions"), 0);
    assert_int_equal(count(f->ctx, "SELECT count(*) FROM audit_log WHERE action = "
                                   "'stats.anonymise' AND coalesce(member_no, '') = ''"), 1);
    /* no row unique on its quasi-identifiers: every line at least k times */
    char *lines[20000];
    int n = 0;
    bool header = false;
    for (char *save = NULL, *l = strtok_r(buf, "\n", &save); l && n < 20000;
         l = strtok_r(NULL, "\n", &save)) {
        if (l[0] == '#')
            continue;
        if (!header) { /* the column names */
            header = true;
            continue;
        }
        lines[n++] = l;
    }
    assert_int_equal(n, r.rows);
    qsort(lines, (size_t)n, sizeof *lines, cmp_line);
    for (int i = 0; i < n;) {
        int j = i;
        while (j < n && !strcmp(lines[j], lines[i]))
            j++;
        if (j - i < 5)
            fail_msg("a class of %d rows: %s", j - i, lines[i]);
        i = j;
    }
    free(buf);
}

/* The printed page with its chart and the workbook; English when counted so. */
static void test_table_outputs(void **state)
{
    fx *f = *state;
    meibo_err err;
    stats_spec spec = {.dim = {STATS_DIM_AGE_BAND, STATS_DIM_SPECIALIST}, .ndims = 2,
                       .as_of = "2026-11-21", .ja = false};
    stats_table t;
    assert_ok(stats_table_count(f->ctx, &spec, &t, &err), &err);
    char buf[800];
    stats_table_title(&t, buf, sizeof buf);
    assert_string_equal(buf, "Members (on 2026-11-21, in the registry): Age band x Specialist");
    stats_table_rule(&t, buf, sizeof buf);
    assert_non_null(strstr(buf, "cells below 5 are shown \"<5\""));
    stats_chart_title(&t, buf, sizeof buf);
    assert_string_equal(buf, "Figure: members by Age band (row totals)");
    char *data = NULL;
    size_t len = 0;
    assert_ok(stats_table_pdf(&t, "society", 1795000000, &data, &len, &err), &err);
    assert_true(len > 1000 && !memcmp(data, "%PDF-", 5));
    free(data);
    assert_ok(stats_table_xlsx(&t, "society", 1795000000, &data, &len, &err), &err);
    assert_true(len > 1000 && !memcmp(data, "PK", 2)); /* a zip: the workbook */
    free(data);
    stats_table_free(&t);
    spec.ja = true;
    assert_ok(stats_table_count(f->ctx, &spec, &t, &err), &err);
    stats_chart_title(&t, buf, sizeof buf);
    assert_string_equal(buf, "図　年齢層別の会員数（各行の計）");
    stats_table_free(&t);
}

/* The prefecture of an address (the prefecture dimension): its first characters, JIS order. */
static void test_prefecture_of(void **state)
{
    (void)state;
    assert_int_equal(stats_prefecture_of("北海道札幌市"), 1);
    assert_int_equal(stats_prefecture_of("東京都千代田区"), 13);
    assert_int_equal(stats_prefecture_of("京都府京都市"), 26);
    assert_int_equal(stats_prefecture_of("神奈川県横浜市"), 14);
    assert_int_equal(stats_prefecture_of("和歌山県和歌山市"), 30);
    assert_int_equal(stats_prefecture_of("鹿児島県鹿児島市"), 46);
    assert_int_equal(stats_prefecture_of("沖縄県那覇市"), 47);
    assert_int_equal(stats_prefecture_of("　 大阪府大阪市"), 27); /* leading spaces */
    assert_int_equal(stats_prefecture_of("大分県"), 44);
    assert_int_equal(stats_prefecture_of("神奈川"), 0);   /* without 県 */
    assert_int_equal(stats_prefecture_of("千代田区"), 0);
    assert_int_equal(stats_prefecture_of("東"), 0);
    assert_int_equal(stats_prefecture_of(""), 0);
    assert_int_equal(stats_prefecture_of(NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prefecture_of),
        cmocka_unit_test_setup_teardown(test_anon_through_the_register, setup, teardown),
        cmocka_unit_test_setup_teardown(test_table_outputs, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

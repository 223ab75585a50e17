/* test_bulk.c: two-thread bulk loading stores in input order, reports every refusal with its
 * line in order, and stops both threads when the source fails. */
#include "helpers.h"

#include "meibo/auth.h"
#include "meibo/bulk.h"
#include "meibo/db.h"
#include "meibo/member.h"

typedef struct src {
    int n;         /* members to push */
    int fail_at;   /* return an error after this many (-1 never) */
} src;

static meibo_status source(bulk *b, void *arg, meibo_err *err)
{
    src *s = arg;
    meibo_member m;
    member_init(&m);
    for (int i = 0; i < s->n; i++) {
        if (i == s->fail_at)
            return meibo_fail(err, MEIBO_ERR_IO, "source broke at %d", i);
        char no[16];
        snprintf(no, sizeof no, "%08d", 30000000 + (i % 7 == 3 && i > 100 ? i - 1 : i));
        member_set(&m, MF_MEMBER_NO, no, err);
        member_set(&m, MF_FAMILY_NAME, "森", err);
        member_set(&m, MF_GIVEN_NAME, "一", err);
        member_set(&m, MF_FAMILY_KANA, "モリ", err);
        member_set(&m, MF_GIVEN_KANA, "ハジメ", err);
        /* every 50th row has an impossible date */
        member_set(&m, MF_JOINED_ON, i % 50 == 49 ? "2023-02-30" : "2001-04-01", err);
        meibo_status st = bulk_push(b, &m, i + 2);
        if (st)
            return st;
    }
    member_clear(&m);
    return MEIBO_OK;
}

typedef struct seen {
    long lines[4096];
    int n;
} seen;

static void on_reject(long line, const meibo_err *e, void *arg)
{
    seen *s = arg;
    assert_true(e->field[0] != '\0');
    if (s->n < 4096)
        s->lines[s->n++] = line;
}

static meibo_ctx *open_db(char **path)
{
    meibo_ctx *ctx = NULL;
    meibo_err err;
    *path = test_tmp_db();
    assert_ok(db_open(*path, DB_OPEN_CREATE, &ctx, &err), &err);
    db_act_as_system(ctx);
    return ctx;
}

static void test_order_and_rejections(void **state)
{
    (void)state;
    char *path;
    meibo_ctx *ctx = open_db(&path);
    meibo_err err;
    src s = {3000, -1};
    seen rej = {.n = 0};
    bulk_result res;
    assert_ok(db_begin(ctx, &err), &err);
    assert_ok(bulk_load(ctx, source, &s, on_reject, &rej, 0, &res, &err), &err);
    assert_ok(db_commit(ctx, &err), &err);
    /* rows 49, 99, … have a bad date; rows i%7==3 (i>100) repeat the previous number */
    int want = 0;
    for (int i = 0; i < 3000; i++)
        want += i % 50 == 49 || (i % 7 == 3 && i > 100 && (i - 1) % 50 != 49);
    assert_int_equal(res.rejected, want);
    assert_int_equal(res.stored, 3000 - want);
    for (int i = 1; i < rej.n; i++)
        assert_true(rej.lines[i] > rej.lines[i - 1]); /* reported in input order */
    /* stored in input order: ids follow the member numbers */
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(ctx->db, "SELECT count(*) FROM members a JOIN members b ON b.id = a.id + 1 "
                                "WHERE b.member_no < a.member_no", -1, &st, NULL);
    sqlite3_step(st);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);
    db_close(ctx);
    test_rm_db(path);
}

static void test_source_failure_stops(void **state)
{
    (void)state;
    char *path;
    meibo_ctx *ctx = open_db(&path);
    meibo_err err;
    src s = {5000, 1234};
    bulk_result res;
    assert_ok(db_begin(ctx, &err), &err);
    assert_int_equal(bulk_load(ctx, source, &s, NULL, NULL, 0, &res, &err), MEIBO_ERR_IO);
    assert_non_null(strstr(err.msg, "broke at 1234"));
    db_rollback(ctx);
    /* outside a transaction it refuses to start */
    assert_int_equal(bulk_load(ctx, source, &s, NULL, NULL, 0, &res, &err), MEIBO_ERR_DB);
    db_close(ctx);
    test_rm_db(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_and_rejections),
        cmocka_unit_test(test_source_failure_stops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_bulk.c: two-thread bulk loading stores in input order, reports every refusal with its
 * line in order, and stops both threads when the source fails. */
#include "helpers.h"

#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/bulk.h"
#include "meibo/db.h"
#include "meibo/member.h"

typedef struct src {
    int n;         /* members to push */
    int fail_at;   /* return an error after this many (-1 never) */
    int base;      /* added to the member numbers */
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
        snprintf(no, sizeof no, "%08d",
                 30000000 + s->base + (i % 7 == 3 && i > 100 ? i - 1 : i));
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

/* Every stored member has its member.create row, in storing order, and the chain verifies
 * (the rows are written in batches, across refusals and intermediate commits). */
static void check_audit(meibo_ctx *ctx, long stored)
{
    meibo_err err;
    int64_t bad = -1, checked = 0;
    assert_ok(audit_verify(ctx, &bad, &checked, &err), &err);
    assert_int_equal(bad, 0);
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(ctx->db,
                       "SELECT count(*), count(DISTINCT a.member_no), "
                       "sum(m.id IS NULL) FROM audit_log a LEFT JOIN members m "
                       "ON m.member_no = a.member_no WHERE a.action = 'member.create'",
                       -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int64(st, 0), stored);
    assert_int_equal(sqlite3_column_int64(st, 1), stored);
    assert_int_equal(sqlite3_column_int64(st, 2), 0);
    sqlite3_finalize(st);
    /* log order is storing order */
    sqlite3_prepare_v2(ctx->db,
                       "SELECT count(*) FROM audit_log a JOIN audit_log b ON b.id = a.id + 1 "
                       "JOIN members ma ON ma.member_no = a.member_no "
                       "JOIN members mb ON mb.member_no = b.member_no WHERE mb.id < ma.id",
                       -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);
}

static void test_order_and_rejections(void **state)
{
    (void)state;
    char *path;
    meibo_ctx *ctx = open_db(&path);
    meibo_err err;
    src s = {3000, -1, 0};
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
    check_audit(ctx, res.stored);
    db_close(ctx);
    test_rm_db(path);
}

/* Commits every 7 members (demo data): the audit rows queued so far are written before each
 * commit, and the chain continues across another writer's row appended between two. */
static void test_commit_every_audited(void **state)
{
    (void)state;
    char *path;
    meibo_ctx *ctx = open_db(&path);
    meibo_err err;
    assert_ok(audit_append(ctx, "before", NULL, "", &err), &err);
    src s = {1000, -1, 0};
    seen rej = {.n = 0};
    bulk_result res;
    assert_ok(db_begin(ctx, &err), &err);
    assert_ok(bulk_load(ctx, source, &s, on_reject, &rej, 7, &res, &err), &err);
    assert_ok(db_commit(ctx, &err), &err);
    assert_true(res.stored > 800 && rej.n > 100);
    check_audit(ctx, res.stored);
    /* a second load after another row: the chain goes on from there */
    assert_ok(audit_append(ctx, "between", NULL, "", &err), &err);
    long before = res.stored;
    s.n = 100;
    s.base = 5000;
    assert_ok(db_begin(ctx, &err), &err);
    assert_ok(bulk_load(ctx, source, &s, on_reject, &rej, 0, &res, &err), &err);
    assert_ok(db_commit(ctx, &err), &err);
    check_audit(ctx, before + res.stored);
    /* a load that fails: what was committed before the failure is audited with it */
    before += res.stored;
    s = (src){100, 60, 8000};
    assert_ok(db_begin(ctx, &err), &err);
    assert_int_equal(bulk_load(ctx, source, &s, on_reject, &rej, 7, &res, &err), MEIBO_ERR_IO);
    db_rollback(ctx);
    assert_true(res.stored >= 49);
    check_audit(ctx, before + res.stored / 7 * 7);
    db_close(ctx);
    test_rm_db(path);
}

static void test_source_failure_stops(void **state)
{
    (void)state;
    char *path;
    meibo_ctx *ctx = open_db(&path);
    meibo_err err;
    src s = {5000, 1234, 0};
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
        cmocka_unit_test(test_commit_every_audited),
        cmocka_unit_test(test_source_failure_stops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_db.c: the connection's settings and the migrations. */
#include "helpers.h"

#include "meibo/db.h"

static void test_pragmas(void **state)
{
    (void)state;
    char *path = test_tmp_db();
    meibo_ctx *ctx = NULL;
    meibo_err err;
    assert_ok(db_open(path, DB_OPEN_CREATE, &ctx, &err), &err);
    static const struct {
        const char *sql;
        const char *want;
    } checks[] = {
        {"PRAGMA journal_mode", "wal"},
        {"PRAGMA foreign_keys", "1"},
        {"PRAGMA secure_delete", "1"},
        {"PRAGMA synchronous", "2"}, /* FULL, set explicitly */
    };
    for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
        sqlite3_stmt *s = NULL;
        assert_int_equal(sqlite3_prepare_v2(ctx->db, checks[i].sql, -1, &s, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(s), SQLITE_ROW);
        assert_string_equal((const char *)sqlite3_column_text(s, 0), checks[i].want);
        sqlite3_finalize(s);
    }
    /* busy_timeout ≥ 5 s */
    sqlite3_stmt *s = NULL;
    sqlite3_prepare_v2(ctx->db, "PRAGMA busy_timeout", -1, &s, NULL);
    sqlite3_step(s);
    assert_true(sqlite3_column_int(s, 0) >= 5000);
    sqlite3_finalize(s);
    assert_int_equal(db_schema_version(ctx), db_schema_latest());
    db_close(ctx);
    test_rm_db(path);
}

static void test_newer_schema_refused(void **state)
{
    (void)state;
    char *path = test_tmp_db();
    meibo_ctx *ctx = NULL;
    meibo_err err;
    assert_ok(db_open(path, DB_OPEN_CREATE, &ctx, &err), &err);
    assert_ok(db_exec(ctx, "PRAGMA user_version = 99", &err), &err);
    db_close(ctx);
    assert_int_equal(db_open(path, 0, &ctx, &err), MEIBO_ERR_SCHEMA);
    assert_null(ctx);
    assert_non_null(strstr(err.msg, "newer than this meibo"));
    test_rm_db(path);
}

static void test_missing_and_existing(void **state)
{
    (void)state;
    char *path = test_tmp_db();
    meibo_ctx *ctx = NULL;
    meibo_err err;
    assert_int_equal(db_open(path, 0, &ctx, &err), MEIBO_ERR_NOT_FOUND);
    assert_non_null(strstr(err.msg, "meibo init"));
    assert_ok(db_open(path, DB_OPEN_CREATE, &ctx, &err), &err);
    db_close(ctx);
    assert_int_equal(db_open(path, DB_OPEN_CREATE, &ctx, &err), MEIBO_ERR_EXISTS);
    test_rm_db(path);
}

static void test_nested_transactions(void **state)
{
    (void)state;
    char *path = test_tmp_db();
    meibo_ctx *ctx = NULL;
    meibo_err err;
    assert_ok(db_open(path, DB_OPEN_CREATE, &ctx, &err), &err);
    assert_ok(db_begin(ctx, &err), &err);
    assert_ok(db_exec(ctx, "INSERT INTO facilities (name) VALUES ('A')", &err), &err);
    assert_ok(db_begin(ctx, &err), &err);
    assert_ok(db_exec(ctx, "INSERT INTO facilities (name) VALUES ('B')", &err), &err);
    db_rollback(ctx); /* only B goes */
    assert_ok(db_commit(ctx, &err), &err);
    assert_int_equal(ctx->tx_depth, 0);
    sqlite3_stmt *s = NULL;
    sqlite3_prepare_v2(ctx->db, "SELECT group_concat(name) FROM facilities", -1, &s, NULL);
    sqlite3_step(s);
    assert_string_equal((const char *)sqlite3_column_text(s, 0), "A");
    sqlite3_finalize(s);
    db_close(ctx);
    test_rm_db(path);
}

/* BEGIN IMMEDIATE: a second writer waits for the first (busy_timeout) instead of failing. */
static void test_begin_immediate_waits(void **state)
{
    (void)state;
    char *path = test_tmp_db();
    meibo_ctx *a = NULL, *b = NULL;
    meibo_err err;
    assert_ok(db_open(path, DB_OPEN_CREATE, &a, &err), &err);
    assert_ok(db_open(path, 0, &b, &err), &err);
    assert_ok(db_begin(a, &err), &err);
    sqlite3_busy_timeout(b->db, 50);
    assert_int_equal(db_begin(b, &err), MEIBO_ERR_DB); /* the write lock is taken at BEGIN */
    assert_ok(db_commit(a, &err), &err);
    assert_ok(db_begin(b, &err), &err);
    assert_ok(db_commit(b, &err), &err);
    db_close(a);
    db_close(b);
    test_rm_db(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pragmas),
        cmocka_unit_test(test_newer_schema_refused),
        cmocka_unit_test(test_missing_and_existing),
        cmocka_unit_test(test_nested_transactions),
        cmocka_unit_test(test_begin_immediate_waits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

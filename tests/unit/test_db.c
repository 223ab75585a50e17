/* test_db.c: the connection's settings and the migrations. */
#include "helpers.h"

#include "meibo/db.h"

#include <pthread.h>
#include <time.h>
#include <unistd.h>

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

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
    /* the wait for the write lock (10 s in short polls): test_busy_wait_polls */
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

typedef struct holder {
    meibo_ctx *ctx;
    double released;
} holder;

static void *hold_then_commit(void *arg)
{
    holder *h = arg;
    meibo_err err;
    usleep(240000);
    h->released = mono_ms();
    db_commit(h->ctx, &err);
    return NULL;
}

/* A writer waiting for another's lock takes it within a few milliseconds of its release
 * (SQLite's own busy_timeout would sleep on for up to 100 ms: here, 88 ms late), and the
 * connection knows how long it held the lock (the benchmark's figure); a read snapshot
 * holds no lock and refuses writes. */
static void test_busy_wait_polls(void **state)
{
    (void)state;
    char *path = test_tmp_db();
    meibo_ctx *a = NULL, *b = NULL;
    meibo_err err;
    assert_ok(db_open(path, DB_OPEN_CREATE, &a, &err), &err);
    assert_ok(db_open(path, 0, &b, &err), &err);
    assert_ok(db_begin(a, &err), &err);
    holder h = {a, 0};
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, hold_then_commit, &h), 0);
    assert_ok(db_begin(b, &err), &err); /* waits */
    double got = mono_ms();
    pthread_join(th, NULL);
    assert_ok(db_commit(b, &err), &err);
    assert_true(got - h.released < 40);
    assert_true(a->lock_hold_max_ms >= 240 && a->lock_hold_last_ms >= 240);
    db_lock_hold_reset(a);
    assert_true(a->lock_hold_max_ms == 0);
    assert_ok(db_begin_read(a, &err), &err);
    assert_int_equal(db_begin(a, &err), MEIBO_ERR_DB);
    db_end_read(a);
    assert_int_equal(a->tx_depth, 0);
    assert_true(a->lock_hold_max_ms == 0);
    assert_ok(db_begin(a, &err), &err);
    assert_ok(db_commit(a, &err), &err);
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
        cmocka_unit_test(test_busy_wait_polls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

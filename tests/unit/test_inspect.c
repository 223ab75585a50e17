/* test_inspect.c: the manager's inspection (取扱規程 第25条): the outlier rule (more than 5x the
 * user's median daily count and more than 200) pure and on a synthetic access log, access
 * outside office hours, the staff register in the report, records and the chief's
 * acknowledgement. */
#include "inquiry_fixture.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "meibo/audit.h"
#include "meibo/inspect.h"
#include "meibo/staff.h"

#define OCT1 1790812800 /* 2026-10-01 00:00:00 UTC, a Thursday (TZ pinned to UTC in main) */
#define DAY 86400

int inspect_weekday(const char *iso);

static void test_median_and_rule(void **state)
{
    (void)state;
    assert_int_equal(inspect_weekday("2026-10-01"), 4); /* a Thursday */
    assert_int_equal(inspect_weekday("2026-11-21"), 6);
    assert_int_equal(inspect_weekday("2024-02-29"), 4);
    assert_int_equal(inspect_weekday("2027-01-03"), 0);
    int64_t odd[] = {30, 10, 20}, even[] = {40, 10, 20, 30}, one[] = {7};
    assert_true(inspect_median(odd, 3) == 20);
    assert_true(inspect_median(even, 4) == 25);
    assert_true(inspect_median(one, 1) == 7);
    assert_true(inspect_median(NULL, 0) == 0);
    /* both halves of the rule, each at its edge */
    assert_true(inspect_outlier(201, 40));    /* 201 > 200 and 201 > 5 x 40 */
    assert_false(inspect_outlier(201, 40.2)); /* not above 5 x the median */
    assert_false(inspect_outlier(200, 0));    /* not above 200 */
    assert_true(inspect_outlier(201, 0));
    assert_false(inspect_outlier(1000, 300)); /* a user whose usual is high */
    assert_int_equal(inspect_action_kind("member.read"), IK_READ);
    assert_int_equal(inspect_action_kind("member.reveal"), IK_REVEAL);
    assert_int_equal(inspect_action_kind("member.update"), IK_EDIT);
    assert_int_equal(inspect_action_kind("export.run"), IK_EXPORT);
    assert_int_equal(inspect_action_kind("login_failed"), IK_OTHER);
}

/* @p n access-log rows of @p action by @p login at @p t (then a second apart). */
static void log_rows(fx *f, const char *login, const char *action, int64_t t, int n)
{
    meibo_err err;
    char saved[sizeof f->ctx->login];
    memcpy(saved, f->ctx->login, sizeof saved);
    snprintf(f->ctx->login, sizeof f->ctx->login, "%s", login);
    for (int i = 0; i < n; i++) {
        f->ctx->fixed_now = t + i;
        assert_ok(audit_append(f->ctx, action, "100001", "", &err), &err);
    }
    memcpy(f->ctx->login, saved, sizeof saved);
    f->ctx->fixed_now = FX_NOW;
}

static bool has_line(const inspect_list *l, const char *part)
{
    for (size_t i = 0; i < l->n; i++)
        if (strstr(l->items[i].text, part))
            return true;
    return false;
}

/* 取扱規程 第25条 on a synthetic month of log. */
static void test_outliers_on_log(void **state)
{
    fx *f = *state;
    meibo_err err;
    fx_as(f, "mgr");
    meibo_status st = db_begin(f->ctx, &err);
    assert_ok(st, &err);
    for (int d = 0; d < 28; d++) {
        int64_t t = OCT1 + (int64_t)d * DAY + 10 * 3600; /* 10:00 */
        int wd = (4 + d) % 7;                           /* 0 Sunday; Oct 1 is a Thursday */
        if (wd == 0 || wd == 6)
            continue;
        /* clerk1 reads 20 a day, but 250 on 2026-10-14; reveals 2 a day, but 150 on the 15th
         * (above 5x, not above 200) */
        log_rows(f, "clerk1", "member.read", t, d == 13 ? 250 : 20);
        log_rows(f, "clerk1", "member.reveal", t + 3000, d == 14 ? 150 : 2);
        /* mgr reads 300 a day: high, but its own usual */
        log_rows(f, "mgr", "member.read", t, 300);
    }
    /* outside office hours (08:30–18:00 weekdays): 07:00 on a Friday, 10:00 on a Saturday */
    log_rows(f, "clerk1", "member.read", OCT1 + 1 * DAY + 7 * 3600, 1);
    log_rows(f, "clerk1", "search", OCT1 + 2 * DAY + 10 * 3600, 1);
    assert_ok(db_commit(f->ctx, &err), &err);

    inspect_options opt = {.from = "2026-10-01", .until = "2026-10-31", .db_path = f->path};
    inspect_report r;
    assert_ok(inspect_build(f->ctx, &opt, &r, &err), &err);
    assert_int_equal(r.noutliers, 1);
    assert_string_equal(r.outliers[0].login, "clerk1");
    assert_string_equal(r.outliers[0].day, "2026-10-14");
    assert_false(r.outliers[0].reveal);
    assert_int_equal(r.outliers[0].count, 250);
    assert_true(r.outliers[0].median == 20);
    const inspect_user *c = NULL, *m = NULL;
    for (size_t i = 0; i < r.nusers; i++) {
        if (!strcmp(r.users[i].login, "clerk1"))
            c = &r.users[i];
        if (!strcmp(r.users[i].login, "mgr"))
            m = &r.users[i];
    }
    assert_non_null(c);
    assert_non_null(m);
    assert_int_equal(c->n[IK_READ], 19 * 20 + 250 + 1);
    assert_int_equal(c->n[IK_REVEAL], 19 * 2 + 150);
    assert_int_equal(c->n[IK_SEARCH], 1);
    assert_int_equal(c->outside, 2);
    assert_int_equal(c->outside_days, 2);
    assert_int_equal(m->n[IK_READ], 20 * 300);
    assert_int_equal(m->outside, 0);
    /* the staff register: nobody has training on record (第28条) */
    assert_true(has_line(&r.staff, "clerk1（従事者）：過去12か月に教育・訓練の記録がない"));
    assert_true(has_line(&r.chain, "アクセスログの連鎖は完全"));
    inspect_report_free(&r);
    /* an empty period, and a period backwards */
    opt.from = opt.until = "2026-09-01";
    assert_ok(inspect_build(f->ctx, &opt, &r, &err), &err);
    assert_int_equal(r.noutliers, 0);
    inspect_report_free(&r);
    opt.from = "2026-10-02";
    opt.until = "2026-10-01";
    assert_int_equal(inspect_build(f->ctx, &opt, &r, &err), MEIBO_ERR_INVALID);
    /* a clerk may not inspect */
    fx_as(f, "clerk1");
    opt.until = "2026-10-31";
    assert_int_equal(inspect_build(f->ctx, &opt, &r, &err), MEIBO_ERR_DENIED);
}

/* 第25条: the manager records the findings; the chief officer acknowledges, once; audited. */
static void test_record_and_ack(void **state)
{
    fx *f = *state;
    meibo_err err;
    int64_t id = 0;
    fx_as(f, "clerk1");
    assert_int_equal(inspect_record(f->ctx, "2026-10-01", "2026-10-31", "x", "", &id, &err),
                     MEIBO_ERR_DENIED);
    fx_as(f, "mgr");
    assert_int_equal(inspect_record(f->ctx, "2026-10-01", "2026-10-31", " ", "", &id, &err),
                     MEIBO_ERR_INVALID);
    assert_ok(inspect_record(f->ctx, "2026-10-01", "2026-10-31", "指摘1件", "再教育", &id, &err),
              &err);
    assert_true(id > 0);
    assert_int_equal(inspect_ack(f->ctx, id, "", &err), MEIBO_ERR_DENIED);
    fx_as(f, "kanri");
    assert_ok(inspect_ack(f->ctx, id, "了承", &err), &err);
    assert_int_equal(inspect_ack(f->ctx, id, "", &err), MEIBO_ERR_CONFLICT);
    assert_int_equal(inspect_ack(f->ctx, id + 1, "", &err), MEIBO_ERR_NOT_FOUND);
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(f->ctx->db, "SELECT group_concat(user_login || ':' || "
                                        "action, ' ') FROM audit_log WHERE action LIKE 'inspect.%'",
                                        -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(s, 0), "mgr:inspect.record kanri:inspect.ack");
    sqlite3_finalize(s);
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_median_and_rule),
        cmocka_unit_test_setup_teardown(test_outliers_on_log, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_record_and_ack, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests_name("inspect", tests, NULL, NULL);
}

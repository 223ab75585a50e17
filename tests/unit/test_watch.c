/* test_watch.c: another connection's changes, polled cheaply (watch.h): a change audited by
 * another clerk is seen once, reads (取扱規程 第23条 logs them too) and one's own changes are
 * not, and a quiet poll touches nothing. */
#include "helpers.h"

#include "meibo/audit.h"
#include "meibo/db.h"
#include "meibo/watch.h"

static bool changed_since(meibo_ctx *c, meibo_watch *w)
{
    meibo_err err;
    bool changed = true;
    assert_ok(watch_poll(c, w, &changed, &err), &err);
    return changed;
}

static void test_changes_elsewhere(void **state)
{
    (void)state;
    char *path = test_tmp_db();
    meibo_ctx *a = NULL, *b = NULL;
    meibo_err err;
    assert_ok(db_open(path, DB_OPEN_CREATE, &a, &err), &err);
    db_act_as_system(a);
    assert_ok(db_open(path, 0, &b, &err), &err);
    db_act_as_system(b);
    meibo_watch w = {0};
    assert_false(changed_since(a, &w)); /* the first poll takes the state */
    assert_false(changed_since(a, &w));
    /* reads elsewhere: nothing to show */
    assert_ok(audit_append(b, "member.read", "10000001", "", &err), &err);
    assert_ok(audit_append(b, "inquiry.list", NULL, "", &err), &err);
    assert_ok(audit_append(b, "search", NULL, "q=x", &err), &err);
    assert_false(changed_since(a, &w));
    /* a change elsewhere: seen once */
    assert_ok(audit_append(b, "inquiry.approve", NULL, "id=1", &err), &err);
    assert_true(changed_since(a, &w));
    assert_false(changed_since(a, &w));
    /* one's own change is already on one's screen */
    assert_ok(audit_append(a, "member.update", "10000001", "", &err), &err);
    assert_false(changed_since(a, &w));
    db_close(a);
    db_close(b);
    test_rm_db(path);
}

static void test_reads(void **state)
{
    (void)state;
    assert_true(watch_is_read("member.read"));
    assert_true(watch_is_read("request.read"));
    assert_true(watch_is_read("inquiry.list"));
    assert_true(watch_is_read("export.preview"));
    assert_true(watch_is_read("login_failed"));
    assert_false(watch_is_read("inquiry.approve"));
    assert_false(watch_is_read("request.decide"));
    assert_false(watch_is_read("member.update"));
    assert_false(watch_is_read("inquiry.print"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_changes_elsewhere),
        cmocka_unit_test(test_reads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

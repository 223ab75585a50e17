/* test_concurrency.c: 8 clerks at once for a few seconds (bench/concurrency.c, the short
 * version of `make bench-concurrency`): edits with optimistic locking on 16 shared members,
 * searches, inquiries, export previews and a paper export run by each clerk. No update is
 * lost (取扱規程 第23条: every save audited once, every collision reported as a conflict), no
 * "database is locked" or other error, the audit chain intact, every export done with one
 * provision record per member on its sheet (個人情報保護法 第29条; 取扱規程 第4–6条), while a
 * backup (取扱規程 第22条) and an import (all or nothing) run. */
#define CONC_NO_MAIN
#include "helpers.h"

#include "../../bench/concurrency.c"

static void test_eight_clerks(void **state)
{
    (void)state;
    char *path = test_tmp_db();
    assert_non_null(path);
    conc_result r;
    meibo_err err;
    meibo_err_clear(&err);
    conc_import_rows = 1000; /* the short run: a smaller import meanwhile, and a backup */
    assert_ok(conc_run(path, 8, 3, &r, &err), &err);
    bool ok = conc_report(stdout, &r, 8, 3);
    assert_int_equal(r.lost, 0);
    assert_int_equal(r.errors, 0);
    assert_int_equal(r.locked, 0);
    assert_true(r.audit_ok);
    assert_int_equal(r.update_rows, r.saves);
    assert_true(r.saves > 0);
    assert_true(r.ops[K_SEARCH] > 0 && r.ops[K_INQUIRY] > 0 && r.ops[K_PREVIEW] > 0);
    /* one each, started 0.125 s apart in the first second (a loaded machine may miss one) */
    assert_true(r.exports > 0 && r.exports == r.ops[K_EXPORT]);
    assert_true(r.export_rows > 0);
    assert_int_equal(r.export_bad, 0);
    assert_int_equal(r.backups, 1);
    assert_int_equal(r.imported, 1000);
    assert_true(ok);
    test_rm_db(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eight_clerks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

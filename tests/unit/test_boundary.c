/* test_boundary.c: the set-group-ID boundary's pure parts (boundary.h; issue 12): a path made
 * absolute and normalised without the file system, and whether it is inside the state folder. */
#include "helpers.h"
#include "meibo/boundary.h"

static void test_normalize(void **state)
{
    (void)state;
    static const struct {
        const char *cwd, *path, *want;
    } cases[] = {
        {"/home/u", "m.db", "/home/u/m.db"},
        {"/home/u", "./m.db", "/home/u/m.db"},
        {"/home/u", "../../var/lib/meibo/m.db", "/var/lib/meibo/m.db"},
        {"/", "/var/lib/meibo/../../../../etc/passwd", "/etc/passwd"},
        {"/x", "/var//lib/./meibo/", "/var/lib/meibo"},
        {"/x", "/var/lib/meibo/..", "/var/lib"},
        {"/x", "/..", "/"},
        {"/x", "/", "/"},
        {"/var/lib/meibo", "", "/var/lib/meibo"},
        {"/var/lib/meibo", "backups/../meibo.db", "/var/lib/meibo/meibo.db"},
        {"/var/lib/meibo", "..", "/var/lib"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[256];
        assert_true(boundary_path_normalize(cases[i].cwd, cases[i].path, out, sizeof out));
        if (strcmp(out, cases[i].want))
            fail_msg("'%s' in '%s' -> '%s', want '%s'", cases[i].path, cases[i].cwd, out,
                     cases[i].want);
    }
    char small[8];
    assert_false(boundary_path_normalize("/", "/var/lib/meibo", small, sizeof small));
    assert_false(boundary_path_normalize("/", NULL, small, sizeof small));
}

static void test_inside(void **state)
{
    (void)state;
    assert_true(boundary_path_inside("/var/lib/meibo", "/var/lib/meibo/meibo.db"));
    assert_true(boundary_path_inside("/var/lib/meibo", "/var/lib/meibo"));
    assert_true(boundary_path_inside("/var/lib/meibo/", "/var/lib/meibo/b/x.db"));
    assert_true(boundary_path_inside("/", "/anything"));
    /* a sibling sharing the prefix is not inside */
    assert_false(boundary_path_inside("/var/lib/meibo", "/var/lib/meibo2/m.db"));
    assert_false(boundary_path_inside("/var/lib/meibo", "/var/lib/meib"));
    assert_false(boundary_path_inside("/var/lib/meibo", "/var/lib"));
    assert_false(boundary_path_inside("/var/lib/meibo", "/home/u/m.db"));
    /* only absolute paths */
    assert_false(boundary_path_inside("/var/lib/meibo", "var/lib/meibo/m.db"));
    assert_false(boundary_path_inside("var/lib/meibo", "/var/lib/meibo/m.db"));
    assert_false(boundary_path_inside(NULL, "/x"));
    /* normalised first: '..' cannot lead out while looking inside */
    char out[256];
    assert_true(boundary_path_normalize("/", "/var/lib/meibo/../../../home/u/m.db", out,
                                        sizeof out));
    assert_false(boundary_path_inside("/var/lib/meibo", out));
}

static void test_not_setgid(void **state)
{
    (void)state;
    /* the tests run with equal real and effective groups: nothing is dropped or checked */
    boundary_start();
    assert_false(boundary_setgid());
    assert_false(boundary_group_held());
    meibo_err err;
    meibo_err_clear(&err);
    assert_ok(boundary_folder("/nonexistent/outbox", "outbox", &err), &err);
    assert_ok(boundary_db(NULL, "/nonexistent/m.db", true, true, &err), &err);
    assert_int_equal(getegid(), getgid());
    assert_string_equal(boundary_state_dir(NULL), MEIBO_STATEDIR);
    assert_non_null(strstr(boundary_system_config(), "/meibo/meibo.conf"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_inside),
        cmocka_unit_test(test_not_setgid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

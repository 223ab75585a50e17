/* test_states.c: the states of an export (規程 第16条: pending the chief officer's approval,
 * ready, denied, done) and of a rights request (第22条, 第23条: received, decided, completed;
 * granted in full, in part or not at all) have one table each in C: every code parses back to
 * its state, is one the schema stores and the label table has words for; anything else is
 * refused. */
#include "helpers.h"

#include <string.h>

#include "meibo/export.h"
#include "meibo/label.h"
#include "meibo/request.h"

static void test_export_states(void **state)
{
    (void)state;
    static const char *const stored[] = {"pending", "ready", "denied", "done"};
    assert_int_equal(EXPORT_STATE__COUNT, 4);
    for (int i = 0; i < EXPORT_STATE__COUNT; i++) {
        const char *code = export_state_code((export_state)i);
        assert_string_equal(code, stored[i]);
        assert_int_equal(export_state_parse(code), i);
        assert_true(label_known(LABEL_EXPORT_STATE, code));
    }
    /* 規程 第16条: a word that is not a state is no state (the old inquiry word "approved") */
    assert_int_equal(export_state_parse("approved"), -1);
    assert_int_equal(export_state_parse("Ready"), -1);
    assert_int_equal(export_state_parse(""), -1);
    assert_int_equal(export_state_parse(NULL), -1);
    assert_string_equal(export_state_code(EXPORT_STATE__COUNT), "");
}

static void test_request_states(void **state)
{
    (void)state;
    static const char *const stored[] = {"received", "decided", "completed"};
    assert_int_equal(REQUEST_STATUS__COUNT, 3);
    for (int i = 0; i < REQUEST_STATUS__COUNT; i++) {
        const char *code = request_status_code((request_status)i);
        assert_string_equal(code, stored[i]);
        assert_int_equal(request_status_parse(code), i);
        assert_true(label_known(LABEL_REQUEST_STATE, code));
    }
    assert_int_equal(request_status_parse("done"), -1);
    assert_int_equal(request_status_parse(NULL), -1);
    assert_string_equal(request_status_code(REQUEST_STATUS__COUNT), "");

    /* 第22条第4項, 第23条: granted in full, in part, or not at all */
    static const char *const grants[] = {"full", "partial", "none"};
    assert_int_equal(REQUEST_GRANT__COUNT, 3);
    for (int i = 0; i < REQUEST_GRANT__COUNT; i++) {
        const char *code = request_grant_code((request_grant)i);
        assert_string_equal(code, grants[i]);
        assert_int_equal(request_grant_parse(code), i);
        assert_true(label_known(LABEL_REQUEST_DECISION, code));
    }
    assert_int_equal(request_grant_parse("in part"), -1);
    assert_int_equal(request_grant_parse(NULL), -1);
    assert_string_equal(request_grant_code(REQUEST_GRANT__COUNT), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_export_states),
        cmocka_unit_test(test_request_states),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

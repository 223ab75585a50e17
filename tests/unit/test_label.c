/* test_label.c: every code the core stores has its words (CONVENTIONS: no internal code
 * reaches a screen or a letter; Japanese, English under --lang en), in one table per kind. */
#include "helpers.h"

#include <string.h>

#include "meibo/label.h"

#define N(a) (sizeof(a) / sizeof *(a))

typedef struct kind_codes {
    label_kind kind;
    const char *codes[20];
} kind_codes;

/* The codes the schema's CHECK constraints and the core allow (schema/002, 003, 004, 018) */
static const kind_codes stored[] = {
    {LABEL_ROLE, {"chief", "manager", "clerk"}},
    {LABEL_MEMBER_STATUS, {"active", "withdrawn", "deceased"}},
    {LABEL_ACCOUNT, {"active", "disabled", "expired", "awaiting approval", "no pledge", "locked"}},
    {LABEL_CATEGORY, {"self", "family", "colleague", "member", "academic", "government", "police",
                      "agency", "patient_group", "commercial", "investigator", "press", "branch",
                      "meeting", "contractor"}},
    {LABEL_OUTCOME, {"provide", "partial", "refuse", "hold", "not_found"}},
    {LABEL_DECISION, {"initial", "release", "approve", "deny"}},
    {LABEL_INQUIRY_STATE, {"decided", "pending", "approved", "denied"}},
    {LABEL_EXPORT_STATE, {"pending", "ready", "denied", "done"}},
    {LABEL_PLEDGE_STATE, {"active", "revoked"}},
    {LABEL_REQUEST_STATE, {"received", "decided", "completed"}},
    {LABEL_REQUEST_DECISION, {"full", "partial", "none"}},
    {LABEL_CHANNEL, {"phone", "letter", "fax", "email", "counter"}},
    {LABEL_MEDIUM, {"paper", "electronic", "paper,electronic"}},
    {LABEL_METHOD, {"written", "other"}},
    {LABEL_ACTION, {"login", "login_failed", "member.read", "member.reveal", "member.update",
                    "audit.read", "export.approve", "inquiry.add", "user.unlock", "user.term",
                    "pledge.add", "request.decide"}},
    {LABEL_PURPOSE, {"abstract_registration", "enrollment_check", "specialist_application",
                     "qualification_renewal", "society_business", "greetings_notices"}},
    {LABEL_HOLD, {"chief", "pledge"}},
    {LABEL_ITEM, {"a", "b", "c", "d", "e", "f"}},
    {LABEL_FIELD, {"member_no", "email", "directory_consent"}},
    {LABEL_LOGIN_REASON, {"bad_password", "unknown_login", "disabled", "term_ended", "unapproved",
                          "no_pledge"}},
};

/* A Japanese word has a character beyond ASCII: the code itself never passes for one. */
static bool japanese(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return true;
    return false;
}

static void test_every_code_has_words(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(stored); i++)
        for (size_t j = 0; j < N(stored[i].codes) && stored[i].codes[j]; j++) {
            const char *code = stored[i].codes[j];
            assert_true(label_known(stored[i].kind, code));
            const char *ja = label_text(stored[i].kind, code, true);
            if (!japanese(ja) && strcmp(ja, "FAX") != 0) /* the word clerks write */
                fail_msg("kind %d code %s: '%s' is not Japanese", (int)stored[i].kind, code, ja);
            assert_string_not_equal(label_text(stored[i].kind, code, false), "");
        }
}

/* 第20条第4項(c) names two bodies: each category is shown once, in its own words (issue 14) */
static void test_categories_distinct(void **state)
{
    (void)state;
    assert_string_equal(label_text(LABEL_CATEGORY, "investigator", true), "興信所");
    assert_string_equal(label_text(LABEL_CATEGORY, "press", true), "報道機関");
    assert_string_equal(label_text(LABEL_CATEGORY, "police", false),
                        "police, prosecutors, bar association");
}

static void test_unknown_code_kept(void **state)
{
    (void)state;
    assert_false(label_known(LABEL_CATEGORY, "new_body"));
    assert_string_equal(label_text(LABEL_CATEGORY, "new_body", true), "new_body");
    assert_string_equal(label_text(LABEL_CATEGORY, NULL, true), "");
    assert_string_equal(label_text(LABEL__COUNT, "x", true), "x");
}

static void test_detail(void **state)
{
    (void)state;
    char buf[400];
    label_detail(NULL, "reason=bad_password failures=3 waited=0 next_wait=2", true, buf, sizeof buf);
    assert_string_equal(buf, "理由：パスワードの誤り　失敗回数：3　待機秒：0　次の待機秒：2");
    label_detail(NULL, "reason=bad_password", false, buf, sizeof buf);
    assert_string_equal(buf, "reason: wrong password");
    label_detail(NULL, "fields=email,home_address", true, buf, sizeof buf);
    assert_string_equal(buf, "項目：メールアドレス、自宅住所");
    label_detail(NULL, "role=clerk", true, buf, sizeof buf);
    assert_string_equal(buf, "役割：従事者");
    /* free text stays as it is */
    label_detail(NULL, "query=田中 shown=7 何か", true, buf, sizeof buf);
    assert_string_equal(buf, "検索語：田中　表示件数：7 何か");
    label_detail(NULL, "", true, buf, sizeof buf);
    assert_string_equal(buf, "");
    /* a status in the words of the record the operation is about */
    label_detail("inquiry.list", "status=pending member=*", true, buf, sizeof buf);
    assert_string_equal(buf, "状態：承認待ち　会員：*");
    label_detail("export.request", "status=ready", true, buf, sizeof buf);
    assert_string_equal(buf, "状態：承認済み・未出力");
    label_detail("member.reveal", "birth_date,postal_code", true, buf, sizeof buf);
    assert_string_equal(buf, "生年月日、郵便番号");
    label_detail(NULL, "", true, buf, sizeof buf);
    assert_string_equal(buf, "");
    /* cut, never overrun */
    char small[8];
    label_detail(NULL, "reason=bad_password", true, small, sizeof small);
    assert_true(strlen(small) < sizeof small);
}

static void test_fields(void **state)
{
    (void)state;
    char buf[200];
    assert_string_equal(label_list(LABEL_FIELD, "birth_date,postal_code", true, buf, sizeof buf),
                        "生年月日、郵便番号");
    assert_string_equal(label_list(LABEL_FIELD, "birth_date,postal_code", false, buf, sizeof buf),
                        "birth_date, postal_code");
    assert_string_equal(label_list(LABEL_FIELD, "nosuch", true, buf, sizeof buf), "nosuch");
    assert_string_equal(label_list(LABEL_ITEM, "a,e", true, buf, sizeof buf),
                        "会員番号、氏名・生年月日・自宅住所");
    assert_string_equal(label_list(LABEL_PURPOSE, "enrollment_check", true, buf, sizeof buf),
                        "在籍確認");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_code_has_words),
        cmocka_unit_test(test_categories_distinct),
        cmocka_unit_test(test_unknown_code_kept),
        cmocka_unit_test(test_detail),
        cmocka_unit_test(test_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

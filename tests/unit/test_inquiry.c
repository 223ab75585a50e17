/* test_inquiry.c: the inquiry workflow over a real database: facts gathered in the order of
 * 第20条第4項 → member lookup, records, holds, the chief officer's approvals, pledge releases
 * (取扱規程 第6条), provision records, policy versions, audit. */
#include "inquiry_fixture.h"

#include "meibo/denylist.h"
#include "meibo/inquiry.h"
#include "meibo/pledge.h"
#include "meibo/policy.h"
#include "meibo/roster.h"

static inquiry_result res;

static inquiry_request academic(const char *member_no, const char *items)
{
    return (inquiry_request){.requester = "山田太郎", .organization = "日本架空学会",
                             .category = "academic", .identity = "verified",
                             .purpose = "enrollment_check", .items = items,
                             .member_no = member_no};
}

static const char *reason_article(const decide_result *r, const char *code)
{
    const decide_reason *x = decide_reason_find(r, code);
    return x ? x->article : "(none)";
}

static pledge_new pledge_for(const char *signer, const char *media_purposes_items_until[4])
{
    return (pledge_new){.recipient = signer, .signatory_name = "山田花子",
                        .signatory_title = "事務局長", .received_on = "2026-11-01",
                        .media = pledge_media_parse(media_purposes_items_until[0]),
                        .purposes = media_purposes_items_until[1],
                        .items = media_purposes_items_until[2],
                        .valid_until = media_purposes_items_until[3], .document_no = "誓-2026-1"};
}

/* inquiry decide is a what-if: nothing recorded but the access log row. */
static void test_what_if_records_nothing(void **state)
{
    fx *f = *state;
    meibo_err err;
    inquiry_request q = academic("20000001", "a");
    assert_ok(inquiry_decide(f->ctx, &q, &res, &err), &err);
    assert_int_equal(res.decision.outcome, DECIDE_HOLD);
    assert_string_equal(reason_article(&res.decision, "pledge_required"), "取扱規程 第6条");
    assert_int_equal(res.inquiry_id, 0);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM inquiries"), 0);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions"), 0);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM audit_log WHERE action = 'inquiry.decide' "
                               "AND member_no = '20000001'"), 1);
}

/* 第20条第4項(c): a press inquiry is refused before the member is looked up. */
static void test_forbidden_not_looked_up(void **state)
{
    fx *f = *state;
    meibo_err err;
    inquiry_request q = academic("20000001", "a");
    q.category = "press";
    q.organization = "週刊架空";
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err);
    assert_int_equal(res.decision.outcome, DECIDE_REFUSE);
    assert_false(res.decision.member_needed);
    assert_string_equal(res.member_no, "");
    assert_string_equal(reason_article(&res.decision, "forbidden_category"), "第20条第4項(c)");
    assert_int_equal(fx_int(f, "SELECT count(*) FROM inquiries WHERE member_id IS NULL "
                               "AND member_no = '' AND status = 'decided'"), 1);
    assert_string_equal(fx_text(f, "SELECT member_no FROM audit_log WHERE action = 'inquiry.add'"), "");
    assert_string_equal(fx_text(f, "SELECT member_query FROM inquiries"), "member_no=20000001");
}

/* 第20条第4項(d): the chief officer's deny-list, matched as search keys. */
static void test_deny_list(void **state)
{
    fx *f = *state;
    meibo_err err;
    int64_t id = 0;
    assert_int_equal(denylist_add(f->ctx, NULL, "日本架空学会", "虚偽の照会", NULL, &id, &err),
                     MEIBO_ERR_DENIED);
    fx_as(f, "kanri");
    assert_int_equal(denylist_add(f->ctx, NULL, NULL, "x", NULL, &id, &err), MEIBO_ERR_INVALID);
    assert_int_equal(denylist_add(f->ctx, NULL, "日本架空学会", "", NULL, &id, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "reason");
    assert_ok(denylist_add(f->ctx, NULL, "日本架空学会", "虚偽の照会", "令和8年11月1日", &id, &err), &err);
    assert_string_equal(fx_text(f, "SELECT listed_on FROM denylist"), "2026-11-01");
    fx_as(f, "clerk1");
    inquiry_request q = academic("20000001", "a");
    q.organization = "日本 架空 学会"; /* spaces and width do not matter */
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err);
    assert_int_equal(res.decision.outcome, DECIDE_REFUSE);
    assert_int_equal(res.deny_list_id, id);
    assert_string_equal(reason_article(&res.decision, "deny_listed"), "第20条第4項(d)");
    /* a requester-only entry matches that person from any organization */
    fx_as(f, "kanri");
    int64_t id2 = 0;
    assert_ok(denylist_add(f->ctx, "乙野三郎", NULL, "脅迫的な照会", NULL, &id2, &err), &err);
    assert_ok(denylist_remove(f->ctx, id, "誤登録", &err), &err);
    assert_int_equal(denylist_remove(f->ctx, id, "again", &err), MEIBO_ERR_INVALID);
    fx_as(f, "clerk1");
    assert_ok(inquiry_decide(f->ctx, &q, &res, &err), &err); /* removed: no longer refused */
    assert_int_equal(res.deny_list_id, 0);
    q.requester = "乙野 三郎";
    q.organization = "別の学会";
    assert_ok(inquiry_decide(f->ctx, &q, &res, &err), &err);
    assert_int_equal(res.deny_list_id, id2);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM audit_log WHERE action LIKE 'denylist.%'"), 3);
}

/* A name that several members have is refused until narrowed; variant kanji fold (髙→高). */
static void test_member_by_name(void **state)
{
    fx *f = *state;
    meibo_err err;
    inquiry_request q = academic(NULL, "a");
    q.name = "高橋 一郎";
    assert_int_equal(inquiry_decide(f->ctx, &q, &res, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "name");
    assert_non_null(strstr(err.msg, "2 members match"));
    assert_non_null(strstr(err.msg, "narrow it"));
    q.birth_date = "S50.5.5";
    assert_ok(inquiry_decide(f->ctx, &q, &res, &err), &err);
    assert_string_equal(res.member_no, "20000001");
    q.birth_date = NULL;
    q.facility = "市民病院";
    assert_ok(inquiry_decide(f->ctx, &q, &res, &err), &err);
    assert_string_equal(res.member_no, "20000002");
    q.facility = NULL;
    q.name = "ﾀｶﾊｼ ｲﾁﾛｳ"; /* the reading, half-width */
    q.birth_date = "1980-01-01";
    assert_ok(inquiry_decide(f->ctx, &q, &res, &err), &err);
    assert_string_equal(res.member_no, "20000002");
    /* nobody by that name: while the requester still owes its pledge it waits for it, as for
     * a member (第20条第3項, 取扱規程 第6条); without one owed (a policy that asks none of
     * academic societies), not_found */
    q.name = "山本五郎";
    q.birth_date = NULL;
    assert_ok(inquiry_decide(f->ctx, &q, &res, &err), &err);
    assert_int_equal(res.decision.outcome, DECIDE_HOLD);
    assert_int_equal(res.decision.hold, DECIDE_HOLD_PLEDGE);
    assert_string_equal(res.member_no, "");
    fx_as(f, "kanri");
    policy_change ch = {.table = POLICY_CATEGORY, .code = "academic", .permitted = -1,
                        .legal_basis = -1, .pledge_required = 0, .note = "理事会決定"};
    assert_ok(policy_edit(f->ctx, &ch, NULL, &err), &err);
    fx_as(f, "clerk1");
    assert_ok(inquiry_decide(f->ctx, &q, &res, &err), &err);
    assert_int_equal(res.decision.outcome, DECIDE_NOT_FOUND);
    assert_string_equal(res.member_no, "");
}

/* 取扱規程 第6条: the hold waits for a pledge; an expired one or one that does not cover the
 * items releases nothing; the right one releases it and the provision is recorded. */
static void test_pledge_releases_hold(void **state)
{
    fx *f = *state;
    meibo_err err;
    inquiry_request q = academic("20000001", "a");
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err);
    int64_t id = res.inquiry_id;
    assert_string_equal(res.status, "pending");
    assert_int_equal(res.decision.hold, DECIDE_HOLD_PLEDGE);
    pledge_added added;
    const char *expired[4] = {"paper", "enrollment_check", "a", "2026-11-20"};
    pledge_new p = pledge_for("日本架空学会", expired);
    assert_int_equal(pledge_add(f->ctx, &p, inquiry_release_pledge_holds, &added, &err), MEIBO_ERR_DENIED); /* clerk */
    fx_as(f, "mgr");
    assert_ok(pledge_add(f->ctx, &p, inquiry_release_pledge_holds, &added, &err), &err);
    assert_int_equal(added.redecided, 1);
    assert_int_equal(added.released, 0);
    const char *narrow[4] = {"paper", "society_business", "a", "2027-11-20"};
    p = pledge_for("日本架空学会", narrow);
    assert_ok(pledge_add(f->ctx, &p, inquiry_release_pledge_holds, &added, &err), &err);
    assert_int_equal(added.released, 0);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM inquiries WHERE status = 'pending'"), 1);
    const char *good[4] = {"paper", "enrollment_check,society_business", "a,d", "2027-11-20"};
    p = pledge_for("日本架空学会", good);
    assert_ok(pledge_add(f->ctx, &p, inquiry_release_pledge_holds, &added, &err), &err);
    assert_int_equal(added.released, 1);
    assert_int_equal(added.released_ids[0], id);
    assert_string_equal(fx_text(f, "SELECT status FROM inquiries"), "decided");
    assert_string_equal(fx_text(f, "SELECT group_concat(kind || ':' || outcome || ':' || "
                                   "policy_version, ' ') FROM inquiry_decisions"),
                        "initial:hold:1 release:provide:1");
    /* 個人情報保護法 第29条: the provision record, kept three years, written when the answer
     * goes out (issue 14), not when it is decided */
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions"), 0);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions_pending"), 1);
    assert_ok(inquiry_provision_given(f->ctx, id, "letter", &err), &err);
    assert_ok(inquiry_provision_given(f->ctx, id, "letter", &err), &err); /* once only */
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions_pending"), 0);
    assert_string_equal(fx_text(f, "SELECT member_no || ' ' || provided_on || ' ' || items || ' ' "
                                   "|| retention_until || ' ' || legal_basis || ' ' || pledge_id "
                                   "|| ' ' || inquiry_id FROM provisions"),
                        "20000001 2026-11-21 a 2029-11-21 0 3 1");
    assert_int_equal(fx_int(f, "SELECT count(*) FROM audit_log WHERE action = 'inquiry.release' "
                               "AND member_no = '20000001'"), 1);
    /* a later inquiry from the same recipient is provided at once */
    fx_as(f, "clerk1");
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err);
    assert_int_equal(res.decision.outcome, DECIDE_PROVIDE);
    assert_int_equal(res.decision.pledge_id, 3);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions"), 1);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions_pending"), 1);
}

/* 第20条第2項: a telephone answer waits for the chief officer, who approves or denies with a
 * comment; the approval is a decision of its own and the provision is recorded. The consent
 * to the method waives nothing else: a committee member (d) answered by telephone still needs
 * a pledge on file (取扱規程 第6条) — here it has one. */
static void test_approve_and_deny(void **state)
{
    fx *f = *state;
    meibo_err err;
    fx_as(f, "mgr");
    const char *paper[4] = {"paper", "society_business", "d", "2027-11-20"};
    recipient_in rin = {.person = "委員甲", .category = "member", .identity = "会員証で確認"};
    int64_t rid;
    assert_ok(recipient_add(f->ctx, &rin, &rid, &err), &err);
    pledge_new pl = pledge_for("委員甲", paper);
    pledge_added added;
    assert_ok(pledge_add(f->ctx, &pl, inquiry_release_pledge_holds, &added, &err), &err);
    fx_as(f, "clerk1");
    inquiry_request q = {.requester = "委員甲", .category = "member", .identity = "verified",
                         .identity_check = "会員証", .purpose = "society_business",
                         .items = "d", .method = "other", .channel = "phone",
                         .member_no = "20000001"};
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err);
    int64_t first = res.inquiry_id;
    assert_int_equal(res.decision.hold, DECIDE_HOLD_CHIEF);
    assert_string_equal(reason_article(&res.decision, "pledge_on_file"), "取扱規程 第6条");
    assert_string_equal(reason_article(&res.decision, "method_not_written"), "第20条第2項");
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err);
    int64_t second = res.inquiry_id;
    assert_int_equal(inquiry_approve(f->ctx, first, "緊急の連絡", &res, &err), MEIBO_ERR_DENIED);
    fx_as(f, "mgr");
    assert_int_equal(inquiry_approve(f->ctx, first, "緊急の連絡", &res, &err), MEIBO_ERR_DENIED);
    fx_as(f, "kanri");
    assert_int_equal(inquiry_approve(f->ctx, first, "", &res, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "comment");
    assert_ok(inquiry_approve(f->ctx, first, "委員からの電話照会、折り返し確認済み", &res, &err), &err);
    assert_string_equal(res.status, "approved");
    assert_int_equal(res.decision.outcome, DECIDE_PROVIDE);
    assert_string_equal(reason_article(&res.decision, "chief_approved"), "第20条第2項");
    assert_int_equal(inquiry_approve(f->ctx, first, "again", &res, &err), MEIBO_ERR_INVALID);
    assert_string_equal(fx_text(f, "SELECT kind || ' ' || decided_by || ' ' || decided_role || ' ' "
                                   "|| comment FROM inquiry_decisions ORDER BY id DESC LIMIT 1"),
                        "approve kanri chief 委員からの電話照会、折り返し確認済み");
    /* answered by telephone with the chief's consent (第20条第2項): marked given */
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions"), 0);
    fx_as(f, "clerk1");
    assert_ok(inquiry_mark_given(f->ctx, first, &err), &err);
    assert_int_equal(inquiry_mark_given(f->ctx, first, &err), MEIBO_ERR_INVALID); /* once */
    fx_as(f, "kanri");
    assert_non_null(strstr(fx_text(f, "SELECT basis FROM provisions"), "個人情報総責任者の承認"));
    assert_ok(inquiry_deny(f->ctx, second, "書面で再照会を依頼", &res, &err), &err);
    assert_int_equal(inquiry_mark_given(f->ctx, second, &err), MEIBO_ERR_INVALID);
    assert_string_equal(res.status, "denied");
    assert_int_equal(res.decision.outcome, DECIDE_REFUSE);
    assert_string_equal(reason_article(&res.decision, "chief_denied"), "第20条第2項");
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions"), 1);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM audit_log WHERE action IN ('inquiry.approve', "
                               "'inquiry.deny') AND user_login = 'kanri'"), 2);
}

/* Approving a hold re-checks the pledge: electronic media need a pledge covering them
 * (取扱規程 第5条) before the chief officer's approval can go through. */
static void test_approve_rechecks_pledge(void **state)
{
    fx *f = *state;
    meibo_err err;
    inquiry_request q = academic("20000001", "a");
    q.medium = "electronic";
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err);
    int64_t id = res.inquiry_id;
    assert_int_equal(res.decision.hold, DECIDE_HOLD_CHIEF | DECIDE_HOLD_PLEDGE);
    fx_as(f, "kanri");
    assert_int_equal(inquiry_approve(f->ctx, id, "やむを得ない", &res, &err), MEIBO_ERR_INVALID);
    assert_non_null(strstr(err.msg, "still waits for a pledge"));
    assert_string_equal(fx_text(f, "SELECT status FROM inquiries"), "pending");
    pledge_added added;
    const char *paper[4] = {"paper", "enrollment_check", "a", "2027-11-20"};
    pledge_new p = pledge_for("日本架空学会", paper);
    assert_ok(pledge_add(f->ctx, &p, inquiry_release_pledge_holds, &added, &err), &err);
    assert_int_equal(added.released, 0); /* paper does not cover electronic media */
    const char *both[4] = {"paper,electronic", "enrollment_check", "a", "2027-11-20"};
    p = pledge_for("日本架空学会", both);
    assert_ok(pledge_add(f->ctx, &p, inquiry_release_pledge_holds, &added, &err), &err);
    assert_int_equal(added.released, 1); /* no longer waiting for a pledge; still for the chief */
    assert_string_equal(fx_text(f, "SELECT status || ' ' || d.hold FROM inquiries q JOIN "
                                   "inquiry_decisions d ON d.id = q.decision_id"), "pending chief");
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions"), 0);
    assert_ok(inquiry_approve(f->ctx, id, "暗号化し、パスワードは別送", &res, &err), &err);
    assert_string_equal(reason_article(&res.decision, "chief_approved"), "取扱規程 第5条, 第38条");
    assert_ok(inquiry_provision_given(f->ctx, id, "letter", &err), &err);
    assert_int_equal(fx_int(f, "SELECT pledge_id FROM provisions"), 2);
}

/* 第20条第5項 (本人からの書面による申請): the decision reads the opt-out derived from the records,
 * one rule: a member edit neither makes nor lifts it; a telephone request stops provision at
 * once (the interim record, 書面待ち); only the written withdrawal lifts it. */
static decide_outcome academic_outcome(fx *f, const char *no)
{
    meibo_err err;
    inquiry_request q = academic(no, "a");
    assert_ok(inquiry_decide(f->ctx, &q, &res, &err), &err);
    return res.decision.outcome;
}

static void test_optout_from_records(void **state)
{
    fx *f = *state;
    meibo_err err;
    fx_as(f, "mgr");
    const char *paper[4] = {"paper", "enrollment_check", "a", "2027-11-20"};
    pledge_new pl = pledge_for("日本架空学会", paper);
    pledge_added added;
    assert_ok(pledge_add(f->ctx, &pl, inquiry_release_pledge_holds, &added, &err), &err);
    fx_as(f, "clerk1");
    assert_int_equal(academic_outcome(f, "20000001"), DECIDE_PROVIDE);
    meibo_member m;
    member_init(&m);
    assert_ok(member_load(f->ctx, "20000001", 0, &m, &err), &err);
    assert_ok(member_set(&m, MF_OPTOUT_ON, "2026-11-01", &err), &err);
    assert_int_equal(member_update(f->ctx, &m, &err), MEIBO_ERR_INVALID);
    member_clear(&m);
    assert_int_equal(academic_outcome(f, "20000001"), DECIDE_PROVIDE);
    /* by telephone: no document, stopped at once */
    optout_new phone = {"20000001", "2026-11-20", "停-仮", 0, true};
    assert_int_equal(optout_add(f->ctx, &phone, NULL, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "document_no");
    phone.document_no = NULL;
    int64_t id = 0;
    assert_ok(optout_add(f->ctx, &phone, &id, &err), &err);
    assert_int_equal(academic_outcome(f, "20000001"), DECIDE_REFUSE);
    assert_string_equal(reason_article(&res.decision, "opted_out"), "第20条第5項");
    assert_string_equal(fx_text(f, "SELECT channel || '[' || document_no || ']' FROM member_optouts "
                                   "WHERE member_id = (SELECT id FROM members WHERE member_no = "
                                   "'20000001')"), "phone[]");
    /* clearing the field does not lift it */
    member_init(&m);
    assert_ok(member_load(f->ctx, "20000001", 0, &m, &err), &err);
    assert_string_equal(member_get_field(&m, MF_OPTOUT_ON), "2026-11-20");
    assert_ok(member_set(&m, MF_OPTOUT_ON, "", &err), &err);
    assert_int_equal(member_update(f->ctx, &m, &err), MEIBO_ERR_INVALID);
    member_clear(&m);
    assert_int_equal(academic_outcome(f, "20000001"), DECIDE_REFUSE);
    assert_int_equal(optout_written(f->ctx, id, "2026-11-19", "停-2026-010", &err), MEIBO_ERR_INVALID);
    assert_ok(optout_written(f->ctx, id, NULL, "停-2026-010", &err), &err);
    assert_int_equal(optout_written(f->ctx, id, NULL, "停-2026-011", &err), MEIBO_ERR_INVALID);
    assert_int_equal(academic_outcome(f, "20000001"), DECIDE_REFUSE);
    assert_ok(optout_withdraw(f->ctx, "20000001", NULL, "撤-2026-010", NULL, &err), &err);
    assert_int_equal(academic_outcome(f, "20000001"), DECIDE_PROVIDE);
}

/* 第20条第5項: the opt-out binds an academic society (once nothing more is asked of it: its
 * pledge is on file), not a police inquiry under its statute (第19条第1項第1号: held for the
 * chief officer, no purpose, the items it names, its 照会書 recorded); the provision is flagged
 * as legal-basis. A former member's inquiry goes to the chief. */
static void test_optout_and_former_member(void **state)
{
    fx *f = *state;
    meibo_err err;
    inquiry_request q = academic("20000003", "a");
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err);
    assert_int_equal(res.decision.outcome, DECIDE_HOLD); /* the same next step as for anyone */
    assert_int_equal(res.decision.hold, DECIDE_HOLD_PLEDGE);
    fx_as(f, "mgr");
    const char *paper[4] = {"paper", "enrollment_check", "a", "2027-11-20"};
    pledge_new pl = pledge_for("日本架空学会", paper);
    pledge_added added;
    assert_ok(pledge_add(f->ctx, &pl, inquiry_release_pledge_holds, &added, &err), &err);
    assert_int_equal(added.released, 1);
    assert_string_equal(fx_text(f, "SELECT d.outcome || ' ' || q.status FROM inquiries q JOIN "
                                   "inquiry_decisions d ON d.id = q.decision_id"),
                        "refuse decided");
    fx_as(f, "clerk1");
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err);
    assert_int_equal(res.decision.outcome, DECIDE_REFUSE);
    assert_string_equal(reason_article(&res.decision, "opted_out"), "第20条第5項");
    q = (inquiry_request){.requester = "巡査部長 甲", .organization = "架空県警察本部",
                          .category = "police", .identity = "verified", .items = "a,e",
                          .legal_basis = "刑事訴訟法第197条第2項",
                          .legal_document = "架県刑第123号 (令和8年11月20日)",
                          .member_no = "20000003"};
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err);
    assert_int_equal(res.decision.outcome, DECIDE_HOLD);
    assert_int_equal(res.decision.hold, DECIDE_HOLD_CHIEF);
    assert_string_equal(reason_article(&res.decision, "legal_basis"), "第19条第1項第1号");
    assert_string_equal(fx_text(f, "SELECT legal_document FROM inquiries ORDER BY id DESC"),
                        "架県刑第123号 (令和8年11月20日)");
    int64_t id = res.inquiry_id;
    fx_as(f, "kanri");
    assert_ok(inquiry_approve(f->ctx, id, "捜査関係事項照会", &res, &err), &err);
    assert_int_equal(res.decision.outcome, DECIDE_PROVIDE);
    assert_string_equal(reason_article(&res.decision, "optout_legal_basis"), "第20条第5項");
    assert_ok(inquiry_provision_given(f->ctx, id, "letter", &err), &err);
    assert_int_equal(fx_int(f, "SELECT legal_basis FROM provisions"), 1);
    assert_string_equal(fx_text(f, "SELECT items || ' ' || purpose FROM provisions"), "a,e ");
    assert_non_null(strstr(fx_text(f, "SELECT basis FROM provisions"),
                           "第19条第1項第1号 法令に基づく提供: 刑事訴訟法第197条第2項 "
                           "(照会書 架県刑第123号 (令和8年11月20日))"));
    /* approved, but nobody: the statute learns it (the decision stored, status decided) */
    fx_as(f, "clerk1");
    q.member_no = "29999999";
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err);
    assert_int_equal(res.decision.outcome, DECIDE_HOLD);
    id = res.inquiry_id;
    fx_as(f, "kanri");
    assert_ok(inquiry_approve(f->ctx, id, "捜査関係事項照会", &res, &err), &err);
    assert_int_equal(res.decision.outcome, DECIDE_NOT_FOUND);
    assert_string_equal(res.status, "decided");
    fx_as(f, "clerk1");
    q = academic("20000004", "a");
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err);
    assert_int_equal(res.decision.outcome, DECIDE_HOLD);
    assert_true(res.decision.hold & DECIDE_HOLD_CHIEF);
    assert_string_equal(reason_article(&res.decision, "former_member"), "第20条");
}

/* Each decision stores the policy version it used; an edit makes a new one (chief only). */
static void test_policy_version_used(void **state)
{
    fx *f = *state;
    meibo_err err;
    policy_change ch = {.table = POLICY_CATEGORY, .code = "academic", .permitted = -1,
                        .legal_basis = -1, .pledge_required = 0, .note = "理事会決定"};
    int64_t v = 0;
    assert_int_equal(policy_edit(f->ctx, &ch, &v, &err), MEIBO_ERR_DENIED);
    fx_as(f, "kanri");
    assert_ok(policy_edit(f->ctx, &ch, &v, &err), &err);
    assert_int_equal(v, 2);
    fx_as(f, "clerk1");
    inquiry_request q = academic("20000001", "a");
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err);
    assert_int_equal(res.decision.outcome, DECIDE_PROVIDE);
    assert_int_equal(res.decision.policy_version, 2);
    assert_int_equal(fx_int(f, "SELECT policy_version FROM inquiry_decisions"), 2);
}

/* Bad input is refused whole with the field named; nothing is recorded. */
static void test_bad_requests(void **state)
{
    fx *f = *state;
    meibo_err err;
    static const struct {
        const char *field, *value, *want;
    } cases[] = {
        {"identity", "maybe", "identity"},     {"category", "tabloid", "category"},
        {"items", "a,g", "items"},
        {"channel", "pigeon", "channel"},      {"received_on", "2026-12-01", "received_on"},
        {"method", "oral", "method"},          {"requester", "", "requester"},
        {"legal_basis", "民事訴訟法", "purpose"}, {"name", "高橋", "member"},
        {"birth_date", "1975-05-05", "member"}, {"requester", "山田\x1b[2J", "requester"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        inquiry_request q = academic("20000001", "a");
        const char **slot = !strcmp(cases[i].field, "identity")      ? &q.identity
                            : !strcmp(cases[i].field, "category")    ? &q.category
                            : !strcmp(cases[i].field, "purpose")     ? &q.purpose
                            : !strcmp(cases[i].field, "items")       ? &q.items
                            : !strcmp(cases[i].field, "channel")     ? &q.channel
                            : !strcmp(cases[i].field, "received_on") ? &q.received_on
                            : !strcmp(cases[i].field, "method")      ? &q.method
                            : !strcmp(cases[i].field, "requester")   ? &q.requester
                            : !strcmp(cases[i].field, "legal_basis") ? &q.legal_basis
                            : !strcmp(cases[i].field, "name")        ? &q.name
                                                                     : &q.birth_date;
        *slot = cases[i].value;
        meibo_err_clear(&err);
        meibo_status st = inquiry_add(f->ctx, &q, &res, &err);
        if (st == MEIBO_OK || strcmp(err.field, cases[i].want) != 0)
            fail_msg("%s=%s: status %d field '%s' (%s)", cases[i].field, cases[i].value, st,
                     err.field, err.msg);
    }
    assert_int_equal(fx_int(f, "SELECT count(*) FROM inquiries"), 0);
}

/* 第20条第1項, 第20条第4項: every inquiry is recorded and decided: a purpose that is not one of
 * 第20条第1項's, a forbidden requester citing a statute, a purpose outside the requester's scope. */
static void test_every_inquiry_recorded(void **state)
{
    fx *f = *state;
    meibo_err err;
    inquiry_request q = academic("20000001", "d");
    q.purpose = "marketing";
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err);
    assert_int_equal(res.decision.outcome, DECIDE_REFUSE);
    assert_string_equal(reason_article(&res.decision, "purpose_not_listed"), "第20条第1項");
    q.purpose = NULL;
    q.category = "investigator";
    q.legal_basis = "探偵業法";
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err);
    assert_string_equal(reason_article(&res.decision, "forbidden_category"), "第20条第4項(c)");
    q = academic("20000001", "f");
    q.category = "colleague";
    q.purpose = "society_business";
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err);
    assert_string_equal(reason_article(&res.decision, "purpose_scope"), "第20条第1項(d)(e)(f)");
    assert_int_equal(fx_int(f, "SELECT count(*) FROM inquiries WHERE status = 'decided' "
                               "AND member_id IS NULL"), 3);
    assert_string_equal(fx_text(f, "SELECT purpose FROM inquiries WHERE id = 1"), "marketing");
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions"), 0);
}

/* Listing and reading inquiries are audited; show gives every decision with its reasons. */
static int count_decisions(const inquiry_decision_info *d, void *arg)
{
    int *n = arg;
    assert_true(d->nreasons > 0);
    (*n)++;
    return 0;
}

static int count_inquiry(const inquiry_info *q, void *arg)
{
    (void)q;
    (void)arg;
    return 0;
}

static void test_list_and_show(void **state)
{
    fx *f = *state;
    meibo_err err;
    inquiry_request q = academic("20000001", "a");
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err);
    int n = 0;
    assert_ok(inquiry_show(f->ctx, res.inquiry_id, count_inquiry, count_decisions, &n, &err), &err);
    assert_int_equal(n, 1);
    assert_int_equal(inquiry_show(f->ctx, 99, count_inquiry, NULL, NULL, &err), MEIBO_ERR_NOT_FOUND);
    inquiry_filter flt = {.status = "pending"};
    assert_ok(inquiry_list(f->ctx, &flt, count_inquiry, NULL, &err), &err);
    flt.status = "held";
    assert_int_equal(inquiry_list(f->ctx, &flt, count_inquiry, NULL, &err), MEIBO_ERR_INVALID);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM audit_log WHERE action = 'inquiry.read' "
                               "AND member_no = '20000001'"), 1);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM audit_log WHERE action = 'inquiry.list'"), 1);
}

/* Issue 14: an inquiry recorded by mistake is voided with its reason (audited): it leaves the
 * holds, is released by no pledge and approved by no one, and its decided provision is dropped,
 * so no record of provision (個人情報保護法 第29条) is ever written for it; one whose answer was
 * given stays, with its record. */
static int count_pending(const inquiry_info *q, void *arg)
{
    (void)q;
    (*(int *)arg)++;
    return 0;
}

static void test_void(void **state)
{
    fx *f = *state;
    meibo_err err;
    inquiry_request q = academic("20000001", "a");
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err); /* 1: held for a pledge */
    int64_t held = res.inquiry_id;
    assert_int_equal(inquiry_void(f->ctx, held, "", &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "reason");
    assert_ok(inquiry_void(f->ctx, held, "別の会員の照会と取り違えて記録", &err), &err);
    assert_int_equal(inquiry_void(f->ctx, held, "again", &err), MEIBO_ERR_INVALID);
    int n = 0;
    inquiry_filter pf = {.status = "pending"};
    assert_ok(inquiry_list(f->ctx, &pf, count_pending, &n, &err), &err);
    assert_int_equal(n, 0); /* out of the approvals queue */
    fx_as(f, "kanri");
    assert_int_equal(inquiry_approve(f->ctx, held, "承認", &res, &err), MEIBO_ERR_INVALID);
    fx_as(f, "mgr");
    const char *good[4] = {"paper", "enrollment_check", "a", "2027-11-20"};
    pledge_new p = pledge_for("日本架空学会", good);
    pledge_added added;
    assert_ok(pledge_add(f->ctx, &p, inquiry_release_pledge_holds, &added, &err), &err);
    assert_int_equal(added.released, 0); /* the voided one is not released */
    fx_as(f, "clerk1");
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err); /* 2: provided at once */
    int64_t provided = res.inquiry_id;
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions_pending"), 1);
    assert_ok(inquiry_void(f->ctx, provided, "照会者を取り違えた", &err), &err);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions_pending"), 0);
    assert_ok(inquiry_provision_given(f->ctx, provided, "letter", &err), &err);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions"), 0);
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err); /* 3: given, then not voidable */
    assert_ok(inquiry_provision_given(f->ctx, res.inquiry_id, "letter", &err), &err);
    assert_int_equal(inquiry_void(f->ctx, res.inquiry_id, "誤り", &err), MEIBO_ERR_CONFLICT);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions"), 1);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM audit_log WHERE action = 'inquiry.void' "
                               "AND detail LIKE '%reason=照会者を取り違えた'"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_what_if_records_nothing, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_forbidden_not_looked_up, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_deny_list, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_member_by_name, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_pledge_releases_hold, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_void, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_approve_and_deny, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_approve_rechecks_pledge, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_optout_and_former_member, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_optout_from_records, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_policy_version_used, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_bad_requests, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_every_inquiry_recorded, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_list_and_show, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests_name("inquiry", tests, NULL, NULL);
}

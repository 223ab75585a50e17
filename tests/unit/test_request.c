/* test_request.c: members' rights requests (規程 第22–23条) and the opt-out intake (第20条第5項):
 * due dates, the lifecycle received → decided → completed, who may decide what, identity and
 * agency (第22条第1項), a correction through the audited member edit, a stop of provision that
 * records the opt-out, meibo.conf's request_due_days, and the decisions a restore applies again
 * or lists to do again (取扱規程 第19条). */
#include "inquiry_fixture.h"

#include "meibo/backup.h"
#include "meibo/config.h"
#include "meibo/optout.h"
#include "meibo/request.h"
#include "meibo/restore.h"
#include "meibo/roster.h"

static request_new disclosure(const char *member_no, const char *received)
{
    return (request_new){.kind = "disclosure", .member_no = member_no, .received_on = received,
                         .identity = "drivers_license"};
}

static int64_t add(fx *f, request_new r)
{
    int64_t id = 0;
    meibo_err err;
    assert_ok(request_add(f->ctx, &r, &id, &err), &err);
    assert_true(id > 0);
    return id;
}

typedef struct seen {
    int n;
    char text[1024];
} seen;

/* "id:due:flag" of each row, flag o(verdue) s(oon) -, days left */
static int collect(const request_info *r, void *arg)
{
    seen *s = arg;
    s->n++;
    snprintf(s->text + strlen(s->text), sizeof s->text - strlen(s->text), "%s%lld:%s:%s%d",
             *s->text ? " " : "", (long long)r->id, r->due_on,
             r->overdue ? "o" : r->due_soon ? "s" : "-", r->days_left);
    return 0;
}

static const char *listing(fx *f, const request_filter *filter)
{
    static seen s;
    memset(&s, 0, sizeof s);
    meibo_err err;
    assert_ok(request_list(f->ctx, filter, collect, &s, &err), &err);
    return s.text;
}

static int64_t days(int n)
{
    return (int64_t)n * 86400;
}

/* Due dates: received + 14 days by default (rules/004: about two weeks), configurable, or given;
 * overdue and nearly due (REQUEST_SOON_DAYS) by the clock. */
static void test_due_dates(void **state)
{
    fx *f = *state;
    int64_t a = add(f, disclosure("20000001", "2026-11-10"));   /* due 11-24 */
    request_new r = disclosure("20000002", "2026-11-01");
    r.due_days = 30;
    int64_t b = add(f, r);                                        /* due 12-01 */
    r = disclosure("20000003", "2024-02-20");
    int64_t c = add(f, r);                                        /* leap year: 03-05 */
    r = disclosure("20000001", NULL);
    r.due_on = "令和8年11月21日";
    int64_t d = add(f, r);                                        /* due today */
    assert_string_equal(fx_text(f, "SELECT group_concat(due_on, ' ') FROM "
                                   "(SELECT due_on FROM rights_requests ORDER BY id)"),
                        "2026-11-24 2026-12-01 2024-03-05 2026-11-21");
    (void)a, (void)b, (void)c, (void)d;
    /* today 2026-11-21: c overdue, d due today, a in 3 days (nearly due), b in 10 */
    assert_string_equal(listing(f, NULL), "3:2024-03-05:o-991 4:2026-11-21:s0 1:2026-11-24:s3 "
                                          "2:2026-12-01:-10");
    request_filter due = {.due = true};
    assert_string_equal(listing(f, &due), "3:2024-03-05:o-991 4:2026-11-21:s0 1:2026-11-24:s3");
    due.due_within = 10;
    assert_string_equal(listing(f, &due), "3:2024-03-05:o-991 4:2026-11-21:s0 1:2026-11-24:s3 "
                                          "2:2026-12-01:-10");
    int overdue, soon;
    meibo_err err;
    assert_ok(request_due_counts(f->ctx, &overdue, &soon, &err), &err);
    assert_int_equal(overdue, 1);
    assert_int_equal(soon, 2);
    /* four days later: a is overdue by one day, b nearly due */
    f->ctx->fixed_now = FX_NOW + days(4);
    assert_ok(request_due_counts(f->ctx, &overdue, &soon, &err), &err);
    assert_int_equal(overdue, 3);
    assert_int_equal(soon, 0);
    f->ctx->fixed_now = FX_NOW + days(8);
    assert_string_equal(listing(f, &(request_filter){.due = true}),
                        "3:2024-03-05:o-999 4:2026-11-21:o-8 1:2026-11-24:o-5 2:2026-12-01:s2");
    f->ctx->fixed_now = FX_NOW;
    /* a due date before the receipt, a due_days out of range */
    r = disclosure("20000001", "2026-11-10");
    r.due_on = "2026-11-09";
    assert_int_equal(request_add(f->ctx, &r, NULL, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "due_on");
    r.due_on = NULL;
    r.due_days = 400;
    assert_int_equal(request_add(f->ctx, &r, NULL, &err), MEIBO_ERR_INVALID);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM rights_requests"), 4);
}

/* meibo.conf request_due_days: 14 by default, 1 to 90. */
static void test_config(void **state)
{
    (void)state;
    meibo_config c;
    meibo_err err;
    config_defaults(&c);
    assert_int_equal(c.request_due_days, REQUEST_DUE_DAYS);
    assert_int_equal(c.request_due_days, 14);
    assert_ok(config_parse("request_due_days = 30\n", "t.conf", &c, &err), &err);
    assert_int_equal(c.request_due_days, 30);
    static const char *const bad[] = {"request_due_days = 0\n", "request_due_days = 91\n",
                                      "request_due_days = 2w\n", "request_due_days =\n"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(config_parse(bad[i], "t.conf", &c, &err), MEIBO_ERR_INVALID);
        assert_string_equal(err.field, "request_due_days");
        assert_non_null(strstr(err.msg, "t.conf:1: request_due_days: a number of days from 1 to 90"));
        assert_int_equal(c.request_due_days, 30);
    }
}

static const char *status_of(fx *f, int64_t id)
{
    char sql[120];
    snprintf(sql, sizeof sql, "SELECT status FROM rights_requests WHERE id = %lld", (long long)id);
    return fx_text(f, sql);
}

/* received → decided → completed; completion needs the notice in writing (第22条第5項). */
static void test_lifecycle(void **state)
{
    fx *f = *state;
    meibo_err err;
    int64_t id = add(f, disclosure("20000001", "2026-11-10"));
    assert_string_equal(status_of(f, id), "received");
    assert_int_equal(request_complete(f->ctx, id, NULL, &err), MEIBO_ERR_INVALID);
    assert_non_null(strstr(err.msg, "not decided yet"));
    request_decision full = {.decision = "full"};
    assert_ok(request_decide(f->ctx, id, &full, &err), &err);
    assert_string_equal(status_of(f, id), "decided");
    assert_int_equal(request_decide(f->ctx, id, &full, &err), MEIBO_ERR_INVALID);
    assert_non_null(strstr(err.msg, "already decided"));
    /* 第22条第5項: the notice first */
    assert_int_equal(request_complete(f->ctx, id, NULL, &err), MEIBO_ERR_INVALID);
    assert_non_null(strstr(err.msg, "第22条第5項"));
    assert_ok(request_notified(f->ctx, id, &err), &err);
    assert_int_equal(request_complete(f->ctx, id, "2026-11-22", &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "date");
    assert_int_equal(request_complete(f->ctx, id, "2026-11-20", &err), MEIBO_ERR_INVALID);
    assert_non_null(strstr(err.msg, "before the decision"));
    assert_ok(request_complete(f->ctx, id, NULL, &err), &err);
    assert_string_equal(status_of(f, id), "completed");
    assert_int_equal(request_complete(f->ctx, id, NULL, &err), MEIBO_ERR_INVALID);
    /* kept, and no longer open */
    assert_string_equal(listing(f, NULL), "");
    assert_string_equal(listing(f, &(request_filter){.all = true}), "1:2026-11-24:-3");
    assert_string_equal(fx_text(f, "SELECT group_concat(action, ' ') FROM (SELECT action FROM "
                                   "audit_log WHERE action LIKE 'request.%' AND action <> "
                                   "'request.read' ORDER BY id)"),
                        "request.add request.decide request.complete");
    assert_int_equal(request_decide(f->ctx, 999, &full, &err), MEIBO_ERR_NOT_FOUND);
}

/* The clerk grants; refusing or withholding (第22条第4項, 第23条) is the chief officer's
 * (規程 第10条第2項, 第18条), with a reason of the request's kind. */
static void test_roles(void **state)
{
    fx *f = *state;
    meibo_err err;
    int64_t id = add(f, disclosure("20000001", NULL));
    request_decision none = {.decision = "none", .reason = "harm"};
    request_decision part = {.decision = "partial", .reason = "law", .note = "一部",
                             .withhold = "email"};
    assert_int_equal(request_decide(f->ctx, id, &none, &err), MEIBO_ERR_DENIED);
    fx_as(f, "mgr");
    assert_int_equal(request_decide(f->ctx, id, &part, &err), MEIBO_ERR_DENIED);
    fx_as(f, "kanri");
    request_decision wrong = {.decision = "none", .reason = "accurate"};
    assert_int_equal(request_decide(f->ctx, id, &wrong, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "reason");
    request_decision unknown = {.decision = "none", .reason = "whim"};
    assert_int_equal(request_decide(f->ctx, id, &unknown, &err), MEIBO_ERR_INVALID);
    request_decision bare = {.decision = "none"};
    assert_int_equal(request_decide(f->ctx, id, &bare, &err), MEIBO_ERR_INVALID);
    request_decision full_reason = {.decision = "full", .reason = "harm"};
    assert_int_equal(request_decide(f->ctx, id, &full_reason, &err), MEIBO_ERR_INVALID);
    request_decision no_withhold = {.decision = "partial", .reason = "law", .note = "一部"};
    assert_int_equal(request_decide(f->ctx, id, &no_withhold, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "withhold");
    assert_string_equal(status_of(f, id), "received");
    assert_ok(request_decide(f->ctx, id, &part, &err), &err);
    assert_string_equal(fx_text(f, "SELECT decision || ' ' || reason || ' ' || withheld || ' ' || "
                                   "decided_by || ' ' || decided_role FROM rights_requests"),
                        "partial law email kanri chief");
}

/* 第22条第1項: granted only once identity, and an agent's authority, are confirmed. */
static void test_identity_and_agency(void **state)
{
    fx *f = *state;
    meibo_err err;
    request_new r = disclosure("20000001", NULL);
    r.identity = "unverified";
    int64_t unverified = add(f, r);
    r = disclosure("20000001", NULL);
    r.agent = "髙橋 花子";
    int64_t no_proof = add(f, r);
    r.agent_proof = "委任状";
    int64_t with_proof = add(f, r);
    request_decision full = {.decision = "full"};
    assert_int_equal(request_decide(f->ctx, unverified, &full, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "identity");
    assert_int_equal(request_decide(f->ctx, no_proof, &full, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "agent_proof");
    assert_ok(request_decide(f->ctx, with_proof, &full, &err), &err);
    fx_as(f, "kanri");
    request_decision id_reason = {.decision = "none", .reason = "identity"};
    request_decision agency = {.decision = "none", .reason = "agency"};
    assert_ok(request_decide(f->ctx, unverified, &id_reason, &err), &err);
    assert_ok(request_decide(f->ctx, no_proof, &agency, &err), &err);
    /* identity "other" says how */
    r = disclosure("20000001", NULL);
    r.identity = "other";
    assert_int_equal(request_add(f->ctx, &r, NULL, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "identity_note");
    r.identity_note = "学会会員証と顔写真";
    add(f, r);
}

/* 取扱規程 第7–8条: family and facility staff notify a correction or deletion as the member (no
 * 委任状); an agent needs the proof (第22条第1項); family are not the member for a disclosure. */
static void test_notifier(void **state)
{
    fx *f = *state;
    meibo_err err;
    request_new r = {.kind = "correction", .member_no = "20000001", .content = "メールの訂正",
                     .identity = "in_person", .notifier = "family", .agent = "髙橋 花子"};
    int64_t family = add(f, r);
    assert_string_equal(fx_text(f, "SELECT notifier || ' ' || agent FROM rights_requests"),
                        "family 髙橋 花子");
    const char *set[] = {"email=new@example.jp"};
    request_decision fix = {.decision = "full", .set = set, .nset = 1};
    assert_ok(request_decide(f->ctx, family, &fix, &err), &err);
    r.notifier = "facility_staff";
    r.agent = NULL;
    assert_int_equal(request_add(f->ctx, &r, NULL, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "agent");
    r.agent = "事務 山田";
    r.agent_proof = "委任状";
    assert_int_equal(request_add(f->ctx, &r, NULL, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "agent_proof");
    r = disclosure("20000001", NULL);
    r.notifier = "family";
    r.agent = "髙橋 花子";
    assert_int_equal(request_add(f->ctx, &r, NULL, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "notifier");
    r.notifier = NULL; /* an agent, by default with a name */
    int64_t agent = add(f, r);
    request_decision full = {.decision = "full"};
    assert_int_equal(request_decide(f->ctx, agent, &full, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "agent_proof");
}

/* 第22条第2項: a disclosure request from a person the registry does not hold is recorded (same
 * due date) and granted as "no data held"; other kinds need a member. */
static void test_not_held(void **state)
{
    fx *f = *state;
    meibo_err err;
    request_new r = {.kind = "disclosure", .received_on = "2026-11-20", .identity = "passport",
                     .requester_name = "山田 太郎", .requester_address = "東京都港区芝1-1"};
    int64_t id = add(f, r);
    assert_string_equal(fx_text(f, "SELECT coalesce(member_id, 'NULL') || ' ' || due_on FROM "
                                   "rights_requests"), "NULL 2026-12-04");
    request_decision full = {.decision = "full"};
    assert_ok(request_decide(f->ctx, id, &full, &err), &err);
    r.kind = "deletion";
    r.content = "x";
    assert_int_equal(request_add(f->ctx, &r, NULL, &err), MEIBO_ERR_NOT_FOUND);
    r.requester_name = NULL;
    assert_int_equal(request_add(f->ctx, &r, NULL, &err), MEIBO_ERR_INVALID);
}

static long long member_version(fx *f, const char *no)
{
    char sql[120];
    snprintf(sql, sizeof sql, "SELECT version FROM members WHERE member_no = '%s'", no);
    return fx_int(f, sql);
}

/* A correction changes the member through member_update(), audited with the fields, in the
 * decision's transaction; a refused one changes nothing (第23条第1項, 取扱規程 第7条). */
static void test_correction(void **state)
{
    fx *f = *state;
    meibo_err err;
    request_new r = disclosure("20000001", NULL);
    r.kind = "correction";
    assert_int_equal(request_add(f->ctx, &r, NULL, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "content");
    r.content = "所属施設の訂正";
    int64_t id = add(f, r);
    long long v = member_version(f, "20000001");
    request_decision d = {.decision = "full"};
    assert_int_equal(request_decide(f->ctx, id, &d, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "set");
    static const char *const bad[][1] = {{"status=withdrawn"}, {"optout_on=2026-11-01"},
                                         {"facility"},         {"nosuch=1"},
                                         {"birth_date=2030-01-01"}, {"facility_name=架空大学病院"}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        d.set = bad[i];
        d.nset = 1;
        if (request_decide(f->ctx, id, &d, &err) == MEIBO_OK)
            fail_msg("'%s' was accepted", bad[i][0]);
    }
    assert_int_equal(member_version(f, "20000001"), v);
    assert_string_equal(status_of(f, id), "received");
    long long audits = fx_int(f, "SELECT count(*) FROM audit_log WHERE action = 'member.update'");
    static const char *const good[] = {"facility_name=架空市民病院", "branch=関東甲信越"};
    d.set = good;
    d.nset = 2;
    assert_ok(request_decide(f->ctx, id, &d, &err), &err);
    assert_int_equal(member_version(f, "20000001"), v + 1);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM audit_log WHERE action = 'member.update'"),
                     audits + 1);
    assert_string_equal(fx_text(f, "SELECT detail FROM audit_log WHERE action = 'member.update' "
                                   "ORDER BY id DESC LIMIT 1"),
                        "fields=facility_name,branch");
    assert_string_equal(fx_text(f, "SELECT changed_fields FROM rights_requests"),
                        "facility_name,branch");
    /* a disclosure or a refusal sets nothing */
    int64_t other = add(f, disclosure("20000002", NULL));
    request_decision with_set = {.decision = "full", .set = good, .nset = 1};
    assert_int_equal(request_decide(f->ctx, other, &with_set, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "set");
}

/* A stop of provision granted records the opt-out (第20条第5項) in the same transaction; one
 * already in force is left as it is. */
static void test_stop_provision(void **state)
{
    fx *f = *state;
    meibo_err err;
    request_new r = disclosure("20000001", "2026-11-19");
    r.kind = "stop_provision";
    r.document_no = "停-2026-010";
    int64_t id = add(f, r);
    request_decision full = {.decision = "full"};
    assert_ok(request_decide(f->ctx, id, &full, &err), &err);
    assert_string_equal(fx_text(f, "SELECT received_on || ' ' || document_no || ' ' || request_id "
                                   "FROM member_optouts o JOIN members m ON m.id = o.member_id "
                                   "WHERE m.member_no = '20000001' AND o.withdrawn_on IS NULL"),
                        "2026-11-19 停-2026-010 1");
    assert_int_equal(fx_int(f, "SELECT optout_id FROM rights_requests WHERE id = 1"),
                     fx_int(f, "SELECT max(id) FROM member_optouts"));
    /* member 20000003 opted out in 2015: nothing new */
    r.member_no = "20000003";
    r.document_no = NULL;
    id = add(f, r);
    long long n = fx_int(f, "SELECT count(*) FROM member_optouts");
    assert_ok(request_decide(f->ctx, id, &full, &err), &err);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM member_optouts"), n);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM rights_requests WHERE id = 2 AND optout_id "
                               "IS NULL"), 1);
}

/* The opt-out intake: refused whole on bad input, one in force at a time, the withdrawal not
 * before the application; each moves the member's version on. */
static void test_optout(void **state)
{
    fx *f = *state;
    meibo_err err;
    optout_new o = {"20000001", "2026-11-10", "", 0, false};
    assert_int_equal(optout_add(f->ctx, &o, NULL, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "document_no");
    o.document_no = "停-1";
    o.received_on = "2026-11-22";
    assert_int_equal(optout_add(f->ctx, &o, NULL, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "received_on");
    o.received_on = "2026-11-10";
    o.member_no = "29999999";
    assert_int_equal(optout_add(f->ctx, &o, NULL, &err), MEIBO_ERR_NOT_FOUND);
    o.member_no = "２００００００１"; /* full-width digits */
    long long v = member_version(f, "20000001");
    int64_t id = 0;
    assert_ok(optout_add(f->ctx, &o, &id, &err), &err);
    assert_true(id > 0);
    assert_int_equal(member_version(f, "20000001"), v + 1);
    assert_int_equal(optout_add(f->ctx, &o, NULL, &err), MEIBO_ERR_EXISTS);
    assert_int_equal(optout_withdraw(f->ctx, "20000001", "2026-11-09", "撤-1", NULL, &err),
                     MEIBO_ERR_INVALID);
    assert_int_equal(optout_withdraw(f->ctx, "20000001", NULL, "", NULL, &err), MEIBO_ERR_INVALID);
    int64_t wid = 0;
    assert_ok(optout_withdraw(f->ctx, "20000001", NULL, "撤-1", &wid, &err), &err);
    assert_int_equal(wid, id);
    assert_int_equal(member_version(f, "20000001"), v + 2);
    assert_int_equal(optout_withdraw(f->ctx, "20000001", NULL, "撤-2", NULL, &err),
                     MEIBO_ERR_NOT_FOUND);
    /* the member record reads what is in force */
    meibo_member m;
    member_init(&m);
    assert_ok(member_load(f->ctx, "20000001", 0, &m, &err), &err);
    assert_string_equal(member_get_field(&m, MF_OPTOUT_ON), "");
    member_clear(&m);
    assert_ok(member_load(f->ctx, "20000003", 0, &m, &err), &err);
    assert_string_equal(member_get_field(&m, MF_OPTOUT_ON), "2015-06-01");
    member_clear(&m);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM audit_log WHERE action IN ('optout.add', "
                               "'optout.withdraw') AND member_no = '20000001'"), 2);
}

static int setup(void **state)
{
    return fx_setup(state);
}

/* A restore from a backup older than a decision (取扱規程 第19条) applies the decision again
 * through the audited edit (第23条); a decision without its values on record is listed to do
 * again, and comes back as received; deciding it again takes it off the list. */
static void test_carry_over_restore(void **state)
{
    fx *f = *state;
    meibo_err err;
    request_new r = disclosure("20000001", NULL);
    r.kind = "correction";
    r.content = "所属施設の訂正";
    int64_t fix = add(f, r);
    r.member_no = "20000002";
    r.kind = "addition";
    r.content = "支部の追加";
    int64_t old = add(f, r);
    char dir[] = "/tmp/meibo-carry-XXXXXX";
    assert_non_null(mkdtemp(dir));
    fx_as(f, "mgr");
    backup_options o = {.dir = dir, .step_sleep_ms = -1};
    backup_result b;
    assert_ok(backup_run(f->ctx, &o, &b, &err), &err);
    fx_as(f, "clerk1");
    static const char *const moved[] = {"facility_name=架空市民病院"};
    request_decision d = {.decision = "full", .set = moved, .nset = 1};
    assert_ok(request_decide(f->ctx, fix, &d, &err), &err);
    assert_string_equal(fx_text(f, "SELECT changes FROM rights_requests WHERE id = 1"),
                        "facility_name=架空市民病院");
    static const char *const branch[] = {"branch=東海"};
    request_decision d2 = {.decision = "full", .set = branch, .nset = 1};
    assert_ok(request_decide(f->ctx, old, &d2, &err), &err);
    /* decided before the values were recorded */
    assert_int_equal(sqlite3_exec(f->ctx->db, "UPDATE rights_requests SET changes = '' WHERE id = 2",
                                  NULL, NULL, NULL), SQLITE_OK);
    db_close(f->ctx);
    f->ctx = NULL;
    restore_options ro = {.file = b.path, .db_path = f->path};
    restore_result rr;
    assert_ok(restore_run(&ro, &rr, &err), &err);
    assert_int_equal(rr.requests.carried, 2);
    assert_int_equal(rr.requests.replayed, 1);
    assert_int_equal(rr.requests.redo, 1);
    assert_ok(db_open(f->path, 0, &f->ctx, &err), &err);
    f->ctx->fixed_now = FX_NOW;
    fx_as(f, "clerk1");
    meibo_member m;
    member_init(&m);
    assert_ok(member_load(f->ctx, "20000001", 0, &m, &err), &err);
    assert_string_equal(member_get_field(&m, MF_FACILITY_NAME), "架空市民病院");
    member_clear(&m);
    assert_string_equal(status_of(f, fix), "decided");
    assert_string_equal(status_of(f, old), "received");
    assert_int_equal(fx_int(f, "SELECT count(*) FROM audit_log WHERE action = 'request.replay' "
                               "AND member_no = '20000001'"), 1);
    int open = 0;
    int64_t first = 0;
    assert_ok(request_redo_count(f->ctx, &open, &first, &err), &err);
    assert_int_equal(open, 1);
    assert_int_equal(first, old);
    assert_int_equal(request_redo_done(f->ctx, fix, &err), MEIBO_ERR_NOT_FOUND);
    assert_ok(request_decide(f->ctx, old, &d2, &err), &err);
    assert_ok(request_redo_count(f->ctx, &open, &first, &err), &err);
    assert_int_equal(open, 0);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_due_dates, setup, fx_teardown),
        cmocka_unit_test(test_config),
        cmocka_unit_test_setup_teardown(test_lifecycle, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_roles, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_notifier, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_not_held, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_identity_and_agency, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_correction, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_stop_provision, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_optout, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_carry_over_restore, setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_incident.c: the incident register (取扱規程 第26条; 個人情報保護法 第26条, 施行規則 第7条・
 * 第8条): the reporting decision (each trigger of 第7条, the 1,000-person edge, each deadline of
 * 第8条), the affected members computed from an export run, a letter (an inquiry's answer) and a
 * provision record, a user's access-log rows in a period, a backup file; who may do what; the
 * snapshot that outlives the records it came from; the due counts. */
#include <sys/stat.h>

#include "inquiry_fixture.h"

#include "meibo/archive.h"
#include "meibo/backup.h"
#include "meibo/config.h"
#include "meibo/export.h"
#include "meibo/incident.h"
#include "meibo/inquiry.h"
#include "meibo/pledge.h"
#include "meibo/roster.h"

static incident_assessment assess(incident_kind kind, int64_t persons, bool financial,
                                  bool improper)
{
    incident_facts f = {kind, persons, financial, improper, false, "2026-04-01"};
    incident_assessment a;
    meibo_err err;
    assert_ok(incident_assess(&f, &a, &err), &err);
    return a;
}

static const incident_reason *reason(const incident_assessment *a, const char *code)
{
    for (int i = 0; i < a->nreasons; i++)
        if (!strcmp(a->reasons[i].code, code))
            return &a->reasons[i];
    return NULL;
}

/* 施行規則 第7条第4号: "1,000人を超える": 1,000 is not reportable, 1,001 is. */
static void test_persons_edge(void **state)
{
    (void)state;
    incident_assessment a = assess(INCIDENT_LEAK, 1000, false, false);
    assert_false(a.reportable);
    assert_non_null(reason(&a, "persons_under"));
    assert_non_null(strstr(reason(&a, "persons_under")->text, "1000人"));
    assert_non_null(reason(&a, "none"));
    assert_string_equal(a.final_due, "");
    a = assess(INCIDENT_LEAK, 1001, false, false);
    assert_true(a.reportable);
    assert_true(reason(&a, "persons")->applies);
    assert_string_equal(reason(&a, "persons")->article, "個人情報保護法施行規則 第7条第4号");
    assert_null(reason(&a, "none"));
}

/* 第7条第1号–第3号: financial loss, an improper purpose, 要配慮個人情報 (none held: said). */
static void test_triggers(void **state)
{
    (void)state;
    incident_assessment a = assess(INCIDENT_LOSS, 3, true, false);
    assert_true(a.reportable);
    assert_true(reason(&a, "financial")->applies);
    assert_string_equal(reason(&a, "financial")->article, "個人情報保護法施行規則 第7条第2号");
    a = assess(INCIDENT_DAMAGE, 3, false, true);
    assert_true(a.reportable);
    assert_string_equal(reason(&a, "improper")->article, "個人情報保護法施行規則 第7条第3号");
    /* 要配慮個人情報: meibo holds none, and every decision says so */
    a = assess(INCIDENT_LEAK, 3, false, false);
    assert_false(a.reportable);
    const incident_reason *r = reason(&a, "sensitive_none");
    assert_non_null(r);
    assert_false(r->applies);
    assert_non_null(strstr(r->text, "要配慮個人情報を保有していません"));
    incident_facts f = {INCIDENT_LEAK, 3, false, false, true, "2026-04-01"};
    meibo_err err;
    assert_ok(incident_assess(&f, &a, &err), &err);
    assert_true(a.reportable);
    assert_string_equal(reason(&a, "sensitive")->article, "個人情報保護法施行規則 第7条第1号");
    /* a breach of the rules alone is no 漏えい等: handled within the society (第26条) */
    a = assess(INCIDENT_BREACH, 5000, true, true);
    assert_false(a.reportable);
    assert_non_null(reason(&a, "not_leak"));
    assert_non_null(strstr(reason(&a, "not_leak")->text, "取扱規程第26条"));
    f.discovered_on = "2026-02-30";
    assert_int_equal(incident_assess(&f, &a, &err), MEIBO_ERR_INVALID);
}

/* 施行規則 第8条: 速報 速やかに (3–5 days), 確報 30 days, 60 days for 第7条第3号. */
static void test_deadlines(void **state)
{
    (void)state;
    incident_assessment a = assess(INCIDENT_LEAK, 1001, false, false);
    assert_string_equal(a.prompt_from, "2026-04-04");
    assert_string_equal(a.prompt_due, "2026-04-06");
    assert_string_equal(a.final_due, "2026-05-01");
    assert_int_equal(a.final_days, 30);
    a = assess(INCIDENT_LEAK, 2, false, true);
    assert_string_equal(a.final_due, "2026-05-31");
    assert_int_equal(a.final_days, 60);
}

static int64_t add_pledge(fx *f)
{
    fx_as(f, "mgr");
    pledge_new p = {.recipient = "東海支部", .signatory_name = "山田花子", .received_on = "2026-11-01",
                    .media = DECIDE_MEDIA_PAPER,
                    .purposes = "society_business,abstract_registration", .items = "d,e,f",
                    .valid_until = "2027-10-31", .document_no = "誓-T"};
    pledge_added added;
    meibo_err err;
    assert_ok(pledge_add(f->ctx, &p, inquiry_release_pledge_holds, &added, &err), &err);
    fx_permit(f, "officers", "東海支部"); /* paper sheets: the chief's permission (規程 第16条) */
    return added.id;
}

static void conf(meibo_config *cfg, const char *outbox)
{
    config_defaults(cfg);
    snprintf(cfg->society_name, sizeof cfg->society_name, "一般社団法人 日本架空循環器学会");
    snprintf(cfg->secretariat_contact, sizeof cfg->secretariat_contact,
             "〒100-0001 東京都千代田区千代田1-1 | TEL 03-0000-0000");
    snprintf(cfg->outbox, sizeof cfg->outbox, "%s", outbox);
}

static void rm_dir(const char *dir)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* A paper export of the officers' sheet, run: 2 members (the third opted out, the fourth left). */
static int64_t run_export(fx *f, const char *outbox)
{
    int64_t pledge = add_pledge(f);
    export_spec s = {.purpose = "officers", .recipient = "東海支部", .pledge_id = pledge,
                     .filter = {.specialist = -1}};
    int64_t id;
    meibo_err err;
    assert_ok(export_request(f->ctx, &s, &id, NULL, &err), &err);
    meibo_config cfg;
    conf(&cfg, outbox);
    export_result r;
    assert_ok(export_run(f->ctx, &cfg, id, NULL, &r, &err), &err);
    assert_int_equal(r.counts.included, 2);
    return id;
}

static incident_new leak(incident_source src)
{
    return (incident_new){.kind = "leak", .summary = "出力した名簿を電車内に置き忘れた",
                          .discovered_on = "2026-11-20", .discovered_by = "従事者 一郎",
                          .reported_to = "mgr", .source = src};
}

typedef struct members_seen {
    int n;
    char text[512];
} members_seen;

static int on_member(const char *no, const char *items, void *arg)
{
    members_seen *m = arg;
    m->n++;
    size_t used = strlen(m->text);
    snprintf(m->text + used, sizeof m->text - used, "%s:%s;", no, items);
    return 0;
}

static members_seen members_of(fx *f, int64_t id)
{
    members_seen m = {0};
    meibo_err err;
    assert_ok(incident_members(f->ctx, id, on_member, &m, &err), &err);
    return m;
}

/* From an export run: every member on that sheet, with the sheet's items and columns; kept when
 * the provision records are purged later; and, with them gone, the run's own access-log rows. */
static void test_from_export(void **state)
{
    fx *f = *state;
    char dir[] = "/tmp/meibo-incident-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    int64_t ex = run_export(f, dir);
    meibo_config cfg;
    conf(&cfg, dir);
    int64_t id;
    meibo_err err;
    incident_new n = leak((incident_source){.kind = "export", .id = ex});
    assert_ok(incident_add(f->ctx, &cfg, &n, &id, &err), &err);
    members_seen m = members_of(f, id);
    assert_int_equal(m.n, 2);
    assert_string_equal(m.text, "20000001:d,e,f;20000002:d,e,f;");
    assert_string_equal(fx_text(f, "SELECT persons || ' ' || items || ' ' || source FROM incidents"),
                        "2 d,e,f export");
    assert_non_null(strstr(fx_text(f, "SELECT columns FROM incidents"), "home_address"));
    assert_int_equal(fx_int(f, "SELECT count(*) FROM audit_log WHERE action = 'incident.add'"), 1);
    /* the records purged later: the snapshot stays */
    assert_int_equal(sqlite3_exec(f->ctx->db, "DELETE FROM provisions", NULL, NULL, NULL), SQLITE_OK);
    m = members_of(f, id);
    assert_int_equal(m.n, 2);
    /* and a new incident finds the sheet's members in the run's access-log rows */
    assert_ok(incident_add(f->ctx, &cfg, &n, &id, &err), &err);
    m = members_of(f, id);
    assert_string_equal(m.text, "20000001:d,e,f;20000002:d,e,f;");
    /* an export never run had no sheet */
    export_spec s = {.purpose = "officers", .recipient = "東海支部", .pledge_id = 1,
                     .filter = {.specialist = -1}};
    int64_t ex2;
    assert_ok(export_request(f->ctx, &s, &ex2, NULL, &err), &err);
    n.source.id = ex2;
    assert_int_equal(incident_add(f->ctx, &cfg, &n, &id, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "source");
    n.source.id = 99;
    assert_int_equal(incident_add(f->ctx, &cfg, &n, &id, &err), MEIBO_ERR_NOT_FOUND);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM incidents"), 2);
    rm_dir(dir);
}

/* From a letter (an inquiry's answer) and from one provision record: the members and the items
 * the answer gave; a refusal carries no member data. */
static void test_from_letter_and_provision(void **state)
{
    fx *f = *state;
    inquiry_request q = {.requester = "山田太郎", .organization = "架空県警察", .category = "police",
                         .identity = "verified", .items = "a,d,e", .member_no = "20000001",
                         .legal_basis = "刑事訴訟法第197条第2項",
                         .legal_document = "架県刑第1号 (令和8年11月20日)"};
    inquiry_result res;
    meibo_err err;
    /* a statute's request is held for the chief officer (規程 第19条第1項第1号) */
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err);
    fx_as(f, "kanri");
    assert_ok(inquiry_approve(f->ctx, res.inquiry_id, "捜査関係事項照会に回答する", &res, &err), &err);
    assert_ok(inquiry_provision_given(f->ctx, res.inquiry_id, "letter", &err), &err);
    char want[1100];
    snprintf(want, sizeof want, "20000001:%s;",
             fx_text(f, "SELECT items FROM provisions WHERE inquiry_id = 1"));
    assert_true(strlen(want) > 10);
    int64_t id;
    incident_new n = leak((incident_source){.kind = "inquiry", .id = res.inquiry_id});
    n.summary = "回答書を誤った宛先に郵送した";
    assert_ok(incident_add(f->ctx, NULL, &n, &id, &err), &err);
    assert_string_equal(members_of(f, id).text, want);
    n.source = (incident_source){.kind = "provision", .id = 1};
    assert_ok(incident_add(f->ctx, NULL, &n, &id, &err), &err);
    assert_string_equal(members_of(f, id).text, want);
    /* a refused inquiry's letter names nobody */
    q.category = "academic";
    q.purpose = "society_business";
    q.legal_basis = NULL;
    q.legal_document = NULL;
    q.member_no = "20000003";
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err);
    n.source = (incident_source){.kind = "inquiry", .id = res.inquiry_id};
    assert_int_equal(incident_add(f->ctx, NULL, &n, &id, &err), MEIBO_ERR_NOT_FOUND);
    assert_non_null(strstr(err.msg, "carries no member data"));
}

/* From a user's access-log rows in a period (取扱規程 第23条: a manager's reading): the members
 * the rows name, with what each action showed; a clerk may not compute it. */
static void test_from_access_log(void **state)
{
    fx *f = *state;
    meibo_member m;
    meibo_err err;
    member_init(&m);
    assert_ok(member_load(f->ctx, "20000001", MEMBER_READ_AUDIT, &m, &err), &err);
    member_clear(&m);
    assert_ok(member_reveal(f->ctx, "20000002", &err), &err);
    incident_new n = leak((incident_source){.kind = "access_log", .user = "clerk1",
                                            .since = "2026-11-21", .until = "2026-11-21"});
    n.kind = "breach";
    n.summary = "業務に必要な範囲を超えた閲覧";
    int64_t id;
    assert_int_equal(incident_add(f->ctx, NULL, &n, &id, &err), MEIBO_ERR_DENIED);
    fx_as(f, "mgr");
    assert_ok(incident_add(f->ctx, NULL, &n, &id, &err), &err);
    /* member.create rows (the fixture's) name all four, by number and name */
    members_seen s = members_of(f, id);
    assert_non_null(strstr(s.text, "20000001:a,b,c,d,e;"));
    assert_non_null(strstr(s.text, "20000002:a,e,f;"));
    /* a period with nothing of that user's */
    n.source.since = n.source.until = "2026-11-01";
    assert_int_equal(incident_add(f->ctx, NULL, &n, &id, &err), MEIBO_ERR_NOT_FOUND);
    n.source.since = "2026-11-22";
    assert_int_equal(incident_add(f->ctx, NULL, &n, &id, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "until");
}

/* From a backup file: every member in it (an encrypted one with meibo.conf's key). */
static void test_from_backup(void **state)
{
    fx *f = *state;
    char dir[] = "/tmp/meibo-incident-bk-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char keyfile[300];
    snprintf(keyfile, sizeof keyfile, "%s/key", dir);
    FILE *k = fopen(keyfile, "w");
    fputs("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n", k);
    fclose(k);
    chmod(keyfile, 0600);
    meibo_config cfg;
    conf(&cfg, dir);
    snprintf(cfg.backup_dir, sizeof cfg.backup_dir, "%s", dir);
    fx_as(f, "mgr");
    backup_options o = {.dir = dir, .step_sleep_ms = -1};
    backup_result r;
    meibo_err err;
    assert_ok(backup_run(f->ctx, &o, &r, &err), &err);
    incident_new n = leak((incident_source){.kind = "backup", .file = strrchr(r.path, '/') + 1});
    n.kind = "loss";
    n.summary = "バックアップを保存した外部媒体を紛失";
    int64_t id;
    assert_ok(incident_add(f->ctx, &cfg, &n, &id, &err), &err);
    assert_int_equal(members_of(f, id).n, 4);
    assert_string_equal(fx_text(f, "SELECT items FROM incident_members WHERE member_no = '20000001'"),
                        "a,c,d,e");
    /* encrypted */
    o.key_file = keyfile;
    assert_ok(backup_run(f->ctx, &o, &r, &err), &err);
    assert_true(r.encrypted);
    n.source.file = r.path;
    assert_int_equal(incident_add(f->ctx, &cfg, &n, &id, &err), MEIBO_ERR_INVALID); /* no key */
    snprintf(cfg.backup_key_file, sizeof cfg.backup_key_file, "%s", keyfile);
    assert_ok(incident_add(f->ctx, &cfg, &n, &id, &err), &err);
    assert_int_equal(members_of(f, id).n, 4);
    n.source.file = "not-a-backup.db";
    assert_int_equal(incident_add(f->ctx, &cfg, &n, &id, &err), MEIBO_ERR_INVALID);
    rm_dir(dir);
}

/* 取扱規程 第26条: any staff member records, reporting to an enabled manager; the reports to the
 * commission and the closing are the manager's; closing needs the cause, the prevention and,
 * when reportable, both reports. Each refusal changes nothing. */
static void test_roles_and_close(void **state)
{
    fx *f = *state;
    incident_new n = leak((incident_source){.kind = "members", .members = "20000001,20000002",
                                            .items = "a,e"});
    n.improper = true;
    n.reported_to = "clerk1";
    int64_t id;
    meibo_err err;
    assert_int_equal(incident_add(f->ctx, NULL, &n, &id, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "reported_to");
    n.reported_to = "mgr";
    n.source.members = "20000001,99999999";
    assert_int_equal(incident_add(f->ctx, NULL, &n, &id, &err), MEIBO_ERR_NOT_FOUND);
    n.source.members = "20000001,20000002";
    n.discovered_on = "2026-11-22";
    assert_int_equal(incident_add(f->ctx, NULL, &n, &id, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "discovered_on");
    assert_int_equal(fx_int(f, "SELECT count(*) FROM incidents"), 0);
    n.discovered_on = "2026-11-10";
    assert_ok(incident_add(f->ctx, NULL, &n, &id, &err), &err);
    /* improper: reportable, 速報 by 11-15 (overdue on 11-21), 確報 60 days */
    int overdue, soon;
    assert_ok(incident_due_counts(f->ctx, &overdue, &soon, &err), &err);
    assert_int_equal(overdue, 1);
    incident_change c = {.financial = -1, .improper = -1, .prompt_reported_on = "2026-11-12"};
    assert_int_equal(incident_update(f->ctx, id, &c, &err), MEIBO_ERR_DENIED);
    assert_int_equal(incident_close(f->ctx, id, "", &err), MEIBO_ERR_DENIED);
    c = (incident_change){.financial = -1, .improper = -1, .cause = "封筒の宛名の貼り違え"};
    assert_ok(incident_update(f->ctx, id, &c, &err), &err);
    fx_as(f, "mgr");
    c = (incident_change){.financial = -1, .improper = -1, .prompt_reported_on = "2026-11-12"};
    assert_ok(incident_update(f->ctx, id, &c, &err), &err);
    assert_ok(incident_due_counts(f->ctx, &overdue, &soon, &err), &err);
    assert_int_equal(overdue + soon, 0); /* 確報 due 2027-01-09 */
    assert_int_equal(incident_close(f->ctx, id, "", &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "prevention");
    c = (incident_change){.financial = -1, .improper = -1, .prevention = "宛名の読み合わせ"};
    assert_ok(incident_update(f->ctx, id, &c, &err), &err);
    assert_int_equal(incident_close(f->ctx, id, "", &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "final_reported_on");
    c = (incident_change){.financial = -1, .improper = -1, .final_reported_on = "2026-11-22"};
    assert_int_equal(incident_update(f->ctx, id, &c, &err), MEIBO_ERR_INVALID); /* future */
    c.final_reported_on = "2026-11-21";
    assert_ok(incident_update(f->ctx, id, &c, &err), &err);
    assert_ok(incident_close(f->ctx, id, "対応完了", &err), &err);
    assert_string_equal(fx_text(f, "SELECT status || ' ' || closed_by FROM incidents"),
                        "closed mgr");
    c = (incident_change){.financial = -1, .improper = -1, .cause = "x"};
    assert_int_equal(incident_update(f->ctx, id, &c, &err), MEIBO_ERR_INVALID);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM audit_log WHERE action = 'incident.update'"), 4);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM audit_log WHERE action = 'incident.close'"), 1);
}

static int on_touch(const incident_info *i, const char *items, void *arg)
{
    members_seen *m = arg;
    m->n++;
    size_t used = strlen(m->text);
    snprintf(m->text + used, sizeof m->text - used, "%lld:%s:%s;", (long long)i->id, i->kind_code,
             items);
    return 0;
}

/* Which incidents touch a member (the member's detail, the disclosure of 第22条). */
static void test_for_member(void **state)
{
    fx *f = *state;
    incident_new n = leak((incident_source){.kind = "members", .members = "20000001", .items = "a,f"});
    int64_t id;
    meibo_err err;
    assert_ok(incident_add(f->ctx, NULL, &n, &id, &err), &err);
    n.source.members = "20000002";
    assert_ok(incident_add(f->ctx, NULL, &n, &id, &err), &err);
    members_seen m = {0};
    assert_ok(incident_for_member(f->ctx, "20000001", on_touch, &m, &err), &err);
    assert_string_equal(m.text, "1:leak:a,f;");
    m = (members_seen){0};
    assert_ok(incident_for_member(f->ctx, "20000004", on_touch, &m, &err), &err);
    assert_int_equal(m.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_persons_edge),
        cmocka_unit_test(test_triggers),
        cmocka_unit_test(test_deadlines),
        cmocka_unit_test_setup_teardown(test_from_export, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_from_letter_and_provision, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_from_access_log, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_from_backup, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_roles_and_close, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_for_member, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests_name("incident", tests, NULL, NULL);
}

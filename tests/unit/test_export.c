/* test_export.c: export sheets (取扱規程 第4–6条, 第38条; 規程 第16条; 規程 第20条第5項): counts and
 * exclusions, disallowed columns, pledges (an expired or revoked one blocks), the chief
 * officer's approval (role checked in the core), the run's records in one transaction, the
 * AES-256 archive and its password. */
#include "inquiry_fixture.h"

#include <sys/stat.h>
#include <zip.h>

#include "meibo/config.h"
#include "meibo/export.h"
#include "meibo/inquiry.h"
#include "meibo/member.h"
#include "meibo/pledge.h"
#include "meibo/roster.h"

/* A pledge from 東海支部 covering @p media for society_business, items d,e,f. */
static int64_t add_pledge(fx *f, unsigned media, const char *until, const char *items)
{
    fx_as(f, "mgr");
    pledge_new p = {.recipient = "東海支部", .signatory_name = "山田花子", .received_on = "2026-11-01",
                    .media = media, .purposes = "society_business,abstract_registration",
                    .items = items, .valid_until = until, .document_no = "誓-T"};
    pledge_added added;
    meibo_err err;
    assert_ok(pledge_add(f->ctx, &p, inquiry_release_pledge_holds, &added, &err), &err);
    fx_permit(f, "officers", "東海支部"); /* paper sheets: the chief's permission (規程 第16条) */
    return added.id;
}

static export_spec officers(int64_t pledge)
{
    return (export_spec){.purpose = "officers", .recipient = "東海支部", .pledge_id = pledge,
                         .filter = {.specialist = -1}};
}

typedef struct excl {
    int n;
    char text[512];
} excl;

static int on_excluded(const export_excluded *e, void *arg)
{
    excl *x = arg;
    x->n++;
    size_t used = strlen(x->text);
    snprintf(x->text + used, sizeof x->text - used, "%s:%s:%s;", e->member_no, e->reason,
             e->article);
    return 0;
}

/* Each member counted once, by the first rule that leaves them off (status, then the opt-out of
 * 第20条第5項, then consent), and the excluded listed with the article. */
static void test_preview_counts(void **state)
{
    fx *f = *state;
    export_spec s = officers(0);
    export_preview pv;
    excl x = {0, ""};
    meibo_err err;
    assert_ok(export_preview_run(f->ctx, &s, &pv, on_excluded, &x, &err), &err);
    assert_int_equal(pv.counts.included, 2);
    assert_int_equal(pv.counts.excluded_optout, 1);
    assert_int_equal(pv.counts.excluded_status, 1);
    assert_int_equal(pv.counts.excluded_consent, 0);
    assert_string_equal(x.text, "20000003:optout:第20条第5項;20000004:status:第20条第1項(d)(e)(f);");
    assert_false(pv.pledge_ok); /* officers sheets need a pledge (取扱規程 第6条) */
    assert_string_equal(pv.items, "d,e,f");
    /* the directory needs the member's consent: nobody in the fixture gave it */
    s.purpose = "directory";
    assert_ok(export_preview_run(f->ctx, &s, &pv, NULL, NULL, &err), &err);
    assert_int_equal(pv.counts.included, 0);
    assert_int_equal(pv.counts.excluded_consent, 2);
    /* a given consent puts the member on it */
    assert_ok(db_exec(f->ctx, "INSERT INTO member_consents (member_id, scope, granted, decided_on, "
                              "recorded_by) SELECT id, 'directory', 1, '2020-01-01', 't' FROM "
                              "members WHERE member_no = '20000001'", &err), &err);
    assert_ok(export_preview_run(f->ctx, &s, &pv, NULL, NULL, &err), &err);
    assert_int_equal(pv.counts.included, 1);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM audit_log WHERE action = 'export.preview'"), 3);
}

/* Bad input refused whole with the field named; columns outside the purpose's (取扱規程 第4条). */
static void test_validation(void **state)
{
    fx *f = *state;
    static const char *const fields[] = {"purpose", "columns", "columns", "media", "status",
                                         "joined_to", "recipient"};
    for (int i = 0; i < 7; i++) {
        export_spec s = officers(0);
        switch (i) {
        case 0: s.purpose = "marketing"; break;
        case 1: s.columns = "name,member_no"; break;  /* officers carry no member number */
        case 2: s.columns = "name,shoe_size"; break;
        case 3: s.purpose = "directory"; s.media = DECIDE_MEDIA_ELECTRONIC; break;
        case 4: s.filter.statuses = "withdrawn"; break;
        case 5: s.filter.joined_from = "2020-01-01"; s.filter.joined_to = "2019-01-01"; break;
        case 6: s.recipient = " "; break;
        }
        export_preview pv;
        meibo_err err;
        meibo_err_clear(&err);
        meibo_status st = export_preview_run(f->ctx, &s, &pv, NULL, NULL, &err);
        if (st == MEIBO_OK || strcmp(err.field, fields[i]) != 0)
            fail_msg("case %d: status %d field '%s' (%s)", i, st, err.field, err.msg);
    }
}

/* A request needs a valid pledge from the recipient covering medium, purpose and items
 * (取扱規程 第5条, 第6条); an expired one counts for nothing. Nothing is stored when refused. */
static void test_pledge_required(void **state)
{
    fx *f = *state;
    int64_t id;
    meibo_err err;
    export_spec s = officers(0);
    assert_int_equal(export_request(f->ctx, &s, &id, NULL, &err), MEIBO_ERR_DENIED);
    int64_t expired = add_pledge(f, DECIDE_MEDIA_PAPER, "2026-11-20", "d,e,f");
    s.pledge_id = expired;
    assert_int_equal(export_request(f->ctx, &s, &id, NULL, &err), MEIBO_ERR_DENIED);
    assert_non_null(strstr(err.msg, "expired"));
    int64_t paper = add_pledge(f, DECIDE_MEDIA_PAPER, "2027-10-31", "d,e");
    s.pledge_id = paper;                                    /* no (f) e-mail */
    assert_int_equal(export_request(f->ctx, &s, &id, NULL, &err), MEIBO_ERR_DENIED);
    assert_non_null(strstr(err.msg, "item (f)"));
    s.columns = "name,facility_name";                       /* without it: covered */
    s.media = DECIDE_MEDIA_ELECTRONIC;                      /* but not on electronic media */
    assert_int_equal(export_request(f->ctx, &s, &id, NULL, &err), MEIBO_ERR_DENIED);
    assert_non_null(strstr(err.msg, "electronic media (取扱規程 第5条)"));
    s.recipient = "別の支部";                               /* nor for another recipient */
    s.media = 0;
    assert_int_equal(export_request(f->ctx, &s, &id, NULL, &err), MEIBO_ERR_DENIED);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM exports"), 0);
    s.recipient = "東海支部";
    assert_ok(export_request(f->ctx, &s, &id, NULL, &err), &err);
    assert_string_equal(fx_text(f, "SELECT status || ' ' || columns || ' ' || items FROM exports"),
                        "ready name,facility_name d,e");
}

/* Electronic media and file copies wait for the chief officer (規程 第16条): the role is
 * checked in the core, so a clerk or a manager cannot approve whatever the face. */
static void test_approval_chief_only(void **state)
{
    fx *f = *state;
    int64_t pledge = add_pledge(f, DECIDE_MEDIA_PAPER | DECIDE_MEDIA_ELECTRONIC, "2027-10-31",
                                "d,e,f");
    export_spec s = officers(pledge);
    s.media = DECIDE_MEDIA_ELECTRONIC;
    int64_t id;
    export_preview pv;
    meibo_err err;
    assert_ok(export_request(f->ctx, &s, &id, &pv, &err), &err);
    assert_true(pv.needs_approval);
    assert_string_equal(fx_text(f, "SELECT status FROM exports"), "pending");
    assert_int_equal(export_decide(f->ctx, id, true, NULL, &err), MEIBO_ERR_DENIED);
    fx_as(f, "mgr");
    assert_int_equal(export_decide(f->ctx, id, true, NULL, &err), MEIBO_ERR_DENIED);
    assert_string_equal(fx_text(f, "SELECT status FROM exports"), "pending");
    fx_as(f, "kanri");
    assert_int_equal(export_decide(f->ctx, id, false, "", &err), MEIBO_ERR_INVALID); /* why? */
    assert_ok(export_decide(f->ctx, id, true, "了承", &err), &err);
    assert_string_equal(fx_text(f, "SELECT status || ' ' || decided_by FROM exports"), "ready kanri");
    assert_int_equal(export_decide(f->ctx, id, true, NULL, &err), MEIBO_ERR_CONFLICT);
}

static void conf(meibo_config *cfg, const char *outbox)
{
    config_defaults(cfg);
    snprintf(cfg->society_name, sizeof cfg->society_name, "日本架空学会");
    snprintf(cfg->secretariat_contact, sizeof cfg->secretariat_contact, "東京都|03-0000-0000");
    snprintf(cfg->outbox, sizeof cfg->outbox, "%s", outbox);
}

/* The run records the sheet, a provision per member and the access log in one transaction:
 * a delivery that fails leaves nothing behind; a revoked pledge blocks the run. */
static void test_run_records(void **state)
{
    fx *f = *state;
    int64_t pledge = add_pledge(f, DECIDE_MEDIA_PAPER, "2027-10-31", "d,e,f");
    export_spec s = officers(pledge);
    int64_t id;
    meibo_err err;
    assert_ok(export_request(f->ctx, &s, &id, NULL, &err), &err);
    meibo_config cfg;
    export_result r;
    conf(&cfg, "/proc/no-such-outbox");                   /* cannot be written */
    assert_int_not_equal(export_run(f->ctx, &cfg, id, NULL, &r, &err), MEIBO_OK);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions"), 0);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM audit_log WHERE action LIKE 'export.member'"), 0);
    assert_string_equal(fx_text(f, "SELECT status FROM exports"), "ready");

    char dir[] = "/tmp/meibo-export-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    conf(&cfg, dir);
    assert_ok(export_run(f->ctx, &cfg, id, NULL, &r, &err), &err);
    assert_int_equal(r.counts.included, 2);
    assert_string_equal(r.file_kind, "pdf");
    assert_int_equal(strlen(r.sha256), 64);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions WHERE export_id = 1 AND "
                               "pledge_id = 1 AND purpose = 'officers' AND items = 'd,e,f'"), 2);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions WHERE member_no = '20000003'"), 0);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM audit_log WHERE action = 'export.member'"), 2);
    assert_string_equal(fx_text(f, "SELECT status || ' ' || file_kind || ' ' || included FROM exports"),
                        "done pdf 2");
    assert_int_equal(export_run(f->ctx, &cfg, id, NULL, &r, &err), MEIBO_ERR_CONFLICT);

    /* revoked since the request: nothing is made */
    assert_ok(export_request(f->ctx, &s, &id, NULL, &err), &err);
    fx_as(f, "mgr");
    assert_ok(pledge_revoke(f->ctx, pledge, "返却", &err), &err);
    fx_as(f, "clerk1");
    assert_int_equal(export_run(f->ctx, &cfg, id, NULL, &r, &err), MEIBO_ERR_DENIED);
    assert_non_null(strstr(err.msg, "revoked"));
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions"), 2);
    char path[128];
    for (int i = 1; i <= 2; i++) {
        snprintf(path, sizeof path, "%s/export-%d-sheet.pdf", dir, i);
        unlink(path);
        snprintf(path, sizeof path, "%s/export-%d-cover.pdf", dir, i);
        unlink(path);
    }
    assert_int_equal(rmdir(dir), 0); /* the blocked run left no file */
}

/* What the seam between the sheet made and its record does: an opt-out of 20000001 on the
 * first call (OPT_OUT); 20000001's e-mail address, on the sheet, changed at every call (EDIT);
 * 20000003's opt-out withdrawn on the first call, so that they come onto the sheet (COME_ON). */
typedef enum { OPT_OUT, EDIT, COME_ON } between_kind;

typedef struct between {
    int calls;
    between_kind kind;
} between;

static void on_between(meibo_ctx *ctx, int64_t id, void *arg)
{
    between *b = arg;
    (void)id;
    b->calls++;
    meibo_err err;
    meibo_err_clear(&err);
    if (b->kind == OPT_OUT && b->calls == 1) {
        optout_new o = {"20000001", NULL, "停-between", 0, false};
        assert_ok(optout_add(ctx, &o, NULL, &err), &err);
    } else if (b->kind == COME_ON && b->calls == 1) {
        assert_ok(optout_withdraw(ctx, "20000003", NULL, "撤-between", NULL, &err), &err);
    } else if (b->kind == EDIT) {
        meibo_member m;
        member_init(&m);
        char mail[64];
        snprintf(mail, sizeof mail, "ichiro%d@example.jp", b->calls);
        assert_ok(member_load(ctx, "20000002", 0, &m, &err), &err);
        assert_ok(member_set(&m, MF_EMAIL, mail, &err), &err);
        assert_ok(member_update(ctx, &m, &err), &err);
        member_clear(&m);
    }
}

/* The sheet is made outside the write lock and recorded in a short write step that checks
 * nothing it relied on changed: a member who opts out between the sheet made and its record
 * (規程 第20条第5項: provision stops from the moment the application is written) gets no
 * provision record and is on no delivered sheet: the sheet is made anew without them. When
 * the members keep changing, the run gives up with a conflict and records nothing. */
static void test_run_rechecks(void **state)
{
    fx *f = *state;
    int64_t pledge = add_pledge(f, DECIDE_MEDIA_PAPER, "2027-10-31", "d,e,f");
    export_spec s = officers(pledge);
    int64_t id;
    meibo_err err;
    assert_ok(export_request(f->ctx, &s, &id, NULL, &err), &err);
    char dir[] = "/tmp/meibo-export-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    meibo_config cfg;
    conf(&cfg, dir);
    export_result r;
    between b = {0, OPT_OUT};
    export_run_between = on_between;
    export_run_between_arg = &b;
    assert_ok(export_run(f->ctx, &cfg, id, NULL, &r, &err), &err);
    assert_int_equal(b.calls, 2); /* made twice: the first sheet had 20000001 on it */
    assert_int_equal(r.counts.included, 1);
    assert_int_equal(r.counts.excluded_optout, 2);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions WHERE member_no = '20000001'"), 0);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions WHERE member_no = '20000002'"), 1);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM audit_log WHERE action = 'export.member'"), 1);
    assert_string_equal(fx_text(f, "SELECT status || ' ' || included || ' ' || excluded_optout "
                                   "FROM exports WHERE id = 1"),
                        "done 1 2");

    /* a member on the sheet changed at every try: refused after three, nothing recorded or
     * delivered */
    assert_ok(export_request(f->ctx, &s, &id, NULL, &err), &err);
    b = (between){0, EDIT};
    assert_int_equal(export_run(f->ctx, &cfg, id, NULL, &r, &err), MEIBO_ERR_CONFLICT);
    assert_int_equal(b.calls, 3);
    assert_non_null(strstr(err.msg, "changed while it was made"));
    export_run_between = NULL;
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions"), 1);
    assert_string_equal(fx_text(f, "SELECT status FROM exports WHERE id = 2"), "ready");
    char path[128];
    snprintf(path, sizeof path, "%s/export-2-sheet.pdf", dir);
    assert_int_equal(access(path, F_OK), -1); /* never delivered */
    /* a member who came onto the sheet meanwhile is not on this one: made once, recorded as
     * made (20000002 only) */
    b = (between){0, COME_ON};
    export_run_between = on_between;
    assert_ok(export_run(f->ctx, &cfg, id, NULL, &r, &err), &err);
    export_run_between = NULL;
    assert_int_equal(b.calls, 1);
    assert_int_equal(r.tries, 1);
    assert_int_equal(r.counts.included, 1);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions WHERE export_id = 2"), 1);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions WHERE member_no = '20000003'"), 0);
    for (int i = 1; i <= 2; i++) {
        snprintf(path, sizeof path, "%s/export-%d-sheet.pdf", dir, i);
        unlink(path);
        snprintf(path, sizeof path, "%s/export-%d-cover.pdf", dir, i);
        unlink(path);
    }
    assert_int_equal(rmdir(dir), 0);
}

/* 取扱規程 第38条: the archive opens with its password only, and the password is strong. */
static void test_archive_password(void **state)
{
    (void)state;
    char pw[21], pw2[21];
    meibo_err err;
    assert_ok(export_password(pw, sizeof pw, &err), &err);
    assert_ok(export_password(pw2, sizeof pw2, &err), &err);
    assert_int_equal(strlen(pw), 20);
    assert_string_not_equal(pw, pw2);
    assert_int_equal(strspn(pw, "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"), 20);

    char dir[] = "/tmp/meibo-zip-test-XXXXXX", src[64], dst[64];
    assert_non_null(mkdtemp(dir));
    snprintf(src, sizeof src, "%s/s.xlsx", dir);
    snprintf(dst, sizeof dst, "%s/a.zip", dir);
    FILE *fp = fopen(src, "w");
    assert_non_null(fp);
    fputs("会員名簿 sheet bytes", fp);
    fclose(fp);
    assert_ok(export_zip_encrypt(src, "export-1.xlsx", dst, pw, &err), &err);

    int ze;
    zip_t *za = zip_open(dst, ZIP_RDONLY, &ze);
    assert_non_null(za);
    zip_stat_t zs;
    assert_int_equal(zip_stat_index(za, 0, 0, &zs), 0);
    assert_int_equal(zs.encryption_method, ZIP_EM_AES_256);
    assert_null(zip_fopen_index(za, 0, 0));                         /* no password */
    assert_null(zip_fopen_index_encrypted(za, 0, 0, "wrong-password")); /* a wrong one */
    zip_file_t *zf = zip_fopen_index_encrypted(za, 0, 0, pw);
    assert_non_null(zf);
    char buf[64] = "";
    zip_int64_t n = zip_fread(zf, buf, sizeof buf - 1);
    assert_true(n > 0);
    assert_string_equal(buf, "会員名簿 sheet bytes");
    zip_fclose(zf);
    zip_discard(za);
    unlink(src);
    unlink(dst);
    rmdir(dir);
}

/* The xlsx streams only the included members. */
static void test_sheet_xlsx(void **state)
{
    fx *f = *state;
    char dir[] = "/tmp/meibo-xlsx-test-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/s.xlsx", dir);
    export_spec s = officers(0);
    export_sheet_meta m = {"t", "日本架空学会", "東海支部", "誓-T", 7, FX_NOW};
    export_counts c;
    meibo_err err;
    assert_ok(export_sheet_xlsx(f->ctx, &s, &m, path, &c, &err), &err);
    assert_int_equal(c.included, 2);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_true(sb.st_size > 1000);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_preview_counts, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_validation, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_pledge_required, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_approval_chief_only, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_run_records, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_run_rechecks, fx_setup, fx_teardown),
        cmocka_unit_test(test_archive_password),
        cmocka_unit_test_setup_teardown(test_sheet_xlsx, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}

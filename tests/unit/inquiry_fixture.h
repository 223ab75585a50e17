/* inquiry_fixture.h: a registry with staff and members for the inquiry, pledge and policy
 * tests. The clock is pinned to 2026-11-21 (as in the command-line tests). */
#ifndef MEIBO_TEST_INQUIRY_FIXTURE_H
#define MEIBO_TEST_INQUIRY_FIXTURE_H

#include "helpers.h"

#include "meibo/auth.h"
#include "meibo/db.h"
#include "meibo/member.h"
#include "meibo/permission.h"
#include "meibo/recipient.h"
#include "meibo/optout.h"
#include "meibo/roster.h"
#include "meibo/users.h"

#define FX_NOW 1795222800 /* 2026-11-21 10:00:00 JST */
#define FX_TODAY "2026-11-21"

typedef struct fx {
    char *path;
    meibo_ctx *ctx;
} fx;

/* Log in as one of the fixture's accounts: "kanri" (chief), "mgr" (manager), "clerk1". */
static inline void fx_as(fx *f, const char *login)
{
    char pw[64];
    meibo_err err;
    snprintf(pw, sizeof pw, "pass-%s-2026", login);
    assert_ok(auth_login(f->ctx, login, pw, &err), &err);
}

/* A member from "no|family|given|kana family|kana given|birth|facility|status|optout". */
static inline void fx_member(fx *f, const char *const v[9])
{
    static const member_field fields[] = {MF_MEMBER_NO, MF_FAMILY_NAME, MF_GIVEN_NAME,
                                          MF_FAMILY_KANA, MF_GIVEN_KANA, MF_BIRTH_DATE,
                                          MF_FACILITY_NAME, MF_STATUS};
    meibo_member m;
    meibo_err err;
    member_init(&m);
    for (int i = 0; i < 8; i++)
        assert_ok(member_set(&m, fields[i], v[i], &err), &err);
    assert_ok(member_set(&m, MF_JOINED_ON, "2010-04-01", &err), &err);
    if (v[7] && strcmp(v[7], "active") != 0) {
        assert_ok(member_set(&m, MF_WITHDRAWN_ON, "2020-03-31", &err), &err);
        assert_ok(member_set(&m, MF_WITHDRAW_REASON, "自己都合", &err), &err);
    }
    assert_ok(member_create(f->ctx, &m, &err), &err);
    member_clear(&m);
    if (v[8] && *v[8]) { /* the written application (第20条第5項): an opt-out record */
        optout_new o = {v[0], v[8], "停-fixture", 0, false};
        assert_ok(optout_add(f->ctx, &o, NULL, &err), &err);
    }
}

static inline int fx_setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    meibo_err err;
    f->path = test_tmp_db();
    if (!f || db_open(f->path, DB_OPEN_CREATE, &f->ctx, &err))
        return -1;
    f->ctx->fixed_now = FX_NOW;
    db_act_as_system(f->ctx);
    user_new chief = {"kanri", "事務局長", MEIBO_ROLE_CHIEF, "pass-kanri-2026", NULL, false, "2000-04-01", NULL};
    user_new mgr = {"mgr", "管理者", MEIBO_ROLE_MANAGER, "pass-mgr-2026", NULL, false, "2000-04-01", NULL};
    user_new clerk = {"clerk1", "従事者", MEIBO_ROLE_CLERK, "pass-clerk1-2026", NULL, false, "2000-04-01", NULL};
    if (user_bootstrap(f->ctx, &chief, &err) || auth_login(f->ctx, "kanri", "pass-kanri-2026", &err) ||
        user_add(f->ctx, &mgr, &err) || user_add(f->ctx, &clerk, &err))
        return -1;
    *state = f;
    fx_as(f, "clerk1");
    static const char *const members[][9] = {
        {"20000001", "髙橋", "一郎", "タカハシ", "イチロウ", "1975-05-05", "架空大学病院", "active", ""},
        {"20000002", "高橋", "一郎", "タカハシ", "イチロウ", "1980-01-01", "架空市民病院", "active", ""},
        {"20000003", "佐藤", "花子", "サトウ", "ハナコ", "1970-02-02", "架空大学病院", "active",
         "2015-06-01"},
        {"20000004", "鈴木", "次郎", "スズキ", "ジロウ", "1960-03-03", "", "withdrawn", ""},
    };
    for (size_t i = 0; i < sizeof members / sizeof *members; i++)
        fx_member(f, members[i]);
    /* the recipient register (規程 第20条第3–4項): 1 東海支部, 2 別の支部, 3 日本架空学会, 4 架空患者会 */
    static const char *const recipients[][2] = {{"東海支部", "branch"},
                                                {"別の支部", "branch"},
                                                {"日本架空学会", "academic"},
                                                {"架空患者会", "patient_group"}};
    for (size_t i = 0; i < sizeof recipients / sizeof *recipients; i++) {
        recipient_in in = {.organization = recipients[i][0], .category = recipients[i][1],
                           .identity = "書面で確認"};
        int64_t id;
        assert_ok(recipient_add(f->ctx, &in, &id, &err), &err);
    }
    return 0;
}

/* The chief officer's standing permission (規程 第16条) for paper sheets of @p purpose to the
 * registered @p recipient, through 2027-03-31. */
static inline void fx_permit(fx *f, const char *purpose, const char *who)
{
    meibo_err err;
    int64_t id;
    fx_as(f, "kanri");
    permission_in in = {.kind = "export", .purpose = purpose, .recipient = who,
                        .media = "paper", .valid_until = "2027-03-31"};
    assert_ok(permission_grant(f->ctx, &in, &id, &err), &err);
    fx_as(f, "clerk1");
}

static inline int fx_teardown(void **state)
{
    fx *f = *state;
    db_close(f->ctx);
    test_rm_db(f->path);
    free(f);
    return 0;
}

/* The integer result of a query (a count). */
static inline long long fx_int(fx *f, const char *sql)
{
    sqlite3_stmt *s = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(f->ctx->db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* The text result of a query, copied into a static buffer ("" for none). */
static inline const char *fx_text(fx *f, const char *sql)
{
    static char buf[1024];
    sqlite3_stmt *s = NULL;
    buf[0] = '\0';
    if (sqlite3_prepare_v2(f->ctx->db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW &&
        sqlite3_column_text(s, 0))
        snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return buf;
}

#endif

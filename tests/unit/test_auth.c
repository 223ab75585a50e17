/* test_auth.c: passwords, logins, lockout, term end, approval and roles (取扱規程 第33条, 第34条). */
#include "helpers.h"

#include "meibo/date.h"

#include <sys/wait.h>
#include <time.h>

#include "meibo/audit.h"
#include "meibo/audit_read.h"
#include "meibo/auth.h"
#include "meibo/staff.h"
#include "meibo/db.h"
#include "meibo/users.h"

/* File-private functions of auth.c, visible under -DTESTING. */
bool auth_login_ok(const char *s);
meibo_status auth_password_ok(const char *login, const char *password, meibo_err *err);

#define T0 1775044800 /* 2026-04-01 12:00:00 UTC (TZ pinned to UTC in main) */
#define DAY 86400

#define CHIEF_PW "chief-pass-1"
#define MGR_PW "manager-pass-1"
#define CLERK_PW "clerk-pass-1"

typedef struct fixture {
    char *path;
    meibo_ctx *ctx; /* logged in as the chief */
} fixture;

/* Open another connection to the same database at the fixture's clock. */
static meibo_ctx *open_again(const fixture *fx)
{
    meibo_ctx *c = NULL;
    meibo_err err;
    assert_ok(db_open(fx->path, 0, &c, &err), &err);
    c->fixed_now = fx->ctx->fixed_now;
    return c;
}

static void add_user(meibo_ctx *ctx, const char *login, meibo_role role, const char *pw,
                     const char *term_end, bool fixed)
{
    meibo_err err;
    user_new u = {.login = login, .display_name = "試験 太郎", .role = role, .password = pw,
                  .term_end = term_end, .fixed_term = fixed, .pledge_on = "2000-04-01"};
    assert_ok(user_add(ctx, &u, &err), &err);
}

/* A database with chief "chief", manager "mgr" and clerk "clerk"; ctx logged in as chief. */
static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    meibo_err err;
    fx->path = test_tmp_db();
    assert_ok(db_open(fx->path, DB_OPEN_CREATE, &fx->ctx, &err), &err);
    fx->ctx->fixed_now = T0;
    user_new chief = {.login = "chief", .display_name = "事務局長", .role = MEIBO_ROLE_CHIEF,
                      .password = CHIEF_PW, .pledge_on = "2000-04-01"};
    assert_ok(user_bootstrap(fx->ctx, &chief, &err), &err);
    assert_ok(auth_login(fx->ctx, "chief", CHIEF_PW, &err), &err);
    add_user(fx->ctx, "mgr", MEIBO_ROLE_MANAGER, MGR_PW, NULL, false);
    add_user(fx->ctx, "clerk", MEIBO_ROLE_CLERK, CLERK_PW, NULL, false);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    db_close(fx->ctx);
    test_rm_db(fx->path);
    free(fx);
    return 0;
}

/* Find a user's listing row (as the chief). */
typedef struct find_user {
    const char *login;
    char state[32];
    int failed;
    int64_t locked_until;
    char approved_by[64];
    char last_login_at[32];
    char term_end[16];
    bool found;
} find_user;

static int find_user_cb(const user_info *u, void *arg)
{
    find_user *f = arg;
    if (strcmp(u->login, f->login))
        return 0;
    f->found = true;
    snprintf(f->state, sizeof f->state, "%s", u->state);
    snprintf(f->approved_by, sizeof f->approved_by, "%s",
             u->approved_by ? u->approved_by : "(null)");
    snprintf(f->last_login_at, sizeof f->last_login_at, "%s",
             u->last_login_at ? u->last_login_at : "(null)");
    snprintf(f->term_end, sizeof f->term_end, "%s", u->term_end ? u->term_end : "(null)");
    f->failed = u->failed_logins;
    f->locked_until = u->locked_until;
    return 1;
}

static find_user lookup(meibo_ctx *chief, const char *login)
{
    find_user f = {.login = login};
    meibo_err err;
    assert_ok(user_list(chief, find_user_cb, &f, &err), &err);
    assert_true(f.found);
    return f;
}

/* Collect the last audit row of an action. */
typedef struct last_row {
    const char *action;
    char user_login[80], detail[256];
    int n;
} last_row;

static int last_row_cb(const audit_row *r, void *arg)
{
    last_row *l = arg;
    if (strcmp(r->action, l->action))
        return 0;
    snprintf(l->user_login, sizeof l->user_login, "%s", r->user_login);
    snprintf(l->detail, sizeof l->detail, "%s", r->detail);
    l->n++;
    return 0;
}

/* The last row of @p action, by @p user (NULL: anyone), read as the chief. */
static last_row last_audit_by(const fixture *fx, const char *action, const char *user)
{
    meibo_ctx *c = open_again(fx);
    meibo_err err;
    assert_ok(auth_login(c, "chief", CHIEF_PW, &err), &err);
    last_row l = {.action = action};
    audit_filter f = {.user_login = user};
    assert_ok(audit_query(c, &f, last_row_cb, &l, &err), &err);
    db_close(c);
    return l;
}

static last_row last_audit(const fixture *fx, const char *action)
{
    return last_audit_by(fx, action, NULL);
}

/* ---- passwords ----------------------------------------------------------------------- */

static void test_hash_roundtrip(void **state)
{
    (void)state;
    meibo_err err;
    char *h1 = NULL, *h2 = NULL;
    assert_ok(auth_hash_password("correct horse", &h1, &err), &err);
    assert_ok(auth_hash_password("correct horse", &h2, &err), &err);
    assert_true(!strncmp(h1, "$y$", 3)); /* yescrypt */
    assert_string_not_equal(h1, h2);      /* a fresh salt each time */
    assert_true(auth_check_password("correct horse", h1));
    assert_true(auth_check_password("correct horse", h2));
    assert_false(auth_check_password("correct horsf", h1));
    assert_false(auth_check_password("", h1));
    assert_false(auth_check_password(NULL, h1));
    assert_false(auth_check_password("correct horse", NULL));
    assert_false(auth_check_password("correct horse", ""));
    assert_false(auth_check_password("correct horse", "*0"));
    free(h1);
    free(h2);
}

static void test_validators(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        bool ok;
    } logins[] = {
        {"ab", true},        {"tanaka.h", true}, {"a_b-c.9", true}, {"a", false},
        {"", false},         {"Tanaka", false},  {"ta naka", false}, {"田中", false},
        {"system", false},   {"a;drop", false},
        {"abcdefghijklmnopqrstuvwxyz012345", true},
        {"abcdefghijklmnopqrstuvwxyz0123456", false},
    };
    for (size_t i = 0; i < sizeof logins / sizeof *logins; i++)
        if (auth_login_ok(logins[i].s) != logins[i].ok)
            fail_msg("login '%s': expected %d", logins[i].s, logins[i].ok);

    static const struct {
        const char *s;
        bool ok;
    } dates[] = {
        {"2026-03-31", true},  {"2024-02-29", true},  {"2000-02-29", true},
        {"2023-02-29", false}, {"1900-02-29", false}, {"2026-04-31", false},
        {"2026-13-01", false}, {"2026-00-10", false}, {"2026-4-1", false},
        {"2026/04/01", false}, {"2026-04-01x", false}, {"", false}, {"2026-04-+1", false},
    };
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++)
        if (date_iso_valid(dates[i].s) != dates[i].ok)
            fail_msg("date '%s': expected %d", dates[i].s, dates[i].ok);

    static const struct {
        const char *login, *pw;
        meibo_status want;
    } pws[] = {
        {"tanaka", "12345678", MEIBO_OK},
        {"tanaka", "1234567", MEIBO_ERR_INVALID},
        {"tanaka", "", MEIBO_ERR_INVALID},
        {"tanaka", NULL, MEIBO_ERR_INVALID},
        {"tanaka", "パスワード長い八字", MEIBO_OK},   /* 9 code points, 27 bytes */
        {"tanaka", "パスワード短い", MEIBO_ERR_INVALID}, /* 7 code points, 21 bytes */
        {"tanaka.h", "tanaka.h", MEIBO_ERR_INVALID},
        {"tanaka.h", "TANAKA.H", MEIBO_ERR_INVALID},
        {"tanaka", "abc\xff\xfe" "defgh", MEIBO_ERR_ENCODING},
    };
    for (size_t i = 0; i < sizeof pws / sizeof *pws; i++) {
        meibo_err err;
        meibo_err_clear(&err);
        meibo_status s = auth_password_ok(pws[i].login, pws[i].pw, &err);
        if (s != pws[i].want)
            fail_msg("password #%zu: got %s (%s)", i, meibo_strerror(s), err.msg);
        if (s != MEIBO_OK) {
            assert_string_equal(err.field, "password");
            if (pws[i].pw && *pws[i].pw)
                assert_null(strstr(err.msg, pws[i].pw)); /* never echo the password */
        }
    }
}

/* ---- bootstrap ------------------------------------------------------------------------- */

static void test_bootstrap(void **state)
{
    (void)state;
    char *path = test_tmp_db();
    meibo_ctx *ctx = NULL;
    meibo_err err;
    assert_ok(db_open(path, DB_OPEN_CREATE, &ctx, &err), &err);
    int64_t n = -1;
    assert_ok(user_count(ctx, &n, &err), &err);
    assert_int_equal(n, 0);

    user_new clerk = {.login = "first", .display_name = "最初", .role = MEIBO_ROLE_CLERK,
                      .password = CHIEF_PW, .pledge_on = "2000-04-01"};
    assert_int_equal(user_bootstrap(ctx, &clerk, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "role");

    user_new chief = {.login = "chief", .display_name = "事務局長", .role = MEIBO_ROLE_CHIEF,
                      .password = CHIEF_PW, .pledge_on = "2000-04-01"};
    assert_ok(user_bootstrap(ctx, &chief, &err), &err);
    assert_ok(user_count(ctx, &n, &err), &err);
    assert_int_equal(n, 1);

    /* only into an empty table */
    user_new again = chief;
    again.login = "chief2";
    assert_int_equal(user_bootstrap(ctx, &again, &err), MEIBO_ERR_EXISTS);
    assert_ok(user_count(ctx, &n, &err), &err);
    assert_int_equal(n, 1);

    /* the bootstrap is audited as the system */
    assert_ok(auth_login(ctx, "chief", CHIEF_PW, &err), &err);
    fixture fx = {.path = path, .ctx = ctx};
    last_row l = last_audit(&fx, "user.bootstrap");
    assert_int_equal(l.n, 1);
    assert_string_equal(l.user_login, "system");
    assert_non_null(strstr(l.detail, "login=chief role=chief"));
    assert_null(strstr(l.detail, CHIEF_PW));
    db_close(ctx);
    test_rm_db(path);
}

/* ---- login ----------------------------------------------------------------------------- */

static void test_login_success_and_failure(void **state)
{
    fixture *fx = *state;
    meibo_ctx *c = open_again(fx);
    meibo_err err;

    assert_ok(auth_login(c, "clerk", CLERK_PW, &err), &err);
    assert_true(c->user_id > 0);
    assert_string_equal(c->login, "clerk");
    assert_string_equal(c->display_name, "試験 太郎");
    assert_int_equal(c->role, MEIBO_ROLE_CLERK);
    assert_ok(auth_require(c, MEIBO_ROLE_CLERK, "browse members", &err), &err);

    /* 取扱規程 第33条: one wording for a wrong password and an unknown login */
    meibo_err e1, e2;
    assert_int_equal(auth_login(c, "clerk", "wrong-password", &e1), MEIBO_ERR_AUTH);
    assert_int_equal(c->user_id, 0); /* a failed login leaves nobody logged in */
    assert_string_equal(c->login, "");
    assert_int_equal(auth_login(c, "nobody", "wrong-password", &e2), MEIBO_ERR_AUTH);
    assert_string_equal(e1.msg, e2.msg);
    assert_string_equal(e1.msg, "login ID or password is wrong");
    assert_null(strstr(e1.msg, "wrong-password"));
    assert_int_equal(auth_require(c, MEIBO_ROLE_CLERK, "browse members", &err),
                     MEIBO_ERR_DENIED);
    assert_string_equal(err.msg, "log in first");

    /* success resets the count and records the time */
    assert_ok(auth_login(c, "clerk", CLERK_PW, &err), &err);
    find_user f = lookup(fx->ctx, "clerk");
    assert_int_equal(f.failed, 0);
    assert_string_equal(f.last_login_at, "2026-04-01 12:00:00");
    assert_string_equal(f.state, "active");
    db_close(c);

    /* 取扱規程 第35条: both outcomes are logged, the password never */
    last_row ok = last_audit_by(fx, "login", "clerk");
    assert_int_equal(ok.n, 2);
    assert_string_equal(ok.detail, "role=clerk");
    last_row bad = last_audit(fx, "login_failed");
    assert_int_equal(bad.n, 2);
    assert_string_equal(bad.user_login, "nobody");
    assert_string_equal(bad.detail, "reason=unknown_login failures=1 waited=0 next_wait=0");
    assert_null(strstr(bad.detail, "wrong-password"));
}

static void test_login_unknown_long_login_audited_truncated(void **state)
{
    fixture *fx = *state;
    meibo_ctx *c = open_again(fx);
    meibo_err err;
    char longlogin[200];
    memset(longlogin, 'x', sizeof longlogin - 1);
    longlogin[sizeof longlogin - 1] = '\0';
    assert_int_equal(auth_login(c, longlogin, "whatever-1", &err), MEIBO_ERR_AUTH);
    db_close(c);
    last_row bad = last_audit(fx, "login_failed");
    assert_true(strlen(bad.user_login) > 0 && strlen(bad.user_login) < 64);
    assert_true(!strncmp(bad.user_login, longlogin, strlen(bad.user_login)));
}

/* 取扱規程 第33条 (issue 12 §4): the delay is a pure function of the consecutive failures. */
static void test_delay_function(void **state)
{
    (void)state;
    assert_int_equal(auth_delay(-1), 0);
    assert_int_equal(auth_delay(0), 0);
    assert_int_equal(auth_delay(AUTH_DELAY_FREE - 1), 0);
    assert_int_equal(auth_delay(AUTH_DELAY_FREE), 1);
    assert_int_equal(auth_delay(AUTH_DELAY_FREE + 1), 2);
    assert_int_equal(auth_delay(AUTH_DELAY_FREE + 4), 16);
    assert_int_equal(auth_delay(AUTH_DELAY_FREE + 5), AUTH_DELAY_CAP);
    assert_int_equal(auth_delay(1000), AUTH_DELAY_CAP);
    assert_int_equal(auth_delay(2147483647), AUTH_DELAY_CAP);
    for (int i = 1; i < 100; i++)
        assert_true(auth_delay(i) >= auth_delay(i - 1));
}

/* No failure count locks an ID: the right password works after at most the cap. */
static void test_delay_not_lock(void **state)
{
    fixture *fx = *state;
    meibo_ctx *c = open_again(fx);
    meibo_err err;
    int wait = -1;
    for (int i = 1; i <= 20; i++) {
        assert_int_equal(auth_login(c, "clerk", "not-the-password", &err), MEIBO_ERR_AUTH);
        assert_string_equal(err.msg, "login ID or password is wrong");
        assert_int_equal(lookup(fx->ctx, "clerk").failed, i);
        c->fixed_now = T0; /* each try a new process at the same moment */
    }
    find_user f = lookup(fx->ctx, "clerk");
    assert_string_equal(f.state, "active");
    assert_int_equal(f.locked_until, 0);
    assert_ok(auth_login_wait(c, "clerk", &wait, &err), &err);
    assert_true(wait > 0 && wait <= AUTH_DELAY_CAP);
    assert_ok(auth_login(c, "clerk", CLERK_PW, &err), &err);
    assert_true(c->fixed_now - T0 <= AUTH_DELAY_CAP); /* the test clock moved on by the wait */
    assert_int_equal(lookup(fx->ctx, "clerk").failed, 0);
    /* the ID's count is cleared; this source's is not */
    c->fixed_now = T0 + 3600;
    assert_ok(auth_login_wait(c, "clerk", &wait, &err), &err);
    assert_int_equal(wait, 0);
    db_close(c);
    last_row bad = last_audit(fx, "login_failed");
    assert_int_equal(bad.n, 20);
}

/* Unknown IDs are counted and delayed like known ones. */
static void test_delay_unknown_alike(void **state)
{
    fixture *fx = *state;
    meibo_ctx *c = open_again(fx);
    meibo_err e1, e2;
    int w1 = 0, w2 = 0;
    for (int i = 0; i < 6; i++) {
        c->fixed_now = T0 + 10000 * (i + 1); /* quiet spells: each pair starts afresh */
        assert_int_equal(auth_login(c, "clerk", "not-the-password", &e1), MEIBO_ERR_AUTH);
    }
    c->fixed_now = T0 + 100000;
    assert_ok(auth_login_wait(c, "clerk", &w1, &e1), &e1);
    for (int i = 0; i < 6; i++) {
        c->fixed_now = T0 + 200000 + 10000 * (i + 1);
        assert_int_equal(auth_login(c, "nosuchid", "not-the-password", &e2), MEIBO_ERR_AUTH);
    }
    c->fixed_now = T0 + 300000;
    assert_ok(auth_login_wait(c, "nosuchid", &w2, &e2), &e2);
    assert_string_equal(e1.msg, e2.msg);
    assert_int_equal(w1, w2);
    db_close(c);
}

static void test_delay_cleared_by_new_password(void **state)
{
    fixture *fx = *state;
    meibo_ctx *c = open_again(fx);
    meibo_err err;
    for (int i = 0; i < 8; i++)
        assert_int_equal(auth_login(c, "clerk", "not-the-password", &err), MEIBO_ERR_AUTH);
    assert_ok(user_set_password(fx->ctx, "clerk", "brand-new-pass", &err), &err);
    assert_int_equal(lookup(fx->ctx, "clerk").failed, 0);
    assert_ok(auth_login(c, "clerk", "brand-new-pass", &err), &err);
    db_close(c);
}

/* Five processes fail at once: BEGIN IMMEDIATE makes every failure count. */
static void test_delay_concurrent(void **state)
{
    fixture *fx = *state;
    enum { KIDS = 5 };
    pid_t kids[KIDS];
    for (int i = 0; i < KIDS; i++) {
        kids[i] = fork();
        assert_true(kids[i] >= 0);
        if (kids[i] == 0) {
            meibo_ctx *c = NULL;
            meibo_err err;
            if (db_open(fx->path, 0, &c, &err) != MEIBO_OK)
                _exit(2);
            c->fixed_now = T0;
            meibo_status s = auth_login(c, "clerk", "not-the-password", &err);
            db_close(c);
            _exit(s == MEIBO_ERR_AUTH ? 0 : 1);
        }
    }
    for (int i = 0; i < KIDS; i++) {
        int ws = 0;
        assert_int_equal(waitpid(kids[i], &ws, 0), kids[i]);
        assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
    }
    find_user f = lookup(fx->ctx, "clerk");
    assert_int_equal(f.failed, KIDS);
    assert_string_equal(f.state, "active");
}

/* 取扱規程 第34条: term_end is the last day the account works. */
static void test_term_end(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    add_user(fx->ctx, "temp", MEIBO_ROLE_CLERK, "temp-pass-1", "2026-04-01", false);
    meibo_ctx *c = open_again(fx);
    assert_ok(auth_login(c, "temp", "temp-pass-1", &err), &err); /* today = term_end */

    c->fixed_now = T0 + DAY; /* the day after */
    assert_int_equal(auth_require(c, MEIBO_ROLE_CLERK, "browse members", &err),
                     MEIBO_ERR_EXPIRED);
    assert_int_equal(auth_login(c, "temp", "temp-pass-1", &err), MEIBO_ERR_EXPIRED);
    assert_string_equal(err.msg, "account ended on 2026-04-01 (取扱規程 第34条)");
    /* a wrong password still gets the plain answer */
    assert_int_equal(auth_login(c, "temp", "wrong-pass-1", &err), MEIBO_ERR_AUTH);
    fx->ctx->fixed_now = T0 + DAY;
    assert_string_equal(lookup(fx->ctx, "temp").state, "expired");
    db_close(c);
    last_row bad = last_audit(fx, "login_failed");
    assert_non_null(strstr(bad.detail, "bad_password"));
}

/* 取扱規程 第33条 但し書: a fixed-term ID works only once the chief officer approves it. */
static void test_fixed_term_approval(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    meibo_ctx *mgr = open_again(fx), *c = open_again(fx);
    assert_ok(auth_login(mgr, "mgr", MGR_PW, &err), &err);
    add_user(mgr, "haken", MEIBO_ROLE_CLERK, "haken-pass-1", "2026-09-30", true);

    assert_int_equal(auth_login(c, "haken", "haken-pass-1", &err), MEIBO_ERR_EXPIRED);
    assert_string_equal(err.msg, "fixed-term account awaits the chief officer's approval "
                                 "(取扱規程 第33条)");
    assert_string_equal(lookup(fx->ctx, "haken").state, "awaiting approval");

    assert_int_equal(user_approve(mgr, "haken", &err), MEIBO_ERR_DENIED);
    assert_non_null(strstr(err.msg, "needs the chief role; you are manager"));
    assert_int_equal(user_approve(fx->ctx, "clerk", &err), MEIBO_ERR_INVALID); /* not fixed-term */
    assert_int_equal(user_approve(fx->ctx, "nosuch", &err), MEIBO_ERR_NOT_FOUND);

    assert_ok(user_approve(fx->ctx, "haken", &err), &err);
    find_user f = lookup(fx->ctx, "haken");
    assert_string_equal(f.approved_by, "chief");
    assert_string_equal(f.term_end, "2026-09-30");
    assert_string_equal(f.state, "active");
    assert_ok(auth_login(c, "haken", "haken-pass-1", &err), &err);

    last_row l = last_audit(fx, "user.approve");
    assert_string_equal(l.user_login, "chief");
    assert_string_equal(l.detail, "login=haken term_end=2026-09-30");
    db_close(mgr);
    db_close(c);
}

/* Roles are enforced in the core (取扱規程 第34条). */
static void test_roles(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    meibo_ctx *clerk = open_again(fx), *mgr = open_again(fx), *none = open_again(fx);
    assert_ok(auth_login(clerk, "clerk", CLERK_PW, &err), &err);
    assert_ok(auth_login(mgr, "mgr", MGR_PW, &err), &err);
    user_new nc = {.login = "newclerk", .display_name = "新人", .role = MEIBO_ROLE_CLERK,
                   .password = "newclerk-pass", .pledge_on = "2000-04-01"};
    user_new nchief = {.login = "newchief", .display_name = "新局長", .role = MEIBO_ROLE_CHIEF,
                       .password = "newchief-pass", .pledge_on = "2000-04-01"};
    user_new nmgr = {.login = "newmgr", .display_name = "新管理者", .role = MEIBO_ROLE_MANAGER,
                     .password = "newmgr-pass1", .pledge_on = "2000-04-01"};

    static const struct {
        int who; /* 0 nobody, 1 clerk, 2 manager */
        int op;  /* 0 add clerk, 1 add chief, 2 approve, 3 list, 4 disable, 5 reset other */
        meibo_status want;
        const char *msg;
    } cases[] = {
        {0, 0, MEIBO_ERR_DENIED, "log in first"},
        {1, 0, MEIBO_ERR_DENIED, "'add a user' needs the manager role; you are clerk"},
        {1, 2, MEIBO_ERR_DENIED, "'approve a fixed-term account' needs the chief role; you are clerk"},
        {1, 3, MEIBO_ERR_DENIED, "'list users' needs the manager role; you are clerk"},
        {1, 4, MEIBO_ERR_DENIED, "'disable a user' needs the manager role; you are clerk"},
        {1, 5, MEIBO_ERR_DENIED, NULL},
        {2, 1, MEIBO_ERR_DENIED, NULL},
        {2, 2, MEIBO_ERR_DENIED, NULL},
        {2, 0, MEIBO_OK, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        meibo_ctx *c = cases[i].who == 0 ? none : cases[i].who == 1 ? clerk : mgr;
        meibo_status s = MEIBO_OK;
        meibo_err_clear(&err);
        switch (cases[i].op) {
        case 0: s = user_add(c, &nc, &err); break;
        case 1: s = user_add(c, &nchief, &err); break;
        case 2: s = user_approve(c, "clerk", &err); break;
        case 3: s = user_list(c, NULL, NULL, &err); break;
        case 4: s = user_disable(c, "mgr", &err); break;
        case 5: s = user_set_password(c, "mgr", "whatever-pass", &err); break;
        }
        if (s != cases[i].want)
            fail_msg("case %zu: got %s (%s)", i, meibo_strerror(s), err.msg);
        if (cases[i].msg)
            assert_string_equal(err.msg, cases[i].msg);
    }
    /* a manager adds a manager but not a chief; the chief adds a chief */
    assert_ok(user_add(mgr, &nmgr, &err), &err);
    assert_ok(user_add(fx->ctx, &nchief, &err), &err);
    db_close(clerk);
    db_close(mgr);
    db_close(none);
}

static void test_disable(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    meibo_ctx *clerk = open_again(fx), *mgr = open_again(fx);
    assert_ok(auth_login(clerk, "clerk", CLERK_PW, &err), &err);
    assert_ok(auth_login(mgr, "mgr", MGR_PW, &err), &err);

    assert_int_equal(user_disable(mgr, "mgr", &err), MEIBO_ERR_DENIED);    /* yourself */
    assert_int_equal(user_disable(mgr, "chief", &err), MEIBO_ERR_DENIED);  /* a chief */
    assert_int_equal(user_disable(mgr, "nosuch", &err), MEIBO_ERR_NOT_FOUND);
    assert_ok(user_disable(mgr, "clerk", &err), &err);
    assert_ok(user_disable(mgr, "clerk", &err), &err); /* again: nothing to do */

    /* 取扱規程 第34条: the open session of a since-disabled user stops working */
    assert_int_equal(auth_require(clerk, MEIBO_ROLE_CLERK, "browse members", &err),
                     MEIBO_ERR_EXPIRED);
    assert_string_equal(err.msg, "account 'clerk' is disabled (取扱規程 第34条)");
    assert_int_equal(auth_login(clerk, "clerk", CLERK_PW, &err), MEIBO_ERR_EXPIRED);
    assert_string_equal(lookup(fx->ctx, "clerk").state, "disabled");

    last_row l = last_audit(fx, "user.disable");
    assert_int_equal(l.n, 1);
    assert_string_equal(l.user_login, "mgr");
    assert_string_equal(l.detail, "login=clerk");
    db_close(clerk);
    db_close(mgr);
}

static void test_set_password(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    meibo_ctx *clerk = open_again(fx), *mgr = open_again(fx);
    assert_ok(auth_login(clerk, "clerk", CLERK_PW, &err), &err);
    assert_ok(auth_login(mgr, "mgr", MGR_PW, &err), &err);

    assert_ok(user_set_password(clerk, "clerk", "clerk-pass-2", &err), &err);
    assert_int_equal(user_set_password(clerk, "clerk", "short", &err), MEIBO_ERR_INVALID);
    assert_int_equal(user_set_password(clerk, "clerk", "clerk", &err), MEIBO_ERR_INVALID);
    assert_int_equal(user_set_password(mgr, "chief", "hijack-pass-1", &err), MEIBO_ERR_DENIED);
    assert_int_equal(user_set_password(mgr, "nosuch", "whatever-pass", &err),
                     MEIBO_ERR_NOT_FOUND);
    assert_int_equal(auth_login(clerk, "clerk", CLERK_PW, &err), MEIBO_ERR_AUTH);
    assert_ok(auth_login(clerk, "clerk", "clerk-pass-2", &err), &err);
    assert_ok(user_set_password(mgr, "clerk", "clerk-pass-3", &err), &err);
    assert_ok(user_set_password(fx->ctx, "mgr", "manager-pass-2", &err), &err);
    assert_ok(auth_login(clerk, "clerk", "clerk-pass-3", &err), &err);

    last_row l = last_audit(fx, "user.password");
    assert_int_equal(l.n, 3);
    assert_string_equal(l.detail, "login=mgr reset");
    assert_null(strstr(l.detail, "manager-pass-2"));
    db_close(clerk);
    db_close(mgr);
}

static void test_user_add_validation(void **state)
{
    fixture *fx = *state;
    static const struct {
        const char *login, *name, *pw, *term_end;
        meibo_role role;
        bool fixed;
        meibo_status want;
        const char *field;
    } cases[] = {
        {"ok.user", "名前", "good-pass-1", NULL, MEIBO_ROLE_CLERK, false, MEIBO_OK, ""},
        {"ok.user", "名前", "good-pass-1", NULL, MEIBO_ROLE_CLERK, false, MEIBO_ERR_EXISTS, "login"},
        {"x", "名前", "good-pass-1", NULL, MEIBO_ROLE_CLERK, false, MEIBO_ERR_INVALID, "login"},
        {"Upper", "名前", "good-pass-1", NULL, MEIBO_ROLE_CLERK, false, MEIBO_ERR_INVALID, "login"},
        {NULL, "名前", "good-pass-1", NULL, MEIBO_ROLE_CLERK, false, MEIBO_ERR_INVALID, "login"},
        {"u1", "", "good-pass-1", NULL, MEIBO_ROLE_CLERK, false, MEIBO_ERR_INVALID, "display_name"},
        {"u1", NULL, "good-pass-1", NULL, MEIBO_ROLE_CLERK, false, MEIBO_ERR_INVALID, "display_name"},
        {"u1", "   ", "good-pass-1", NULL, MEIBO_ROLE_CLERK, false, MEIBO_ERR_INVALID, "display_name"},
        {"u1", "a\x1b[2Jb", "good-pass-1", NULL, MEIBO_ROLE_CLERK, false, MEIBO_ERR_INVALID, "display_name"},
        {"u1", "名前", "short", NULL, MEIBO_ROLE_CLERK, false, MEIBO_ERR_INVALID, "password"},
        {"u1.longer", "名前", "u1.longer", NULL, MEIBO_ROLE_CLERK, false, MEIBO_ERR_INVALID, "password"},
        {"u1", "名前", "good-pass-1", "2026-02-30", MEIBO_ROLE_CLERK, false, MEIBO_ERR_INVALID, "term_end"},
        {"u1", "名前", "good-pass-1", "2026/09/30", MEIBO_ROLE_CLERK, false, MEIBO_ERR_INVALID, "term_end"},
        {"u1", "名前", "good-pass-1", "2026-03-31", MEIBO_ROLE_CLERK, false, MEIBO_ERR_INVALID, "term_end"},
        {"u1", "名前", "good-pass-1", NULL, MEIBO_ROLE_CLERK, true, MEIBO_ERR_INVALID, "term_end"},
        {"u1", "名前", "good-pass-1", NULL, MEIBO_ROLE_NONE, false, MEIBO_ERR_INVALID, "role"},
        {"u1", "名前", "good-pass-1", "2026-04-01", MEIBO_ROLE_CLERK, true, MEIBO_OK, ""},
    };
    char long_name[65 * 3 + 1] = "";
    for (int i = 0; i < 65; i++)
        strcat(long_name, "名");
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        meibo_err err;
        meibo_err_clear(&err);
        user_new u = {.login = cases[i].login, .display_name = cases[i].name,
                      .role = cases[i].role, .password = cases[i].pw,
                      .term_end = cases[i].term_end, .fixed_term = cases[i].fixed, .pledge_on = "2000-04-01"};
        meibo_status s = user_add(fx->ctx, &u, &err);
        if (s != cases[i].want)
            fail_msg("case %zu: got %s (%s)", i, meibo_strerror(s), err.msg);
        assert_string_equal(err.field, cases[i].field);
        if (s == MEIBO_ERR_EXISTS)
            assert_non_null(strstr(err.msg, "'ok.user'"));
    }
    meibo_err err;
    user_new u = {.login = "u2", .display_name = long_name, .role = MEIBO_ROLE_CLERK,
                  .password = "good-pass-1", .pledge_on = "2000-04-01"};
    assert_int_equal(user_add(fx->ctx, &u, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "display_name");
    long_name[64 * 3] = '\0'; /* 64 characters is fine */
    assert_ok(user_add(fx->ctx, &u, &err), &err);

    last_row l = last_audit(fx, "user.add");
    assert_string_equal(l.detail, "login=u2 role=clerk fixed_term=0 term_end=- pledge=2000-04-01");
    meibo_ctx *c = open_again(fx);
    assert_ok(auth_login(c, "u2", "good-pass-1", &err), &err);
    assert_true(strlen(c->display_name) < sizeof c->display_name);
    db_close(c);
}

static void test_user_list(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    find_user f = lookup(fx->ctx, "chief");
    assert_string_equal(f.state, "active");
    assert_string_equal(f.term_end, "(null)");     /* none: NULL, not "" */
    assert_string_equal(f.approved_by, "(null)");
    f = lookup(fx->ctx, "mgr");
    assert_string_equal(f.last_login_at, "(null)"); /* never logged in */
    int64_t n = 0;
    assert_ok(user_count(fx->ctx, &n, &err), &err);
    assert_int_equal(n, 3);
}

/* 取扱規程 第27条: the login rule itself, pure. */
static void test_pledge_rule(void **state)
{
    (void)state;
    assert_true(auth_pledge_allows_login(true, false));
    assert_true(auth_pledge_allows_login(true, true));
    assert_false(auth_pledge_allows_login(false, false)); /* the default */
    assert_true(auth_pledge_allows_login(false, true));   /* login_without_pledge = yes */
}

/* 取扱規程 第27条: an account without a confidentiality pledge on file does not log in (by
 * default), saying why; once the manager records it, it does; the system file may let it in. */
static void test_pledge_login(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    meibo_ctx *mgr = open_again(fx), *c = open_again(fx);
    assert_ok(auth_login(mgr, "mgr", MGR_PW, &err), &err);
    user_new u = {.login = "nopledge", .display_name = "誓約 未提出", .role = MEIBO_ROLE_CLERK,
                  .password = "nopledge-pass"};
    assert_ok(user_add(mgr, &u, &err), &err);

    assert_int_equal(auth_login(c, "nopledge", "nopledge-pass", &err), MEIBO_ERR_EXPIRED);
    assert_int_equal(err.reason, MEIBO_REASON_NO_PLEDGE);
    assert_non_null(strstr(err.msg, "取扱規程 第27条"));
    char ja[400];
    assert_non_null(strstr(meibo_reason_text(&err, true, ja, sizeof ja), "第27条"));
    last_row bad = last_audit(fx, "login_failed");
    assert_string_equal(bad.detail, "reason=no_pledge");
    /* a wrong password still gets the plain answer: the rule says nothing before the password */
    assert_int_equal(auth_login(c, "nopledge", "wrong-pass-1", &err), MEIBO_ERR_AUTH);

    auth_set_pledge_rule(c, true); /* login_without_pledge = yes */
    assert_ok(auth_login(c, "nopledge", "nopledge-pass", &err), &err);
    auth_set_pledge_rule(c, false);
    assert_int_equal(auth_require(c, MEIBO_ROLE_CLERK, "browse members", &err),
                     MEIBO_ERR_EXPIRED);

    /* a clerk cannot record it; the date may not be in the future */
    assert_int_equal(staff_pledge_record(c, "nopledge", "2026-03-31", "", &err), MEIBO_ERR_EXPIRED);
    assert_int_equal(staff_pledge_record(mgr, "nopledge", "2026-04-02", "", &err),
                     MEIBO_ERR_INVALID);
    assert_ok(staff_pledge_record(mgr, "nopledge", "2026-03-31", "誓約書 第7号", &err), &err);
    last_row l = last_audit(fx, "user.pledge");
    assert_string_equal(l.user_login, "mgr");
    assert_string_equal(l.detail, "login=nopledge pledge_on=2026-03-31");
    assert_ok(auth_login(c, "nopledge", "nopledge-pass", &err), &err);

    /* 第28条: training recorded; none in the last 12 months is due */
    int np = 0, nt = 0;
    assert_ok(staff_due_counts(mgr, &np, &nt, &err), &err);
    assert_int_equal(np, 0);
    assert_true(nt >= 1);
    int before = nt;
    assert_ok(staff_training_add(mgr, "nopledge", "2025-03-31", "個人情報保護研修", &err), &err);
    assert_ok(staff_due_counts(mgr, &np, &nt, &err), &err);
    assert_int_equal(nt, before); /* 12 months and a day ago: still due */
    assert_ok(staff_training_add(mgr, "nopledge", "2025-04-01", "個人情報保護研修", &err), &err);
    assert_ok(staff_due_counts(mgr, &np, &nt, &err), &err);
    assert_int_equal(nt, before - 1);
    assert_int_equal(staff_training_add(mgr, "nopledge", "2025-04-02", " ", &err),
                     MEIBO_ERR_INVALID);
    db_close(mgr);
    db_close(c);
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash_roundtrip),
        cmocka_unit_test(test_validators),
        cmocka_unit_test(test_bootstrap),
        cmocka_unit_test_setup_teardown(test_login_success_and_failure, setup, teardown),
        cmocka_unit_test_setup_teardown(test_login_unknown_long_login_audited_truncated, setup,
                                        teardown),
        cmocka_unit_test(test_delay_function),
        cmocka_unit_test_setup_teardown(test_delay_not_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delay_unknown_alike, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delay_cleared_by_new_password, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delay_concurrent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_term_end, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fixed_term_approval, setup, teardown),
        cmocka_unit_test_setup_teardown(test_roles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_disable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_password, setup, teardown),
        cmocka_unit_test_setup_teardown(test_user_add_validation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_user_list, setup, teardown),
        cmocka_unit_test(test_pledge_rule),
        cmocka_unit_test_setup_teardown(test_pledge_login, setup, teardown),
    };
    return cmocka_run_group_tests_name("auth", tests, NULL, NULL);
}

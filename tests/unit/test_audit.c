/* test_audit.c: the hash-chained access log (取扱規程 第23条, 第35条). */
#include "helpers.h"

#include <pwd.h>
#include <sys/wait.h>
#include <time.h>

#include "meibo/audit.h"
#include "meibo/audit_read.h"
#include "meibo/auth.h"
#include "meibo/db.h"
#include "meibo/users.h"

#define T0 1775044800 /* 2026-04-01 12:00:00 UTC (TZ pinned to UTC in main) */
#define DAY 86400
#define ZERO64 "0000000000000000000000000000000000000000000000000000000000000000"

#define CHIEF_PW "chief-pass-1"
#define MGR_PW "manager-pass-1"
#define CLERK_PW "clerk-pass-1"

typedef struct fixture {
    char *path;
    meibo_ctx *chief, *mgr, *clerk, *clerk2, *nobody;
} fixture;

static meibo_ctx *open_as(const char *path, const char *login, const char *pw)
{
    meibo_ctx *c = NULL;
    meibo_err err;
    assert_ok(db_open(path, 0, &c, &err), &err);
    c->fixed_now = T0;
    if (login)
        assert_ok(auth_login(c, login, pw, &err), &err);
    return c;
}

static void add_user(meibo_ctx *ctx, const char *login, meibo_role role, const char *pw)
{
    meibo_err err;
    user_new u = {.login = login, .display_name = login, .role = role, .password = pw, .pledge_on = "2000-04-01"};
    assert_ok(user_add(ctx, &u, &err), &err);
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    meibo_err err;
    fx->path = test_tmp_db();
    assert_ok(db_open(fx->path, DB_OPEN_CREATE, &fx->chief, &err), &err);
    fx->chief->fixed_now = T0;
    user_new chief = {.login = "chief", .display_name = "事務局長", .role = MEIBO_ROLE_CHIEF,
                      .password = CHIEF_PW, .pledge_on = "2000-04-01"};
    assert_ok(user_bootstrap(fx->chief, &chief, &err), &err);
    assert_ok(auth_login(fx->chief, "chief", CHIEF_PW, &err), &err);
    add_user(fx->chief, "mgr", MEIBO_ROLE_MANAGER, MGR_PW);
    add_user(fx->chief, "clerk", MEIBO_ROLE_CLERK, CLERK_PW);
    add_user(fx->chief, "clerk2", MEIBO_ROLE_CLERK, CLERK_PW);
    fx->mgr = open_as(fx->path, "mgr", MGR_PW);
    fx->clerk = open_as(fx->path, "clerk", CLERK_PW);
    fx->clerk2 = open_as(fx->path, "clerk2", CLERK_PW);
    fx->nobody = open_as(fx->path, NULL, NULL);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    db_close(fx->chief);
    db_close(fx->mgr);
    db_close(fx->clerk);
    db_close(fx->clerk2);
    db_close(fx->nobody);
    test_rm_db(fx->path);
    free(fx);
    return 0;
}

/* A plain connection that bypasses meibo, as someone tampering with the file would. */
static int raw_exec(const char *path, const char *sql, char *msg, size_t len)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    char *m = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &m);
    if (msg)
        snprintf(msg, len, "%s", m ? m : "");
    sqlite3_free(m);
    sqlite3_close(db);
    return rc;
}

static int64_t raw_count(const char *path)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM audit_log", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

/* Rows 1..N exist after setup; add a few with members and details. */
static void add_rows(meibo_ctx *ctx, int n)
{
    meibo_err err;
    for (int i = 0; i < n; i++) {
        char member[16], detail[64];
        snprintf(member, sizeof member, "%d", 1000 + i % 3);
        snprintf(detail, sizeof detail, "field=email row %d 田中", i);
        assert_ok(audit_append(ctx, "member.read", i % 4 ? member : NULL, i % 5 ? detail : NULL,
                               &err),
                  &err);
    }
}

/* ---- hashing ------------------------------------------------------------------------- */

/* Known answers computed outside the program (printf ... | sha256sum). */
static void test_row_hash_golden(void **state)
{
    (void)state;
    static const struct {
        audit_row row;
        const char *want;
    } cases[] = {
        {{.id = 1, .at = "2026-04-01 12:00:00", .user_login = "chief", .unix_user = "meibo",
          .ssh_client = "192.0.2.7", .action = "member.read", .member_no = "12345",
          .detail = "", .prev_hash = ZERO64},
         "d33f6d2549efbd5bb8c808949d02dc10846daf085d1d1b102e8f5bf72579e8e4"},
        /* multi-byte text, a '-' login, a detail holding ':' and a newline */
        {{.id = 42, .at = "2026-04-01 12:00:00", .user_login = "田中", .unix_user = "-",
          .ssh_client = "local", .action = "login", .member_no = NULL,
          .detail = "reason=x:1\n", .prev_hash = ZERO64},
         "ffb19f858f80d15a0308140aef08ce76b50b51193ed3831b40e6e820b801a1f2"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[65];
        audit_row_hash(&cases[i].row, out);
        assert_string_equal(out, cases[i].want);
    }
    /* length prefixes keep fields from bleeding into each other */
    audit_row a = cases[0].row, b = cases[0].row;
    a.member_no = "12";
    a.detail = "345";
    b.member_no = "1234";
    b.detail = "5";
    char ha[65], hb[65];
    audit_row_hash(&a, ha);
    audit_row_hash(&b, hb);
    assert_string_not_equal(ha, hb);
}

typedef struct chain_state {
    meibo_ctx *ctx; /* whose key the rows are MACed with */
    int64_t last_id, n;
    char last_hash[65];
    int bad;
} chain_state;

static int chain_cb(const audit_row *r, void *arg)
{
    chain_state *c = arg;
    char h[65];
    audit_row_mac(c->ctx, r, h);
    if (strcmp(h, r->hash) || r->id != c->last_id + 1 ||
        strcmp(r->prev_hash, c->n ? c->last_hash : ZERO64))
        c->bad++;
    c->last_id = r->id;
    snprintf(c->last_hash, sizeof c->last_hash, "%s", r->hash);
    c->n++;
    return 0;
}

static void test_chain_verifies(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    add_rows(fx->clerk, 40);
    int64_t bad = -1, checked = 0, before = raw_count(fx->path);
    assert_ok(audit_verify(fx->nobody, &bad, &checked, &err), &err);
    assert_int_equal(bad, 0);
    assert_int_equal(checked, before);

    chain_state c = {.ctx = fx->chief};
    assert_ok(audit_query(fx->chief, NULL, chain_cb, &c, &err), &err);
    assert_int_equal(c.n, before);
    assert_int_equal(c.bad, 0);
    /* the read itself was logged and still verifies: incrementally, from the anchor the
     * verify above left, only the new row; in full, every row */
    assert_int_equal(raw_count(fx->path), before + 1);
    assert_ok(audit_verify(fx->chief, &bad, &checked, &err), &err);
    assert_int_equal(checked, 1);
    audit_verify_result r;
    assert_ok(audit_verify_run(fx->chief, true, &r, &err), &err);
    assert_int_equal(r.checked, before + 1);
    assert_int_equal(r.start_id, 0);
    assert_ok(audit_verify(fx->chief, NULL, NULL, &err), &err);
}

static void test_append_follows_transaction(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    int64_t n0 = raw_count(fx->path);
    assert_ok(db_begin(fx->clerk, &err), &err);
    assert_ok(audit_append(fx->clerk, "member.update", "1000", "field=email", &err), &err);
    db_rollback(fx->clerk);
    assert_int_equal(raw_count(fx->path), n0);

    assert_ok(db_begin(fx->clerk, &err), &err);
    assert_ok(audit_append(fx->clerk, "member.update", "1000", "field=email", &err), &err);
    assert_ok(audit_append(fx->clerk, "member.update", "1001", "field=email", &err), &err);
    assert_ok(db_commit(fx->clerk, &err), &err);
    assert_int_equal(raw_count(fx->path), n0 + 2);
    assert_int_equal(fx->clerk->tx_depth, 0);

    assert_int_equal(audit_append(fx->clerk, "", NULL, NULL, &err), MEIBO_ERR_INVALID);
    assert_int_equal(audit_append(fx->clerk, NULL, NULL, NULL, &err), MEIBO_ERR_INVALID);
    assert_ok(audit_verify(fx->clerk, NULL, NULL, &err), &err);
}

/* ---- tampering (取扱規程 第35条) ------------------------------------------------------- */

static void test_triggers_refuse_changes(void **state)
{
    fixture *fx = *state;
    char msg[256];
    assert_int_not_equal(raw_exec(fx->path, "UPDATE audit_log SET detail = 'x' WHERE id = 2",
                                  msg, sizeof msg),
                         SQLITE_OK);
    assert_non_null(strstr(msg, "append-only"));
    assert_int_not_equal(raw_exec(fx->path, "DELETE FROM audit_log WHERE id = 2", msg,
                                  sizeof msg),
                         SQLITE_OK);
    assert_non_null(strstr(msg, "append-only"));
    meibo_err err;
    assert_ok(audit_verify(fx->chief, NULL, NULL, &err), &err);
}

static void test_tamper_update(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    add_rows(fx->clerk, 10);
    assert_int_equal(raw_exec(fx->path,
                              "DROP TRIGGER audit_log_no_update;"
                              "UPDATE audit_log SET detail = 'nothing happened' WHERE id = 3",
                              NULL, 0),
                     SQLITE_OK);
    int64_t bad = 0, checked = 0;
    assert_int_equal(audit_verify(fx->chief, &bad, &checked, &err), MEIBO_ERR_INTEGRITY);
    assert_int_equal(bad, 3);
    assert_int_equal(checked, 2);
    assert_string_equal(err.msg, "audit log row 3: hash does not match its content (row altered)");
}

/* An embedded NUL must not hide an appended tail. */
static void test_tamper_embedded_nul(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    add_rows(fx->clerk, 10);
    assert_int_equal(raw_exec(fx->path,
                              "DROP TRIGGER audit_log_no_update;"
                              "UPDATE audit_log SET detail = detail || char(0) || 'x' "
                              "WHERE id = 5",
                              NULL, 0),
                     SQLITE_OK);
    int64_t bad = 0;
    assert_int_equal(audit_verify(fx->chief, &bad, NULL, &err), MEIBO_ERR_INTEGRITY);
    assert_int_equal(bad, 5);
}

static void test_tamper_delete(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    add_rows(fx->clerk, 10);
    assert_int_equal(raw_exec(fx->path,
                              "DROP TRIGGER audit_log_no_delete;"
                              "DELETE FROM audit_log WHERE id = 3",
                              NULL, 0),
                     SQLITE_OK);
    int64_t bad = 0;
    assert_int_equal(audit_verify(fx->chief, &bad, NULL, &err), MEIBO_ERR_INTEGRITY);
    assert_int_equal(bad, 4);
    assert_string_equal(err.msg, "audit log row 4: prev_hash does not match row 2 "
                                 "(row removed or reordered)");
}

static void test_tamper_delete_first(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    assert_int_equal(raw_exec(fx->path,
                              "DROP TRIGGER audit_log_no_delete;"
                              "DELETE FROM audit_log WHERE id = 1",
                              NULL, 0),
                     SQLITE_OK);
    int64_t bad = 0;
    assert_int_equal(audit_verify(fx->chief, &bad, NULL, &err), MEIBO_ERR_INTEGRITY);
    assert_int_equal(bad, 2);
}

/* Rewriting a row together with its own hash still breaks the link to the next row. */
static void test_tamper_rehash(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    add_rows(fx->clerk, 5);
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "DROP TRIGGER audit_log_no_update", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT id, at, user_login, unix_user, ssh_client, "
                                        "action, member_no, prev_hash FROM audit_log "
                                        "WHERE id = 3",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    audit_row r = {.id = 3,
                   .at = (const char *)sqlite3_column_text(st, 1),
                   .user_login = (const char *)sqlite3_column_text(st, 2),
                   .unix_user = (const char *)sqlite3_column_text(st, 3),
                   .ssh_client = (const char *)sqlite3_column_text(st, 4),
                   .action = (const char *)sqlite3_column_text(st, 5),
                   .member_no = (const char *)sqlite3_column_text(st, 6),
                   .detail = "forged",
                   .prev_hash = (const char *)sqlite3_column_text(st, 7)};
    char h[65], sql[256];
    audit_row_hash(&r, h);
    sqlite3_finalize(st);
    snprintf(sql, sizeof sql, "UPDATE audit_log SET detail = 'forged', hash = '%s' WHERE id = 3",
             h);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);

    /* without the key the row's own hash cannot be made: it is named itself */
    int64_t bad = 0;
    assert_int_equal(audit_verify(fx->chief, &bad, NULL, &err), MEIBO_ERR_INTEGRITY);
    assert_int_equal(bad, 3);
    assert_non_null(strstr(err.msg, "hash does not match its content"));
}

/* The last row removed and the new last one re-linked and re-hashed: the id gap tells. */
static void test_tamper_gap(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    add_rows(fx->clerk, 5);
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT max(id) FROM audit_log", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t last = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    char sql[512];
    snprintf(sql, sizeof sql,
             "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
             "DELETE FROM audit_log WHERE id = %lld;"
             "UPDATE audit_log SET prev_hash = (SELECT hash FROM audit_log WHERE id = %lld) "
             "WHERE id = %lld",
             (long long)last - 1, (long long)last - 2, (long long)last);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT id, at, user_login, unix_user, ssh_client, "
                                        "action, member_no, detail, prev_hash FROM audit_log "
                                        "WHERE id = ?",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_int64(st, 1, last);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const char *c[9];
    for (int i = 1; i < 9; i++)
        c[i] = (const char *)sqlite3_column_text(st, i);
    audit_row r = {.id = last, .at = c[1], .user_login = c[2], .unix_user = c[3],
                   .ssh_client = c[4], .action = c[5], .member_no = c[6], .detail = c[7],
                   .prev_hash = c[8]};
    char h[65];
    audit_row_hash(&r, h);
    sqlite3_finalize(st);
    snprintf(sql, sizeof sql, "UPDATE audit_log SET hash = '%s' WHERE id = %lld", h,
             (long long)last);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);

    int64_t bad = 0;
    assert_int_equal(audit_verify(fx->chief, &bad, NULL, &err), MEIBO_ERR_INTEGRITY);
    assert_int_equal(bad, last);
    assert_non_null(strstr(err.msg, "hash does not match its content"));
}


/* ---- the key and the anchors outside the database (取扱規程 第35条, issue 12 §2) --------- */

/* The head anchored (as a session's close does), then the last rows deleted: named. */
static void test_anchor_cut_tail(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    add_rows(fx->clerk, 10);
    int64_t head = 0;
    assert_ok(audit_anchor_head(fx->clerk, "head", &head, NULL, &err), &err);
    assert_int_equal(raw_exec(fx->path,
                              "DROP TRIGGER audit_log_no_delete;"
                              "DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log)",
                              NULL, 0),
                     SQLITE_OK);
    audit_verify_result r;
    assert_int_equal(audit_verify_run(fx->chief, false, &r, &err), MEIBO_ERR_INTEGRITY);
    assert_int_equal(r.bad_id, head - 2);
    assert_non_null(strstr(err.msg, "(the log was cut or emptied)"));
    assert_int_equal(audit_verify_run(fx->chief, true, &r, &err), MEIBO_ERR_INTEGRITY);
    assert_int_equal(r.bad_id, head - 2);
}

static void test_anchor_emptied(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    add_rows(fx->clerk, 5);
    assert_ok(audit_anchor_head(fx->clerk, "head", NULL, NULL, &err), &err);
    assert_int_equal(raw_exec(fx->path, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log",
                              NULL, 0),
                     SQLITE_OK);
    audit_verify_result r;
    assert_int_equal(audit_verify_run(fx->chief, false, &r, &err), MEIBO_ERR_INTEGRITY);
    assert_int_equal(r.bad_id, 1);
}

/* A key the caller has not got: the unkeyed chain recomputed from row 2 on is caught at
 * row 2, and a verified anchor past it catches it incrementally too. */
static void test_anchor_incremental(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    add_rows(fx->clerk, 20);
    audit_verify_result r;
    assert_ok(audit_verify_run(fx->chief, false, &r, &err), &err);
    int64_t verified = r.last_id;
    add_rows(fx->clerk, 3);
    assert_ok(audit_verify_run(fx->chief, false, &r, &err), &err);
    assert_int_equal(r.start_id, verified);
    assert_int_equal(r.checked, 3);
    /* the row at the anchor rewritten: the incremental start itself is checked */
    char sql[200];
    snprintf(sql, sizeof sql,
             "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'x' WHERE id = %lld",
             (long long)r.last_id);
    assert_int_equal(raw_exec(fx->path, sql, NULL, 0), SQLITE_OK);
    assert_int_equal(audit_verify_run(fx->chief, false, &r, &err), MEIBO_ERR_INTEGRITY);
}

/* The key file gone: the log can be neither written nor checked, and says what to do. */
static void test_key_missing(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    char key[600];
    audit_key_path(fx->chief, key, sizeof key);
    assert_int_equal(access(key, R_OK), 0);
    unlink(key);
    meibo_ctx *ctx = NULL;
    assert_ok(db_open(fx->path, 0, &ctx, &err), &err);
    db_act_as_system(ctx);
    assert_int_equal(audit_append(ctx, "x", NULL, NULL, &err), MEIBO_ERR_INTEGRITY);
    assert_non_null(strstr(err.msg, "is missing"));
    assert_non_null(strstr(err.msg, "meibo restore"));
    assert_int_equal(audit_verify(ctx, NULL, NULL, &err), MEIBO_ERR_INTEGRITY);
    db_close(ctx);
    assert_int_not_equal(access(key, F_OK), 0); /* no new key made for it */
}

/* ---- reading (取扱規程 第23条) --------------------------------------------------------- */

typedef struct count_rows {
    int n, test_rows;
    char first_user[64];
    bool all_own;
    const char *own;
    int stop_after;
} count_rows;

static int count_cb(const audit_row *r, void *arg)
{
    count_rows *c = arg;
    if (c->n == 0)
        snprintf(c->first_user, sizeof c->first_user, "%s", r->user_login);
    c->n++;
    if (!strncmp(r->action, "test.", 5))
        c->test_rows++;
    if (c->own && strcmp(r->user_login, c->own))
        c->all_own = false;
    return c->stop_after && c->n >= c->stop_after;
}

static void test_query_permissions(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    add_rows(fx->clerk2, 3);
    static const struct {
        int who; /* 0 nobody, 1 clerk, 2 manager, 3 chief */
        const char *user;
        meibo_status want;
        const char *msg;
    } cases[] = {
        {0, NULL, MEIBO_ERR_DENIED, "log in first"},
        {0, "clerk", MEIBO_ERR_DENIED, "log in first"},
        {1, NULL, MEIBO_ERR_DENIED, "a clerk may read only their own access log (取扱規程 第23条)"},
        {1, "clerk2", MEIBO_ERR_DENIED, "a clerk may read only their own access log (取扱規程 第23条)"},
        {1, "", MEIBO_ERR_DENIED, NULL},
        {1, "clerk", MEIBO_OK, NULL},
        {2, NULL, MEIBO_OK, NULL},
        {2, "clerk2", MEIBO_OK, NULL},
        {3, NULL, MEIBO_OK, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        meibo_ctx *c = cases[i].who == 0   ? fx->nobody
                       : cases[i].who == 1 ? fx->clerk
                       : cases[i].who == 2 ? fx->mgr
                                           : fx->chief;
        audit_filter f = {.user_login = cases[i].user};
        count_rows cr = {.own = cases[i].user, .all_own = true};
        meibo_err_clear(&err);
        meibo_status s = audit_query(c, &f, count_cb, &cr, &err);
        if (s != cases[i].want)
            fail_msg("case %zu: got %s (%s)", i, meibo_strerror(s), err.msg);
        if (cases[i].msg)
            assert_string_equal(err.msg, cases[i].msg);
        if (s == MEIBO_OK) {
            assert_true(cr.n > 0);
            assert_true(cr.all_own);
        }
    }
}

static void test_query_filters(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    /* test rows on 04-02, 04-03, 04-04: clerk for members 100/200, clerk2 for 100 */
    for (int d = 1; d <= 3; d++) {
        fx->clerk->fixed_now = fx->clerk2->fixed_now = T0 + d * DAY;
        assert_ok(audit_append(fx->clerk, "test.read", "100", NULL, &err), &err);
        assert_ok(audit_append(fx->clerk, "test.read", "200", NULL, &err), &err);
        assert_ok(audit_append(fx->clerk2, "test.read", "100", NULL, &err), &err);
    }
    static const struct {
        const char *user, *member, *since, *until;
        int limit;
        int want_test_rows;
    } cases[] = {
        {NULL, NULL, NULL, NULL, 0, 9},
        {"clerk", NULL, NULL, NULL, 0, 6},
        {"clerk2", NULL, NULL, NULL, 0, 3},
        {NULL, "100", NULL, NULL, 0, 6},
        {NULL, "200", NULL, NULL, 0, 3},
        {"clerk2", "200", NULL, NULL, 0, 0},
        {"clerk", "100", NULL, NULL, 0, 3},
        {NULL, NULL, "2026-04-03", NULL, 0, 6},
        {NULL, NULL, NULL, "2026-04-03", 0, 6},
        {NULL, NULL, "2026-04-03", "2026-04-03", 0, 3},
        {NULL, "100", "2026-04-04", "2026-04-04", 0, 2},
        {NULL, NULL, "2026-04-05", NULL, 0, 0},
        {NULL, NULL, NULL, "2026-03-31", 0, 0},
        {"clerk", NULL, "2026-04-02", NULL, 2, 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        audit_filter f = {.user_login = cases[i].user, .member_no = cases[i].member,
                          .since = cases[i].since, .until = cases[i].until,
                          .limit = cases[i].limit};
        count_rows cr = {0};
        assert_ok(audit_query(fx->mgr, &f, count_cb, &cr, &err), &err);
        if (cr.test_rows != cases[i].want_test_rows)
            fail_msg("case %zu: %d test rows, want %d", i, cr.test_rows,
                     cases[i].want_test_rows);
        if (cases[i].member)
            assert_int_equal(cr.n, cr.test_rows); /* only that member's rows */
    }


    meibo_err_clear(&err);
    audit_filter bad = {.since = "2026-02-30"};
    assert_int_equal(audit_query(fx->mgr, &bad, count_cb, &(count_rows){0}, &err),
                     MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "since");
    audit_filter bad2 = {.until = "04/01/2026"};
    assert_int_equal(audit_query(fx->mgr, &bad2, count_cb, &(count_rows){0}, &err),
                     MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "until");

    /* a callback returning non-zero stops the walk */
    count_rows stop = {.stop_after = 2};
    assert_ok(audit_query(fx->mgr, NULL, count_cb, &stop, &err), &err);
    assert_int_equal(stop.n, 2);
}

typedef struct page_state {
    int n;
    int64_t last;
    bool ordered;
} page_state;

static int page_cb(const audit_row *r, void *arg)
{
    page_state *p = arg;
    if (r->id <= p->last)
        p->ordered = false;
    p->last = r->id;
    p->n++;
    return 0;
}

static void test_query_keyset(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    add_rows(fx->clerk, 10);
    count_rows all = {0};
    audit_filter fa = {.user_login = "clerk"};
    assert_ok(audit_query(fx->mgr, &fa, count_cb, &all, &err), &err);

    /* pages of 4 cover exactly the rows that existed, in id order; reads by mgr add none */
    int64_t after = 0;
    int total = 0;
    for (;;) {
        audit_filter f = {.user_login = "clerk", .after_id = after, .limit = 4};
        page_state p = {.last = after, .ordered = true};
        assert_ok(audit_query(fx->mgr, &f, page_cb, &p, &err), &err);
        assert_true(p.ordered);
        assert_true(p.n <= 4);
        total += p.n;
        if (p.n == 0)
            break;
        after = p.last;
    }
    assert_int_equal(total, all.n);
}

static int desc_cb(const audit_row *r, void *arg)
{
    page_state *p = arg;
    if (p->last && r->id >= p->last)
        p->ordered = false;
    p->last = r->id;
    p->n++;
    return 0;
}

/* 取扱規程 第23条: the viewer starts at the newest row and pages back by id, never by OFFSET
 * and never capped at a fixed number of rows (issue 14) */
static void test_query_newest_first(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    add_rows(fx->clerk, 10);
    count_rows all = {0};
    audit_filter fa = {.user_login = "clerk"};
    assert_ok(audit_query(fx->mgr, &fa, count_cb, &all, &err), &err);
    int64_t newest = 0;
    {
        audit_filter f = {.user_login = "clerk", .newest_first = true, .limit = 1};
        page_state p = {.ordered = true};
        assert_ok(audit_query(fx->mgr, &f, desc_cb, &p, &err), &err);
        assert_int_equal(p.n, 1);
        newest = p.last;
        page_state q = {.last = 0};
        audit_filter fo = {.user_login = "clerk"};
        assert_ok(audit_query(fx->mgr, &fo, page_cb, &q, &err), &err);
        assert_int_equal(newest, q.last); /* the first row of newest_first is the last of all */
    }
    int64_t before = 0;
    int total = 0;
    for (;;) {
        audit_filter f = {.user_login = "clerk", .newest_first = true, .before_id = before,
                          .limit = 3};
        page_state p = {.last = before, .ordered = true};
        assert_ok(audit_query(fx->mgr, &f, desc_cb, &p, &err), &err);
        assert_true(p.ordered);
        assert_true(p.n <= 3);
        total += p.n;
        if (p.n == 0)
            break;
        before = p.last;
    }
    assert_int_equal(total, all.n);
    audit_filter bad = {.newest_first = true, .after_id = 3};
    assert_int_equal(audit_query(fx->mgr, &bad, count_cb, &(count_rows){0}, &err),
                     MEIBO_ERR_INVALID);
}

static int last_read_cb(const audit_row *r, void *arg)
{
    char *out = arg;
    if (!strcmp(r->action, "audit.read"))
        snprintf(out, 256, "%s|%s", r->user_login, r->detail);
    return 0;
}

static void test_query_is_logged(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    int64_t n0 = raw_count(fx->path);
    audit_filter f = {.user_login = "clerk", .since = "2026-04-01"};
    count_rows cr = {0};
    assert_ok(audit_query(fx->clerk, &f, count_cb, &cr, &err), &err);
    assert_int_equal(raw_count(fx->path), n0 + 1);
    char last[256] = "";
    assert_ok(audit_query(fx->chief, NULL, last_read_cb, last, &err), &err);
    char want[256];
    snprintf(want, sizeof want,
             "clerk|user=clerk member=* since=2026-04-01 until=- after_id=0 limit=0 rows=%d",
             cr.n);
    assert_string_equal(last, want);
    /* a refused read writes nothing */
    int64_t n1 = raw_count(fx->path);
    assert_int_equal(audit_query(fx->clerk, NULL, count_cb, &cr, &err), MEIBO_ERR_DENIED);
    assert_int_equal(raw_count(fx->path), n1);
}

/* ---- where from (取扱規程 第35条) ------------------------------------------------------ */

typedef struct origin {
    char unix_user[64], ssh_client[64];
} origin;

static int origin_cb(const audit_row *r, void *arg)
{
    origin *o = arg;
    if (!strcmp(r->action, "test.origin")) {
        snprintf(o->unix_user, sizeof o->unix_user, "%s", r->unix_user);
        snprintf(o->ssh_client, sizeof o->ssh_client, "%s", r->ssh_client);
    }
    return 0;
}

static void test_origin_recorded(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    setenv("SSH_CONNECTION", "192.0.2.7 50000 192.0.2.1 22", 1);
    meibo_ctx *c = open_as(fx->path, "clerk", CLERK_PW);
    unsetenv("SSH_CONNECTION");
    assert_ok(audit_append(c, "test.origin", "100", NULL, &err), &err);
    origin o = {0};
    audit_filter f = {.member_no = "100"};
    assert_ok(audit_query(fx->chief, &f, origin_cb, &o, &err), &err);
    assert_string_equal(o.ssh_client, "192.0.2.7");
    struct passwd *pw = getpwuid(getuid());
    assert_non_null(pw);
    assert_string_equal(o.unix_user, pw->pw_name);
    db_close(c);

    c = open_as(fx->path, "clerk", CLERK_PW);
    assert_ok(audit_append(c, "test.origin", "100", NULL, &err), &err);
    assert_ok(audit_query(fx->chief, &f, origin_cb, &o, &err), &err);
    assert_string_equal(o.ssh_client, "local");
    db_close(c);

    /* nobody logged in is written as "-" */
    assert_ok(audit_append(fx->nobody, "test.origin", "100", NULL, &err), &err);
    count_rows cr = {0};
    audit_filter fd = {.user_login = "-"};
    assert_ok(audit_query(fx->chief, &fd, count_cb, &cr, &err), &err);
    assert_int_equal(cr.test_rows, 1);
}

/* ---- concurrency and volume ------------------------------------------------------------ */

/* Writers in four processes: BEGIN IMMEDIATE keeps the chain one line. */
static void test_concurrent_appends(void **state)
{
    fixture *fx = *state;
    enum { KIDS = 4, EACH = 50 };
    int64_t n0 = raw_count(fx->path);
    pid_t kids[KIDS];
    for (int i = 0; i < KIDS; i++) {
        kids[i] = fork();
        assert_true(kids[i] >= 0);
        if (kids[i] == 0) {
            meibo_ctx *c = NULL;
            meibo_err err;
            int rc = 0;
            if (db_open(fx->path, 0, &c, &err) != MEIBO_OK)
                _exit(2);
            for (int j = 0; j < EACH && !rc; j++)
                if (audit_append(c, "test.concurrent", NULL, NULL, &err) != MEIBO_OK)
                    rc = 1;
            db_close(c);
            _exit(rc);
        }
    }
    for (int i = 0; i < KIDS; i++) {
        int ws = 0;
        assert_int_equal(waitpid(kids[i], &ws, 0), kids[i]);
        assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
    }
    assert_int_equal(raw_count(fx->path), n0 + KIDS * EACH);
    meibo_err err;
    int64_t checked = 0;
    assert_ok(audit_verify(fx->chief, NULL, &checked, &err), &err);
    assert_int_equal(checked, n0 + KIDS * EACH);
}

static void test_verify_volume(void **state)
{
    fixture *fx = *state;
    meibo_err err;
    enum { N = 20000 };
    assert_ok(db_begin(fx->clerk, &err), &err);
    add_rows(fx->clerk, N);
    assert_ok(db_commit(fx->clerk, &err), &err);
    int64_t checked = 0, bad = -1;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    assert_ok(audit_verify(fx->chief, &bad, &checked, &err), &err);
    clock_gettime(CLOCK_MONOTONIC, &b);
    assert_int_equal(checked, raw_count(fx->path));
    assert_true(checked > N);
    double secs = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    assert_true(secs < 10.0); /* ~0.05 s normally; generous for sanitizers */
}

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    unsetenv("SSH_CONNECTION");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_row_hash_golden),
        cmocka_unit_test_setup_teardown(test_chain_verifies, setup, teardown),
        cmocka_unit_test_setup_teardown(test_append_follows_transaction, setup, teardown),
        cmocka_unit_test_setup_teardown(test_triggers_refuse_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tamper_update, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tamper_embedded_nul, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tamper_delete, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tamper_delete_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tamper_rehash, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tamper_gap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_anchor_cut_tail, setup, teardown),
        cmocka_unit_test_setup_teardown(test_anchor_emptied, setup, teardown),
        cmocka_unit_test_setup_teardown(test_anchor_incremental, setup, teardown),
        cmocka_unit_test_setup_teardown(test_key_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_query_permissions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_query_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_query_newest_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_query_keyset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_query_is_logged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_origin_recorded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_appends, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verify_volume, setup, teardown),
    };
    return cmocka_run_group_tests_name("audit", tests, NULL, NULL);
}

/* test_retention.c: retention date arithmetic (規程 第17条: disposed of once past the period),
 * backup rotation and names (取扱規程 第19条), the kept environment (docs/ARCHITECTURE.md, Security), the
 * deletion ledger's file, and erasing a member (取扱規程 第20–22条) against the law's
 * provision record (個人情報保護法 第29条). */
#include "helpers.h"

#include <stdbool.h>

#include "meibo/archive.h"
#include "meibo/auth.h"
#include "meibo/backup.h"
#include "meibo/check.h"
#include "meibo/db.h"
#include "meibo/deletion.h"
#include "meibo/member.h"
#include "meibo/optout.h"
#include "meibo/process.h"
#include "meibo/purge.h"
#include "meibo/retention.h"
#include "meibo/roster.h"
#include "meibo/search.h"
#include "meibo/users.h"

#define N(a) (sizeof(a) / sizeof *(a))

/* The last day of retention: calendar years and months, clamped to the month's end. */
static void test_last_day(void **state)
{
    (void)state;
    static const struct {
        const char *anchor;
        int years, months;
        const char *want;
    } cases[] = {
        {"2026-11-21", 3, 0, "2029-11-21"},  /* a provision record (個人情報保護法 第29条) */
        {"2026-11-21", 1, 0, "2027-11-21"},  /* request papers, one year after completion */
        {"2024-02-29", 1, 0, "2025-02-28"},  /* no 29 February: its month's last day */
        {"2024-02-29", 4, 0, "2028-02-29"},
        {"2023-01-31", 0, 1, "2023-02-28"},
        {"2024-01-31", 0, 1, "2024-02-29"},
        {"2023-08-31", 0, 1, "2023-09-30"},
        {"2023-12-15", 0, 1, "2024-01-15"},
        {"2023-06-30", 1, 6, "2024-12-30"},
        {"2023-06-30", 0, 0, "2023-06-30"},
        {"1999-12-31", 100, 11, "2100-11-30"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        char out[11];
        retention_last_day(cases[i].anchor, cases[i].years, cases[i].months, out);
        if (strcmp(out, cases[i].want))
            fail_msg("%s + %dy%dm = %s, want %s", cases[i].anchor, cases[i].years,
                     cases[i].months, out, cases[i].want);
    }
}

/* Kept through the last day; past retention from the next (規程 第17条 「保管期限を経過した」). */
static void test_expired(void **state)
{
    (void)state;
    assert_false(retention_expired("2026-11-21", 3, 0, "2029-11-21"));
    assert_true(retention_expired("2026-11-21", 3, 0, "2029-11-22"));
    assert_false(retention_expired("2024-02-29", 1, 0, "2025-02-28"));
    assert_true(retention_expired("2024-02-29", 1, 0, "2025-03-01"));
    assert_false(retention_expired("2026-11-21", 0, 0, "2026-11-21"));
    assert_true(retention_expired("2026-11-21", 0, 0, "2026-11-22"));
}

/* The cutoff a query compares with is exactly the last anchor past retention, for every day
 * of four years (two of them leap) and periods with month-end clamping. */
static void test_cutoff_matches_expired(void **state)
{
    (void)state;
    static const int periods[][2] = {{0, 0}, {1, 0}, {3, 0}, {5, 0}, {1, 6},
                                     {0, 1}, {0, 11}, {4, 0}, {2, 1}};
    char today[11] = "2023-01-01";
    for (int day = 0; day < 4 * 366; day++) {
        for (size_t p = 0; p < N(periods); p++) {
            int y = periods[p][0], m = periods[p][1];
            char cut[11], next[11];
            retention_cutoff(today, y, m, cut);
            check_date_add_days(cut, 1, next);
            if (!retention_expired(cut, y, m, today) || retention_expired(next, y, m, today))
                fail_msg("today %s, %dy%dm: cutoff %s is not the last expired anchor", today, y,
                         m, cut);
        }
        char t[11];
        check_date_add_days(today, 1, t);
        memcpy(today, t, sizeof t);
    }
    char cut[11];
    retention_cutoff("2025-03-01", 1, 0, cut); /* 2024-02-29 + 1y = 2025-02-28 < 03-01 */
    assert_string_equal(cut, "2024-02-29");
    retention_cutoff("2024-02-29", 1, 0, cut); /* 2023-02-28 + 1y = 2024-02-28 < 02-29 */
    assert_string_equal(cut, "2023-02-28");
}

static void test_words(void **state)
{
    (void)state;
    char b[32];
    assert_string_equal(retention_words(3, 0, b, sizeof b), "3年");
    assert_string_equal(retention_words(1, 6, b, sizeof b), "1年6か月");
    assert_string_equal(retention_words(0, 6, b, sizeof b), "6か月");
    assert_string_equal(retention_words(0, 0, b, sizeof b), "0年");
}

/* Backup names (取扱規程 第19条): the time, and a number for a second one in the same second. */
static void test_backup_names(void **state)
{
    (void)state;
    assert_int_equal(backup_name_stamp("meibo-20261121-020000.db"), 2026112102000000LL);
    assert_int_equal(backup_name_stamp("meibo-20261121-020000.db.enc"), 2026112102000000LL);
    assert_int_equal(backup_name_stamp("meibo-20261121-020000-2.db"), 2026112102000002LL);
    assert_int_equal(backup_name_stamp("meibo-20261121-020000-12.db.enc"), 2026112102000012LL);
    static const char *const bad[] = {"meibo-20261121-020000.db.part", "meibo-2026112-020000.db",
                                      "meibo-20261121_020000.db",      "x-20261121-020000.db",
                                      "meibo-20261121-020000-0.db",    "meibo-20261121-020000-100.db",
                                      "deletion-ledger.tsv",           ".meibo-backup-abc123"};
    for (size_t i = 0; i < N(bad); i++)
        if (backup_name_stamp(bad[i]) != -1)
            fail_msg("'%s' taken for a backup", bad[i]);
}

/* Rotation: the newest of each of the last N days and months that have backups. */
static void test_rotation(void **state)
{
    (void)state;
    /* 40 daily backups at 02:00 from 2026-10-01, two on 2026-11-09, and monthly ones */
    int64_t s[64];
    int n = 0;
    char day[11] = "2026-10-01";
    for (int i = 0; i < 40; i++) {
        int y, m, d;
        sscanf(day, "%d-%d-%d", &y, &m, &d);
        s[n++] = ((int64_t)y * 10000 + m * 100 + d) * 100000000LL + 2000000LL; /* 02:00:00 */
        char t[11];
        check_date_add_days(day, 1, t);
        memcpy(day, t, sizeof t);
    }
    s[n++] = 2026110914000000LL;  /* a second backup on 11-09, at 14:00 */
    s[n++] = 2026110914000002LL;  /* and another in the same second */
    s[n++] = 2026051502000000LL;  /* May */
    s[n++] = 2026052002000000LL;  /* May, newer */
    s[n++] = 2025120102000000LL;  /* December of the year before */
    bool keep[64];
    backup_rotate_keep(s, n, 14, 12, keep);
    int kept = 0;
    for (int i = 0; i < n; i++)
        kept += keep[i];
    /* the 14 latest days with backups: 11-09 (its newest, the "-2" one) and 10-27 … 11-08;
     * the 12 latest months with backups: 2026-11 (the same "-2"), 2026-10 (10-31, also a
     * daily one), 2026-05 (05-20) and 2025-12 */
    assert_int_equal(n, 45);
    assert_true(keep[41]);
    assert_false(keep[40]); /* 11-09 14:00, first of the same second */
    assert_false(keep[39]); /* 11-09 02:00 */
    for (int i = 0; i < 40; i++) {
        int64_t dd = s[i] / 100000000LL;
        bool want = dd >= 20261027 && dd <= 20261108;
        if (keep[i] != want)
            fail_msg("backup of %lld kept=%d", (long long)dd, keep[i]);
    }
    assert_false(keep[42]); /* not May's older one */
    assert_true(keep[43]);  /* May's newest */
    assert_true(keep[44]);  /* 2025-12 */
    assert_int_equal(kept, 16);
    /* fewer days to keep: only the newest day, and one month (the same backup) */
    backup_rotate_keep(s, n, 1, 1, keep);
    kept = 0;
    for (int i = 0; i < n; i++)
        kept += keep[i];
    assert_int_equal(kept, 1);
    assert_true(keep[41]);
    /* 0 and 0 keep everything */
    backup_rotate_keep(s, n, 0, 0, keep);
    for (int i = 0; i < n; i++)
        assert_true(keep[i]);
}

/* The environment meibo keeps (docs/ARCHITECTURE.md, Security): the terminal, the language, the clock,
 * the access log's SSH client, meibo's own; nothing else. */
static void test_env_keep(void **state)
{
    (void)state;
    static const char *const keep[] = {"TERM=xterm", "LANG=ja_JP.UTF-8", "LC_ALL=C.UTF-8",
                                       "LC_TIME=C", "LANGUAGE=ja", "TZ=Asia/Tokyo",
                                       "HOME=/home/x", "NO_COLOR=1", "COLUMNS=80", "LINES=24",
                                       "SSH_CONNECTION=192.0.2.1 2 192.0.2.3 22",
                                       "MEIBO_DB=/var/lib/meibo/meibo.db", "MEIBO_NOW=1"};
    static const char *const drop[] = {"PATH=/tmp", "LD_PRELOAD=/tmp/x.so", "LD_LIBRARY_PATH=/x",
                                       "IFS=:", "TMPDIR=/tmp", "FONTCONFIG_FILE=/x",
                                       "MEIBO=", "MEIBO_", "LC_", "TERMINFO=/x", "TERM", "=x",
                                       "SSH_AUTH_SOCK=/x", "GCONV_PATH=/x", "HOMEX=1"};
    for (size_t i = 0; i < N(keep); i++)
        if (!process_env_keep(keep[i]))
            fail_msg("'%s' dropped", keep[i]);
    for (size_t i = 0; i < N(drop); i++)
        if (process_env_keep(drop[i]))
            fail_msg("'%s' kept", drop[i]);
}

/* The deletion ledger's copy outside the database: a damaged line is named, not skipped. */
static void test_ledger_file(void **state)
{
    (void)state;
    char *path = test_tmp_db();
    FILE *f = fopen(path, "w");
    fputs("# comment\n17\t20000001\t2031-11-21 10:00:00\twithdrawn_member\n\n"
          "18\t20000002\t2031-11-21 10:00:00\n", f);
    fclose(f);
    meibo_err err;
    meibo_err_clear(&err);
    assert_int_equal(deletion_file_read(path, NULL, NULL, &err), MEIBO_ERR_INVALID);
    assert_int_equal(err.line, 4);
    assert_non_null(strstr(err.msg, ":4: not a deletion-ledger line"));
    unlink(path);
    meibo_err_clear(&err);
    assert_ok(deletion_file_read(path, NULL, NULL, &err), &err); /* missing: no entries */
    test_rm_db(path);
}

/* The ledger merged from the backup, the database being replaced and the file copies: one
 * entry per member, the earliest erasure, in order (取扱規程 第19条). */
static void test_ledger_unique(void **state)
{
    (void)state;
    deletion_entry e[] = {
        {3, "20000003", "2031-01-02 10:00:00", "withdrawn_member"},
        {1, "20000001", "2030-05-01 09:00:00", "request"},
        {3, "20000003", "2031-01-02 10:00:00", "withdrawn_member"}, /* the same, from a file */
        {2, "20000002", "2031-01-01 10:00:00", "withdrawn_member"},
        {1, "20000001", "2030-06-01 09:00:00", "request"},          /* applied again later */
        {4, "20000001", "2032-01-01 09:00:00", "request"},          /* the number re-used */
    };
    int64_t n = deletion_unique(e, 6);
    assert_int_equal(n, 4);
    assert_int_equal(e[0].member_id, 1);
    assert_string_equal(e[0].deleted_at, "2030-05-01 09:00:00");
    assert_int_equal(e[1].member_id, 2);
    assert_int_equal(e[2].member_id, 3);
    assert_int_equal(e[3].member_id, 4);
    assert_int_equal(deletion_unique(e, 0), 0);
}

typedef struct fx {
    char *path;
    meibo_ctx *ctx;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    meibo_err err;
    f->path = test_tmp_db();
    if (db_open(f->path, DB_OPEN_CREATE, &f->ctx, &err))
        return -1;
    db_act_as_system(f->ctx);
    user_new chief = {"kanri", "事務局長", MEIBO_ROLE_CHIEF, "chief-pass-1", NULL, false, "2000-04-01", NULL};
    user_new clerk = {"clerk1", "従事者", MEIBO_ROLE_CLERK, "clerk-pass-1", NULL, false, "2000-04-01", NULL};
    if (user_bootstrap(f->ctx, &chief, &err) || auth_login(f->ctx, "kanri", "chief-pass-1", &err) ||
        user_add(f->ctx, &clerk, &err))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    db_close(f->ctx);
    test_rm_db(f->path);
    free(f);
    return 0;
}

static int64_t add_member(meibo_ctx *ctx, const char *no, const char *family)
{
    meibo_err err;
    meibo_member m;
    member_init(&m);
    const char *v[][2] = {{"member_no", no},         {"family_name", family},
                          {"given_name", "太郎"},     {"family_kana", "テスト"},
                          {"given_kana", "タロウ"},   {"joined_on", "2000-04-01"},
                          {"directory_consent", "yes"}};
    for (size_t i = 0; i < N(v); i++)
        assert_ok(member_set(&m, (member_field)member_field_find(v[i][0]), v[i][1], &err), &err);
    assert_ok(member_create(ctx, &m, &err), &err);
    optout_new o = {no, "2010-01-01", "停-2010-001", 0, false}; /* 第20条第5項 */
    assert_ok(optout_add(ctx, &o, NULL, &err), &err);
    int64_t id = m.id;
    member_clear(&m);
    return id;
}

static int64_t count(meibo_ctx *ctx, const char *sql)
{
    sqlite3_stmt *s = NULL;
    int64_t n = -1;
    if (sqlite3_prepare_v2(ctx->db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

/* Erasing a member (取扱規程 第22条): its row, index entries, consent and opt-out go, the ledger
 * keeps the number; refused while a provision record about it is kept (個人情報保護法 第29条)
 * and for anyone but the chief officer (規程 第10条). */
static void test_erase(void **state)
{
    fx *f = *state;
    meibo_err err;
    meibo_err_clear(&err);
    int64_t a = add_member(f->ctx, "20000001", "消去対象");
    int64_t b = add_member(f->ctx, "20000002", "提供記録");
    assert_ok(db_exec(f->ctx,
                      "INSERT INTO provisions (member_id, member_no, provided_on, recipient, "
                      "recipient_key, category, items, purpose, basis, retention_until, "
                      "created_at, created_by) VALUES (2, '20000002', '2026-11-21', 'x', 'x', "
                      "'police', 'a', 'enrollment_check', 'b', '2029-11-21', 'now', 'kanri')",
                      &err),
              &err);
    char no[16] = "";
    assert_ok(purge_member_erase(f->ctx, a, "request", no, &err), &err);
    assert_string_equal(no, "20000001");
    assert_int_equal(count(f->ctx, "SELECT count(*) FROM members WHERE id = 1"), 0);
    assert_int_equal(count(f->ctx, "SELECT count(*) FROM member_consents WHERE member_id = 1"), 0);
    assert_int_equal(count(f->ctx, "SELECT count(*) FROM member_optouts WHERE member_id = 1"), 0);
    assert_int_equal(count(f->ctx, "SELECT count(*) FROM deletion_ledger WHERE member_id = 1 "
                                   "AND member_no = '20000001' AND reason = 'request'"), 1);
    int64_t n = -1;
    assert_ok(search_count(f->ctx, "消去対象", NULL, &n, &err), &err);
    assert_int_equal(n, 0);
    assert_ok(search_count(f->ctx, "提供記録", NULL, &n, &err), &err);
    assert_int_equal(n, 1);
    /* the law's record outlives the member */
    assert_int_equal(purge_member_erase(f->ctx, b, "request", NULL, &err), MEIBO_ERR_CONFLICT);
    assert_non_null(strstr(err.msg, "kept until 2029-11-21"));
    assert_int_equal(count(f->ctx, "SELECT count(*) FROM members WHERE id = 2"), 1);
    /* re-applying the ledger: a second time changes nothing */
    deletion_entry e = {.member_id = 1, .member_no = "20000001",
                        .deleted_at = "2026-11-21 10:00:00", .reason = "request"};
    bool erased = true;
    assert_ok(db_begin(f->ctx, &err), &err);
    assert_ok(deletion_ledger_apply(f->ctx, &e, &erased, &err), &err);
    assert_ok(db_commit(f->ctx, &err), &err);
    assert_false(erased);
    assert_int_equal(count(f->ctx, "SELECT count(*) FROM deletion_ledger"), 1);
    /* the erasure above committed without rewriting the index: the next purge, with nothing
     * due, still rewrites it (取扱規程 第22条; schema/007-scrub.sql), and the one after not */
    purge_options po = {0};
    purge_result pr;
    assert_ok(purge_run(f->ctx, &po, &pr, &err), &err);
    assert_int_equal(pr.members, 0);
    assert_true(pr.index_rewritten);
    assert_ok(purge_run(f->ctx, &po, &pr, &err), &err);
    assert_false(pr.index_rewritten);
    /* only the chief officer */
    assert_ok(auth_login(f->ctx, "clerk1", "clerk-pass-1", &err), &err);
    assert_int_equal(purge_member_erase(f->ctx, b, "request", NULL, &err), MEIBO_ERR_DENIED);
    purge_result r;
    assert_int_equal(purge_run(f->ctx, NULL, &r, &err), MEIBO_ERR_DENIED);
    assert_int_equal(retention_set(f->ctx, "withdrawn_member", 3, 0, &err), MEIBO_ERR_DENIED);
}

/* The pledges' signatories and the recipients' contact persons (schema/024): erased the
 * pledge_signatory period (3 years) after the pledge ended — its valid_until, or the day it was
 * revoked when earlier — and a contact only once every pledge of the recipient has ended that
 * long ago; nothing else of the pledge or the recipient changes. */
static void test_signatories(void **state)
{
    fx *f = *state;
    meibo_err err;
    f->ctx->fixed_now = 1795222800; /* 2026-11-21 10:00 JST: ended by 2023-11-20 is past */
    static const char sql[] =
        "INSERT INTO recipients (id, organization, person, name_key, category, created_at, "
        "created_by) VALUES (1, '甲会', '担当一', 'k1', 'academic', '2020-01-01', 't'), "
        "(2, '乙会', '担当二', 'k2', 'academic', '2020-01-01', 't'), "
        "(3, '', '個人三', 'k3', 'academic', '2020-01-01', 't'), "
        "(4, '丁会', '担当四', 'k4', 'academic', '2020-01-01', 't');"
        "INSERT INTO pledges (id, recipient, recipient_key, signatory_name, signatory_title, "
        "received_on, media_paper, media_electronic, purposes, items, valid_until, document_no, "
        "status, revoked_on, created_at, created_by, recipient_id) VALUES "
        /* its 3 years ended yesterday: erased */
        "(1, '甲会', 'k1', '署名一', '会長', '2020-01-01', 1, 0, 'x', 'a', '2023-11-20', 'd1', "
        "'active', NULL, '2020-01-01', 't', 1), "
        /* valid a day longer: its last day is today, kept, and with it 乙会's contact */
        "(2, '乙会', 'k2', '署名二', '', '2020-01-01', 1, 0, 'x', 'a', '2023-11-21', 'd2', "
        "'active', NULL, '2020-01-01', 't', 2), "
        "(3, '乙会', 'k2', '署名三', '', '2020-01-01', 1, 0, 'x', 'a', '2022-03-31', 'd3', "
        "'active', NULL, '2020-01-01', 't', 2), "
        /* revoked early: its end is the revocation */
        "(4, '個人三', 'k3', '個人三', '', '2020-01-01', 1, 0, 'x', 'a', '2030-03-31', 'd4', "
        "'revoked', '2023-06-30 12:00:00', '2020-01-01', 't', 3);";
    assert_int_equal(sqlite3_exec(f->ctx->db, sql, NULL, NULL, NULL), SQLITE_OK);
    purge_options dry = {.dry_run = true};
    purge_result r;
    assert_ok(purge_run(f->ctx, &dry, &r, &err), &err);
    assert_string_equal(r.cutoff_signatory, "2023-11-20");
    assert_int_equal(r.signatories, 3);
    assert_int_equal(r.contacts, 1);
    assert_int_equal(count(f->ctx, "SELECT count(*) FROM pledges WHERE signatory_name = ''"), 0);
    purge_options po = {0};
    assert_ok(purge_run(f->ctx, &po, &r, &err), &err);
    assert_int_equal(count(f->ctx, "SELECT count(*) FROM pledges WHERE id IN (1, 3, 4) AND "
                                   "signatory_name = '' AND signatory_title = '' AND "
                                   "signatory_erased_on = '2026-11-21'"), 3);
    assert_int_equal(count(f->ctx, "SELECT count(*) FROM pledges WHERE signatory_name = ''"), 3);
    assert_int_equal(count(f->ctx, "SELECT count(*) FROM pledges WHERE id = 2 AND "
                                   "signatory_name = '署名二'"), 1);
    /* 甲会's contact goes; 乙会 has a pledge within the period; a person recipient is the
     * recipient itself; 丁会 has no pledge at all */
    assert_int_equal(count(f->ctx, "SELECT count(*) FROM recipients WHERE person = ''"), 1);
    assert_int_equal(count(f->ctx, "SELECT id FROM recipients WHERE person = '' AND "
                                   "contact_erased_on = '2026-11-21'"), 1);
    assert_int_equal(count(f->ctx, "SELECT count(*) FROM pledges"), 4);
    assert_ok(purge_run(f->ctx, &po, &r, &err), &err);
    assert_int_equal(r.signatories + r.contacts, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_last_day),
        cmocka_unit_test(test_expired),
        cmocka_unit_test(test_cutoff_matches_expired),
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_backup_names),
        cmocka_unit_test(test_rotation),
        cmocka_unit_test(test_env_keep),
        cmocka_unit_test(test_ledger_file),
        cmocka_unit_test(test_ledger_unique),
        cmocka_unit_test_setup_teardown(test_erase, setup, teardown),
        cmocka_unit_test_setup_teardown(test_signatories, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

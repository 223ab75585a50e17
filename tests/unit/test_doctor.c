/* test_doctor.c: meibo doctor's core (取扱規程 第39条): the backup age against 取扱規程 第19条
 * (daily: a warning after 26 hours, a problem after 72, measured from the older of the name's
 * time and the file's), the permission findings (docs/ARCHITECTURE.md, Security), the report's levels, and
 * that the checks of the database need someone logged in. */
#include "helpers.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <utime.h>

#include "meibo/db.h"
#include "meibo/doctor.h"

typedef struct fixture {
    char dir[64];
    char db[96];
    char backups[96];
    char backup[160];
    time_t stamp;  /* the time in the backup's name */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/meibo-doctor-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/meibo.db", f->dir);
    snprintf(f->backups, sizeof f->backups, "%s/backups", f->dir);
    snprintf(f->backup, sizeof f->backup, "%s/meibo-20261121-100000.db", f->backups);
    int fd = open(f->db, O_CREAT | O_WRONLY, 0660);
    if (fd < 0)
        return -1;
    close(fd);
    chmod(f->db, 0660);
    mkdir(f->backups, 0770);
    fd = open(f->backup, O_CREAT | O_WRONLY, 0640);
    if (fd < 0)
        return -1;
    close(fd);
    struct tm tm = {.tm_year = 2026 - 1900, .tm_mon = 10, .tm_mday = 21, .tm_hour = 10,
                    .tm_isdst = -1};
    f->stamp = mktime(&tm);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    unlink(f->backup);
    rmdir(f->backups);
    unlink(f->db);
    rmdir(f->dir);
    free(f);
    return 0;
}

static void set_mtime(const char *path, time_t t)
{
    struct utimbuf u = {t, t};
    assert_int_equal(utime(path, &u), 0);
}

/* The level of the first finding of @p area, -1 when there is none. */
static int level_of(const doctor_report *r, const char *area, const char *what)
{
    for (size_t i = 0; i < r->n; i++)
        if (!strcmp(r->items[i].area, area) && (!what || strstr(r->items[i].what, what)))
            return (int)r->items[i].level;
    return -1;
}

/* 取扱規程 第19条 (daily backup): ok to 26 hours, a warning after, a problem after 72 hours. */
static void test_backup_age(void **state)
{
    fixture *f = *state;
    static const struct {
        int64_t after;  /* seconds after the backup */
        doctor_level want;
    } cases[] = {
        {0, DOCTOR_OK},
        {26 * 3600, DOCTOR_OK},
        {26 * 3600 + 1, DOCTOR_WARNING},
        {72 * 3600, DOCTOR_WARNING},
        {72 * 3600 + 1, DOCTOR_PROBLEM},
        {-2 * 3600, DOCTOR_WARNING}, /* dated after now: the clock */
    };
    set_mtime(f->backup, f->stamp);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        doctor_options opt = {.db_path = f->db, .now = (int64_t)f->stamp + cases[i].after};
        doctor_report r;
        doctor_report_init(&r);
        meibo_err err;
        assert_ok(doctor_files(&opt, &r, &err), &err);
        int got = level_of(&r, "backup", NULL);
        if (got != (int)cases[i].want)
            fail_msg("%lld s after the backup: %s, want %s", (long long)cases[i].after,
                     got < 0 ? "none" : doctor_level_name((doctor_level)got),
                     doctor_level_name(cases[i].want));
        doctor_report_free(&r);
    }
    /* the older of the two times counts: a file touched back two days is two days old ... */
    set_mtime(f->backup, f->stamp - 2 * 86400);
    doctor_options opt = {.db_path = f->db, .now = (int64_t)f->stamp};
    doctor_report r;
    doctor_report_init(&r);
    meibo_err err;
    assert_ok(doctor_files(&opt, &r, &err), &err);
    assert_int_equal(level_of(&r, "backup", "is 2 days old"), DOCTOR_WARNING);
    doctor_report_free(&r);
    /* ... and so is a copy made today of a backup named two days ago */
    set_mtime(f->backup, f->stamp + 2 * 86400);
    opt.now = (int64_t)f->stamp + 2 * 86400;
    assert_ok(doctor_files(&opt, &r, &err), &err);
    assert_int_equal(level_of(&r, "backup", "is 2 days old"), DOCTOR_WARNING);
    doctor_report_free(&r);
    /* thresholds from the options */
    opt.backup_warn_hours = 1;
    opt.backup_problem_hours = 47;
    assert_ok(doctor_files(&opt, &r, &err), &err);
    assert_int_equal(level_of(&r, "backup", NULL), DOCTOR_PROBLEM);
    doctor_report_free(&r);
}

/* docs/ARCHITECTURE.md, Security: a database, WAL or backup others can read is a problem; fixed, ok. */
static void test_permissions(void **state)
{
    fixture *f = *state;
    set_mtime(f->backup, f->stamp);
    doctor_options opt = {.db_path = f->db, .now = (int64_t)f->stamp};
    doctor_report r;
    doctor_report_init(&r);
    meibo_err err;
    assert_ok(doctor_files(&opt, &r, &err), &err);
    assert_int_equal(level_of(&r, "permissions", "give others no access"), DOCTOR_OK);
    assert_int_equal(level_of(&r, "permissions", "others can"), -1);
    doctor_report_free(&r);

    chmod(f->db, 0644);
    assert_ok(doctor_files(&opt, &r, &err), &err);
    assert_int_equal(level_of(&r, "permissions", "others can read it (mode 0644)"),
                     DOCTOR_PROBLEM);
    assert_int_equal(doctor_worst(&r), DOCTOR_PROBLEM);
    bool todo = false;
    for (size_t i = 0; i < r.n; i++)
        todo |= strstr(r.items[i].todo, "chmod o-rwx") != NULL;
    assert_true(todo);
    doctor_report_free(&r);
    chmod(f->db, 0660);

    chmod(f->backup, 0604);
    assert_ok(doctor_files(&opt, &r, &err), &err);
    assert_int_equal(level_of(&r, "permissions", "1 of the 1 files"), DOCTOR_PROBLEM);
    doctor_report_free(&r);
    chmod(f->backup, 0640);
}

/* The report: levels, counts, the worst; a skipped database is noted. */
static void test_report(void **state)
{
    (void)state;
    doctor_report r;
    doctor_report_init(&r);
    assert_int_equal(doctor_worst(&r), DOCTOR_OK);
    meibo_err err;
    assert_ok(doctor_skipped(&r, DOCTOR_WARNING, "why", "do this", &err), &err);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.items[0].area, "database");
    assert_string_equal(r.items[0].todo, "do this");
    assert_int_equal(doctor_count(&r, DOCTOR_WARNING), 1);
    assert_int_equal(doctor_count(&r, DOCTOR_PROBLEM), 0);
    assert_int_equal(doctor_worst(&r), DOCTOR_WARNING);
    assert_string_equal(doctor_level_name(DOCTOR_PROBLEM), "problem");
    assert_string_equal(doctor_level_name(DOCTOR_WARNING), "warning");
    assert_string_equal(doctor_level_name(DOCTOR_OK), "ok");
    doctor_report_free(&r);
    assert_int_equal(r.n, 0);
}

/* Role checks in the core: the checks of the database need a login (or the system). */
static void test_data_needs_login(void **state)
{
    (void)state;
    char *path = test_tmp_db();
    assert_non_null(path);
    meibo_ctx *ctx = NULL;
    meibo_err err;
    assert_ok(db_open(path, DB_OPEN_CREATE, &ctx, &err), &err);
    doctor_options opt = {.db_path = path};
    doctor_report r;
    doctor_report_init(&r);
    assert_int_equal(doctor_data(ctx, &opt, &r, &err), MEIBO_ERR_DENIED);
    assert_int_equal(r.n, 0);
    db_act_as_system(ctx);
    assert_ok(doctor_data(ctx, &opt, &r, &err), &err);
    assert_int_equal(level_of(&r, "audit", "intact"), DOCTOR_OK);
    assert_int_equal(level_of(&r, "requests", NULL), DOCTOR_OK);
    assert_int_equal(level_of(&r, "pledges", NULL), DOCTOR_OK);
    doctor_report_free(&r);
    db_close(ctx);
    test_rm_db(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_backup_age, setup, teardown),
        cmocka_unit_test_setup_teardown(test_permissions, setup, teardown),
        cmocka_unit_test(test_report),
        cmocka_unit_test(test_data_needs_login),
    };
    return cmocka_run_group_tests_name("doctor", tests, NULL, NULL);
}

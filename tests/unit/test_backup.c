/* test_backup.c: what a backup file says of its database (its identity, issue 12), and the
 * sweep of the plain copies killed backups and restores leave (取扱規程 第19条, 第22条). */
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>

#include "helpers.h"
#include "meibo/archive.h"

static void put(const char *path, const char *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, len), (ssize_t)len);
    close(fd);
}

static void test_file_identity(void **state)
{
    (void)state;
    char dir[] = "/tmp/meibo-test-XXXXXX", p[256], id[BACKUP_ID_LEN + 1];
    assert_non_null(mkdtemp(dir));
    snprintf(p, sizeof p, "%s/a.db.enc", dir);
    const char head2[] = "MEIBOBK2" "0123456789abcdef0123456789abcdef" "ivivivivivivtag";
    put(p, head2, sizeof head2 - 1);
    assert_int_equal(backup_file_identity(p, id), 1);
    assert_string_equal(id, "0123456789abcdef0123456789abcdef");
    put(p, "MEIBOBK2" "0123456789ABCDEF0123456789abcdef....", 44); /* not lowercase hex */
    assert_int_equal(backup_file_identity(p, id), -1);
    put(p, "MEIBOBK1ivivivivivivtagtagtagtagtag", 35); /* from before identities */
    assert_int_equal(backup_file_identity(p, id), 0);
    put(p, "garbage, not a backup at all", 28);
    assert_int_equal(backup_file_identity(p, id), -1);
    snprintf(p, sizeof p, "%s/none", dir);
    assert_int_equal(backup_file_identity(p, id), -1);
    snprintf(p, sizeof p, "rm -rf %s", dir);
    assert_int_equal(system(p), 0);
}

static void test_sweep(void **state)
{
    (void)state;
    char dir[] = "/tmp/meibo-test-XXXXXX", p[256];
    assert_non_null(mkdtemp(dir));
    /* one left by a dead process, its journal, one in use (locked), and other files */
    snprintf(p, sizeof p, "%s/.meibo-backup-AAAAAA", dir);
    put(p, "plain registry", 14);
    snprintf(p, sizeof p, "%s/.meibo-backup-AAAAAA-journal", dir);
    put(p, "journal", 7);
    snprintf(p, sizeof p, "%s/.meibo-restore-BBBBBB", dir);
    put(p, "plain registry", 14);
    int lock = open(p, O_RDONLY);
    assert_true(lock >= 0);
    assert_int_equal(flock(lock, LOCK_EX), 0);
    snprintf(p, sizeof p, "%s/meibo.db", dir);
    put(p, "the database", 12);
    snprintf(p, sizeof p, "%s/.meibo-export-CCCCCC", dir);
    assert_int_equal(mkdir(p, 0700), 0);

    assert_int_equal(backup_temp_sweep(dir, false), 2); /* doctor: reported, not removed */
    snprintf(p, sizeof p, "%s/.meibo-backup-AAAAAA", dir);
    assert_int_equal(access(p, F_OK), 0);
    assert_int_equal(backup_temp_sweep(dir, true), 2);
    assert_int_equal(access(p, F_OK), -1);
    snprintf(p, sizeof p, "%s/.meibo-backup-AAAAAA-journal", dir);
    assert_int_equal(access(p, F_OK), -1);
    snprintf(p, sizeof p, "%s/.meibo-restore-BBBBBB", dir);
    assert_int_equal(access(p, F_OK), 0); /* its process lives */
    snprintf(p, sizeof p, "%s/meibo.db", dir);
    assert_int_equal(access(p, F_OK), 0);
    close(lock);                          /* the process dies: the next sweep takes it */
    assert_int_equal(backup_temp_sweep(dir, true), 1);
    snprintf(p, sizeof p, "%s/.meibo-restore-BBBBBB", dir);
    assert_int_equal(access(p, F_OK), -1);
    assert_int_equal(backup_temp_sweep("/nonexistent", true), 0);
    snprintf(p, sizeof p, "rm -rf %s", dir);
    assert_int_equal(system(p), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_file_identity),
        cmocka_unit_test(test_sweep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

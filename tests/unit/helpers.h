/* helpers.h: shared set-up for the cmocka unit tests. */
#ifndef MEIBO_TEST_HELPERS_H
#define MEIBO_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "meibo/status.h"

/* Assert a call returned MEIBO_OK, printing the error message when it did not. */
#define assert_ok(call, errp)                                                              \
    do {                                                                                   \
        meibo_status st_ = (call);                                                         \
        if (st_ != MEIBO_OK)                                                               \
            fail_msg("%s -> %s: %s", #call, meibo_strerror(st_), (errp)->msg);             \
    } while (0)

/* A fresh temporary directory path for a test database; caller frees. */
static inline char *test_tmp_db(void)
{
    char tmpl[] = "/tmp/meibo-test-XXXXXX";
    char *dir = mkdtemp(tmpl);
    if (!dir)
        return NULL;
    char *path = malloc(strlen(dir) + 16);
    if (path)
        sprintf(path, "%s/t.db", dir);
    return path;
}

/* Remove the database file, its WAL/SHM and directory. */
static inline void test_rm_db(char *path)
{
    if (!path)
        return;
    char buf[512];
    const char *suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
        snprintf(buf, sizeof buf, "%s%s", path, suffix[i]);
        unlink(buf);
    }
    /* the access log's key and anchors beside it (audit.h) */
    size_t n = strlen(path);
    int base = (int)(n > 3 && !strcmp(path + n - 3, ".db") ? n - 3 : n);
    snprintf(buf, sizeof buf, "%.*s.key", base, path);
    unlink(buf);
    snprintf(buf, sizeof buf, "%.*s.anchors", base, path);
    unlink(buf);
    char *slash = strrchr(path, '/');
    if (slash) {
        *slash = '\0';
        rmdir(path);
    }
    free(path);
}

#endif

/* deletion.c: the deletion ledger (取扱規程 第19条): the members erased, as the database keeps
 * them and as its copy outside the database (deletion-ledger.tsv) does; no personal data. The
 * erasure that writes it, and re-applies it, is purge.c's. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "meibo/deletion.h"

/* ---- the deletion ledger ------------------------------------------------------------------ */

static const char sql_ledger_list[] =
    "SELECT member_id, member_no, deleted_at, reason FROM deletion_ledger ORDER BY id";

meibo_status deletion_ledger_list(meibo_ctx *ctx, deletion_fn fn, void *arg, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_ledger_list, err);
    if (!s)
        return MEIBO_ERR_DB;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        deletion_entry e;
        memset(&e, 0, sizeof e);
        e.member_id = sqlite3_column_int64(s, 0);
        const char *c[3];
        for (int i = 0; i < 3; i++) {
            c[i] = (const char *)sqlite3_column_text(s, i + 1);
            if (!c[i])
                c[i] = "";
        }
        snprintf(e.member_no, sizeof e.member_no, "%s", c[0]);
        snprintf(e.deleted_at, sizeof e.deleted_at, "%s", c[1]);
        snprintf(e.reason, sizeof e.reason, "%s", c[2]);
        if (fn && fn(&e, arg)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    meibo_status st = rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "reading the deletion ledger");
    sqlite3_reset(s);
    return st;
}

/* ---- the entries from several sources --------------------------------------------------- */

int deletion_set_add(const deletion_entry *e, void *set)
{
    deletion_set *s = set;
    if (s->n == s->cap) {
        int64_t cap = s->cap ? s->cap * 2 : 64;
        deletion_entry *p = realloc(s->e, (size_t)cap * sizeof *p);
        if (!p) {
            s->oom = true;
            return 1;
        }
        s->e = p;
        s->cap = cap;
    }
    s->e[s->n++] = *e;
    return 0;
}

static int entry_cmp(const void *a, const void *b)
{
    const deletion_entry *x = a, *y = b;
    int c = strcmp(x->deleted_at, y->deleted_at);
    if (c)
        return c;
    if (x->member_id != y->member_id)
        return x->member_id < y->member_id ? -1 : 1;
    return strcmp(x->member_no, y->member_no);
}

static int entry_key_cmp(const void *a, const void *b)
{
    const deletion_entry *x = a, *y = b;
    if (x->member_id != y->member_id)
        return x->member_id < y->member_id ? -1 : 1;
    int c = strcmp(x->member_no, y->member_no);
    return c ? c : strcmp(x->deleted_at, y->deleted_at);
}

int64_t deletion_unique(deletion_entry *e, int64_t n)
{
    if (n <= 1)
        return n;
    /* one entry per member (its first erasure), then in the order of the erasures */
    qsort(e, (size_t)n, sizeof *e, entry_key_cmp);
    int64_t k = 1;
    for (int64_t i = 1; i < n; i++)
        if (e[i].member_id != e[k - 1].member_id || strcmp(e[i].member_no, e[k - 1].member_no))
            e[k++] = e[i];
    qsort(e, (size_t)k, sizeof *e, entry_cmp);
    return k;
}

/* ---- the ledger's copy outside the database ------------------------------------------------ */

#define LEDGER_FILE_HEAD                                                                     \
    "# meibo deletion ledger (取扱規程 第19条): members erased from the database. One line "   \
    "each:\n# member_id<TAB>member_no<TAB>deleted_at<TAB>reason. No personal data. "          \
    "meibo restore re-applies it.\n"

static bool field_ok(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n == 0 || n >= max)
        return false;
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7F)
            return false;
    return true;
}

meibo_status deletion_file_read(const char *path, deletion_fn fn, void *arg, meibo_err *err)
{
    FILE *f = fopen(path, "re");
    if (!f) {
        if (errno == ENOENT)
            return MEIBO_OK;
        return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
    }
    char line[512];
    long lineno = 0;
    meibo_status st = MEIBO_OK;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strlen(line);
        if (n && line[n - 1] == '\n')
            line[--n] = '\0';
        if (!n || line[0] == '#')
            continue;
        char *fields[4], *p = line;
        int k = 0;
        for (; k < 4 && p; k++) {
            fields[k] = p;
            p = strchr(p, '\t');
            if (p)
                *p++ = '\0';
        }
        deletion_entry e;
        memset(&e, 0, sizeof e);
        char *end = NULL;
        long long id = k == 4 && !p ? strtoll(fields[0], &end, 10) : 0;
        if (k != 4 || p || id <= 0 || *end || !field_ok(fields[1], sizeof e.member_no) ||
            !field_ok(fields[2], sizeof e.deleted_at) || !field_ok(fields[3], sizeof e.reason)) {
            st = meibo_fail(err, MEIBO_ERR_INVALID,
                            "%s:%ld: not a deletion-ledger line "
                            "(member_id<TAB>member_no<TAB>deleted_at<TAB>reason)", path, lineno);
            if (err)
                err->line = lineno;
            break;
        }
        e.member_id = (int64_t)id;
        snprintf(e.member_no, sizeof e.member_no, "%s", fields[1]);
        snprintf(e.deleted_at, sizeof e.deleted_at, "%s", fields[2]);
        snprintf(e.reason, sizeof e.reason, "%s", fields[3]);
        if (fn && fn(&e, arg))
            break;
    }
    if (!st && ferror(f))
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
    fclose(f);
    return st;
}

meibo_status deletion_file_sync(meibo_ctx *ctx, const char *path, int64_t *added,
                                meibo_err *err)
{
    if (added)
        *added = 0;
    deletion_set set = {0};
    meibo_status st = deletion_file_read(path, deletion_set_add, &set, err);
    int64_t before = deletion_unique(set.e, set.n);
    set.n = before;
    if (!st)
        st = deletion_ledger_list(ctx, deletion_set_add, &set, err);
    if (!st && set.oom)
        st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    if (!st)
        set.n = deletion_unique(set.e, set.n);
    if (st || set.n == before) {
        /* nothing new: leave the file as it is (or absent) */
        free(set.e);
        return st;
    }
    size_t n = strlen(path);
    char *tmp = malloc(n + 8);
    if (!tmp) {
        free(set.e);
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    }
    snprintf(tmp, n + 8, "%s.XXXXXX", path);
    int fd = mkostemp(tmp, O_CLOEXEC);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        goto out;
    }
    fchmod(fd, 0640);
    fputs(LEDGER_FILE_HEAD, f);
    for (int64_t i = 0; i < set.n; i++)
        fprintf(f, "%" PRId64 "\t%s\t%s\t%s\n", set.e[i].member_id, set.e[i].member_no,
                set.e[i].deleted_at, set.e[i].reason);
    if (fflush(f) != 0 || fsync(fd) != 0) {
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
        fclose(f);
        unlink(tmp);
        goto out;
    }
    if (fclose(f) != 0 || rename(tmp, path) != 0) {
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
        unlink(tmp);
        goto out;
    }
    if (added)
        *added = set.n - before;
out:
    free(tmp);
    free(set.e);
    return st;
}

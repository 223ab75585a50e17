/* ledger.c: the 個人情報取扱台帳 (取扱規程 第24条), generated from the tables. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/auth.h"
#include "meibo/ledger.h"
#include "meibo/retention.h"

static const char sql_items[] =
    "SELECT l.item, l.policy_item, l.purpose, l.location, l.in_db, l.method, l.access, "
    "l.retention_note, l.article, r.anchor, r.years, r.months, r.article, r.disposal "
    "FROM ledger_items l LEFT JOIN retention_periods r ON r.code = l.retention "
    "ORDER BY l.sort, l.id";
/* the purposes the newest policy allows an item of 第20条第1項 for */
static const char sql_purposes[] =
    "SELECT p.text, p.article FROM policy_purpose_items i JOIN policy_purposes p "
    "ON p.version = i.version AND p.code = i.purpose "
    "WHERE i.version = (SELECT max(version) FROM policy_versions) AND i.item = ?1 "
    "ORDER BY p.sort";

/* The roles "clerk,manager,chief" in words. */
static void roles_text(const char *codes, char *buf, size_t len)
{
    static const struct {
        const char *code, *ja;
    } names[] = {{"clerk", "従事者"}, {"manager", "個人情報管理者"}, {"chief", "個人情報総責任者"}};
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const char *p = strstr(codes, names[i].code);
        size_t n = strlen(names[i].code);
        if (!p || (p != codes && p[-1] != ',') || (p[n] && p[n] != ','))
            continue;
        int w = snprintf(buf + used, len - used, "%s%s", used ? "・" : "", names[i].ja);
        if (w > 0 && (size_t)w < len - used)
            used += (size_t)w;
    }
}

/* The base folder of a path ("." when none). */
static void dir_of(const char *path, char *buf, size_t len)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(buf, len, ".");
    else
        snprintf(buf, len, "%.*s", (int)(slash == path ? 1 : slash - path), path);
}

meibo_status ledger_list(meibo_ctx *ctx, const char *backup_dir, ledger_fn fn, void *arg,
                         meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read the personal-data ledger", err);
    if (st)
        return st;
    /* the files as absolute paths, as the ledger names places */
    char bdir[PATH_MAX], dbpath[PATH_MAX], given[MEIBO_PATH_MAX];
    if (backup_dir && *backup_dir) {
        snprintf(given, sizeof given, "%s", backup_dir);
    } else {
        char d[1024];
        dir_of(ctx->path, d, sizeof d);
        snprintf(given, sizeof given, "%s/backups", d);
    }
    if (!realpath(given, bdir))
        snprintf(bdir, sizeof bdir, "%s", given);
    if (!realpath(ctx->path, dbpath))
        snprintf(dbpath, sizeof dbpath, "%s", ctx->path);
    sqlite3_stmt *s = db_stmt(ctx, sql_items, err);
    if (!s)
        return MEIBO_ERR_DB;
    int rc, no = 0;
    char *texts[LEDGER_MAX_PURPOSES] = {0};
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        ledger_entry e;
        memset(&e, 0, sizeof e);
        e.no = ++no;
        e.item = db_text(s, 0);
        e.method = db_text(s, 5);
        e.access_roles = db_text(s, 6);
        e.article = db_text(s, 8);
        /* 利用目的: the entry's own, then the policy's for its item */
        int np = 0;
        if (*db_text(s, 2) && (texts[np] = strdup(db_text(s, 2))))
            np++;
        if (sqlite3_column_type(s, 1) != SQLITE_NULL) {
            sqlite3_stmt *p = db_stmt(ctx, sql_purposes, err);
            if (!p) {
                st = MEIBO_ERR_DB;
                break;
            }
            sqlite3_bind_text(p, 1, db_text(s, 1), -1, SQLITE_TRANSIENT);
            while (np < LEDGER_MAX_PURPOSES && sqlite3_step(p) == SQLITE_ROW) {
                size_t n = strlen(db_text(p, 0)) + strlen(db_text(p, 1)) + 8;
                if ((texts[np] = malloc(n)))
                    snprintf(texts[np++], n, "%s（%s）", db_text(p, 0), db_text(p, 1));
            }
            sqlite3_reset(p);
        }
        for (int i = 0; i < np; i++)
            e.purposes[i] = texts[i];
        e.npurposes = np;
        /* 保管場所: the place, and the files of this installation */
        char location[3 * PATH_MAX], access[200], retention[1200];
        if (sqlite3_column_int(s, 4))
            snprintf(location, sizeof location, "%s（データベース %s、日次バックアップ %s）",
                     db_text(s, 3), dbpath, bdir);
        else
            snprintf(location, sizeof location, "%s", db_text(s, 3));
        e.location = location;
        roles_text(e.access_roles, access, sizeof access);
        e.access = access;
        /* 利用期限: the note, and the period of the retention table when the entry has one */
        if (sqlite3_column_type(s, 10) != SQLITE_NULL) {
            char words[32];
            retention_words(sqlite3_column_int(s, 10), sqlite3_column_int(s, 11), words,
                            sizeof words);
            snprintf(retention, sizeof retention, "%s%s%sから%s、その後%s（%s）", db_text(s, 7),
                     *db_text(s, 7) ? "。" : "", db_text(s, 9), words,
                     !strcmp(db_text(s, 13), "anonymize") ? "消去して匿名化" : "廃棄・消去",
                     db_text(s, 12));
        } else {
            snprintf(retention, sizeof retention, "%s", db_text(s, 7));
        }
        e.retention = retention;
        int stop = fn ? fn(&e, arg) : 0;
        for (int i = 0; i < np; i++) {
            free(texts[i]);
            texts[i] = NULL;
        }
        if (stop) {
            rc = SQLITE_DONE;
            break;
        }
    }
    if (!st && rc != SQLITE_DONE)
        st = db_fail(ctx, err, "reading the personal-data ledger");
    for (int i = 0; i < LEDGER_MAX_PURPOSES; i++)
        free(texts[i]);
    sqlite3_reset(s);
    return st;
}

/* incident.c: the incident register (取扱規程 第26条; 個人情報保護法 第26条, 施行規則 第7条・第8条):
 * the reporting decision, the affected members computed from the records, the register. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "meibo/archive.h"
#include "meibo/buf.h"
#include "meibo/audit.h"
#include "meibo/audit_read.h"
#include "meibo/auth.h"
#include "meibo/check.h"
#include "meibo/date.h"
#include "meibo/incident.h"
#include "meibo/process.h"
#include "meibo/text.h"

#define ERR_CODE(err) ((err) ? (err)->code : MEIBO_ERR_NOMEM) /* after a call that set it */

static const struct {
    const char *code, *ja;
} kinds[] = {
#define INCIDENT_K_ROW(id, code, ja) {code, ja},
    INCIDENT_KINDS(INCIDENT_K_ROW)
#undef INCIDENT_K_ROW
};

static const struct {
    const char *code, *ja;
} sources[] = {
#define INCIDENT_S_ROW(id, code, ja) {code, ja},
    INCIDENT_SOURCES(INCIDENT_S_ROW)
#undef INCIDENT_S_ROW
};

/* Kind by code; -1 when unknown. */
static int incident_kind_parse(const char *code)
{
    return CHECK_CODE_INDEX(kinds, INCIDENT_KIND__COUNT, code);
}

const char *incident_kind_code(incident_kind k)
{
    return (unsigned)k < INCIDENT_KIND__COUNT ? kinds[k].code : "";
}

const char *incident_kind_ja(incident_kind k)
{
    return (unsigned)k < INCIDENT_KIND__COUNT ? kinds[k].ja : "";
}

int incident_source_parse(const char *code)
{
    return CHECK_CODE_INDEX(sources, INCIDENT_SOURCE__COUNT, code);
}

const char *incident_source_code(incident_source_kind s)
{
    return (unsigned)s < INCIDENT_SOURCE__COUNT ? sources[s].code : "";
}

const char *incident_source_ja(incident_source_kind s)
{
    return (unsigned)s < INCIDENT_SOURCE__COUNT ? sources[s].ja : "";
}

/* ---- items a–f as a bit set -------------------------------------------------------------- */

static const char *const item_names[6] = {"会員番号", "循環器専門医番号", "入会年月日",
                                          "所属施設名・住所", "氏名・生年月日・自宅住所",
                                          "メールアドレス"};

/* "a,d,e" as bits (a = 1); -1 when something else is in it. */
static int items_bits(const char *s)
{
    int bits = 0;
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p >= 'a' && *p <= 'f')
            bits |= 1 << (*p - 'a');
        else if (*p != ',' && *p != ' ')
            return -1;
    }
    return bits;
}

static void items_text(int bits, char out[16])
{
    size_t n = 0;
    for (int i = 0; i < 6; i++)
        if (bits & (1 << i)) {
            if (n)
                out[n++] = ',';
            out[n++] = (char)('a' + i);
        }
    out[n] = '\0';
}

const char *incident_items_ja(const char *items, char *buf, size_t len)
{
    int bits = items_bits(items);
    size_t used = 0;
    if (len)
        buf[0] = '\0';
    for (int i = 0; bits > 0 && i < 6; i++)
        if (bits & (1 << i)) {
            int w = snprintf(buf + used, len - used, "%s%s", used ? "、" : "", item_names[i]);
            if (w < 0 || (size_t)w >= len - used)
                break;
            used += (size_t)w;
        }
    return buf;
}

/* ---- the reporting decision ---------------------------------------------------------------- */

static incident_reason *reason_add(incident_assessment *a, const char *code, bool applies,
                                   const char *article, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static incident_reason *reason_add(incident_assessment *a, const char *code, bool applies,
                                   const char *article, const char *fmt, ...)
{
    if (a->nreasons >= INCIDENT_MAX_REASONS)
        return NULL;
    incident_reason *r = &a->reasons[a->nreasons++];
    r->code = code;
    r->applies = applies;
    r->article = article;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->text, sizeof r->text, fmt, ap);
    va_end(ap);
    return r;
}

meibo_status incident_assess(const incident_facts *f, incident_assessment *out, meibo_err *err)
{
    memset(out, 0, sizeof *out);
    if ((unsigned)f->kind >= INCIDENT_KIND__COUNT)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "kind", "kind: not an incident kind");
    if (!f->discovered_on || !date_iso_valid(f->discovered_on))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "discovered_on",
                                "discovered_on: '%s' is not a date (YYYY-MM-DD)",
                                f->discovered_on ? f->discovered_on : "");
    if (f->kind == INCIDENT_BREACH) {
        reason_add(out, "not_leak", false, "個人情報保護法 第26条第1項",
                   "規程違反であって、個人データの漏えい・滅失・毀損（漏えい等）又はそのおそれには当たら"
                   "ないため、個人情報保護委員会への報告の対象外です（取扱規程第26条により事実関係を調査"
                   "し、再発防止を検討します）。漏えい等のおそれがあるときは種別を「漏えい」等にしてください。");
        return MEIBO_OK;
    }
    bool many = f->persons > INCIDENT_PERSONS_LIMIT;
    if (many)
        reason_add(out, "persons", true, "個人情報保護法施行規則 第7条第4号",
                   "本人の数が%" PRId64 "人で、1,000人を超えます。", f->persons);
    else
        reason_add(out, "persons_under", false, "個人情報保護法施行規則 第7条第4号",
                   "本人の数は%" PRId64 "人で、1,000人を超えません。", f->persons);
    if (f->financial)
        reason_add(out, "financial", true, "個人情報保護法施行規則 第7条第2号",
                   "不正に利用されることにより財産的被害が生じるおそれがある個人データを含みます。");
    if (f->improper)
        reason_add(out, "improper", true, "個人情報保護法施行規則 第7条第3号",
                   "不正の目的をもって行われたおそれがある行為（不正アクセス等）による漏えい等です。");
    if (f->sensitive)
        reason_add(out, "sensitive", true, "個人情報保護法施行規則 第7条第1号",
                   "要配慮個人情報を含みます。");
    else
        reason_add(out, "sensitive_none", false, "個人情報保護法施行規則 第7条第1号",
                   "本会の会員名簿は要配慮個人情報を保有していません（第20条第1項の項目a〜fのみ）。");
    out->reportable = many || f->financial || f->improper || f->sensitive;
    if (!out->reportable) {
        reason_add(out, "none", false, "個人情報保護法 第26条第1項",
                   "報告対象事態（施行規則第7条各号）のいずれにも当たらないため、個人情報保護委員会"
                   "への報告は要しません。本人への通知と再発防止は取扱規程第26条により行います。");
        return MEIBO_OK;
    }
    check_date_add_days(f->discovered_on, INCIDENT_PROMPT_MIN_DAYS, out->prompt_from);
    check_date_add_days(f->discovered_on, INCIDENT_PROMPT_DAYS, out->prompt_due);
    out->final_days = f->improper ? INCIDENT_FINAL_IMPROPER_DAYS : INCIDENT_FINAL_DAYS;
    check_date_add_days(f->discovered_on, out->final_days, out->final_due);
    return MEIBO_OK;
}

/* ---- the affected set ------------------------------------------------------------------------ */

typedef struct affected_one {
    char member_no[16];
    int bits;
} affected_one;

typedef struct affected {
    affected_one *v;
    size_t n, cap;
    int bits;              /* every item involved */
    char columns[400];     /* an export sheet's columns */
    char ref[300];         /* which record */
} affected;

static meibo_status affected_add(affected *a, const char *member_no, int bits, meibo_err *err)
{
    if (!member_no || !*member_no || bits <= 0)
        return MEIBO_OK;
    affected_one *p = array_grow(a->v, &a->cap, a->n + 1, sizeof *p);
    if (!p)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    a->v = p;
    text_copy_cut(a->v[a->n].member_no, sizeof a->v[a->n].member_no, member_no);
    a->v[a->n].bits = bits;
    a->n++;
    a->bits |= bits;
    return MEIBO_OK;
}

static int affected_cmp(const void *x, const void *y)
{
    return strcmp(((const affected_one *)x)->member_no, ((const affected_one *)y)->member_no);
}

/* Sort and merge: one entry per member, the union of its items. */
static void affected_merge(affected *a)
{
    if (!a->n)
        return;
    qsort(a->v, a->n, sizeof *a->v, affected_cmp);
    size_t k = 0;
    for (size_t i = 1; i < a->n; i++) {
        if (!strcmp(a->v[i].member_no, a->v[k].member_no))
            a->v[k].bits |= a->v[i].bits;
        else
            a->v[++k] = a->v[i];
    }
    a->n = k + 1;
}

static void bind_str(sqlite3_stmt *s, int i, const char *v)
{
    sqlite3_bind_text(s, i, v ? v : "", -1, SQLITE_TRANSIENT);
}

/* Every row of @p s (bound by the caller): member_no and items in columns 0 and 1. */
static meibo_status take_rows(meibo_ctx *ctx, sqlite3_stmt *s, affected *a, const char *what,
                              meibo_err *err)
{
    int rc;
    meibo_status st = MEIBO_OK;
    while (!st && (rc = sqlite3_step(s)) == SQLITE_ROW)
        st = affected_add(a, db_text(s, 0), items_bits(db_text(s, 1)), err);
    if (!st && rc != SQLITE_DONE)
        st = db_fail(ctx, err, what);
    sqlite3_reset(s);
    return st;
}

static const char sql_export[] =
    "SELECT status, items, columns, COALESCE(run_by, ''), substr(COALESCE(run_at, ''), 1, 10) "
    "FROM exports WHERE id = ?1";
static const char sql_export_provisions[] =
    "SELECT member_no, items FROM provisions WHERE export_id = ?1";

/* The "export.member" rows of the run (when its provision records are gone). */
typedef struct export_log {
    affected *a;
    int bits;
    char detail[40];
    meibo_err *err;
    meibo_status st;
} export_log;

static int export_log_row(const audit_row *r, void *arg)
{
    export_log *x = arg;
    if (strcmp(r->action, "export.member") != 0 || strcmp(r->detail, x->detail) != 0)
        return 0;
    x->st = affected_add(x->a, r->member_no, x->bits, x->err);
    return x->st != MEIBO_OK;
}

static meibo_status from_export(meibo_ctx *ctx, int64_t id, affected *a, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_export, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        return rc == SQLITE_DONE ? meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "source",
                                                    "source: there is no export %" PRId64, id)
                                 : db_fail(ctx, err, "reading the export");
    }
    bool done = !strcmp(db_text(s, 0), "done");
    int bits = items_bits(db_text(s, 1));
    char run_by[64], run_on[11];
    text_copy_cut(a->columns, sizeof a->columns, db_text(s, 2));
    text_copy_cut(run_by, sizeof run_by, db_text(s, 3));
    text_copy_cut(run_on, sizeof run_on, db_text(s, 4));
    sqlite3_reset(s);
    if (!done)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "source",
                                "source: export %" PRId64 " was never run: no sheet was made, so "
                                "no member was on one", id);
    snprintf(a->ref, sizeof a->ref, "出力番号%" PRId64 "（%s実行）", id, run_on);
    if (!(s = db_stmt(ctx, sql_export_provisions, err)))
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    meibo_status st = take_rows(ctx, s, a, "reading the export's provision records", err);
    if (st || a->n)
        return st;
    /* the provision records were purged: the run's own rows of the access log */
    export_log x = {a, bits, "", err, MEIBO_OK};
    snprintf(x.detail, sizeof x.detail, "id=%" PRId64, id);
    audit_filter f = {.user_login = run_by, .since = run_on, .until = run_on};
    if ((st = audit_query(ctx, &f, export_log_row, &x, err)) || (st = x.st))
        return st;
    return MEIBO_OK;
}

static const char sql_provision[] = "SELECT member_no, items FROM provisions WHERE id = ?1";
static const char sql_inquiry_provisions[] =
    "SELECT member_no, items FROM provisions WHERE inquiry_id = ?1";
static const char sql_request[] =
    "SELECT member_no, kind, status FROM rights_requests WHERE id = ?1";

static meibo_status from_provision(meibo_ctx *ctx, int64_t id, affected *a, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_provision, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    meibo_status st = take_rows(ctx, s, a, "reading the provision record", err);
    if (!st && !a->n)
        st = meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "source",
                              "source: there is no provision record %" PRId64, id);
    snprintf(a->ref, sizeof a->ref, "提供記録%" PRId64, id);
    return st;
}

static meibo_status from_inquiry(meibo_ctx *ctx, int64_t id, affected *a, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_inquiry_provisions, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    meibo_status st = take_rows(ctx, s, a, "reading the inquiry's provision records", err);
    if (!st && !a->n)
        st = meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "source",
                              "source: inquiry %" PRId64 " provided nothing (no such inquiry, or "
                              "its letter was a refusal or not-found letter, which carries no "
                              "member data)", id);
    snprintf(a->ref, sizeof a->ref, "照会番号%" PRId64 "の回答書", id);
    return st;
}

static meibo_status from_request(meibo_ctx *ctx, int64_t id, affected *a, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_request, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        return rc == SQLITE_DONE ? meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "source",
                                                    "source: there is no rights request %" PRId64,
                                                    id)
                                 : db_fail(ctx, err, "reading the rights request");
    }
    char no[32];
    text_copy_cut(no, sizeof no, db_text(s, 0));
    bool disclosure = !strcmp(db_text(s, 1), "disclosure");
    bool received = !strcmp(db_text(s, 2), "received");
    sqlite3_reset(s);
    if (received)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "source",
                                "source: rights request %" PRId64 " is not decided: it has no "
                                "notice that could have gone astray", id);
    snprintf(a->ref, sizeof a->ref, "請求番号%" PRId64 "の通知書", id);
    /* a disclosure notice carries everything held (第22条); the others number and name */
    return affected_add(a, no, disclosure ? 0x3f : (1 << 0) | (1 << 4), err);
}

/* ---- a backup file ------------------------------------------------------------------------ */


/* "file:PATH?immutable=1" with the characters a URI reserves escaped. */
static void ro_uri(const char *path, char *buf, size_t len)
{
    size_t n = (size_t)snprintf(buf, len, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p && n + 4 < len; p++) {
        if (*p == '%' || *p == '?' || *p == '#')
            n += (size_t)snprintf(buf + n, len - n, "%%%02X", *p);
        else
            buf[n++] = (char)*p;
    }
    snprintf(buf + n, len - n, "?immutable=1");
}

static const char sql_backup_members[] =
    "SELECT member_no, specialist_no IS NOT NULL AND specialist_no <> '', email <> '' "
    "FROM members";

/* Every member of the database file @p path, opened read-only. */
static meibo_status backup_members(const char *path, const char *label, affected *a,
                                   meibo_err *err)
{
    char uri[2600];
    ro_uri(path, uri, sizeof uri);
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    meibo_status st = MEIBO_OK;
    if (sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, sql_backup_members, -1, &s, NULL) != SQLITE_OK) {
        st = meibo_fail_field(err, MEIBO_ERR_INTEGRITY, "source",
                              "source: %s is not a meibo backup (%s)", label,
                              db ? sqlite3_errmsg(db) : "cannot open");
        goto out;
    }
    int rc;
    while (!st && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        /* every member has a–e on file (a, c, d, e: the record; b, f when held) */
        int bits = (1 << 0) | (1 << 2) | (1 << 3) | (1 << 4);
        if (sqlite3_column_int(s, 1))
            bits |= 1 << 1;
        if (sqlite3_column_int(s, 2))
            bits |= 1 << 5;
        st = affected_add(a, db_text(s, 0), bits, err);
    }
    if (!st && rc != SQLITE_DONE)
        st = meibo_fail_field(err, MEIBO_ERR_INTEGRITY, "source", "source: reading %s: %s",
                              label, sqlite3_errmsg(db));
out:
    sqlite3_finalize(s);
    sqlite3_close(db);
    return st;
}

/* The members of the backup readable at @p path (@p label in messages): plain, or encrypted
 * and decrypted with meibo.conf's key, the way restore does, into a copy beside the database
 * that is overwritten and removed. */
static meibo_status read_backup(meibo_ctx *ctx, const meibo_config *cfg, const char *path,
                                const char *label, affected *a, meibo_err *err)
{
    if (!backup_file_encrypted(path))
        return backup_members(path, label, a, err);
    if (!cfg || !*cfg->backup_key_file)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "source",
                                "source: %s is encrypted: name its key with backup_key_file in "
                                "meibo.conf", label);
    unsigned char key[32];
    char tmp[MEIBO_FILE_PATH_MAX], dir[MEIBO_PATH_MAX];
    const char *slash = strrchr(ctx->path, '/');
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - ctx->path), ctx->path);
    else
        snprintf(dir, sizeof dir, ".");
    snprintf(tmp, sizeof tmp, "%s/.meibo-incident-XXXXXX", dir);
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0)
        return meibo_fail(err, MEIBO_ERR_IO, "%s: cannot make a temporary file: %s", dir,
                          strerror(errno));
    close(fd);
    meibo_status st;
    if (!(st = backup_key_load(cfg->backup_key_file, key, err)) &&
        !(st = backup_decrypt(path, tmp, key, err)))
        st = backup_members(tmp, label, a, err);
    memset(key, 0, sizeof key);
    if (process_shred(tmp) != 0)
        unlink(tmp);
    return st;
}

/* Open @p file with the real group, not a set-group-ID's (docs/ARCHITECTURE.md, Security): the caller's
 * path is read only as far as they may read it themselves, and the descriptor, not the name,
 * is read afterwards (no swapping the file between the check and the read). */
static int open_as_caller(const char *file, meibo_err *err)
{
    gid_t egid = getegid(), rgid = getgid();
    if (egid != rgid && setegid(rgid) != 0) {
        meibo_fail(err, MEIBO_ERR_IO, "%s: %s", file, strerror(errno));
        return -1;
    }
    int fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    int e = errno;
    if (egid != rgid && setegid(egid) != 0) {
        if (fd >= 0)
            close(fd);
        meibo_fail(err, MEIBO_ERR_IO, "restoring the group: %s", strerror(errno));
        return -1;
    }
    struct stat sb;
    if (fd >= 0 && (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))) {
        close(fd);
        fd = -1;
        e = EINVAL;
    }
    if (fd < 0)
        meibo_fail_field(err, e == ENOENT ? MEIBO_ERR_NOT_FOUND : MEIBO_ERR_DENIED, "source",
                         "source: %s: %s", file, e == EINVAL ? "not a file" : strerror(e));
    return fd;
}

static meibo_status from_backup(meibo_ctx *ctx, const meibo_config *cfg, const char *file,
                                affected *a, meibo_err *err)
{
    if (check_blank(file))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "source",
                                "source: name the backup file (--backup FILE)");
    char path[2200];
    meibo_status st;
    const char *base = strrchr(file, '/');
    snprintf(a->ref, sizeof a->ref, "%s", base ? base + 1 : file);
    if (!base) {
        /* a name in the backup folder the installation chose */
        if (backup_name_stamp(file) < 0)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, "source",
                                    "source: '%s' is not the name of a backup "
                                    "(meibo-YYYYMMDD-HHMMSS.db or .db.enc)", file);
        char dir[MEIBO_PATH_MAX];
        backup_dir(cfg, ctx->path, dir, sizeof dir);
        snprintf(path, sizeof path, "%s/%s", dir, file);
        if (faccessat(AT_FDCWD, path, R_OK, AT_EACCESS) != 0)
            return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "source", "source: %s: %s", path,
                                    strerror(errno));
        return read_backup(ctx, cfg, path, path, a, err);
    }
    /* a path of the caller's: only when they may read it themselves */
    if ((st = process_real_access(file, R_OK, "read the backup", err)))
        return st;
    int fd = open_as_caller(file, err);
    if (fd < 0)
        return ERR_CODE(err);
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    st = read_backup(ctx, cfg, path, file, a, err);
    close(fd);
    return st;
}

/* ---- a user's access-log rows ------------------------------------------------------------- */

typedef struct log_ctx {
    meibo_ctx *ctx;
    affected *a;
    meibo_err *err;
    meibo_status st;
    int64_t export_id;   /* the last export looked up, and its items */
    int export_bits;
} log_ctx;

static int log_export_bits(log_ctx *l, const char *detail)
{
    char *end = NULL;
    int64_t id = strncmp(detail, "id=", 3) ? 0 : strtoll(detail + 3, &end, 10);
    if (id <= 0 || !end || (*end && *end != ' '))
        return 0x3f;
    if (id != l->export_id) {
        l->export_id = id;
        l->export_bits = 0x3f;
        sqlite3_stmt *s = db_stmt(l->ctx, sql_export, l->err);
        if (s) {
            sqlite3_bind_int64(s, 1, id);
            if (sqlite3_step(s) == SQLITE_ROW && items_bits(db_text(s, 1)) > 0)
                l->export_bits = items_bits(db_text(s, 1));
            sqlite3_reset(s);
        }
    }
    return l->export_bits;
}

/* What an action showed of the member it names. */
static int log_row(const audit_row *r, void *arg)
{
    log_ctx *l = arg;
    if (!*r->member_no)
        return 0;
    int bits;
    if (!strcmp(r->action, "member.reveal"))
        bits = (1 << 4) | (1 << 5) | 1;            /* 生年月日・自宅住所・メール */
    else if (!strcmp(r->action, "member.read"))
        bits = 0x1f;                                /* the detail screen: a–e */
    else if (!strcmp(r->action, "export.member"))
        bits = log_export_bits(l, r->detail);
    else
        bits = (1 << 0) | (1 << 4);                 /* number and name */
    l->st = affected_add(l->a, r->member_no, bits, l->err);
    return l->st != MEIBO_OK;
}

static meibo_status from_access_log(meibo_ctx *ctx, const incident_source *src, affected *a,
                                    meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_MANAGER,
                                   "compute the members from a user's access log (取扱規程 第23条)",
                                   err);
    if (st)
        return st;
    char since[11], until[11];
    if ((st = check_text("user", src->user, 60, true, err)) ||
        (st = check_date("since", src->since, NULL, since, err)) ||
        (st = check_date("until", src->until, NULL, until, err)))
        return st;
    if (strcmp(since, until) > 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "until",
                                "until: %s is before since (%s)", until, since);
    snprintf(a->ref, sizeof a->ref, "利用者ID %s の%s〜%sの記録", src->user, since, until);
    log_ctx l = {ctx, a, err, MEIBO_OK, 0, 0};
    audit_filter f = {.user_login = src->user, .since = since, .until = until};
    if ((st = audit_query(ctx, &f, log_row, &l, err)) || (st = l.st))
        return st;
    if (!a->n)
        return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "source",
                                "source: %s's access log names no member from %s to %s",
                                src->user, since, until);
    return MEIBO_OK;
}

/* ---- an explicit list ---------------------------------------------------------------------- */

static const char sql_member_exists[] = "SELECT 1 FROM members WHERE member_no = ?1";

static meibo_status from_members(meibo_ctx *ctx, const incident_source *src, affected *a,
                                 meibo_err *err)
{
    int bits = items_bits(src->items);
    if (bits <= 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "items",
                                "items: name the items involved, a–f separated by commas "
                                "(--items a,e), not '%s'", src->items ? src->items : "");
    const char *p = src->members ? src->members : "";
    meibo_status st = MEIBO_OK;
    while (!st && *p) {
        size_t skip = strspn(p, ", \t\n");
        p += skip;
        size_t n = strcspn(p, ", \t\n");
        if (!n)
            break;
        char no[32];
        if (n >= sizeof no || n < 6 || n > 10 || strspn(p, "0123456789") < n)
            return meibo_fail_reason(err, MEIBO_ERR_INVALID, "members", MEIBO_REASON_MEMBER_NO,
                                     NULL, NULL, "members: '%.*s' is not a member number "
                                     "(6 to 10 digits)", (int)(n < 40 ? n : 40), p);
        memcpy(no, p, n);
        no[n] = '\0';
        sqlite3_stmt *s = db_stmt(ctx, sql_member_exists, err);
        if (!s)
            return MEIBO_ERR_DB;
        bind_str(s, 1, no);
        int rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc == SQLITE_DONE)
            return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "members",
                                    "members: no member has number %s", no);
        if (rc != SQLITE_ROW)
            return db_fail(ctx, err, "looking up a member");
        st = affected_add(a, no, bits, err);
        p += n;
    }
    if (!st && !a->n)
        st = meibo_fail_field(err, MEIBO_ERR_INVALID, "members",
                              "members: give the member numbers (--members NO,NO,...)");
    snprintf(a->ref, sizeof a->ref, "指定された会員番号%zu件", a->n);
    return st;
}

static meibo_status affected_compute(meibo_ctx *ctx, const meibo_config *cfg,
                                     const incident_source *src, int *kind, affected *a,
                                     meibo_err *err)
{
    *kind = incident_source_parse(src->kind);
    if (*kind < 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "source",
                                "source: where the affected members come from: '%s' is not export, "
                                "provision, inquiry, request, backup, access_log or members",
                                src->kind ? src->kind : "");
    bool by_id = *kind == INCIDENT_SRC_EXPORT || *kind == INCIDENT_SRC_PROVISION ||
                 *kind == INCIDENT_SRC_INQUIRY || *kind == INCIDENT_SRC_REQUEST;
    if (by_id && src->id <= 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "source",
                                "source: name the %s by its number", sources[*kind].code);
    meibo_status st;
    switch ((incident_source_kind)*kind) {
    case INCIDENT_SRC_EXPORT: st = from_export(ctx, src->id, a, err); break;
    case INCIDENT_SRC_PROVISION: st = from_provision(ctx, src->id, a, err); break;
    case INCIDENT_SRC_INQUIRY: st = from_inquiry(ctx, src->id, a, err); break;
    case INCIDENT_SRC_REQUEST: st = from_request(ctx, src->id, a, err); break;
    case INCIDENT_SRC_BACKUP: st = from_backup(ctx, cfg, src->file, a, err); break;
    case INCIDENT_SRC_ACCESS_LOG: st = from_access_log(ctx, src, a, err); break;
    default: st = from_members(ctx, src, a, err); break;
    }
    if (!st)
        affected_merge(a);
    return st;
}

/* ---- recording ------------------------------------------------------------------------------- */

static const char sql_manager[] =
    "SELECT role FROM users WHERE login = ?1 AND disabled = 0";

/* @p login is an enabled manager or chief officer (第26条: 個人情報管理者に報告). */
static meibo_status check_manager(meibo_ctx *ctx, const char *login, meibo_err *err)
{
    if (check_blank(login))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "reported_to",
                                "reported_to: the 個人情報管理者 it was reported to (取扱規程 第26条) "
                                "is required: their user ID");
    sqlite3_stmt *s = db_stmt(ctx, sql_manager, err);
    if (!s)
        return MEIBO_ERR_DB;
    bind_str(s, 1, login);
    int rc = sqlite3_step(s);
    meibo_role role = rc == SQLITE_ROW ? meibo_role_parse(db_text(s, 0)) : MEIBO_ROLE_NONE;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(ctx, err, "looking up the manager");
    if (role < MEIBO_ROLE_MANAGER)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "reported_to",
                                "reported_to: '%s' is not an enabled 個人情報管理者 or 総責任者 "
                                "(取扱規程 第26条: the report goes to the manager)", login);
    return MEIBO_OK;
}

static const char sql_insert[] =
    "INSERT INTO incidents (kind, summary, occurred_on, discovered_on, discovered_by, cause, "
    "immediate_action, reported_to, reported_on, source, source_ref, persons, items, columns, "
    "financial, improper, created_at, created_by, updated_at, updated_by) "
    "VALUES (?1, ?2, NULLIF(?3, ''), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
    "?17, ?18, ?17, ?18)";
static const char sql_insert_member[] =
    "INSERT INTO incident_members (incident_id, member_no, items) VALUES (?1, ?2, ?3)";

static meibo_status check_new(const incident_new *n, const char *today, int *kind,
                              char occurred[11], char discovered[11], char reported[11],
                              meibo_err *err)
{
    meibo_status st;
    *kind = incident_kind_parse(n->kind);
    if (*kind < 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "kind",
                                "kind: what happened: '%s' is not leak (漏えい), loss (滅失), "
                                "damage (毀損) or breach (規程違反)", n->kind ? n->kind : "");
    if ((st = check_text("summary", n->summary, INCIDENT_TEXT_MAX, true, err)) ||
        (st = check_text("discovered_by", n->discovered_by, 100, true, err)) ||
        (st = check_text("cause", n->cause, INCIDENT_TEXT_MAX, false, err)) ||
        (st = check_text("immediate_action", n->immediate_action, INCIDENT_TEXT_MAX, false,
                         err)) ||
        (st = check_date("discovered_on", n->discovered_on, today, discovered, err)) ||
        (st = check_date("reported_on", n->reported_on, discovered, reported, err)))
        return st;
    occurred[0] = '\0';
    if (!check_blank(n->occurred_on) &&
        (st = check_date("occurred_on", n->occurred_on, NULL, occurred, err)))
        return st;
    if (strcmp(discovered, today) > 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "discovered_on",
                                "discovered_on: %s is in the future", discovered);
    if (strcmp(reported, discovered) < 0 || strcmp(reported, today) > 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "reported_on",
                                "reported_on: %s is not between the discovery (%s) and today",
                                reported, discovered);
    if (*occurred && strcmp(occurred, discovered) > 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "occurred_on",
                                "occurred_on: %s is after it was discovered (%s)", occurred,
                                discovered);
    return MEIBO_OK;
}

meibo_status incident_add(meibo_ctx *ctx, const meibo_config *cfg, const incident_new *n,
                          int64_t *id, meibo_err *err)
{
    if (id)
        *id = 0;
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "record an incident (取扱規程 第26条)",
                                   err);
    char today[16], now[32], occurred[11], discovered[11], reported[11];
    int kind, source;
    if (st)
        return st;
    db_today(ctx, today, sizeof today);
    db_now_text(ctx, now, sizeof now);
    if ((st = check_new(n, today, &kind, occurred, discovered, reported, err)) ||
        (st = check_manager(ctx, n->reported_to, err)))
        return st;
    /* computed before the write lock: a backup of every member takes a while to read */
    affected a;
    memset(&a, 0, sizeof a);
    if ((st = affected_compute(ctx, cfg, &n->source, &source, &a, err))) {
        free(a.v);
        return st;
    }
    if ((st = db_begin(ctx, err))) {
        free(a.v);
        return st;
    }
    char items[16];
    items_text(a.bits, items);
    sqlite3_stmt *s = db_stmt(ctx, sql_insert, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    bind_str(s, 1, kinds[kind].code);
    bind_str(s, 2, n->summary);
    bind_str(s, 3, occurred);
    bind_str(s, 4, discovered);
    bind_str(s, 5, n->discovered_by);
    bind_str(s, 6, n->cause);
    bind_str(s, 7, n->immediate_action);
    bind_str(s, 8, n->reported_to);
    bind_str(s, 9, reported);
    bind_str(s, 10, sources[source].code);
    bind_str(s, 11, a.ref);
    sqlite3_bind_int64(s, 12, (int64_t)a.n);
    bind_str(s, 13, items);
    bind_str(s, 14, a.columns);
    sqlite3_bind_int(s, 15, n->financial);
    sqlite3_bind_int(s, 16, n->improper);
    bind_str(s, 17, now);
    bind_str(s, 18, ctx->login);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        st = db_fail(ctx, err, "recording an incident");
        goto rollback;
    }
    int64_t new_id = sqlite3_last_insert_rowid(ctx->db);
    if (!(s = db_stmt(ctx, sql_insert_member, err))) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    for (size_t i = 0; i < a.n; i++) {
        char its[16];
        items_text(a.v[i].bits, its);
        sqlite3_bind_int64(s, 1, new_id);
        bind_str(s, 2, a.v[i].member_no);
        bind_str(s, 3, its);
        rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE) {
            st = db_fail(ctx, err, "recording the affected members");
            goto rollback;
        }
    }
    char detail[600];
    snprintf(detail, sizeof detail, "id=%" PRId64 " kind=%s discovered_on=%s persons=%zu items=%s "
             "source=%s reported_to=%s", new_id, kinds[kind].code, discovered, a.n, items, a.ref,
             n->reported_to);
    if ((st = audit_append(ctx, "incident.add", NULL, detail, err)) || (st = db_commit(ctx, err)))
        goto rollback;
    free(a.v);
    if (id)
        *id = new_id;
    return MEIBO_OK;
rollback:
    db_rollback(ctx);
    free(a.v);
    return st;
}

/* ---- reading ---------------------------------------------------------------------------------- */

#define INCIDENT_COLS                                                                           \
    "i.id, i.kind, i.summary, i.occurred_on, i.discovered_on, i.discovered_by, i.cause, "       \
    "i.immediate_action, i.reported_to, i.reported_on, i.source, i.source_ref, i.persons, "     \
    "i.items, i.columns, i.financial, i.improper, i.secondary_damage, i.member_response, "      \
    "i.publication, i.prevention, i.prompt_reported_on, i.final_reported_on, i.status, "        \
    "i.closed_on, i.closed_by, i.close_note, i.created_at, i.created_by, i.updated_at, "        \
    "i.updated_by"
#define INCIDENT_NCOLS 31

/* Days since 1970-01-01 of "YYYY-MM-DD" (the civil calendar). */
static long iso_days(const char *iso)
{
    if (!date_iso_valid(iso))
        return 0;
    long y = strtol(iso, NULL, 10), m = strtol(iso + 5, NULL, 10), d = strtol(iso + 8, NULL, 10);
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Fill @p i from the row of @p s (INCIDENT_COLS first), with the assessment and what is due by
 * @p today. */
static void incident_from_row(sqlite3_stmt *s, const char *today, incident_info *i)
{
    memset(i, 0, sizeof *i);
    i->id = sqlite3_column_int64(s, 0);
    i->kind_code = db_text(s, 1);
    int k = incident_kind_parse(i->kind_code);
    i->kind = k < 0 ? INCIDENT_BREACH : (incident_kind)k;
    i->kind_ja = kinds[i->kind].ja;
    i->summary = db_text(s, 2);
    i->occurred_on = db_text_or_null(s, 3);
    i->discovered_on = db_text(s, 4);
    i->discovered_by = db_text(s, 5);
    i->cause = db_text(s, 6);
    i->immediate_action = db_text(s, 7);
    i->reported_to = db_text(s, 8);
    i->reported_on = db_text(s, 9);
    i->source = db_text(s, 10);
    i->source_ref = db_text(s, 11);
    i->persons = sqlite3_column_int64(s, 12);
    i->items = db_text(s, 13);
    i->columns = db_text(s, 14);
    i->financial = sqlite3_column_int(s, 15) != 0;
    i->improper = sqlite3_column_int(s, 16) != 0;
    i->secondary_damage = db_text(s, 17);
    i->member_response = db_text(s, 18);
    i->publication = db_text(s, 19);
    i->prevention = db_text(s, 20);
    i->prompt_reported_on = db_text_or_null(s, 21);
    i->final_reported_on = db_text_or_null(s, 22);
    i->status = db_text(s, 23);
    i->closed_on = db_text_or_null(s, 24);
    i->closed_by = db_text_or_null(s, 25);
    i->close_note = db_text(s, 26);
    i->created_at = db_text(s, 27);
    i->created_by = db_text(s, 28);
    i->updated_at = db_text(s, 29);
    i->updated_by = db_text(s, 30);
    i->open = !strcmp(i->status, "open");
    incident_facts f = {i->kind, i->persons, i->financial, i->improper, false, i->discovered_on};
    if (incident_assess(&f, &i->assessment, NULL) != MEIBO_OK || !i->assessment.reportable ||
        !i->open)
        return;
    if (!i->prompt_reported_on) {
        i->next_what = "prompt";
        i->next_due = i->assessment.prompt_due;
    } else if (!i->final_reported_on) {
        i->next_what = "final";
        i->next_due = i->assessment.final_due;
    } else {
        return;
    }
    char soon[11];
    check_date_add_days(today, INCIDENT_SOON_DAYS, soon);
    i->overdue = strcmp(i->next_due, today) < 0;
    i->due_soon = !i->overdue && strcmp(i->next_due, soon) <= 0;
    i->days_left = (int)(iso_days(i->next_due) - iso_days(today));
}

/* The incidents (?1: also closed ones; ?2: touching that member) after (?3 = 0: from the
 * newest) or before (from the oldest) incident ?3, newest first. */
#define INCIDENT_WHERE                                                                        \
    "SELECT " INCIDENT_COLS " FROM incidents i "                                              \
    "WHERE (?1 OR i.status = 'open') "                                                        \
    "AND (?2 = '' OR EXISTS (SELECT 1 FROM incident_members m WHERE m.incident_id = i.id "    \
    "AND m.member_no = ?2)) "
static const char sql_list_older[] = INCIDENT_WHERE "AND (?3 = 0 OR i.id < ?3) ORDER BY i.id DESC";
static const char sql_list_newer[] = INCIDENT_WHERE "AND (?3 = 0 OR i.id > ?3) ORDER BY i.id";
static const char sql_one[] = "SELECT " INCIDENT_COLS " FROM incidents i WHERE i.id = ?1";

meibo_status incident_list(meibo_ctx *ctx, const incident_filter *f, incident_fn fn, void *arg,
                           meibo_err *err)
{
    return incident_page(ctx, f, 0, false, -1, fn, arg, err);
}

meibo_status incident_page(meibo_ctx *ctx, const incident_filter *f, int64_t after_id,
                           bool backward, int limit, incident_fn fn, void *arg, meibo_err *err)
{
    incident_filter none = {0};
    if (!f)
        f = &none;
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read the incident register", err);
    if (st)
        return st;
    const char *no = f->member_no && *f->member_no ? f->member_no : NULL;
    if ((st = audit_append(ctx, "incident.read", no, f->due ? "list due" : "list", err)))
        return st;
    sqlite3_stmt *s = db_stmt(ctx, backward ? sql_list_newer : sql_list_older, err);
    if (!s)
        return MEIBO_ERR_DB;
    char today[16];
    db_today(ctx, today, sizeof today);
    sqlite3_bind_int(s, 1, f->all);
    bind_str(s, 2, no);
    sqlite3_bind_int64(s, 3, after_id > 0 ? after_id : 0);
    int rc, n = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        incident_info i;
        incident_from_row(s, today, &i);
        if (f->due && !i.overdue && !i.due_soon)
            continue;
        if ((limit > 0 && n++ >= limit) || fn(&i, arg)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "reading the incident register");
}

/* Read incident @p id into the callback; @p audit writes the read row. */
static meibo_status show_one(meibo_ctx *ctx, int64_t id, incident_fn fn, void *arg,
                             meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_one, err);
    if (!s)
        return MEIBO_ERR_DB;
    char today[16];
    db_today(ctx, today, sizeof today);
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        incident_info i;
        incident_from_row(s, today, &i);
        if (fn)
            fn(&i, arg);
    }
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "id", "there is no incident %" PRId64,
                                id);
    return rc == SQLITE_ROW ? MEIBO_OK : db_fail(ctx, err, "reading an incident");
}

meibo_status incident_show(meibo_ctx *ctx, int64_t id, incident_fn fn, void *arg,
                           meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read the incident register", err);
    if (st || (st = show_one(ctx, id, NULL, NULL, err)))
        return st;
    char detail[40];
    snprintf(detail, sizeof detail, "id=%" PRId64, id);
    if ((st = audit_append(ctx, "incident.read", NULL, detail, err)))
        return st;
    return show_one(ctx, id, fn, arg, err);
}

static const char sql_members[] =
    "SELECT member_no, items FROM incident_members WHERE incident_id = ?1 "
    "ORDER BY CAST(member_no AS INTEGER), member_no";

meibo_status incident_members(meibo_ctx *ctx, int64_t id, incident_member_fn fn, void *arg,
                              meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read the incident register", err);
    if (st || (st = show_one(ctx, id, NULL, NULL, err)))
        return st;
    char detail[40];
    snprintf(detail, sizeof detail, "id=%" PRId64 " members", id);
    if ((st = audit_append(ctx, "incident.read", NULL, detail, err)))
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_members, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if (fn(db_text(s, 0), db_text(s, 1), arg)) {
            rc = SQLITE_DONE;
            break;
        }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "reading the affected members");
}

static const char sql_for_member[] =
    "SELECT " INCIDENT_COLS ", m.items FROM incident_members m "
    "JOIN incidents i ON i.id = m.incident_id WHERE m.member_no = ?1 ORDER BY i.id";

meibo_status incident_for_member(meibo_ctx *ctx, const char *member_no, incident_touch_fn fn,
                                 void *arg, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_for_member, err);
    if (!s)
        return MEIBO_ERR_DB;
    char today[16];
    db_today(ctx, today, sizeof today);
    bind_str(s, 1, member_no);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        incident_info i;
        incident_from_row(s, today, &i);
        if (fn(&i, db_text(s, INCIDENT_NCOLS), arg)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "reading the member's incidents");
}

static const char sql_open[] = "SELECT " INCIDENT_COLS " FROM incidents i WHERE i.status = 'open'";

meibo_status incident_due_counts(meibo_ctx *ctx, int *overdue, int *soon, meibo_err *err)
{
    *overdue = *soon = 0;
    sqlite3_stmt *s = db_stmt(ctx, sql_open, err);
    if (!s)
        return MEIBO_ERR_DB;
    char today[16];
    db_today(ctx, today, sizeof today);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        incident_info i;
        incident_from_row(s, today, &i);
        *overdue += i.overdue;
        *soon += i.due_soon;
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "reading the incident register");
}

/* ---- changing and closing ------------------------------------------------------------------- */

typedef struct current {
    bool found, open, reportable, improper;
    char discovered_on[11], prompt[11], final[11];
    char cause_blank, prevention_blank;
    int kind;
    int64_t persons;
    bool financial;
} current;

static int take_current(const incident_info *i, void *arg)
{
    current *c = arg;
    c->found = true;
    c->open = i->open;
    c->reportable = i->assessment.reportable;
    c->improper = i->improper;
    c->financial = i->financial;
    c->kind = (int)i->kind;
    c->persons = i->persons;
    text_copy_cut(c->discovered_on, sizeof c->discovered_on, i->discovered_on);
    text_copy_cut(c->prompt, sizeof c->prompt, i->prompt_reported_on ? i->prompt_reported_on : "");
    text_copy_cut(c->final, sizeof c->final, i->final_reported_on ? i->final_reported_on : "");
    c->cause_blank = check_blank(i->cause);
    c->prevention_blank = check_blank(i->prevention);
    return 0;
}

static const char sql_update[] =
    "UPDATE incidents SET summary = COALESCE(?2, summary), cause = COALESCE(?3, cause), "
    "immediate_action = COALESCE(?4, immediate_action), "
    "secondary_damage = COALESCE(?5, secondary_damage), "
    "member_response = COALESCE(?6, member_response), publication = COALESCE(?7, publication), "
    "prevention = COALESCE(?8, prevention), financial = COALESCE(?9, financial), "
    "improper = COALESCE(?10, improper), prompt_reported_on = COALESCE(?11, prompt_reported_on), "
    "final_reported_on = COALESCE(?12, final_reported_on), updated_at = ?13, updated_by = ?14 "
    "WHERE id = ?1 AND status = 'open'";

static void bind_opt(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

static void bind_flag(sqlite3_stmt *s, int i, int v)
{
    if (v < 0)
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_int(s, i, v != 0);
}

/* A report date: a date, not before the discovery, not in the future. */
static meibo_status report_date(const char *field, const char *v, const char *discovered,
                                const char *today, char out[11], meibo_err *err)
{
    meibo_status st = check_date(field, v, NULL, out, err);
    if (st)
        return st;
    if (strcmp(out, discovered) < 0 || strcmp(out, today) > 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, field,
                                "%s: %s is not between the discovery (%s) and today", field, out,
                                discovered);
    return MEIBO_OK;
}

meibo_status incident_update(meibo_ctx *ctx, int64_t id, const incident_change *c,
                             meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "change an incident (取扱規程 第26条)",
                                   err);
    if (st)
        return st;
    bool reports = c->prompt_reported_on || c->final_reported_on;
    if (reports && (st = auth_require(ctx, MEIBO_ROLE_MANAGER,
                                      "record a report to the 個人情報保護委員会", err)))
        return st;
    static const char *const names[] = {"summary", "cause", "immediate_action",
                                        "secondary_damage", "member_response", "publication",
                                        "prevention"};
    const char *const vals[] = {c->summary, c->cause, c->immediate_action, c->secondary_damage,
                                c->member_response, c->publication, c->prevention};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (vals[k] && (st = check_text(names[k], vals[k], INCIDENT_TEXT_MAX, k == 0, err)))
            return st;
    if (c->financial > 1 || c->improper > 1)
        return meibo_fail(err, MEIBO_ERR_INVALID, "financial, improper: yes or no");
    current cur = {0};
    char today[16], now[32], prompt[11] = "", final[11] = "";
    db_today(ctx, today, sizeof today);
    db_now_text(ctx, now, sizeof now);
    if ((st = db_begin(ctx, err)))
        return st;
    if ((st = show_one(ctx, id, take_current, &cur, err)))
        goto rollback;
    if (!cur.open) {
        st = meibo_fail_field(err, MEIBO_ERR_INVALID, "id",
                              "incident %" PRId64 " is closed: its record stays as it was", id);
        goto rollback;
    }
    if ((c->prompt_reported_on &&
         (st = report_date("prompt_reported_on", c->prompt_reported_on, cur.discovered_on, today,
                           prompt, err))) ||
        (c->final_reported_on &&
         (st = report_date("final_reported_on", c->final_reported_on, cur.discovered_on, today,
                           final, err))))
        goto rollback;
    if (*final && !*prompt && !*cur.prompt) {
        /* a 確報 made first counts as the 速報 too (施行規則 第8条: both at once is allowed) */
        snprintf(prompt, sizeof prompt, "%s", final);
    }
    sqlite3_stmt *s = db_stmt(ctx, sql_update, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    sqlite3_bind_int64(s, 1, id);
    for (int k = 0; k < 7; k++)
        bind_opt(s, 2 + k, vals[k]);
    bind_flag(s, 9, c->financial);
    bind_flag(s, 10, c->improper);
    bind_opt(s, 11, *prompt ? prompt : NULL);
    bind_opt(s, 12, *final ? final : NULL);
    bind_str(s, 13, now);
    bind_str(s, 14, ctx->login);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        st = db_fail(ctx, err, "changing an incident");
        goto rollback;
    }
    char detail[400];
    size_t used = (size_t)snprintf(detail, sizeof detail, "id=%" PRId64 " fields=", id);
    bool first = true;
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (vals[k] && used < sizeof detail) {
            used += (size_t)snprintf(detail + used, sizeof detail - used, "%s%s",
                                     first ? "" : ",", names[k]);
            first = false;
        }
    if (c->financial >= 0 && used < sizeof detail)
        used += (size_t)snprintf(detail + used, sizeof detail - used, "%sfinancial=%d",
                                 first ? "" : ",", c->financial), first = false;
    if (c->improper >= 0 && used < sizeof detail)
        used += (size_t)snprintf(detail + used, sizeof detail - used, "%simproper=%d",
                                 first ? "" : ",", c->improper), first = false;
    if (*prompt && used < sizeof detail)
        used += (size_t)snprintf(detail + used, sizeof detail - used, "%sprompt_reported_on=%s",
                                 first ? "" : ",", prompt), first = false;
    if (*final && used < sizeof detail)
        snprintf(detail + used, sizeof detail - used, "%sfinal_reported_on=%s", first ? "" : ",",
                 final);
    if ((st = audit_append(ctx, "incident.update", NULL, detail, err)) ||
        (st = db_commit(ctx, err)))
        goto rollback;
    return MEIBO_OK;
rollback:
    db_rollback(ctx);
    return st;
}

static const char sql_close[] =
    "UPDATE incidents SET status = 'closed', closed_on = ?2, closed_by = ?3, close_note = ?4, "
    "updated_at = ?5, updated_by = ?3 WHERE id = ?1 AND status = 'open'";

meibo_status incident_close(meibo_ctx *ctx, int64_t id, const char *note, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_MANAGER,
                                   "close an incident (取扱規程 第26条: the 個人情報管理者)", err);
    if (st || (st = check_text("note", note, INCIDENT_TEXT_MAX, false, err)))
        return st;
    current cur = {0};
    char today[16], now[32];
    db_today(ctx, today, sizeof today);
    db_now_text(ctx, now, sizeof now);
    if ((st = db_begin(ctx, err)))
        return st;
    if ((st = show_one(ctx, id, take_current, &cur, err)))
        goto rollback;
    if (!cur.open) {
        st = meibo_fail_field(err, MEIBO_ERR_INVALID, "id", "incident %" PRId64 " is closed "
                              "already", id);
        goto rollback;
    }
    if (cur.cause_blank || cur.prevention_blank) {
        st = meibo_fail_field(err, MEIBO_ERR_INVALID, cur.cause_blank ? "cause" : "prevention",
                              "incident %" PRId64 ": write the %s first (取扱規程 第26条: the facts "
                              "investigated and the prevention of a recurrence considered)", id,
                              cur.cause_blank ? "cause (--cause)" : "prevention (--prevention)");
        goto rollback;
    }
    if (cur.reportable && (!*cur.prompt || !*cur.final)) {
        st = meibo_fail_field(err, MEIBO_ERR_INVALID,
                              !*cur.prompt ? "prompt_reported_on" : "final_reported_on",
                              "incident %" PRId64 " must be reported to the 個人情報保護委員会: record "
                              "the %s first (個人情報保護法 第26条第1項, 施行規則 第8条)", id,
                              !*cur.prompt ? "prompt report (速報, --prompt-reported DATE)"
                                           : "full report (確報, --final-reported DATE)");
        goto rollback;
    }
    sqlite3_stmt *s = db_stmt(ctx, sql_close, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    sqlite3_bind_int64(s, 1, id);
    bind_str(s, 2, today);
    bind_str(s, 3, ctx->login);
    bind_str(s, 4, note);
    bind_str(s, 5, now);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        st = db_fail(ctx, err, "closing an incident");
        goto rollback;
    }
    char detail[64];
    snprintf(detail, sizeof detail, "id=%" PRId64, id);
    if ((st = audit_append(ctx, "incident.close", NULL, detail, err)) ||
        (st = db_commit(ctx, err)))
        goto rollback;
    return MEIBO_OK;
rollback:
    db_rollback(ctx);
    return st;
}

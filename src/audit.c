/* audit.c: the access log (取扱規程 第23条, 第35条), append-only and hash-chained. */
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "meibo/audit.h"
#include "meibo/text.h"
#include "meibo/auth.h"
#include "meibo/date.h"

#define AUDIT_FIELDS 9
#define AUDIT_ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* One field of the hashed serialization: bytes and their length. */
typedef struct audit_field {
    const char *p;
    size_t n;
} audit_field;

/* Lowercase hex of a 32-byte digest into out (65 bytes). */
static void audit_hex(const unsigned char *md, char out[65])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 15];
    }
    out[64] = '\0';
}

/* SHA-256 over "<len>:<bytes>\n" for each field; md and mdctx may be reused across rows. */
static int audit_hash_fields(EVP_MD_CTX *mdctx, const EVP_MD *md, const audit_field *f,
                             int nf, char out[65])
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int dlen = 0;
    char small[1024], *buf = small;
    size_t need = 0;
    for (int i = 0; i < nf; i++)
        need += f[i].n + 22;
    if (need > sizeof small && !(buf = malloc(need)))
        return -1;
    size_t n = 0;
    for (int i = 0; i < nf; i++) { /* the serialization, then one update */
        char num[21];
        int k = 0;
        size_t v = f[i].n;
        do
            num[k++] = (char)('0' + v % 10);
        while ((v /= 10) > 0);
        while (k > 0)
            buf[n++] = num[--k];
        buf[n++] = ':';
        memcpy(buf + n, f[i].p, f[i].n);
        n += f[i].n;
        buf[n++] = '\n';
    }
    int rc = EVP_DigestInit_ex(mdctx, md, NULL) == 1 && EVP_DigestUpdate(mdctx, buf, n) == 1 &&
                     EVP_DigestFinal_ex(mdctx, digest, &dlen) == 1 && dlen == 32
                 ? 0
                 : -1;
    if (buf != small)
        free(buf);
    if (rc == 0)
        audit_hex(digest, out);
    return rc;
}

/* SHA-256, fetched once per process (an implicit fetch on every row is most of the cost). */
static EVP_MD *audit_sha256;
static pthread_once_t audit_sha256_once = PTHREAD_ONCE_INIT;

static void audit_sha256_fetch(void)
{
    audit_sha256 = EVP_MD_fetch(NULL, "SHA2-256", NULL);
}

static const EVP_MD *audit_md(void)
{
    pthread_once(&audit_sha256_once, audit_sha256_fetch);
    return audit_sha256;
}

/* Fields of a row in hashing order; idbuf receives the id's decimal text. */
static void audit_row_fields(const audit_row *r, char idbuf[24], audit_field f[AUDIT_FIELDS])
{
    const char *s[AUDIT_FIELDS - 1] = {r->at,     r->user_login, r->unix_user,
                                       r->ssh_client, r->action, r->member_no,
                                       r->detail, r->prev_hash};
    int n = snprintf(idbuf, 24, "%" PRId64, r->id);
    f[0].p = idbuf;
    f[0].n = (size_t)n;
    for (int i = 0; i < AUDIT_FIELDS - 1; i++) {
        f[i + 1].p = s[i] ? s[i] : "";
        f[i + 1].n = strlen(f[i + 1].p);
    }
}

/* The hash of a row with a caller's context (reused across rows). */
static void audit_row_hash_with(EVP_MD_CTX *mdctx, const audit_row *row, char out[65])
{
    char idbuf[24];
    audit_field f[AUDIT_FIELDS];
    audit_row_fields(row, idbuf, f);
    const EVP_MD *md = audit_md();
    if (!mdctx || !md || audit_hash_fields(mdctx, md, f, AUDIT_FIELDS, out) != 0) {
        memset(out, 'x', 64); /* never equal to a stored hash */
        out[64] = '\0';
    }
}

void audit_row_hash(const audit_row *row, char out[65])
{
    EVP_MD_CTX *mdctx = EVP_MD_CTX_new();
    audit_row_hash_with(mdctx, row, out);
    EVP_MD_CTX_free(mdctx);
}

static const char sql_last[] = "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1";
static const char sql_insert[] =
    "INSERT INTO audit_log (id, at, user_login, unix_user, ssh_client, action, member_no, "
    "detail, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

/* The end of the chain: the last row's id and hash (0 and zeros when the log is empty). */
static meibo_status audit_chain_end(meibo_ctx *ctx, int64_t *last_id, char prev[65],
                                    meibo_err *err)
{
    sqlite3_stmt *st = db_stmt(ctx, sql_last, err);
    if (!st)
        return MEIBO_ERR_DB;
    *last_id = 0;
    memcpy(prev, AUDIT_ZERO_HASH, 65);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *last_id = sqlite3_column_int64(st, 0);
        const char *h = (const char *)sqlite3_column_text(st, 1);
        snprintf(prev, 65, "%s", h ? h : "");
    } else if (rc != SQLITE_DONE) {
        meibo_status s = db_fail(ctx, err, "audit log: reading the last row");
        sqlite3_reset(st);
        return s;
    }
    sqlite3_reset(st);
    return MEIBO_OK;
}

/* The append proper; runs inside a transaction the caller holds. */
static meibo_status audit_insert(meibo_ctx *ctx, const char *action, const char *member_no,
                                 const char *detail, meibo_err *err)
{
    int64_t last_id = 0;
    char prev[65];
    meibo_status s = audit_chain_end(ctx, &last_id, prev, err);
    if (s)
        return s;
    char at[32];
    db_now_text(ctx, at, sizeof at);
    audit_row row = {
        .id = last_id + 1,
        .at = at,
        .user_login = ctx->login[0] ? ctx->login : "-",
        .unix_user = ctx->unix_user,
        .ssh_client = ctx->ssh_client,
        .action = action,
        .member_no = member_no ? member_no : "",
        .detail = detail ? detail : "",
        .prev_hash = prev,
    };
    char hash[65];
    audit_row_hash(&row, hash);

    sqlite3_stmt *st = db_stmt(ctx, sql_insert, err);
    if (!st)
        return MEIBO_ERR_DB;
    const char *text[] = {row.at,        row.user_login, row.unix_user, row.ssh_client,
                          row.action,    row.member_no,  row.detail,    row.prev_hash,
                          hash};
    sqlite3_bind_int64(st, 1, row.id);
    for (int i = 0; i < 9; i++)
        sqlite3_bind_text(st, i + 2, text[i], -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_fail(ctx, err, "audit log: appending a row");
    return MEIBO_OK;
}

meibo_status audit_append(meibo_ctx *ctx, const char *action, const char *member_no,
                          const char *detail, meibo_err *err)
{
    if (!action || !*action)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "action", "audit log: no action given");
    if (ctx->tx_depth > 0)
        return audit_insert(ctx, action, member_no, detail, err);
    /* own BEGIN IMMEDIATE: reading the last hash and inserting must not interleave */
    meibo_status s = db_begin(ctx, err);
    if (s != MEIBO_OK)
        return s;
    if ((s = audit_insert(ctx, action, member_no, detail, err)) != MEIBO_OK) {
        db_rollback(ctx);
        return s;
    }
    return db_commit(ctx, err);
}

/* ---- batches (bulk loads) ------------------------------------------------------------- */

#define AUDIT_BATCH_ROWS 32 /* rows per multi-row INSERT */

typedef struct audit_batch_row {
    int64_t id;
    char at[32], prev[65], hash[65];
    size_t action, member_no, detail; /* offsets into the batch's text */
} audit_batch_row;

struct audit_batch {
    meibo_ctx *ctx;
    EVP_MD_CTX *mdctx;
    bool have_end; /* last_id / last_hash are the chain's end (re-read after each flush) */
    int64_t last_id;
    char last_hash[65];
    int64_t at_t; /* at is the text of this time */
    char at[32];
    int n;
    audit_batch_row rows[AUDIT_BATCH_ROWS];
    char *text;
    size_t text_len, text_cap;
};

/* "INSERT … VALUES (?, …), (?, …) …" for AUDIT_BATCH_ROWS rows, built once. OR FAIL: a
 * multi-row statement that may abort needs a statement journal, and opening one makes FTS5
 * flush its pending terms (the whole bulk load's index work, every batch); after a failure
 * the caller rolls the transaction back anyway. */
static char sql_insert_batch[160 + AUDIT_BATCH_ROWS * 24];
static pthread_once_t sql_insert_batch_once = PTHREAD_ONCE_INIT;

static void sql_insert_batch_build(void)
{
    size_t n = (size_t)snprintf(sql_insert_batch, sizeof sql_insert_batch,
                                "INSERT OR FAIL INTO audit_log (id, at, user_login, unix_user, "
                                "ssh_client, action, member_no, detail, prev_hash, hash) "
                                "VALUES ");
    for (int r = 0; r < AUDIT_BATCH_ROWS; r++)
        n += (size_t)snprintf(sql_insert_batch + n, sizeof sql_insert_batch - n,
                              "%s(?,?,?,?,?,?,?,?,?,?)", r ? "," : "");
}

meibo_status audit_batch_begin(meibo_ctx *ctx, audit_batch **out, meibo_err *err)
{
    *out = NULL;
    audit_batch *b = calloc(1, sizeof *b);
    if (!b || !(b->mdctx = EVP_MD_CTX_new()) || !audit_md()) {
        if (b)
            EVP_MD_CTX_free(b->mdctx);
        free(b);
        return meibo_fail(err, MEIBO_ERR_NOMEM, "audit log: cannot set up a batch");
    }
    b->ctx = ctx;
    b->at_t = -1;
    *out = b;
    return MEIBO_OK;
}

/* Copy s into the batch's text; its offset, or (size_t)-1 when out of memory. */
static size_t batch_text(audit_batch *b, const char *s)
{
    size_t n = strlen(s) + 1;
    if (b->text_len + n > b->text_cap) {
        size_t cap = b->text_cap ? b->text_cap * 2 : 4096;
        while (cap < b->text_len + n)
            cap *= 2;
        char *t = realloc(b->text, cap);
        if (!t)
            return (size_t)-1;
        b->text = t;
        b->text_cap = cap;
    }
    memcpy(b->text + b->text_len, s, n);
    b->text_len += n;
    return b->text_len - n;
}

meibo_status audit_batch_append(audit_batch *b, const char *action, const char *member_no,
                                const char *detail, meibo_err *err)
{
    meibo_ctx *ctx = b->ctx;
    if (!action || !*action)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "action", "audit log: no action given");
    if (ctx->tx_depth <= 0)
        return meibo_fail(err, MEIBO_ERR_DB, "audit log: a batch needs the caller's transaction");
    meibo_status s;
    if (!b->have_end) {
        if ((s = audit_chain_end(ctx, &b->last_id, b->last_hash, err)))
            return s;
        b->have_end = true;
    }
    int64_t t = db_now(ctx);
    if (t != b->at_t) {
        db_now_text(ctx, b->at, sizeof b->at);
        b->at_t = t;
    }
    audit_batch_row *r = &b->rows[b->n];
    r->id = b->last_id + 1;
    memcpy(r->at, b->at, sizeof r->at);
    memcpy(r->prev, b->last_hash, sizeof r->prev);
    r->action = batch_text(b, action);
    r->member_no = batch_text(b, member_no ? member_no : "");
    r->detail = batch_text(b, detail ? detail : "");
    if (r->action == (size_t)-1 || r->member_no == (size_t)-1 || r->detail == (size_t)-1)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "audit log: out of memory");
    audit_row row = {
        .id = r->id,
        .at = r->at,
        .user_login = ctx->login[0] ? ctx->login : "-",
        .unix_user = ctx->unix_user,
        .ssh_client = ctx->ssh_client,
        .action = b->text + r->action,
        .member_no = b->text + r->member_no,
        .detail = b->text + r->detail,
        .prev_hash = r->prev,
    };
    audit_row_hash_with(b->mdctx, &row, r->hash);
    b->last_id = r->id;
    memcpy(b->last_hash, r->hash, sizeof b->last_hash);
    if (++b->n == AUDIT_BATCH_ROWS)
        return audit_batch_flush(b, err);
    return MEIBO_OK;
}

/* Bind row r of the batch to parameters base+1 … base+10 of st. */
static void batch_bind(audit_batch *b, sqlite3_stmt *st, int base, const audit_batch_row *r)
{
    meibo_ctx *ctx = b->ctx;
    const char *text[] = {r->at,
                          ctx->login[0] ? ctx->login : "-",
                          ctx->unix_user,
                          ctx->ssh_client,
                          b->text + r->action,
                          b->text + r->member_no,
                          b->text + r->detail,
                          r->prev,
                          r->hash};
    sqlite3_bind_int64(st, base + 1, r->id);
    for (int i = 0; i < 9; i++)
        sqlite3_bind_text(st, base + i + 2, text[i], -1, SQLITE_STATIC);
}

meibo_status audit_batch_flush(audit_batch *b, meibo_err *err)
{
    meibo_ctx *ctx = b->ctx;
    meibo_status s = MEIBO_OK;
    if (b->n == AUDIT_BATCH_ROWS) {
        pthread_once(&sql_insert_batch_once, sql_insert_batch_build);
        sqlite3_stmt *st = db_stmt(ctx, sql_insert_batch, err);
        if (!st)
            return MEIBO_ERR_DB;
        for (int i = 0; i < b->n; i++)
            batch_bind(b, st, i * 10, &b->rows[i]);
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            s = db_fail(ctx, err, "audit log: appending rows");
    } else {
        for (int i = 0; i < b->n && !s; i++) {
            sqlite3_stmt *st = db_stmt(ctx, sql_insert, err);
            if (!st)
                return MEIBO_ERR_DB;
            batch_bind(b, st, 0, &b->rows[i]);
            int rc = sqlite3_step(st);
            sqlite3_reset(st);
            if (rc != SQLITE_DONE)
                s = db_fail(ctx, err, "audit log: appending a row");
        }
    }
    b->n = 0;
    b->text_len = 0;
    b->have_end = false; /* the next append reads the end again (a commit may come between) */
    return s;
}

void audit_batch_free(audit_batch *b)
{
    if (!b)
        return;
    EVP_MD_CTX_free(b->mdctx);
    free(b->text);
    free(b);
}

static const char sql_verify[] =
    "SELECT id, at, user_login, unix_user, ssh_client, action, member_no, detail, prev_hash, "
    "hash FROM audit_log ORDER BY id";

meibo_status audit_verify(meibo_ctx *ctx, int64_t *bad_id, int64_t *checked, meibo_err *err)
{
    if (bad_id)
        *bad_id = 0;
    if (checked)
        *checked = 0;
    sqlite3_stmt *st = db_stmt(ctx, sql_verify, err);
    if (!st)
        return MEIBO_ERR_DB;
    EVP_MD_CTX *mdctx = EVP_MD_CTX_new();
    EVP_MD *md = EVP_MD_fetch(NULL, "SHA2-256", NULL);
    if (!mdctx || !md) {
        EVP_MD_CTX_free(mdctx);
        EVP_MD_free(md);
        return meibo_fail(err, MEIBO_ERR_NOMEM, "audit verify: cannot set up SHA-256");
    }

    meibo_status s = MEIBO_OK;
    int64_t n = 0, prev_id = 0;
    char prev_hash[65] = AUDIT_ZERO_HASH;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        char idbuf[24];
        audit_field f[AUDIT_FIELDS];
        f[0].p = idbuf;
        f[0].n = (size_t)snprintf(idbuf, sizeof idbuf, "%" PRId64, id);
        /* stored byte lengths, so an embedded NUL cannot hide a change */
        for (int i = 1; i < AUDIT_FIELDS; i++) {
            const char *p = (const char *)sqlite3_column_text(st, i);
            f[i].n = (size_t)sqlite3_column_bytes(st, i);
            f[i].p = p ? p : "";
        }
        const char *stored = (const char *)sqlite3_column_text(st, 9);
        size_t stored_n = (size_t)sqlite3_column_bytes(st, 9);
        char calc[65];
        if (audit_hash_fields(mdctx, md, f, AUDIT_FIELDS, calc) != 0) {
            s = meibo_fail(err, MEIBO_ERR_INTEGRITY, "audit verify: SHA-256 failed at row %" PRId64,
                           id);
            if (bad_id)
                *bad_id = id;
            break;
        }
        if (!stored || stored_n != 64 || memcmp(calc, stored, 64) != 0) {
            s = meibo_fail(err, MEIBO_ERR_INTEGRITY,
                           "audit log row %" PRId64
                           ": hash does not match its content (row altered)",
                           id);
            if (bad_id)
                *bad_id = id;
            break;
        }
        const audit_field *ph = &f[AUDIT_FIELDS - 1];
        bool link_ok = ph->n == 64 && memcmp(ph->p, prev_hash, 64) == 0;
        if (!link_ok || id != prev_id + 1) {
            if (bad_id)
                *bad_id = id;
            if (prev_id == 0)
                s = meibo_fail(err, MEIBO_ERR_INTEGRITY,
                               "audit log row %" PRId64 ": prev_hash does not match the start "
                               "of the log (rows before it removed)",
                               id);
            else if (link_ok)
                s = meibo_fail(err, MEIBO_ERR_INTEGRITY,
                               "audit log row %" PRId64 ": rows %" PRId64 "..%" PRId64
                               " are missing (rows removed)",
                               id, prev_id + 1, id - 1);
            else
                s = meibo_fail(err, MEIBO_ERR_INTEGRITY,
                               "audit log row %" PRId64 ": prev_hash does not match row %" PRId64
                               " (row removed or reordered)",
                               id, prev_id);
            break;
        }
        memcpy(prev_hash, calc, 65);
        prev_id = id;
        n++;
    }
    if (s == MEIBO_OK && rc != SQLITE_DONE)
        s = db_fail(ctx, err, "audit verify: reading the log");
    sqlite3_reset(st);
    EVP_MD_CTX_free(mdctx);
    EVP_MD_free(md);
    if (checked)
        *checked = n;
    return s;
}

/* Filters: ?1 after_id, ?2 user_login, ?3 member_no, ?4 since, ?5 until, ?6 limit. */
#define AUDIT_COLS                                                                           \
    "SELECT id, at, user_login, unix_user, ssh_client, action, member_no, detail, "         \
    "prev_hash, hash FROM audit_log "
#define AUDIT_DATES                                                                          \
    " AND (?4 IS NULL OR at >= ?4) AND (?5 IS NULL OR at < date(?5, '+1 day'))"              \
    " ORDER BY id LIMIT ?6"
/* One row of an AUDIT_COLS statement; the strings live until the next step. */
static void row_read(sqlite3_stmt *st, audit_row *row)
{
    const char *c[9];
    for (int i = 0; i < 9; i++) {
        c[i] = (const char *)sqlite3_column_text(st, i + 1);
        if (!c[i])
            c[i] = "";
    }
    *row = (audit_row){
        .id = sqlite3_column_int64(st, 0),
        .at = c[0], .user_login = c[1], .unix_user = c[2], .ssh_client = c[3],
        .action = c[4], .member_no = c[5], .detail = c[6], .prev_hash = c[7], .hash = c[8],
    };
}

static const char sql_q_all[] = AUDIT_COLS "WHERE id > ?1" AUDIT_DATES;
static const char sql_q_user[] =
    AUDIT_COLS "WHERE user_login = ?2 AND id > ?1"
               " AND (?3 IS NULL OR member_no = ?3)" AUDIT_DATES;
static const char sql_q_member[] =
    AUDIT_COLS "WHERE member_no = ?3 AND member_no <> '' AND id > ?1"
               " AND (?2 IS NULL OR user_login = ?2)" AUDIT_DATES;



meibo_status audit_query(meibo_ctx *ctx, const audit_filter *f, audit_row_fn fn, void *arg,
                         meibo_err *err)
{
    static const audit_filter none = {0};
    if (!f)
        f = &none;
    const char *user = f->user_login && *f->user_login ? f->user_login : NULL;
    const char *member = f->member_no && *f->member_no ? f->member_no : NULL;
    const char *since = f->since && *f->since ? f->since : NULL;
    const char *until = f->until && *f->until ? f->until : NULL;

    meibo_status s = auth_require(ctx, MEIBO_ROLE_CLERK, "read the access log", err);
    if (s != MEIBO_OK)
        return s;
    /* 取扱規程 第23条: the log is viewed per user ID; a clerk sees only their own */
    if (ctx->role < MEIBO_ROLE_MANAGER && (!user || strcmp(user, ctx->login) != 0))
        return meibo_fail(err, MEIBO_ERR_DENIED,
                          "a clerk may read only their own access log (取扱規程 第23条)");
    if (since && !date_iso_valid(since))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "since",
                                "since: '%s' is not a date (YYYY-MM-DD)", since);
    if (until && !date_iso_valid(until))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "until",
                                "until: '%s' is not a date (YYYY-MM-DD)", until);
    if (f->limit < 0 || f->after_id < 0)
        return meibo_fail(err, MEIBO_ERR_INVALID, "audit query: negative limit or after_id");

    const char *sql = member ? sql_q_member : user ? sql_q_user : sql_q_all;
    sqlite3_stmt *st = db_stmt(ctx, sql, err);
    if (!st)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(st, 1, f->after_id);
    if (user)
        sqlite3_bind_text(st, 2, user, -1, SQLITE_TRANSIENT);
    if (member)
        sqlite3_bind_text(st, 3, member, -1, SQLITE_TRANSIENT);
    if (since)
        sqlite3_bind_text(st, 4, since, -1, SQLITE_TRANSIENT);
    if (until)
        sqlite3_bind_text(st, 5, until, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 6, f->limit > 0 ? f->limit : -1);

    int64_t rows = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        audit_row row;
        row_read(st, &row);
        rows++;
        if (fn && fn(&row, arg) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    if (rc != SQLITE_DONE) {
        s = db_fail(ctx, err, "audit log: reading");
        sqlite3_reset(st);
        return s;
    }
    sqlite3_reset(st);

    /* 取扱規程 第35条: reading the log is itself an access worth recording */
    char detail[512], ushort[65], mshort[65];
    text_copy_cut(ushort, sizeof ushort, user ? user : "*");
    text_copy_cut(mshort, sizeof mshort, member ? member : "*");
    snprintf(detail, sizeof detail,
             "user=%s member=%s since=%s until=%s after_id=%" PRId64 " limit=%d rows=%" PRId64,
             ushort, mshort, since ? since : "-", until ? until : "-", f->after_id, f->limit,
             rows);
    return audit_append(ctx, "audit.read", NULL, detail, err);
}

static const char sql_history[] =
    AUDIT_COLS "WHERE member_no = ?1 AND member_no <> '' "
               "AND action IN ('member.create', 'member.update', 'member.withdraw', "
               "'optout.add', 'optout.withdraw') "
               "ORDER BY id DESC LIMIT ?2";

meibo_status audit_member_history(meibo_ctx *ctx, const char *member_no, int limit,
                                  audit_row_fn fn, void *arg, meibo_err *err)
{
    meibo_status s = auth_require(ctx, MEIBO_ROLE_CLERK, "read a member's history", err);
    if (s != MEIBO_OK)
        return s;
    sqlite3_stmt *st = db_stmt(ctx, sql_history, err);
    if (!st)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(st, 1, member_no ? member_no : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        audit_row row;
        row_read(st, &row);
        if (fn && fn(&row, arg) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    s = rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "member history: reading");
    sqlite3_reset(st);
    return s;
}

/* ---- restore ---------------------------------------------------------------------------- */

static const char sql_tail_hash[] = "SELECT hash FROM audit_log WHERE id = ?1";
static const char sql_tail_rows[] =
    "SELECT id, at, user_login, unix_user, ssh_client, action, member_no, detail, prev_hash, "
    "hash FROM audit_log WHERE id > ?1 ORDER BY id";

meibo_status audit_copy_tail(meibo_ctx *dst, meibo_ctx *src, int64_t *copied, char *note,
                             size_t notelen, meibo_err *err)
{
    *copied = 0;
    if (note && notelen)
        note[0] = '\0';
    meibo_status st = db_begin(dst, err);
    if (st)
        return st;
    int64_t last = 0;
    char hash[65];
    if ((st = audit_chain_end(dst, &last, hash, err)))
        goto rollback;
    sqlite3_stmt *s = db_stmt(src, sql_tail_hash, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    sqlite3_bind_int64(s, 1, last);
    int rc = sqlite3_step(s);
    bool same = last == 0 || (rc == SQLITE_ROW && sqlite3_column_text(s, 0) &&
                              !strcmp((const char *)sqlite3_column_text(s, 0), hash));
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        st = db_fail(src, err, "audit log: reading the database being replaced");
        goto rollback;
    }
    if (!same) {
        if (note)
            snprintf(note, notelen,
                     "the database being replaced does not continue the backup's access log "
                     "(its row %" PRId64 " differs): its later rows were not carried over", last);
        db_rollback(dst);
        return MEIBO_OK;
    }
    if (!(s = db_stmt(src, sql_tail_rows, err))) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    sqlite3_bind_int64(s, 1, last);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        sqlite3_stmt *ins = db_stmt(dst, sql_insert, err);
        if (!ins) {
            st = MEIBO_ERR_DB;
            break;
        }
        sqlite3_bind_int64(ins, 1, sqlite3_column_int64(s, 0));
        for (int i = 1; i < 10; i++)
            sqlite3_bind_text(ins, i + 1, (const char *)sqlite3_column_text(s, i),
                              sqlite3_column_bytes(s, i), SQLITE_TRANSIENT);
        int irc = sqlite3_step(ins);
        sqlite3_reset(ins);
        if (irc != SQLITE_DONE) {
            st = db_fail(dst, err, "audit log: carrying rows over");
            break;
        }
        (*copied)++;
    }
    if (!st && rc != SQLITE_DONE)
        st = db_fail(src, err, "audit log: reading the database being replaced");
    sqlite3_reset(s);
    if (st)
        goto rollback;
    return db_commit(dst, err);
rollback:
    db_rollback(dst);
    *copied = 0;
    return st;
}

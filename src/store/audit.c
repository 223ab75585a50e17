/* audit.c: the access log (取扱規程 第23条, 第35条), append-only, its chain keyed (HMAC-SHA-256
 * with a key outside the database) and its head anchored outside the database. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "meibo/buf.h"
#include "meibo/audit.h"
#include "meibo/boundary.h"
#include "meibo/text.h"
#include "meibo/date.h"

static meibo_status audit_checkpoint_lines(meibo_ctx *ctx, sqlite3 *copy, meibo_err *err);

#define AUDIT_FIELDS 9
#define AUDIT_ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"
#define AUDIT_LEGACY INT64_MAX /* keyed_from of a log that has no key yet: every row plain */

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

/* "<len>:<bytes>\n" for each field into buf (small, or malloc'd: *heap set); its length. */
static size_t audit_serialize(const audit_field *f, int nf, char *small, size_t small_len,
                              char **buf)
{
    size_t need = 0;
    for (int i = 0; i < nf; i++)
        need += f[i].n + 22;
    *buf = small;
    if (need > small_len && !(*buf = malloc(need)))
        return (size_t)-1;
    char *b = *buf;
    size_t n = 0;
    for (int i = 0; i < nf; i++) {
        char num[21];
        int k = 0;
        size_t v = f[i].n;
        do
            num[k++] = (char)('0' + v % 10);
        while ((v /= 10) > 0);
        while (k > 0)
            b[n++] = num[--k];
        b[n++] = ':';
        memcpy(b + n, f[i].p, f[i].n);
        n += f[i].n;
        b[n++] = '\n';
    }
    return n;
}

/* HMAC-SHA-256 of data with the key mac was set up with (re-initialised, key kept). */
static int audit_mac_hex(void *mac, const void *data, size_t n, char out[65])
{
    unsigned char md[32];
    size_t len = 0;
    if (!mac || EVP_MAC_init(mac, NULL, 0, NULL) != 1 || EVP_MAC_update(mac, data, n) != 1 ||
        EVP_MAC_final(mac, md, &len, sizeof md) != 1 || len != 32)
        return -1;
    audit_hex(md, out);
    return 0;
}

/* The digest of the fields: the keyed MAC when mac is given, else plain SHA-256 (the rows
 * written before the chain was keyed). */
static int audit_hash_fields(EVP_MD_CTX *mdctx, const EVP_MD *md, void *mac,
                             const audit_field *f, int nf, char out[65])
{
    char small[1024], *buf = NULL;
    size_t n = audit_serialize(f, nf, small, sizeof small, &buf);
    if (n == (size_t)-1)
        return -1;
    int rc;
    if (mac) {
        rc = audit_mac_hex(mac, buf, n, out);
    } else {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int dlen = 0;
        rc = mdctx && md && EVP_DigestInit_ex(mdctx, md, NULL) == 1 &&
                     EVP_DigestUpdate(mdctx, buf, n) == 1 &&
                     EVP_DigestFinal_ex(mdctx, digest, &dlen) == 1 && dlen == 32
                 ? 0
                 : -1;
        if (rc == 0)
            audit_hex(digest, out);
    }
    if (buf != small)
        free(buf);
    return rc;
}

/* SHA-256 and HMAC, fetched once per process (an implicit fetch on every row is most of the
 * cost). */
static EVP_MD *audit_sha256;
static EVP_MAC *audit_hmac;
static pthread_once_t audit_fetch_once = PTHREAD_ONCE_INIT;

static void audit_fetch(void)
{
    audit_sha256 = EVP_MD_fetch(NULL, "SHA2-256", NULL);
    audit_hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
}

static const EVP_MD *audit_md(void)
{
    pthread_once(&audit_fetch_once, audit_fetch);
    return audit_sha256;
}

/* A new HMAC-SHA-256 context with key; NULL when OpenSSL cannot make one. */
static EVP_MAC_CTX *audit_mac_new(const unsigned char key[32])
{
    pthread_once(&audit_fetch_once, audit_fetch);
    if (!audit_hmac)
        return NULL;
    EVP_MAC_CTX *c = EVP_MAC_CTX_new(audit_hmac);
    char digest[] = "SHA2-256";
    OSSL_PARAM p[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                      OSSL_PARAM_construct_end()};
    if (!c || EVP_MAC_init(c, key, 32, p) != 1) {
        EVP_MAC_CTX_free(c);
        return NULL;
    }
    return c;
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

void audit_row_hash(const audit_row *row, char out[65])
{
    EVP_MD_CTX *mdctx = EVP_MD_CTX_new();
    char idbuf[24];
    audit_field f[AUDIT_FIELDS];
    audit_row_fields(row, idbuf, f);
    if (!mdctx || audit_hash_fields(mdctx, audit_md(), NULL, f, AUDIT_FIELDS, out) != 0) {
        memset(out, 'x', 64); /* never equal to a stored hash */
        out[64] = '\0';
    }
    EVP_MD_CTX_free(mdctx);
}

/* The hash a new row gets: the keyed MAC (the key is ready: audit_key_ready()). */
static void audit_row_digest(meibo_ctx *ctx, const audit_row *row, char out[65])
{
    char idbuf[24];
    audit_field f[AUDIT_FIELDS];
    audit_row_fields(row, idbuf, f);
    if (audit_hash_fields(NULL, NULL, ctx->audit_mac, f, AUDIT_FIELDS, out) != 0) {
        memset(out, 'x', 64);
        out[64] = '\0';
    }
}

void audit_row_mac(meibo_ctx *ctx, const audit_row *row, char out[65])
{
    meibo_err err;
    if (audit_key_ready(ctx, false, &err) != MEIBO_OK || !ctx->audit_mac) {
        memset(out, 'x', 64);
        out[64] = '\0';
        return;
    }
    audit_row_digest(ctx, row, out);
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

/* ---- the key (a file beside the database, never in it) ------------------------------------ */

void audit_key_path(const meibo_ctx *ctx, char *buf, size_t len)
{
    snprintf(buf, len, "%s%s", ctx->audit_base, ctx->audit_base[0] ? ".key" : "");
}

static void audit_anchor_path(const meibo_ctx *ctx, char *buf, size_t len)
{
    snprintf(buf, len, "%s%s", ctx->audit_base, ctx->audit_base[0] ? ".anchors" : "");
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The key's fingerprint: HMAC of a fixed text (says which key, tells nothing of it). */
static int key_fingerprint(void *mac, char out[65])
{
    static const char text[] = "meibo access log key fingerprint";
    return audit_mac_hex(mac, text, sizeof text - 1, out);
}

static void audit_on_close(meibo_ctx *ctx);

/* Take key as ctx's key: the MAC context and the close hook. */
static meibo_status key_take(meibo_ctx *ctx, const unsigned char key[32], meibo_err *err)
{
    EVP_MAC_CTX *mac = audit_mac_new(key);
    if (!mac)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "audit log: cannot set up HMAC-SHA-256");
    EVP_MAC_CTX_free(ctx->audit_mac);
    ctx->audit_mac = mac;
    memcpy(ctx->audit_key, key, 32);
    ctx->audit_key_state = 1;
    ctx->on_close = audit_on_close;
    return MEIBO_OK;
}

meibo_status audit_key_read(const char *path, unsigned char key[32], meibo_err *err)
{
    int fd = boundary_open_beside_db(path, O_RDONLY, 0);
    if (fd < 0)
        return meibo_fail(err, errno == ENOENT ? MEIBO_ERR_NOT_FOUND : MEIBO_ERR_IO,
                          "access log key %s: %s", path, strerror(errno));
    char buf[80];
    ssize_t n = read(fd, buf, sizeof buf);
    close(fd);
    if (n < 64 || (n > 64 && buf[64] != '\n'))
        return meibo_fail(err, MEIBO_ERR_INTEGRITY,
                          "access log key %s: not 64 hex digits (damaged)", path);
    for (int i = 0; i < 32; i++) {
        int hi = hexval(buf[2 * i]), lo = hexval(buf[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            explicit_bzero(buf, sizeof buf);
            return meibo_fail(err, MEIBO_ERR_INTEGRITY,
                              "access log key %s: not 64 hex digits (damaged)", path);
        }
        key[i] = (unsigned char)(hi * 16 + lo);
    }
    explicit_bzero(buf, sizeof buf);
    return MEIBO_OK;
}

meibo_status audit_key_write(const char *path, const unsigned char key[32], bool replace,
                             meibo_err *err)
{
    char tmp[MEIBO_PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s.new", path);
    if (replace)
        unlink(tmp);
    int fd = boundary_open_beside_db(replace ? tmp : path, O_WRONLY | O_CREAT | O_EXCL, 0640);
    if (fd < 0)
        return meibo_fail(err, errno == EEXIST ? MEIBO_ERR_EXISTS : MEIBO_ERR_IO,
                          "access log key %s: %s", replace ? tmp : path, strerror(errno));
    char hex[66];
    audit_hex(key, hex);
    hex[64] = '\n';
    bool ok = write(fd, hex, 65) == 65 && fsync(fd) == 0;
    explicit_bzero(hex, sizeof hex);
    close(fd);
    if (ok && replace && rename(tmp, path) != 0)
        ok = false;
    if (!ok) {
        meibo_status s = meibo_fail(err, MEIBO_ERR_IO, "access log key %s: %s", path,
                                    strerror(errno));
        unlink(replace ? tmp : path);
        return s;
    }
    return MEIBO_OK;
}

static const char sql_key_get[] = "SELECT fingerprint, keyed_from FROM audit_key WHERE id = 1";
static const char sql_key_put[] =
    "INSERT OR REPLACE INTO audit_key (id, fingerprint, keyed_from) VALUES (1, ?1, ?2)";

/* The audit_key row: 1 found (fp, keyed_from set), 0 none, -1 error (err filled). */
static int key_row(meibo_ctx *ctx, char fp[65], int64_t *keyed_from, meibo_err *err)
{
    sqlite3_stmt *st = db_stmt(ctx, sql_key_get, err);
    if (!st)
        return -1;
    int rc = sqlite3_step(st), found = 0;
    if (rc == SQLITE_ROW) {
        snprintf(fp, 65, "%s", (const char *)sqlite3_column_text(st, 0));
        *keyed_from = sqlite3_column_int64(st, 1);
        found = 1;
    } else if (rc != SQLITE_DONE) {
        db_fail(ctx, err, "audit log: reading its key's fingerprint");
        found = -1;
    }
    sqlite3_reset(st);
    return found;
}

static meibo_status anchor_append(meibo_ctx *ctx, const char *kind, int64_t id,
                                  const char *hash, meibo_err *err);

meibo_status audit_key_ready(meibo_ctx *ctx, bool create, meibo_err *err)
{
    if (ctx->audit_key_state == 1)
        return MEIBO_OK;
    char fp[65] = "", path[MEIBO_PATH_MAX];
    int64_t keyed_from = 0;
    int have_row = key_row(ctx, fp, &keyed_from, err);
    if (have_row < 0)
        return MEIBO_ERR_DB;
    audit_key_path(ctx, path, sizeof path);
    unsigned char key[32];
    meibo_status s = MEIBO_OK;
    bool made = false;
    if (!ctx->audit_base[0]) { /* in memory: a key of this process's only */
        if (!create && !have_row)
            return MEIBO_OK;
        if (RAND_bytes(key, sizeof key) != 1)
            return meibo_fail(err, MEIBO_ERR_IO, "audit log: no random bytes for a key");
        made = true;
    } else if ((s = audit_key_read(path, key, err)) == MEIBO_ERR_NOT_FOUND) {
        if (have_row)
            return meibo_fail(err, MEIBO_ERR_INTEGRITY,
                              "access log key %s is missing: without it the access log can be "
                              "neither written nor checked (取扱規程 第35条). A database copied "
                              "without its key: restore it with `meibo restore BACKUP`, which "
                              "brings the key back from the backup folder (audit-ID.key), or "
                              "copy that key to %s",
                              path, path);
        if (!create)
            return MEIBO_OK; /* a log from before keys, never written since: plain SHA-256 */
        /* a key made through the set-group-ID door would be the caller's own file */
        if (boundary_group_held())
            return meibo_fail(err, MEIBO_ERR_DENIED,
                              "access log key %s: not made yet; the administrator makes it "
                              "by running meibo once as root or as a member of meibo's group "
                              "(any command that logs in, e.g. meibo audit verify)",
                              path);
        if (RAND_bytes(key, sizeof key) != 1)
            return meibo_fail(err, MEIBO_ERR_IO, "audit log: no random bytes for a key");
        if ((s = audit_key_write(path, key, false, err)) == MEIBO_ERR_EXISTS) {
            /* another process made it first: read it once it is written */
            for (int i = 0; i < 20; i++) {
                if ((s = audit_key_read(path, key, err)) != MEIBO_ERR_INTEGRITY)
                    break;
                struct timespec ts = {0, 20 * 1000 * 1000};
                nanosleep(&ts, NULL);
            }
        }
        if (s)
            return s;
        made = true;
    } else if (s) {
        return s;
    }
    if ((s = key_take(ctx, key, err)))
        goto out;
    char have[65];
    if (key_fingerprint(ctx->audit_mac, have) != 0) {
        s = meibo_fail(err, MEIBO_ERR_IO, "audit log: HMAC failed");
        goto out;
    }
    if (have_row && strcmp(have, fp) != 0) {
        s = meibo_fail(err, MEIBO_ERR_INTEGRITY,
                       "access log key %s is not this database's (its fingerprint differs): "
                       "the key was replaced, or the database is another's (取扱規程 第35条)",
                       path);
        goto out;
    }
    if (have_row) {
        ctx->audit_keyed_from = keyed_from;
    } else if (!create) {
        ctx->audit_keyed_from = AUDIT_LEGACY;
    } else {
        /* the first keyed row is the next one; the anchors start at the head as it is */
        int64_t last = 0;
        char hash[65];
        if ((s = audit_chain_end(ctx, &last, hash, err)))
            goto out;
        sqlite3_stmt *st = db_stmt(ctx, sql_key_put, err);
        if (!st) {
            s = MEIBO_ERR_DB;
            goto out;
        }
        sqlite3_bind_text(st, 1, have, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, last + 1);
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            s = db_fail(ctx, err, "audit log: recording its key's fingerprint");
            goto out;
        }
        ctx->audit_keyed_from = last + 1;
        if (ctx->audit_base[0])
            s = anchor_append(ctx, "reset", last, hash, err);
        if (!s && made && ctx->audit_base[0])
            syslog(LOG_AUTHPRIV | LOG_NOTICE, "meibo: access log key %s made", path);
    }
out:
    explicit_bzero(key, sizeof key);
    if (s) {
        EVP_MAC_CTX_free(ctx->audit_mac);
        ctx->audit_mac = NULL;
        ctx->audit_key_state = 0;
        explicit_bzero(ctx->audit_key, sizeof ctx->audit_key);
    }
    return s;
}

meibo_status audit_key_use(meibo_ctx *ctx, const unsigned char key[32], meibo_err *err)
{
    ctx->audit_base[0] = '\0'; /* no key file and no anchors of its own */
    EVP_MAC_CTX_free(ctx->audit_mac);
    ctx->audit_mac = NULL;
    ctx->audit_key_state = 0;
    meibo_status s = key_take(ctx, key, err);
    if (s)
        return s;
    char fp[65] = "", have[65];
    int64_t keyed_from = 0;
    int row = key_row(ctx, fp, &keyed_from, err);
    if (row < 0)
        return MEIBO_ERR_DB;
    key_fingerprint(ctx->audit_mac, have);
    if (row && strcmp(fp, have) != 0)
        return meibo_fail(err, MEIBO_ERR_INTEGRITY,
                          "the access log key does not belong to this database (fingerprint)");
    if (row) {
        ctx->audit_keyed_from = keyed_from;
        return MEIBO_OK;
    }
    int64_t last = 0;
    char hash[65];
    if ((s = audit_chain_end(ctx, &last, hash, err)))
        return s;
    sqlite3_stmt *st = db_stmt(ctx, sql_key_put, err);
    if (!st)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(st, 1, have, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, last + 1);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_fail(ctx, err, "audit log: recording its key's fingerprint");
    ctx->audit_keyed_from = last + 1;
    return MEIBO_OK;
}

bool audit_key_fingerprint_of(const unsigned char key[32], char out[65])
{
    EVP_MAC_CTX *mac = audit_mac_new(key);
    bool ok = mac && key_fingerprint(mac, out) == 0;
    EVP_MAC_CTX_free(mac);
    return ok;
}

/* ---- anchors (the head of the chain, outside the database) -------------------------------- */

/* "A1 KIND ID HASH AT MAC": MAC = HMAC over "meibo anchor\n" and the line up to AT. */
static int anchor_mac(void *mac, const char *body, size_t n, char out[65])
{
    char buf[256];
    int k = snprintf(buf, sizeof buf, "meibo anchor\n%.*s", (int)n, body);
    if (k < 0 || (size_t)k >= sizeof buf)
        return -1;
    return audit_mac_hex(mac, buf, (size_t)k, out);
}

/* An anchor line (with its newline) of @p ctx's key for row @p id with @p hash. */
static meibo_status audit_anchor_line(meibo_ctx *ctx, const char *kind, int64_t id,
                                      const char *hash, char *line, size_t len, meibo_err *err)
{
    char at[32];
    time_t t = (time_t)db_now(ctx);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%S", &tm);
    char body[200], mac[65];
    int n = snprintf(body, sizeof body, "A1 %s %" PRId64 " %s %s", kind, id, hash, at);
    if (n < 0 || (size_t)n >= sizeof body || !ctx->audit_mac ||
        anchor_mac(ctx->audit_mac, body, (size_t)n, mac) != 0)
        return meibo_fail(err, MEIBO_ERR_IO, "audit log: cannot make an anchor");
    if ((size_t)snprintf(line, len, "%s %s\n", body, mac) >= len)
        return meibo_fail(err, MEIBO_ERR_IO, "audit log: cannot make an anchor");
    return MEIBO_OK;
}

/* Parse and check an anchor line: 0, -1 not an anchor, -2 its MAC does not verify. */
static int audit_anchor_parse(meibo_ctx *ctx, const char *line, audit_anchor *a)
{
    memset(a, 0, sizeof *a);
    const char *end = strchr(line, '\n');
    size_t n = end ? (size_t)(end - line) : strlen(line);
    if (n < 70 || n > 250)
        return -1;
    const char *sp = line + n - 65; /* " MAC" */
    if (*sp != ' ')
        return -1;
    char copy[256];
    memcpy(copy, line, n);
    copy[n] = '\0';
    char idtext[24] = "", hash[80] = "", mac[80] = "", kind[20] = "", at[40] = "";
    if (sscanf(copy, "A1 %15s %20s %70s %30s %70s", kind, idtext, hash, at, mac) != 5 ||
        strlen(hash) != 64 || strlen(mac) != 64)
        return -1;
    char *idend = NULL;
    errno = 0;
    long long id = strtoll(idtext, &idend, 10);
    if (errno || !idend || *idend || idend == idtext || id < 0)
        return -1;
    if (strlen(kind) >= sizeof a->kind || strlen(at) >= sizeof a->at)
        return -1;
    memcpy(a->kind, kind, strlen(kind) + 1);
    a->id = id;
    memcpy(a->hash, hash, 65); /* 64 digits and the NUL, checked above */
    memcpy(a->at, at, strlen(at) + 1);
    char want[65];
    if (!ctx->audit_mac || anchor_mac(ctx->audit_mac, copy, (size_t)(sp - line), want) != 0 ||
        strcmp(want, mac) != 0)
        return -2;
    return 0;
}

/* Append one anchor to the database's anchor file and to syslog (LOG_AUTHPRIV). */
static meibo_status anchor_append(meibo_ctx *ctx, const char *kind, int64_t id,
                                  const char *hash, meibo_err *err)
{
    if (!ctx->audit_base[0] || !ctx->audit_mac)
        return MEIBO_OK;
    char line[256], path[MEIBO_PATH_MAX];
    meibo_status s = audit_anchor_line(ctx, kind, id, hash, line, sizeof line, err);
    if (s)
        return s;
    audit_anchor_path(ctx, path, sizeof path);
    int fd = boundary_open_beside_db(path, O_WRONLY | O_APPEND | O_CREAT, 0660);
    if (fd < 0)
        return meibo_fail(err, MEIBO_ERR_IO, "access log anchors %s: %s", path, strerror(errno));
    size_t n = strlen(line);
    bool ok = write(fd, line, n) == (ssize_t)n; /* one write: lines of processes never mix */
    if (ok && strcmp(kind, "head") != 0 && strcmp(kind, "verified") != 0)
        ok = fsync(fd) == 0;
    int e = errno;
    close(fd);
    if (!ok)
        return meibo_fail(err, MEIBO_ERR_IO, "access log anchors %s: %s", path, strerror(e));
    line[n - 1] = '\0';
    syslog(LOG_AUTHPRIV | LOG_INFO, "meibo: access log anchor %s: %s", ctx->path, line);
    ctx->audit_wrote = false;
    return MEIBO_OK;
}

meibo_status audit_anchor_head(meibo_ctx *ctx, const char *kind, int64_t *id, char hash[65],
                               meibo_err *err)
{
    meibo_status s = audit_key_ready(ctx, false, err);
    if (s || !ctx->audit_mac)
        return s;
    int64_t last = 0;
    char h[65];
    if ((s = audit_chain_end(ctx, &last, h, err)))
        return s;
    if (id)
        *id = last;
    if (hash)
        memcpy(hash, h, 65);
    return anchor_append(ctx, kind, last, h, err);
}

/* db_close(): the head anchored when this session wrote rows (logout, exit); the key freed. */
static void audit_on_close(meibo_ctx *ctx)
{
    if (ctx->audit_wrote) {
        meibo_err err;
        audit_anchor_head(ctx, "head", NULL, NULL, &err);
    }
    EVP_MAC_CTX_free(ctx->audit_mac);
    ctx->audit_mac = NULL;
    ctx->audit_key_state = 0;
}

void audit_anchor_off(meibo_ctx *ctx)
{
    ctx->audit_wrote = false;
    ctx->audit_base[0] = '\0';
}

/* ---- appending --------------------------------------------------------------------------- */

/* The append proper; runs inside a transaction the caller holds. */
static meibo_status audit_insert(meibo_ctx *ctx, const char *action, const char *member_no,
                                 const char *detail, meibo_err *err)
{
    meibo_status s = audit_key_ready(ctx, true, err);
    if (s)
        return s;
    int64_t last_id = 0;
    char prev[65];
    if ((s = audit_chain_end(ctx, &last_id, prev, err)))
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
    audit_row_digest(ctx, &row, hash);

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
    ctx->audit_wrote = true;
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

/* ---- list views: which members were shown ---------------------------------------------- */

static int i64_cmp(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return a < b ? -1 : a > b;
}

static const char sql_list_member[] =
    "INSERT INTO audit_list_members (audit_id, lo, hi) VALUES (?1, ?2, ?3)";

meibo_status audit_append_list(meibo_ctx *ctx, const char *action, const char *detail,
                               const int64_t *nos, int n, meibo_err *err)
{
    int64_t *v = n > 0 ? malloc((size_t)n * 3 * sizeof *v) : NULL; /* numbers, then ranges */
    size_t cap = strlen(detail ? detail : "") + 16 + (size_t)(n > 0 ? n : 0) * 22;
    char *d = malloc(cap);
    if ((n > 0 && !v) || !d) {
        free(v);
        free(d);
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    }
    int m = 0;
    for (int i = 0; i < n; i++)
        if (nos[i] > 0)
            v[m++] = nos[i];
    if (m > 0)
        qsort(v, (size_t)m, sizeof *v, i64_cmp);
    size_t k = (size_t)snprintf(d, cap, "%s%smembers=", detail ? detail : "",
                                detail && *detail ? " " : "");
    int nr = 0;
    for (int i = 0; i < m;) { /* ranges of consecutive numbers: 20000001-20000050,20000071 */
        int j = i;
        while (j + 1 < m && v[j + 1] <= v[j] + 1)
            j++;
        k += (size_t)snprintf(d + k, cap - k, nr ? ",%" PRId64 : "%" PRId64, v[i]);
        if (v[j] != v[i])
            k += (size_t)snprintf(d + k, cap - k, "-%" PRId64, v[j]);
        v[m + nr * 2] = v[i];
        v[m + nr * 2 + 1] = v[j];
        nr++;
        i = j + 1;
    }
    if (!m)
        snprintf(d + k, cap - k, "-");
    meibo_status s = db_begin(ctx, err);
    if (!s && !(s = audit_insert(ctx, action, NULL, d, err))) {
        int64_t id = sqlite3_last_insert_rowid(ctx->db);
        for (int i = 0; i < nr && !s; i++) {
            sqlite3_stmt *st = db_stmt(ctx, sql_list_member, err);
            if (!st) {
                s = MEIBO_ERR_DB;
                break;
            }
            sqlite3_bind_int64(st, 1, id);
            sqlite3_bind_int64(st, 2, v[m + i * 2]);
            sqlite3_bind_int64(st, 3, v[m + i * 2 + 1]);
            if (sqlite3_step(st) != SQLITE_DONE)
                s = db_fail(ctx, err, "audit log: the members a list showed");
            sqlite3_reset(st);
        }
    }
    if (!s)
        s = db_commit(ctx, err);
    else if (ctx->tx_depth > 0)
        db_rollback(ctx);
    free(v);
    free(d);
    return s;
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
    if (!b)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "audit log: cannot set up a batch");
    b->ctx = ctx;
    b->at_t = -1;
    *out = b;
    return MEIBO_OK;
}

/* Copy s into the batch's text; its offset, or (size_t)-1 when out of memory. */
static size_t batch_text(audit_batch *b, const char *s)
{
    size_t n = strlen(s) + 1;
    char *t = array_grow(b->text, &b->text_cap, b->text_len + n, 1);
    if (!t)
        return (size_t)-1;
    b->text = t;
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
        if ((s = audit_key_ready(ctx, true, err)))
            return s;
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
    audit_row_digest(ctx, &row, r->hash);
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
    if (!s && b->n > 0)
        ctx->audit_wrote = true;
    b->n = 0;
    b->text_len = 0;
    b->have_end = false; /* the next append reads the end again (a commit may come between) */
    return s;
}

void audit_batch_free(audit_batch *b)
{
    if (!b)
        return;
    free(b->text);
    free(b);
}

/* ---- verifying ------------------------------------------------------------------------- */

/* The anchors a backup carries (its audit_anchors table), as anchors_read(). */
static meibo_status anchors_read_table(meibo_ctx *ctx, audit_anchor **out, int64_t *n,
                                       meibo_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(ctx->db, "SELECT line FROM audit_anchors ORDER BY id", -1, &st,
                           NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        return MEIBO_OK;
    }
    meibo_status s = MEIBO_OK;
    audit_anchor *a = NULL;
    int64_t cnt = 0;
    size_t cap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        audit_anchor *p = array_grow(a, &cap, (size_t)cnt + 1, sizeof *p);
        if (!p) {
            s = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
            break;
        }
        a = p;
        if (audit_anchor_parse(ctx, (const char *)sqlite3_column_text(st, 0), &a[cnt]) != 0) {
            s = meibo_fail(err, MEIBO_ERR_INTEGRITY,
                           "the anchors the backup carries do not verify with the access log "
                           "key (取扱規程 第35条)");
            break;
        }
        cnt++;
    }
    sqlite3_finalize(st);
    if (s) {
        free(a);
        return s;
    }
    *out = a;
    *n = cnt;
    return MEIBO_OK;
}

/* The anchors of the database's file after its last reset (that one included), in file
 * order, into *out (malloc'd, caller frees); *n = -1 when there is no anchor file. */
static meibo_status anchors_read(meibo_ctx *ctx, audit_anchor **out, int64_t *n,
                                 meibo_err *err)
{
    *out = NULL;
    *n = 0;
    char path[MEIBO_PATH_MAX];
    audit_anchor_path(ctx, path, sizeof path);
    if (!path[0]) /* a restore's copy: the anchors it carries */
        return anchors_read_table(ctx, out, n, err);
    int fd = boundary_open_beside_db(path, O_RDONLY, 0);
    if (fd < 0) {
        if (errno == ENOENT) {
            *n = -1;
            return MEIBO_OK;
        }
        return meibo_fail(err, MEIBO_ERR_IO, "access log anchors %s: %s", path, strerror(errno));
    }
    FILE *f = fdopen(fd, "r");
    if (!f) {
        close(fd);
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    }
    meibo_status s = MEIBO_OK;
    audit_anchor *a = NULL;
    int64_t cnt = 0, lineno = 0;
    size_t cap = 0;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        lineno++;
        audit_anchor *p = array_grow(a, &cap, (size_t)cnt + 1, sizeof *p);
        if (!p) {
            s = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
            break;
        }
        a = p;
        int rc = audit_anchor_parse(ctx, line, &a[cnt]);
        if (rc != 0) {
            s = meibo_fail(err, MEIBO_ERR_INTEGRITY,
                           "access log anchors %s line %" PRId64 ": %s (取扱規程 第35条)", path,
                           lineno,
                           rc == -1 ? "not an anchor (the file was altered)"
                                    : "its MAC does not verify with the key (altered, or "
                                      "written with another key)");
            break;
        }
        if (!strcmp(a[cnt].kind, "reset")) { /* a restore or a new key: the anchors before
                                                 it are of a log that is no more */
            a[0] = a[cnt];
            cnt = 0;
        }
        cnt++;
    }
    fclose(f);
    if (s) {
        free(a);
        return s;
    }
    *out = a;
    *n = cnt;
    return MEIBO_OK;
}

static int anchor_cmp(const void *x, const void *y)
{
    const audit_anchor *a = x, *b = y;
    return a->id < b->id ? -1 : a->id > b->id;
}

static bool anchor_is_start(const audit_anchor *a)
{
    return !strcmp(a->kind, "verified") || !strcmp(a->kind, "checkpoint") ||
           !strcmp(a->kind, "reset");
}

static const char sql_verify[] =
    "SELECT id, at, user_login, unix_user, ssh_client, action, member_no, detail, prev_hash, "
    "hash FROM audit_log WHERE id > ?1 ORDER BY id";
static const char sql_bounds[] = "SELECT min(id), max(id) FROM audit_log";

/* Hash of the row st is on (stored byte lengths, so an embedded NUL cannot hide a change). */
static int verify_row_hash(meibo_ctx *ctx, EVP_MD_CTX *mdctx, const EVP_MD *md,
                           sqlite3_stmt *st, int64_t id, audit_field f[AUDIT_FIELDS],
                           char idbuf[24], char calc[65])
{
    f[0].p = idbuf;
    f[0].n = (size_t)snprintf(idbuf, 24, "%" PRId64, id);
    for (int i = 1; i < AUDIT_FIELDS; i++) {
        const char *p = (const char *)sqlite3_column_text(st, i);
        f[i].n = (size_t)sqlite3_column_bytes(st, i);
        f[i].p = p ? p : "";
    }
    bool keyed = id >= ctx->audit_keyed_from;
    return audit_hash_fields(mdctx, md, keyed ? ctx->audit_mac : NULL, f, AUDIT_FIELDS, calc);
}

/* One verify's state: the anchors, the log's bounds, where the walk starts and where it is. */
typedef struct verify_walk {
    meibo_ctx *ctx;
    audit_verify_result *r;
    EVP_MD_CTX *mdctx;
    const EVP_MD *md;
    audit_anchor *an; /* owned */
    int64_t nan, k;   /* anchors; the next one the walk passes */
    int64_t first, last, start, head_anchor, prev_id;
    const audit_anchor *from, *newest;
    char start_hash[65], prev_hash[65];
} verify_walk;

/* The anchors of a keyed log: refused when their file is missing (a database copied without
 * them: the head of the log cannot be checked). */
static meibo_status verify_anchors(verify_walk *w, meibo_err *err)
{
    meibo_ctx *ctx = w->ctx;
    if (!ctx->audit_mac)
        return MEIBO_OK;
    meibo_status s = anchors_read(ctx, &w->an, &w->nan, err);
    if (s || w->nan >= 0)
        return s;
    char path[MEIBO_PATH_MAX];
    audit_anchor_path(ctx, path, sizeof path);
    return meibo_fail(err, MEIBO_ERR_INTEGRITY,
                      "access log anchors %s are missing: the head of the log cannot be "
                      "checked (a database copied without them: restore it with "
                      "`meibo restore BACKUP`) (取扱規程 第35条)",
                      path);
}

/* Where to start: the newest verified anchor (checkpoint, reset, verified) the log still
 * reaches, or the start of the log (row 1, or the checkpoint at a cut by purge); refused when
 * the log's first rows are gone with no checkpoint naming the cut. */
static meibo_status verify_choose_start(verify_walk *w, bool full, meibo_err *err)
{
    sqlite3_stmt *st = db_stmt(w->ctx, sql_bounds, err);
    if (!st)
        return MEIBO_ERR_DB;
    if (sqlite3_step(st) == SQLITE_ROW) {
        w->first = sqlite3_column_int64(st, 0);
        w->last = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    int64_t first = w->first, last = w->last;
    for (int64_t i = 0; w->an && i < w->nan; i++) {
        const audit_anchor *a = &w->an[i];
        if (!w->newest || a->id > w->newest->id)
            w->newest = a;
        if (!anchor_is_start(a))
            continue;
        bool cut = first > 1 && a->id == first - 1 && !strcmp(a->kind, "checkpoint") &&
                   (!w->from || w->from->id < a->id || full); /* where the log starts now */
        bool later = !full && a->id <= last && a->id >= first &&
                     (!w->from || a->id >= w->from->id);
        if (cut || later)
            w->from = a;
    }
    if (w->newest)
        w->head_anchor = w->newest->id;
    if (first > 1 && (!w->from || w->from->id < first - 1)) {
        w->r->bad_id = first;
        return meibo_fail(err, MEIBO_ERR_INTEGRITY,
                          "audit log row %" PRId64 ": rows 1..%" PRId64 " are missing and no "
                          "checkpoint of a purge names the cut (rows removed)",
                          first, first - 1);
    }
    return MEIBO_OK;
}

/* The start anchor's row, when the log still has it: itself checked against the anchor, then
 * the walk goes on after it; an anchor at the cut of a purge is taken as it is. */
static meibo_status verify_start_row(verify_walk *w, meibo_err *err)
{
    const audit_anchor *from = w->from;
    if (!from)
        return MEIBO_OK;
    w->start = from->id;
    if (!(from->id >= w->first && from->id > 0)) {
        memcpy(w->start_hash, from->hash, 65);
        return MEIBO_OK;
    }
    sqlite3_stmt *one = db_stmt(w->ctx, sql_verify, err);
    if (!one)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(one, 1, from->id - 1);
    char idbuf[24], calc[65];
    audit_field f[AUDIT_FIELDS];
    bool ok = sqlite3_step(one) == SQLITE_ROW && sqlite3_column_int64(one, 0) == from->id &&
              verify_row_hash(w->ctx, w->mdctx, w->md, one, from->id, f, idbuf, calc) == 0 &&
              sqlite3_column_bytes(one, 9) == 64 &&
              !memcmp(sqlite3_column_text(one, 9), calc, 64) && !strcmp(calc, from->hash);
    sqlite3_reset(one);
    if (!ok) {
        w->r->bad_id = from->id;
        return meibo_fail(err, MEIBO_ERR_INTEGRITY,
                          "audit log row %" PRId64 ": differs from the anchor written at %s "
                          "(row rewritten or removed)",
                          from->id, from->at);
    }
    memcpy(w->start_hash, calc, 65);
    return MEIBO_OK;
}

/* Row @p id of the walk (its statement stepped onto it): its hash, its link to the row before,
 * and any anchor naming it. */
static meibo_status verify_step(verify_walk *w, sqlite3_stmt *st, int64_t id, char calc[65],
                                meibo_err *err)
{
    char idbuf[24];
    audit_field f[AUDIT_FIELDS];
    if (verify_row_hash(w->ctx, w->mdctx, w->md, st, id, f, idbuf, calc) != 0) {
        w->r->bad_id = id;
        return meibo_fail(err, MEIBO_ERR_INTEGRITY,
                          "audit verify: the hash failed at row %" PRId64, id);
    }
    const char *stored = (const char *)sqlite3_column_text(st, 9);
    size_t stored_n = (size_t)sqlite3_column_bytes(st, 9);
    if (!stored || stored_n != 64 || memcmp(calc, stored, 64) != 0) {
        w->r->bad_id = id;
        return meibo_fail(err, MEIBO_ERR_INTEGRITY,
                          "audit log row %" PRId64
                          ": hash does not match its content (row altered)",
                          id);
    }
    const audit_field *ph = &f[AUDIT_FIELDS - 1];
    bool link_ok = ph->n == 64 && memcmp(ph->p, w->prev_hash, 64) == 0;
    int64_t prev_id = w->prev_id;
    if (!link_ok || id != prev_id + 1) {
        w->r->bad_id = id;
        if (prev_id == 0)
            return meibo_fail(err, MEIBO_ERR_INTEGRITY,
                              "audit log row %" PRId64 ": prev_hash does not match the start "
                              "of the log (rows before it removed)",
                              id);
        if (link_ok)
            return meibo_fail(err, MEIBO_ERR_INTEGRITY,
                              "audit log row %" PRId64 ": rows %" PRId64 "..%" PRId64
                              " are missing (rows removed)",
                              id, prev_id + 1, id - 1);
        return meibo_fail(err, MEIBO_ERR_INTEGRITY,
                          "audit log row %" PRId64 ": prev_hash does not match row %" PRId64
                          " (row removed or reordered)",
                          id, prev_id);
    }
    for (; w->an && w->k < w->nan && w->an[w->k].id <= id; w->k++)
        if (w->an[w->k].id == id && strcmp(w->an[w->k].hash, calc) != 0) {
            w->r->bad_id = id;
            return meibo_fail(err, MEIBO_ERR_INTEGRITY,
                              "audit log row %" PRId64 ": not the row anchored at %s: %s", id,
                              w->an[w->k].at,
                              w->head_anchor > w->last
                                  ? "rows from here to the newest anchor were removed and "
                                    "others written in their place (the log was cut or emptied)"
                                  : "the row, or one before it, rewritten and the chain after "
                                    "it recomputed");
        }
    return MEIBO_OK;
}

/* Every row after the start, in order, each checked by verify_step(). */
static meibo_status verify_rows(verify_walk *w, meibo_err *err)
{
    w->r->start_id = w->start;
    /* the anchors the walk passes, in id order */
    if (w->an && w->nan > 0)
        qsort(w->an, (size_t)w->nan, sizeof *w->an, anchor_cmp);
    while (w->an && w->k < w->nan && w->an[w->k].id <= w->start)
        w->k++;
    sqlite3_stmt *st = db_stmt(w->ctx, sql_verify, err);
    if (!st)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(st, 1, w->start);
    w->prev_id = w->start;
    memcpy(w->prev_hash, w->start_hash, 65);
    meibo_status s = MEIBO_OK;
    int64_t n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        char calc[65];
        if ((s = verify_step(w, st, id, calc, err)))
            break;
        memcpy(w->prev_hash, calc, 65);
        w->prev_id = id;
        n++;
    }
    if (s == MEIBO_OK && rc != SQLITE_DONE)
        s = db_fail(w->ctx, err, "audit verify: reading the log");
    sqlite3_reset(st);
    w->r->checked = n;
    w->r->last_id = w->prev_id;
    w->r->anchor_id = w->head_anchor;
    return s;
}

meibo_status audit_verify_run(meibo_ctx *ctx, bool full, audit_verify_result *r,
                              meibo_err *err)
{
    audit_verify_result none;
    if (!r)
        r = &none;
    memset(r, 0, sizeof *r);
    meibo_status s = audit_key_ready(ctx, false, err);
    if (s)
        return s;
    if (!ctx->audit_mac)
        ctx->audit_keyed_from = AUDIT_LEGACY;
    verify_walk w = {.ctx = ctx, .r = r, .start_hash = AUDIT_ZERO_HASH};
    if ((s = verify_anchors(&w, err)) || (s = verify_choose_start(&w, full, err)))
        goto out;
    w.mdctx = EVP_MD_CTX_new();
    w.md = audit_md();
    if (!w.mdctx || !w.md) {
        s = meibo_fail(err, MEIBO_ERR_NOMEM, "audit verify: cannot set up SHA-256");
        goto out;
    }
    if ((s = verify_start_row(&w, err)))
        goto out;
    s = verify_rows(&w, err);
    if (s == MEIBO_OK && w.head_anchor > w.prev_id) {
        /* the newest anchor names a row the log no longer has: its tail was cut */
        r->bad_id = w.prev_id + 1;
        s = meibo_fail(err, MEIBO_ERR_INTEGRITY,
                       "audit log row %" PRId64 ": missing, and rows up to %" PRId64
                       " with it: the anchor written at %s names row %" PRId64
                       " (the log was cut or emptied)",
                       w.prev_id + 1, w.head_anchor, w.newest->at, w.head_anchor);
    }
    if (s == MEIBO_OK && w.prev_id > w.start && ctx->audit_base[0]) {
        meibo_err ignore; /* the next verify starts here; one that cannot write starts earlier */
        anchor_append(ctx, "verified", w.prev_id, w.prev_hash, &ignore);
    }
out:
    EVP_MD_CTX_free(w.mdctx);
    free(w.an);
    return s;
}

meibo_status audit_verify(meibo_ctx *ctx, int64_t *bad_id, int64_t *checked, meibo_err *err)
{
    audit_verify_result r;
    meibo_status s = audit_verify_run(ctx, false, &r, err);
    if (bad_id)
        *bad_id = r.bad_id;
    if (checked)
        *checked = r.checked;
    return s;
}


/* ---- backups carry their own anchor; a restore checks it ---------------------------------- */

meibo_status audit_backup_anchor(meibo_ctx *ctx, sqlite3 *copy, const char *key_copy,
                                 meibo_err *err)
{
    meibo_status s = audit_key_ready(ctx, true, err);
    if (s)
        return s;
    int64_t id = 0;
    char hash[65] = AUDIT_ZERO_HASH;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(copy, sql_last, -1, &st, NULL) != SQLITE_OK) {
        s = meibo_fail(err, MEIBO_ERR_DB, "backup: the copy's access log: %s",
                       sqlite3_errmsg(copy));
        sqlite3_finalize(st);
        return s;
    }
    if (sqlite3_step(st) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        snprintf(hash, sizeof hash, "%s", (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    /* the cut of a purge first, so that a restore can verify the copy from it */
    if ((s = audit_checkpoint_lines(ctx, copy, err)))
        return s;
    char line[256];
    if ((s = audit_anchor_line(ctx, "backup", id, hash, line, sizeof line, err)))
        return s;
    st = NULL;
    int rc = sqlite3_prepare_v2(copy, "INSERT INTO audit_anchors (line) VALUES (?1)", -1, &st,
                                NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, line, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    if (rc != SQLITE_OK)
        s = meibo_fail(err, MEIBO_ERR_DB, "backup: the copy's anchor: %s", sqlite3_errmsg(copy));
    sqlite3_finalize(st);
    if (s)
        return s;
    /* the key beside the backups, for a restore after the database (and its key) is lost */
    if (key_copy && *key_copy && ctx->audit_base[0]) {
        s = audit_key_write(key_copy, ctx->audit_key, false, err);
        if (s == MEIBO_ERR_EXISTS)
            s = MEIBO_OK;
        if (s)
            return s;
    }
    return anchor_append(ctx, "backup", id, hash, err);
}

meibo_status audit_restore_check(meibo_ctx *copy, bool keyed, meibo_err *err)
{
    sqlite3_stmt *st = NULL;
    char line[300] = "";
    if (sqlite3_prepare_v2(copy->db, "SELECT line FROM audit_anchors ORDER BY id DESC LIMIT 1",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        snprintf(line, sizeof line, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (!line[0])
        return keyed ? meibo_fail(err, MEIBO_ERR_INTEGRITY,
                                  "restore: the backup carries no anchor of its access log: not "
                                  "a backup meibo made, or one altered since (取扱規程 第35条); "
                                  "nothing was changed")
                     : MEIBO_OK;
    audit_anchor a;
    int rc = audit_anchor_parse(copy, line, &a);
    if (rc != 0)
        return meibo_fail(err, MEIBO_ERR_INTEGRITY,
                          "restore: the anchor the backup carries %s (取扱規程 第35条); nothing "
                          "was changed",
                          rc == -1 ? "is damaged"
                                   : "does not verify with the access log key: the backup was "
                                     "not made from this database (planted), or altered");
    int64_t last = 0;
    char hash[65];
    meibo_status s = audit_chain_end(copy, &last, hash, err);
    if (s)
        return s;
    if (last != a.id || strcmp(hash, a.hash) != 0)
        return meibo_fail(err, MEIBO_ERR_INTEGRITY,
                          "restore: the backup's access log ends at row %" PRId64 ", but its "
                          "anchor of %s names row %" PRId64 " with another hash: rows were cut "
                          "or rewritten after the backup (取扱規程 第35条); nothing was changed",
                          last, a.at, a.id);
    return MEIBO_OK;
}

int64_t audit_anchor_newest(meibo_ctx *ctx, const char *base, char at[24])
{
    char saved[sizeof ctx->audit_base];
    memcpy(saved, ctx->audit_base, sizeof saved);
    snprintf(ctx->audit_base, sizeof ctx->audit_base, "%s", base);
    audit_anchor *an = NULL;
    int64_t n = 0, best = -1;
    meibo_err err;
    if (anchors_read(ctx, &an, &n, &err) == MEIBO_OK)
        for (int64_t i = 0; i < n; i++)
            if (an[i].id > best) {
                best = an[i].id;
                snprintf(at, 24, "%s", an[i].at);
            }
    free(an);
    memcpy(ctx->audit_base, saved, sizeof saved);
    return best;
}

meibo_status audit_anchor_head_of(meibo_ctx *ctx, int64_t *id, char hash[65], meibo_err *err)
{
    return audit_chain_end(ctx, id, hash, err);
}

meibo_status audit_anchor_add(meibo_ctx *ctx, const char *kind, int64_t id, const char *hash,
                              meibo_err *err)
{
    return anchor_append(ctx, kind, id, hash, err);
}

/* ---- retention: rows past the log's own period, cut at a signed checkpoint ------------- */

static const char sql_prune_cut[] =
    "SELECT coalesce((SELECT min(id) FROM audit_log WHERE at >= date(?1, '+1 day')), "
    "(SELECT max(id) + 1 FROM audit_log), 1) - 1, (SELECT min(id) FROM audit_log)";
static const char sql_prune_hash[] = "SELECT hash FROM audit_log WHERE id = ?1";
static const char sql_prune_permit[] = "INSERT INTO audit_prune (upto) VALUES (?1)";
static const char sql_prune_delete[] = "DELETE FROM audit_log WHERE id <= ?1";
static const char sql_prune_unpermit[] = "DELETE FROM audit_prune";

meibo_status audit_prune(meibo_ctx *ctx, const char *cutoff, bool dry_run, int64_t *pruned,
                         int64_t *cut_id, meibo_err *err)
{
    *pruned = 0;
    *cut_id = 0;
    meibo_status s = audit_key_ready(ctx, true, err);
    if (s)
        return s;
    sqlite3_stmt *st = db_stmt(ctx, sql_prune_cut, err);
    if (!st)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(st, 1, cutoff, -1, SQLITE_TRANSIENT);
    int64_t cut = 0, first = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        cut = sqlite3_column_int64(st, 0);
        first = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (first <= 0 || cut < first)
        return MEIBO_OK;
    /* only a log that verifies is cut: else the cut would erase the evidence */
    audit_verify_result r;
    meibo_err e;
    if (audit_verify_run(ctx, false, &r, &e) != MEIBO_OK)
        return meibo_fail(err, MEIBO_ERR_INTEGRITY,
                          "the access log does not verify, so it is not cut at its retention "
                          "period (取扱規程 第35条): %s",
                          e.msg);
    *pruned = cut - first + 1;
    *cut_id = cut;
    if (dry_run)
        return MEIBO_OK;
    char hash[65] = "";
    if (!(st = db_stmt(ctx, sql_prune_hash, err)))
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(st, 1, cut);
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(hash, sizeof hash, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    /* the checkpoint first (durable): a purge killed before its commit leaves an anchor of a
     * row that is still there, which verifies like any other */
    if ((s = anchor_append(ctx, "checkpoint", cut, hash, err)))
        return s;
    const char *steps[] = {sql_prune_permit, sql_prune_delete, sql_prune_unpermit};
    for (int i = 0; i < 3; i++) {
        if (!(st = db_stmt(ctx, steps[i], err)))
            return MEIBO_ERR_DB;
        if (i < 2)
            sqlite3_bind_int64(st, 1, cut);
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return db_fail(ctx, err, "audit log: removing rows past retention");
    }
    return MEIBO_OK;
}

/* At a backup: the newest checkpoint of @p ctx's anchors carried into @p copy too. */
static meibo_status audit_checkpoint_lines(meibo_ctx *ctx, sqlite3 *copy, meibo_err *err)
{
    audit_anchor *an = NULL;
    int64_t n = 0;
    meibo_status s = anchors_read(ctx, &an, &n, err);
    if (s)
        return s;
    const audit_anchor *cp = NULL;
    for (int64_t i = 0; i < n; i++)
        if (!strcmp(an[i].kind, "checkpoint") && (!cp || an[i].id > cp->id))
            cp = &an[i];
    if (cp) {
        char line[256];
        sqlite3_stmt *st = NULL;
        /* made again with the key, so the copy carries it as its own */
        if (!(s = audit_anchor_line(ctx, "checkpoint", cp->id, cp->hash, line, sizeof line,
                                    err)) &&
            (sqlite3_prepare_v2(copy, "INSERT INTO audit_anchors (line) VALUES (?1)", -1, &st,
                                NULL) != SQLITE_OK ||
             sqlite3_bind_text(st, 1, line, -1, SQLITE_STATIC) != SQLITE_OK ||
             sqlite3_step(st) != SQLITE_DONE))
            s = meibo_fail(err, MEIBO_ERR_DB, "backup: the copy's checkpoint: %s",
                           sqlite3_errmsg(copy));
        sqlite3_finalize(st);
    }
    free(an);
    return s;
}

meibo_status audit_carried_checkpoint(meibo_ctx *copy, meibo_ctx *placed, meibo_err *err)
{
    audit_anchor *an = NULL;
    int64_t n = 0;
    meibo_status s = anchors_read_table(copy, &an, &n, err);
    if (s)
        return s;
    for (int64_t i = 0; i < n && !s; i++)
        if (!strcmp(an[i].kind, "checkpoint"))
            s = anchor_append(placed, "checkpoint", an[i].id, an[i].hash, err);
    free(an);
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

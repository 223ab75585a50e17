/* archive.c: the backup archive (取扱規程 第19条): where backups live and how they are named,
 * keys and AES-256-GCM, the database's identity, the check, the plain copies in progress. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "meibo/archive.h"
#include "meibo/process.h"

#define GCM_IV 12
#define GCM_TAG 16
#define MAGIC_LEN 8

/* ---- paths -------------------------------------------------------------------------------- */

void backup_dir_of(const char *path, char *buf, size_t len)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    if (!slash)
        snprintf(buf, len, ".");
    else if (slash == path)
        snprintf(buf, len, "/");
    else
        snprintf(buf, len, "%.*s", (int)(slash - path), path);
}

void backup_dir(const meibo_config *cfg, const char *db_path, char *buf, size_t len)
{
    if (cfg && cfg->backup_dir[0]) {
        snprintf(buf, len, "%s", cfg->backup_dir);
        return;
    }
    char dir[1024];
    backup_dir_of(db_path, dir, sizeof dir);
    snprintf(buf, len, "%s/backups", dir);
}

void backup_ledger_path(const meibo_config *cfg, const char *db_path, char *buf, size_t len)
{
    char dir[MEIBO_PATH_MAX];
    backup_dir(cfg, db_path, dir, sizeof dir);
    snprintf(buf, len, "%s/%s", dir, BACKUP_LEDGER_FILE);
}

/* ---- names --------------------------------------------------------------------------------- */

int64_t backup_name_stamp(const char *name)
{
    /* meibo-YYYYMMDD-HHMMSS[-N].db[.enc] */
    if (strncmp(name, "meibo-", 6) != 0)
        return -1;
    const char *p = name + 6;
    int64_t v = 0;
    for (int i = 0; i < 15; i++) {
        if (i == 8) {
            if (p[i] != '-')
                return -1;
            continue;
        }
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    p += 15;
    int seq = 0; /* a second backup in the same second: "-2" … "-99" */
    if (*p == '-') {
        p++;
        if (*p < '1' || *p > '9')
            return -1;
        while (*p >= '0' && *p <= '9' && seq < 100)
            seq = seq * 10 + (*p++ - '0');
        if (seq > 99)
            return -1;
    }
    if (strcmp(p, ".db") != 0 && strcmp(p, ".db.enc") != 0)
        return -1;
    return v * 100 + seq;
}

/* ---- keys and encryption ------------------------------------------------------------------ */

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                          : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                                 : -1;
}

meibo_status backup_key_load(const char *path, unsigned char key[32], meibo_err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0) {
        meibo_status st = meibo_fail(err, MEIBO_ERR_IO, "backup key %s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return st;
    }
    if (sb.st_mode & S_IRWXO) {
        close(fd);
        return meibo_fail(err, MEIBO_ERR_DENIED,
                          "backup key %s: others can read it (mode %04o): chmod 640 it, "
                          "group meibo", path, (unsigned)(sb.st_mode & 07777));
    }
    char buf[130];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    n = n < 0 ? 0 : n;
    buf[n] = '\0';
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
        buf[--n] = '\0';
    bool ok = n == 64;
    for (int i = 0; ok && i < 32; i++) {
        int hi = hexval(buf[2 * i]), lo = hexval(buf[2 * i + 1]);
        ok = hi >= 0 && lo >= 0;
        if (ok)
            key[i] = (unsigned char)(hi << 4 | lo);
    }
    explicit_bzero(buf, sizeof buf);
    if (!ok) {
        explicit_bzero(key, 32);
        return meibo_fail(err, MEIBO_ERR_INVALID,
                          "backup key %s: not 64 hex digits (make one with: "
                          "openssl rand -hex 32 > %s)", path, path);
    }
    return MEIBO_OK;
}

static meibo_status write_all(int fd, const void *data, size_t len, const char *what,
                              meibo_err *err)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", what, strerror(n < 0 ? errno : EIO));
        p += n;
        len -= (size_t)n;
    }
    return MEIBO_OK;
}

static meibo_status read_full(int fd, void *buf, size_t len, const char *what, meibo_err *err)
{
    char *p = buf;
    while (len > 0) {
        ssize_t n = read(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return meibo_fail(err, MEIBO_ERR_INTEGRITY, "%s: %s", what,
                              n < 0 ? strerror(errno) : "the file ends too early");
        p += n;
        len -= (size_t)n;
    }
    return MEIBO_OK;
}

#define CHUNK 65536

/* Encrypt @p in into @p out; with @p id (the database's identity) the header is MEIBOBK2 and
 * the identity, both authenticated (the AAD), else MEIBOBK1 alone. */
static meibo_status encrypt_as(const char *in, const char *out, const unsigned char key[32],
                               const char *id, meibo_err *err)
{
    unsigned char aad[MAGIC_LEN + BACKUP_ID_LEN];
    int aad_len = MAGIC_LEN;
    /* the magic is 8 bytes of the format, no NUL after it */
    // NOLINTNEXTLINE(bugprone-not-null-terminated-result)
    memcpy(aad, id ? BACKUP_MAGIC2 : BACKUP_MAGIC, MAGIC_LEN);
    if (id) {
        if (strlen(id) != BACKUP_ID_LEN)
            return meibo_fail(err, MEIBO_ERR_INVALID, "%s: not a database identity", out);
        memcpy(aad + MAGIC_LEN, id, BACKUP_ID_LEN);
        aad_len += BACKUP_ID_LEN;
    }
    int ifd = open(in, O_RDONLY | O_CLOEXEC);
    if (ifd < 0)
        return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", in, strerror(errno));
    int ofd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0640);
    if (ofd < 0) {
        meibo_status st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", out, strerror(errno));
        close(ifd);
        return st;
    }
    meibo_status st = MEIBO_OK;
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    unsigned char iv[GCM_IV], tag[GCM_TAG];
    unsigned char *ib = malloc(CHUNK), *ob = malloc(CHUNK + 32);
    int outl = 0;
    if (!c || !ib || !ob) {
        st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        goto out;
    }
    if (RAND_bytes(iv, sizeof iv) != 1 ||
        EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, NULL, NULL) != 1 ||
        EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, GCM_IV, NULL) != 1 ||
        EVP_EncryptInit_ex(c, NULL, NULL, key, iv) != 1 ||
        EVP_EncryptUpdate(c, NULL, &outl, aad, aad_len) != 1) {
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: cannot set up AES-256-GCM", out);
        goto out;
    }
    if ((st = write_all(ofd, aad, (size_t)aad_len, out, err)) ||
        (st = write_all(ofd, iv, sizeof iv, out, err)))
        goto out;
    for (;;) {
        ssize_t n = read(ifd, ib, CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", in, strerror(errno));
            goto out;
        }
        if (n == 0)
            break;
        if (EVP_EncryptUpdate(c, ob, &outl, ib, (int)n) != 1) {
            st = meibo_fail(err, MEIBO_ERR_IO, "%s: encryption failed", out);
            goto out;
        }
        if ((st = write_all(ofd, ob, (size_t)outl, out, err)))
            goto out;
    }
    if (EVP_EncryptFinal_ex(c, ob, &outl) != 1 ||
        EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, GCM_TAG, tag) != 1) {
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: encryption failed", out);
        goto out;
    }
    if ((outl > 0 && (st = write_all(ofd, ob, (size_t)outl, out, err))) ||
        (st = write_all(ofd, tag, sizeof tag, out, err)))
        goto out;
    if (fsync(ofd) != 0)
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", out, strerror(errno));
out:
    EVP_CIPHER_CTX_free(c);
    if (ib)
        explicit_bzero(ib, CHUNK);
    free(ib);
    free(ob);
    close(ifd);
    if (close(ofd) != 0 && !st)
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", out, strerror(errno));
    if (st)
        unlink(out);
    return st;
}

meibo_status backup_encrypt(const char *in, const char *out, const unsigned char key[32],
                            meibo_err *err)
{
    return encrypt_as(in, out, key, NULL, err);
}

meibo_status backup_encrypt_as(const char *in, const char *out, const unsigned char key[32],
                               const char *id, meibo_err *err)
{
    return encrypt_as(in, out, key, id, err);
}

meibo_status backup_decrypt(const char *in, const char *out, const unsigned char key[32],
                            meibo_err *err)
{
    int ifd = open(in, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (ifd < 0 || fstat(ifd, &sb) != 0) {
        meibo_status st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", in, strerror(errno));
        if (ifd >= 0)
            close(ifd);
        return st;
    }
    if (sb.st_size < MAGIC_LEN + GCM_IV + GCM_TAG) {
        close(ifd);
        return meibo_fail(err, MEIBO_ERR_INTEGRITY, "%s: too short for an encrypted backup", in);
    }
    int ofd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (ofd < 0) {
        meibo_status st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", out, strerror(errno));
        close(ifd);
        return st;
    }
    meibo_status st = MEIBO_OK;
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    /* MEIBOBK1, or MEIBOBK2 and the database's identity: the AAD; then the IV */
    unsigned char head[MAGIC_LEN + BACKUP_ID_LEN + GCM_IV], tag[GCM_TAG];
    size_t aad_len = MAGIC_LEN;
    unsigned char *ib = malloc(CHUNK), *ob = malloc(CHUNK + 32);
    int outl = 0;
    if (!c || !ib || !ob) {
        st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        goto out;
    }
    if ((st = read_full(ifd, head, MAGIC_LEN, in, err)))
        goto out;
    if (!memcmp(head, BACKUP_MAGIC2, MAGIC_LEN)) {
        aad_len += BACKUP_ID_LEN;
    } else if (memcmp(head, BACKUP_MAGIC, MAGIC_LEN) != 0) {
        st = meibo_fail(err, MEIBO_ERR_INTEGRITY, "%s: not an encrypted meibo backup", in);
        goto out;
    }
    if (sb.st_size < (off_t)(aad_len + GCM_IV + GCM_TAG)) {
        st = meibo_fail(err, MEIBO_ERR_INTEGRITY, "%s: too short for an encrypted backup", in);
        goto out;
    }
    if ((st = read_full(ifd, head + MAGIC_LEN, aad_len - MAGIC_LEN + GCM_IV, in, err)))
        goto out;
    if (EVP_DecryptInit_ex(c, EVP_aes_256_gcm(), NULL, NULL, NULL) != 1 ||
        EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, GCM_IV, NULL) != 1 ||
        EVP_DecryptInit_ex(c, NULL, NULL, key, head + aad_len) != 1 ||
        EVP_DecryptUpdate(c, NULL, &outl, head, (int)aad_len) != 1) {
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: cannot set up AES-256-GCM", in);
        goto out;
    }
    off_t left = sb.st_size - (off_t)(aad_len + GCM_IV) - GCM_TAG;
    while (left > 0) {
        size_t want = left < CHUNK ? (size_t)left : CHUNK;
        if ((st = read_full(ifd, ib, want, in, err)))
            goto out;
        if (EVP_DecryptUpdate(c, ob, &outl, ib, (int)want) != 1) {
            st = meibo_fail(err, MEIBO_ERR_INTEGRITY, "%s: decryption failed", in);
            goto out;
        }
        if ((st = write_all(ofd, ob, (size_t)outl, out, err)))
            goto out;
        left -= (off_t)want;
    }
    if ((st = read_full(ifd, tag, sizeof tag, in, err)))
        goto out;
    if (EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, GCM_TAG, tag) != 1 ||
        EVP_DecryptFinal_ex(c, ob, &outl) <= 0) {
        st = meibo_fail(err, MEIBO_ERR_INTEGRITY,
                        "%s: the backup does not match its key (a wrong key, or the file was "
                        "changed or cut short)", in);
        goto out;
    }
    if (outl > 0 && (st = write_all(ofd, ob, (size_t)outl, out, err)))
        goto out;
    if (fsync(ofd) != 0)
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", out, strerror(errno));
out:
    EVP_CIPHER_CTX_free(c);
    if (ob)
        explicit_bzero(ob, CHUNK + 32);
    free(ib);
    free(ob);
    close(ifd);
    if (close(ofd) != 0 && !st)
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", out, strerror(errno));
    if (st)
        process_shred(out);
    return st;
}

/* ---- the database's identity ------------------------------------------------------------- */

/* The identity kept in @p db (schema/008-identity.sql) into @p id: 1, or 0 when it has none
 * (a database or backup from before it). */
int backup_identity_of(sqlite3 *db, char id[BACKUP_ID_LEN + 1])
{
    sqlite3_stmt *s = NULL;
    int found = 0;
    if (sqlite3_prepare_v2(db, "SELECT uuid FROM db_identity WHERE id = 1", -1, &s, NULL) ==
            SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW && sqlite3_column_bytes(s, 0) == BACKUP_ID_LEN) {
        memcpy(id, sqlite3_column_text(s, 0), BACKUP_ID_LEN);
        id[BACKUP_ID_LEN] = '\0';
        found = 1;
    }
    sqlite3_finalize(s);
    return found;
}

meibo_status backup_db_identity(meibo_ctx *ctx, char id[BACKUP_ID_LEN + 1], meibo_err *err)
{
    if (backup_identity_of(ctx->db, id) != 1)
        return meibo_fail(err, MEIBO_ERR_SCHEMA, "%s: the database has no identity (schema 008)",
                          ctx->path);
    return MEIBO_OK;
}

static bool id_ok(const char *id)
{
    for (int i = 0; i < BACKUP_ID_LEN; i++)
        if (!((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f')))
            return false;
    return id[BACKUP_ID_LEN] == '\0';
}

int backup_file_identity(const char *path, char id[BACKUP_ID_LEN + 1])
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char head[MAGIC_LEN + BACKUP_ID_LEN];
    ssize_t n = read(fd, head, sizeof head);
    close(fd);
    if (n == (ssize_t)sizeof head && !memcmp(head, BACKUP_MAGIC2, MAGIC_LEN)) {
        memcpy(id, head + MAGIC_LEN, BACKUP_ID_LEN);
        id[BACKUP_ID_LEN] = '\0';
        return id_ok(id) ? 1 : -1;
    }
    if (n >= MAGIC_LEN && !memcmp(head, BACKUP_MAGIC, MAGIC_LEN))
        return 0;
    if (n < 16 || memcmp(head, "SQLite format 3", 16) != 0)
        return -1;
    /* a plain copy: its own table, read without writing anything beside it */
    sqlite3 *db = NULL;
    int found = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL) == SQLITE_OK)
        found = backup_identity_of(db, id);
    sqlite3_close(db);
    return found;
}

/* ---- the check ------------------------------------------------------------------------------ */

meibo_status backup_integrity_check(sqlite3 *db, const char *path, meibo_err *err)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK)
        return meibo_fail(err, MEIBO_ERR_DB, "%s: %s", path, sqlite3_errmsg(db));
    int rc = sqlite3_step(s);
    const char *r = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
    meibo_status st = MEIBO_OK;
    if (!r || strcmp(r, "ok") != 0)
        st = meibo_fail(err, MEIBO_ERR_INTEGRITY, "%s: integrity check failed: %s", path,
                        r ? r : sqlite3_errmsg(db));
    sqlite3_finalize(s);
    return st;
}

/* ---- plain copies ---------------------------------------------------------------------------- */

/* A new empty file "DIR/.NAME-XXXXXX" (mode 0600); its path into @p buf, and in *@p lock a
 * descriptor holding flock(2) on it for as long as it lives: backup_temp_sweep() leaves a
 * locked copy alone and takes one whose process died (the lock dies with it). The folder is
 * share-locked meanwhile so that a sweep never sees the file before its lock. */
meibo_status backup_temp_make(const char *dir, const char *name, char *buf, size_t len,
                              int *lock, meibo_err *err)
{
    *lock = -1;
    snprintf(buf, len, "%s/.%s-XXXXXX", dir, name);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0)
        flock(dfd, LOCK_SH);
    int fd = mkostemp(buf, O_CLOEXEC);
    int e = errno;
    if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0)
        e = errno, close(fd), unlink(buf), fd = -1;
    if (dfd >= 0)
        close(dfd);
    if (fd < 0)
        return meibo_fail(err, MEIBO_ERR_IO, "%s: cannot make a temporary file: %s", dir,
                          strerror(e));
    *lock = fd;
    return MEIBO_OK;
}

/* Remove a temporary copy and any journal SQLite left beside it, then let go of its lock. */
void backup_temp_remove(const char *path, int *lock)
{
    char side[MEIBO_SIDE_PATH_MAX];
    static const char *const suffixes[] = {"-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        snprintf(side, sizeof side, "%s%s", path, suffixes[i]);
        process_shred(side);
        unlink(side);
    }
    if (process_shred(path) != 0)
        unlink(path);
    if (*lock >= 0)
        close(*lock);
    *lock = -1;
}

int backup_temp_sweep(const char *dir, bool remove)
{
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
    if (!d) {
        if (dfd >= 0)
            close(dfd);
        return 0;
    }
    flock(dfd, LOCK_EX); /* no copy is being made meanwhile (backup_temp_make) */
    int found = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *n = e->d_name;
        if (strncmp(n, ".meibo-backup-", 14) != 0 && strncmp(n, ".meibo-restore-", 15) != 0)
            continue;
        char path[MEIBO_ENTRY_PATH_MAX], owner[MEIBO_ENTRY_PATH_MAX];
        struct stat sb;
        snprintf(path, sizeof path, "%s/%s", dir, n);
        if (lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
            continue;
        /* a journal beside a copy belongs to the copy's lock */
        snprintf(owner, sizeof owner, "%s", path);
        static const char *const suffixes[] = {"-journal", "-wal", "-shm"};
        for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
            size_t ln = strlen(owner), k = strlen(suffixes[i]);
            if (ln > k && !strcmp(owner + ln - k, suffixes[i]))
                owner[ln - k] = '\0';
        }
        int fd = open(owner, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        bool in_use = fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0;
        if (!in_use) {
            found++;
            if (remove && process_shred(path) != 0)
                unlink(path);
        }
        if (fd >= 0)
            close(fd);
    }
    closedir(d); /* and the folder's lock */
    return found;
}

/* Copy the file @p in to the existing file @p out. */
meibo_status backup_copy_plain(const char *in, const char *out, meibo_err *err)
{
    int ifd = open(in, O_RDONLY | O_CLOEXEC);
    if (ifd < 0)
        return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", in, strerror(errno));
    int ofd = open(out, O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC);
    if (ofd < 0) {
        meibo_status st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", out, strerror(errno));
        close(ifd);
        return st;
    }
    meibo_status st = MEIBO_OK;
    char *buf = malloc(CHUNK);
    if (!buf)
        st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    while (!st) {
        ssize_t n = read(ifd, buf, CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", in, strerror(errno));
        if (n <= 0)
            break;
        st = write_all(ofd, buf, (size_t)n, out, err);
    }
    free(buf);
    close(ifd);
    if (!st && fsync(ofd) != 0)
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", out, strerror(errno));
    close(ofd);
    return st;
}

/* Is @p path an encrypted backup (its first bytes the magic)? */
bool backup_file_encrypted(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    char head[MAGIC_LEN];
    bool enc = fd >= 0 && read(fd, head, sizeof head) == (ssize_t)sizeof head &&
               (!memcmp(head, BACKUP_MAGIC, MAGIC_LEN) || !memcmp(head, BACKUP_MAGIC2, MAGIC_LEN));
    if (fd >= 0)
        close(fd);
    return enc;
}

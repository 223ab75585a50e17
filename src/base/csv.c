/* csv.c: CSV as Excel writes it: decoding (UTF-8, UTF-8 with BOM, CP932), RFC 4180 reader. */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unistr.h>

#include "meibo/buf.h"
#include "meibo/boundary.h"
#include "meibo/csv.h"

/* Prototypes of the helpers the unit tests reach (non-static under -DTESTING). */
STATIC long csv_line_of(const char *s, size_t n, size_t off);
STATIC void csv_utf8_census(const char *s, size_t n, size_t *valid, size_t *invalid);
STATIC int csv_cp932_convert(const char *in, size_t n, char **out, size_t *out_len,
                             size_t *bad_off);

/* ---- encoding names ------------------------------------------------------------------- */

int csv_encoding_parse(const char *s)
{
    static const struct {
        const char *name;
        csv_encoding enc;
    } names[] = {
        {"auto", CSV_ENC_AUTO},         {"utf-8", CSV_ENC_UTF8},
        {"utf8", CSV_ENC_UTF8},         {"cp932", CSV_ENC_CP932},
        {"sjis", CSV_ENC_CP932},        {"shift_jis", CSV_ENC_CP932},
        {"shift-jis", CSV_ENC_CP932},   {"windows-31j", CSV_ENC_CP932},
        {"ms932", CSV_ENC_CP932},
    };
    if (!s)
        return -1;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcasecmp(s, names[i].name) == 0)
            return (int)names[i].enc;
    return -1;
}

const char *csv_encoding_name(csv_encoding e)
{
    switch (e) {
    case CSV_ENC_AUTO:
        return "auto";
    case CSV_ENC_UTF8:
        return "utf-8";
    case CSV_ENC_CP932:
        return "cp932";
    }
    return "unknown";
}

/* ---- decoding ------------------------------------------------------------------------- */

/* 1-based line of byte @p off: LF, CRLF and a lone CR each end a line (as the reader counts). */
STATIC long csv_line_of(const char *s, size_t n, size_t off)
{
    long line = 1;
    if (off > n)
        off = n;
    for (size_t i = 0; i < off; i++) {
        if (s[i] == '\n' || (s[i] == '\r' && !(i + 1 < n && s[i + 1] == '\n')))
            line++;
    }
    return line;
}

/* Count well-formed multi-byte UTF-8 sequences and malformed ones (a cut-off character once). */
STATIC void csv_utf8_census(const char *s, size_t n, size_t *valid, size_t *invalid)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t i = 0;
    *valid = 0;
    *invalid = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        ucs4_t uc;
        int k = u8_mbtoucr(&uc, p + i, n - i);
        if (k > 0) {
            (*valid)++;
            i += (size_t)k;
            continue;
        }
        (*invalid)++;
        /* A lead byte swallows the continuation bytes it still had room for. */
        size_t want = 0;
        if (p[i] >= 0xC2 && p[i] <= 0xDF)
            want = 1;
        else if (p[i] >= 0xE0 && p[i] <= 0xEF)
            want = 2;
        else if (p[i] >= 0xF0 && p[i] <= 0xF4)
            want = 3;
        i++;
        while (want > 0 && i < n && (p[i] & 0xC0) == 0x80) {
            i++;
            want--;
        }
    }
}

/* CP932 to UTF-8 by glibc iconv: 0 done, 1 bad byte at *bad_off, -1 no memory, -2 no converter. */
STATIC int csv_cp932_convert(const char *in, size_t n, char **out, size_t *out_len,
                             size_t *bad_off)
{
    *out = NULL;
    *out_len = 0;
    /* One CP932 byte never needs more than 3 UTF-8 bytes; E2BIG is still handled. */
    if (n > (SIZE_MAX - 1) / 3)
        return -1;
    size_t cap = n * 3 + 1;
    char *buf = malloc(cap);
    if (!buf)
        return -1;
    if (n == 0) {
        buf[0] = '\0';
        *out = buf;
        return 0;
    }
    iconv_t cd = iconv_open("UTF-8", "CP932");
    if (cd == (iconv_t)-1) {
        free(buf);
        return -2;
    }
    /* iconv() takes char ** but does not write through the input pointer. */
    char *ip = (char *)(uintptr_t)in;
    size_t ileft = n;
    char *op = buf;
    size_t oleft = cap - 1;
    int rc = 0;
    while (ileft > 0) {
        size_t r = iconv(cd, &ip, &ileft, &op, &oleft);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG) {
            size_t used = (size_t)(op - buf);
            if (cap > SIZE_MAX / 2) {
                rc = -1;
                break;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                rc = -1;
                break;
            }
            buf = nb;
            cap *= 2;
            op = buf + used;
            oleft = cap - 1 - used;
            continue;
        }
        /* EILSEQ (invalid sequence) or EINVAL (incomplete sequence at the end). */
        *bad_off = (size_t)(ip - in);
        rc = 1;
        break;
    }
    iconv_close(cd);
    if (rc != 0) {
        free(buf);
        return rc;
    }
    *op = '\0';
    *out = buf;
    *out_len = (size_t)(op - buf);
    return 0;
}

/* A malloc'd NUL-terminated copy of @p n bytes. */
static meibo_status copy_out(const char *s, size_t n, char **out, size_t *len, meibo_err *err)
{
    if (n == SIZE_MAX)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    char *b = malloc(n + 1);
    if (!b)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory (%zu bytes of CSV)", n);
    if (n)
        memcpy(b, s, n);
    b[n] = '\0';
    *out = b;
    if (len)
        *len = n;
    return MEIBO_OK;
}

/* Fail with MEIBO_ERR_ENCODING for malformed UTF-8 at byte @p off (on @p line): @p c. */
static meibo_status fail_utf8_at(meibo_err *err, const char *name, long line, size_t off,
                                 unsigned c)
{
    meibo_fail(err, MEIBO_ERR_ENCODING,
               "%s: line %ld: malformed UTF-8 at byte offset %zu (byte 0x%02X)", name, line, off,
               c);
    if (err)
        err->line = line;
    return MEIBO_ERR_ENCODING;
}

static meibo_status fail_utf8(meibo_err *err, const char *name, const char *b, size_t n,
                              size_t off)
{
    return fail_utf8_at(err, name, csv_line_of(b, n, off), off, (unsigned char)b[off]);
}

/* Fail with MEIBO_ERR_ENCODING for a CP932 byte @p c glibc does not accept (on @p line);
 * @p next is the byte after it, -1 at the end of the file. */
static meibo_status fail_cp932_at(meibo_err *err, const char *name, long line, unsigned c,
                                  int next, bool automatic)
{
    char pair[32] = "";
    bool lead = (c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC);
    if (lead && next >= 0)
        snprintf(pair, sizeof pair, " (pair 0x%02X 0x%02X)", c, (unsigned)next);
    else if (lead)
        snprintf(pair, sizeof pair, " (cut off at the end)");
    meibo_fail(err, MEIBO_ERR_ENCODING, "%s: line %ld: byte 0x%02X is not valid CP932%s%s", name,
               line, c, pair, automatic ? "; the file is not UTF-8 either" : "");
    if (err)
        err->line = line;
    return MEIBO_ERR_ENCODING;
}

static meibo_status fail_cp932(meibo_err *err, const char *name, const char *b, size_t n,
                               size_t off, bool automatic)
{
    return fail_cp932_at(err, name, csv_line_of(b, n, off), (unsigned char)b[off],
                         off + 1 < n ? (unsigned char)b[off + 1] : -1, automatic);
}

/* The refusals csv_decode() and the first pass of csv_reader_open() share. */
static meibo_status fail_utf16(meibo_err *err, const char *name, unsigned b0, unsigned b1)
{
    meibo_fail(err, MEIBO_ERR_ENCODING,
               "%s: line 1: the file is UTF-16 (byte-order mark 0x%02X 0x%02X); save it as "
               "CSV UTF-8 or CSV (comma delimited)",
               name, b0, b1);
    if (err)
        err->line = 1;
    return MEIBO_ERR_ENCODING;
}

static meibo_status fail_nul(meibo_err *err, const char *name, long line, size_t off)
{
    meibo_fail(err, MEIBO_ERR_ENCODING,
               "%s: line %ld: byte 0x00 (NUL) at byte offset %zu; this is not a text file "
               "(UTF-16?)",
               name, line, off);
    if (err)
        err->line = line;
    return MEIBO_ERR_ENCODING;
}

static meibo_status fail_bom_cp932(meibo_err *err, const char *name)
{
    meibo_fail(err, MEIBO_ERR_ENCODING,
               "%s: line 1: the file starts with a UTF-8 byte-order mark: it is UTF-8, not "
               "CP932",
               name);
    if (err)
        err->line = 1;
    return MEIBO_ERR_ENCODING;
}

/* Decode as CP932 and report failures. */
static meibo_status decode_cp932(const char *b, size_t n, const char *name, bool automatic,
                                 char **utf8, size_t *len, meibo_err *err)
{
    char *out = NULL;
    size_t out_len = 0, bad = 0;
    int rc = csv_cp932_convert(b, n, &out, &out_len, &bad);
    if (rc == -1)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "%s: out of memory decoding CP932", name);
    if (rc == -2)
        return meibo_fail(err, MEIBO_ERR_ENCODING, "%s: no CP932 converter in this system: %s",
                          name, strerror(errno));
    if (rc == 1)
        return fail_cp932(err, name, b, n, bad, automatic);
    *utf8 = out;
    if (len)
        *len = out_len;
    return MEIBO_OK;
}

meibo_status csv_decode(const char *bytes, size_t n, const char *name, csv_encoding enc,
                        char **utf8, size_t *len, csv_encoding *used, meibo_err *err)
{
    if (!name)
        name = "(input)";
    if (!utf8 || (!bytes && n))
        return meibo_fail(err, MEIBO_ERR_INVALID, "%s: csv_decode: no input or output", name);
    *utf8 = NULL;
    if (len)
        *len = 0;
    if (enc != CSV_ENC_AUTO && enc != CSV_ENC_UTF8 && enc != CSV_ENC_CP932)
        return meibo_fail(err, MEIBO_ERR_USAGE, "%s: unknown encoding %d", name, (int)enc);
    if (!bytes)
        bytes = "";
    const uint8_t *u = (const uint8_t *)bytes;

    /* Excel's "Unicode text" is UTF-16: say so rather than complaining about NUL bytes. */
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return fail_utf16(err, name, u[0], u[1]);
    /* A NUL would silently cut a field short: refuse it in every encoding. */
    const char *nul = memchr(bytes, '\0', n);
    if (nul) {
        size_t off = (size_t)(nul - bytes);
        return fail_nul(err, name, csv_line_of(bytes, n, off), off);
    }

    bool bom = n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
    if (enc == CSV_ENC_CP932 && bom)
        return fail_bom_cp932(err, name);

    meibo_status st;
    if (enc == CSV_ENC_UTF8 || bom) {
        size_t skip = bom ? 3 : 0;
        const uint8_t *badp = u8_check(u + skip, n - skip);
        if (badp)
            return fail_utf8(err, name, bytes, n, (size_t)(badp - u));
        st = copy_out(bytes + skip, n - skip, utf8, len, err);
        if (st == MEIBO_OK && used)
            *used = CSV_ENC_UTF8;
        return st;
    }
    if (enc == CSV_ENC_CP932) {
        st = decode_cp932(bytes, n, name, false, utf8, len, err);
        if (st == MEIBO_OK && used)
            *used = CSV_ENC_CP932;
        return st;
    }

    /* Automatic: well-formed UTF-8 is UTF-8. */
    const uint8_t *badp = u8_check(u, n);
    if (!badp) {
        st = copy_out(bytes, n, utf8, len, err);
        if (st == MEIBO_OK && used)
            *used = CSV_ENC_UTF8;
        return st;
    }
    size_t bad_utf8 = (size_t)(badp - u);
    size_t valid = 0, invalid = 0;
    csv_utf8_census(bytes, n, &valid, &invalid);
    /* Mostly UTF-8 with a few broken sequences: malformed UTF-8, never CP932 mojibake. */
    if (valid >= 1 && valid >= 4 * invalid)
        return fail_utf8(err, name, bytes, n, bad_utf8);
    char *out = NULL;
    size_t out_len = 0, bad = 0;
    int rc = csv_cp932_convert(bytes, n, &out, &out_len, &bad);
    if (rc == -1)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "%s: out of memory decoding CP932", name);
    if (rc == -2)
        return meibo_fail(err, MEIBO_ERR_ENCODING, "%s: no CP932 converter in this system: %s",
                          name, strerror(errno));
    /* As much valid UTF-8 as garbage is ambiguous: refuse rather than risk mojibake. */
    if (valid >= 1 && valid >= invalid) {
        free(out);
        return fail_utf8(err, name, bytes, n, bad_utf8);
    }
    if (rc == 1)
        return fail_cp932(err, name, bytes, n, bad, true);
    *utf8 = out;
    if (len)
        *len = out_len;
    if (used)
        *used = CSV_ENC_CP932;
    return MEIBO_OK;
}

/* Open the caller's CSV file, a regular file, with the caller's rights (boundary.h). */
static meibo_status open_regular(const char *path, int *fdp, struct stat *sb, meibo_err *err)
{
    *fdp = -1;
    /* O_NONBLOCK so that a FIFO does not hang open(); it is refused below */
    int fd = boundary_open_user(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
    if (fd < 0)
        return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
    if (fstat(fd, sb) != 0) {
        int e = errno;
        close(fd);
        return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(e));
    }
    if (!S_ISREG(sb->st_mode)) {
        close(fd);
        return meibo_fail(err, MEIBO_ERR_IO, "%s: not a regular file%s", path,
                          S_ISDIR(sb->st_mode) ? " (a directory)" : "");
    }
    *fdp = fd;
    return MEIBO_OK;
}

meibo_status csv_read_file(const char *path, csv_encoding enc, char **utf8, size_t *len,
                           csv_encoding *used, meibo_err *err)
{
    if (!utf8)
        return meibo_fail(err, MEIBO_ERR_INVALID, "csv_read_file: no output");
    *utf8 = NULL;
    if (len)
        *len = 0;
    if (!path || !*path)
        return meibo_fail(err, MEIBO_ERR_USAGE, "no CSV file named");
    int fd = -1;
    struct stat sb;
    meibo_status ost = open_regular(path, &fd, &sb, err);
    if (ost)
        return ost;
    if (sb.st_size < 0 || (uintmax_t)sb.st_size > SIZE_MAX / 4) {
        close(fd);
        return meibo_fail(err, MEIBO_ERR_IO, "%s: file too large", path);
    }
    size_t cap = (size_t)sb.st_size + 1, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        close(fd);
        return meibo_fail(err, MEIBO_ERR_NOMEM, "%s: out of memory (%zu bytes)", path, cap);
    }
    for (;;) {
        if (n == cap) {
            /* The file grew while we read it. */
            if (cap > SIZE_MAX / 8) {
                free(buf);
                close(fd);
                return meibo_fail(err, MEIBO_ERR_IO, "%s: file too large", path);
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                close(fd);
                return meibo_fail(err, MEIBO_ERR_NOMEM, "%s: out of memory", path);
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            free(buf);
            close(fd);
            return meibo_fail(err, MEIBO_ERR_IO, "%s: read: %s", path, strerror(e));
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    meibo_status st = csv_decode(buf, n, path, enc, utf8, len, used, err);
    free(buf);
    return st;
}

/* ---- reader --------------------------------------------------------------------------- */

/* A file read chunk by chunk, each chunk whole lines (a line break is never part of a UTF-8 or
 * CP932 character, so each chunk decodes on its own). */
typedef struct chunker {
    int fd;
    char *buf;
    size_t cap, have; /* bytes in buf */
    bool eof;
} chunker;

struct csv_reader {
    const char *text;
    size_t len;
    chunker *src;    /* a streamed file (csv_reader_open), else NULL */
    csv_encoding enc; /* what src is decoded as */
    char *win;       /* the window over src the text points into */
    size_t wcap;
    bool first;      /* no chunk taken yet (a UTF-8 BOM to drop) */
    char *name;
    size_t pos;    /* next byte to read */
    long line;     /* physical line of text[pos] */
    char *buf;     /* the current record's fields, each NUL-terminated */
    size_t blen, bcap;
    size_t *offs;  /* start of each field in buf */
    char **fields; /* handed out in csv_record, rebuilt per record */
    size_t nf, fcap;
};

/* ---- streaming a file ------------------------------------------------------------------ */

#define CHUNK_CAP (4u << 20) /* a chunk's buffer: more than CSV_MAX_LINE, so a line fits */

/* Fill the buffer and find the end of its last whole line: *cut bytes are whole lines (all
 * that is left at the end of the file), 0 when the file is done. *forced: the buffer is full
 * with no line break in it (a line longer than any cap), cut anywhere. */
static meibo_status chunk_next(chunker *c, const char *name, size_t *cut, bool *forced,
                               meibo_err *err)
{
    *cut = 0;
    *forced = false;
    while (!c->eof && c->have < c->cap) {
        ssize_t r = read(c->fd, c->buf + c->have, c->cap - c->have);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return meibo_fail(err, MEIBO_ERR_IO, "%s: read: %s", name, strerror(errno));
        }
        if (r == 0)
            c->eof = true;
        c->have += (size_t)r;
    }
    if (c->eof) {
        *cut = c->have;
        return MEIBO_OK;
    }
    /* after the last LF, or after a lone CR (one whose next byte is here and is not LF) */
    for (size_t i = c->have; i-- > 0;) {
        if (c->buf[i] == '\n' || (c->buf[i] == '\r' && i + 1 < c->have && c->buf[i + 1] != '\n')) {
            *cut = i + 1;
            return MEIBO_OK;
        }
    }
    *cut = c->have;
    *forced = true;
    return MEIBO_OK;
}

/* Drop the first @p cut bytes, keeping the rest for the next chunk. */
static void chunk_drop(chunker *c, size_t cut)
{
    memmove(c->buf, c->buf + cut, c->have - cut);
    c->have -= cut;
}

/* The caps (csv.h), checked on the file's bytes before anything is decoded or stored: a comma,
 * a quote and a line break are never part of a CP932 or UTF-8 character. */
typedef struct cap_scan {
    long line, rec_line; /* the physical line, the line where the record started */
    size_t field;        /* 1-based field of the record */
    size_t flen, rlen;   /* bytes of the field and of the record so far */
    bool inq, at_start;  /* inside quotes; at the start of a field */
    int bad;             /* 0, or 1 a field over CSV_MAX_FIELD, 2 a record over CSV_MAX_LINE */
    long bad_line;
    size_t bad_col;
} cap_scan;

static void cap_run(cap_scan *s, const char *b, size_t n)
{
    for (size_t i = 0; i < n && !s->bad; i++) {
        char c = b[i];
        bool brk = c == '\r' || c == '\n';
        if (brk && c == '\r' && i + 1 < n && b[i + 1] == '\n')
            i++; /* CRLF: one line break */
        if (s->inq) {
            if (c == '"' && i + 1 < n && b[i + 1] == '"') {
                i++;
                s->flen++;
                s->rlen += 2;
            } else if (c == '"') {
                s->inq = false;
                s->rlen++;
            } else {
                if (brk)
                    s->line++;
                s->flen++;
                s->rlen++;
            }
        } else if (c == ',') {
            s->field++;
            s->flen = 0;
            s->rlen++;
            s->at_start = true;
            continue;
        } else if (brk) {
            s->line++;
            s->rec_line = s->line;
            s->field = 1;
            s->flen = s->rlen = 0;
            s->at_start = true;
            continue;
        } else if (c == '"' && s->at_start) {
            s->inq = true;
            s->rlen++;
        } else {
            s->flen++;
            s->rlen++;
        }
        s->at_start = false;
        if (s->flen > CSV_MAX_FIELD || s->rlen > CSV_MAX_LINE) {
            s->bad = s->flen > CSV_MAX_FIELD ? 1 : 2;
            s->bad_line = s->rec_line;
            s->bad_col = s->field;
        }
    }
}

static meibo_status cap_fail(const cap_scan *s, const char *name, meibo_err *err)
{
    char col[24];
    snprintf(col, sizeof col, "%zu", s->bad_col);
    meibo_status st;
    if (s->bad == 1)
        st = meibo_fail_reason(err, MEIBO_ERR_INVALID, NULL, MEIBO_REASON_CSV_FIELD_CAP, col,
                               "64 KB", "%s:%ld: column %zu: a field longer than 64 KB (%d "
                               "bytes); nothing was imported",
                               name, s->bad_line, s->bad_col, CSV_MAX_FIELD);
    else
        st = meibo_fail_reason(err, MEIBO_ERR_INVALID, NULL, MEIBO_REASON_CSV_LINE_CAP, col,
                               "1 MB", "%s:%ld: column %zu: a line longer than 1 MB (%d bytes); "
                               "nothing was imported",
                               name, s->bad_line, s->bad_col, CSV_MAX_LINE);
    if (err)
        err->line = s->bad_line;
    return st;
}

/* What the first pass learns of the whole file, for the same verdicts as csv_decode(). */
typedef struct enc_scan {
    bool started, bom, utf16, nul;
    unsigned char b0, b1;
    size_t off;  /* file offset of the next chunk */
    long line;   /* its line */
    long nul_line;
    size_t nul_off;
    bool u8_bad;
    size_t u8_off;
    long u8_line;
    unsigned u8_byte;
    size_t valid, invalid;
    int cp_rc; /* 0 fine so far, 1 bad byte (below), -1 no memory, -2 no converter */
    long cp_line;
    unsigned cp_byte;
    int cp_next;
} enc_scan;

static void enc_run(enc_scan *s, csv_encoding enc, const char *b, size_t n)
{
    const uint8_t *u = (const uint8_t *)b;
    size_t skip = 0;
    if (!s->started) {
        s->started = true;
        if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
            s->utf16 = true;
            s->b0 = u[0];
            s->b1 = u[1];
        }
        s->bom = n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
        skip = s->bom ? 3 : 0;
    }
    const char *nul = s->nul ? NULL : memchr(b, '\0', n);
    if (nul) {
        s->nul = true;
        s->nul_off = s->off + (size_t)(nul - b);
        s->nul_line = s->line + csv_line_of(b, n, (size_t)(nul - b)) - 1;
    }
    if (!s->u8_bad) {
        const uint8_t *bad = u8_check(u + skip, n - skip);
        if (bad) {
            size_t o = (size_t)(bad - u);
            s->u8_bad = true;
            s->u8_off = s->off + o;
            s->u8_line = s->line + csv_line_of(b, n, o) - 1;
            s->u8_byte = u[o];
        }
    }
    bool cp = enc == CSV_ENC_CP932 || (enc == CSV_ENC_AUTO && !s->bom);
    if (enc == CSV_ENC_AUTO && !s->bom) {
        size_t v = 0, inv = 0;
        csv_utf8_census(b, n, &v, &inv);
        s->valid += v;
        s->invalid += inv;
    }
    if (cp && s->cp_rc == 0 && n) {
        char *out = NULL;
        size_t out_len = 0, bad = 0;
        s->cp_rc = csv_cp932_convert(b, n, &out, &out_len, &bad);
        free(out);
        if (s->cp_rc == 1) {
            s->cp_line = s->line + csv_line_of(b, n, bad) - 1;
            s->cp_byte = u[bad];
            s->cp_next = bad + 1 < n ? u[bad + 1] : -1;
        }
    }
    s->off += n;
    s->line += csv_line_of(b, n, n) - 1;
}

/* csv_decode()'s verdict from what the first pass saw. */
static meibo_status enc_verdict(const enc_scan *s, const char *name, csv_encoding enc,
                                csv_encoding *used, meibo_err *err)
{
    if (s->utf16)
        return fail_utf16(err, name, s->b0, s->b1);
    if (s->nul)
        return fail_nul(err, name, s->nul_line, s->nul_off);
    if (enc == CSV_ENC_CP932 && s->bom)
        return fail_bom_cp932(err, name);
    if (enc == CSV_ENC_UTF8 || s->bom || (enc == CSV_ENC_AUTO && !s->u8_bad)) {
        if (s->u8_bad)
            return fail_utf8_at(err, name, s->u8_line, s->u8_off, s->u8_byte);
        *used = CSV_ENC_UTF8;
        return MEIBO_OK;
    }
    bool automatic = enc == CSV_ENC_AUTO;
    /* mostly UTF-8 with a few broken sequences: malformed UTF-8, never CP932 mojibake */
    if (automatic && s->valid >= 1 && s->valid >= 4 * s->invalid)
        return fail_utf8_at(err, name, s->u8_line, s->u8_off, s->u8_byte);
    if (s->cp_rc == -1)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "%s: out of memory decoding CP932", name);
    if (s->cp_rc == -2)
        return meibo_fail(err, MEIBO_ERR_ENCODING, "%s: no CP932 converter in this system", name);
    /* as much valid UTF-8 as garbage is ambiguous: refuse rather than risk mojibake */
    if (automatic && s->valid >= 1 && s->valid >= s->invalid)
        return fail_utf8_at(err, name, s->u8_line, s->u8_off, s->u8_byte);
    if (s->cp_rc == 1)
        return fail_cp932_at(err, name, s->cp_line, s->cp_byte, s->cp_next, automatic);
    *used = CSV_ENC_CP932;
    return MEIBO_OK;
}

meibo_status csv_reader_open(const char *path, csv_encoding enc, csv_reader **out,
                             csv_encoding *used, meibo_err *err)
{
    *out = NULL;
    if (!path || !*path)
        return meibo_fail(err, MEIBO_ERR_USAGE, "no CSV file named");
    if (enc != CSV_ENC_AUTO && enc != CSV_ENC_UTF8 && enc != CSV_ENC_CP932)
        return meibo_fail(err, MEIBO_ERR_USAGE, "%s: unknown encoding %d", path, (int)enc);
    struct stat sb;
    csv_reader *r = calloc(1, sizeof *r);
    chunker *c = calloc(1, sizeof *c);
    if (!r || !c || !(c->buf = malloc(CHUNK_CAP)) || !(r->name = strdup(path))) {
        if (c)
            free(c->buf);
        free(c);
        if (r)
            free(r->name);
        free(r);
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    }
    c->fd = -1;
    c->cap = CHUNK_CAP;
    r->src = c;
    r->line = 1;
    r->first = true;
    r->text = "";
    meibo_status st = open_regular(path, &c->fd, &sb, err);
    /* first pass: the encoding and the caps over the whole file, nothing kept */
    enc_scan es = {.line = 1};
    cap_scan cs = {.line = 1, .rec_line = 1, .field = 1, .at_start = true};
    while (st == MEIBO_OK) {
        size_t cut = 0;
        bool forced = false;
        if ((st = chunk_next(c, path, &cut, &forced, err)) || cut == 0)
            break;
        cap_run(&cs, c->buf, cut);
        if (forced || cs.bad) /* the line is over the cap: no need to read on */
            break;
        enc_run(&es, enc, c->buf, cut);
        chunk_drop(c, cut);
    }
    csv_encoding u = CSV_ENC_UTF8;
    if (st == MEIBO_OK && (!es.started || (st = enc_verdict(&es, path, enc, &u, err)) == MEIBO_OK)
        && cs.bad)
        st = cap_fail(&cs, path, err);
    if (st == MEIBO_OK && lseek(c->fd, 0, SEEK_SET) != 0)
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
    if (st) {
        csv_reader_free(r);
        return st;
    }
    c->have = 0;
    c->eof = false;
    r->enc = u;
    if (used)
        *used = u;
    *out = r;
    return MEIBO_OK;
}

/* Keep at least this much of the file ahead of a record in the window: a record of at most
 * CSV_MAX_LINE bytes, each byte at most 3 in UTF-8 (CP932 half-width katakana), and a byte of
 * look-ahead. */
#define WINDOW_AHEAD ((size_t)CSV_MAX_LINE * 3 + 2)

/* Move the rest of the window to its start and decode chunks after it until WINDOW_AHEAD
 * bytes are there or the file ends. */
static meibo_status window_fill(csv_reader *r, meibo_err *err)
{
    chunker *c = r->src;
    size_t rest = r->len - r->pos;
    if (rest >= WINDOW_AHEAD || (c->eof && c->have == 0))
        return MEIBO_OK;
    if (rest && r->pos)
        memmove(r->win, r->win + r->pos, rest);
    r->pos = 0;
    r->len = rest;
    while (r->len < WINDOW_AHEAD && !(c->eof && c->have == 0)) {
        size_t cut = 0;
        bool forced = false;
        meibo_status st = chunk_next(c, r->name, &cut, &forced, err);
        if (st)
            return st;
        if (forced)
            return meibo_fail(err, MEIBO_ERR_INVALID, "%s: line %ld: the file changed while it "
                              "was read", r->name, r->line);
        if (cut == 0)
            break;
        const char *b = c->buf;
        size_t n = cut;
        char *dec = NULL;
        if (r->first && r->enc == CSV_ENC_UTF8 && n >= 3 && !memcmp(b, "\xEF\xBB\xBF", 3)) {
            b += 3;
            n -= 3;
        }
        r->first = false;
        if (r->enc == CSV_ENC_CP932) {
            size_t bad = 0;
            int rc = csv_cp932_convert(b, n, &dec, &n, &bad);
            if (rc == -1)
                return meibo_fail(err, MEIBO_ERR_NOMEM, "%s: out of memory decoding CP932",
                                  r->name);
            if (rc != 0)
                return meibo_fail(err, MEIBO_ERR_INVALID,
                                  "%s: line %ld: the file changed while it was read", r->name,
                                  r->line);
            b = dec;
        } else if (u8_check((const uint8_t *)b, n)) {
            return meibo_fail(err, MEIBO_ERR_INVALID,
                              "%s: line %ld: the file changed while it was read", r->name,
                              r->line);
        }
        if (r->len + n + 1 > r->wcap) {
            size_t cap = r->len + n + 1 + WINDOW_AHEAD;
            char *nw = realloc(r->win, cap);
            if (!nw) {
                free(dec);
                return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory reading CSV");
            }
            r->win = nw;
            r->wcap = cap;
        }
        memcpy(r->win + r->len, b, n);
        r->len += n;
        r->win[r->len] = '\0';
        free(dec);
        chunk_drop(c, cut);
    }
    r->text = r->win ? r->win : "";
    return MEIBO_OK;
}


meibo_status csv_reader_new(const char *text, size_t len, csv_reader **out, meibo_err *err)
{
    if (!out || (!text && len))
        return meibo_fail(err, MEIBO_ERR_INVALID, "csv_reader_new: no text or output");
    *out = NULL;
    csv_reader *r = calloc(1, sizeof *r);
    if (!r)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    r->text = text ? text : "";
    r->len = len;
    r->line = 1;
    /* A BOM left in the text would stick to the first header name. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        r->pos = 3;
    *out = r;
    return MEIBO_OK;
}

static void chunker_free(chunker *c)
{
    if (!c)
        return;
    if (c->fd >= 0)
        close(c->fd);
    free(c->buf);
    free(c);
}

void csv_reader_free(csv_reader *r)
{
    if (!r)
        return;
    chunker_free(r->src);
    free(r->win);
    free(r->name);
    free(r->buf);
    free(r->offs);
    free(r->fields);
    free(r);
}

/* Length of the line break at @p p: 2 for CRLF, 1 for LF or a lone CR, 0 for none. */
static size_t eol_len(const csv_reader *r, size_t p)
{
    if (p >= r->len)
        return 0;
    if (r->text[p] == '\n')
        return 1;
    if (r->text[p] == '\r')
        return (p + 1 < r->len && r->text[p + 1] == '\n') ? 2 : 1;
    return 0;
}

/* Append @p k bytes to the record buffer, keeping it NUL-terminated; -1 when out of memory. */
static int buf_append(csv_reader *r, const char *s, size_t k)
{
    if (k > SIZE_MAX - r->blen - 1)
        return -1;
    size_t need = r->blen + k + 1;
    if (need > r->bcap) {
        char *nb = array_grow(r->buf, &r->bcap, need, 1);
        if (!nb)
            return -1;
        r->buf = nb;
    }
    if (k)
        memcpy(r->buf + r->blen, s, k);
    r->blen += k;
    r->buf[r->blen] = '\0';
    return 0;
}

/* Start a new field at the current end of the buffer; -1 when out of memory. */
static int field_start(csv_reader *r)
{
    if (r->nf == r->fcap) {
        size_t cap = r->fcap ? r->fcap * 2 : 32;
        if (cap > SIZE_MAX / sizeof(char *))
            return -1;
        size_t *no = realloc(r->offs, cap * sizeof *no);
        if (!no)
            return -1;
        r->offs = no;
        char **nfp = realloc(r->fields, cap * sizeof *nfp);
        if (!nfp)
            return -1;
        r->fields = nfp;
        r->fcap = cap;
    }
    r->offs[r->nf++] = r->blen;
    return 0;
}

/* After a syntax error: drop the rest of the physical line so the next call can go on. */
static void skip_line(csv_reader *r)
{
    while (r->pos < r->len && !eol_len(r, r->pos))
        r->pos++;
    size_t k = eol_len(r, r->pos);
    if (k) {
        r->pos += k;
        r->line++;
    }
}

/* Fail with MEIBO_ERR_INVALID at @p line. */
static meibo_status fail_line(meibo_err *err, long line, const char *what, size_t field)
{
    meibo_fail(err, MEIBO_ERR_INVALID, "line %ld: %s (field %zu)", line, what, field);
    if (err)
        err->line = line;
    return MEIBO_ERR_INVALID;
}

meibo_status csv_next(csv_reader *r, csv_record *rec, meibo_err *err)
{
    if (!r || !rec)
        return meibo_fail(err, MEIBO_ERR_INVALID, "csv_next: no reader or record");
    memset(rec, 0, sizeof *rec);
    r->blen = 0;
    r->nf = 0;

    /* Lines with nothing on them are skipped. */
    size_t k;
    for (;;) {
        meibo_status st = r->src ? window_fill(r, err) : MEIBO_OK;
        if (st)
            return st;
        while ((k = eol_len(r, r->pos)) > 0) {
            r->pos += k;
            r->line++;
        }
        if (r->pos < r->len || !r->src || (r->src->eof && r->src->have == 0))
            break;
    }
    const char *t = r->text;
    size_t n = r->len;
    if (r->pos >= n)
        return meibo_fail(err, MEIBO_ERR_NOT_FOUND, "end of CSV input");

    long start = r->line;
    for (;;) {
        if (field_start(r) != 0)
            return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory reading CSV");
        size_t fno = r->nf;
        if (r->pos < n && t[r->pos] == '"') {
            long qline = r->line;
            r->pos++;
            for (;;) {
                size_t s = r->pos;
                while (r->pos < n && t[r->pos] != '"' && t[r->pos] != '\r' && t[r->pos] != '\n' &&
                       t[r->pos] != '\0')
                    r->pos++;
                if (buf_append(r, t + s, r->pos - s) != 0)
                    return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory reading CSV");
                if (r->pos >= n) {
                    r->pos = n;
                    return fail_line(err, qline,
                                     "the quoted field that opens here is never closed", fno);
                }
                char c = t[r->pos];
                if (c == '"') {
                    if (r->pos + 1 < n && t[r->pos + 1] == '"') {
                        if (buf_append(r, "\"", 1) != 0)
                            return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory reading CSV");
                        r->pos += 2;
                        continue;
                    }
                    r->pos++;
                    break;
                }
                if (c == '\0') {
                    long l = r->line;
                    skip_line(r);
                    return fail_line(err, l, "NUL byte in a quoted field", fno);
                }
                /* A line break inside quotes (CRLF, LF or CR) is kept as one LF. */
                r->pos += eol_len(r, r->pos);
                r->line++;
                if (buf_append(r, "\n", 1) != 0)
                    return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory reading CSV");
            }
            if (r->pos < n && t[r->pos] != ',' && !eol_len(r, r->pos)) {
                long l = r->line;
                skip_line(r);
                return fail_line(err, l, "text after the closing quote of a quoted field", fno);
            }
        } else {
            size_t s = r->pos;
            while (r->pos < n && t[r->pos] != ',' && t[r->pos] != '\r' && t[r->pos] != '\n') {
                if (t[r->pos] == '"' || t[r->pos] == '\0') {
                    long l = r->line;
                    const char *what = t[r->pos] == '"'
                                           ? "a quote inside an unquoted field (quote the whole "
                                             "field and double the quote)"
                                           : "NUL byte in a field";
                    skip_line(r);
                    return fail_line(err, l, what, fno);
                }
                r->pos++;
            }
            if (buf_append(r, t + s, r->pos - s) != 0)
                return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory reading CSV");
        }
        /* Terminate the field; buf_append() keeps one NUL past the end, step over it. */
        if (buf_append(r, "", 1) != 0)
            return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory reading CSV");
        if (r->pos < n && t[r->pos] == ',') {
            r->pos++;
            continue;
        }
        break;
    }
    /* a streamed record must end inside the window (csv_reader_open() checked the caps) */
    if (r->src && r->pos >= n && !(r->src->eof && r->src->have == 0))
        return fail_line(err, start, "the file changed while it was read", r->nf);
    rec->end_line = r->line;
    k = eol_len(r, r->pos);
    if (k) {
        r->pos += k;
        r->line++;
    }
    for (size_t i = 0; i < r->nf; i++)
        r->fields[i] = r->buf + r->offs[i];
    rec->fields = r->fields;
    rec->nfields = r->nf;
    rec->line = start;
    return MEIBO_OK;
}

/* ---- writing -------------------------------------------------------------------------- */

void csv_write_field(FILE *out, const char *s, int last)
{
    if (!out)
        return;
    if (!s)
        s = "";
    size_t n = strlen(s);
    /* a leading U+FEFF is quoted too: at the start of a file a reader takes it for a BOM */
    bool quote = strpbrk(s, ",\"\r\n") != NULL ||
                 (n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')) ||
                 !strncmp(s, "\xEF\xBB\xBF", 3);
    if (quote) {
        fputc('"', out);
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                fputc('"', out);
            fputc(*p, out);
        }
        fputc('"', out);
    } else {
        fputs(s, out);
    }
    /* Records end in CRLF (RFC 4180, and what Excel writes). */
    fputs(last ? "\r\n" : ",", out);
}

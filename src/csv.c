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

/* Fail with MEIBO_ERR_ENCODING for malformed UTF-8 at byte @p off. */
static meibo_status fail_utf8(meibo_err *err, const char *name, const char *b, size_t n,
                              size_t off)
{
    long line = csv_line_of(b, n, off);
    meibo_fail(err, MEIBO_ERR_ENCODING,
               "%s: line %ld: malformed UTF-8 at byte offset %zu (byte 0x%02X)", name, line, off,
               (unsigned)(unsigned char)b[off]);
    if (err)
        err->line = line;
    return MEIBO_ERR_ENCODING;
}

/* Fail with MEIBO_ERR_ENCODING for a byte glibc's CP932 does not accept at @p off. */
static meibo_status fail_cp932(meibo_err *err, const char *name, const char *b, size_t n,
                               size_t off, bool automatic)
{
    long line = csv_line_of(b, n, off);
    unsigned c = (unsigned char)b[off];
    char pair[32] = "";
    bool lead = (c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC);
    if (lead && off + 1 < n)
        snprintf(pair, sizeof pair, " (pair 0x%02X 0x%02X)", c,
                 (unsigned)(unsigned char)b[off + 1]);
    else if (lead)
        snprintf(pair, sizeof pair, " (cut off at the end)");
    meibo_fail(err, MEIBO_ERR_ENCODING, "%s: line %ld: byte 0x%02X is not valid CP932%s%s", name,
               line, c, pair, automatic ? "; the file is not UTF-8 either" : "");
    if (err)
        err->line = line;
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
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        meibo_fail(err, MEIBO_ERR_ENCODING,
                   "%s: line 1: the file is UTF-16 (byte-order mark 0x%02X 0x%02X); save it as "
                   "CSV UTF-8 or CSV (comma delimited)",
                   name, (unsigned)u[0], (unsigned)u[1]);
        if (err)
            err->line = 1;
        return MEIBO_ERR_ENCODING;
    }
    /* A NUL would silently cut a field short: refuse it in every encoding. */
    const char *nul = memchr(bytes, '\0', n);
    if (nul) {
        size_t off = (size_t)(nul - bytes);
        long line = csv_line_of(bytes, n, off);
        meibo_fail(err, MEIBO_ERR_ENCODING,
                   "%s: line %ld: byte 0x00 (NUL) at byte offset %zu; this is not a text file "
                   "(UTF-16?)",
                   name, line, off);
        if (err)
            err->line = line;
        return MEIBO_ERR_ENCODING;
    }

    bool bom = n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
    if (enc == CSV_ENC_CP932 && bom) {
        meibo_fail(err, MEIBO_ERR_ENCODING,
                   "%s: line 1: the file starts with a UTF-8 byte-order mark: it is UTF-8, not "
                   "CP932",
                   name);
        if (err)
            err->line = 1;
        return MEIBO_ERR_ENCODING;
    }

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
    /* O_NONBLOCK so that a FIFO does not hang open(); it is refused below. The caller's file,
     * opened with the caller's rights (boundary.h) */
    int fd = boundary_open_user(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
    if (fd < 0)
        return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        int e = errno;
        close(fd);
        return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(e));
    }
    if (!S_ISREG(sb.st_mode)) {
        close(fd);
        return meibo_fail(err, MEIBO_ERR_IO, "%s: not a regular file%s", path,
                          S_ISDIR(sb.st_mode) ? " (a directory)" : "");
    }
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

struct csv_reader {
    const char *text;
    size_t len;
    size_t pos;    /* next byte to read */
    long line;     /* physical line of text[pos] */
    char *buf;     /* the current record's fields, each NUL-terminated */
    size_t blen, bcap;
    size_t *offs;  /* start of each field in buf */
    char **fields; /* handed out in csv_record, rebuilt per record */
    size_t nf, fcap;
};

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

void csv_reader_free(csv_reader *r)
{
    if (!r)
        return;
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
        size_t cap = r->bcap ? r->bcap : 256;
        while (cap < need)
            cap = cap > SIZE_MAX / 2 ? need : cap * 2;
        char *nb = realloc(r->buf, cap);
        if (!nb)
            return -1;
        r->buf = nb;
        r->bcap = cap;
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
    const char *t = r->text;
    size_t n = r->len;

    /* Lines with nothing on them are skipped. */
    size_t k;
    while ((k = eol_len(r, r->pos)) > 0) {
        r->pos += k;
        r->line++;
    }
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

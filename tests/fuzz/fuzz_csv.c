/* fuzz_csv.c: the CSV decoder (UTF-8, UTF-8 with BOM, CP932, automatic) and the RFC 4180
 * reader. Properties: decoded text is valid UTF-8 and NUL-free; every record the reader
 * returns has valid UTF-8 fields and sane line numbers; a record written with
 * csv_write_field() reads back as the same fields. First input byte: the encoding. */
#include "fuzz.h"

#include "meibo/csv.h"
#include "meibo/text.h"

/* Write @p rec with csv_write_field() and read it back: the same fields. */
static void roundtrip(const csv_record *rec)
{
    if (rec->nfields == 1 && !rec->fields[0][0])
        return; /* one empty field is an empty line, which the reader skips */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        abort();
    for (size_t i = 0; i < rec->nfields; i++)
        csv_write_field(f, rec->fields[i], i + 1 == rec->nfields);
    fclose(f);
    csv_reader *r = NULL;
    meibo_err err;
    FUZZ_CHECK(csv_reader_new(buf, len, &r, &err) == MEIBO_OK, "%s", err.msg);
    csv_record back;
    meibo_status st = csv_next(r, &back, &err);
    FUZZ_CHECK(st == MEIBO_OK, "written record unreadable: %s", err.msg);
    FUZZ_CHECK(back.nfields == rec->nfields, "%zu fields written, %zu read", rec->nfields,
               back.nfields);
    for (size_t i = 0; i < back.nfields; i++)
        FUZZ_CHECK(!strcmp(back.fields[i], rec->fields[i]), "field %zu: [%s] read as [%s]", i,
                   rec->fields[i], back.fields[i]);
    FUZZ_CHECK(csv_next(r, &back, &err) == MEIBO_ERR_NOT_FOUND, "a second record appeared");
    csv_reader_free(r);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const csv_encoding encs[] = {CSV_ENC_AUTO, CSV_ENC_UTF8, CSV_ENC_CP932, CSV_ENC_AUTO};
    csv_encoding enc = encs[data[0] & 3];
    const char *bytes = (const char *)data + 1;
    size_t n = size - 1;

    char *utf8 = NULL;
    size_t len = 0;
    csv_encoding used = CSV_ENC_AUTO;
    meibo_err err;
    meibo_err_clear(&err);
    meibo_status st = csv_decode(bytes, n, "fuzz.csv", enc, &utf8, &len, &used, &err);
    if (st != MEIBO_OK) {
        FUZZ_CHECK(utf8 == NULL, "output left after a failure");
        FUZZ_CHECK(st == MEIBO_ERR_ENCODING || st == MEIBO_ERR_INVALID, "status %d", (int)st);
        FUZZ_CHECK(memchr(err.msg, '\0', sizeof err.msg) != NULL, "message not terminated");
        FUZZ_CHECK(text_utf8_valid(err.msg, strlen(err.msg), NULL) || used == CSV_ENC_AUTO,
                   "message not UTF-8");
        return 0;
    }
    FUZZ_CHECK(utf8 != NULL, "no output");
    FUZZ_CHECK(strlen(utf8) == len, "NUL inside the decoded text");
    FUZZ_CHECK(text_utf8_valid(utf8, len, NULL), "decoded text is not UTF-8");
    FUZZ_CHECK(used == CSV_ENC_UTF8 || used == CSV_ENC_CP932, "used %d", (int)used);

    csv_reader *r = NULL;
    FUZZ_CHECK(csv_reader_new(utf8, len, &r, &err) == MEIBO_OK, "%s", err.msg);
    csv_record rec;
    long last = 0;
    for (int i = 0; i < 100000; i++) {
        st = csv_next(r, &rec, &err);
        if (st == MEIBO_ERR_NOT_FOUND)
            break;
        if (st != MEIBO_OK) {
            FUZZ_CHECK(st == MEIBO_ERR_INVALID, "status %d", (int)st);
            FUZZ_CHECK(err.line >= 1, "error without a line: %s", err.msg);
            break;
        }
        FUZZ_CHECK(rec.nfields >= 1, "a record without fields");
        FUZZ_CHECK(rec.line > last && rec.end_line >= rec.line, "lines %ld..%ld after %ld",
                   rec.line, rec.end_line, last);
        last = rec.end_line;
        for (size_t f = 0; f < rec.nfields; f++)
            FUZZ_CHECK(text_utf8_valid(rec.fields[f], strlen(rec.fields[f]), NULL),
                       "field %zu not UTF-8", f);
        roundtrip(&rec);
    }
    csv_reader_free(r);
    free(utf8);
    return 0;
}

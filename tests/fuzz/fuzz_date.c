/* fuzz_date.c: the date parser (西暦 and 和暦, full-width digits, era letters).
 * Properties: an accepted date is a real day; its ISO text and its 和暦 text parse back to the
 * same day; date_normalize() agrees with date_parse(); a refusal names the field. */
#include "fuzz.h"

#include "meibo/date.h"
#include "meibo/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256)
        return 0;
    char *in = fuzz_cstr(data, size);
    meibo_date d;
    meibo_err err;
    meibo_err_clear(&err);
    meibo_status st = date_parse(in, "birth_date", &d, &err);
    char iso[11];
    meibo_err e2;
    meibo_status st2 = date_normalize(in, "birth_date", iso, &e2);
    FUZZ_CHECK(st == st2, "date_parse %d, date_normalize %d", (int)st, (int)st2);
    if (st != MEIBO_OK) {
        FUZZ_CHECK(st == MEIBO_ERR_INVALID, "status %d", (int)st);
        FUZZ_CHECK(strstr(err.msg, "birth_date") != NULL, "message without the field: %s",
                   err.msg);
        FUZZ_CHECK(text_utf8_valid(err.msg, strlen(err.msg), NULL), "message not UTF-8");
        free(in);
        return 0;
    }
    FUZZ_CHECK(date_valid(d.y, d.m, d.d), "accepted %d-%d-%d", d.y, d.m, d.d);
    char iso2[11];
    date_format(&d, iso2);
    FUZZ_CHECK(!strcmp(iso, iso2), "%s vs %s", iso, iso2);
    FUZZ_CHECK(date_iso_valid(iso), "%s", iso);
    meibo_date back;
    FUZZ_CHECK(date_parse(iso, NULL, &back, &err) == MEIBO_OK && date_cmp(&d, &back) == 0,
               "%s does not parse back", iso);
    char wareki[64];
    date_format_wareki(&d, wareki, sizeof wareki);
    if (wareki[0])
        FUZZ_CHECK(date_parse(wareki, NULL, &back, &err) == MEIBO_OK && date_cmp(&d, &back) == 0,
                   "和暦 %s of %s does not parse back: %s", wareki, iso, err.msg);
    free(in);
    return 0;
}

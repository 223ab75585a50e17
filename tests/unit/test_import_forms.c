/* test_import_forms.c: meibo(1) says exactly what import accepts (issue 19): every consent
 * word of the code's table is listed under directory_consent, and every form the page lists
 * for consent, dates and postal codes is taken by the same code the import uses. */
#include "helpers.h"

#include <stdbool.h>

#include "meibo/date.h"
#include "meibo/member.h"

#define MAN "man/meibo.1"

/* The lines of meibo(1), NUL-separated, in one malloc'd buffer. */
static char *read_man(size_t *len)
{
    FILE *f = fopen(MAN, "r");
    assert_non_null(f);
    char *buf = malloc(1 << 20);
    assert_non_null(buf);
    *len = fread(buf, 1, (1 << 20) - 1, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

/* The words of the ".Li w , w , w ." lines after the line starting with @p start, up to the
 * next ".It", ".Sh" or ".El"; calls @p each with the index of its .Li line. */
typedef void (*word_fn)(const char *w, int nth_line, void *arg);
static int li_words(const char *man, const char *start, word_fn each, void *arg)
{
    const char *p = strstr(man, start);
    if (!p) {
        fail_msg("meibo(1) has no line '%s'", start);
        return 0;
    }
    p = strchr(p, '\n');
    if (!p)
        return 0;
    p++;
    int nli = 0;
    while (*p && strncmp(p, ".It", 3) && strncmp(p, ".Sh", 3) && strncmp(p, ".El", 3)) {
        const char *end = strchr(p, '\n');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (!strncmp(p, ".Li ", 4)) {
            char line[512];
            snprintf(line, sizeof line, "%.*s", (int)(n - 4), p + 4);
            for (char *save = NULL, *w = strtok_r(line, " ", &save); w; w = strtok_r(NULL, " ", &save))
                if (strcmp(w, ",") && strcmp(w, "."))
                    each(w, nli, arg);
            nli++;
        }
        p += n + (end ? 1 : 0);
    }
    return nli;
}

typedef struct listed {
    char words[2][32][24];
    int n[2];
} listed;

static void collect(const char *w, int nth, void *arg)
{
    listed *l = arg;
    assert_true(nth < 2 && l->n[nth] < 32);
    snprintf(l->words[nth][l->n[nth]++], 24, "%s", w);
}

static meibo_status set_valid(const char *field, const char *value, meibo_member *m, meibo_err *err)
{
    static const char *const base[][2] = {{"member_no", "10000001"}, {"family_name", "高橋"},
                                          {"given_name", "一郎"},    {"family_kana", "タカハシ"},
                                          {"given_kana", "イチロウ"}, {"joined_on", "2010-04-01"}};
    member_init(m);
    for (size_t i = 0; i < sizeof base / sizeof *base; i++)
        assert_ok(member_set(m, (member_field)member_field_find(base[i][0]), base[i][1], err), err);
    assert_ok(member_set(m, (member_field)member_field_find(field), value, err), err);
    return member_validate(m, err);
}

/* The consent words: the page lists the table exactly (yes first, then no), and each parses. */
static void test_consent_words(void **state)
{
    (void)state;
    size_t len;
    char *man = read_man(&len);
    listed l = {0};
    assert_int_equal(li_words(man, ".It directory_consent", collect, &l), 2);
    const char *const *table[2] = {member_consent_yes, member_consent_no};
    for (int k = 0; k < 2; k++) {
        int n = 0;
        for (; table[k][n]; n++) {
            bool found = false;
            for (int i = 0; i < l.n[k]; i++)
                found = found || !strcmp(l.words[k][i], table[k][n]);
            if (!found)
                fail_msg("meibo(1) does not list '%s' for %s", table[k][n], k ? "no" : "yes");
        }
        assert_int_equal(n, l.n[k]);
        for (int i = 0; i < l.n[k]; i++) {
            meibo_member m;
            meibo_err err;
            assert_ok(set_valid("directory_consent", l.words[k][i], &m, &err), &err);
            assert_string_equal(member_get_field(&m, MF_DIRECTORY_CONSENT), k ? "no" : "yes");
            member_clear(&m);
            /* as a sheet writes the Latin ones: upper case */
            char up[24];
            snprintf(up, sizeof up, "%s", l.words[k][i]);
            for (char *c = up; *c; c++)
                if (*c >= 'a' && *c <= 'z')
                    *c = (char)(*c - 'a' + 'A');
            assert_ok(set_valid("directory_consent", up, &m, &err), &err);
            member_clear(&m);
        }
    }
    free(man);
}

static void date_taken(const char *w, int nth, void *arg)
{
    (void)nth;
    (void)arg;
    char iso[11];
    meibo_err err;
    if (date_normalize(w, "joined_on", iso, &err))
        fail_msg("meibo(1) lists the date '%s', which is refused: %s", w, err.msg);
}

/* Every date form the page lists is taken; 2005/10/1 and 2010年4月1日 among them. */
static void test_date_forms(void **state)
{
    (void)state;
    size_t len;
    char *man = read_man(&len);
    listed l = {0};
    assert_true(li_words(man, "Dates are stored YYYY-MM-DD", date_taken, NULL) >= 1);
    li_words(man, "Dates are stored YYYY-MM-DD", collect, &l);
    static const char *const must[] = {"2005/10/1", "2010年4月1日", "R1.5.1", "昭和50年5月5日"};
    for (size_t i = 0; i < sizeof must / sizeof *must; i++) {
        bool found = false;
        for (int k = 0; k < 2; k++)
            for (int j = 0; j < l.n[k]; j++)
                found = found || !strcmp(l.words[k][j], must[i]);
        if (!found)
            fail_msg("meibo(1) does not list the date form '%s'", must[i]);
    }
    char iso[11];
    meibo_err err;
    assert_ok(date_normalize("R1.5.1", "joined_on", iso, &err), &err);
    assert_string_equal(iso, "2019-05-01");
    free(man);
}

static void postal_taken(const char *w, int nth, void *arg)
{
    (void)nth;
    (void)arg;
    meibo_member m;
    meibo_err err;
    if (set_valid("postal_code", w, &m, &err))
        fail_msg("meibo(1) lists the postal code '%s', which is refused: %s", w, err.msg);
    assert_string_equal(member_get_field(&m, MF_POSTAL_CODE), "100-0005");
    member_clear(&m);
}

/* Every postal-code form the page lists is taken, and stored NNN-NNNN. */
static void test_postal_forms(void **state)
{
    (void)state;
    size_t len;
    char *man = read_man(&len);
    assert_int_equal(li_words(man, ".It postal_code", postal_taken, NULL), 1);
    free(man);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_consent_words),
        cmocka_unit_test(test_date_forms),
        cmocka_unit_test(test_postal_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

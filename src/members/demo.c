/* demo.c: deterministic synthetic members (meibo demo). */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "meibo/bulk.h"
#include "meibo/demo.h"

#include "demo_data.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Society founded earlier, but the roster starts here. */
#define DEMO_JOIN_FIRST_Y 1975
#define DEMO_BIRTH_FIRST_Y 1940
#define DEMO_BIRTH_LAST_Y 2000

/* Multiplier of the specialist-number permutation; coprime to DEMO_SPEC_RANGE. */
#define DEMO_SPEC_RANGE 9000000ULL
#define DEMO_SPEC_MUL 7654321ULL

/* ---- random numbers: splitmix64, one independent stream per member ---------------------- */

typedef struct demo_rng {
    uint64_t s;
} demo_rng;

/* The splitmix64 finalizer: a bijective 64-bit mix. */
static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static uint64_t rng_next(demo_rng *r)
{
    r->s += 0x9E3779B97F4A7C15ULL;
    return mix64(r->s);
}

/* Uniform in [0, n) for n < 2^32 (multiply-shift, bias below 2^-32). */
static uint32_t rng_below(demo_rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* True with probability per10k / 10000. */
static bool rng_chance(demo_rng *r, uint32_t per10k)
{
    return rng_below(r, 10000) < per10k;
}

/* Index of the first cumulative weight above a uniform draw below the total. */
static size_t pick_cum(demo_rng *r, const uint32_t *cum, size_t n)
{
    uint32_t u = rng_below(r, cum[n - 1]);
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cum[mid] > u)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Index into a small weight table by linear scan. */
static size_t pick_small(demo_rng *r, const uint8_t *w, size_t n)
{
    uint32_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += w[i];
    uint32_t u = rng_below(r, total);
    for (size_t i = 0; i < n; i++) {
        if (u < w[i])
            return i;
        u -= w[i];
    }
    return n - 1;
}

/* ---- dates as day numbers (days since 1970-01-01, proleptic Gregorian) ------------------ */

STATIC long demo_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

STATIC void demo_civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static bool leap_year(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap_year(y) ? 29 : dim[m - 1];
}

/* The same calendar day @p years later (29 February becomes 1 March in common years). */
static long add_years(long day, int years)
{
    int y, m, d;
    demo_civil_from_days(day, &y, &m, &d);
    y += years;
    if (d > days_in_month(y, m))
        return demo_days_from_civil(y, m, days_in_month(y, m)) + 1;
    return demo_days_from_civil(y, m, d);
}

/* Parse a strict "YYYY-MM-DD" into a day number. */
static bool parse_iso(const char *s, long *day)
{
    for (int i = 0; i < 10; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return false;
    }
    if (s[10] != '\0')
        return false;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return false;
    *day = demo_days_from_civil(y, m, d);
    return true;
}

/* Write a day number as "YYYY-MM-DD" (11 bytes). */
static void format_iso(long day, char out[11])
{
    int y, m, d;
    demo_civil_from_days(day, &y, &m, &d);
    out[0] = (char)('0' + y / 1000 % 10);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

static int year_of(long day)
{
    int y, m, d;
    demo_civil_from_days(day, &y, &m, &d);
    return y;
}

/* ---- string building into fixed buffers (a demo name cut at its field's end: unlike buf.h's
 * meibo_buf, nothing grows) ------------------------------------------------------------------ */

typedef struct cutbuf {
    char *p;
    size_t len, cap;
} cutbuf;

static void cb_init(cutbuf *b, char *mem, size_t cap)
{
    b->p = mem;
    b->len = 0;
    b->cap = cap;
    mem[0] = '\0';
}

static void cb_add(cutbuf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n >= b->cap)
        return;
    memcpy(b->p + b->len, s, n + 1);
    b->len += n;
}

static void cb_char(cutbuf *b, char c)
{
    if (b->len + 1 >= b->cap)
        return;
    b->p[b->len++] = c;
    b->p[b->len] = '\0';
}

/* Decimal digits of @p v, at least @p width of them (zero-padded). */
static void cb_num(cutbuf *b, unsigned long v, int width)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v && n < (int)sizeof tmp);
    while (n < width && n < (int)sizeof tmp)
        tmp[n++] = '0';
    while (n > 0)
        cb_char(b, tmp[--n]);
}

/* Append a lower-case ASCII word with its first letter in upper case. */
static void cb_capital(cutbuf *b, const char *s)
{
    size_t start = b->len;
    cb_add(b, s);
    if (b->len > start && b->p[start] >= 'a' && b->p[start] <= 'z')
        b->p[start] = (char)(b->p[start] - 'a' + 'A');
}

/* ---- places ----------------------------------------------------------------------------- */

/* The postal code of a town: the city's three digits and four fixed by the town. */
static void cb_postal(cutbuf *b, const demo_city *c, size_t pref, size_t city, size_t town)
{
    uint64_t h = mix64(0x6D6569626F706F73ULL ^ ((uint64_t)pref << 16) ^ ((uint64_t)city << 8) ^
                       (uint64_t)town);
    cb_add(b, c->postal);
    cb_char(b, '-');
    cb_num(b, (unsigned long)(h % 10000), 4);
}

/* A street address after the town name: 3丁目12番5号 or 3-12-5. */
static void cb_street(cutbuf *b, demo_rng *r)
{
    unsigned long a = 1 + rng_below(r, 6), bl = 1 + rng_below(r, 30), c = 1 + rng_below(r, 24);
    if (rng_chance(r, 4000)) {
        cb_num(b, a, 1);
        cb_add(b, "丁目");
        cb_num(b, bl, 1);
        cb_add(b, "番");
        cb_num(b, c, 1);
        cb_add(b, "号");
    } else {
        cb_num(b, a, 1);
        cb_char(b, '-');
        cb_num(b, bl, 1);
        cb_char(b, '-');
        cb_num(b, c, 1);
    }
}

/* A facility of the pool. */
typedef struct demo_facility {
    char name[128];
    char postal[12];
    char address[192];
    uint8_t pref;
} demo_facility;

/* Facility kinds and how many members each kind draws (relative). */
enum fac_kind {
    FK_UNIVERSITY, FK_PUBLIC, FK_MUNICIPAL, FK_NATIONAL, FK_CORPORATION, FK_PRIVATE, FK_CLINIC,
    FK_CHECKUP, FK__COUNT
};
static const uint8_t fac_kind_share[FK__COUNT] = {0, 6, 12, 5, 24, 10, 40, 3};
static const uint16_t fac_kind_members[FK__COUNT] = {60, 10, 10, 10, 5, 4, 1, 1};

static const char *const fac_dirs[] = {"", "中央", "東", "西", "南", "北", "第一", "総合"};
static const char *const fac_brands[] = {"ウェルネスメディカル", "ヘルスケアネット",
                                         "メディカルサポート", "ライフケア"};

/* Generated state of one run. */
typedef struct demo_state {
    uint64_t key;
    long today, birth_lo, birth_hi, join_first;
    uint32_t sur_cum[NELEM(demo_surnames)];
    uint32_t male_cum[3][NELEM(demo_male)];
    uint32_t female_cum[3][NELEM(demo_female)];
    demo_facility *fac;
    uint32_t *fac_cum;
    size_t nfac;
} demo_state;

/* A hospital of a medical corporation: 医療法人○○会 and its hospital. */
static void corporation_name(demo_rng *r, const demo_city *c, cutbuf *b)
{
    uint32_t form = rng_below(r, 10);
    cb_add(b, form < 6 ? "医療法人" : form < 9 ? "医療法人社団" : "社会医療法人");
    const char *kai = demo_kai[rng_below(r, NELEM(demo_kai))];
    cb_add(b, kai);
    cb_add(b, "会 ");
    if (rng_chance(r, 2500)) {
        cb_add(b, kai);
        cb_add(b, "病院");
    } else {
        cb_add(b, c->stem);
        cb_add(b, fac_dirs[rng_below(r, NELEM(fac_dirs))]);
        cb_add(b, rng_chance(r, 2000) ? "ハートセンター" : "病院");
    }
}

/* A private hospital: a founder's 記念病院, or the place's. */
static void private_name(const demo_state *st, demo_rng *r, const demo_city *c, cutbuf *b)
{
    if (rng_chance(r, 5000)) {
        cb_add(b, demo_surnames[pick_cum(r, st->sur_cum, NELEM(demo_surnames))].kanji);
        cb_add(b, "記念病院");
    } else {
        cb_add(b, c->stem);
        cb_add(b, fac_dirs[1 + rng_below(r, NELEM(fac_dirs) - 1)]);
        cb_add(b, "病院");
    }
}

/* A clinic: the doctor's name, the town's or the station's, or a corporation's. */
static void clinic_name(const demo_state *st, demo_rng *r, const demo_city *c, size_t town, cutbuf *b)
{
    const char *sur = demo_surnames[pick_cum(r, st->sur_cum, NELEM(demo_surnames))].kanji;
    switch (rng_below(r, 6)) {
    case 0:
        cb_add(b, sur);
        cb_add(b, "内科クリニック");
        break;
    case 1:
        cb_add(b, sur);
        cb_add(b, "循環器内科クリニック");
        break;
    case 2:
        cb_add(b, sur);
        cb_add(b, "医院");
        break;
    case 3:
        cb_add(b, demo_towns[town]);
        cb_add(b, "ハートクリニック");
        break;
    case 4:
        cb_add(b, c->stem);
        cb_add(b, "駅前クリニック");
        break;
    default:
        cb_add(b, "医療法人");
        cb_add(b, demo_kai[rng_below(r, NELEM(demo_kai))]);
        cb_add(b, "会 ");
        cb_add(b, sur);
        cb_add(b, "循環器クリニック");
        break;
    }
}

/* A facility name of @p kind in city @p c of prefecture @p p. */
static void facility_name(demo_state *st, demo_rng *r, enum fac_kind kind, const demo_pref *p,
                          const demo_city *c, size_t town, size_t uni_no, cutbuf *b)
{
    switch (kind) {
    case FK_UNIVERSITY:
        cb_add(b, c->stem);
        cb_add(b, uni_no == 0       ? "中央大学医学部附属病院"
                  : uni_no % 2 == 1 ? "医療大学病院"
                                    : "学院医科大学附属病院");
        break;
    case FK_PUBLIC:
        cb_add(b, p->public_word);
        cb_add(b, c->stem);
        cb_add(b, rng_chance(r, 3000) ? "循環器病センター" : rng_chance(r, 5000) ? "中央病院"
                                                                                 : "総合病院");
        break;
    case FK_MUNICIPAL:
        if (rng_chance(r, 5000)) {
            cb_add(b, "市立");
            cb_add(b, c->stem);
            cb_add(b, "病院");
        } else {
            cb_add(b, c->stem);
            cb_add(b, "市民病院");
        }
        break;
    case FK_NATIONAL:
        cb_add(b, "国立病院機構 ");
        cb_add(b, c->stem);
        cb_add(b, fac_dirs[rng_below(r, 6)]);
        cb_add(b, "医療センター");
        break;
    case FK_CORPORATION:
        corporation_name(r, c, b);
        break;
    case FK_PRIVATE:
        private_name(st, r, c, b);
        break;
    case FK_CLINIC:
        clinic_name(st, r, c, town, b);
        break;
    case FK_CHECKUP:
    default:
        cb_add(b, "（株）");
        cb_add(b, fac_brands[rng_below(r, NELEM(fac_brands))]);
        cb_char(b, ' ');
        cb_add(b, c->stem);
        cb_add(b, "健診センター");
        break;
    }
}

/* Build the facility pool: a fixed number per prefecture, roughly by population. */
static meibo_status build_facilities(demo_state *st, meibo_err *err)
{
    size_t total = 0;
    for (size_t p = 0; p < NELEM(demo_prefs); p++)
        total += demo_prefs[p].pop / 4 < 8 ? 8 : demo_prefs[p].pop / 4;
    st->fac = calloc(total, sizeof *st->fac);
    st->fac_cum = calloc(total, sizeof *st->fac_cum);
    if (!st->fac || !st->fac_cum)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "demo: no memory for %zu facilities", total);
    demo_rng r = {mix64(st->key ^ 0x66616369ULL)};
    uint32_t cum = 0;
    size_t n = 0;
    for (size_t p = 0; p < NELEM(demo_prefs); p++) {
        const demo_pref *pr = &demo_prefs[p];
        size_t count = pr->pop / 4 < 8 ? 8 : pr->pop / 4;
        size_t nuni = 1 + pr->pop / 350u, first = n;
        for (size_t k = 0; k < count; k++, n++) {
            demo_facility *f = &st->fac[n];
            enum fac_kind kind = FK_UNIVERSITY;
            if (k >= nuni)
                kind = (enum fac_kind)pick_small(&r, fac_kind_share, FK__COUNT);
            size_t city = 0, town = 0;
            cutbuf b;
            for (int attempt = 0; attempt < 16; attempt++) {
                /* a name already taken in the prefecture: try again, later as a clinic */
                if (attempt >= 4 && kind != FK_UNIVERSITY)
                    kind = attempt % 2 ? FK_CLINIC : FK_CORPORATION;
                city = k < nuni ? k % pr->ncities : rng_below(&r, pr->ncities);
                if (!pr->cities[city].is_city && kind == FK_MUNICIPAL)
                    kind = FK_PRIVATE;
                town = rng_below(&r, NELEM(demo_towns));
                cb_init(&b, f->name, sizeof f->name);
                facility_name(st, &r, kind, pr, &pr->cities[city], town, k, &b);
                bool dup = false;
                for (size_t j = first; j < n && !dup; j++)
                    dup = strcmp(st->fac[j].name, f->name) == 0;
                if (!dup)
                    break;
            }
            const demo_city *c = &pr->cities[city];
            cb_init(&b, f->postal, sizeof f->postal);
            cb_postal(&b, c, p, city, town);
            cb_init(&b, f->address, sizeof f->address);
            cb_add(&b, pr->name);
            cb_add(&b, c->name);
            cb_add(&b, demo_towns[town]);
            cb_street(&b, &r);
            if (kind == FK_CLINIC && rng_chance(&r, 3500)) {
                cb_char(&b, ' ');
                cb_add(&b, rng_chance(&r, 5000) ? c->stem : demo_towns[town]);
                cb_add(&b, "メディカルビル");
                cb_num(&b, 1 + rng_below(&r, 5), 1);
                cb_add(&b, "階");
            }
            f->pref = (uint8_t)p;
            cum += fac_kind_members[kind];
            st->fac_cum[n] = cum;
        }
    }
    st->nfac = n;
    return MEIBO_OK;
}

/* Cumulative weights of the name tables, one per birth era for given names. */
static void build_name_tables(demo_state *st)
{
    uint32_t cum = 0;
    for (size_t i = 0; i < NELEM(demo_surnames); i++)
        st->sur_cum[i] = cum += demo_surnames[i].weight;
    for (int e = 0; e < 3; e++) {
        cum = 0;
        for (size_t i = 0; i < NELEM(demo_male); i++)
            st->male_cum[e][i] = cum += demo_male[i].w[e];
        cum = 0;
        for (size_t i = 0; i < NELEM(demo_female); i++)
            st->female_cum[e][i] = cum += demo_female[i].w[e];
    }
}

/* ---- one member ------------------------------------------------------------------------- */

/* Set one field, keeping the first failure. */
static void put(meibo_member *m, member_field f, const char *v, meibo_status *st, meibo_err *err)
{
    if (*st == MEIBO_OK)
        *st = member_set(m, f, v, err);
}

/* A uniform day in [lo, hi]. */
static long rng_day(demo_rng *r, long lo, long hi)
{
    return hi <= lo ? lo : lo + (long)rng_below(r, (uint32_t)(hi - lo + 1));
}

/* The birth day of a member, the joining day at 24–40 (*@p joined; its birth year *@p by). */
static void member_dates(const demo_state *st, demo_rng *r, meibo_member *m, long *joined,
                         int *by, meibo_status *s, meibo_err *err)
{
    char date[11];
    long birth = rng_day(r, st->birth_lo, st->birth_hi);
    *by = year_of(birth);
    long jlo = add_years(birth, 24), jhi = add_years(birth, 40);
    if (jlo < st->join_first)
        jlo = st->join_first;
    if (jhi > st->today)
        jhi = st->today;
    *joined = rng_day(r, jlo, jhi);
    format_iso(birth, date);
    put(m, MF_BIRTH_DATE, date, s, err);
    format_iso(*joined, date);
    put(m, MF_JOINED_ON, date, s, err);
}

/* The names: era-weighted given names (born in @p by), more women among the younger. */
static void member_names(const demo_state *st, demo_rng *r, int by, meibo_member *m,
                         const demo_surname **fam_out, const demo_given **giv_out,
                         meibo_status *s, meibo_err *err)
{
    int era = by < 1960 ? 0 : by < 1980 ? 1 : 2;
    static const uint32_t female_share[3] = {800, 1600, 2900};
    bool female = rng_chance(r, female_share[era]);
    const demo_surname *fam = &demo_surnames[pick_cum(r, st->sur_cum, NELEM(demo_surnames))];
    const demo_given *giv =
        female ? &demo_female[pick_cum(r, st->female_cum[era], NELEM(demo_female))]
               : &demo_male[pick_cum(r, st->male_cum[era], NELEM(demo_male))];
    put(m, MF_FAMILY_NAME, fam->kanji, s, err);
    put(m, MF_GIVEN_NAME, giv->kanji, s, err);
    put(m, MF_FAMILY_KANA, fam->kana, s, err);
    put(m, MF_GIVEN_KANA, giv->kana, s, err);
    char buf[256];
    cutbuf b;
    cb_init(&b, buf, sizeof buf);
    cb_capital(&b, giv->romaji);
    cb_char(&b, ' ');
    cb_capital(&b, fam->romaji);
    put(m, MF_NAME_EN, buf, s, err);
    *fam_out = fam;
    *giv_out = giv;
}

/* The home, in the prefecture @p pr (number @p pref) of the member's facility. */
static void member_home(demo_rng *r, const demo_pref *pr, uint8_t pref, meibo_member *m,
                        meibo_status *s, meibo_err *err)
{
    char buf[256];
    cutbuf b;
    size_t city = rng_below(r, pr->ncities), town = rng_below(r, NELEM(demo_towns));
    const demo_city *c = &pr->cities[city];
    cb_init(&b, buf, sizeof buf);
    cb_postal(&b, c, pref, city, town);
    put(m, MF_POSTAL_CODE, buf, s, err);
    cb_init(&b, buf, sizeof buf);
    cb_add(&b, pr->name);
    cb_add(&b, c->name);
    cb_add(&b, demo_towns[town]);
    cb_street(&b, r);
    if (rng_chance(r, 3500)) {
        cb_char(&b, ' ');
        cb_add(&b, demo_buildings[rng_below(r, NELEM(demo_buildings))]);
        cb_add(&b, rng_chance(r, 5000) ? c->stem : demo_towns[town]);
        cb_char(&b, ' ');
        cb_num(&b, (1 + rng_below(r, 14)) * 100 + 1 + rng_below(r, 10), 1);
        if (rng_chance(r, 6000))
            cb_add(&b, "号室");
    }
    put(m, MF_HOME_ADDRESS, buf, s, err);
}

/* The e-mail: a romaji local part (G given, F family, g initial) at an example.* domain. */
static void member_email(demo_rng *r, const demo_given *giv, const demo_surname *fam, int by,
                         meibo_member *m, meibo_status *s, meibo_err *err)
{
    char buf[256];
    cutbuf b;
    cb_init(&b, buf, sizeof buf);
    const char *g = giv->romaji, *fa = fam->romaji;
    static const char *const email_forms[] = {"G.F", "g.F", "F.G", "F-g", "gF", "FG"};
    for (const char *p = email_forms[rng_below(r, NELEM(email_forms))]; *p; p++) {
        if (*p == 'G')
            cb_add(&b, g);
        else if (*p == 'F')
            cb_add(&b, fa);
        else if (*p == 'g')
            cb_char(&b, g[0]);
        else
            cb_char(&b, *p);
    }
    uint32_t suffix = rng_below(r, 10);
    if (suffix < 3)
        cb_num(&b, (unsigned long)(by % 100), 2);
    else if (suffix < 6)
        cb_num(&b, 1 + rng_below(r, 999), 1);
    cb_char(&b, '@');
    cb_add(&b, demo_domains[pick_small(r, demo_domain_weight, NELEM(demo_domains))]);
    put(m, MF_EMAIL, buf, s, err);
}

/* The status: deceased more often among the older, a few percent withdrawn; the day they
 * left (0: active). */
static long member_status(const demo_state *st, demo_rng *r, long joined, int by,
                          meibo_member *m, meibo_status *s, meibo_err *err)
{
    uint32_t u = rng_below(r, 10000), p_dead = by < 1955 ? 400 : 30;
    long left = 0;
    const char *status = "active", *reason = NULL;
    if (joined < st->today && u < p_dead + 260) {
        left = rng_day(r, joined + 1, st->today);
        if (u < p_dead) {
            status = "deceased";
            reason = "逝去";
        } else {
            status = "withdrawn";
            reason = demo_withdraw_reasons[pick_small(r, demo_withdraw_weight,
                                                      NELEM(demo_withdraw_reasons))];
        }
    }
    put(m, MF_STATUS, status, s, err);
    if (left) {
        char date[11];
        format_iso(left, date);
        put(m, MF_WITHDRAWN_ON, date, s, err);
        put(m, MF_WITHDRAW_REASON, reason, s, err);
    }
    return left;
}

/* Fill @p m with member number @p i (its own stream: independent of the run's length). */
static meibo_status make_member(const demo_state *st, long i, meibo_member *m, meibo_err *err)
{
    demo_rng r = {mix64(st->key + (uint64_t)i * 0xD1B54A32D192ED03ULL)};
    meibo_status s = MEIBO_OK;
    char buf[256], date[11];
    cutbuf b;

    /* numbers */
    cb_init(&b, buf, sizeof buf);
    cb_num(&b, (unsigned long)(20000001L + i), 8);
    put(m, MF_MEMBER_NO, buf, &s, err);

    long joined;
    int by;
    member_dates(st, &r, m, &joined, &by, &s, err);
    const demo_surname *fam;
    const demo_given *giv;
    member_names(st, &r, by, m, &fam, &giv, &s, err);

    /* facility and branch; home in the same prefecture */
    const demo_facility *f = &st->fac[pick_cum(&r, st->fac_cum, st->nfac)];
    const demo_pref *pr = &demo_prefs[f->pref];
    put(m, MF_FACILITY_NAME, f->name, &s, err);
    put(m, MF_FACILITY_POSTAL_CODE, f->postal, &s, err);
    put(m, MF_FACILITY_ADDRESS, f->address, &s, err);
    put(m, MF_BRANCH, demo_branches[pr->branch], &s, err);
    member_home(&r, pr, f->pref, m, &s, err);
    member_email(&r, giv, fam, by, m, &s, err);

    /* specialist (専門医) for about a third: few in their first five years */
    if (rng_chance(&r, st->today - joined >= 5 * 365 ? 3500 : 800)) {
        uint64_t k = (DEMO_SPEC_MUL * (uint64_t)i + st->key % DEMO_SPEC_RANGE) % DEMO_SPEC_RANGE;
        cb_init(&b, buf, sizeof buf);
        cb_num(&b, (unsigned long)(1000000 + k), 7);
        put(m, MF_SPECIALIST_NO, buf, &s, err);
    }

    long left = member_status(st, &r, joined, by, m, &s, err);

    /* third-party provision stopped (第20条第5項) for a few; directory consent for most */
    bool optout = false;
    long ohi = left ? left : st->today;
    if (joined < ohi && rng_chance(&r, 300)) {
        optout = true;
        format_iso(rng_day(&r, joined + 1, ohi), date);
        put(m, MF_OPTOUT_ON, date, &s, err);
    }
    put(m, MF_DIRECTORY_CONSENT, !optout && rng_chance(&r, 8200) ? "yes" : "no", &s, err);
    return s;
}

/* ---- the run ---------------------------------------------------------------------------- */

meibo_status demo_generate(const demo_options *opt, demo_member_fn fn, void *arg, meibo_err *err)
{
    if (!opt || !fn)
        return meibo_fail(err, MEIBO_ERR_INVALID, "demo: no options or callback");
    if (opt->members < 0 || opt->members > DEMO_MAX_MEMBERS)
        return meibo_fail(err, MEIBO_ERR_INVALID, "demo: --members must be 0..%ld, not %ld",
                          DEMO_MAX_MEMBERS, opt->members);
    demo_state *st = calloc(1, sizeof *st);
    if (!st)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "demo: out of memory");
    meibo_status s = MEIBO_OK;
    if (opt->today) {
        if (!parse_iso(opt->today, &st->today)) {
            s = meibo_fail(err, MEIBO_ERR_INVALID, "demo: reference date \"%s\" is not YYYY-MM-DD",
                           opt->today);
            goto done;
        }
    } else {
        time_t now = time(NULL);
        struct tm tm;
        if (!localtime_r(&now, &tm)) {
            s = meibo_fail(err, MEIBO_ERR_INVALID, "demo: no local date");
            goto done;
        }
        st->today = demo_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    }
    if (st->today < demo_days_from_civil(1980, 1, 1)) {
        s = meibo_fail(err, MEIBO_ERR_INVALID, "demo: reference date before 1980-01-01");
        goto done;
    }
    st->key = mix64(opt->seed ^ 0x6D6569626F2D6465ULL);
    st->join_first = demo_days_from_civil(DEMO_JOIN_FIRST_Y, 1, 1);
    st->birth_lo = demo_days_from_civil(DEMO_BIRTH_FIRST_Y, 1, 1);
    st->birth_hi = demo_days_from_civil(DEMO_BIRTH_LAST_Y, 12, 31);
    if (add_years(st->birth_hi, 24) > st->today) {
        /* the latest birth that can have joined at 24 by the reference date */
        int y, m, d;
        demo_civil_from_days(st->today, &y, &m, &d);
        if (m == 2 && d == 29)
            d = 28;
        st->birth_hi = demo_days_from_civil(y - 24, m, d);
    }
    build_name_tables(st);
    s = build_facilities(st, err);
    if (s != MEIBO_OK)
        goto done;

    meibo_member m;
    member_init(&m);
    for (long i = 0; i < opt->members && s == MEIBO_OK; i++) {
        member_clear(&m);
        s = make_member(st, i, &m, err);
        if (s == MEIBO_OK)
            s = fn(&m, arg, err);
    }
    member_clear(&m);
done:
    free(st->fac);
    free(st->fac_cum);
    free(st);
    return s;
}

/* ---- test access ------------------------------------------------------------------------ */

#ifdef TESTING
bool demo_name_entry(int table, size_t i, const char **kanji, const char **kana,
                     const char **romaji)
{
    if (table == 0 && i < NELEM(demo_surnames)) {
        *kanji = demo_surnames[i].kanji;
        *kana = demo_surnames[i].kana;
        *romaji = demo_surnames[i].romaji;
        return true;
    }
    const demo_given *t = table == 1 ? demo_male : demo_female;
    size_t n = table == 1 ? NELEM(demo_male) : NELEM(demo_female);
    if ((table == 1 || table == 2) && i < n) {
        *kanji = t[i].kanji;
        *kana = t[i].kana;
        *romaji = t[i].romaji;
        return true;
    }
    return false;
}
#endif

/* The loading thread: generate members and hand them to bulk_load(). */
static meibo_status demo_push(meibo_member *m, void *arg, meibo_err *err)
{
    (void)err;
    return bulk_push(arg, m, 0);
}

static meibo_status demo_source(bulk *b, void *arg, meibo_err *err)
{
    return demo_generate(arg, demo_push, b, err);
}

meibo_status demo_load(meibo_ctx *ctx, const demo_options *opt, long commit_every,
                       bulk_result *res, meibo_err *err)
{
    /* the synthetic opt-outs become opt-out records with this source (第20条第5項) */
    meibo_status st = bulk_load_from(ctx, "デモデータ", demo_source, (void *)(uintptr_t)opt, NULL,
                                     NULL, commit_every, res, err);
    if (st == MEIBO_OK && res->rejected)
        st = meibo_fail(err, MEIBO_ERR_INVALID, "%ld generated members were refused", res->rejected);
    return st;
}

/* member.c: the member record and its validation, without the database (roster.c stores it). */
#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "meibo/check.h"
#include "meibo/date.h"
#include "meibo/member.h"
#include "meibo/text.h"

static const member_field_info field_info[MF__COUNT] = {
#define MEIBO_MF_INFO(id, name, ja, kind, flags) {name, ja, kind, flags},
    MEIBO_MEMBER_FIELDS(MEIBO_MF_INFO)
#undef MEIBO_MF_INFO
};

const member_field_info *member_field_get(member_field f)
{
    return (unsigned)f < MF__COUNT ? &field_info[f] : NULL;
}

int member_field_find(const char *name)
{
    if (!name)
        return -1;
    while (*name == ' ' || *name == '\t')
        name++;
    size_t n = strlen(name);
    while (n && (name[n - 1] == ' ' || name[n - 1] == '\t' || name[n - 1] == '\r'))
        n--;
    for (int f = 0; f < MF__COUNT; f++) {
        if ((strlen(field_info[f].name) == n && !strncasecmp(field_info[f].name, name, n)) ||
            (strlen(field_info[f].ja) == n && !strncmp(field_info[f].ja, name, n)))
            return f;
    }
    return -1;
}

void member_init(meibo_member *m)
{
    memset(m, 0, sizeof *m);
}

void member_clear(meibo_member *m)
{
    for (int f = 0; f < MF__COUNT; f++)
        free(m->v[f]);
    free(m->created_at);
    free(m->updated_at);
    free(m->updated_by);
    member_init(m);
}

meibo_status member_set(meibo_member *m, member_field f, const char *value, meibo_err *err)
{
    if ((unsigned)f >= MF__COUNT)
        return meibo_fail(err, MEIBO_ERR_INVALID, "no such member field");
    char *copy = NULL;
    if (value && *value && !(copy = strdup(value)))
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    free(m->v[f]);
    m->v[f] = copy;
    return MEIBO_OK;
}

const char *member_get_field(const meibo_member *m, member_field f)
{
    return (unsigned)f < MF__COUNT && m->v[f] ? m->v[f] : "";
}

/* ---- validation -------------------------------------------------------------------------- */

static bool all_digits(const char *s, size_t min, size_t max)
{
    size_t n = strlen(s);
    if (n < min || n > max)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

/* Line breaks and tabs (a cell with Alt+Enter in Excel) become one space each run. */
static void fold_breaks(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (*r == '\r' || *r == '\n' || *r == '\t') {
            if (w > s && w[-1] != ' ')
                *w++ = ' ';
            continue;
        }
        *w++ = *r;
    }
    *w = '\0';
}

/* Refuse control characters (C0, DEL, C1) anywhere in a stored text; *found gets the first
 * as U+XXXX. */
static bool has_control(const char *s, char found[16])
{
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++) {
        unsigned c = *p < 0x20 || *p == 0x7F                        ? *p
                     : p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F ? p[1]
                                                                     : 0x100;
        if (c < 0x100) {
            snprintf(found, 16, "U+%04X", c);
            return true;
        }
    }
    return false;
}

/* A refused field: its reason's English words (status.h's table, the one place they are
 * written) after the field's names, as err->msg; the faces say the reason in their language. */
static meibo_status bad(meibo_err *err, member_field f, meibo_reason reason, const char *value,
                        const char *arg)
{
    meibo_err words;
    meibo_fail_reason(&words, MEIBO_ERR_INVALID, NULL, reason, value, arg, "%s", "");
    char what[400];
    meibo_reason_text(&words, false, what, sizeof what);
    return meibo_fail_reason(err, MEIBO_ERR_INVALID, field_info[f].name, reason, value, arg,
                             "%s (%s): %s", field_info[f].name, field_info[f].ja, what);
}

/* A reason code, short, in bad()'s calls. */
#define R(x) MEIBO_REASON_##x

/* Replace the field's value with @p s (taking ownership). */
static void take(meibo_member *m, member_field f, char *s)
{
    free(m->v[f]);
    m->v[f] = (s && *s) ? s : NULL;
    if (s && !*s)
        free(s);
}

/* The words of yes and no (directory_consent), as meibo(1) lists them: a sheet's 有/無, ○/×,
 * TRUE/FALSE (Excel's booleans), 1/0 and 同意/不同意 besides yes/no and はい/いいえ. */
const char *const member_consent_yes[] = {"yes", "y", "1", "true", "はい", "同意", "○", "有", NULL};
const char *const member_consent_no[] = {"no", "n", "0", "false", "いいえ", "不同意", "×", "無", NULL};

/* ---- one small check per kind of field (check_field() picks it from the table) ----------- */

/* The value NFKC-folded in place (full-width digits and letters to ASCII); *v the result,
 * NULL when nothing is left. */
static meibo_status nfkc_in_place(meibo_member *m, member_field f, char **v, meibo_err *err)
{
    char *n = NULL;
    meibo_status st = text_nfkc(m->v[f], &n, err);
    if (st)
        return st;
    take(m, f, n);
    *v = m->v[f];
    return MEIBO_OK;
}

/* 会員番号: 6–10 digits after NFKC. */
static meibo_status check_member_no(meibo_member *m, member_field f, char *v, meibo_err *err)
{
    meibo_status st = nfkc_in_place(m, f, &v, err);
    if (!st && !all_digits(v ? v : "", 6, 10))
        return bad(err, f, R(MEMBER_NO), v ? v : "", NULL);
    return st;
}

/* 専門医番号: the society's own identifiers: letters, digits and hyphens after NFKC (full-width
 * folded), letters upper-cased, at most 20. */
static meibo_status check_specialist_no(meibo_member *m, member_field f, char *v,
                                        meibo_err *err)
{
    meibo_status st = nfkc_in_place(m, f, &v, err);
    if (st || !v)
        return st; /* nothing left after NFKC: empty */
    size_t len = strlen(v);
    bool ok = len >= 1 && len <= 20 && v[0] != '-' && v[len - 1] != '-' && !strstr(v, "--");
    for (char *p = v; ok && *p; p++) {
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
        ok = (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-';
    }
    return ok ? MEIBO_OK : bad(err, f, R(SPECIALIST_NO), v, NULL);
}

/* A date in any form date_normalize() reads (西暦, 和暦, Excel's serial), stored ISO. */
static meibo_status check_date_field(meibo_member *m, member_field f, char *v, meibo_err *err)
{
    char iso[11];
    meibo_status st = date_normalize(v, field_info[f].name, iso, err);
    return st ? st : member_set(m, f, iso, err);
}

/* 状態: its codes and the words a sheet uses for them. */
static meibo_status check_status(meibo_member *m, member_field f, char *v, meibo_err *err)
{
    static const char *const map[][2] = {{"active", "active"},   {"在籍", "active"},
                                         {"正会員", "active"},   {"withdrawn", "withdrawn"},
                                         {"退会", "withdrawn"},  {"deceased", "deceased"},
                                         {"逝去", "deceased"},   {"死亡", "deceased"}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (!strcasecmp(v, map[i][0]))
            return member_set(m, f, map[i][1], err);
    return bad(err, f, R(STATUS), v, NULL);
}

/* yes / no in any of the words of member_consent_yes / member_consent_no. */
static meibo_status check_yesno(meibo_member *m, member_field f, char *v, meibo_err *err)
{
    for (size_t i = 0; member_consent_yes[i]; i++)
        if (!strcasecmp(v, member_consent_yes[i]))
            return member_set(m, f, "yes", err);
    for (size_t i = 0; member_consent_no[i]; i++)
        if (!strcasecmp(v, member_consent_no[i]))
            return member_set(m, f, "no", err);
    return bad(err, f, R(YES_NO), v, NULL);
}

/* セイ, メイ: a reading in katakana (text_reading() folds hiragana and half-width), at most
 * 40 characters. */
static meibo_status check_kana(meibo_member *m, member_field f, char *v, meibo_err *err)
{
    const member_field_info *fi = &field_info[f];
    char *n = NULL;
    meibo_status st = text_reading(v, &n, err);
    if (st) {
        char inner[sizeof err->msg], found[sizeof err->value];
        snprintf(inner, sizeof inner, "%s", err ? err->msg : "");
        snprintf(found, sizeof found, "%s", err ? err->value : "");
        return meibo_fail_reason(err, MEIBO_ERR_INVALID, fi->name,
                                 st == MEIBO_ERR_INVALID ? R(KANA) : R(NONE), found, NULL,
                                 "%s (%s): %s", fi->name, fi->ja, inner);
    }
    take(m, f, n);
    if (text_length(m->v[f] ? m->v[f] : "") > 40)
        return bad(err, f, R(TOO_LONG), NULL, "40");
    return MEIBO_OK;
}

/* A name (at most 40 characters) or a text (200): line breaks folded, no control characters. */
static meibo_status check_text_field(meibo_member *m, member_field f, char *v, meibo_err *err)
{
    (void)m;
    size_t max = field_info[f].kind == MK_NAME ? 40 : 200;
    fold_breaks(v);
    char found[16];
    if (has_control(v, found))
        return bad(err, f, R(CONTROL), found, NULL);
    if (text_length(v) > max) {
        char limit[24];
        snprintf(limit, sizeof limit, "%zu", max);
        return bad(err, f, R(TOO_LONG), NULL, limit);
    }
    return MEIBO_OK;
}

/* 英字氏名: letters, spaces and . - ' after NFKC, at most 80. */
static meibo_status check_roman(meibo_member *m, member_field f, char *v, meibo_err *err)
{
    meibo_status st = nfkc_in_place(m, f, &v, err);
    if (st)
        return st;
    if (!v) /* NFKC gave nothing */
        return bad(err, f, R(EMPTY), NULL, NULL);
    for (const char *p = v; *p; p++)
        if (!isalpha((unsigned char)*p) && !strchr(" .-'", *p))
            return bad(err, f, R(ROMAN), v, NULL);
    if (strlen(v) > 80)
        return bad(err, f, R(TOO_LONG), NULL, "80");
    return MEIBO_OK;
}

/* 郵便番号: seven digits, a hyphen after the third and a leading 〒 allowed; stored NNN-NNNN. */
static meibo_status check_postal(meibo_member *m, member_field f, char *v, meibo_err *err)
{
    meibo_status st = nfkc_in_place(m, f, &v, err);
    if (st)
        return st;
    if (!v) /* NFKC gave nothing */
        return bad(err, f, R(EMPTY), NULL, NULL);
    char digits[8];
    size_t k = 0;
    const char *p = v;
    if (!strncmp(p, "〒", strlen("〒")))
        p += strlen("〒");
    bool ok = true;
    for (; *p && ok; p++) {
        if (isdigit((unsigned char)*p) && k < 7)
            digits[k++] = *p;
        else if (*p == '-' && k == 3)
            continue;
        else
            ok = false;
    }
    if (!ok || k != 7)
        return bad(err, f, R(POSTAL), v, NULL);
    char out[9];
    snprintf(out, sizeof out, "%.3s-%.4s", digits, digits + 3);
    return member_set(m, f, out, err);
}

/* An e-mail address: one @, a dot in the domain, printable ASCII without specials, ≤ 254. */
static meibo_status check_email(meibo_member *m, member_field f, char *v, meibo_err *err)
{
    meibo_status st = nfkc_in_place(m, f, &v, err);
    if (st)
        return st;
    if (!v) /* NFKC gave nothing */
        return bad(err, f, R(EMPTY), NULL, NULL);
    const char *at = strchr(v, '@');
    bool ok = at && at != v && !strchr(at + 1, '@') && strlen(v) <= 254;
    const char *dot = ok ? strrchr(at + 1, '.') : NULL;
    ok = ok && dot && dot > at + 1 && dot[1];
    for (const char *p = v; ok && *p; p++)
        if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7F || strchr("()<>,;:\\\"[]", *p))
            ok = false;
    return ok ? MEIBO_OK : bad(err, f, R(EMAIL), v, NULL);
}

typedef meibo_status (*field_check)(meibo_member *m, member_field f, char *v, meibo_err *err);

static const field_check checks[] = {
    [MK_MEMBER_NO] = check_member_no, [MK_SPECIALIST_NO] = check_specialist_no,
    [MK_DATE] = check_date_field,     [MK_STATUS] = check_status,
    [MK_YESNO] = check_yesno,         [MK_KANA] = check_kana,
    [MK_NAME] = check_text_field,     [MK_TEXT] = check_text_field,
    [MK_ROMAN] = check_roman,         [MK_POSTAL] = check_postal,
    [MK_EMAIL] = check_email,
};

/* One field: valid UTF-8, trimmed, present when required (状態 defaults to active), then the
 * check of its kind, which may normalize the value in place. */
static meibo_status check_field(meibo_member *m, member_field f, meibo_err *err)
{
    const member_field_info *fi = &field_info[f];
    char *v = NULL;
    meibo_status st;
    if (m->v[f] && !text_utf8_valid(m->v[f], strlen(m->v[f]), NULL))
        return bad(err, f, R(NOT_UTF8), NULL, NULL);
    if ((st = text_trim(m->v[f] ? m->v[f] : "", &v, err)))
        return st;
    take(m, f, v);
    v = m->v[f];
    if (!v) {
        if (fi->flags & MF_REQUIRED)
            return bad(err, f, R(REQUIRED), NULL, NULL);
        if (f == MF_STATUS)
            return member_set(m, f, "active", err);
        return MEIBO_OK;
    }
    size_t k = (size_t)fi->kind;
    return k < sizeof checks / sizeof *checks && checks[k] ? checks[k](m, f, v, err) : MEIBO_OK;
}

/* Every date of a member within the limits of check.h (issue 12 §4): the birth date by today,
 * the others at most a year ahead. */
static meibo_status member_dates(const meibo_member *m, const char *today, meibo_err *err)
{
    for (int f = 0; f < MF__COUNT; f++) {
        const char *v = member_get_field(m, (member_field)f);
        if (field_info[f].kind != MK_DATE || !*v)
            continue;
        check_date_kind k = f == MF_BIRTH_DATE ? CHECK_DATE_BIRTH : CHECK_DATE_EVENT;
        meibo_err e;
        if (check_date_range(field_info[f].name, v, k, today, &e) != MEIBO_OK)
            /* the words of check.c, the one place of the date limits */
            return meibo_fail_reason(err, MEIBO_ERR_INVALID, field_info[f].name, R(DATE_RANGE),
                                     v, e.arg, "%s (%s): %s is outside the dates meibo takes (%s)",
                                     field_info[f].name, field_info[f].ja, v, e.arg);
    }
    return MEIBO_OK;
}

meibo_status member_validate(meibo_member *m, meibo_err *err)
{
    return member_validate_at(m, NULL, err);
}

meibo_status member_validate_at(meibo_member *m, const char *today, meibo_err *err)
{
    meibo_status st;
    for (int f = 0; f < MF__COUNT; f++)
        if ((st = check_field(m, (member_field)f, err)))
            return st;
    if (today && (st = member_dates(m, today, err)))
        return st;
    const char *birth = member_get_field(m, MF_BIRTH_DATE);
    const char *joined = member_get_field(m, MF_JOINED_ON);
    if (*birth && strcmp(birth, joined) >= 0)
        return bad(err, MF_BIRTH_DATE, R(BEFORE_JOINING), NULL, NULL);
    const char *wd = member_get_field(m, MF_WITHDRAWN_ON);
    if (*wd && !strcmp(member_get_field(m, MF_STATUS), "active"))
        return bad(err, MF_WITHDRAWN_ON, R(ACTIVE_WITHDRAWN), NULL, NULL);
    if (*wd && strcmp(wd, joined) < 0)
        return bad(err, MF_WITHDRAWN_ON, R(NOT_BEFORE_JOINING), NULL, NULL);
    const char *oo = member_get_field(m, MF_OPTOUT_ON);
    if (*oo && strcmp(oo, joined) < 0)
        return bad(err, MF_OPTOUT_ON, R(NOT_BEFORE_JOINING), NULL, NULL);
    return MEIBO_OK;
}
#undef R

meibo_status member_set_specialist_pattern(meibo_ctx *ctx, const char *pattern, meibo_err *err)
{
    if (ctx->specialist_re) {
        regfree(ctx->specialist_re);
        free(ctx->specialist_re);
        ctx->specialist_re = NULL;
    }
    if (!pattern || !*pattern)
        return MEIBO_OK;
    regex_t *re = malloc(sizeof *re);
    if (!re)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    /* the whole number: ^(...)$ around the society's expression */
    size_t n = strlen(pattern) + 5;
    char *anchored = malloc(n);
    if (!anchored) {
        free(re);
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    }
    snprintf(anchored, n, "^(%s)$", pattern);
    int rc = regcomp(re, anchored, REG_EXTENDED | REG_NOSUB);
    free(anchored);
    if (rc) {
        char why[200];
        regerror(rc, re, why, sizeof why);
        free(re);
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "specialist_no_pattern",
                                "specialist_no_pattern: '%s' is not a regular expression: %s",
                                pattern, why);
    }
    ctx->specialist_re = re;
    return MEIBO_OK;
}

/* The society's own pattern (meibo.conf specialist_no_pattern), after member_validate's form. */
meibo_status member_society_formats(const meibo_ctx *ctx, meibo_member *m, meibo_err *err)
{
    const char *num = member_get_field(m, MF_SPECIALIST_NO);
    if (ctx->specialist_re && *num && regexec(ctx->specialist_re, num, 0, NULL, 0) != 0)
        return bad(err, MF_SPECIALIST_NO, MEIBO_REASON_SPECIALIST_PATTERN, num, NULL);
    return MEIBO_OK;
}

/* status.c: status texts and the error record. */
#include <stdio.h>
#include <string.h>

#include "meibo/status.h"

#undef meibo_fail /* the analyzers' macros (status.h) */
#undef meibo_fail_field
#undef meibo_fail_reason

static const char *const status_text[] = {
#define MEIBO_S_TEXT(name, exit, text) text,
    MEIBO_STATUS_LIST(MEIBO_S_TEXT)
#undef MEIBO_S_TEXT
};

static const int status_exit[] = {
#define MEIBO_S_EXIT(name, exit, text) exit,
    MEIBO_STATUS_LIST(MEIBO_S_EXIT)
#undef MEIBO_S_EXIT
};

const char *meibo_strerror(meibo_status s)
{
    if ((unsigned)s >= MEIBO_STATUS__COUNT)
        return "unknown status";
    return status_text[s];
}

int meibo_exit_code(meibo_status s)
{
    if ((unsigned)s >= MEIBO_STATUS__COUNT)
        return 1;
    return status_exit[s];
}

static const struct {
    const char *name, *en, *ja;
} reasons[] = {
#define MEIBO_R_TEXT(id, name, en, ja) {name, en, ja},
    MEIBO_REASON_LIST(MEIBO_R_TEXT)
#undef MEIBO_R_TEXT
};

void meibo_err_clear(meibo_err *err)
{
    if (!err)
        return;
    err->code = MEIBO_OK;
    err->msg[0] = '\0';
    err->field[0] = '\0';
    err->line = 0;
    err->reason = MEIBO_REASON_NONE;
    err->value[0] = '\0';
    err->arg[0] = '\0';
}

static meibo_status fail_v(meibo_err *err, meibo_status code, const char *field, const char *fmt,
                           va_list ap) __attribute__((format(printf, 4, 0)));

static meibo_status fail_v(meibo_err *err, meibo_status code, const char *field, const char *fmt,
                           va_list ap)
{
    if (!err)
        return code;
    err->code = code;
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    err->reason = MEIBO_REASON_NONE;
    err->value[0] = '\0';
    err->arg[0] = '\0';
    return code;
}

/* Copy @p s into @p dst of @p size bytes, cut at a UTF-8 character boundary ("…" when cut). */
static void copy_cut(char *dst, size_t size, const char *s)
{
    size_t n = strlen(s ? s : "");
    if (n < size) {
        memcpy(dst, s ? s : "", n + 1);
        return;
    }
    static const char ell[] = "…";
    n = size - sizeof ell;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    // NOLINTNEXTLINE(bugprone-not-null-terminated-result): the next memcpy adds "…" and its NUL
    memcpy(dst, s, n);
    memcpy(dst + n, ell, sizeof ell);
}

meibo_status meibo_fail_reason(meibo_err *err, meibo_status code, const char *field,
                               meibo_reason reason, const char *value, const char *arg,
                               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fail_v(err, code, field, fmt, ap);
    va_end(ap);
    if (err) {
        err->reason = (unsigned)reason < MEIBO_REASON__COUNT ? reason : MEIBO_REASON_NONE;
        copy_cut(err->value, sizeof err->value, value);
        copy_cut(err->arg, sizeof err->arg, arg);
    }
    return code;
}

const char *meibo_reason_name(meibo_reason r)
{
    return (unsigned)r < MEIBO_REASON__COUNT ? reasons[r].name : "";
}

const char *meibo_reason_text(const meibo_err *err, bool ja, char *buf, size_t len)
{
    if (!len)
        return buf;
    buf[0] = '\0';
    if (!err || !err->reason || (unsigned)err->reason >= MEIBO_REASON__COUNT)
        return buf;
    const char *p = ja ? reasons[err->reason].ja : reasons[err->reason].en;
    size_t o = 0;
    while (*p && o + 1 < len) {
        const char *sub = NULL;
        if (!strncmp(p, "{v}", 3))
            sub = err->value;
        else if (!strncmp(p, "{a}", 3))
            sub = err->arg;
        if (sub) {
            int w = snprintf(buf + o, len - o, "%s", sub);
            o += w > 0 ? (size_t)w : 0;
            if (o >= len)
                o = len - 1;
            p += 3;
        } else {
            buf[o++] = *p++;
        }
    }
    buf[o] = '\0';
    return buf;
}

meibo_status meibo_fail(meibo_err *err, meibo_status code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fail_v(err, code, NULL, fmt, ap);
    va_end(ap);
    return code;
}

meibo_status meibo_fail_field(meibo_err *err, meibo_status code, const char *field,
                              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fail_v(err, code, field, fmt, ap);
    va_end(ap);
    return code;
}

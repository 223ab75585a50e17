/* status.c: status texts and the error record. */
#include <stdio.h>
#include <string.h>

#include "meibo/status.h"

#undef meibo_fail /* the analyzers' macros (status.h) */
#undef meibo_fail_field

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

void meibo_err_clear(meibo_err *err)
{
    if (!err)
        return;
    err->code = MEIBO_OK;
    err->msg[0] = '\0';
    err->field[0] = '\0';
    err->line = 0;
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
    return code;
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

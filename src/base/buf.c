/* buf.c: the growable string and array (buf.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/buf.h"

bool buf_reserve(meibo_buf *b, size_t extra)
{
    if (b->oom)
        return false;
    if (extra >= SIZE_MAX / 2 - b->len) {
        b->oom = true;
        return false;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->oom = true;
        return false;
    }
    b->p = p;
    b->cap = cap;
    return true;
}

void buf_adds(meibo_buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

void buf_addc(meibo_buf *b, char c)
{
    buf_add(b, &c, 1);
}

void buf_printf(meibo_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

meibo_status buf_take(meibo_buf *b, char **out, meibo_err *err)
{
    *out = NULL;
    if (!b->oom && !b->p)
        buf_reserve(b, 0);
    if (b->oom || !b->p) {
        buf_free(b);
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    }
    *out = b->p;
    (*out)[b->len] = '\0';
    *b = (meibo_buf)MEIBO_BUF_INIT;
    return MEIBO_OK;
}

void buf_free(meibo_buf *b)
{
    free(b->p);
    *b = (meibo_buf)MEIBO_BUF_INIT;
}

void *array_grow(void *items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return items;
    size_t c = *cap ? *cap : 16;
    while (c < need) {
        if (c > SIZE_MAX / 2)
            return NULL;
        c *= 2;
    }
    if (size == 0 || c > SIZE_MAX / size)
        return NULL;
    void *p = realloc(items, c * size);
    if (!p)
        return NULL;
    *cap = c;
    return p;
}

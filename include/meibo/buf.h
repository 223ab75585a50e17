/* buf.h: the one growable string and the one growable array of the core.
 *
 * A meibo_buf is always NUL-terminated once anything was added; after a failed allocation it
 * is marked (oom) and every later add does nothing, so a builder checks once, at the end
 * (buf_take()), not after every add. array_grow() is the doubling realloc every list of rows
 * uses. */
#ifndef MEIBO_BUF_H
#define MEIBO_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "meibo/status.h"

typedef struct meibo_buf {
    char *p;       /**< the text (NUL-terminated), NULL while empty; owned */
    size_t len;    /**< bytes in p, without the NUL */
    size_t cap;    /**< bytes allocated */
    bool oom;      /**< an allocation failed: every add since did nothing */
} meibo_buf;

#define MEIBO_BUF_INIT {NULL, 0, 0, false}

/** @brief Room for @p extra more bytes (and the NUL); false (and oom) when out of memory. */
bool buf_reserve(meibo_buf *b, size_t extra);

/** @brief Append @p n bytes of @p s (inline: a text builder appends a character at a time,
 * so the room is checked here and buf_reserve() is called only to grow). */
static inline void buf_add(meibo_buf *b, const void *s, size_t n)
{
    if (b->oom || n >= b->cap - b->len) { /* cap - len: 0 while empty, so that grows too */
        if (!buf_reserve(b, n))
            return;
    }
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

/** @brief Append the string @p s. */
void buf_adds(meibo_buf *b, const char *s);

/** @brief Append one byte. */
void buf_addc(meibo_buf *b, char c);

/** @brief Append printf-style. */
void buf_printf(meibo_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** @brief The text (the caller's to free; "" when nothing was added) into *out, the buffer
 * emptied; MEIBO_ERR_NOMEM (and the buffer freed) when an add ran out of memory. */
meibo_status buf_take(meibo_buf *b, char **out, meibo_err *err);

/** @brief Free the text and empty the buffer. */
void buf_free(meibo_buf *b);

/**
 * @brief Room for @p need items of @p size bytes in @p items, which holds *cap of them now
 * (growing by doubling, from 16): the array, perhaps moved, with *cap updated; NULL when out
 * of memory or on overflow, with @p items and *cap unchanged (still the caller's).
 */
void *array_grow(void *items, size_t *cap, size_t need, size_t size);

#endif

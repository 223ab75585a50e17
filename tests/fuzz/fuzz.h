/* fuzz.h: shared helpers of the libFuzzer harnesses (tests/fuzz/fuzz_*.c).
 * Each harness defines LLVMFuzzerTestOneInput; bugs show as sanitizer reports or abort(). */
#ifndef MEIBO_FUZZ_H
#define MEIBO_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/db.h"
#include "meibo/status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A property the code promises did not hold: report and abort (libFuzzer saves the input). */
#define FUZZ_CHECK(cond, ...)                                                                  \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            fprintf(stderr, "fuzz check failed: %s: ", #cond);                                 \
            fprintf(stderr, __VA_ARGS__);                                                      \
            fputc('\n', stderr);                                                               \
            abort();                                                                           \
        }                                                                                      \
    } while (0)

/* A NUL-terminated copy of the input (the caller frees). */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* An in-memory database with the schema, acting as the system (role chief). */
static inline meibo_ctx *fuzz_db(void)
{
    meibo_ctx *ctx = NULL;
    meibo_err err;
    if (db_open(":memory:", DB_OPEN_CREATE, &ctx, &err) != MEIBO_OK) {
        fprintf(stderr, "fuzz: in-memory database: %s\n", err.msg);
        abort();
    }
    db_act_as_system(ctx);
    ctx->fixed_now = 1795222800; /* 2026-11-21 10:00 JST, as the CLI tests */
    return ctx;
}

#endif

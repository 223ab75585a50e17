/* bulk.c: two-thread bulk loading: prepare on a worker, store in order on the caller's thread. */
#include <pthread.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/bulk.h"
#include "meibo/roster.h"

/* the heap's own allocator only: not under a sanitizer's or valgrind's (which ignore it) */
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||                 \
    __has_feature(memory_sanitizer)
#define BULK_NO_HEAP_TUNING 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define BULK_NO_HEAP_TUNING 1
#endif
#if defined(__GLIBC__) && !defined(BULK_NO_HEAP_TUNING)
#define BULK_HEAP_TUNING 1
#include <malloc.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#define BULK_SLOTS 512
#define BULK_WAKE 64 /* wake the other side only every so many items: fewer context switches */

typedef struct bulk_item {
    member_prepared p;
    meibo_status st; /* of preparing; OK means p is ready to store */
    meibo_err e;
    long line;
} bulk_item;

struct bulk {
    pthread_mutex_t mu;
    pthread_cond_t can_put, can_take;
    bulk_item *slots;
    size_t head, count;
    char today[11];      /* the dates' limits count from it (member_validate_at) */
    bool done;           /* the source has returned */
    bool stop;           /* the storing side gave up */
    meibo_status src_st; /* what the source returned */
    meibo_err src_err;
    bulk_source_fn source;
    void *source_arg;
};

/*
 * The search index's pending terms (FTS5 keeps up to its hashsize, 32 MB a table, in memory
 * until it writes a segment) are reached at random, one lookup per token, about 200 a member:
 * most of a bulk load's time is the page-table walks and cache misses of those lookups
 * (issue 17 §2, perf). On the main heap (glibc, the calling thread being the main thread) the
 * region they are taken from is made ready once and asked for transparent huge pages, so
 * that 2 MB pages cover it: reserved, not touched (the memory used is what the load uses, as
 * before), and only where the kernel allows madvise (transparent_hugepage = madvise/always).
 * Anywhere else (another libc, a sanitizer's allocator, a thread's own heap) nothing is done.
 */
static void heap_prefer_huge_pages(void)
{
#if defined(BULK_HEAP_TUNING) && defined(MADV_HUGEPAGE)
    static bool done;
    enum { RESERVE = 192 << 20, HUGE = 2 << 20 };
    if (done || getpid() != gettid())
        return;
    done = true;
    /* blocks below 256 MB from the heap, and its top kept rather than given back */
    if (!mallopt(M_MMAP_THRESHOLD, 256 << 20) || !mallopt(M_TRIM_THRESHOLD, 512 << 20) ||
        !mallopt(M_TOP_PAD, 64 << 20))
        return;
    uintptr_t lo = (uintptr_t)sbrk(0);
    void *grow = malloc(RESERVE); /* extends the heap's top; its pages are not touched */
    free(grow);
    uintptr_t hi = (uintptr_t)sbrk(0);
    if (!grow || lo == (uintptr_t)-1 || hi == (uintptr_t)-1 || hi <= lo)
        return;
    lo = (lo + HUGE - 1) & ~(uintptr_t)(HUGE - 1);
    hi &= ~(uintptr_t)(HUGE - 1);
    if (hi > lo)
        (void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#endif
}

/* Queue one item (moved in); fails when the storing side has stopped. */
static meibo_status put(bulk *b, bulk_item *it)
{
    pthread_mutex_lock(&b->mu);
    while (b->count == BULK_SLOTS && !b->stop)
        pthread_cond_wait(&b->can_put, &b->mu);
    if (b->stop) {
        pthread_mutex_unlock(&b->mu);
        member_prepared_clear(&it->p);
        return MEIBO_ERR_IO;
    }
    b->slots[(b->head + b->count) % BULK_SLOTS] = *it;
    b->count++;
    if (b->count == BULK_WAKE)
        pthread_cond_signal(&b->can_take);
    pthread_mutex_unlock(&b->mu);
    return MEIBO_OK;
}

meibo_status bulk_push(bulk *b, meibo_member *m, long line)
{
    bulk_item it;
    memset(&it, 0, sizeof it);
    it.p.m = *m;
    member_init(m);
    it.line = line;
    snprintf(it.p.today, sizeof it.p.today, "%s", b->today);
    meibo_err_clear(&it.e);
    it.st = member_prepare(&it.p, &it.e);
    return put(b, &it);
}

meibo_status bulk_reject(bulk *b, long line, const meibo_err *e)
{
    bulk_item it;
    memset(&it, 0, sizeof it);
    it.line = line;
    it.e = *e;
    it.st = e->code != MEIBO_OK ? e->code : MEIBO_ERR_INVALID;
    return put(b, &it);
}

static void *worker(void *arg)
{
    bulk *b = arg;
    meibo_err err;
    meibo_err_clear(&err);
    meibo_status st = b->source(b, b->source_arg, &err);
    pthread_mutex_lock(&b->mu);
    b->src_st = st;
    b->src_err = err;
    b->done = true;
    pthread_cond_signal(&b->can_take);
    pthread_mutex_unlock(&b->mu);
    return NULL;
}

/* Refusals that concern one member; anything else stops the load. */
static bool is_rejection(meibo_status st)
{
    return st == MEIBO_ERR_INVALID || st == MEIBO_ERR_EXISTS || st == MEIBO_ERR_ENCODING;
}

meibo_status bulk_load(meibo_ctx *ctx, bulk_source_fn source, void *source_arg,
                       bulk_reject_fn reject, void *reject_arg, long commit_every,
                       bulk_result *res, meibo_err *err)
{
    return bulk_load_from(ctx, NULL, source, source_arg, reject, reject_arg, commit_every, res,
                          err);
}

meibo_status bulk_load_from(meibo_ctx *ctx, const char *origin, bulk_source_fn source,
                            void *source_arg, bulk_reject_fn reject, void *reject_arg,
                            long commit_every, bulk_result *res, meibo_err *err)
{
    memset(res, 0, sizeof *res);
    if (ctx->tx_depth <= 0)
        return meibo_fail(err, MEIBO_ERR_DB, "bulk_load needs the caller's transaction");
    heap_prefer_huge_pages();
    audit_batch *audit = NULL;
    meibo_status st = audit_batch_begin(ctx, &audit, err);
    if (st || (st = member_facility_cache_begin(ctx, err))) {
        audit_batch_free(audit);
        return st;
    }
    bulk *b = calloc(1, sizeof *b);
    if (!b || !(b->slots = calloc(BULK_SLOTS, sizeof *b->slots))) {
        free(b);
        member_facility_cache_end(ctx);
        audit_batch_free(audit);
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    }
    pthread_mutex_init(&b->mu, NULL);
    pthread_cond_init(&b->can_put, NULL);
    pthread_cond_init(&b->can_take, NULL);
    b->source = source;
    b->source_arg = source_arg;
    db_today(ctx, b->today, sizeof b->today);
    pthread_t th;
    if (pthread_create(&th, NULL, worker, b) != 0) {
        st = meibo_fail(err, MEIBO_ERR_IO, "cannot start the loading thread");
        goto out;
    }
    for (;;) {
        pthread_mutex_lock(&b->mu);
        while (b->count == 0 && !b->done)
            pthread_cond_wait(&b->can_take, &b->mu); /* woken at BULK_WAKE items or the end */
        if (b->count == 0) {
            pthread_mutex_unlock(&b->mu);
            break;
        }
        bulk_item it = b->slots[b->head];
        b->head = (b->head + 1) % BULK_SLOTS;
        b->count--;
        if (b->count == BULK_SLOTS - BULK_WAKE)
            pthread_cond_signal(&b->can_put);
        pthread_mutex_unlock(&b->mu);
        if (st == MEIBO_OK) {
            meibo_status rs = it.st;
            char where[600];
            bool optout = *member_get_field(&it.p.m, MF_OPTOUT_ON) != '\0';
            if (origin && optout) { /* 第20条第5項: the record names the file and line */
                if (it.line > 0)
                    snprintf(where, sizeof where, "%s:%ld", origin, it.line);
                else
                    snprintf(where, sizeof where, "%s", origin);
                it.p.optout_source = where;
            }
            if (rs == MEIBO_OK)
                rs = member_store_prepared(ctx, &it.p, audit, &it.e);
            if (rs == MEIBO_OK) {
                res->stored++;
                res->optouts += optout;
                if (commit_every > 0 && res->stored % commit_every == 0 &&
                    ((rs = audit_batch_flush(audit, &it.e)) || (rs = db_commit(ctx, &it.e)) ||
                     (rs = db_begin(ctx, &it.e)))) {
                    st = rs;
                    *err = it.e;
                }
            } else if (is_rejection(rs)) {
                res->rejected++;
                if (reject)
                    reject(it.line, &it.e, reject_arg);
            } else {
                st = rs;
                if (err)
                    *err = it.e;
            }
            if (st != MEIBO_OK) { /* tell the source to stop; keep draining */
                pthread_mutex_lock(&b->mu);
                b->stop = true;
                pthread_cond_broadcast(&b->can_put);
                pthread_mutex_unlock(&b->mu);
            }
        }
        member_prepared_clear(&it.p);
    }
    pthread_join(th, NULL);
    if (st == MEIBO_OK && b->src_st != MEIBO_OK) {
        st = b->src_st;
        if (err)
            *err = b->src_err;
    }
    if (st == MEIBO_OK) /* the audit rows of the last stored members */
        st = audit_batch_flush(audit, err);
out:
    member_facility_cache_end(ctx);
    audit_batch_free(audit);
    pthread_cond_destroy(&b->can_put);
    pthread_cond_destroy(&b->can_take);
    pthread_mutex_destroy(&b->mu);
    free(b->slots);
    free(b);
    return st;
}

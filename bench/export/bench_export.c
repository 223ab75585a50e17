/* bench_export.c: the export sheet's xlsx at scale (make bench-export; not a test).
 *
 *   bench-export build N DB     a database of N synthetic members (demo generator, seed 1)
 *   bench-export sheet DB OUT   the widest purpose's sheet (officers: 11 columns and No.) of
 *                               every included member, streamed into OUT.xlsx as meibo writes
 *                               it; prints rows, wall time, CPU time and peak memory (maxrss)
 * Linked with the TESTING core for export_sheet_xlsx() (the sheet alone, no records). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "meibo/bulk.h"
#include "meibo/demo.h"
#include "meibo/export.h"
#include "meibo/recipient.h"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(const meibo_err *err)
{
    fprintf(stderr, "bench-export: %s\n", err->msg);
    exit(1);
}

int main(int argc, char **argv)
{
    meibo_err err;
    meibo_err_clear(&err);
    meibo_ctx *ctx = NULL;
    if (argc == 4 && !strcmp(argv[1], "build")) {
        long n = atol(argv[2]);
        if (db_open(argv[3], DB_OPEN_CREATE, &ctx, &err))
            die(&err);
        db_act_as_system(ctx);
        demo_options opt = {.members = n, .seed = 1, .today = "2026-11-21"};
        bulk_result res;
        double t0 = now_s();
        /* the sheet's recipient, from the register (規程 第20条第3–4項: a sheet goes to a
         * registered recipient only) */
        recipient_in rin = {.organization = "ベンチ支部", .category = "branch",
                            .identity = "書面で確認"};
        int64_t rid = 0;
        if (db_begin(ctx, &err) || demo_load(ctx, &opt, 50000, &res, &err) ||
            recipient_add(ctx, &rin, &rid, &err) || db_commit(ctx, &err))
            die(&err);
        db_exec(ctx, "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE", &err);
        fprintf(stderr, "bench-export: built %ld members in %.1f s\n", n, now_s() - t0);
        db_close(ctx);
        return 0;
    }
    if (argc != 4 || strcmp(argv[1], "sheet") != 0) {
        fprintf(stderr, "usage: bench-export build N DB | bench-export sheet DB OUT.xlsx\n");
        return 2;
    }
    if (db_open(argv[2], 0, &ctx, &err))
        die(&err);
    db_act_as_system(ctx);
    export_spec spec = {.purpose = "officers", .recipient = "ベンチ支部", .filter = {.specialist = -1}};
    export_sheet_meta meta = {"役員・委員会の業務 (出力番号 1)", "日本架空学会", "ベンチ支部",
                              "誓-BENCH", 1, 1795222800};
    export_counts c;
    double t0 = now_s();
    if (export_sheet_xlsx(ctx, &spec, &meta, argv[3], &c, &err))
        die(&err);
    double wall = now_s() - t0;
    db_close(ctx);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
                 (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
    printf("meibo   %8" PRId64 " rows  %6.2f s wall  %6.2f s cpu  peak %6.1f MB\n", c.included,
           wall, cpu, ru.ru_maxrss / 1024.0);
    return 0;
}

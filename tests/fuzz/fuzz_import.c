/* fuzz_import.c: the member CSV importer end to end (decode, header, rows, validation, bulk
 * load, audit) into an in-memory database. First byte: encoding and dry run.
 * Properties: all or nothing (a refused file adds no member and no audit row); a success adds
 * exactly the rows read; every problem reported names the file and a line; the audit chain
 * stays intact. */
#include "fuzz.h"

#include <sys/mman.h>
#include <unistd.h>

#include "meibo/audit.h"
#include "meibo/import.h"
#include "meibo/member.h"
#include "meibo/text.h"

static meibo_ctx *g_ctx;
static int g_fd = -1;
static char g_path[64];
static long g_runs;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    g_ctx = fuzz_db();
    g_fd = memfd_create("fuzz.csv", MFD_CLOEXEC);
    if (g_fd < 0)
        abort();
    snprintf(g_path, sizeof g_path, "/proc/self/fd/%d", g_fd);
    return 0;
}

static void on_report(const meibo_err *e, void *arg)
{
    (void)arg;
    FUZZ_CHECK(memchr(e->msg, 0, sizeof e->msg) != NULL, "unterminated report");
    FUZZ_CHECK(strstr(e->msg, g_path) == e->msg, "report without the file: %s", e->msg);
}

static int64_t count(const char *sql)
{
    sqlite3_stmt *s = NULL;
    int64_t n = -1;
    if (sqlite3_prepare_v2(g_ctx->db, sql, -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 16384)
        return 0;
    static const csv_encoding encs[] = {CSV_ENC_AUTO, CSV_ENC_UTF8, CSV_ENC_CP932, CSV_ENC_AUTO};
    csv_encoding enc = encs[data[0] & 3];
    bool dry = data[0] & 4;
    if (ftruncate(g_fd, 0) != 0 || pwrite(g_fd, data + 1, size - 1, 0) != (ssize_t)(size - 1))
        abort();

    int64_t members = count("SELECT count(*) FROM members");
    int64_t audits = count("SELECT count(*) FROM audit_log");
    import_stats stats;
    meibo_err err;
    meibo_err_clear(&err);
    meibo_status st = import_members(g_ctx, g_path, enc, &(import_opts){.dry_run = dry}, on_report, NULL, &stats, &err);
    FUZZ_CHECK(g_ctx->tx_depth == 0, "transaction left open");
    int64_t after = count("SELECT count(*) FROM members");
    if (st != MEIBO_OK || dry) {
        FUZZ_CHECK(after == members, "refused or dry import changed members %lld -> %lld",
                   (long long)members, (long long)after);
        FUZZ_CHECK(count("SELECT count(*) FROM audit_log") == audits, "audit rows added");
        FUZZ_CHECK(st == MEIBO_OK || st == MEIBO_ERR_INVALID || st == MEIBO_ERR_ENCODING,
                   "status %d: %s", (int)st, err.msg);
        FUZZ_CHECK(st == MEIBO_OK || err.msg[0], "refusal without a message");
    } else {
        FUZZ_CHECK(after == members + stats.imported && stats.imported == stats.rows,
                   "imported %ld of %ld rows, members %lld -> %lld", stats.imported, stats.rows,
                   (long long)members, (long long)after);
        int64_t bad = 0, checked = 0;
        FUZZ_CHECK(audit_verify(g_ctx, &bad, &checked, &err) == MEIBO_OK, "audit: %s", err.msg);
    }
    /* keep the registry small: start again every so often */
    if (++g_runs % 500 == 0 || after > 2000) {
        db_close(g_ctx);
        g_ctx = fuzz_db();
    }
    return 0;
}

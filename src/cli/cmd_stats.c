/* cmd_stats.c: meibo stats — statistics that identify nobody (統計情報), and anonymised data
 * (匿名加工情報, 個人情報保護法 第43–45条). */
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "cli.h"
#include "json.h"
#include "meibo/boundary.h"
#include "meibo/letter.h"
#include "meibo/outbox.h"
#include "meibo/stats.h"
#include "meibo/stats_letter.h"
#include "meibo/text.h"
#include "print.h"

static const char stats_help[] =
    "usage: meibo stats table --by DIM[,DIM] [--as-of DATE] [--threshold N]\n"
    "                         [--json | --format text|pdf|xlsx --out FILE]\n"
    "       meibo stats anonymise --recipient RECIPIENT --out FILE [--cover FILE] [--k N]\n"
    "                             [--as-of DATE] [--json]\n"
    "       meibo stats cover ID [--format pdf|text] [--out FILE]\n"
    "table: counts of members on a date by one or two of branch, status, specialist,\n"
    "  joined_year, age_band, prefecture (from the home address). Cells below the threshold\n"
    "  (default 5) are shown \"<5\"; cells hidden so that no \"<5\" can be worked out from the\n"
    "  other cells and the totals are shown \"X\" (complementary suppression). Without status\n"
    "  among the dimensions only members of the registry on the date are counted. No personal\n"
    "  data: no pledge is needed; the run is in the access log (stats.table). The rule is\n"
    "  stated on every output; pdf is the printed page (A4, IPAex Mincho) with a bar chart of\n"
    "  the rows' totals, xlsx a workbook with the table and the chart.\n"
    "anonymise: 匿名加工情報 (第43条) as CSV, the chief officer only (規程 第16条): birth date\n"
    "  to year-month, postal code to 3 digits, joining date to year, facility to prefecture,\n"
    "  generalised further and rows suppressed until every combination has at least k rows\n"
    "  (default 5); the file states k, the method and that re-identification is forbidden\n"
    "  (第44条, 第45条); the provision is recorded in anon_provisions and published in the\n"
    "  ledger (第43条第3項). RECIPIENT is a recipient of the register (its number or name:\n"
    "  meibo recipient add) that may receive (第20条第3–4項). The cover letter telling it the\n"
    "  data is anonymised and must not be re-identified goes to --cover FILE, else the printer\n"
    "  or the outbox.\n"
    "cover: print that cover letter again (the chief officer).\n";

/* Pad @p s to @p width terminal cells (right-aligned when @p right). */
static void put_cell(const char *s, int width, bool right)
{
    int w = text_width(s, 1);
    if (right)
        for (int i = w; i < width; i++)
            fputc(' ', stdout);
    cli_put(stdout, s);
    if (!right)
        for (int i = w; i < width; i++)
            fputc(' ', stdout);
}

static void table_text(const stats_table *t)
{
    const stats_grid *g = &t->grid;
    char buf[32];
    bool two = t->ndims == 2;
    char title[300], rule[600];
    stats_table_title(t, title, sizeof title);
    cli_put(stdout, title);
    fputc('\n', stdout);
    const char *members = t->ja ? "会員数" : "Members", *total = t->ja ? "計" : "Total";
    int w0 = text_width(stats_dim_label(t->dim[0], t->ja), 1);
    for (int i = 0; i < t->ncats[0]; i++) {
        int w = text_width(t->cats[0][i], 1);
        w0 = w > w0 ? w : w0;
    }
    w0 = w0 < 4 ? 4 : w0;
    int cols = two ? g->cols + 1 : 1;
    int wc[STATS_MAX_CATS + 1];
    for (int j = 0; j < cols; j++) {
        const char *h = !two ? members : j < g->cols ? t->cats[1][j] : total;
        wc[j] = text_width(h, 1);
        for (int i = 0; i <= g->rows; i++) {
            int w = (int)strlen(stats_cell_text(t, i, j, buf, sizeof buf));
            wc[j] = w > wc[j] ? w : wc[j];
        }
    }
    put_cell(stats_dim_label(t->dim[0], t->ja), w0, false);
    for (int j = 0; j < cols; j++) {
        fputs("  ", stdout);
        put_cell(!two ? members : j < g->cols ? t->cats[1][j] : total, wc[j], true);
    }
    fputc('\n', stdout);
    for (int i = 0; i <= g->rows; i++) {
        put_cell(i < g->rows ? t->cats[0][i] : total, w0, false);
        for (int j = 0; j < cols; j++) {
            fputs("  ", stdout);
            put_cell(stats_cell_text(t, i, j, buf, sizeof buf), wc[j], true);
        }
        fputc('\n', stdout);
    }
    stats_table_rule(t, rule, sizeof rule);
    cli_put(stdout, rule);
    fputc('\n', stdout);
}

static void table_json(const stats_table *t)
{
    const stats_grid *g = &t->grid;
    json_w j;
    char buf[32];
    json_begin(&j, stdout);
    json_obj(&j, NULL);
    json_arr(&j, "by");
    for (int d = 0; d < t->ndims; d++)
        json_str(&j, NULL, stats_dim_code(t->dim[d]));
    json_arr_end(&j);
    json_str(&j, "as_of", t->as_of);
    json_int(&j, "threshold", t->threshold);
    json_str(&j, "rule", "cells below the threshold shown \"<N\"; complementary suppression \"X\"");
    char rule[600];
    stats_table_rule(t, rule, sizeof rule);
    json_str(&j, "rule_text", rule); /* as stated under the table, in its language */
    json_int(&j, "suppressed_small", t->suppressed_small);
    json_int(&j, "suppressed_complement", t->suppressed_complement);
    json_bool(&j, "protected", t->protectable);
    for (int d = 0; d < t->ndims; d++) {
        json_arr(&j, d ? "columns" : "rows");
        for (int i = 0; i < t->ncats[d]; i++)
            json_str(&j, NULL, t->cats[d][i]);
        json_arr_end(&j);
    }
    /* cells as published: a number, or the string "<5" / "X"; the last row and column are
     * the totals */
    json_arr(&j, "cells");
    int cols = t->ndims == 2 ? g->cols + 1 : 1;
    for (int i = 0; i <= g->rows; i++) {
        json_arr(&j, NULL);
        for (int c = 0; c < cols; c++) {
            if (g->mark[stats_at(g, i, c)] == STATS_SHOWN)
                json_int(&j, NULL, g->v[stats_at(g, i, c)]);
            else
                json_str(&j, NULL, stats_cell_text(t, i, c, buf, sizeof buf));
        }
        json_arr_end(&j);
    }
    json_arr_end(&j);
    json_obj_end(&j);
    json_end(&j);
}

static int stats_table_cmd(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {{"by", required_argument, NULL, 'b'},
                                         {"as-of", required_argument, NULL, 'a'},
                                         {"threshold", required_argument, NULL, 't'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"format", required_argument, NULL, 'F'},
                                         {"out", required_argument, NULL, 'O'},
                                         {NULL, 0, NULL, 0}};
    stats_spec spec = {.ja = !c->en};
    const char *by = NULL, *format = "text", *out = NULL;
    bool json = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        char *end;
        switch (o) {
        case 'b':
            by = optarg;
            break;
        case 'a':
            spec.as_of = optarg;
            break;
        case 't':
            spec.threshold = strtol(optarg, &end, 10);
            if (*end || end == optarg || spec.threshold < 2)
                return cli_usage("stats", "--threshold takes a number of at least 2, not '%s'",
                                 optarg);
            break;
        case 'j':
            json = true;
            break;
        case 'F':
            format = optarg;
            break;
        case 'O':
            out = optarg;
            break;
        default:
            return cli_usage("stats", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage("stats", "unexpected '%s'", argv[optind]);
    if (strcmp(format, "text") && strcmp(format, "pdf") && strcmp(format, "xlsx"))
        return cli_usage("stats", "--format takes text, pdf or xlsx, not '%s'", format);
    bool pdf = !strcmp(format, "pdf"), xlsx = !strcmp(format, "xlsx");
    if ((pdf || xlsx) && !out)
        return cli_usage("stats", "--format %s needs --out FILE", format);
    if (json && (pdf || xlsx))
        return cli_usage("stats", "--json writes to standard output: not with --format %s",
                         format);
    if (!by)
        return cli_usage("stats", "--by DIM[,DIM] is required (branch, status, specialist, "
                                  "joined_year, age_band, prefecture)");
    char list[128];
    snprintf(list, sizeof list, "%s", by);
    char *save = NULL;
    for (char *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        int d = stats_dim_parse(tok);
        if (d < 0)
            return cli_usage("stats", "--by: '%s' is not one of branch, status, specialist, "
                                      "joined_year, age_band, prefecture", tok);
        if (spec.ndims == 2)
            return cli_usage("stats", "--by: at most two dimensions, crossed");
        spec.dim[spec.ndims++] = (stats_dim)d;
    }
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    stats_table t;
    if (stats_table_count(c->ctx, &spec, &t, &err))
        return cli_error(&err);
    if (!t.protectable) {
        stats_table_free(&t);
        fprintf(stderr, "meibo: this table cannot be published: a cell below %" PRId64
                        " could be worked out whatever else is hidden (count by other "
                        "dimensions or a lower threshold)\n", t.threshold);
        return 1;
    }
    if (pdf || xlsx) {
        char *bytes = NULL;
        size_t len = 0;
        meibo_status st =
            pdf ? stats_table_pdf(&t, c->cfg.society_name, db_now(c->ctx), &bytes, &len, &err)
                : stats_table_xlsx(&t, c->cfg.society_name, db_now(c->ctx), &bytes, &len, &err);
        stats_table_free(&t);
        if (st)
            return cli_error(&err);
        int fd = boundary_open_user(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
        bool ok = fd >= 0 && write(fd, bytes, len) == (ssize_t)len;
        if (fd >= 0 && close(fd))
            ok = false;
        free(bytes);
        if (!ok) {
            fprintf(stderr, "meibo: cannot write %s: %m\n", out);
            return 1;
        }
        printf("statistics written to %s\n", out);
        return 0;
    }
    if (json)
        table_json(&t);
    else
        table_text(&t);
    stats_table_free(&t);
    return 0;
}

static int stats_anon_cmd(cli *c, int argc, char **argv)
{
    static const struct option opts[] = {{"recipient", required_argument, NULL, 'r'},
                                         {"out", required_argument, NULL, 'O'},
                                         {"k", required_argument, NULL, 'k'},
                                         {"as-of", required_argument, NULL, 'a'},
                                         {"json", no_argument, NULL, 'j'},
                                         {"cover", required_argument, NULL, 'C'},
                                         {NULL, 0, NULL, 0}};
    const char *recipient = NULL, *out = NULL, *as_of = NULL, *cover = NULL;
    long k = 0;
    bool json = false;
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        char *end;
        switch (o) {
        case 'r':
            recipient = optarg;
            break;
        case 'O':
            out = optarg;
            break;
        case 'a':
            as_of = optarg;
            break;
        case 'k':
            k = strtol(optarg, &end, 10);
            if (*end || end == optarg || k < 2 || k > 1000)
                return cli_usage("stats", "--k takes a number from 2 to 1000, not '%s'", optarg);
            break;
        case 'j':
            json = true;
            break;
        case 'C':
            cover = optarg;
            break;
        default:
            return cli_usage("stats", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage("stats", "unexpected '%s'", argv[optind]);
    if (!recipient || !*recipient)
        return cli_usage("stats", "anonymise: --recipient ORG is required (第44条)");
    if (!out)
        return cli_usage("stats", "anonymise: --out FILE is required");
    int rc = cli_login(c);
    if (rc)
        return rc;
    meibo_err err;
    meibo_err_clear(&err);
    /* the cover letter must be possible before the data is made (第44条) */
    if (letter_settings_check(&c->cfg, &err))
        return cli_error(&err);
    int fd = boundary_open_user(out, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0) {
        fprintf(stderr, "meibo: cannot create %s: %m (it must not exist yet)\n", out);
        return 1;
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        unlink(out);
        return 1;
    }
    stats_anon_result r;
    meibo_status st = stats_anon_run(c->ctx, as_of, (int)k, recipient, f, &r, &err);
    if (fclose(f) && !st)
        st = meibo_fail(&err, MEIBO_ERR_IO, "writing %s failed", out);
    if (st) {
        unlink(out);
        return cli_error(&err);
    }
    /* the cover letter to the recipient (第44条, 第45条) */
    letter l;
    outbox_delivery d;
    if (letter_anon_cover(c->ctx, &c->cfg, r.id, LETTER_PDF, &l, &err) ||
        outbox_deliver(c->ctx, &c->cfg, &l, cover, &d, &err)) {
        letter_clear(&l);
        fprintf(stderr, "meibo: the anonymised data %" PRId64 " is in %s, but its cover letter "
                        "was not made (print it with meibo stats cover %" PRId64 "):\n",
                r.id, out, r.id);
        return cli_error(&err);
    }
    letter_clear(&l);
    if (json) {
        json_w j;
        json_begin(&j, stdout);
        json_obj(&j, NULL);
        json_int(&j, "id", r.id);
        json_int(&j, "recipient", r.recipient_id);
        json_str(&j, "file", out);
        json_str(&j, "cover", d.printed ? "" : d.path);
        json_int(&j, "rows", r.rows);
        json_int(&j, "suppressed", r.suppressed);
        json_int(&j, "k", r.k);
        json_int(&j, "level", r.level);
        json_str(&j, "method", stats_level_text(r.level, false));
        json_obj_end(&j);
        json_end(&j);
    } else {
        printf("匿名加工情報（提供番号 %" PRId64 "、提供先 ", r.id);
        cli_put(stdout, r.recipient);
        printf("）を %s に作成しました: %" PRId64 " 行、k=%d、%" PRId64
               " 行を削除（加工: %s）。\n", out, r.rows, r.k, r.suppressed,
               stats_level_text(r.level, true));
        char what[96];
        snprintf(what, sizeof what, "anonymised data %" PRId64 ": cover letter", r.id);
        cli_delivered(what, &d, cover != NULL);
    }
    return 0;
}

static meibo_status cover_build(meibo_ctx *ctx, const meibo_config *cfg, letter_format fmt,
                                letter *out, void *arg, meibo_err *err)
{
    return letter_anon_cover(ctx, cfg, *(const int64_t *)arg, fmt, out, err);
}

static int stats_cover_cmd(cli *c, int argc, char **argv)
{
    return print_id_cmd(c, argc, argv, "stats cover",
                        "cover ID: the number of the provision of anonymised data", cover_build);
}

int cmd_stats(cli *c, int argc, char **argv)
{
    static const args_sub subs[] = {{"table", stats_table_cmd, NULL},
                                    {"anonymise", stats_anon_cmd, NULL},
                                    {"anonymize", stats_anon_cmd, NULL},
                                    {"cover", stats_cover_cmd, NULL},
                                    {NULL, NULL, NULL}};
    return args_dispatch(c, "stats", stats_help, subs, argc, argv);
}

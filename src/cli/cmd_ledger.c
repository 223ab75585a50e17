/* cmd_ledger.c: meibo ledger — the 個人情報取扱台帳 (取扱規程 第24条). */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "meibo/archive.h"
#include "meibo/ledger_letter.h"
#include "meibo/letter.h"
#include "print.h"

static meibo_status ledger_build(meibo_ctx *ctx, const meibo_config *cfg, letter_format fmt,
                                 letter *out, void *arg, meibo_err *err)
{
    (void)arg;
    char dir[MEIBO_PATH_MAX];
    backup_dir(cfg, ctx->path, dir, sizeof dir);
    return letter_ledger(ctx, cfg, dir, fmt, out, err);
}

int cmd_ledger(cli *c, int argc, char **argv)
{
    if (cli_wants_help("ledger", argc, argv)) {
        printf("The ledger is generated from the database: the items of ledger_items, the\n"
               "purposes of the newest policy, the retention periods (meibo retention list)\n"
               "and this installation's database and backup folder. Text goes to stdout;\n"
               "a PDF to --out FILE, else the printer (meibo.conf), else the outbox.\n");
        return 0;
    }
    static const struct option opts[] = {PRINT_OPTIONS, {NULL, 0, NULL, 0}};
    print_opts po = {0};
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1)
        if (!print_option(o, &po))
            return cli_usage("ledger", "unknown option '%s'", argv[optind - 1]);
    if (optind != argc)
        return cli_usage("ledger", "takes only options");
    if (!po.format)
        po.format = "text";
    return print_run(c, "ledger", &po, ledger_build, NULL);
}

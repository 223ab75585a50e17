/* print.h: what the print subcommands share: --format and --out, the
 * configuration, and where the letter goes (a file, the printer, the outbox, or stdout). */
#ifndef MEIBO_CLI_PRINT_H
#define MEIBO_CLI_PRINT_H

#include "cli.h"
#include "meibo/config.h"
#include "meibo/inquiry_letter.h"
#include "meibo/letter.h"

/* Builds the letter into @p out (the core's letter_inquiry() or letter_pledge_request()). */
typedef meibo_status (*print_build_fn)(meibo_ctx *ctx, const meibo_config *cfg,
                                       letter_format fmt, letter *out, void *arg,
                                       meibo_err *err);

/* The options of a print subcommand. */
typedef struct print_opts {
    const char *format; /* --format pdf|text (NULL: pdf) */
    const char *out;    /* --out FILE (NULL: the printer or the outbox; stdout for text) */
} print_opts;

/* The getopt_long entries of --format and --out, and their handling: true when @p opt was
 * one of them (its value taken from optarg). */
#define PRINT_OPTIONS                                                                       \
    {"format", required_argument, NULL, 'F'}, {"out", required_argument, NULL, 'O'}
bool print_option(int opt, print_opts *o);

/* Log in, read the configuration, build the letter with @p build and deliver it: to --out;
 * else a PDF to the configured printer or the outbox, text to stdout. Says where it went.
 * Returns the exit code. */
int print_run(cli *c, const char *cmd, const print_opts *o, print_build_fn build, void *arg);

/* "CMD ID [--format pdf|text] [--out FILE]": read the options and one number (@p what says
 * which when it is missing), then print_run() with a pointer to the number (an int64_t). */
int print_id_cmd(cli *c, int argc, char **argv, const char *cmd, const char *what,
                 print_build_fn build);

#endif

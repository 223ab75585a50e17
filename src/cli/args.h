/* args.h: small argument helpers of the inquiry, pledge, policy and deny-list commands. */
#ifndef MEIBO_CLI_ARGS_H
#define MEIBO_CLI_ARGS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* A positive decimal id (an inquiry, pledge or deny-list number); false when it is not one. */
bool args_id(const char *s, int64_t *id);

/* "yes"/"no" as 1/0; -1 for anything else. */
int args_yesno(const char *s);

/* A subcommand's help: when argv asks for it (or gives no subcommand) print @p help and
 * return true with *rc set (0 for --help, 2 for a missing subcommand). */
bool args_help(const char *help, int argc, char **argv, int *rc);

/* Print "label<TAB>value" with the value made safe for a terminal; NULL and "" print "-". */
void args_row(FILE *out, const char *label, const char *value);

#endif

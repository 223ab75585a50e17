/* args.h: small argument helpers of the inquiry, pledge, policy and deny-list commands. */
#ifndef MEIBO_CLI_ARGS_H
#define MEIBO_CLI_ARGS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "json.h"

/* A positive decimal id (an inquiry, pledge or deny-list number); false when it is not one. */
bool args_id(const char *s, int64_t *id);

/* "yes"/"no" as 1/0; -1 for anything else. */
int args_yesno(const char *s);

/* A subcommand's help: when argv asks for it (or gives no subcommand) print @p help and
 * return true with *rc set (0 for --help, 2 for a missing subcommand). */
bool args_help(const char *help, int argc, char **argv, int *rc);

/* Print "label<TAB>value" with the value made safe for a terminal; NULL and "" print "-". */
void args_row(FILE *out, const char *label, const char *value);

/* Parse "ID [--TEXT_OPT TEXT] [--json]" for command @p cmd (argv[0] is its name). @p text_opt
 * names the text option ("comment", "reason") or is NULL; when given it is required, as is
 * the ID. @p json may be NULL when --json is not accepted. Returns 0 or the usage exit code. */
int args_id_text(const char *cmd, int argc, char **argv, const char *text_opt, int64_t *id,
                 const char **text, bool *json);

/* Say that @p cmd needs something not built yet (exit code 1). */
int args_not_built(const char *cmd, const char *why);

/* With @p json, begin a JSON array on stdout in @p j and return j (the row callbacks' argument);
 * else return NULL. args_json_array_end() closes it (NULL: nothing to close). */
json_w *args_json_array(json_w *j, bool json);
void args_json_array_end(json_w *j);

/* One subcommand: its name, its handler (argv[0] is the subcommand's name) and, where one
 * handler serves several subcommands, the options this one takes: space-separated, "=" after
 * one that takes a value ("name= role= json"); NULL when the handler's own option table is the
 * subcommand's alone. */
typedef struct args_sub {
    const char *name;
    int (*fn)(cli *c, int argc, char **argv);
    const char *opts;
} args_sub;

/* Run the subcommand argv[1] of @p cmd from @p subs (NULL-terminated), after the help check
 * (-h or --help at any level prints @p help); an option the subcommand does not take is
 * refused before its handler runs. Returns its exit code (2 for an unknown one). */
int args_dispatch(cli *c, const char *cmd, const char *help, const args_sub *subs, int argc,
                  char **argv);

#endif

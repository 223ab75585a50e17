/* cli.h: the command line face: shared state and helpers of the subcommands. */
#ifndef MEIBO_CLI_H
#define MEIBO_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "meibo/config.h"
#include "meibo/db.h"
#include "meibo/status.h"

typedef struct cli {
    const char *db_path;       /* --db / MEIBO_DB / config / default */
    const char *config_path;   /* --config / MEIBO_CONFIG */
    const char *user;          /* --user / MEIBO_USER */
    const char *password_file; /* --password-file / MEIBO_PASSWORD_FILE */
    meibo_config cfg;          /* meibo.conf (--config), read once by main, or the defaults */
    bool en;                   /* --lang en (or lang = en in meibo.conf): messages in English */
    meibo_ctx *ctx;
} cli;

/* The subcommands: name, usage line, summary, handler. */
#define CLI_COMMANDS(C)                                                                     \
    C(init, "init --chief LOGIN --pledge-on DATE [--name NAME]",                                             \
      "create a new database and its chief officer (password from the terminal or "         \
      "--password-file)")                                                                  \
    C(user, "user add|list|show|disable|approve|passwd|pledge|training ...",                \
      "staff accounts and the staff register (取扱規程 第27–28条, 第33–34条)") \
    C(demo, "demo --members N [--seed S]", "fill an empty registry with synthetic members")  \
    C(reindex, "reindex", "rebuild every member's search keys and the index (a manager)")      \
    C(import, "import FILE [--encoding auto|utf-8|cp932] [--dry-run] [--ignore-unknown]",   \
      "import members from CSV, all or nothing (a field up to 64 KB, a line up to 1 MB); "   \
      "save the sheet as CSV UTF-8, the lossless choice: CP932 writes ? for what it cannot "  \
      "hold (𠮷), and such a file is refused; --dry-run shows the column mapping")           \
    C(search, "search QUERY [--limit N] [--after CURSOR] [--count] [--status S] "           \
              "[--branch B] [--specialist yes|no] [--sort ORDER] [--json]",                 \
      "find members by number, name, reading, romaji, facility or e-mail")                  \
    C(member, "member show|add|edit|withdraw ...", "read and change one member")             \
    C(audit, "audit verify | audit log [--user ID] [--member NO] [--since DATE] "           \
             "[--until DATE] [--limit N] [--json]",                                         \
      "the access log (取扱規程 第23条, 第35条)")                                            \
    C(inquiry, "inquiry decide|add|list|show|approve|deny|print ...",                       \
      "third-party inquiries about a member, decided by 第20条 (and 第19条, 第22条)")         \
    C(provision, "provision list --member NO | --recipient NAME [--json]",                  \
      "the record of provisions to third parties, kept 3 years")                            \
    C(pledge, "pledge add|list|show|revoke|print ...", "pledges (誓約書, 取扱規程 第5–6条)")   \
    C(recipient, "recipient add|list|show|edit|categories ...",                           \
      "the recipient register: who may receive what (第20条第3–4項)")                        \
    C(permission, "permission grant|list|revoke ...",                                        \
      "the chief officer's prior permissions for every copy (規程 第16条)")                  \
    C(policy, "policy show|edit|history ...", "the policy tables of 第20条, in versions")     \
    C(denylist, "denylist add|list|remove ...", "requesters refused by the chief (第20条第4項(d))") \
    C(optout, "optout add|withdraw|list|show|print ...",                                     \
      "a member's written application to stop provision to third parties (第20条第5項)")      \
    C(request, "request add|list [--due]|show|decide|complete|print|reasons ... [--json]",   \
      "members' rights requests: disclosure, correction, deletion, suspension (第22–23条)") \
    C(export, "export purposes|preview|request|approve|deny|run|list|show ...",              \
      "consent-gated export sheets: paper, or a file with the chief's approval (取扱規程 第4–6条; 規程 第16条)") \
    C(incident, "incident add|list [--due]|show|update|close|notice|report ... [--json]",      \
      "the incident register: leaks, losses, breaches; who is affected, whether and by when "  \
      "to report (取扱規程 第26条; 個人情報保護法 第26条)")                                    \
    C(inspect, "inspect --from DATE --until DATE [--json] | record|ack|list|print ...",      \
      "the manager's inspection report to the chief officer (取扱規程 第25条)")               \
    C(retention, "retention list|set ...", "how long each kind of record is kept (規程 第17条)") \
    C(purge, "purge [--dry-run] [--vacuum] [--json]",                                       \
      "dispose of what is past retention, leaving no trace (chief officer; 取扱規程 第20–22条)") \
    C(backup, "backup [--to DIR] [--pages-per-step N] [--pause-ms MS] [--json]",            \
      "copy the database while clerks work, check and rotate it (取扱規程 第19条)")          \
    C(restore, "restore FILE [--db PATH] [--other-database] [--json]",                                         \
      "put a backup back, erasing again every member deleted since (取扱規程 第19条)")      \
    C(stats, "stats table --by DIM[,DIM] [--as-of DATE] [--threshold N] [--json | --format "  \
             "pdf|xlsx --out FILE] | stats anonymise --recipient RECIPIENT --out FILE "       \
             "[--cover FILE] [--k N] | stats cover ID",                                       \
      "statistics that identify nobody (cells <5 hidden), and 匿名加工情報 (個人情報保護法 第43条)") \
    C(ledger, "ledger [--format text|pdf] [--out FILE]",                                    \
      "the 個人情報取扱台帳, generated from the data (取扱規程 第24条)")                    \
    C(doctor, "doctor [--json]",                                                            \
      "check permissions, locale, fonts, printer, disk, backups, the access log, requests "  \
      "and pledges: ok, warning or problem, and what to do (取扱規程 第39条)")

#define CLI_DECL(name, usage, summary) int cmd_##name(cli *c, int argc, char **argv);
CLI_COMMANDS(CLI_DECL)
#undef CLI_DECL

/* Print an error to stderr ("meibo: ..."); returns the exit code for its status. */
int cli_error(const meibo_err *err);

/* Print a usage error for a command; returns 2. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Open the database (flags as db_open); on failure prints and returns the exit code. */
int cli_open(cli *c, int flags);

/* Open the database and log in as --user; returns 0 or the exit code. */
int cli_login(cli *c);

/* Read a password: from @p file when given (refused if others can read it), else from the
 * terminal without echo (twice when @p confirm). Returns a malloc'd string or NULL. */
char *cli_read_password(const char *file, const char *prompt, bool confirm, meibo_err *err);

/* Write text to a terminal-bound stream with control characters made visible. */
void cli_put(FILE *out, const char *s);

struct outbox_delivery;
/* "WHAT sent to printer Q (request ID)", "WHAT written to PATH" or "WHAT saved in the outbox:
 * PATH"; a stopped printer said on standard error, with CUPS's reason (issue 19). */
void cli_delivered(const char *what, const struct outbox_delivery *d, bool to_file);

/* Does argv contain --help or -h?  Prints the command's usage when it does. */
bool cli_wants_help(const char *cmd, int argc, char **argv);

#endif

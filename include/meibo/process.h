/**
 * @file process.h
 * @brief The process around the core, hardened for a set-group-ID program (docs/ARCHITECTURE.md,
 * Security): a scrubbed environment with a safe PATH, and a database that only its group can
 * read. The faces call these first; the core itself never reads the caller's PATH.
 */
#ifndef MEIBO_PROCESS_H
#define MEIBO_PROCESS_H

#include <stdbool.h>
#include <stddef.h>

#include "meibo/status.h"

/** @brief The PATH meibo runs with and finds lp in (when meibo.conf names no lp_command). */
#define MEIBO_SAFE_PATH "/usr/bin:/bin"

/**
 * @brief Is the environment entry @p entry ("NAME=value") one meibo keeps? TERM, LANG,
 * LANGUAGE, LC_*, TZ, HOME, NO_COLOR, COLUMNS and LINES (the terminal), SSH_CONNECTION (the
 * access log records the client address, 取扱規程 第35条) and MEIBO_*. Pure.
 */
bool process_env_keep(const char *entry);

/**
 * @brief Drop every other variable from the environment and set PATH to MEIBO_SAFE_PATH:
 * nothing the caller sets (LD_*, IFS, FONTCONFIG_FILE, TMPDIR, PATH, ...) reaches meibo's
 * libraries or the programs it runs. Returns 0, or -1 when out of memory (the environment is
 * then empty but for PATH).
 */
int process_scrub_env(void);

/**
 * @brief Refuse a database that others than its owner and group can reach: the file @p path
 * (when it exists), its -wal and -shm files, and its folder must give others no access to
 * read or write (the folder may let them pass through, o+x). MEIBO_ERR_DENIED names the file
 * or folder, its mode, and the chmod that fixes it.
 */
meibo_status process_check_db(const char *path, meibo_err *err);

/**
 * @brief The check process_check_db() makes of each of its paths: a file (@p dir false) that
 * others may reach at all, or a folder others may read or write, is MEIBO_ERR_DENIED with the
 * chmod that fixes it; a missing path is MEIBO_OK. For meibo doctor, which reports every path.
 */
meibo_status process_check_path(const char *path, bool dir, meibo_err *err);

/**
 * @brief Can the real user (not a set-group-ID's group) access @p path with @p mode
 * (R_OK, W_OK, ...)? For what only someone with the files themselves may do: a backup by cron
 * without a login, a restore over the database. MEIBO_ERR_DENIED naming the path otherwise.
 */
meibo_status process_real_access(const char *path, int mode, const char *what, meibo_err *err);

/**
 * @brief Overwrite the regular file @p path with zeros, sync it and remove it (a letter or a
 * plain backup copy that is done with: 取扱規程 第21–22条 ask that data not be recoverable;
 * on a journaling or flash file system the old blocks may survive, which is why backups can be
 * encrypted). Symbolic links are not followed. Returns 0, or -1 with errno set.
 */
int process_shred(const char *path);

/** @brief Is the codeset of the current LC_CTYPE locale UTF-8 (kanji can be shown)? */
bool process_locale_is_utf8(void);

/**
 * @brief Switch LC_CTYPE to the first installed UTF-8 locale of C.UTF-8, C.utf8, ja_JP.UTF-8,
 * en_US.UTF-8 (what the terminal UI does when the environment's locale is not UTF-8). Returns
 * the name of the locale switched to (static storage), or NULL with LC_CTYPE unchanged.
 */
const char *process_locale_utf8_fallback(void);

/**
 * @brief Run @p prog (an absolute path) with @p argv and @p envp, with the real user and group
 * IDs, standard input /dev/null and nothing else open; what it writes on standard output and
 * error goes to @p out (NUL-terminated, cut at @p outlen - 1 bytes). Killed after
 * @p timeout_ms. *exit_status receives its wait status. MEIBO_ERR_IO when it cannot be started
 * or was killed for taking too long (nothing else is judged here).
 */
meibo_status process_run_capture(const char *prog, char *const argv[], char *const envp[],
                                 int timeout_ms, char *out, size_t outlen, int *exit_status,
                                 meibo_err *err);

#endif

/**
 * @file boundary.h
 * @brief The set-group-ID boundary (docs/ARCHITECTURE.md, Security; meibo(1), SECURITY): what a
 * set-group-ID meibo does with its group's rights, stated and applied here, in one place.
 *
 * The rule: with the group's rights meibo touches only paths the installation chose — the
 * state folder (state_dir, default MEIBO_STATEDIR) and what the root-owned system
 * configuration (MEIBO_SYSCONFDIR/meibo/meibo.conf) names. For anything else it first drops
 * the group:
 *  - a database the caller names (--db, MEIBO_DB) outside the state folder, and every `init`,
 *    run with the group dropped for good (setresgid to the real group: nothing later in such
 *    a run needs it back, and a bug later cannot take it back) before any file is opened:
 *    the user reaches only what they could reach anyway;
 *  - a file the caller names (--config, --password-file, --out, import FILE) is opened with the
 *    group dropped for the moment (setegid(getgid()), taken back after): no oracle, no file of
 *    the group read or written on the caller's behalf;
 *  - the installation's settings come only from the system file; the caller's --config may set
 *    only preferences (config_key_user_may_set()), unless the caller is root;
 *  - the backup folder and the outbox used with the group's rights must be the group's, mode
 *    2770, not owned by the caller (boundary_folder()); meibo makes none itself then.
 * Besides: no core dumps (RLIMIT_CORE 0 always; PR_SET_DUMPABLE 0 when set-group-ID) and
 * fontconfig limited to the system configuration (no user's fonts.conf, no ~/.fonts).
 * When the real and effective group are equal (root, a member of the group, development and
 * tests) nothing is dropped: the system file, when there is one, gives the defaults and
 * --config may set every key.
 */
#ifndef MEIBO_BOUNDARY_H
#define MEIBO_BOUNDARY_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "meibo/config.h"
#include "meibo/status.h"

#ifndef MEIBO_SYSCONFDIR
#define MEIBO_SYSCONFDIR "/usr/local/etc" /**< the Makefile's SYSCONFDIR */
#endif
#ifndef MEIBO_STATEDIR
#define MEIBO_STATEDIR "/var/lib/meibo" /**< the Makefile's STATEDIR: state_dir's default */
#endif

/** @brief The system configuration: MEIBO_SYSCONFDIR "/meibo/meibo.conf" (static). */
const char *boundary_system_config(void);

/**
 * @brief Called first by each face: records whether meibo runs set-group-ID (real group
 * other than effective), sets RLIMIT_CORE to 0, and when set-group-ID also PR_SET_DUMPABLE 0,
 * FONTCONFIG_FILE=/etc/fonts/fonts.conf and fontconfig's use of the home folder off.
 */
void boundary_start(void);

/** @brief Did meibo start set-group-ID (real and effective group differed)? */
bool boundary_setgid(void);

/** @brief Set-group-ID and the group not dropped for good: the group's rights are in use. */
bool boundary_group_held(void);

/** @brief For a file the caller names: the group dropped until boundary_user_end() (nothing
 * when the group is not held). Returns 0, or -1 with errno set. Not nested. */
int boundary_user_begin(void);

/** @brief The group taken back after boundary_user_begin(). Returns 0, or -1 with errno. */
int boundary_user_end(void);

/** @brief open(2) a file the caller names with the group dropped for the moment. */
int boundary_open_user(const char *path, int flags, mode_t mode);

/**
 * @brief open(2) one of the database's own files beside it (the access log's key and its
 * anchors, audit.h): with the rights meibo holds for the database itself (boundary_db() has
 * already dropped the group for a database that is not the installation's), never through a
 * symbolic link, and a regular file only (else -1 with errno ELOOP or EINVAL). A created file
 * gets @p mode and, in a set-group-ID folder, the folder's group. Returns the descriptor, or
 * -1 with errno set.
 */
int boundary_open_beside_db(const char *path, int flags, mode_t mode);

/**
 * @brief The configuration: the system file (when it exists: owned by root, not writable by
 * group or others, else MEIBO_ERR_DENIED naming it and the chown/chmod), then the caller's
 * @p user_file (NULL: none; the system file named again is not read twice), read with the
 * group dropped; while the group is held, for any caller but root, it may set only what
 * config_key_user_may_set() allows, and idle_lock_minutes only shorter. @p cfg must hold
 * config_defaults().
 */
meibo_status boundary_config(const char *user_file, meibo_config *cfg, meibo_err *err);

/** @brief The state folder of @p cfg: state_dir, else MEIBO_STATEDIR (static or cfg's). */
const char *boundary_state_dir(const meibo_config *cfg);

/**
 * @brief Apply the rule to the database: when the group is held and @p caller_named (the
 * path came from --db or MEIBO_DB) and @p db_path is not inside the state folder (after
 * symbolic links and ".."), or @p init, the group is dropped for good. Does nothing else.
 */
meibo_status boundary_db(const meibo_config *cfg, const char *db_path, bool caller_named,
                         bool init, meibo_err *err);

/**
 * @brief A folder meibo writes with the group's rights (@p what: "backup folder", "outbox"):
 * while the group is held it must exist, be a folder (not a symbolic link) in meibo's group,
 * mode 2770, not owned by the caller (root excepted); else MEIBO_ERR_DENIED naming it and the
 * command that makes it right. MEIBO_OK without checks when the group is not held.
 */
meibo_status boundary_folder(const char *dir, const char *what, meibo_err *err);

/**
 * @brief @p path made absolute against @p cwd and normalised without looking at the file
 * system ("." and empty parts dropped, ".." takes back one part) into @p out. False when it
 * does not fit. Pure.
 */
bool boundary_path_normalize(const char *cwd, const char *path, char *out, size_t len);

/** @brief Is the normalised absolute @p path inside the folder @p dir (or @p dir itself)? Pure. */
bool boundary_path_inside(const char *dir, const char *path);

#endif

/**
 * @file doctor.h
 * @brief meibo doctor: is this installation fit to hold the members' data? (取扱規程 第39条:
 * the system's state watched and what hinders it dealt with; 第16条: the measures in place
 * checked.)
 *
 * The checks, each giving one or more findings (ok, warning or problem, and what to do):
 *  - permissions: the database, its -wal and -shm files and its folder, the backup folder and
 *    its backups, the outbox and its letters give others no access (process_check_path(),
 *    the check every meibo command makes of the database);
 *  - install: when meibo is set-group-ID (make install), the database, its folder and the
 *    backup folder are in meibo's group with the group's access, the folders set-group-ID;
 *  - locale: the codeset of LC_CTYPE is UTF-8 (kanji can be shown), else which UTF-8 locale the
 *    terminal UI would fall back to and what to set;
 *  - fonts: fontconfig gives Pango IPAex Mincho for the letters (pdf_font_probe()) and it has
 *    the characters letters need;
 *  - printer: with a printer in meibo.conf, lp is found (outbox_find_lp()) and
 *    `lpstat -p PRINTER` (beside lp, else in the safe PATH) tells its state; without one, the
 *    outbox folder can be written;
 *  - disk: free space where the database and the backups are (a backup needs the database's
 *    size again);
 *  - backup: the newest backup in the backup folder against 取扱規程 第19条 (daily), and the
 *    key file when backups are encrypted;
 *  - audit: the access log's hash chain (audit_verify(), 取扱規程 第35条);
 *  - requests: rights requests overdue or nearly due (request_due_counts(), 第22–23条);
 *  - incidents: reports to the 個人情報保護委員会 overdue or nearly due (incident_due_counts(),
 *    取扱規程 第26条, 個人情報保護法施行規則 第8条);
 *  - pledges: pledges ending soon (pledge_list(), 取扱規程 第5–6条);
 *  - staff: accounts without a pledge on file or training in 12 months (staff.h, 第27–28条).
 * The first seven need only the files (doctor_files()); the last four the database
 * (doctor_data()). Nothing is printed and nothing is changed: the report is the caller's to
 * show. The findings hold no personal data (paths, modes, counts, dates).
 */
#ifndef MEIBO_DOCTOR_H
#define MEIBO_DOCTOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "meibo/config.h"
#include "meibo/db.h"
#include "meibo/pledge.h"

#define DOCTOR_BACKUP_WARN_HOURS 26     /**< a daily backup plus some slack (取扱規程 第19条) */
#define DOCTOR_BACKUP_PROBLEM_HOURS 72  /**< three days without one */
#define DOCTOR_PLEDGE_DAYS PLEDGE_ENDING_SOON_DAYS          /**< pledges ending within this many days */
#define DOCTOR_LPSTAT_TIMEOUT_MS 5000   /**< how long lpstat may take */

typedef enum doctor_level {
    DOCTOR_OK = 0,      /**< nothing to do */
    DOCTOR_WARNING = 1, /**< works, but should be seen to */
    DOCTOR_PROBLEM = 2  /**< breaks a rule or will fail: meibo doctor exits 1 */
} doctor_level;

/** @brief One finding. */
typedef struct doctor_finding {
    const char *area;   /**< "permissions", "install", "locale", "fonts", "printer", "disk",
                             "backup", "database", "audit", "requests", "incidents", "staff",
                             "pledges" (static) */
    doctor_level level;
    char *what;         /**< what was found (owned by the report) */
    char *todo;         /**< what to do; "" when nothing (owned by the report) */
} doctor_finding;

/** @brief The findings in the order the checks ran. Owned by the caller: doctor_report_free(). */
typedef struct doctor_report {
    doctor_finding *items;
    size_t n, cap;
} doctor_report;

typedef struct doctor_options {
    const meibo_config *cfg;  /**< meibo.conf as loaded; NULL: the defaults */
    const char *db_path;      /**< the database */
    const char *exe_path;     /**< meibo's binary; NULL: /proc/self/exe */
    int64_t now;              /**< the clock for doctor_files() (Unix seconds); 0: time(NULL) */
    int backup_warn_hours;    /**< 0: DOCTOR_BACKUP_WARN_HOURS */
    int backup_problem_hours; /**< 0: DOCTOR_BACKUP_PROBLEM_HOURS */
    int pledge_days;          /**< 0: DOCTOR_PLEDGE_DAYS */
} doctor_options;

/** @brief An empty report. */
void doctor_report_init(doctor_report *r);

/** @brief Free the findings (the struct itself is the caller's); an empty report stays usable. */
void doctor_report_free(doctor_report *r);

/** @brief The worst level in @p r (DOCTOR_OK when empty). */
doctor_level doctor_worst(const doctor_report *r);

/** @brief How many findings of @p r have level @p level. */
size_t doctor_count(const doctor_report *r, doctor_level level);

/** @brief "ok", "warning" or "problem". */
const char *doctor_level_name(doctor_level level);

/**
 * @brief The checks that need only the files and the process (permissions, install, locale,
 * fonts, printer, disk, backup), appended to @p r. Anyone may run them (they read no data).
 * Fails only when out of memory; everything found is a finding.
 */
meibo_status doctor_files(const doctor_options *opt, doctor_report *r, meibo_err *err);

/**
 * @brief The newest backup in the backup folder (取扱規程 第19条), as the backup check finds it:
 * its name into @p name and its time (Unix seconds, the older of its name's and its file's) into
 * *@p when. Returns how many backups there are, -1 when there is no folder. For inspect.h.
 */
int doctor_backup_newest(const meibo_config *cfg, const char *db_path, char *name, size_t len,
                         int64_t *when);

/**
 * @brief The checks of the database (audit, requests, pledges), appended to @p r, by the clock
 * of @p ctx. Anyone logged in (a clerk or above), or the system (cron, for a user who may read
 * the database file itself); MEIBO_ERR_DENIED otherwise. Reads no personal data and writes
 * nothing (no access-log row).
 */
meibo_status doctor_data(meibo_ctx *ctx, const doctor_options *opt, doctor_report *r,
                         meibo_err *err);

/**
 * @brief Note in @p r that the checks of the database did not run, and @p why (a warning in
 * area "database", with @p todo). For a face that could not open it.
 */
meibo_status doctor_skipped(doctor_report *r, doctor_level level, const char *why,
                            const char *todo, meibo_err *err);

#endif

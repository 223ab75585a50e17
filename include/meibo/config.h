/**
 * @file config.h
 * @brief The configuration file (meibo.conf(5)): "key = value" lines, '#' comments.
 */
#ifndef MEIBO_CONFIG_H
#define MEIBO_CONFIG_H

#include "meibo/status.h"

typedef struct meibo_config {
    char db[1024];          /**< database path ("" = not set) */
    int idle_lock_minutes;  /**< 取扱規程 第30条: lock the screen after this many idle minutes (5) */
    char lang[4];           /**< "ja" (default) or "en" */
    int ambiguous_width;    /**< cells of an East Asian ambiguous character: 1 (default) or 2 */
    int ascii_lines;        /**< 1: draw lines with - | + instead of box-drawing characters */
    /* the printed letters (forms/) */
    char society_name[404];       /**< on every letter; "" = not set (letters refused) */
    char secretariat_contact[1004]; /**< address, telephone: lines separated by '|' */
    int letter_seireki;           /**< 1: dates in letters as 西暦; 0: 和暦 (default) */
    char printer[128];            /**< CUPS queue for `lp -d`; "" = none: the outbox */
    char outbox[1024];            /**< folder of letters not printed; "" = outbox/ beside the db */
    /* members' rights (第22–23条) */
    int request_due_days;         /**< days from receipt to a request's due date (14) */
    /* retention, backups, installation (取扱規程 第19条) */
    char backup_dir[1024];        /**< folder of the daily backups; "" = backups/ beside the db */
    int backup_keep_daily;        /**< newest backup of each of the last N days kept (14) */
    int backup_keep_monthly;      /**< newest backup of each of the last N months kept (12) */
    char backup_key_file[1024];   /**< AES-256 key (64 hex digits); "" = backups not encrypted */
    char lp_command[1024];        /**< the lp program, an absolute path; "" = lp in /usr/bin:/bin */
    char specialist_no_pattern[256]; /**< the society's form of a specialist number (ERE); "" = any */
    char state_dir[1024];         /**< the state folder (boundary.h); "" = MEIBO_STATEDIR */
    /* staff and inspection (取扱規程 第25条, 第27条) */
    int login_without_pledge;     /**< 1: an account with no pledge on file may log in (0) */
    int office_start, office_end; /**< office hours in minutes after midnight (08:30, 18:00) */
    int office_days;              /**< bit per weekday, 1 << 0 Sunday … 1 << 6 Saturday (Mon–Fri) */
} meibo_config;

/** @brief Who wrote a configuration file: the system's (every key) or a user's (preferences). */
typedef enum config_scope {
    CONFIG_SYSTEM = 0, /**< the root-owned system file, or any file when not set-group-ID */
    CONFIG_USER = 1    /**< a caller's --config while meibo holds its group's rights */
} config_scope;

/**
 * @brief May a user's file (CONFIG_USER) set @p key? Only the preferences that reach no file
 * and no rule: lang, line_drawing, ambiguous_width, and idle_lock_minutes (shorter only, the
 * caller checks). Every path, the society's texts, printing, backups, rights-request days and
 * any key not known here are the system file's. Pure.
 */
bool config_key_user_may_set(const char *key);

/**
 * @brief The defaults (no database path, 5 minutes, Japanese, width 1, Unicode lines; no
 * society name or contact, 和暦 dates, no printer, the outbox beside the database; rights
 * requests due 14 days after receipt; backups beside the database, 14 daily and 12 monthly,
 * not encrypted; lp from the safe PATH).
 */
void config_defaults(meibo_config *cfg);

/** @brief Parse configuration text (@p name is used in messages). */
meibo_status config_parse(const char *text, const char *name, meibo_config *cfg, meibo_err *err);

/**
 * @brief config_parse() for a file of @p scope: in CONFIG_USER a key config_key_user_may_set()
 * refuses, or an idle_lock_minutes longer than @p cfg's, is MEIBO_ERR_DENIED naming file,
 * line and key (and nothing of the file is applied).
 */
meibo_status config_parse_scoped(const char *text, const char *name, meibo_config *cfg,
                                 config_scope scope, meibo_err *err);

/** @brief Read the open file @p fd (not closed) as config_parse_scoped(); @p name in messages. */
meibo_status config_load_fd(int fd, const char *name, meibo_config *cfg, config_scope scope,
                            meibo_err *err);

#endif

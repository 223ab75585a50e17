/* config.c: meibo.conf — "key = value" lines, '#' comments, blank lines. */
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "meibo/check.h"
#include "meibo/config.h"

/* A specialist-number pattern regcomp() can compile in little memory: short, a few
 * repetitions, none repeated again ("a++++" or "(a{99}){99}" make glibc's automaton huge:
 * found by fuzz_config), counts up to 99. */
static bool pattern_tame(const char *p)
{
    size_t n = strlen(p);
    if (n > 64)
        return false;
    int reps = 0;
    bool after_rep = false;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c == '\\' && i + 1 < n) {
            i++;
            after_rep = false;
            continue;
        }
        bool rep = c == '*' || c == '+' || c == '?' || c == '{';
        if (rep) {
            /* a repetition of a repetition multiplies the automaton; an optional one (?)
             * at most doubles it */
            if ((after_rep && c != '?') || ++reps > 8)
                return false;
            if (c == '{') {
                /* {m} or {m,n}, each at most 99 */
                long m = 0;
                size_t j = i + 1;
                for (int part = 0; part < 2 && j < n; part++) {
                    m = 0;
                    size_t d = j;
                    while (j < n && p[j] >= '0' && p[j] <= '9' && j - d < 3)
                        m = m * 10 + (p[j++] - '0');
                    if (m > 99 || (j < n && p[j] >= '0' && p[j] <= '9'))
                        return false;
                    if (j < n && p[j] == ',')
                        j++;
                    else
                        break;
                }
                if (j >= n || p[j] != '}')
                    return false;
                i = j;
            }
            after_rep = true;
        } else {
            /* a group closed right after a repetition, then repeated: (a+)+ */
            after_rep = after_rep && c == ')';
        }
    }
    return true;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        *--e = '\0';
    return s;
}

void config_defaults(meibo_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->idle_lock_minutes = 5;
    strcpy(cfg->lang, "ja");
    cfg->ambiguous_width = 1;
    cfg->request_due_days = 14;
    cfg->backup_keep_daily = 14;
    cfg->backup_keep_monthly = 12;
    cfg->office_start = 8 * 60 + 30;
    cfg->office_end = 18 * 60;
    cfg->office_days = 0x3E; /* Monday to Friday */
}

/* "HH:MM" → minutes after midnight, -1 when it is not a time. */
static int hhmm(const char *s, size_t n)
{
    if (n != 5 || s[2] != ':')
        return -1;
    for (size_t i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    return h <= 24 && m < 60 && h * 60 + m <= 24 * 60 ? h * 60 + m : -1;
}

/* office_hours = HH:MM-HH:MM [weekdays|daily] (取扱規程 第25条: access outside them is reported). */
static bool office_hours_parse(const char *val, int *start, int *end, int *days)
{
    const char *dash = strchr(val, '-');
    if (!dash)
        return false;
    size_t rest = strcspn(dash + 1, " \t");
    int a = hhmm(val, (size_t)(dash - val)), b = hhmm(dash + 1, rest);
    if (a < 0 || b < 0 || a >= b)
        return false;
    const char *w = dash + 1 + rest;
    while (*w == ' ' || *w == '\t')
        w++;
    int d;
    if (!*w || !strcmp(w, "weekdays"))
        d = 0x3E;
    else if (!strcmp(w, "daily"))
        d = 0x7F;
    else
        return false;
    *start = a, *end = b, *days = d;
    return true;
}

/* An absolute path of at most @p size - 1 bytes without control characters. */
static bool abs_path_ok(const char *val, size_t size)
{
    if (val[0] != '/' || strlen(val) >= size)
        return false;
    for (const char *p = val; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7F)
            return false;
    return true;
}

/* One key: a value the key's kind accepts, or a message naming file, line and key. */
static meibo_status config_set(meibo_config *cfg, const char *key, const char *val,
                               const char *name, long lineno, meibo_err *err)
{
    char *end;
    if (!strcmp(key, "db")) {
        if (!*val || strlen(val) >= sizeof cfg->db)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, "db", "%s:%ld: db: a path is required",
                                    name, lineno);
        snprintf(cfg->db, sizeof cfg->db, "%s", val);
    } else if (!strcmp(key, "idle_lock_minutes")) {
        long n = strtol(val, &end, 10);
        if (!*val || *end || n < 1 || n > 60)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, key,
                                    "%s:%ld: idle_lock_minutes: a number of minutes from 1 to 60 "
                                    "(取扱規程 第30条), not '%s'", name, lineno, val);
        cfg->idle_lock_minutes = (int)n;
    } else if (!strcmp(key, "lang")) {
        if (strcmp(val, "ja") && strcmp(val, "en"))
            return meibo_fail_field(err, MEIBO_ERR_INVALID, key,
                                    "%s:%ld: lang: 'ja' or 'en', not '%s'", name, lineno, val);
        snprintf(cfg->lang, sizeof cfg->lang, "%s", val);
    } else if (!strcmp(key, "ambiguous_width")) {
        if (strcmp(val, "1") && strcmp(val, "2"))
            return meibo_fail_field(err, MEIBO_ERR_INVALID, key,
                                    "%s:%ld: ambiguous_width: 1 or 2, not '%s'", name, lineno, val);
        cfg->ambiguous_width = val[0] - '0';
    } else if (!strcmp(key, "line_drawing")) {
        if (strcmp(val, "unicode") && strcmp(val, "ascii"))
            return meibo_fail_field(err, MEIBO_ERR_INVALID, key,
                                    "%s:%ld: line_drawing: 'unicode' or 'ascii', not '%s'", name,
                                    lineno, val);
        cfg->ascii_lines = !strcmp(val, "ascii");
    } else if (!strcmp(key, "society_name") || !strcmp(key, "secretariat_contact")) {
        bool society = !strcmp(key, "society_name");
        size_t max = society ? 100 : 250;
        meibo_err why;
        if (!*val || check_text(key, val, max, true, &why))
            return meibo_fail_field(err, MEIBO_ERR_INVALID, key,
                                    "%s:%ld: %s: %s of at most %zu characters, without control "
                                    "characters", name, lineno, key,
                                    society ? "the society's name" : "the secretariat's address "
                                    "and telephone", max);
        if (society)
            snprintf(cfg->society_name, sizeof cfg->society_name, "%s", val);
        else
            snprintf(cfg->secretariat_contact, sizeof cfg->secretariat_contact, "%s", val);
    } else if (!strcmp(key, "letter_dates")) {
        if (strcmp(val, "wareki") && strcmp(val, "seireki"))
            return meibo_fail_field(err, MEIBO_ERR_INVALID, key,
                                    "%s:%ld: letter_dates: 'wareki' (和暦) or 'seireki' (西暦), "
                                    "not '%s'", name, lineno, val);
        cfg->letter_seireki = !strcmp(val, "seireki");
    } else if (!strcmp(key, "printer")) {
        /* a CUPS queue name: printable ASCII without space, '/', '#'; not an option */
        bool ok = strlen(val) < sizeof cfg->printer && val[0] != '-';
        for (const char *p = val; ok && *p; p++)
            ok = *p > ' ' && *p < 0x7F && *p != '/' && *p != '#';
        if (!ok)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, key,
                                    "%s:%ld: printer: a CUPS queue name (letters, digits, '-', "
                                    "'_', '.'; empty for none), not '%s'", name, lineno, val);
        snprintf(cfg->printer, sizeof cfg->printer, "%s", val);
    } else if (!strcmp(key, "outbox")) {
        if (!*val || strlen(val) >= sizeof cfg->outbox)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, key,
                                    "%s:%ld: outbox: a folder path is required", name, lineno);
        snprintf(cfg->outbox, sizeof cfg->outbox, "%s", val);
    } else if (!strcmp(key, "request_due_days")) {
        long n = strtol(val, &end, 10);
        if (!*val || *end || n < 1 || n > 90)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, key,
                                    "%s:%ld: request_due_days: a number of days from 1 to 90 "
                                    "(第22条: 遅滞なく), not '%s'", name, lineno, val);
        cfg->request_due_days = (int)n;
    } else if (!strcmp(key, "specialist_no_pattern")) {
        regex_t re;
        if (!pattern_tame(val) || regcomp(&re, val, REG_EXTENDED | REG_NOSUB) != 0)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, key,
                                    "%s:%ld: specialist_no_pattern: a POSIX extended regular "
                                    "expression of at most 64 bytes, 8 repetitions (no "
                                    "repetition of a repetition, counts up to 99), not '%s'",
                                    name, lineno, val);
        regfree(&re);
        snprintf(cfg->specialist_no_pattern, sizeof cfg->specialist_no_pattern, "%s", val);
    } else if (!strcmp(key, "login_without_pledge")) {
        if (strcmp(val, "yes") && strcmp(val, "no"))
            return meibo_fail_field(err, MEIBO_ERR_INVALID, key,
                                    "%s:%ld: login_without_pledge: 'yes' or 'no' (取扱規程 第27条), "
                                    "not '%s'", name, lineno, val);
        cfg->login_without_pledge = !strcmp(val, "yes");
    } else if (!strcmp(key, "office_hours")) {
        if (!office_hours_parse(val, &cfg->office_start, &cfg->office_end, &cfg->office_days))
            return meibo_fail_field(err, MEIBO_ERR_INVALID, key,
                                    "%s:%ld: office_hours: HH:MM-HH:MM, then 'weekdays' (the "
                                    "default) or 'daily', not '%s'", name, lineno, val);
    } else if (!strcmp(key, "state_dir")) {
        if (!abs_path_ok(val, sizeof cfg->state_dir))
            return meibo_fail_field(err, MEIBO_ERR_INVALID, key,
                                    "%s:%ld: state_dir: an absolute path, not '%s'", name, lineno,
                                    val);
        snprintf(cfg->state_dir, sizeof cfg->state_dir, "%s", val);
    } else if (!strcmp(key, "backup_dir") || !strcmp(key, "backup_key_file") ||
               !strcmp(key, "lp_command")) {
        /* absolute paths: cron and a set-group-ID meibo run from anywhere */
        _Static_assert(sizeof cfg->backup_key_file == sizeof cfg->backup_dir &&
                           sizeof cfg->lp_command == sizeof cfg->backup_dir,
                       "the path keys share one size");
        char *dst = !strcmp(key, "backup_dir")        ? cfg->backup_dir
                    : !strcmp(key, "backup_key_file") ? cfg->backup_key_file
                                                      : cfg->lp_command;
        if (!abs_path_ok(val, sizeof cfg->backup_dir))
            return meibo_fail_field(err, MEIBO_ERR_INVALID, key,
                                    "%s:%ld: %s: an absolute path, not '%s'", name, lineno, key,
                                    val);
        snprintf(dst, sizeof cfg->backup_dir, "%s", val);
    } else if (!strcmp(key, "backup_keep_daily") || !strcmp(key, "backup_keep_monthly")) {
        long n = strtol(val, &end, 10);
        if (!*val || *end || n < 0 || n > 1000)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, key,
                                    "%s:%ld: %s: a number of backups from 0 to 1000, not '%s'",
                                    name, lineno, key, val);
        if (!strcmp(key, "backup_keep_daily"))
            cfg->backup_keep_daily = (int)n;
        else
            cfg->backup_keep_monthly = (int)n;
    } else {
        return meibo_fail_field(err, MEIBO_ERR_INVALID, key, "%s:%ld: unknown key '%s'", name,
                                lineno, key);
    }
    return MEIBO_OK;
}

bool config_key_user_may_set(const char *key)
{
    static const char *const prefs[] = {"lang", "line_drawing", "ambiguous_width",
                                        "idle_lock_minutes"};
    for (size_t i = 0; key && i < sizeof prefs / sizeof *prefs; i++)
        if (!strcmp(key, prefs[i]))
            return true;
    return false;
}

meibo_status config_parse(const char *text, const char *name, meibo_config *cfg, meibo_err *err)
{
    return config_parse_scoped(text, name, cfg, CONFIG_SYSTEM, err);
}

meibo_status config_parse_scoped(const char *text, const char *name, meibo_config *cfg,
                                 config_scope scope, meibo_err *err)
{
    char *copy = strdup(text);
    meibo_config *work = malloc(sizeof *work); /* all or nothing: cfg changes when all is ok */
    if (!copy || !work) {
        free(copy);
        free(work);
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    }
    *work = *cfg;
    meibo_status st = MEIBO_OK;
    long lineno = 0;
    char *save = NULL;
    for (char *line = copy; line && st == MEIBO_OK; line = save) {
        save = strchr(line, '\n');
        if (save)
            *save++ = '\0';
        lineno++;
        char *l = trim(line);
        if (!*l || *l == '#')
            continue;
        char *eq = strchr(l, '=');
        if (!eq) {
            st = meibo_fail(err, MEIBO_ERR_INVALID, "%s:%ld: expected 'key = value'", name, lineno);
            break;
        }
        *eq = '\0';
        char *key = trim(l), *val = trim(eq + 1);
        if (scope == CONFIG_USER && !config_key_user_may_set(key)) {
            /* a set-group-ID meibo: the installation's settings are root's (boundary.h) */
            st = meibo_fail_field(err, MEIBO_ERR_DENIED, key,
                                  "%s:%ld: %s: a user's configuration may not set this key "
                                  "(meibo is set-group-ID: the installation's settings come "
                                  "only from the system configuration; a user's file sets "
                                  "lang, line_drawing, ambiguous_width and a shorter "
                                  "idle_lock_minutes; meibo.conf(5))",
                                  name, lineno, key);
            break;
        }
        int idle = work->idle_lock_minutes;
        st = config_set(work, key, val, name, lineno, err);
        if (!st && scope == CONFIG_USER && work->idle_lock_minutes > idle)
            st = meibo_fail_field(err, MEIBO_ERR_DENIED, key,
                                  "%s:%ld: idle_lock_minutes: at most %d, the system "
                                  "configuration's (a user may only shorten it, 取扱規程 第30条), "
                                  "not %d", name, lineno, idle, work->idle_lock_minutes);
    }
    if (st && err)
        err->line = lineno;
    if (!st)
        *cfg = *work;
    free(work);
    free(copy);
    return st;
}

meibo_status config_load(const char *path, meibo_config *cfg, meibo_err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return meibo_fail(err, MEIBO_ERR_NOT_FOUND, "%s: cannot read the configuration", path);
    meibo_status st = config_load_fd(fd, path, cfg, CONFIG_SYSTEM, err);
    close(fd);
    return st;
}

meibo_status config_load_fd(int fd, const char *name, meibo_config *cfg, config_scope scope,
                            meibo_err *err)
{
    char *buf = NULL;
    size_t cap = 0, len = 0;
    char chunk[4096];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            free(buf);
            return meibo_fail(err, MEIBO_ERR_NOT_FOUND, "%s: cannot read the configuration",
                              name);
        }
        if (n == 0)
            break;
        if (len + (size_t)n + 1 > cap) {
            cap = (len + (size_t)n + 1) * 2;
            char *b = realloc(buf, cap);
            if (!b) {
                free(buf);
                return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
            }
            buf = b;
        }
        memcpy(buf + len, chunk, (size_t)n);
        len += (size_t)n;
    }
    if (!buf && !(buf = calloc(1, 1)))
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    buf[len] = '\0';
    meibo_status st = config_parse_scoped(buf, name, cfg, scope, err);
    free(buf);
    return st;
}

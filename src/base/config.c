/* config.c: meibo.conf — "key = value" lines, '#' comments, blank lines. */
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "meibo/buf.h"
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

/* The keys of meibo.conf(5), as data (after tig's option table): each key's kind says how its
 * value is checked and stored, @c what is the message's words for a value it refuses. */
typedef enum key_kind {
    KEY_PATH,     /* a non-empty path that fits the field */
    KEY_ABS_PATH, /* an absolute path without control characters: cron and a set-group-ID
                     meibo run from anywhere */
    KEY_INT,      /* a decimal number from min to max */
    KEY_CHOICE,   /* one of choices[]: the field (an int) is its index + min */
    KEY_WORD,     /* one of choices[], kept as the word (lang) */
    KEY_TEXT,     /* free text of at most max characters, no control characters */
    KEY_PRINTER,  /* a CUPS queue name */
    KEY_PATTERN,  /* a tame POSIX extended regular expression */
    KEY_HOURS,    /* office_hours: HH:MM-HH:MM [weekdays|daily] */
} key_kind;

typedef struct config_key {
    const char *name;
    key_kind kind;
    size_t off, size;        /* the field in meibo_config (a char array, or an int) */
    long min, max;           /* KEY_INT's range; KEY_CHOICE's first value; KEY_TEXT's length */
    const char *choices[2];  /* KEY_CHOICE */
    bool user;               /* a user's own file may set it (boundary.h: only preferences) */
    const char *what;        /* "a number of minutes from 1 to 60 (取扱規程 第30条)" */
} config_key;

#define FIELD(f) offsetof(meibo_config, f), sizeof((meibo_config *)0)->f

static const config_key keys[] = {
    {"db", KEY_PATH, FIELD(db), 0, 0, {0}, false, "a path is required"},
    {"idle_lock_minutes", KEY_INT, FIELD(idle_lock_minutes), 1, 60, {0}, true,
     "a number of minutes from 1 to 60 (取扱規程 第30条)"},
    {"lang", KEY_WORD, FIELD(lang), 0, 0, {"ja", "en"}, true, "'ja' or 'en'"},
    {"ambiguous_width", KEY_CHOICE, FIELD(ambiguous_width), 1, 0, {"1", "2"}, true, "1 or 2"},
    {"line_drawing", KEY_CHOICE, FIELD(ascii_lines), 0, 0, {"unicode", "ascii"}, true,
     "'unicode' or 'ascii'"},
    {"society_name", KEY_TEXT, FIELD(society_name), 0, 100, {0}, false, "the society's name"},
    {"secretariat_contact", KEY_TEXT, FIELD(secretariat_contact), 0, 250, {0}, false,
     "the secretariat's address and telephone"},
    {"letter_dates", KEY_CHOICE, FIELD(letter_seireki), 0, 0, {"wareki", "seireki"}, false,
     "'wareki' (和暦) or 'seireki' (西暦)"},
    {"printer", KEY_PRINTER, FIELD(printer), 0, 0, {0}, false,
     "a CUPS queue name (letters, digits, '-', '_', '.'; empty for none)"},
    {"outbox", KEY_PATH, FIELD(outbox), 0, 0, {0}, false, "a folder path is required"},
    {"request_due_days", KEY_INT, FIELD(request_due_days), 1, 90, {0}, false,
     "a number of days from 1 to 90 (第22条: 遅滞なく)"},
    {"specialist_no_pattern", KEY_PATTERN, FIELD(specialist_no_pattern), 0, 0, {0}, false,
     "a POSIX extended regular expression of at most 64 bytes, 8 repetitions (no repetition of "
     "a repetition, counts up to 99)"},
    {"login_without_pledge", KEY_CHOICE, FIELD(login_without_pledge), 0, 0, {"no", "yes"}, false,
     "'yes' or 'no' (取扱規程 第27条)"},
    {"office_hours", KEY_HOURS, FIELD(office_start), 0, 0, {0}, false,
     "HH:MM-HH:MM, then 'weekdays' (the default) or 'daily'"},
    {"state_dir", KEY_ABS_PATH, FIELD(state_dir), 0, 0, {0}, false, "an absolute path"},
    {"backup_dir", KEY_ABS_PATH, FIELD(backup_dir), 0, 0, {0}, false, "an absolute path"},
    {"backup_key_file", KEY_ABS_PATH, FIELD(backup_key_file), 0, 0, {0}, false,
     "an absolute path"},
    {"lp_command", KEY_ABS_PATH, FIELD(lp_command), 0, 0, {0}, false, "an absolute path"},
    {"backup_keep_daily", KEY_INT, FIELD(backup_keep_daily), 0, 1000, {0}, false,
     "a number of backups from 0 to 1000"},
    {"backup_keep_monthly", KEY_INT, FIELD(backup_keep_monthly), 0, 1000, {0}, false,
     "a number of backups from 0 to 1000"},
};

#undef FIELD

static const config_key *key_find(const char *name)
{
    for (size_t i = 0; name && i < sizeof keys / sizeof *keys; i++)
        if (!strcmp(name, keys[i].name))
            return &keys[i];
    return NULL;
}

/* A CUPS queue name: printable ASCII without space, '/', '#'; not an option. */
static bool printer_ok(const char *val, size_t size)
{
    bool ok = strlen(val) < size && val[0] != '-';
    for (const char *p = val; ok && *p; p++)
        ok = *p > ' ' && *p < 0x7F && *p != '/' && *p != '#';
    return ok;
}

static bool pattern_ok(const char *val)
{
    regex_t re;
    if (!pattern_tame(val) || regcomp(&re, val, REG_EXTENDED | REG_NOSUB) != 0)
        return false;
    regfree(&re);
    return true;
}

/* One key: a value the key's kind accepts, or a message naming file, line and key. */
static meibo_status config_set(meibo_config *cfg, const char *key, const char *val,
                               const char *name, long lineno, meibo_err *err)
{
    const config_key *k = key_find(key);
    if (!k)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, key, "%s:%ld: unknown key '%s'", name,
                                lineno, key);
    char *field = (char *)cfg + k->off;
    int *num = (int *)(void *)field;
    bool ok = true;
    long n = 0;
    int choice = -1;
    switch (k->kind) {
    case KEY_PATH:
        ok = *val && strlen(val) < k->size;
        break;
    case KEY_ABS_PATH:
        ok = abs_path_ok(val, k->size);
        break;
    case KEY_INT: {
        char *end;
        n = strtol(val, &end, 10);
        ok = *val && !*end && n >= k->min && n <= k->max;
        break;
    }
    case KEY_CHOICE:
    case KEY_WORD:
        for (int i = 0; i < 2; i++)
            if (!strcmp(val, k->choices[i]))
                choice = i;
        ok = choice >= 0;
        break;
    case KEY_TEXT: {
        meibo_err why;
        if (!*val || check_text(key, val, (size_t)k->max, true, &why))
            return meibo_fail_field(err, MEIBO_ERR_INVALID, key,
                                    "%s:%ld: %s: %s of at most %ld characters, without control "
                                    "characters", name, lineno, key, k->what, k->max);
        break;
    }
    case KEY_PRINTER:
        ok = printer_ok(val, k->size);
        break;
    case KEY_PATTERN:
        ok = pattern_ok(val);
        break;
    case KEY_HOURS:
        ok = office_hours_parse(val, &cfg->office_start, &cfg->office_end, &cfg->office_days);
        break;
    }
    if (!ok)
        return k->kind == KEY_PATH
                   ? meibo_fail_field(err, MEIBO_ERR_INVALID, key, "%s:%ld: %s: %s", name, lineno,
                                      key, k->what)
                   : meibo_fail_field(err, MEIBO_ERR_INVALID, key, "%s:%ld: %s: %s, not '%s'",
                                      name, lineno, key, k->what, val);
    switch (k->kind) {
    case KEY_INT:
        *num = (int)n;
        break;
    case KEY_CHOICE:
        *num = (int)k->min + choice;
        break;
    case KEY_HOURS:
        break; /* stored by office_hours_parse() */
    default:
        snprintf(field, k->size, "%s", val);
    }
    return MEIBO_OK;
}

bool config_key_user_may_set(const char *key)
{
    const config_key *k = key_find(key);
    return k && k->user;
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
        char *b = array_grow(buf, &cap, len + (size_t)n + 1, 1);
        if (!b) {
            free(buf);
            return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        }
        buf = b;
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

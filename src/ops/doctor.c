/* doctor.c: meibo doctor's checks (取扱規程 第39条), as a list of findings. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "meibo/archive.h"
#include "meibo/buf.h"
#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/boundary.h"
#include "meibo/doctor.h"

/* the whole access log walked by doctor up to this many rows (about a second) */
#define DOCTOR_FULL_VERIFY_ROWS 100000
#include "meibo/incident.h"
#include "meibo/outbox.h"
#include "meibo/pdf.h"
#include "meibo/pledge.h"
#include "meibo/process.h"
#include "meibo/request.h"
#include "meibo/staff.h"

/* ---- the report ---------------------------------------------------------------------------- */

void doctor_report_init(doctor_report *r)
{
    memset(r, 0, sizeof *r);
}

void doctor_report_free(doctor_report *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->items[i].what);
        free(r->items[i].todo);
    }
    free(r->items);
    memset(r, 0, sizeof *r);
}

doctor_level doctor_worst(const doctor_report *r)
{
    doctor_level w = DOCTOR_OK;
    for (size_t i = 0; i < r->n; i++)
        if (r->items[i].level > w)
            w = r->items[i].level;
    return w;
}

size_t doctor_count(const doctor_report *r, doctor_level level)
{
    size_t k = 0;
    for (size_t i = 0; i < r->n; i++)
        k += r->items[i].level == level;
    return k;
}

const char *doctor_level_name(doctor_level level)
{
    return level == DOCTOR_PROBLEM ? "problem" : level == DOCTOR_WARNING ? "warning" : "ok";
}

/* The state of one run: the report, the options, what earlier checks learned. */
typedef struct checker {
    doctor_report *r;
    const doctor_options *opt;
    const meibo_config *cfg;
    bool nomem;
    doctor_finding *last;  /* the finding todo() completes */
    char db_dir[MEIBO_PATH_MAX], backup_dir[MEIBO_PATH_MAX], outbox_dir[MEIBO_PATH_MAX];
} checker;

/* Append a finding; its todo is "" until todo() sets it. */
__attribute__((format(printf, 4, 5))) static void add(checker *c, const char *area,
                                                      doctor_level level, const char *fmt, ...)
{
    c->last = NULL;
    if (c->nomem)
        return;
    doctor_report *r = c->r;
    doctor_finding *p = array_grow(r->items, &r->cap, r->n + 1, sizeof *p);
    if (!p) {
        c->nomem = true;
        return;
    }
    r->items = p;
    doctor_finding *f = &r->items[r->n];
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&f->what, fmt, ap);
    va_end(ap);
    f->todo = n >= 0 ? strdup("") : NULL;
    if (n < 0 || !f->todo) {
        if (n >= 0)
            free(f->what);
        c->nomem = true;
        return;
    }
    f->area = area;
    f->level = level;
    r->n++;
    c->last = f;
}

/* What to do about the finding just added. */
__attribute__((format(printf, 2, 3))) static void todo(checker *c, const char *fmt, ...)
{
    if (!c->last)
        return;
    char *s;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0) {
        c->nomem = true;
        return;
    }
    free(c->last->todo);
    c->last->todo = s;
}

/* ---- helpers ------------------------------------------------------------------------------- */

/* The folder of @p path ("." for a bare name). */
static void parent_dir(const char *path, char *buf, size_t len)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(buf, len, ".");
    else if (slash == path)
        snprintf(buf, len, "/");
    else
        snprintf(buf, len, "%.*s", (int)(slash - path), path);
}

/* A group's name, or its number. */
static void group_name(gid_t gid, char *buf, size_t len)
{
    struct group g, *res = NULL;
    char tmp[4096];
    if (getgrgid_r(gid, &g, tmp, sizeof tmp, &res) == 0 && res)
        snprintf(buf, len, "%s", res->gr_name);
    else
        snprintf(buf, len, "%u", (unsigned)gid);
}

/* What others may do to a file or folder, in words (for a mode process_check_path() refused). */
static const char *others_can(mode_t m)
{
    return (m & S_IWOTH) ? "write" : (m & S_IROTH) ? "read" : "run";
}

static bool is_dir(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* The time of a backup from its name's stamp (local time), 0 when it makes no sense. */
static time_t stamp_time(int64_t stamp)
{
    int64_t s = stamp / 100; /* drop NN */
    struct tm tm = {0};
    tm.tm_sec = (int)(s % 100);
    tm.tm_min = (int)(s / 100 % 100);
    tm.tm_hour = (int)(s / 10000 % 100);
    tm.tm_mday = (int)(s / 1000000 % 100);
    tm.tm_mon = (int)(s / 100000000 % 100) - 1;
    tm.tm_year = (int)(s / 10000000000LL) - 1900;
    tm.tm_isdst = -1;
    time_t t = mktime(&tm);
    return t == (time_t)-1 ? 0 : t;
}

/* An age in words: "5 hours", "3 days". */
static void age_words(int64_t seconds, char *buf, size_t len)
{
    if (seconds < 0)
        seconds = 0;
    int64_t h = seconds / 3600;
    if (h < 48)
        snprintf(buf, len, "%" PRId64 " hour%s", h, h == 1 ? "" : "s");
    else
        snprintf(buf, len, "%" PRId64 " days", h / 24);
}

/* Megabytes, for free space. */
static double mb(uint64_t bytes)
{
    return (double)bytes / 1e6;
}

/* ---- permissions --------------------------------------------------------------------------- */

/* One path of the database: a problem when process_check_path() refuses it. */
static bool perm_one(checker *c, const char *path, bool dir, const char *what)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return true;
    meibo_err e;
    meibo_err_clear(&e);
    if (process_check_path(path, dir, &e) == MEIBO_OK)
        return true;
    add(c, "permissions", DOCTOR_PROBLEM,
        "%s %s: others can %s it (mode %04o); meibo refuses to open a database others can reach",
        what, path, others_can(sb.st_mode), (unsigned)(sb.st_mode & 07777));
    todo(c, "chmod o-rwx %s (the database is kept 0660, its folder 2770; meibo(1), FILES)", path);
    return false;
}

/* The files of a folder (backups, letters): each must give others nothing. */
static void perm_folder(checker *c, const char *dir, const char *name, const char *file)
{
    struct stat sb;
    if (stat(dir, &sb) != 0)
        return;
    meibo_err e;
    meibo_err_clear(&e);
    bool ok = true;
    if (process_check_path(dir, true, &e) != MEIBO_OK) {
        add(c, "permissions", DOCTOR_PROBLEM, "%s %s: others can %s it (mode %04o)", name, dir,
            others_can(sb.st_mode), (unsigned)(sb.st_mode & 07777));
        todo(c, "chmod 2770 %s", dir);
        ok = false;
    }
    DIR *d = opendir(dir);
    int n = 0, bad = 0;
    char first[300] = "";
    struct dirent *de;
    while (d && (de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char p[MEIBO_ENTRY_PATH_MAX];
        snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
        struct stat fb;
        if (lstat(p, &fb) != 0 || !S_ISREG(fb.st_mode))
            continue;
        n++;
        if (process_check_path(p, false, &e) != MEIBO_OK && bad++ == 0)
            snprintf(first, sizeof first, "%s, mode %04o", de->d_name,
                     (unsigned)(fb.st_mode & 07777));
    }
    if (d)
        closedir(d);
    if (bad) {
        add(c, "permissions", DOCTOR_PROBLEM, "%d of the %d %ss in %s give others access (%s)",
            bad, n, file, dir, first);
        todo(c, "chmod o-rwx %s/*", dir);
        ok = false;
    }
    if (ok)
        add(c, "permissions", DOCTOR_OK, "%s %s (mode %04o) and the %d %s%s in it give others no "
            "access", name, dir, (unsigned)(sb.st_mode & 07777), n, file, n == 1 ? "" : "s");
}

static void check_permissions(checker *c)
{
    const char *db = c->opt->db_path;
    struct stat sb;
    if (stat(db, &sb) != 0) {
        add(c, "permissions", DOCTOR_PROBLEM, "no database at %s (%s)", db, strerror(errno));
        todo(c, "meibo init --chief LOGIN makes one; or name it with --db, MEIBO_DB or db in "
                "meibo.conf");
    }
    size_t n = strlen(db) + 8;
    char *p = malloc(n);
    if (!p) {
        c->nomem = true;
        return;
    }
    bool ok = perm_one(c, db, false, "database");
    snprintf(p, n, "%s-wal", db);
    ok &= perm_one(c, p, false, "database WAL");
    snprintf(p, n, "%s-shm", db);
    ok &= perm_one(c, p, false, "database shared memory");
    free(p);
    ok &= perm_one(c, c->db_dir, true, "database folder");
    struct stat db_dir;
    if (ok && stat(db, &sb) == 0 && stat(c->db_dir, &db_dir) == 0)
        add(c, "permissions", DOCTOR_OK,
            "database %s (mode %04o), its -wal and -shm files and its folder %s (mode %04o) "
            "give others no access",
            db, (unsigned)(sb.st_mode & 07777), c->db_dir, (unsigned)(db_dir.st_mode & 07777));
    perm_folder(c, c->backup_dir, "backup folder", "file");
    perm_folder(c, c->outbox_dir, "outbox", "letter");
}

/* ---- install (set-group-ID) ---------------------------------------------------------------- */

/* One path in meibo's group @p gid with the group's access @p need (S_IRGRP|...). */
static bool install_one(checker *c, const char *path, const char *what, gid_t gid,
                        const char *gname, mode_t need, bool dir)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return true;
    bool ok = true;
    if (sb.st_gid != gid) {
        char g[64];
        group_name(sb.st_gid, g, sizeof g);
        add(c, "install", DOCTOR_PROBLEM,
            "%s %s is in group %s, but meibo runs in group %s: staff cannot reach it through "
            "meibo", what, path, g, gname);
        todo(c, "chgrp %s %s", gname, path);
        ok = false;
    }
    if ((sb.st_mode & need) != need) {
        add(c, "install", DOCTOR_PROBLEM, "%s %s (mode %04o) does not give group %s %s", what,
            path, (unsigned)(sb.st_mode & 07777), gname, dir ? "rwx" : "read and write");
        todo(c, "chmod %s %s", dir ? "2770" : "660", path);
        ok = false;
    }
    if (dir && ok && !(sb.st_mode & S_ISGID)) {
        add(c, "install", DOCTOR_WARNING,
            "%s %s (mode %04o) is not set-group-ID: files made there by root or cron may "
            "not be in group %s", what, path, (unsigned)(sb.st_mode & 07777), gname);
        todo(c, "chmod 2770 %s", path);
        ok = false;
    }
    return ok;
}

/* A folder meibo writes with its group's rights (boundary_folder()): the group's, 2770, not the
 * caller's; a set-group-ID meibo makes none itself, so a missing one is a problem too. */
static bool install_folder(checker *c, const char *path, const char *what)
{
    meibo_err e;
    meibo_err_clear(&e);
    if (!boundary_group_held() || boundary_folder(path, what, &e) == MEIBO_OK)
        return true;
    add(c, "install", DOCTOR_PROBLEM, "%s", e.msg);
    todo(c, "as root: install -d -m 2770 -o root -g %u %s && chown root:%u %s && chmod 2770 %s",
         (unsigned)getegid(), path, (unsigned)getegid(), path, path);
    return false;
}

static void check_install(checker *c)
{
    const char *exe = c->opt->exe_path ? c->opt->exe_path : "/proc/self/exe";
    char shown[1024];
    ssize_t k = c->opt->exe_path ? -1 : readlink(exe, shown, sizeof shown - 1);
    if (k > 0)
        shown[k] = '\0';
    else
        snprintf(shown, sizeof shown, "%s", exe);
    struct stat xb;
    if (stat(exe, &xb) != 0) {
        add(c, "install", DOCTOR_WARNING, "meibo's own binary %s cannot be examined: %s", shown,
            strerror(errno));
        return;
    }
    if (!(xb.st_mode & S_ISGID)) {
        add(c, "install", DOCTOR_OK,
            "meibo (%s) is not set-group-ID: the database is reached with your own user and "
            "groups (make install sets it up set-group-ID meibo)", shown);
        return;
    }
    char gname[64];
    group_name(xb.st_gid, gname, sizeof gname);
    const char *db = c->opt->db_path;
    size_t n = strlen(db) + 8;
    char *p = malloc(n);
    if (!p) {
        c->nomem = true;
        return;
    }
    const mode_t frw = S_IRGRP | S_IWGRP, drwx = S_IRWXG;
    bool ok = install_one(c, db, "database", xb.st_gid, gname, frw, false);
    snprintf(p, n, "%s-wal", db);
    ok &= install_one(c, p, "database WAL", xb.st_gid, gname, frw, false);
    snprintf(p, n, "%s-shm", db);
    ok &= install_one(c, p, "database shared memory", xb.st_gid, gname, frw, false);
    free(p);
    ok &= install_one(c, c->db_dir, "database folder", xb.st_gid, gname, drwx, true);
    ok &= install_one(c, c->backup_dir, "backup folder", xb.st_gid, gname, drwx, true);
    ok &= install_one(c, c->outbox_dir, "outbox", xb.st_gid, gname, drwx, true);
    ok &= install_folder(c, c->backup_dir, "backup folder");
    ok &= install_folder(c, c->outbox_dir, "outbox");
    if (ok)
        add(c, "install", DOCTOR_OK,
            "meibo (%s) is set-group-ID %s; the database, its folder, the backup folder and "
            "the outbox are in group %s with the group's access", shown, gname, gname);
}

/* ---- locale -------------------------------------------------------------------------------- */

static void check_locale(checker *c)
{
    /* the variable that decides LC_CTYPE, as setlocale(LC_ALL, "") read it */
    static const char *const vars[] = {"LC_ALL", "LC_CTYPE", "LANG"};
    const char *var = NULL, *val = NULL;
    for (size_t i = 0; i < sizeof vars / sizeof *vars && !val; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            var = vars[i], val = v;
    }
    const char *cur = setlocale(LC_CTYPE, NULL);
    char ctype[128], set[160];
    snprintf(ctype, sizeof ctype, "%s", cur ? cur : "C");
    if (val)
        snprintf(set, sizeof set, "%s=%s", var, val);
    else
        snprintf(set, sizeof set, "no LANG or LC_* set");
    if (process_locale_is_utf8()) {
        add(c, "locale", DOCTOR_OK, "locale %s (%s), codeset UTF-8: Japanese can be shown", ctype,
            set);
        return;
    }
    char codeset[64];
    snprintf(codeset, sizeof codeset, "%s", nl_langinfo(CODESET));
    bool missing = val && strcmp(val, ctype) != 0; /* named a locale that is not installed */
    char *saved = strdup(ctype);
    if (!saved) {
        c->nomem = true;
        return;
    }
    const char *fallback = process_locale_utf8_fallback();
    setlocale(LC_CTYPE, saved); /* doctor only looks */
    free(saved);
    if (fallback) {
        add(c, "locale", DOCTOR_WARNING,
            "locale %s (%s%s) has codeset %s, not UTF-8: meibo's screens switch to %s by "
            "themselves, but its command-line output and other programs may not show kanji",
            ctype, set, missing ? ", not installed" : "", codeset, fallback);
        todo(c, "set LANG=C.UTF-8 (or ja_JP.UTF-8 where 'locale -a' lists it) in the login "
                "profile, and a UTF-8 terminal (Tera Term, PuTTY: character set UTF-8)");
    } else {
        add(c, "locale", DOCTOR_PROBLEM,
            "locale %s (%s%s) has codeset %s and no UTF-8 locale is installed: the terminal UI "
            "cannot show kanji and refuses to start", ctype, set,
            missing ? ", not installed" : "", codeset);
        todo(c, "install one (Debian: C.UTF-8 comes with libc6; for ja_JP.UTF-8: apt install "
                "locales, dpkg-reconfigure locales), then set LANG=C.UTF-8");
    }
}

/* ---- fonts --------------------------------------------------------------------------------- */

static void check_fonts(checker *c)
{
    pdf_font_info fi;
    meibo_err e;
    meibo_err_clear(&e);
    if (pdf_font_probe(&fi, &e) != MEIBO_OK) {
        add(c, "fonts", DOCTOR_PROBLEM, "letters cannot be printed as PDF: %s", e.msg);
        todo(c, "apt install fonts-ipaexfont-mincho (fc-list :lang=ja shows what fontconfig "
                "has)");
    } else if (fi.missing[0]) {
        add(c, "fonts", DOCTOR_WARNING,
            "fontconfig gives %s for the letters, but it lacks %s: those characters would be "
            "drawn from another font", fi.family, fi.missing);
        todo(c, "reinstall fonts-ipaexfont-mincho (fc-list %s shows the file)", PDF_FONT_FAMILY);
    } else {
        add(c, "fonts", DOCTOR_OK,
            "fontconfig gives Pango %s for the letters, with every character tried (%s)",
            fi.family, PDF_FONT_PROBE);
    }
}

/* ---- printer ------------------------------------------------------------------------------- */

/* lpstat beside @p lp, else in the safe PATH; true when found. */
/* The outbox when no printer is configured: it, or the folder it will be made in, writable. */
static void check_outbox(checker *c)
{
    const char *dir = c->outbox_dir;
    if (is_dir(dir)) {
        /* meibo writes letters with its effective group (set-group-ID) */
        if (faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) == 0)
            add(c, "printer", DOCTOR_OK,
                "no printer in meibo.conf: letters go to the outbox %s, which meibo can write",
                dir);
        else {
            add(c, "printer", DOCTOR_PROBLEM,
                "no printer in meibo.conf, and meibo cannot write the outbox %s (%s): no letter "
                "can be made", dir, strerror(errno));
            todo(c, "chmod 2770 %s (in meibo's group), or set outbox in meibo.conf", dir);
        }
        return;
    }
    char parent[MEIBO_PATH_MAX];
    parent_dir(dir, parent, sizeof parent);
    if (faccessat(AT_FDCWD, parent, W_OK | X_OK, AT_EACCESS) == 0) {
        add(c, "printer", DOCTOR_OK,
            "no printer in meibo.conf: letters go to the outbox %s (made with the first letter; "
            "meibo can write %s)", dir, parent);
    } else {
        add(c, "printer", DOCTOR_PROBLEM,
            "no printer in meibo.conf, and the outbox %s cannot be made in %s (%s)", dir, parent,
            strerror(errno));
        todo(c, "mkdir -m 2770 %s (in meibo's group), or set outbox in meibo.conf", dir);
    }
}

static void check_printer(checker *c)
{
    const meibo_config *cfg = c->cfg;
    if (!cfg->printer[0]) {
        check_outbox(c);
        return;
    }
    const char *q = cfg->printer;
    char lp[1024];
    if (!outbox_find_lp(cfg, lp, sizeof lp)) {
        if (cfg->lp_command[0]) {
            add(c, "printer", DOCTOR_PROBLEM,
                "printer %s: lp_command %s in meibo.conf cannot be run (%s)", q, cfg->lp_command,
                strerror(errno));
            todo(c, "fix lp_command in meibo.conf (an absolute path), or remove it to use lp "
                    "from %s", MEIBO_SAFE_PATH);
        } else {
            add(c, "printer", DOCTOR_PROBLEM,
                "printer %s in meibo.conf, but lp is not in %s: no letter can be printed", q,
                MEIBO_SAFE_PATH);
            todo(c, "apt install cups-client, or remove printer from meibo.conf so letters go "
                    "to the outbox");
        }
        return;
    }
    char first[300];
    switch (outbox_queue_state(cfg, lp, first, sizeof first)) {
    case QUEUE_DISABLED:
        add(c, "printer", DOCTOR_PROBLEM, "printer %s is disabled: %s", q, first);
        todo(c, "see to the printer (paper, toner, jam), then cupsenable %s", q);
        break;
    case QUEUE_READY:
        add(c, "printer", DOCTOR_OK, "printer %s (lp %s): %s", q, lp, first);
        break;
    case QUEUE_NO_SUCH:
        add(c, "printer", DOCTOR_PROBLEM, "CUPS has no printer %s (%s)", q, first);
        todo(c, "lpstat -p lists the printers: fix printer in meibo.conf, or add the queue "
                "(lpadmin)");
        break;
    case QUEUE_UNKNOWN:
        if (strstr(first, "no lpstat")) {
            add(c, "printer", DOCTOR_OK, "printer %s, lp %s (%s)", q, lp, first);
            break;
        }
        add(c, "printer", DOCTOR_WARNING, "printer %s: the state is unknown: %s", q, first);
        todo(c, "is CUPS running? (systemctl status cups; lpstat -p %s)", q);
        break;
    }
}

/* ---- disk (取扱規程 第39条: リソース不足) ---------------------------------------------------- */

static void check_disk(checker *c)
{
    const char *db = c->opt->db_path;
    struct stat sb;
    uint64_t need = 0;
    if (stat(db, &sb) == 0)
        need += (uint64_t)sb.st_size;
    size_t n = strlen(db) + 8;
    char *wal = malloc(n);
    if (!wal) {
        c->nomem = true;
        return;
    }
    snprintf(wal, n, "%s-wal", db);
    if (stat(wal, &sb) == 0)
        need += (uint64_t)sb.st_size;
    free(wal);
    const char *where[2] = {c->db_dir, is_dir(c->backup_dir) ? c->backup_dir : NULL};
    struct statvfs first = {0};
    for (int i = 0; i < 2; i++) {
        struct statvfs v;
        if (!where[i] || statvfs(where[i], &v) != 0)
            continue;
        if (i == 1 && v.f_fsid == first.f_fsid)
            break; /* the same file system */
        if (i == 0)
            first = v;
        uint64_t avail = (uint64_t)v.f_bavail * v.f_frsize;
        if (avail < need + 10 * 1000 * 1000) {
            add(c, "disk", DOCTOR_PROBLEM,
                "%.0f MB free where %s is; the database is %.0f MB and a backup needs as much",
                mb(avail), where[i], mb(need));
            todo(c, "free space there (old letters in the outbox, old backups elsewhere) or "
                    "move the backups (backup_dir in meibo.conf)");
        } else if (avail < 3 * need + 100 * 1000 * 1000) {
            add(c, "disk", DOCTOR_WARNING,
                "%.0f MB free where %s is; the database is %.0f MB: a few more backups fill it",
                mb(avail), where[i], mb(need));
            todo(c, "free space there, or move the backups (backup_dir in meibo.conf)");
        } else {
            add(c, "disk", DOCTOR_OK, "%.0f MB free where %s is (the database is %.1f MB)",
                mb(avail), where[i], mb(need));
        }
    }
}

/* ---- backup (取扱規程 第19条) ---------------------------------------------------------------- */

/* The newest backup in the open folder @p d (of path @p dir): its name and time; the count. */
static int newest_backup(DIR *d, const char *dir, char *name, size_t len, time_t *newest)
{
    int count = 0;
    *newest = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        int64_t stamp = backup_name_stamp(de->d_name);
        if (stamp < 0)
            continue;
        char p[MEIBO_ENTRY_PATH_MAX];
        snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
        struct stat sb;
        if (stat(p, &sb) != 0 || !S_ISREG(sb.st_mode))
            continue;
        count++;
        /* the older of the time in its name and its file's: a copy keeps its name, a file
         * touched back keeps its mtime */
        time_t t = stamp_time(stamp);
        if (!t || sb.st_mtime < t)
            t = sb.st_mtime;
        if (t > *newest) {
            *newest = t;
            snprintf(name, len, "%s", de->d_name);
        }
    }
    return count;
}


static void check_backup(checker *c)
{
    const char *dir = c->backup_dir;
    const char *cron = "meibo backup now, and the daily cron line of meibo(1), BACKUPS";
    /* plain copies of the registry that killed backups and restores left (取扱規程 第22条) */
    int left = backup_temp_sweep(c->db_dir, false) +
               (strcmp(c->db_dir, dir) ? backup_temp_sweep(dir, false) : 0);
    if (left > 0) {
        add(c, "backup", DOCTOR_PROBLEM,
            "%d plain cop%s of the registry (.meibo-backup-*, .meibo-restore-*) left by a "
            "killed backup or restore in %s%s%s", left, left == 1 ? "y" : "ies", c->db_dir,
            strcmp(c->db_dir, dir) ? " or " : "", strcmp(c->db_dir, dir) ? dir : "");
        todo(c, "meibo backup (or restore, or purge) shreds and removes them first");
    }
    DIR *d = opendir(dir);
    if (!d) {
        add(c, "backup", DOCTOR_PROBLEM,
            "no backup folder %s (%s): no backup was ever made there (取扱規程 第19条: daily)",
            dir, strerror(errno));
        todo(c, "%s", cron);
        return;
    }
    char name[300] = "";
    time_t newest = 0;
    int count = newest_backup(d, dir, name, sizeof name, &newest);
    closedir(d);
    if (!count) {
        add(c, "backup", DOCTOR_PROBLEM, "no backup in %s (取扱規程 第19条: daily)", dir);
        todo(c, "%s", cron);
        return;
    }
    int64_t now = c->opt->now ? c->opt->now : (int64_t)time(NULL);
    int64_t age = now - (int64_t)newest;
    int warn = c->opt->backup_warn_hours > 0 ? c->opt->backup_warn_hours
                                             : DOCTOR_BACKUP_WARN_HOURS;
    int bad = c->opt->backup_problem_hours > 0 ? c->opt->backup_problem_hours
                                               : DOCTOR_BACKUP_PROBLEM_HOURS;
    char words[40], when[32];
    age_words(age, words, sizeof words);
    struct tm tm;
    localtime_r(&newest, &tm);
    strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
    if (age < -3600) {
        add(c, "backup", DOCTOR_WARNING,
            "the newest backup %s is dated %s, after now: is the clock right?", name, when);
        todo(c, "check the system clock (timedatectl)");
    } else if (age > (int64_t)bad * 3600) {
        add(c, "backup", DOCTOR_PROBLEM,
            "the newest backup %s (%s) is %s old; 取扱規程 第19条 asks for one daily", name,
            when, words);
        todo(c, "%s; see why cron's backups stopped (its mail, the system log)", cron);
    } else if (age > (int64_t)warn * 3600) {
        add(c, "backup", DOCTOR_WARNING,
            "the newest backup %s (%s) is %s old; 取扱規程 第19条 asks for one daily", name,
            when, words);
        todo(c, "%s", cron);
    } else {
        add(c, "backup", DOCTOR_OK, "the newest backup %s (%s) is %s old; %d in %s", name, when,
            words, count, dir);
    }
    const char *key = c->cfg->backup_key_file;
    if (key[0]) {
        unsigned char k[32];
        meibo_err e;
        meibo_err_clear(&e);
        if (backup_key_load(key, k, &e) != MEIBO_OK) {
            add(c, "backup", DOCTOR_PROBLEM, "backup_key_file: %s", e.msg);
            todo(c, "a key is 64 hex digits (openssl rand -hex 32 > FILE; chmod 600 FILE); keep "
                    "a copy apart from the backups");
        } else {
            add(c, "backup", DOCTOR_OK, "backups are encrypted with the key in %s", key);
        }
        explicit_bzero(k, sizeof k);
    }
}

/* ---- the two entry points ------------------------------------------------------------------ */

static void checker_init(checker *c, const doctor_options *opt, doctor_report *r,
                         meibo_config *defaults)
{
    memset(c, 0, sizeof *c);
    c->r = r;
    c->opt = opt;
    if (opt->cfg)
        c->cfg = opt->cfg;
    else {
        config_defaults(defaults);
        c->cfg = defaults;
    }
    parent_dir(opt->db_path, c->db_dir, sizeof c->db_dir);
    backup_dir(c->cfg, opt->db_path, c->backup_dir, sizeof c->backup_dir);
    outbox_dir(c->cfg, opt->db_path, c->outbox_dir, sizeof c->outbox_dir);
}

meibo_status doctor_files(const doctor_options *opt, doctor_report *r, meibo_err *err)
{
    if (!opt || !opt->db_path || !*opt->db_path)
        return meibo_fail(err, MEIBO_ERR_USAGE, "doctor: no database path");
    checker c;
    meibo_config defaults;
    checker_init(&c, opt, r, &defaults);
    check_permissions(&c);
    check_install(&c);
    check_locale(&c);
    check_fonts(&c);
    check_printer(&c);
    check_disk(&c);
    check_backup(&c);
    return c.nomem ? meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory") : MEIBO_OK;
}

int doctor_backup_newest(const meibo_config *cfg, const char *db_path, char *name, size_t len,
                         int64_t *when)
{
    char dir[MEIBO_PATH_MAX];
    meibo_config defaults;
    if (!cfg) {
        config_defaults(&defaults);
        cfg = &defaults;
    }
    backup_dir(cfg, db_path, dir, sizeof dir);
    *when = 0;
    if (len)
        name[0] = '\0';
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    time_t t = 0;
    int n = newest_backup(d, dir, name, len, &t);
    closedir(d);
    *when = (int64_t)t;
    return n;
}

static int count_pledge(const pledge_info *p, void *arg)
{
    (void)p;
    (*(int *)arg)++;
    return 0;
}

meibo_status doctor_data(meibo_ctx *ctx, const doctor_options *opt, doctor_report *r,
                         meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "run meibo doctor", err);
    if (st)
        return st;
    checker c;
    meibo_config defaults;
    checker_init(&c, opt, r, &defaults);

    /* the access log (取扱規程 第23条, 第35条) */
    /* from the newest verified anchor; the whole log too while that takes under a second */
    audit_verify_result vr;
    meibo_err e;
    meibo_err_clear(&e);
    st = audit_verify_run(ctx, false, &vr, &e);
    if (st == MEIBO_OK && vr.last_id <= DOCTOR_FULL_VERIFY_ROWS)
        st = audit_verify_run(ctx, true, &vr, &e);
    int64_t bad = vr.bad_id, rows = vr.checked;
    if (st == MEIBO_ERR_INTEGRITY) {
        add(&c, "audit", DOCTOR_PROBLEM, "the access log's chain is broken at row %" PRId64
            " of %" PRId64 ": %s", bad, rows, e.msg);
        todo(&c, "the log was changed outside meibo: tell the 個人情報管理者 (取扱規程 第26条), "
                 "keep this database as it is, and compare with the backups");
    } else if (st) {
        *err = e;
        return st;
    } else {
        add(&c, "audit", DOCTOR_OK, "the access log's chain is intact and matches its anchors "
            "(%" PRId64 " row%s checked%s; 取扱規程 第35条)", rows, rows == 1 ? "" : "s",
            vr.start_id ? " from the newest verified anchor" : "");
    }

    /* rights requests (第22–23条): due 14 days after receipt by default */
    int overdue = 0, soon = 0;
    if ((st = request_due_counts(ctx, &overdue, &soon, err)))
        return st;
    if (overdue) {
        add(&c, "requests", DOCTOR_PROBLEM,
            "%d rights request%s past %s due date (第22条: without delay)", overdue,
            overdue == 1 ? " is" : "s are", overdue == 1 ? "its" : "their");
        todo(&c, "meibo request list --due (or the requests screen, R): decide and send the "
                 "notice");
    }
    if (soon) {
        add(&c, "requests", DOCTOR_WARNING, "%d rights request%s due within %d days", soon,
            soon == 1 ? " is" : "s are", REQUEST_SOON_DAYS);
        todo(&c, "meibo request list --due");
    }
    if (!overdue && !soon)
        add(&c, "requests", DOCTOR_OK, "no rights request is overdue or due within %d days",
            REQUEST_SOON_DAYS);
    /* what a restore could not apply again (取扱規程 第19条): undone until redone */
    int redo = 0;
    int64_t first = 0;
    if ((st = request_redo_count(ctx, &redo, &first, err)))
        return st;
    if (redo) {
        add(&c, "requests", DOCTOR_PROBLEM,
            "%d rights request%s to be done again after a restore, from number %" PRId64
            " (第23条: what the member asked for is undone until then)", redo,
            redo == 1 ? " is" : "s are", first);
        todo(&c, "meibo request redo: decide each again, or record it again and --done it");
    }

    /* incidents (取扱規程 第26条): reports to the 個人情報保護委員会 due (施行規則 第8条) */
    int i_overdue = 0, i_soon = 0;
    if ((st = incident_due_counts(ctx, &i_overdue, &i_soon, err)))
        return st;
    if (i_overdue) {
        add(&c, "incidents", DOCTOR_PROBLEM,
            "%d incident%s a report to the 個人情報保護委員会 past its due date "
            "(個人情報保護法 第26条第1項, 施行規則 第8条)", i_overdue,
            i_overdue == 1 ? " has" : "s have");
        todo(&c, "meibo incident list --due (or the incidents screen, I): report and record it "
                 "(meibo incident update ID --prompt-reported DATE / --final-reported DATE)");
    }
    if (i_soon) {
        add(&c, "incidents", DOCTOR_WARNING, "%d incident%s a report due within %d days",
            i_soon, i_soon == 1 ? " has" : "s have", INCIDENT_SOON_DAYS);
        todo(&c, "meibo incident list --due");
    }
    if (!i_overdue && !i_soon)
        add(&c, "incidents", DOCTOR_OK, "no incident has a report overdue or due within %d days",
            INCIDENT_SOON_DAYS);

    /* pledges ending soon (取扱規程 第5–6条): paper goes only against a valid pledge */
    int days = opt->pledge_days > 0 ? opt->pledge_days : DOCTOR_PLEDGE_DAYS, ending = 0;
    pledge_filter pf = {false, days, NULL};
    if ((st = pledge_list(ctx, &pf, count_pledge, &ending, err)))
        return st;
    if (ending) {
        add(&c, "pledges", DOCTOR_WARNING, "%d pledge%s end%s within %d days (取扱規程 第5–6条)",
            ending, ending == 1 ? "" : "s", ending == 1 ? "s" : "", days);
        todo(&c, "meibo pledge list --expiring %d: ask the recipients for a new pledge", days);
    } else {
        add(&c, "pledges", DOCTOR_OK, "no pledge ends within %d days", days);
    }

    /* the staff register (取扱規程 第27条, 第28条) */
    int no_pledge = 0, no_training = 0;
    if ((st = staff_due_counts(ctx, &no_pledge, &no_training, err)))
        return st;
    if (no_pledge) {
        add(&c, "staff", DOCTOR_WARNING, "%d staff account%s no confidentiality pledge on file "
            "(取扱規程 第27条)", no_pledge, no_pledge == 1 ? " has" : "s have");
        todo(&c, "meibo user show LOGIN; record it: meibo user pledge LOGIN --on DATE");
    }
    if (no_training) {
        add(&c, "staff", DOCTOR_WARNING, "%d staff member%s no training in the last %d months "
            "(取扱規程 第28条)", no_training, no_training == 1 ? " has had" : "s have had",
            STAFF_TRAINING_MONTHS);
        todo(&c, "train them and record it: meibo user training LOGIN --on DATE --topic TEXT");
    }
    if (!no_pledge && !no_training)
        add(&c, "staff", DOCTOR_OK, "every staff account has a pledge on file and training in "
            "the last %d months (取扱規程 第27–28条)", STAFF_TRAINING_MONTHS);
    return c.nomem ? meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory") : MEIBO_OK;
}

meibo_status doctor_skipped(doctor_report *r, doctor_level level, const char *why,
                            const char *what_to_do, meibo_err *err)
{
    checker c;
    memset(&c, 0, sizeof c);
    c.r = r;
    add(&c, "database", level, "the access log, rights requests and pledges were not checked: %s",
        why);
    todo(&c, "%s", what_to_do ? what_to_do : "");
    return c.nomem ? meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory") : MEIBO_OK;
}

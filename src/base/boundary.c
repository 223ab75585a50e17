/* boundary.c: the set-group-ID boundary: which paths meibo touches with its group's rights,
 * and dropping the group for everything else (boundary.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>

#include "meibo/boundary.h"

static bool started_setgid; /* real group other than the effective one at start */
static bool dropped;        /* the group dropped for good */
static gid_t group;         /* the effective group at start */
static int user_depth;      /* inside boundary_user_begin() */

const char *boundary_system_config(void)
{
    return MEIBO_SYSCONFDIR "/meibo/meibo.conf";
}

void boundary_start(void)
{
    group = getegid();
    started_setgid = getgid() != group;
    /* a core file would hold members' data and password hashes: none, whoever runs meibo */
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none);
    if (!started_setgid)
        return;
    /* not dumpable: no core, no ptrace and no /proc/PID/mem for the caller (the kernel's
     * suid_dumpable setting is not relied on) */
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    /* fontconfig: the system's configuration only; with the home folder off it reads no
     * ~/.config/fontconfig, ~/.fonts.conf, ~/.fonts or ~/.local/share/fonts of the caller's,
     * and writes no cache there (the environment is already scrubbed: process_scrub_env) */
    setenv("FONTCONFIG_FILE", "/etc/fonts/fonts.conf", 1);
    FcConfigEnableHome(FcFalse);
}

bool boundary_setgid(void)
{
    return started_setgid;
}

bool boundary_group_held(void)
{
    return started_setgid && !dropped;
}

/* Drop the group for good (setresgid to the real group). MEIBO_ERR_IO if it fails. */
static meibo_status boundary_drop(meibo_err *err)
{
    if (!boundary_group_held())
        return MEIBO_OK;
    gid_t r = getgid();
    if (setresgid(r, r, r) != 0 || getegid() != r)
        return meibo_fail(err, MEIBO_ERR_IO, "cannot drop meibo's group: %s", strerror(errno));
    dropped = true;
    return MEIBO_OK;
}

int boundary_user_begin(void)
{
    if (!boundary_group_held() || user_depth++ > 0)
        return 0;
    if (setegid(getgid()) != 0) {
        user_depth = 0;
        return -1;
    }
    return 0;
}

int boundary_user_end(void)
{
    if (!boundary_group_held() || user_depth == 0 || --user_depth > 0)
        return 0;
    return setegid(group);
}

int boundary_open_user(const char *path, int flags, mode_t mode)
{
    if (boundary_user_begin() != 0)
        return -1;
    int fd = open(path, flags, mode);
    int saved = errno;
    if (boundary_user_end() != 0) {
        /* the group cannot be taken back: go on without it rather than half-way */
        saved = errno;
        if (fd >= 0)
            close(fd);
        fd = -1;
    }
    errno = saved;
    return fd;
}

/* ---- the configuration ---------------------------------------------------------------------- */

/* The system file is root's: owned by root, not writable by group or others, nor its folders. */
static meibo_status system_file_check(const char *path, int fd, meibo_err *err)
{
    struct stat sb;
    if (fstat(fd, &sb) != 0)
        return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
    if (!S_ISREG(sb.st_mode))
        return meibo_fail(err, MEIBO_ERR_DENIED, "%s: the system configuration is not a file",
                          path);
    if (sb.st_uid != 0 || (sb.st_mode & (S_IWGRP | S_IWOTH)))
        return meibo_fail(err, MEIBO_ERR_DENIED,
                          "%s: the system configuration must be owned by root and writable by "
                          "root alone (owner uid %u, mode %04o): chown root:root %s && "
                          "chmod 644 %s",
                          path, (unsigned)sb.st_uid, (unsigned)(sb.st_mode & 07777), path, path);
    /* and nobody but root may replace it: every folder above it root's, not writable by
     * others (a sticky folder such as /tmp is all right: only root may rename root's there) */
    char dir[PATH_MAX];
    if (!realpath(path, dir))
        return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
    for (char *slash = strrchr(dir, '/'); slash; slash = strrchr(dir, '/')) {
        if (slash == dir)
            slash[1] = '\0';
        else
            *slash = '\0';
        struct stat db;
        if (stat(dir, &db) != 0)
            return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", dir, strerror(errno));
        bool sticky_ok = (db.st_mode & S_ISVTX) && db.st_uid == 0;
        if (db.st_uid != 0 || ((db.st_mode & (S_IWGRP | S_IWOTH)) && !sticky_ok))
            return meibo_fail(err, MEIBO_ERR_DENIED,
                              "%s: the folder of the system configuration %s must be root's and "
                              "writable by root alone (owner uid %u, mode %04o): chown root:root "
                              "%s && chmod go-w %s",
                              dir, path, (unsigned)db.st_uid, (unsigned)(db.st_mode & 07777), dir,
                              dir);
        if (!strcmp(dir, "/"))
            break;
    }
    return MEIBO_OK;
}

meibo_status boundary_config(const char *user_file, meibo_config *cfg, meibo_err *err)
{
    const char *sys = boundary_system_config();
    int fd = open(sys, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    meibo_status st = MEIBO_OK;
    if (fd < 0 && errno != ENOENT)
        return meibo_fail(err, MEIBO_ERR_IO, "%s: cannot read the system configuration: %s", sys,
                          strerror(errno));
    if (fd >= 0) {
        st = system_file_check(sys, fd, err);
        if (!st)
            st = config_load_fd(fd, sys, cfg, CONFIG_SYSTEM, err);
        close(fd);
        if (st)
            return st;
    }
    if (!user_file || !*user_file)
        return MEIBO_OK;
    /* the caller's file, with the caller's rights only: what they cannot read themselves is
     * "cannot read" whether it exists or not */
    fd = boundary_open_user(user_file, O_RDONLY | O_CLOEXEC, 0);
    if (fd < 0)
        return meibo_fail(err, MEIBO_ERR_NOT_FOUND, "%s: cannot read the configuration",
                          user_file);
    /* the system file named again (cron's --config /etc/meibo/meibo.conf): read already */
    struct stat us, ss;
    if (fstat(fd, &us) == 0 && stat(sys, &ss) == 0 && us.st_dev == ss.st_dev &&
        us.st_ino == ss.st_ino) {
        close(fd);
        return MEIBO_OK;
    }
    /* only preferences while the group is held; root may set anything anywhere anyway */
    config_scope scope = boundary_group_held() && getuid() != 0 ? CONFIG_USER : CONFIG_SYSTEM;
    st = config_load_fd(fd, user_file, cfg, scope, err);
    close(fd);
    return st;
}

const char *boundary_state_dir(const meibo_config *cfg)
{
    return cfg && cfg->state_dir[0] ? cfg->state_dir : MEIBO_STATEDIR;
}

/* ---- paths ---------------------------------------------------------------------------------- */

bool boundary_path_normalize(const char *cwd, const char *path, char *out, size_t len)
{
    if (!path || !out || len < 2)
        return false;
    size_t need = strlen(path) + (cwd ? strlen(cwd) : 0) + 2;
    char *all = malloc(need);
    if (!all)
        return false;
    if (path[0] == '/')
        snprintf(all, need, "%s", path);
    else
        snprintf(all, need, "%s/%s", cwd && *cwd ? cwd : "/", path);
    size_t n = 0;
    bool ok = true;
    out[0] = '\0';
    for (char *save = NULL, *part = strtok_r(all, "/", &save); part && ok;
         part = strtok_r(NULL, "/", &save)) {
        if (!strcmp(part, "."))
            continue;
        if (!strcmp(part, "..")) {
            while (n > 0 && out[n - 1] != '/')
                n--;
            if (n > 0)
                n--;
            out[n] = '\0';
            continue;
        }
        size_t k = strlen(part);
        if (n + 1 + k + 1 > len) {
            ok = false;
            break;
        }
        out[n++] = '/';
        memcpy(out + n, part, k);
        n += k;
        out[n] = '\0';
    }
    if (ok && n == 0)
        snprintf(out, len, "/");
    free(all);
    return ok;
}

bool boundary_path_inside(const char *dir, const char *path)
{
    if (!dir || !path || dir[0] != '/' || path[0] != '/')
        return false;
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    if (n == 1)
        return true; /* the root folder holds everything */
    return !strncmp(dir, path, n) && (path[n] == '\0' || path[n] == '/');
}

/* The path after symbolic links: realpath() of the file, or of its folder when the file is
 * not there yet (init, a restore as a new file). */
static bool resolve(const char *path, char *out)
{
    if (realpath(path, out))
        return true;
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    char real[PATH_MAX];
    if (!realpath(dir, real))
        return false;
    const char *base = slash ? slash + 1 : path;
    if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
        return false;
    return snprintf(out, PATH_MAX, "%s/%s", strcmp(real, "/") ? real : "", base) < PATH_MAX;
}

meibo_status boundary_db(const meibo_config *cfg, const char *db_path, bool caller_named,
                         bool init, meibo_err *err)
{
    if (!boundary_group_held())
        return MEIBO_OK;
    /* a new database is made with the caller's own rights: in the state folder only by
     * someone who may write it themselves (root, the group), anywhere else as theirs */
    if (init)
        return boundary_drop(err);
    if (!caller_named)
        return MEIBO_OK; /* the system configuration's, or the default in the state folder */
    char state[PATH_MAX], cwd[PATH_MAX], lexical[PATH_MAX], real[PATH_MAX];
    bool inside = realpath(boundary_state_dir(cfg), state) && getcwd(cwd, sizeof cwd) &&
                  db_path && boundary_path_normalize(cwd, db_path, lexical, sizeof lexical) &&
                  boundary_path_inside(state, lexical);
    /* only a path inside by its name is looked at with the group (no oracle elsewhere); in
     * the state folder only the group makes links, but one may still lead out */
    if (inside)
        inside = resolve(lexical, real) && boundary_path_inside(state, real);
    return inside ? MEIBO_OK : boundary_drop(err);
}

meibo_status boundary_folder(const char *dir, const char *what, meibo_err *err)
{
    if (!boundary_group_held())
        return MEIBO_OK;
    const char *fix = "install -d -m 2770 -o root -g GROUP";
    struct stat sb;
    if (lstat(dir, &sb) != 0)
        return meibo_fail(err, MEIBO_ERR_DENIED,
                          "%s %s: %s; a set-group-ID meibo makes no folder itself: make it with "
                          "%s %s (GROUP: meibo's, gid %u)",
                          what, dir, strerror(errno), fix, dir, (unsigned)group);
    if (!S_ISDIR(sb.st_mode))
        return meibo_fail(err, MEIBO_ERR_DENIED, "%s %s: not a folder (a symbolic link?)", what,
                          dir);
    uid_t me = getuid();
    if (sb.st_gid != group || (sb.st_mode & 07777) != 02770 || (me != 0 && sb.st_uid == me))
        return meibo_fail(err, MEIBO_ERR_DENIED,
                          "%s %s (owner uid %u, group gid %u, mode %04o) must be meibo's group's "
                          "(gid %u), mode 2770, and not owned by you (uid %u): chown root:%u %s "
                          "&& chmod 2770 %s (as root)",
                          what, dir, (unsigned)sb.st_uid, (unsigned)sb.st_gid,
                          (unsigned)(sb.st_mode & 07777), (unsigned)group, (unsigned)me,
                          (unsigned)group, dir, dir);
    return MEIBO_OK;
}

int boundary_open_beside_db(const char *path, int flags, mode_t mode)
{
    int fd = open(path, flags | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, mode);
    if (fd < 0)
        return -1;
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        errno = EINVAL;
        return -1;
    }
    if ((flags & O_CREAT) && sb.st_size == 0)
        fchmod(fd, mode); /* the umask's share back (007 leaves 0640 and 0660 as they are) */
    return fd;
}

/* process.c: the environment and the files of a set-group-ID meibo. */
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "meibo/process.h"

extern char **environ;

bool process_env_keep(const char *entry)
{
    static const char *const names[] = {"TERM",    "LANG",  "LANGUAGE", "TZ",
                                        "HOME",    "NO_COLOR", "COLUMNS", "LINES",
                                        "SSH_CONNECTION"};
    static const char *const prefixes[] = {"LC_", "MEIBO_"};
    const char *eq = entry ? strchr(entry, '=') : NULL;
    if (!eq || eq == entry)
        return false;
    size_t n = (size_t)(eq - entry);
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strlen(names[i]) == n && !memcmp(entry, names[i], n))
            return true;
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        size_t k = strlen(prefixes[i]);
        if (n > k && !memcmp(entry, prefixes[i], k))
            return true;
    }
    return false;
}

int process_scrub_env(void)
{
    size_t n = 0;
    for (char **e = environ; e && *e; e++)
        n++;
    char **keep = calloc(n + 1, sizeof *keep);
    int rc = keep ? 0 : -1;
    size_t k = 0;
    for (size_t i = 0; keep && i < n; i++)
        if (process_env_keep(environ[i]) && !(keep[k] = strdup(environ[i])))
            rc = -1;
        else if (keep[k])
            k++;
    clearenv();
    for (size_t i = 0; i < k; i++) {
        char *eq = strchr(keep[i], '=');
        *eq = '\0';
        if (setenv(keep[i], eq + 1, 1) != 0)
            rc = -1;
        free(keep[i]);
    }
    free(keep);
    if (setenv("PATH", MEIBO_SAFE_PATH, 1) != 0)
        rc = -1;
    return rc;
}

/* One file or folder: refused when others may read or write it (or, for a file, anything). */
meibo_status process_check_path(const char *path, bool dir, meibo_err *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return MEIBO_OK; /* missing: nothing to protect yet (db_open says what is missing) */
    mode_t bad = dir ? (S_IROTH | S_IWOTH) : S_IRWXO;
    if (!(sb.st_mode & bad))
        return MEIBO_OK;
    return meibo_fail(err, MEIBO_ERR_DENIED,
                      "%s: others can %s this %s (mode %04o); meibo refuses a database "
                      "others can reach: chmod o-rwx %s (the database is kept 0660 in group "
                      "meibo, its folder 2770; meibo(1), FILES)",
                      path, (sb.st_mode & (S_IWOTH)) ? "write" : "read", dir ? "folder" : "file",
                      (unsigned)(sb.st_mode & 07777), path);
}

meibo_status process_check_db(const char *path, meibo_err *err)
{
    if (!path || !*path)
        return MEIBO_OK;
    size_t n = strlen(path);
    char *buf = malloc(n + 8);
    if (!buf)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    meibo_status st = process_check_path(path, false, err);
    static const char *const suffixes[] = {"-wal", "-shm"};
    for (size_t i = 0; !st && i < sizeof suffixes / sizeof *suffixes; i++) {
        snprintf(buf, n + 8, "%s%s", path, suffixes[i]);
        st = process_check_path(buf, false, err);
    }
    if (!st) {
        const char *slash = strrchr(path, '/');
        if (!slash)
            snprintf(buf, n + 8, ".");
        else if (slash == path)
            snprintf(buf, n + 8, "/");
        else
            snprintf(buf, n + 8, "%.*s", (int)(slash - path), path);
        st = process_check_path(buf, true, err);
    }
    free(buf);
    return st;
}

meibo_status process_real_access(const char *path, int mode, const char *what, meibo_err *err)
{
    if (access(path, mode) == 0) /* access(2) checks the real user and group IDs */
        return MEIBO_OK;
    return meibo_fail(err, MEIBO_ERR_DENIED, "%s: %s: you (uid %u) may not %s it yourself (%s)",
                      what, path, (unsigned)getuid(),
                      (mode & W_OK) ? "write" : "read", strerror(errno));
}

int process_shred(const char *path)
{
    int fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        errno = EINVAL;
        return -1;
    }
    static const char zeros[65536];
    off_t left = sb.st_size;
    while (left > 0) {
        ssize_t n = write(fd, zeros, left < (off_t)sizeof zeros ? (size_t)left : sizeof zeros);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        left -= n;
    }
    fsync(fd);
    close(fd);
    return unlink(path);
}

bool process_locale_is_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && !strcmp(cs, "UTF-8");
}

const char *process_locale_utf8_fallback(void)
{
    static const char *const tries[] = {"C.UTF-8", "C.utf8", "ja_JP.UTF-8", "en_US.UTF-8"};
    const char *cur = setlocale(LC_CTYPE, NULL);
    char *saved = cur ? strdup(cur) : NULL;
    for (size_t i = 0; i < sizeof tries / sizeof *tries; i++) {
        if (setlocale(LC_CTYPE, tries[i]) && process_locale_is_utf8()) {
            free(saved);
            return tries[i];
        }
    }
    setlocale(LC_CTYPE, saved ? saved : "C");
    free(saved);
    return NULL;
}

meibo_status process_run_capture(const char *prog, char *const argv[], char *const envp[],
                                 int timeout_ms, char *out, size_t outlen, int *exit_status,
                                 meibo_err *err)
{
    out[0] = '\0';
    *exit_status = 0;
    int cap = memfd_create("meibo-run", MFD_CLOEXEC);
    if (cap < 0)
        return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", prog, strerror(errno));
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, cap, 1);
    posix_spawn_file_actions_adddup2(&fa, cap, 2);
    posix_spawn_file_actions_addclosefrom_np(&fa, 3);
    posix_spawnattr_init(&at);
    /* the real IDs: a set-group-ID meibo lends the program nothing of its own */
    posix_spawnattr_setflags(&at, POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETSIGMASK |
                                      POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setsigdefault(&at, &all);
    posix_spawnattr_setpgroup(&at, 0); /* a group of its own: a timeout ends all it started */
    pid_t pid;
    int rc = posix_spawn(&pid, prog, &fa, &at, argv, envp);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    if (rc != 0) {
        close(cap);
        return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", prog, strerror(rc));
    }
    meibo_status st = MEIBO_OK;
    int waited = 0, status = 0;
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR) {
            st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", prog, strerror(errno));
            break;
        }
        if (waited >= timeout_ms) {
            kill(-pid, SIGKILL);
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                ;
            st = meibo_fail(err, MEIBO_ERR_IO, "%s: no answer within %d s", prog,
                            timeout_ms / 1000);
            break;
        }
        struct timespec ts = {0, 10 * 1000000L};
        nanosleep(&ts, NULL);
        waited += 10;
    }
    ssize_t n = pread(cap, out, outlen - 1, 0);
    out[n > 0 ? n : 0] = '\0';
    close(cap);
    *exit_status = status;
    return st;
}

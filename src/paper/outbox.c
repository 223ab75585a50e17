/* outbox.c: where a printed letter goes: a file, the printer (CUPS lp), or the outbox folder. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "meibo/boundary.h"
#include "meibo/outbox.h"
#include "meibo/process.h"

extern char **environ;

void outbox_dir(const meibo_config *cfg, const char *db_path, char *buf, size_t len)
{
    if (cfg->outbox[0]) {
        snprintf(buf, len, "%s", cfg->outbox);
        return;
    }
    const char *slash = db_path ? strrchr(db_path, '/') : NULL;
    if (!slash)
        snprintf(buf, len, "outbox");
    else if (slash == db_path)
        snprintf(buf, len, "/outbox");
    else
        snprintf(buf, len, "%.*s/outbox", (int)(slash - db_path), db_path);
}

/* Write all of @p data to @p fd. */
static meibo_status write_all(int fd, const char *data, size_t len, const char *what,
                              meibo_err *err)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", what, strerror(n < 0 ? errno : EIO));
        data += n;
        len -= (size_t)n;
    }
    return MEIBO_OK;
}

/* Copy all of @p src (from its start, read as a stream) to @p fd. */
static meibo_status copy_all(int fd, int src, const char *what, meibo_err *err)
{
    char buf[65536];
    off_t at = 0;
    for (;;) {
        ssize_t n = pread(src, buf, sizeof buf, at);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", what, strerror(errno));
        if (n == 0)
            return MEIBO_OK;
        meibo_status st = write_all(fd, buf, (size_t)n, what, err);
        if (st)
            return st;
        at += n;
    }
}

/* Replace @p path whole with the contents of @p src: a temporary file beside it, renamed over
 * it once written. */
static meibo_status file_replace(const char *path, int src, meibo_err *err)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 8);
    if (!tmp)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    snprintf(tmp, n + 8, "%s.XXXXXX", path);
    int fd = mkostemp(tmp, O_CLOEXEC); /* mode 0600: the letter holds personal data */
    if (fd < 0) {
        meibo_status st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
        free(tmp);
        return st;
    }
    meibo_status st = copy_all(fd, src, path, err);
    if (!st && fsync(fd) != 0)
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
    if (close(fd) != 0 && !st)
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
    if (!st && rename(tmp, path) != 0)
        st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
    if (st)
        unlink(tmp);
    free(tmp);
    return st;
}

/* A new file in the outbox: NAME.EXT, else NAME-2.EXT, NAME-3.EXT, ... never overwriting. */
static meibo_status outbox_save(const char *dir, const char *file_name, int src, char *path,
                                size_t len, meibo_err *err)
{
    /* with meibo's group: the installation's folder, 2770, made by root (boundary.h) */
    meibo_status st0 = boundary_folder(dir, "outbox", err);
    if (st0)
        return st0;
    if (mkdir(dir, 0770) != 0 && errno != EEXIST)
        return meibo_fail(err, MEIBO_ERR_IO, "outbox %s: %s", dir, strerror(errno));
    const char *dot = strrchr(file_name, '.');
    int stem = dot ? (int)(dot - file_name) : (int)strlen(file_name);
    for (int k = 1; k < 1000; k++) {
        if (k == 1)
            snprintf(path, len, "%s/%s", dir, file_name);
        else
            snprintf(path, len, "%s/%.*s-%d%s", dir, stem, file_name, k, dot ? dot : "");
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0660);
        if (fd < 0 && errno == EEXIST)
            continue;
        if (fd < 0)
            return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
        meibo_status st = copy_all(fd, src, path, err);
        if (!st && fsync(fd) != 0)
            st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
        if (close(fd) != 0 && !st)
            st = meibo_fail(err, MEIBO_ERR_IO, "%s: %s", path, strerror(errno));
        if (st)
            unlink(path);
        return st;
    }
    return meibo_fail(err, MEIBO_ERR_IO, "outbox %s: no free name for %s", dir, file_name);
}

/* A memory file holding @p data, positioned at its start; -1 with err filled on failure. */
static int memory_file(const char *name, const char *data, size_t len, meibo_err *err)
{
    int fd = memfd_create(name, MFD_CLOEXEC);
    if (fd < 0) {
        meibo_fail(err, MEIBO_ERR_IO, "printing: %s", strerror(errno));
        return -1;
    }
    if (write_all(fd, data, len, "printing", err) || lseek(fd, 0, SEEK_SET) != 0) {
        if (!err || !err->code)
            meibo_fail(err, MEIBO_ERR_IO, "printing: %s", strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

/* @p name in MEIBO_SAFE_PATH (never the caller's PATH) into prog; true when it can be run. */
static bool in_safe_path(const char *name, char *prog, size_t len)
{
    const char *dirs = MEIBO_SAFE_PATH;
    while (*dirs) {
        size_t n = strcspn(dirs, ":");
        snprintf(prog, len, "%.*s/%s", (int)n, dirs, name);
        if (access(prog, X_OK) == 0)
            return true;
        dirs += n + (dirs[n] == ':');
    }
    prog[0] = '\0';
    return false;
}

/* The lp program: @p lp_command when given, else lp in the safe PATH; true when it can be run. */
static bool find_lp(const char *lp_command, char *prog, size_t len)
{
    if (lp_command && *lp_command) {
        snprintf(prog, len, "%s", lp_command);
        return access(prog, X_OK) == 0;
    }
    return in_safe_path("lp", prog, len);
}

bool outbox_find_lp(const meibo_config *cfg, char *prog, size_t len)
{
    return find_lp(cfg->lp_command, prog, len);
}

static void parent_of(const char *path, char *buf, size_t len)
{
    snprintf(buf, len, "%s", path);
    char *slash = strrchr(buf, '/');
    if (slash)
        *slash = '\0';
    else
        snprintf(buf, len, ".");
}

/* lpstat beside lp (a CUPS installation keeps them together), else in the safe PATH. */
static bool find_lpstat(const char *lp, char *prog, size_t len)
{
    char dir[1024];
    parent_of(lp, dir, sizeof dir);
    snprintf(prog, len, "%s/lpstat", dir);
    if (access(prog, X_OK) == 0)
        return true;
    return in_safe_path("lpstat", prog, len);
}

#define LPSTAT_TIMEOUT_MS 5000

outbox_queue outbox_queue_state(const meibo_config *cfg, const char *lp, char *said, size_t len)
{
    said[0] = '\0';
    char lpstat[MEIBO_PATH_MAX];
    if (!find_lpstat(lp, lpstat, sizeof lpstat)) {
        snprintf(said, len, "no lpstat to ask for the printer's state");
        return QUEUE_UNKNOWN;
    }
    char a0[] = "lpstat", a1[] = "-p", queue[sizeof cfg->printer];
    snprintf(queue, sizeof queue, "%s", cfg->printer);
    char *argv[] = {a0, a1, queue, NULL};
    char e0[] = "PATH=" MEIBO_SAFE_PATH, e1[] = "LC_ALL=C", e2[] = "LANG=C";
    char *envp[] = {e0, e1, e2, NULL};
    char out[2048];
    int status = 0;
    meibo_err e;
    meibo_err_clear(&e);
    if (process_run_capture(lpstat, argv, envp, LPSTAT_TIMEOUT_MS, out, sizeof out, &status,
                            &e) != MEIBO_OK) {
        snprintf(said, len, "%s", e.msg);
        return QUEUE_UNKNOWN;
    }
    /* on one line (a disabled printer's reason follows on a line of its own) */
    size_t k = 0;
    for (const char *p = out; *p && k + 1 < len; p++) {
        bool space = *p == '\n' || *p == '\t' || *p == ' ';
        if (space && (k == 0 || said[k - 1] == ' '))
            continue;
        said[k++] = space ? ' ' : *p;
    }
    while (k > 0 && said[k - 1] == ' ')
        k--;
    said[k] = '\0';
    bool exited_ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (exited_ok && strstr(out, "disabled"))
        return QUEUE_DISABLED;
    if (exited_ok && (strstr(out, "is idle") || strstr(out, "now printing")))
        return QUEUE_READY;
    if (strstr(out, "Invalid destination") || strstr(out, "does not exist") ||
        (exited_ok && !*said)) {
        if (!*said)
            snprintf(said, len, "lpstat -p said nothing");
        return QUEUE_NO_SUCH;
    }
    if (!*said)
        snprintf(said, len, "lpstat failed");
    return QUEUE_UNKNOWN;
}

/* CUPS's request id in what lp said ("request id is office-1-42 (1 file(s))"): the id
 * alone, the file count left out (lp counts standard input as 0 files). */
static void lp_request_id(const char *said, char *id, size_t len)
{
    const char *p = strstr(said, "request id is ");
    id[0] = '\0';
    if (!p)
        return;
    p += strlen("request id is ");
    size_t n = strcspn(p, " \n");
    snprintf(id, len, "%.*s", (int)n, p);
}

/* `lp -d PRINTER -t TITLE` with the letter on its standard input: no shell, the real user and
 * group IDs (a set-group-ID meibo gives lp nothing of its own), no other descriptor open.
 * What lp says (its request id, or its complaint) goes to @p said. */
static meibo_status lp_send(const char *printer, const char *lp_command, const char *job_title,
                            int src, char *said, size_t saidlen, meibo_err *err)
{
    /* the program: meibo.conf's lp_command, else lp from the safe PATH only (never the
     * caller's PATH: a set-group-ID program must not run what the caller put first there) */
    char prog[1024] = "";
    if (!find_lp(lp_command, prog, sizeof prog) && !(lp_command && *lp_command))
        return meibo_fail(err, MEIBO_ERR_IO,
                          "lp -d %s: lp is not installed (Debian: cups-client); "
                          "without a printer in meibo.conf letters go to the outbox",
                          printer);
    int in = dup(src);
    if (in < 0 || lseek(in, 0, SEEK_SET) != 0) {
        meibo_status st = meibo_fail(err, MEIBO_ERR_IO, "printing: %s", strerror(errno));
        if (in >= 0)
            close(in);
        return st;
    }
    int out = memory_file("meibo-lp", "", 0, err);
    if (out < 0) {
        close(in);
        return err ? err->code : MEIBO_ERR_IO;
    }
    char a_lp[] = "lp", a_d[] = "-d", a_t[] = "-t", queue[128], title[64];
    snprintf(queue, sizeof queue, "%s", printer);
    snprintf(title, sizeof title, "%s", job_title);
    char *argv[] = {a_lp, a_d, queue, a_t, title, NULL};

    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in, 0);
    posix_spawn_file_actions_adddup2(&fa, out, 1);
    posix_spawn_file_actions_adddup2(&fa, out, 2);
    posix_spawn_file_actions_addclosefrom_np(&fa, 3);
    posix_spawnattr_init(&at);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETSIGMASK |
                                      POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setsigdefault(&at, &all);
    pid_t pid;
    int rc = posix_spawn(&pid, prog, &fa, &at, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    close(in);
    meibo_status st = MEIBO_OK;
    int status = 0;
    if (rc != 0) {
        st = meibo_fail(err, MEIBO_ERR_IO,
                        "lp -d %s: %s: %s", printer, prog, strerror(rc));
        close(out);
        return st;
    }
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            st = meibo_fail(err, MEIBO_ERR_IO, "lp -d %s: %s", printer, strerror(errno));
            break;
        }
    }
    ssize_t n = pread(out, said, saidlen - 1, 0);
    said[n > 0 ? n : 0] = '\0';
    close(out);
    said[strcspn(said, "\n")] = '\0';
    if (!st && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
        st = meibo_fail(err, MEIBO_ERR_IO, "lp -d %s failed (%s %d)%s%s", printer,
                        WIFEXITED(status) ? "exit" : "signal",
                        WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
                        *said ? ": " : "", said);
    return st;
}

meibo_status outbox_put(const meibo_config *cfg, const char *db_path, int src,
                        const char *file_name, const char *job_title, bool printable,
                        const char *out_path, outbox_delivery *d, meibo_err *err)
{
    memset(d, 0, sizeof *d);
    meibo_status st;
    if (out_path && *out_path) {
        /* a file the clerk names is written with their own group, not meibo's (a set-group-ID
         * meibo could otherwise replace the database with a letter) */
        if (boundary_user_begin() != 0)
            return meibo_fail(err, MEIBO_ERR_IO, "%s: %s", out_path, strerror(errno));
        st = file_replace(out_path, src, err);
        if (boundary_user_end() != 0 && !st)
            st = meibo_fail(err, MEIBO_ERR_IO, "restoring the group: %s", strerror(errno));
        if (st)
            return st;
        snprintf(d->path, sizeof d->path, "%s", out_path);
        snprintf(d->where, sizeof d->where, "file %s", out_path);
    } else if (printable && cfg->printer[0]) {
        /* issue 19: the queue's state first; what CUPS says, not lp's file count */
        char lp[1024];
        if (outbox_find_lp(cfg, lp, sizeof lp)) {
            d->queue = outbox_queue_state(cfg, lp, d->queue_said, sizeof d->queue_said);
            if (d->queue == QUEUE_NO_SUCH)
                return meibo_fail(err, MEIBO_ERR_IO,
                                  "printer %s: CUPS has no such printer (%s); nothing was "
                                  "printed. lpstat -p lists the printers: fix printer in "
                                  "meibo.conf", cfg->printer, d->queue_said);
        }
        char said[sizeof d->job];
        if ((st = lp_send(cfg->printer, cfg->lp_command, job_title, src, said, sizeof said, err)))
            return st;
        lp_request_id(said, d->job, sizeof d->job);
        d->printed = true;
        snprintf(d->printer, sizeof d->printer, "%s", cfg->printer);
        snprintf(d->where, sizeof d->where, "printer %s", cfg->printer);
    } else {
        char dir[MEIBO_PATH_MAX];
        outbox_dir(cfg, db_path, dir, sizeof dir);
        if ((st = outbox_save(dir, file_name, src, d->path, sizeof d->path, err)))
            return st;
        snprintf(d->where, sizeof d->where, "outbox %s", d->path);
    }
    return MEIBO_OK;
}

meibo_status outbox_deliver(meibo_ctx *ctx, const meibo_config *cfg, const letter *l,
                            const char *out_path, outbox_delivery *d, meibo_err *err)
{
    memset(d, 0, sizeof *d);
    int src = memory_file("meibo-letter", l->data, l->len, err);
    if (src < 0)
        return err ? err->code : MEIBO_ERR_IO;
    /* each job its own title, from the letter's file name (its kind and record number, no
     * personal data): "meibo optout-3-ack", "meibo ledger" (issue 19) */
    char title[64];
    snprintf(title, sizeof title, "meibo %.*s", (int)strcspn(l->file_name, "."), l->file_name);
    meibo_status st = outbox_put(cfg, ctx->path, src, l->file_name, title,
                                 l->format == LETTER_PDF, out_path, d, err);
    close(src);
    return st ? st : letter_record(ctx, l, d->where, err);
}

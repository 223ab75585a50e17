/* config.c: meibo.conf — "key = value" lines, '#' comments, blank lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/config.h"

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        *--e = '\0';
    return s;
}

meibo_status config_parse(const char *text, const char *name, meibo_config *cfg, meibo_err *err)
{
    char *copy = strdup(text);
    if (!copy)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
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
        if (!strcmp(key, "db")) {
            if (!*val || strlen(val) >= sizeof cfg->db)
                st = meibo_fail_field(err, MEIBO_ERR_INVALID, "db", "%s:%ld: db: a path is required",
                                      name, lineno);
            else
                snprintf(cfg->db, sizeof cfg->db, "%s", val);
        } else {
            st = meibo_fail_field(err, MEIBO_ERR_INVALID, key, "%s:%ld: unknown key '%s'", name,
                                  lineno, key);
        }
    }
    if (st && err)
        err->line = lineno;
    free(copy);
    return st;
}

meibo_status config_load(const char *path, meibo_config *cfg, meibo_err *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return meibo_fail(err, MEIBO_ERR_NOT_FOUND, "%s: cannot read the configuration", path);
    char *buf = NULL;
    size_t cap = 0, len = 0;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + n + 1 > cap) {
            cap = (len + n + 1) * 2;
            char *b = realloc(buf, cap);
            if (!b) {
                free(buf);
                fclose(f);
                return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
            }
            buf = b;
        }
        memcpy(buf + len, chunk, n);
        len += n;
    }
    fclose(f);
    if (!buf && !(buf = calloc(1, 1)))
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    buf[len] = '\0';
    meibo_status st = config_parse(buf, path, cfg, err);
    free(buf);
    return st;
}

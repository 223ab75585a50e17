/* json.c: a minimal streaming JSON writer (UTF-8 passed through, controls escaped). */
#include <inttypes.h>

#include "json.h"

static void put_escaped(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (*p < 0x20 || *p == 0x7F)
                fprintf(out, "\\u%04x", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

static void sep(json_w *j, const char *key)
{
    if (j->need_comma[j->depth])
        fputc(',', j->out);
    j->need_comma[j->depth] = true;
    if (key) {
        put_escaped(j->out, key);
        fputc(':', j->out);
    }
}

void json_begin(json_w *j, FILE *out)
{
    j->out = out;
    j->depth = 0;
    for (int i = 0; i < 32; i++)
        j->need_comma[i] = false;
}

static void open_(json_w *j, const char *key, char c)
{
    sep(j, key);
    fputc(c, j->out);
    if (j->depth < 31)
        j->depth++;
    j->need_comma[j->depth] = false;
}

static void close_(json_w *j, char c)
{
    fputc(c, j->out);
    if (j->depth > 0)
        j->depth--;
}

void json_obj(json_w *j, const char *key) { open_(j, key, '{'); }
void json_obj_end(json_w *j) { close_(j, '}'); }
void json_arr(json_w *j, const char *key) { open_(j, key, '['); }
void json_arr_end(json_w *j) { close_(j, ']'); }

void json_str(json_w *j, const char *key, const char *v)
{
    sep(j, key);
    if (v)
        put_escaped(j->out, v);
    else
        fputs("null", j->out);
}

void json_int(json_w *j, const char *key, int64_t v)
{
    sep(j, key);
    fprintf(j->out, "%" PRId64, v);
}

void json_bool(json_w *j, const char *key, bool v)
{
    sep(j, key);
    fputs(v ? "true" : "false", j->out);
}

void json_end(json_w *j)
{
    fputc('\n', j->out);
    fflush(j->out);
}

/* json.h: a minimal streaming JSON writer for --json output. */
#ifndef MEIBO_CLI_JSON_H
#define MEIBO_CLI_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct json_w {
    FILE *out;
    int depth;
    bool need_comma[32];
} json_w;

void json_begin(json_w *j, FILE *out);
void json_obj(json_w *j, const char *key);   /* key NULL inside arrays / at top */
void json_obj_end(json_w *j);
void json_arr(json_w *j, const char *key);
void json_arr_end(json_w *j);
void json_str(json_w *j, const char *key, const char *v); /* v NULL → null */
void json_int(json_w *j, const char *key, int64_t v);
void json_bool(json_w *j, const char *key, bool v);
void json_end(json_w *j); /* newline */

#endif

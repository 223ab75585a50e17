/* args.c: small argument helpers of the inquiry, pledge, policy and deny-list commands. */
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"

bool args_id(const char *s, int64_t *id)
{
    char *end;
    if (!s || !*s || *s == '-' || *s == '+')
        return false;
    long long v = strtoll(s, &end, 10);
    if (*end || v <= 0)
        return false;
    *id = v;
    return true;
}

int args_yesno(const char *s)
{
    if (s && !strcmp(s, "yes"))
        return 1;
    if (s && !strcmp(s, "no"))
        return 0;
    return -1;
}

bool args_help(const char *help, int argc, char **argv, int *rc)
{
    if (argc < 2) {
        fputs(help, stderr);
        *rc = 2;
        return true;
    }
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--"))
            break;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(help, stdout);
            *rc = 0;
            return true;
        }
    }
    return false;
}

void args_row(FILE *out, const char *label, const char *value)
{
    fprintf(out, "%-15s ", label);
    cli_put(out, value && *value ? value : "-");
    fputc('\n', out);
}

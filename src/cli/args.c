/* args.c: small argument helpers of the inquiry, pledge, policy and deny-list commands. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

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

json_w *args_json_array(json_w *j, bool json)
{
    if (!json)
        return NULL;
    json_begin(j, stdout);
    json_arr(j, NULL);
    return j;
}

void args_json_array_end(json_w *j)
{
    if (!j)
        return;
    json_arr_end(j);
    json_end(j);
}

/* Does the option list @p opts ("name= role= json") hold --@p name (of @p len bytes)? 1 for
 * one without a value, 2 for one with, 0 when it is not there. */
static int opt_kind(const char *opts, const char *name, size_t len)
{
    for (const char *p = opts; *p;) {
        size_t n = strcspn(p, " ");
        size_t w = n && p[n - 1] == '=' ? n - 1 : n;
        if (w == len && !strncmp(p, name, len))
            return w < n ? 2 : 1;
        p += n;
        while (*p == ' ')
            p++;
    }
    return 0;
}

/* The options of argv[1..] that the subcommand @p s takes (its handler parses them). */
static int check_options(const char *cmd, const args_sub *s, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--"))
            break;
        if (a[0] != '-' || !a[1])
            continue;
        const char *name = a + (a[1] == '-' ? 2 : 1);
        size_t len = strcspn(name, "=");
        int kind = a[1] == '-' ? opt_kind(s->opts, name, len) : 0;
        if (!kind)
            return cli_usage(cmd, "%s: unknown option '%s'", s->name, a);
        if (kind == 2 && !name[len])
            i++; /* its value */
    }
    return 0;
}

int args_dispatch(cli *c, const char *cmd, const char *help, const args_sub *subs, int argc,
                  char **argv)
{
    int rc;
    if (args_help(help, argc, argv, &rc))
        return rc;
    for (const args_sub *s = subs; s->name; s++) {
        if (strcmp(argv[1], s->name) != 0)
            continue;
        if (s->opts && (rc = check_options(cmd, s, argc - 1, argv + 1)))
            return rc;
        return s->fn(c, argc - 1, argv + 1);
    }
    if (argv[1][0] == '-')
        return cli_usage(cmd, "unknown option '%s' (a subcommand comes first)", argv[1]);
    return cli_usage(cmd, "unknown subcommand '%s'", argv[1]);
}

int args_id_text(const char *cmd, int argc, char **argv, const char *text_opt, int64_t *id,
                 const char **text, bool *json)
{
    struct option opts[] = {{text_opt ? text_opt : "-", required_argument, NULL, 't'},
                            {"json", no_argument, NULL, 'j'},
                            {NULL, 0, NULL, 0}};
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (o == 't' && text_opt)
            *text = optarg;
        else if (o == 'j' && json)
            *json = true;
        else
            return cli_usage(cmd, "unknown option '%s'", argv[optind - 1]);
    }
    if (optind + 1 != argc || !args_id(argv[optind], id))
        return cli_usage(cmd, "give one number");
    if (text_opt && !*text)
        return cli_usage(cmd, "--%s TEXT is required", text_opt);
    return 0;
}

int args_not_built(const char *cmd, const char *why)
{
    fprintf(stderr, "meibo %s: not built yet: %s\n", cmd, why);
    return 1;
}

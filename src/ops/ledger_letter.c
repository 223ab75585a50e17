/* ledger_letter.c: the 個人情報取扱台帳 (取扱規程 第24条) as a letter (ledger.tmpl). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/auth.h"
#include "meibo/ledger.h"
#include "meibo/ledger_letter.h"
#include "meibo/permission.h"
#include "meibo/stats.h"
#include "meibo/text.h"

#define ERR_CODE(err) ((err) ? (err)->code : MEIBO_ERR_NOMEM) /* after a call that set it */

/* ---- the 個人情報取扱台帳 (取扱規程 第24条) ------------------------------------------------------ */

typedef struct ledger_fill {
    tmpl_vars *v;
    meibo_err *err;
    meibo_status st;
} ledger_fill;

static int ledger_entry_vars(const ledger_entry *e, void *arg)
{
    ledger_fill *f = arg;
    tmpl_vars *x = tmpl_list_add(f->v, "items", f->err);
    if (!x) {
        f->st = ERR_CODE(f->err);
        return 1;
    }
    if ((f->st = tmpl_setf(x, f->err, "no", "%d", e->no)) ||
        (f->st = tmpl_set(x, "item", e->item, f->err)) ||
        (f->st = tmpl_set(x, "location", e->location, f->err)) ||
        (f->st = tmpl_set(x, "method", e->method, f->err)) ||
        (f->st = tmpl_set(x, "access", e->access, f->err)) ||
        (f->st = tmpl_set(x, "retention", e->retention, f->err)) ||
        (f->st = tmpl_set(x, "article", e->article, f->err)) ||
        (f->st = tmpl_list(x, "purposes", f->err)))
        return 1;
    for (int i = 0; i < e->npurposes; i++) {
        tmpl_vars *p = tmpl_list_add(x, "purposes", f->err);
        if (!p || (f->st = tmpl_set(p, "text", e->purposes[i], f->err))) {
            if (!p)
                f->st = ERR_CODE(f->err);
            return 1;
        }
    }
    return 0;
}

/* A permission of 規程 第16条 in force, as a line of the ledger. */
static int ledger_permission_vars(const permission_info *p, void *arg)
{
    ledger_fill *f = arg;
    tmpl_vars *x = tmpl_list_add(f->v, "permissions", f->err);
    if (!x) {
        f->st = ERR_CODE(f->err);
        return 1;
    }
    if ((f->st = tmpl_setf(x, f->err, "no", "%lld", (long long)p->id)) ||
        (f->st = tmpl_set(x, "kind", permission_kind_words(p, true), f->err)) ||
        (f->st = tmpl_set(x, "scope", p->scope, f->err)) ||
        (f->st = tmpl_set(x, "granted_on", p->granted_on, f->err)) ||
        (f->st = tmpl_set(x, "granted_by", p->granted_by, f->err)) ||
        (f->st = tmpl_set(x, "valid_until", permission_until_words(p, true), f->err)))
        return 1;
    return 0;
}

/* A provision of anonymised data, as the ledger publishes it (第43条第3項, 第44条). */
static int ledger_anon_vars(const stats_anon_info *a, void *arg)
{
    ledger_fill *f = arg;
    tmpl_vars *x = tmpl_list_add(f->v, "anon", f->err);
    if (!x) {
        f->st = ERR_CODE(f->err);
        return 1;
    }
    if ((f->st = tmpl_setf(x, f->err, "no", "%lld", (long long)a->id)) ||
        (f->st = tmpl_set(x, "at", a->at, f->err)) ||
        (f->st = tmpl_set(x, "as_of", a->as_of, f->err)) ||
        (f->st = tmpl_set(x, "recipient", a->recipient, f->err)) ||
        (f->st = tmpl_set(x, "items", a->items, f->err)) ||
        (f->st = tmpl_set(x, "method", a->method, f->err)) ||
        (f->st = tmpl_setf(x, f->err, "k", "%d", a->k)) ||
        (f->st = tmpl_set(x, "medium", a->medium, f->err)))
        return 1;
    return 0;
}

meibo_status letter_ledger(meibo_ctx *ctx, const meibo_config *cfg, const char *backup_dir,
                           letter_format fmt, letter *out, meibo_err *err)
{
    memset(out, 0, sizeof *out);
    out->kind = LETTER_LEDGER;
    out->format = fmt;
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "print the personal-data ledger", err);
    if (st)
        return st;
    tmpl_vars *v = tmpl_vars_new(err);
    if (!v)
        return ERR_CODE(err);
    ledger_fill f = {v, err, MEIBO_OK};
    if ((st = letter_common_vars(ctx, cfg, v, err)) || (st = tmpl_list(v, "items", err)))
        goto out;
    if ((st = ledger_list(ctx, backup_dir, ledger_entry_vars, &f, err)) || (st = f.st) ||
        (st = tmpl_list(v, "permissions", err)) ||
        (st = permission_list(ctx, false, ledger_permission_vars, &f, err)) || (st = f.st) ||
        (st = tmpl_list(v, "anon", err)) ||
        (st = stats_anon_list(ctx, ledger_anon_vars, &f, err)) || (st = f.st))
        goto out;
out:
    st = letter_end(ctx, cfg, st, v, out, err);
    return st;
}

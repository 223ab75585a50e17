/* inspect_letter.c: the inspection report (取扱規程 第25条) as a letter (inspection.tmpl). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "meibo/inspect.h"
#include "meibo/letter.h"
#include "meibo/text.h"

#define ERR_CODE(err) ((err) ? (err)->code : MEIBO_ERR_NOMEM)

static meibo_status lines_var(tmpl_vars *v, const char *name, const inspect_list *l,
                              meibo_err *err)
{
    meibo_status st = tmpl_list(v, name, err);
    for (size_t i = 0; !st && i < l->n; i++) {
        tmpl_vars *e = tmpl_list_add(v, name, err);
        if (!e)
            return ERR_CODE(err);
        st = tmpl_setf(e, err, "text", "%s%s", l->items[i].text,
                       l->items[i].finding ? "【指摘】" : "");
    }
    return st;
}

static meibo_status users_var(tmpl_vars *v, const inspect_report *r, meibo_err *err)
{
    meibo_status st = tmpl_list(v, "users", err);
    if (!st)
        st = tmpl_list(v, "outside", err);
    for (size_t i = 0; !st && i < r->nusers; i++) {
        const inspect_user *u = &r->users[i];
        tmpl_vars *e = tmpl_list_add(v, "users", err);
        if (!e)
            return ERR_CODE(err);
        if ((st = tmpl_set(e, "login", u->login, err)) ||
            (st = tmpl_setf(e, err, "reads", "%" PRId64, u->n[IK_READ])) ||
            (st = tmpl_setf(e, err, "reveals", "%" PRId64, u->n[IK_REVEAL])) ||
            (st = tmpl_setf(e, err, "edits", "%" PRId64, u->n[IK_EDIT])) ||
            (st = tmpl_setf(e, err, "exports", "%" PRId64, u->n[IK_EXPORT])) ||
            (st = tmpl_setf(e, err, "searches", "%" PRId64, u->n[IK_SEARCH])) ||
            (st = tmpl_setf(e, err, "inquiries", "%" PRId64, u->inquiries)) ||
            (st = tmpl_setf(e, err, "outcomes", "%" PRId64 "・%" PRId64 "・%" PRId64 "・%" PRId64
                            "・%" PRId64, u->outcome[0], u->outcome[1], u->outcome[2],
                            u->outcome[3], u->outcome[4])) ||
            (st = tmpl_setf(e, err, "outside", "%" PRId64, u->outside)))
            return st;
        if (u->outside && strcmp(u->login, "system") != 0) { /* cron's backups run at night */
            tmpl_vars *o = tmpl_list_add(v, "outside", err);
            if (!o)
                return ERR_CODE(err);
            st = tmpl_setf(o, err, "text", "%s：%" PRId64 "件（%" PRId64 "日）【指摘】", u->login,
                           u->outside, u->outside_days);
        }
    }
    return st;
}

static meibo_status outliers_var(tmpl_vars *v, const inspect_report *r, meibo_err *err)
{
    meibo_status st = tmpl_list(v, "outliers", err);
    for (size_t i = 0; !st && i < r->noutliers; i++) {
        const inspect_outlier_day *o = &r->outliers[i];
        tmpl_vars *e = tmpl_list_add(v, "outliers", err);
        if (!e)
            return ERR_CODE(err);
        if ((st = tmpl_set(e, "login", o->login, err)) || (st = tmpl_set(e, "day", o->day, err)) ||
            (st = tmpl_set(e, "kind", o->reveal ? "表示" : "閲覧", err)) ||
            (st = tmpl_setf(e, err, "count", "%" PRId64, o->count)) ||
            (st = tmpl_setf(e, err, "median", "%g", o->median)))
            return st;
    }
    return st;
}

typedef struct rec_fill {
    const meibo_config *cfg;
    tmpl_vars *v;
    meibo_err *err;
    meibo_status st;
    char from[11], until[11];
} rec_fill;

static int rec_take(const inspect_record_info *i, void *arg)
{
    rec_fill *f = arg;
    char on[64] = "", ack[64] = "", day[11];
    text_copy_cut(day, sizeof day, i->recorded_at ? i->recorded_at : ""); /* the date part */
    letter_date(f->cfg, day, on, sizeof on);
    if (i->acknowledged_at) {
        text_copy_cut(day, sizeof day, i->acknowledged_at);
        letter_date(f->cfg, day, ack, sizeof ack);
    }
    text_copy_cut(f->from, sizeof f->from, i->from);
    text_copy_cut(f->until, sizeof f->until, i->until);
    tmpl_vars *v = f->v;
    meibo_err *err = f->err;
    (void)((f->st = tmpl_set_flag(v, "recorded", true, err)) ||
           (f->st = tmpl_set(v, "result", i->findings, err)) ||
           (f->st = tmpl_set(v, "corrective", *i->corrective ? i->corrective : "要しない", err)) ||
           (f->st = tmpl_set(v, "recorded_on", on, err)) ||
           (f->st = tmpl_set(v, "recorded_by", i->recorded_by, err)) ||
           (f->st = tmpl_set_flag(v, "acknowledged", i->acknowledged_at != NULL, err)) ||
           (f->st = tmpl_set(v, "ack_on", ack, err)) ||
           (f->st = tmpl_set(v, "ack_by", i->acknowledged_by ? i->acknowledged_by : "", err)) ||
           (f->st = tmpl_set(v, "ack_note", i->ack_note ? i->ack_note : "", err)));
    return 1;
}

meibo_status letter_inspection(meibo_ctx *ctx, const meibo_config *cfg,
                               const inspect_options *opt, int64_t id, int fmt, letter *out,
                               meibo_err *err)
{
    memset(out, 0, sizeof *out);
    out->kind = LETTER_INSPECTION;
    out->format = (letter_format)fmt;
    out->inspection_id = id;
    tmpl_vars *v = tmpl_vars_new(err);
    if (!v)
        return ERR_CODE(err);
    inspect_report r;
    memset(&r, 0, sizeof r);
    rec_fill f = {cfg, v, err, MEIBO_OK, "", ""};
    inspect_options o = *opt;
    meibo_status st;
    if (id) {
        if ((st = inspect_records(ctx, id, rec_take, &f, err)) || (st = f.st))
            goto out;
        o.from = f.from;
        o.until = f.until;
    } else if ((st = tmpl_set_flag(v, "recorded", false, err)) ||
               (st = tmpl_set_flag(v, "acknowledged", false, err))) {
        goto out;
    }
    if ((st = inspect_build(ctx, &o, &r, err)))
        goto out;
    char from[64], until[64], today[64];
    letter_date(cfg, r.from, from, sizeof from);
    letter_date(cfg, r.until, until, sizeof until);
    letter_date(cfg, r.today, today, sizeof today);
    if ((st = letter_common_vars(ctx, cfg, v, err)) ||
        (st = tmpl_set_flag(v, "numbered", id != 0, err)) ||
        (st = tmpl_setf(v, err, "number", "%" PRId64, id)) ||
        (st = tmpl_set(v, "manager", ctx->display_name, err)) ||
        (st = tmpl_set(v, "from", from, err)) || (st = tmpl_set(v, "until", until, err)) ||
        (st = tmpl_set(v, "today", today, err)) || (st = tmpl_set(v, "office", r.office, err)) ||
        (st = tmpl_setf(v, err, "log_rows", "%" PRId64, r.log_rows)) ||
        (st = tmpl_setf(v, err, "findings", "%d", r.findings)) ||
        (st = tmpl_setf(v, err, "factor", "%d", INSPECT_OUTLIER_FACTOR)) ||
        (st = tmpl_setf(v, err, "minimum", "%d", INSPECT_OUTLIER_MIN)) ||
        (st = tmpl_setf(v, err, "pledge_days", "%d",
                        opt->pledge_days > 0 ? opt->pledge_days : INSPECT_PLEDGE_DAYS)) ||
        (st = users_var(v, &r, err)) || (st = outliers_var(v, &r, err)) ||
        (st = lines_var(v, "staff", &r.staff, err)) ||
        (st = lines_var(v, "pledges", &r.pledges, err)) ||
        (st = lines_var(v, "copies", &r.copies, err)) ||
        (st = lines_var(v, "backups", &r.backups, err)) ||
        (st = lines_var(v, "chain", &r.chain, err)) ||
        (st = lines_var(v, "ledger", &r.ledger, err)))
        goto out;
    st = letter_render(ctx, cfg, v, out, err);
out:
    inspect_report_free(&r);
    tmpl_vars_free(v);
    if (st)
        letter_clear(out);
    return st;
}

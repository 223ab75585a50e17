/* incident_letter.c: the notice of an incident to an affected member (個人情報保護法 第26条第2項)
 * and the draft of the report to the 個人情報保護委員会 (同条第1項, 施行規則 第8条). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/auth.h"
#include "meibo/check.h"
#include "meibo/export.h"
#include "meibo/incident.h"
#include "meibo/incident_letter.h"
#include "meibo/member.h"
#include "meibo/rights_letter.h"
#include "meibo/roster.h"
#include "meibo/text.h"

#define ERR_CODE(err) ((err) ? (err)->code : MEIBO_ERR_NOMEM) /* after a call that set it */

/* The list @p name of the items "a,d,e" in words, one element {name} each. */
static meibo_status items_list(tmpl_vars *v, const char *name, const char *items, meibo_err *err)
{
    meibo_status st = tmpl_list(v, name, err);
    for (const char *p = items; !st && *p; p++) {
        if (*p < 'a' || *p > 'f')
            continue;
        char one[2] = {*p, '\0'}, words[120];
        tmpl_vars *e = tmpl_list_add(v, name, err);
        if (!e)
            return ERR_CODE(err);
        st = tmpl_set(e, "name", incident_items_ja(one, words, sizeof words), err);
    }
    return st;
}

/* Text of a fact, or @p none when it was not written. */
static const char *or(const char *v, const char *none)
{
    return check_blank(v) ? none : v;
}

typedef struct fill {
    const meibo_config *cfg;
    tmpl_vars *v;
    meibo_err *err;
    meibo_status st;
    bool found;
    char member_items[16];
    int64_t id;
} fill;

/* The variables both forms share. */
static meibo_status common_facts(const meibo_config *cfg, const incident_info *i, tmpl_vars *v,
                                 meibo_err *err)
{
    char discovered[64], occurred[64] = "";
    letter_date(cfg, i->discovered_on, discovered, sizeof discovered);
    if (i->occurred_on)
        letter_date(cfg, i->occurred_on, occurred, sizeof occurred);
    meibo_status st;
    if ((st = tmpl_set(v, "kind_ja", i->kind_ja, err)) ||
        (st = tmpl_set(v, "summary", i->summary, err)) ||
        (st = tmpl_set(v, "discovered_on", discovered, err)) ||
        (st = tmpl_set(v, "occurred_on", occurred, err)) ||
        (st = tmpl_set(v, "cause", or(i->cause, "調査中です。"), err)) ||
        (st = tmpl_set(v, "secondary_damage",
                       or(i->secondary_damage, "現時点で二次被害は確認されていません。"), err)) ||
        (st = tmpl_set(v, "immediate_action", or(i->immediate_action, "調査中です。"), err)) ||
        (st = tmpl_set(v, "prevention", i->prevention, err)))
        return st;
    return MEIBO_OK;
}

static int touch_take(const incident_info *i, const char *items, void *arg)
{
    fill *f = arg;
    if (i->id != f->id)
        return 0;
    f->found = true;
    text_copy_cut(f->member_items, sizeof f->member_items, items);
    return 1;
}

static int notice_take(const incident_info *i, void *arg)
{
    fill *f = arg;
    if ((f->st = common_facts(f->cfg, i, f->v, f->err)) ||
        (f->st = tmpl_set_flag(f->v, "statutory", i->assessment.reportable, f->err)))
        return 1;
    return 0;
}

meibo_status letter_incident_notice(meibo_ctx *ctx, const meibo_config *cfg, int64_t id,
                                    const char *member_no, letter_format fmt, letter *out,
                                    meibo_err *err)
{
    meibo_status st = letter_begin(ctx, cfg, LETTER_INCIDENT_NOTICE, fmt, out, err);
    if (st)
        return st;
    out->incident_id = id;
    tmpl_vars *v = tmpl_vars_new(err);
    if (!v)
        return ERR_CODE(err);
    meibo_member m;
    member_init(&m);
    fill f = {cfg, v, err, MEIBO_OK, false, "", id};
    if ((st = incident_show(ctx, id, NULL, NULL, err)) ||
        (st = incident_for_member(ctx, member_no ? member_no : "", touch_take, &f, err)))
        goto out;
    if (!f.found) {
        st = meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "member",
                              "member %s is not among the members incident %" PRId64 " affected",
                              member_no ? member_no : "", id);
        goto out;
    }
    if ((st = member_load(ctx, member_no, 0, &m, err))) {
        if (st == MEIBO_ERR_NOT_FOUND)
            st = meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "member",
                                  "member %s is no longer in the registry: there is no address to "
                                  "send the notice to", member_no);
        goto out;
    }
    text_copy_cut(out->member_no, sizeof out->member_no, member_no);
    if ((st = letter_common_vars(ctx, cfg, v, err)) ||
        (st = rights_letter_head(cfg, "事案番号", id, &m, v, err)) ||
        (st = items_list(v, "items", f.member_items, err)) ||
        (st = incident_show(ctx, id, notice_take, &f, err)) || (st = f.st))
        goto out;
out:
    st = letter_end(ctx, cfg, st, v, out, err);
    member_clear(&m);
    return st;
}

/* The state of a report due: made (when), overdue, or not yet. */
static void report_state(const meibo_config *cfg, const char *made, const char *due,
                         const char *today, char *buf, size_t len)
{
    char d[64];
    if (made) {
        letter_date(cfg, made, d, sizeof d);
        snprintf(buf, len, "報告済（%s）", d);
    } else {
        snprintf(buf, len, "%s", strcmp(due, today) < 0 ? "未報告（期限を過ぎています）" : "未報告");
    }
}

/* An export sheet's column codes in words: "氏名、フリガナ、…". */
static void columns_ja(const char *columns, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (const char *p = columns; *p;) {
        size_t n = strcspn(p, ",");
        char code[40];
        snprintf(code, sizeof code, "%.*s", (int)(n < sizeof code - 1 ? n : sizeof code - 1), p);
        const export_column *c = export_column_find(code);
        int w = snprintf(buf + used, len - used, "%s%s", used ? "、" : "", c ? c->header : code);
        if (w < 0 || (size_t)w >= len - used)
            break;
        used += (size_t)w;
        p += n + (p[n] == ',');
    }
}

typedef struct report_fill {
    fill f;
    meibo_ctx *ctx;
} report_fill;

static int report_take(const incident_info *i, void *arg)
{
    report_fill *r = arg;
    const meibo_config *cfg = r->f.cfg;
    tmpl_vars *v = r->f.v;
    meibo_err *err = r->f.err;
    const incident_assessment *a = &i->assessment;
    char today[16], from[64] = "", pdue[64] = "", fdue[64] = "", ps[120] = "", fs[120] = "";
    char reported[64], persons[32], columns[1200], days[8];
    db_today(r->ctx, today, sizeof today);
    if (a->reportable) {
        letter_date(cfg, a->prompt_from, from, sizeof from);
        letter_date(cfg, a->prompt_due, pdue, sizeof pdue);
        letter_date(cfg, a->final_due, fdue, sizeof fdue);
        report_state(cfg, i->prompt_reported_on, a->prompt_due, today, ps, sizeof ps);
        report_state(cfg, i->final_reported_on, a->final_due, today, fs, sizeof fs);
    }
    letter_date(cfg, i->reported_on, reported, sizeof reported);
    snprintf(persons, sizeof persons, "%" PRId64, i->persons);
    snprintf(days, sizeof days, "%d", a->final_days);
    columns_ja(i->columns, columns, sizeof columns);
    int src = incident_source_parse(i->source);
    meibo_status st;
    if ((st = common_facts(cfg, i, v, err)) ||
        (st = tmpl_set(v, "stage", i->prompt_reported_on ? "確報" : "速報", err)) ||
        (st = tmpl_set(v, "decision", a->reportable
                                          ? "個人情報保護委員会への報告を要します（個人情報保護法第26条第1項）。"
                                          : "個人情報保護委員会への報告は要しません。", err)) ||
        (st = tmpl_set_flag(v, "reportable", a->reportable, err)) ||
        (st = tmpl_set(v, "prompt_from", from, err)) || (st = tmpl_set(v, "prompt_due", pdue, err)) ||
        (st = tmpl_set(v, "final_due", fdue, err)) || (st = tmpl_set(v, "final_days", days, err)) ||
        (st = tmpl_set(v, "prompt_state", ps, err)) || (st = tmpl_set(v, "final_state", fs, err)) ||
        (st = tmpl_set(v, "discovered_by", i->discovered_by, err)) ||
        (st = tmpl_set(v, "reported_on", reported, err)) ||
        (st = tmpl_set(v, "reported_to", i->reported_to, err)) ||
        (st = tmpl_set(v, "persons", persons, err)) ||
        (st = tmpl_set(v, "source", src >= 0 ? incident_source_ja((incident_source_kind)src) : "", err)) ||
        (st = tmpl_set(v, "source_ref", i->source_ref, err)) ||
        (st = tmpl_set(v, "columns", columns, err)) ||
        (st = tmpl_set(v, "member_response", or(i->member_response, "未定です。"), err)) ||
        (st = tmpl_set(v, "publication", or(i->publication, "未定です。"), err)) ||
        (st = tmpl_set(v, "prevention", or(i->prevention, "検討中です。"), err)) ||
        (st = tmpl_set(v, "financial", i->financial ? "あり" : "なし", err)) ||
        (st = tmpl_set(v, "improper", i->improper ? "あり" : "なし", err)) ||
        (st = items_list(v, "items", i->items, err)) || (st = tmpl_list(v, "reasons", err)))
        goto done;
    if (!i->occurred_on && (st = tmpl_set(v, "occurred_on", "不明", err)))
        goto done;
    for (int k = 0; !st && k < a->nreasons; k++) {
        tmpl_vars *e = tmpl_list_add(v, "reasons", err);
        if (!e) {
            st = ERR_CODE(err);
            break;
        }
        if (!(st = tmpl_set(e, "text", a->reasons[k].text, err)) &&
            !(st = tmpl_set(e, "mark", a->reasons[k].applies ? "該当" : "非該当", err)))
            st = tmpl_set(e, "article", a->reasons[k].article, err);
    }
done:
    r->f.st = st;
    return st != MEIBO_OK;
}

meibo_status letter_incident_report(meibo_ctx *ctx, const meibo_config *cfg, int64_t id,
                                    letter_format fmt, letter *out, meibo_err *err)
{
    meibo_status st = letter_begin(ctx, cfg, LETTER_INCIDENT_REPORT, fmt, out, err);
    if (st)
        return st;
    out->incident_id = id;
    tmpl_vars *v = tmpl_vars_new(err);
    if (!v)
        return ERR_CODE(err);
    report_fill r = {{cfg, v, err, MEIBO_OK, false, "", id}, ctx};
    if ((st = letter_common_vars(ctx, cfg, v, err)) ||
        (st = tmpl_setf(v, err, "number", "%" PRId64, id)) ||
        (st = incident_show(ctx, id, report_take, &r, err)) || (st = r.f.st))
        goto out;
out:
    st = letter_end(ctx, cfg, st, v, out, err);
    return st;
}

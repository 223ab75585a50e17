/* incidents.c: the incident register (取扱規程 第26条): the open incidents, newest first, those
 * with a report to the 個人情報保護委員会 overdue marked ! and nearly due ~; Enter shows one with
 * the reporting decision and its reasons (個人情報保護法 第26条, 施行規則 第7条・第8条); n records
 * one (the affected members computed by the core from the source named), u records findings,
 * actions and the reports made, c closes it (the manager: the core refuses anyone else), p
 * prints the draft report, N the notice to every affected member, a shows closed ones too. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "listview.h"
#include "meibo/buf.h"
#include "meibo/incident.h"
#include "meibo/incident_letter.h"
#include "meibo/text.h"

#define DETAIL_LINES 16

typedef struct incident_row {
    int64_t id;
    char text[400];
    bool overdue, soon;
} incident_row;

typedef struct incidents {
    listview lv;
    bool all;
    char detail[DETAIL_LINES][700];
    int ndetail;
} incidents;

static const char *kind_label(const incident_info *i)
{
    return tr_is_en() ? i->kind_code : i->kind_ja;
}

static int add_row(const incident_info *i, void *arg)
{
    incidents *l = arg;
    incident_row *r = lv_add(&l->lv, &(lv_pos){.id = i->id});
    if (!r)
        return 1;
    r->id = i->id;
    r->overdue = i->overdue;
    r->soon = i->due_soon;
    char due[64] = "";
    if (i->next_what)
        snprintf(due, sizeof due, "%s %s %c", tr(!strcmp(i->next_what, "prompt") ? T_IC_PROMPT
                                                                                 : T_IC_FINAL),
                 i->next_due, i->overdue ? '!' : i->due_soon ? '~' : ' ');
    snprintf(r->text, sizeof r->text, "%4" PRId64 " %-*s %-*s %s %6" PRId64 " %-*s %s",
             i->id, tr_is_en() ? 6 : 9, tr(i->open ? T_IC_OPEN : T_IC_CLOSED),
             tr_is_en() ? 8 : 11, kind_label(i), i->discovered_on, i->persons,
             tr_is_en() ? 6 : 9, i->assessment.reportable ? tr(T_IC_REPORTABLE) : "-", due);
    return 0;
}

/* A page of the open incidents (a: also the closed ones), newest first. */
static bool fetch(view *v, const lv_pos *from, bool backward, int limit)
{
    incidents *l = v->priv;
    incident_filter f = {.all = l->all};
    meibo_err err;
    meibo_err_clear(&err);
    if (incident_page(v->t->ctx, &f, from ? from->id : 0, backward, limit, add_row, l, &err)) {
        tui_err(v->t, &err);
        return false;
    }
    return true;
}

static void draw_row(view *v, WINDOW *w, int y, int cols, const void *row, bool cur)
{
    const incident_row *r = row;
    tui *t = v->t;
    (void)cur;
    draw_text(w, y, 1, cols - 1, r->text,
              r->overdue ? tui_attr(t, EL_ERROR) : r->soon ? tui_attr(t, EL_NOTICE) : A_NORMAL);
}

static const lv_source incident_rows = {
    .row_size = sizeof(incident_row),
    .fetch = fetch,
    .draw = draw_row,
};

static const incident_row *current(const incidents *l)
{
    return lv_current(&l->lv);
}

static void reload(view *v)
{
    incidents *l = v->priv;
    l->ndetail = 0;
    lv_refresh(&l->lv);
}

view *incidents_open(tui *t)
{
    incidents *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    view *v = tui_push(t, &incidents_ops, l);
    if (v) {
        snprintf(v->title, sizeof v->title, "%s", tr(T_IC_TITLE));
        lv_init(&l->lv, v, &incident_rows);
        lv_reload(&l->lv);
    }
    return v;
}

/* ---- one incident, below the list ---------------------------------------------------------- */

#define LINE(...)                                                                             \
    do {                                                                                      \
        if (l->ndetail < DETAIL_LINES)                                                        \
            snprintf(l->detail[l->ndetail++], sizeof l->detail[0], __VA_ARGS__);              \
    } while (0)

static int add_detail(const incident_info *i, void *arg)
{
    incidents *l = arg;
    bool en = tr_is_en();
    char items[300];
    incident_items_ja(i->items, items, sizeof items);
    LINE("%s %" PRId64 "  %s  %s  %s %s", en ? "Incident" : "事故", i->id, kind_label(i),
         tr(i->open ? T_IC_OPEN : T_IC_CLOSED), tr(T_IC_DISCOVERED), i->discovered_on);
    LINE("%s", i->summary);
    LINE("%s: %s  %s: %s (%s)", tr(T_IC_DISCOVERED_BY), i->discovered_by,
         en ? "reported to" : "報告先", i->reported_to, i->reported_on);
    LINE("%s: %" PRId64 "%s  %s", en ? "persons" : "対象", i->persons, en ? "" : "人",
         en ? i->items : items);
    LINE("%s: %s", tr(T_IC_CAUSE), *i->cause ? i->cause : "-");
    LINE("%s: %s", tr(T_IC_ACTION), *i->immediate_action ? i->immediate_action : "-");
    LINE("%s: %s", tr(T_IC_PREVENTION), *i->prevention ? i->prevention : "-");
    const incident_assessment *a = &i->assessment;
    LINE("%s", a->reportable ? (en ? "To be reported to the PPC (Act Art. 26(1))"
                                   : "個人情報保護委員会への報告を要します（法第26条第1項）")
                             : (en ? "No report to the PPC" : "個人情報保護委員会への報告は要しません"));
    for (int k = 0; k < a->nreasons; k++)
        if (a->reasons[k].applies || !a->reportable)
            LINE("  %s %s（%s）", a->reasons[k].applies ? "●" : "・", a->reasons[k].text,
                 a->reasons[k].article);
    if (a->reportable) {
        LINE("%s %s〜%s (%s)  %s %s (%s)", tr(T_IC_PROMPT), a->prompt_from, a->prompt_due,
             i->prompt_reported_on ? i->prompt_reported_on : "-", tr(T_IC_FINAL), a->final_due,
             i->final_reported_on ? i->final_reported_on : "-");
    }
    return 0;
}

static void show(view *v)
{
    incidents *l = v->priv;
    l->ndetail = 0;
    if (!current(l))
        return;
    meibo_err err;
    meibo_err_clear(&err);
    if (incident_show(v->t->ctx, current(l)->id, add_detail, l, &err))
        tui_err(v->t, &err);
}

static void incidents_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    incidents *l = v->priv;
    tui *t = v->t;
    int list = l->ndetail ? rows - l->ndetail - 2 : rows - 1;
    if (list < 3)
        list = 3;
    draw_text(w, top, 1, cols - 2, tr(T_IC_COLS), tui_attr(t, EL_HEADER));
    if (!l->lv.n)
        draw_text(w, top + 2, 3, cols - 6, tr(T_IC_EMPTY), A_NORMAL);
    lv_draw(&l->lv, w, top + 1, list, cols);
    if (l->ndetail) {
        int y = top + 1 + list;
        draw_hline(w, y, 0, cols, A_NORMAL);
        for (int i = 0; i < l->ndetail && y + 1 + i < top + rows; i++)
            draw_text(w, y + 1 + i, 1, cols - 2, l->detail[i], i == 0 ? A_BOLD : A_NORMAL);
    }
    wmove(w, LINES - 1, COLS - 1);
}

/* ---- closing, printing --------------------------------------------------------------------- */

static void close_answered(view *under, const char *answer, void *arg)
{
    incidents *l = under->priv;
    (void)arg;
    if (!current(l))
        return;
    int64_t id = current(l)->id;
    meibo_err err;
    meibo_err_clear(&err);
    if (incident_close(under->t->ctx, id, answer, &err)) {
        tui_err(under->t, &err);
        return;
    }
    reload(under);
    char a[24], msg[300];
    snprintf(a, sizeof a, "%" PRId64, id);
    tui_msg(under->t, EL_NOTICE, "%s", tr_fill(msg, sizeof msg, T_IC_CLOSED_MSG, a, NULL));
}

static void print_report(view *v)
{
    incidents *l = v->priv;
    tui *t = v->t;
    if (current(l))
        tui_print(t, TL_INCIDENT_REPORT, current(l)->id);
}

typedef struct numbers {
    char (*v)[16];
    int n;
    size_t cap;
} numbers;

static int take_number(const char *no, const char *items, void *arg)
{
    (void)items;
    numbers *s = arg;
    char(*p)[16] = array_grow(s->v, &s->cap, (size_t)s->n + 1, sizeof *p);
    if (!p)
        return 1;
    s->v = p;
    snprintf(s->v[s->n++], 16, "%s", no);
    return 0;
}

/* The notice to every affected member still in the registry (個人情報保護法 第26条第2項). */
static void print_notices(view *v)
{
    incidents *l = v->priv;
    tui *t = v->t;
    if (!current(l))
        return;
    int64_t id = current(l)->id;
    numbers s = {0};
    meibo_err err;
    meibo_err_clear(&err);
    if (incident_members(t->ctx, id, take_number, &s, &err)) {
        tui_err(t, &err);
        free(s.v);
        return;
    }
    int done = 0;
    for (int k = 0; k < s.n; k++) {
        letter lt;
        meibo_status st = letter_incident_notice(t->ctx, &t->cfg, id, s.v[k], LETTER_PDF, &lt, &err);
        if (st == MEIBO_ERR_NOT_FOUND)
            continue; /* no longer in the registry: no address */
        if (st) {
            tui_err(t, &err);
            free(s.v);
            return;
        }
        if (!tui_deliver(t, &lt)) {
            free(s.v);
            return;
        }
        done++;
    }
    free(s.v);
    char a[24], msg[300];
    snprintf(a, sizeof a, "%d", done);
    tui_msg(t, EL_NOTICE, "%s", tr_fill(msg, sizeof msg, T_IC_NOTICES_DONE, a, NULL));
}

static view *incident_form_open(tui *t, int64_t id);

static int incidents_key(view *v, tui_key k, tui_req req)
{
    incidents *l = v->priv;
    (void)k;
    if (lv_key(&l->lv, req)) {
        l->ndetail = 0;
        return EV_HANDLED;
    }
    const incident_row *r = current(l);
    switch (req) {
    case REQ_ENTER:
        show(v);
        return EV_HANDLED;
    case REQ_INCIDENT_ADD:
        incident_form_open(v->t, 0);
        return EV_HANDLED;
    case REQ_INCIDENT_UPDATE:
        if (r)
            incident_form_open(v->t, r->id);
        return EV_HANDLED;
    case REQ_INCIDENT_CLOSE:
        if (r)
            prompt_text(v->t, tr(T_IC_CLOSE_Q), "", close_answered, NULL);
        return EV_HANDLED;
    case REQ_INCIDENT_REPORT:
        print_report(v);
        return EV_HANDLED;
    case REQ_INCIDENT_NOTICES:
        print_notices(v);
        return EV_HANDLED;
    case REQ_INCIDENT_ALL:
        l->all = !l->all;
        reload(v);
        return EV_HANDLED;
    default:
        return EV_NONE;
    }
}

static const char *incidents_hints(view *v)
{
    (void)v;
    return tr(T_IC_HINTS);
}

static void incidents_done(view *v)
{
    incidents *l = v->priv;
    lv_free(&l->lv);
    free(l);
}

const view_ops incidents_ops = {
    .name = "incidents",
    .keymap = KM_INCIDENTS,
    .draw = incidents_draw,
    .key = incidents_key,
    .resume = reload,
    .hints = incidents_hints,
    .done = incidents_done,
};

/* ---- the form: a new incident (id 0), or the findings of one ------------------------------- */

typedef struct incident_form {
    fieldset fs;
    int64_t id;
} incident_form;

static void yes_no(fieldset *fs, const char *name, tui_text label, bool on)
{
    field *f = fields_choice(fs, name, tr(label));
    fields_add_choice(f, "no", tr(T_IC_NO));
    fields_add_choice(f, "yes", tr(T_IC_YES));
    f->sel = on;
}

static void new_fields(tui *t, fieldset *fs)
{
    char today[16];
    db_today(t->ctx, today, sizeof today);
    field *f = fields_choice(fs, "kind", tr(T_IC_KIND));
    for (int k = 0; k < INCIDENT_KIND__COUNT; k++)
        fields_add_choice(f, incident_kind_code((incident_kind)k),
                          tr_is_en() ? incident_kind_code((incident_kind)k)
                                     : incident_kind_ja((incident_kind)k));
    fields_text(fs, "summary", tr(T_IC_SUMMARY), "");
    fields_text(fs, "discovered_on", tr(T_IC_DISCOVERED), today);
    fields_text(fs, "discovered_by", tr(T_IC_DISCOVERED_BY), t->ctx->display_name);
    fields_text(fs, "reported_to", tr(T_IC_REPORTED_TO), "");
    fields_text(fs, "occurred_on", tr(T_IC_OCCURRED), "");
    fields_text(fs, "cause", tr(T_IC_CAUSE), "");
    fields_text(fs, "immediate_action", tr(T_IC_ACTION), "");
    f = fields_choice(fs, "source", tr(T_IC_SOURCE));
    for (int k = 0; k < INCIDENT_SOURCE__COUNT; k++)
        fields_add_choice(f, incident_source_code((incident_source_kind)k),
                          tr_is_en() ? incident_source_code((incident_source_kind)k)
                                     : incident_source_ja((incident_source_kind)k));
    fields_text(fs, "source_ref", tr(T_IC_SOURCE_REF), "")->hint = tr(T_IC_SOURCE_HINT);
    fields_text(fs, "since", tr(T_IC_SINCE), "");
    fields_text(fs, "until", tr(T_IC_UNTIL), "");
    fields_text(fs, "members", tr(T_IC_MEMBERS), "");
    fields_text(fs, "items", tr(T_IC_ITEMS), "");
    yes_no(fs, "financial", T_IC_FINANCIAL, false);
    yes_no(fs, "improper", T_IC_IMPROPER, false);
}

static int edit_fields(const incident_info *i, void *arg)
{
    fieldset *fs = arg;
    fields_text(fs, "summary", tr(T_IC_SUMMARY), i->summary);
    fields_text(fs, "cause", tr(T_IC_CAUSE), i->cause);
    fields_text(fs, "immediate_action", tr(T_IC_ACTION), i->immediate_action);
    fields_text(fs, "secondary_damage", tr(T_IC_SECONDARY), i->secondary_damage);
    fields_text(fs, "member_response", tr(T_IC_RESPONSE), i->member_response);
    fields_text(fs, "publication", tr(T_IC_PUBLICATION), i->publication);
    fields_text(fs, "prevention", tr(T_IC_PREVENTION), i->prevention);
    yes_no(fs, "financial", T_IC_FINANCIAL, i->financial);
    yes_no(fs, "improper", T_IC_IMPROPER, i->improper);
    fields_text(fs, "prompt_reported_on", tr(T_IC_PROMPT_ON),
                i->prompt_reported_on ? i->prompt_reported_on : "");
    fields_text(fs, "final_reported_on", tr(T_IC_FINAL_ON),
                i->final_reported_on ? i->final_reported_on : "");
    return 0;
}

static view *incident_form_open(tui *t, int64_t id)
{
    incident_form *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->id = id;
    if (!id) {
        new_fields(t, &p->fs);
    } else {
        meibo_err err;
        meibo_err_clear(&err);
        if (incident_show(t->ctx, id, edit_fields, &p->fs, &err)) {
            tui_err(t, &err);
            free(p);
            return NULL;
        }
    }
    view *v = tui_push(t, &incident_form_ops, p);
    if (v)
        snprintf(v->title, sizeof v->title, "%s%s", tr(id ? T_IC_EDIT : T_IC_NEW), "");
    return v;
}

static void incident_form_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    incident_form *p = v->priv;
    const field *f = &p->fs.f[p->fs.cur];
    const char *hint = f->hint ? f->hint : f->choice && f->nchoices ? f->choices[f->sel].label : "";
    draw_hline(w, top + rows - 2, 0, cols, A_NORMAL);
    draw_text(w, top + rows - 1, 1, cols - 2, hint, tui_attr(v->t, EL_MASKED));
    fields_draw(&p->fs, v->t, w, top, rows - 2, cols);
}

#define VAL_LEN (LINE_MAX_CHARS * 4 + 1)

static const char *get(const incident_form *p, const char *name, char buf[VAL_LEN])
{
    return fields_get(&p->fs, name, buf, VAL_LEN);
}

static int64_t save_new(incident_form *p, tui *t, meibo_err *err)
{
    static const char *const names[] = {"kind",   "summary", "discovered_on", "discovered_by",
                                        "reported_to", "occurred_on", "cause",
                                        "immediate_action", "source", "source_ref", "since",
                                        "until",  "members", "items", "financial", "improper"};
    enum { N = sizeof names / sizeof *names };
    char (*s)[VAL_LEN] = calloc(N, VAL_LEN);
    if (!s) {
        meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        return 0;
    }
    for (int i = 0; i < N; i++)
        get(p, names[i], s[i]);
    incident_new n = {.kind = s[0], .summary = s[1], .discovered_on = s[2],
                      .discovered_by = s[3], .reported_to = s[4], .occurred_on = s[5],
                      .cause = s[6], .immediate_action = s[7],
                      .financial = !strcmp(s[14], "yes"), .improper = !strcmp(s[15], "yes")};
    n.source.kind = s[8];
    const char *ref = s[9];
    int src = incident_source_parse(s[8]);
    int64_t id = 0;
    if (src == INCIDENT_SRC_BACKUP) {
        n.source.file = ref;
    } else if (src == INCIDENT_SRC_ACCESS_LOG) {
        n.source.user = ref;
        n.source.since = s[10];
        n.source.until = s[11];
    } else if (src == INCIDENT_SRC_MEMBERS) {
        n.source.members = s[12];
        n.source.items = s[13];
    } else {
        char *end;
        n.source.id = strtoll(ref, &end, 10);
        if (!*ref || *end || n.source.id <= 0) {
            meibo_fail_field(err, MEIBO_ERR_INVALID, "source_ref", "%s", tr(T_IC_SOURCE_HINT));
            free(s);
            return 0;
        }
    }
    if (incident_add(t->ctx, &t->cfg, &n, &id, err))
        id = 0;
    free(s);
    return id;
}

static bool save_edit(incident_form *p, tui *t, meibo_err *err)
{
    char s[11][VAL_LEN];
    static const char *const names[] = {"summary", "cause", "immediate_action",
                                        "secondary_damage", "member_response", "publication",
                                        "prevention", "financial", "improper",
                                        "prompt_reported_on", "final_reported_on"};
    for (int i = 0; i < 11; i++)
        get(p, names[i], s[i]);
    incident_change c = {.summary = s[0], .cause = s[1], .immediate_action = s[2],
                         .secondary_damage = s[3], .member_response = s[4],
                         .publication = s[5], .prevention = s[6],
                         .financial = !strcmp(s[7], "yes"), .improper = !strcmp(s[8], "yes"),
                         .prompt_reported_on = *s[9] ? s[9] : NULL,
                         .final_reported_on = *s[10] ? s[10] : NULL};
    return incident_update(t->ctx, p->id, &c, err) == MEIBO_OK;
}

static int persons_of(const incident_info *i, void *arg)
{
    snprintf(arg, 24, "%" PRId64, i->persons);
    return 0;
}

static int incident_form_key(view *v, tui_key k, tui_req req)
{
    incident_form *p = v->priv;
    tui *t = v->t;
    if (req == REQ_SAVE) {
        meibo_err err;
        meibo_err_clear(&err);
        int64_t id = p->id;
        bool ok = id ? save_edit(p, t, &err) : (id = save_new(p, t, &err)) != 0;
        if (!ok) {
            fields_err(&p->fs, t, &err);
            return EV_HANDLED;
        }
        char a[24], b[24] = "", msg[300];
        snprintf(a, sizeof a, "%" PRId64, id);
        bool added = !p->id;
        if (added)
            incident_show(t->ctx, id, persons_of, b, &err);
        tui_pop(t);
        tui_msg(t, EL_NOTICE, "%s",
                tr_fill(msg, sizeof msg, added ? T_IC_ADDED : T_IC_UPDATED, a, b));
        return EV_HANDLED;
    }
    if (req == REQ_BACK)
        return EV_HANDLED | EV_CLOSE;
    return fields_key(&p->fs, k, req) ? EV_HANDLED : EV_NONE;
}

static const char *incident_form_hints(view *v)
{
    (void)v;
    return tr(T_FORM_HINTS);
}

static void incident_form_done(view *v)
{
    free(v->priv);
}

const view_ops incident_form_ops = {
    .name = "incident-form",
    .keymap = KM_FORM,
    .may_change = true,
    .draw = incident_form_draw,
    .key = incident_form_key,
    .hints = incident_form_hints,
    .done = incident_form_done,
};

/* ---- for the member's detail ---------------------------------------------------------------- */

typedef struct touch_lines {
    char **v;
    int n;
    size_t cap;
} touch_lines;

static int touch_line(const incident_info *i, const char *items, void *arg)
{
    touch_lines *s = arg;
    char **p = array_grow(s->v, &s->cap, (size_t)s->n + 1, sizeof *p);
    if (!p)
        return 1;
    s->v = p;
    char line[600];
    snprintf(line, sizeof line, "%s %" PRId64 "  %s  %s  [%s] %s", tr_is_en() ? "Incident" : "事故",
             i->id, i->discovered_on, kind_label(i), items, tr(i->open ? T_IC_OPEN : T_IC_CLOSED));
    if ((s->v[s->n] = strdup(line)))
        s->n++;
    return 0;
}

char **incidents_for_member(tui *t, const char *member_no, int *n)
{
    touch_lines s = {0};
    meibo_err err;
    meibo_err_clear(&err);
    if (incident_for_member(t->ctx, member_no, touch_line, &s, &err))
        tui_err(t, &err);
    *n = s.n;
    return s.v;
}

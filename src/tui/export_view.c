/* export_view.c: export sheets (取扱規程 第4–6条, 第38条; 規程 第16条): the exports with their state,
 * and below, the selected one whole: what the chief officer approves (recipient and category,
 * purpose, columns, filters, member count, pledge, medium); n opens a request (purpose,
 * recipient, pledge, medium, filters), F5 previews it (counts, who is on the sheet, who is left
 * out and why), Ctrl-S records it; a approves and d denies (the chief officer, refused by role
 * before the comment is asked), r runs a ready export (paper: printer or outbox; a file: to a
 * path). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "listview.h"
#include "meibo/auth.h"
#include "meibo/export.h"
#include "meibo/recipient.h"
#include "meibo/text.h"

#define PREVIEW_LINES 64

typedef struct export_row {
    int64_t id;
    char text[400];
    bool file;  /* leaves meibo as a file: run asks where */
    bool ready; /* approved, not yet run */
} export_row;

typedef struct exports {
    listview lv;
    int64_t described;       /* the export whose lines are below */
    char desc[12][700];      /* what it is: what the chief officer approves (規程 第16条) */
    int ndesc;
} exports;

static int add_row(const export_info *e, void *arg)
{
    exports *l = arg;
    export_row *r = lv_add(&l->lv, &(lv_pos){.id = e->id});
    if (!r)
        return 1;
    r->id = e->id;
    r->file = e->file_copy;
    r->ready = export_state_parse(e->status) == EXPORT_STATE_READY;
    char st[64], pu[64], me[64];
    snprintf(r->text, sizeof r->text, "%4lld %s %s %s %6lld  %s", (long long)e->id,
             tui_pad(lbl(LABEL_EXPORT_STATE, e->status), 16, st, sizeof st),
             tui_pad(e->purpose_name, 18, pu, sizeof pu),
             tui_pad(!strcmp(e->media, "electronic") ? lbl(LABEL_MEDIUM, "electronic")
                     : e->file_copy                  ? tr(T_EX_PAPER_FILE)
                                                     : lbl(LABEL_MEDIUM, "paper"),
                     12, me, sizeof me),
             (long long)e->counts.included, e->recipient);
    return 0;
}

/* A page of every export, newest first. */
static bool fetch(view *v, const lv_pos *from, bool backward, int limit)
{
    meibo_err err;
    meibo_err_clear(&err);
    if (export_page(v->t->ctx, from ? from->id : 0, backward, limit, add_row, v->priv, &err)) {
        tui_err(v->t, &err);
        return false;
    }
    return true;
}

static void draw_row(view *v, WINDOW *w, int y, int cols, const void *row, bool cur)
{
    (void)v;
    (void)cur;
    draw_text(w, y, 1, cols - 1, ((const export_row *)row)->text, A_NORMAL);
}

static const lv_source export_rows = {
    .row_size = sizeof(export_row),
    .fetch = fetch,
    .draw = draw_row,
};

static const export_row *current(const exports *l)
{
    return lv_current(&l->lv);
}

static void reload(view *v)
{
    exports *l = v->priv;
    l->described = 0;
    lv_refresh(&l->lv);
}

view *exports_open(tui *t)
{
    exports *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    view *v = tui_push(t, &exports_ops, l);
    if (v) {
        snprintf(v->title, sizeof v->title, "%s", tr(T_EX_TITLE));
        lv_init(&l->lv, v, &export_rows);
        lv_reload(&l->lv);
    }
    return v;
}

/* The filters stored with an export ("status=active branch=東海 specialist=yes
 * joined_from=... joined_to=...") in words. */
static void filter_words(const char *filters, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    const char *p = filters ? filters : "";
    while (*p) {
        size_t n = strcspn(p, " ");
        const char *eq = memchr(p, '=', n);
        if (eq) {
            char key[32], value[300], words[400];
            snprintf(key, sizeof key, "%.*s", (int)(eq - p < 31 ? eq - p : 31), p);
            snprintf(value, sizeof value, "%.*s", (int)(n - (size_t)(eq - p) - 1), eq + 1);
            const char *label = key;
            snprintf(words, sizeof words, "%s", value);
            if (!strcmp(key, "status")) {
                label = tr(T_COL_STATUS);
                label_list(LABEL_MEMBER_STATUS, value, !tr_is_en(), words, sizeof words);
            } else if (!strcmp(key, "branch")) {
                label = tr(T_COL_BRANCH);
            } else if (!strcmp(key, "specialist")) {
                label = tr(T_EX_SPECIALIST);
                snprintf(words, sizeof words, "%s",
                         tr(!strcmp(value, "yes") ? T_SPEC_YES : T_SPEC_NO));
            } else if (!strcmp(key, "joined_from")) {
                label = tr(T_EX_JOINED_FROM);
            } else if (!strcmp(key, "joined_to")) {
                label = tr(T_EX_JOINED_TO);
            }
            used += (size_t)snprintf(buf + used, used < len ? len - used : 0, "%s%s：%s",
                                     used ? "　" : "", label, words);
            if (used >= len)
                return;
        }
        p += n;
        while (*p == ' ')
            p++;
    }
}

static int describe_row(const export_info *e, void *arg)
{
    view *v = arg;
    exports *l = v->priv;
    tui *t = v->t;
    int n = 0;
#define LINE(...)                                                                             \
    do {                                                                                      \
        if (n < 12)                                                                           \
            snprintf(l->desc[n++], sizeof l->desc[0], __VA_ARGS__);                           \
    } while (0)
    /* the recipient with its category (規程 第20条第3項, 取扱規程 第4条) from the register */
    recipient_rec *rec = calloc(1, sizeof *rec);
    meibo_err err;
    meibo_err_clear(&err);
    bool known = rec && !recipient_resolve(t->ctx, e->recipient, NULL, rec, &err);
    LINE("%s %lld  %s・%s %s %s", tr(T_EX_NUMBER), (long long)e->id,
         lbl(LABEL_EXPORT_STATE, e->status), tr(T_EX_REQUESTED_BY), e->requested_by,
         e->requested_at);
    if (known)
        LINE("%s：%s（%s %s）", tr(T_EX_RECIPIENT), e->recipient,
             lbl(LABEL_CATEGORY, rec->category), rec->category_article);
    else
        LINE("%s：%s", tr(T_EX_RECIPIENT), e->recipient);
    free(rec);
    export_purpose *pu = calloc(1, sizeof *pu);
    char purposes[400] = "";
    if (pu && !export_purpose_load(t->ctx, e->purpose, pu, &err))
        label_list(LABEL_PURPOSE, pu->policy_purposes, !tr_is_en(), purposes, sizeof purposes);
    LINE("%s：%s（%s）%s%s", tr(T_EX_PURPOSE), e->purpose_name, pu ? pu->article : "",
         *purposes ? "　第20条第1項：" : "", purposes);
    free(pu);
    char cols[600] = "";
    size_t used = 0;
    for (const char *c = e->columns; c && *c;) {
        size_t k = strcspn(c, ",");
        char code[40];
        snprintf(code, sizeof code, "%.*s", (int)(k < 39 ? k : 39), c);
        const export_column *col = export_column_find(code);
        used += (size_t)snprintf(cols + used, used < sizeof cols ? sizeof cols - used : 0, "%s%s",
                                 used ? "、" : "", col ? col->header : code);
        c += k;
        if (*c == ',')
            c++;
    }
    char items[40];
    snprintf(items, sizeof items, "%s", e->items ? e->items : "");
    for (char *c = items; *c; c++)
        if (*c == ',')
            *c = '/';
    LINE("%s：%s（第20条第1項 %s）", tr(T_EX_COLUMNS), cols, items);
    char filters[600];
    filter_words(e->filters, filters, sizeof filters);
    LINE("%s：%s", tr(T_EX_FILTERS), filters);
    LINE("%s %lld%s　%s：%s %lld、%s %lld、%s %lld", tr(T_EX_INCLUDED),
         (long long)e->counts.included, tr(T_EX_PERSONS), tr(T_EX_EXCLUDED), tr(T_EX_WHY_STATUS),
         (long long)e->counts.excluded_status, tr(T_EX_WHY_OPTOUT),
         (long long)e->counts.excluded_optout, tr(T_EX_WHY_CONSENT),
         (long long)e->counts.excluded_consent);
    LINE("%s %s（%s %lld）　%s：%s", tr(T_EX_PLEDGE_WORD),
         e->pledge_document && *e->pledge_document ? e->pledge_document : "-", tr(T_EX_NUMBER_OF),
         (long long)e->pledge_id, tr(T_IQ_MEDIUM),
         !strcmp(e->media, "electronic") ? lbl(LABEL_MEDIUM, "electronic")
         : e->file_copy                  ? tr(T_EX_COPY)
                                         : lbl(LABEL_MEDIUM, "paper"));
    if (e->decided_by && *e->decided_by)
        LINE("%s %s %s%s%s", tr(T_EX_DECIDED_BY), e->decided_by, e->decided_at ? e->decided_at : "",
             e->decide_comment && *e->decide_comment ? "　" : "",
             e->decide_comment ? e->decide_comment : "");
#undef LINE
    l->ndesc = n;
    return 0;
}

static void describe(view *v)
{
    exports *l = v->priv;
    if (!current(l)) {
        l->ndesc = 0;
        l->described = 0;
        return;
    }
    if (l->described == current(l)->id)
        return;
    l->described = current(l)->id;
    l->ndesc = 0;
    meibo_err err;
    meibo_err_clear(&err);
    if (export_show(v->t->ctx, l->described, describe_row, v, &err))
        tui_err(v->t, &err);
}

static void exports_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    exports *l = v->priv;
    tui *t = v->t;
    draw_text(w, top, 1, cols - 2, tr(T_EX_COLS), tui_attr(t, EL_HEADER));
    if (!l->lv.n)
        draw_text(w, top + 2, 3, cols - 6, tr(T_EX_EMPTY), A_NORMAL);
    describe(v);
    int below = 0; /* rows the description takes, wrapped */
    for (int i = 0; i < l->ndesc; i++)
        below += draw_wrap_rows(cols - 2, l->desc[i]);
    /* the two rows a question takes stay free: the chief reads all of it while answering */
    int list = rows - 1 - (l->ndesc ? below + 1 + 2 : 0);
    if (list < 3)
        list = 3;
    lv_draw(&l->lv, w, top + 1, list, cols);
    if (l->ndesc) {
        int y = top + 1 + list;
        draw_hline(w, y++, 0, cols, A_NORMAL);
        for (int i = 0; i < l->ndesc && y < top + rows; i++)
            y += draw_wrap(w, y, 1, cols - 2, top + rows - y, l->desc[i],
                           i ? A_NORMAL : tui_attr(t, EL_GROUP));
    }
    wmove(w, LINES - 1, COLS - 1);
}

/* --- decisions and runs on the selected export --- */

static void decided(view *under, const char *comment, bool approve)
{
    exports *l = under->priv;
    tui *t = under->t;
    meibo_err err;
    meibo_err_clear(&err);
    if (!current(l))
        return;
    int64_t id = current(l)->id;
    if (export_decide(t->ctx, id, approve, comment, &err)) {
        tui_err(t, &err);
        return;
    }
    tui_msg(t, EL_NOTICE, "%s %lld: %s", tr(T_EX_NUMBER), (long long)id,
            approve ? tr(T_AP_APPROVED) : tr(T_AP_DENIED));
    reload(under);
}

static void approve_answered(view *under, const char *comment, void *arg)
{
    (void)arg;
    decided(under, comment, true);
}

static void deny_answered(view *under, const char *comment, void *arg)
{
    (void)arg;
    decided(under, comment, false);
}

static void run_answered(view *under, const char *answer, void *arg)
{
    exports *l = under->priv;
    tui *t = under->t;
    bool file = arg != NULL;
    if ((!file && strcmp(answer, "y") != 0) || !current(l))
        return;
    meibo_err err;
    meibo_err_clear(&err);
    export_result *r = calloc(1, sizeof *r);
    if (!r)
        return;
    int64_t id = current(l)->id;
    if (export_run(t->ctx, &t->cfg, id, file && *answer ? answer : NULL, r, &err))
        tui_err(t, &err);
    else
        tui_msg(t, EL_NOTICE, "%s %lld: %lld%s %s", tr(T_EX_NUMBER), (long long)id,
                (long long)r->counts.included, tr(T_EX_PERSONS), r->sheet.where);
    free(r);
    reload(under);
}

/* --- a new request: the fields, the preview --- */

#define PREVIEW_SHOWN 20 /* members listed of each kind: on the sheet, left off */

typedef struct export_form {
    fieldset fs;
    char preview[PREVIEW_LINES][300];
    int npreview;
    char on[PREVIEW_SHOWN][300], off[PREVIEW_SHOWN][300];
    int non, noff;
} export_form;

static int purpose_choice(const export_purpose *p, void *arg)
{
    char label[400];
    snprintf(label, sizeof label, "%s（%s）", p->name, p->article);
    fields_add_choice(arg, p->code, label);
    return 0;
}

static view *export_form_open(tui *t)
{
    export_form *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    fieldset *fs = &p->fs;
    field *f = fields_choice(fs, "purpose", tr(T_EX_PURPOSE));
    meibo_err err;
    meibo_err_clear(&err);
    if (export_purposes(t->ctx, purpose_choice, f, &err)) {
        tui_err(t, &err);
        free(p);
        return NULL;
    }
    fields_text(fs, "recipient", tr(T_EX_RECIPIENT), "");
    fields_text(fs, "pledge", tr(T_EX_PLEDGE), "");
    f = fields_choice(fs, "media", tr(T_IQ_MEDIUM));
    fields_add_choice(f, "paper", tr(T_IQ_PAPER));
    fields_add_choice(f, "copy", tr(T_EX_COPY));
    fields_add_choice(f, "electronic", tr(T_IQ_ELECTRONIC));
    fields_text(fs, "branch", tr(T_COL_BRANCH), "");
    f = fields_choice(fs, "specialist", tr(T_EX_SPECIALIST));
    fields_add_choice(f, "", tr(T_SPEC_ANY));
    fields_add_choice(f, "yes", tr(T_SPEC_YES));
    fields_add_choice(f, "no", tr(T_SPEC_NO));
    fields_text(fs, "joined_from", tr(T_EX_JOINED_FROM), "");
    fields_text(fs, "joined_to", tr(T_EX_JOINED_TO), "");
    view *v = tui_push(t, &export_form_ops, p);
    if (v)
        snprintf(v->title, sizeof v->title, "%s", tr(T_EX_NEW));
    return v;
}

/* The form's values as a spec; strings live in @p s. */
typedef struct form_values {
    char purpose[40], recipient[400], pledge[40], media[16], branch[200], specialist[8];
    char from[40], to[40];
} form_values;

/* The pledge field: blank (none) or a positive number; false for anything else ("12x"). */
static bool pledge_number(const char *s, int64_t *id)
{
    while (*s == ' ')
        s++;
    *id = 0;
    if (!*s)
        return true;
    if (*s < '0' || *s > '9')
        return false;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    while (*end == ' ')
        end++;
    if (*end || errno || v <= 0)
        return false;
    *id = v;
    return true;
}

/* false (the pledge field focused, the error shown) when the pledge number is not one */
static bool form_spec(export_form *p, tui *t, form_values *s, export_spec *spec)
{
    fields_get(&p->fs, "purpose", s->purpose, sizeof s->purpose);
    fields_get(&p->fs, "recipient", s->recipient, sizeof s->recipient);
    fields_get(&p->fs, "pledge", s->pledge, sizeof s->pledge);
    fields_get(&p->fs, "media", s->media, sizeof s->media);
    fields_get(&p->fs, "branch", s->branch, sizeof s->branch);
    fields_get(&p->fs, "specialist", s->specialist, sizeof s->specialist);
    fields_get(&p->fs, "joined_from", s->from, sizeof s->from);
    fields_get(&p->fs, "joined_to", s->to, sizeof s->to);
    memset(spec, 0, sizeof *spec);
    spec->purpose = s->purpose;
    spec->recipient = s->recipient;
    if (!pledge_number(s->pledge, &spec->pledge_id)) {
        fields_focus(&p->fs, "pledge");
        tui_msg(t, EL_ERROR, "%s", tr(T_EX_PLEDGE_BAD));
        return false;
    }
    spec->media = !strcmp(s->media, "electronic") ? DECIDE_MEDIA_ELECTRONIC : DECIDE_MEDIA_PAPER;
    spec->file_copy = !strcmp(s->media, "copy");
    spec->filter.branch = s->branch;
    spec->filter.specialist = !strcmp(s->specialist, "yes") ? 1 : !strcmp(s->specialist, "no") ? 0 : -1;
    spec->filter.joined_from = s->from;
    spec->filter.joined_to = s->to;
    return true;
}

static int preview_member(const export_excluded *e, void *arg)
{
    export_form *p = arg;
    if (!*e->reason) { /* on the sheet */
        if (p->non < PREVIEW_SHOWN)
            snprintf(p->on[p->non++], sizeof p->on[0], "  %s %s", e->member_no, e->name);
        return 0;
    }
    if (p->noff >= PREVIEW_SHOWN)
        return 0;
    const char *why = !strcmp(e->reason, "optout")      ? tr(T_EX_WHY_OPTOUT)
                      : !strcmp(e->reason, "consent")   ? tr(T_EX_WHY_CONSENT)
                      : !strcmp(e->reason, "suspended") ? tr(T_EX_WHY_SUSPENDED)
                                                        : tr(T_EX_WHY_STATUS);
    snprintf(p->off[p->noff++], sizeof p->off[0], "  %s %s  %s（%s）", e->member_no, e->name,
             why, e->article);
    return 0;
}

/* The preview's members after its summary: those on the sheet, then those left off. */
static void preview_lines(export_form *p, const export_counts *c)
{
    char head[300];
    snprintf(head, sizeof head, "%s（%lld%s%s）:", tr(T_EX_ON_SHEET), (long long)c->included,
             tr(T_EX_PERSONS), c->included > p->non ? tr(T_EX_FIRST_SHOWN) : "");
    snprintf(p->preview[p->npreview++], sizeof p->preview[0], "%s", head);
    for (int i = 0; i < p->non && p->npreview < PREVIEW_LINES; i++)
        memcpy(p->preview[p->npreview++], p->on[i], sizeof p->on[i]); /* both 300 bytes */
    if (!p->noff || p->npreview >= PREVIEW_LINES)
        return;
    snprintf(p->preview[p->npreview++], sizeof p->preview[0], "%s:", tr(T_EX_EXCLUDED));
    for (int i = 0; i < p->noff && p->npreview < PREVIEW_LINES; i++)
        memcpy(p->preview[p->npreview++], p->off[i], sizeof p->off[i]);
}

static void preview(view *v)
{
    export_form *p = v->priv;
    form_values s;
    export_spec spec;
    if (!form_spec(p, v->t, &s, &spec))
        return;
    export_preview pv;
    meibo_err err;
    meibo_err_clear(&err);
    p->npreview = 3; /* the summary lines first, the members after */
    p->non = p->noff = 0;
    if (export_preview_all(v->t->ctx, &spec, &pv, preview_member, p, &err)) {
        p->npreview = 0;
        fields_focus(&p->fs, err.field[0] ? err.field : NULL);
        tui_err(v->t, &err);
        return;
    }
    snprintf(p->preview[0], sizeof p->preview[0], "%s %lld%s  %s: %s %lld, %s %lld, %s %lld",
             tr(T_EX_INCLUDED), (long long)pv.counts.included, tr(T_EX_PERSONS), tr(T_EX_EXCLUDED),
             tr(T_EX_WHY_STATUS), (long long)pv.counts.excluded_status, tr(T_EX_WHY_OPTOUT),
             (long long)pv.counts.excluded_optout, tr(T_EX_WHY_CONSENT),
             (long long)pv.counts.excluded_consent);
    if (pv.counts.excluded_suspended) { /* 第23条第2項 */
        size_t used = strlen(p->preview[0]);
        snprintf(p->preview[0] + used, sizeof p->preview[0] - used, ", %s %lld",
                 tr(T_EX_WHY_SUSPENDED), (long long)pv.counts.excluded_suspended);
    }
    char line[1600];
    snprintf(line, sizeof line, "%s %s", tr(T_EX_PLEDGE),
             pv.pledge_ok ? (*pv.pledge_document ? pv.pledge_document : "-") : pv.pledge_problem);
    text_copy_cut(p->preview[1], sizeof p->preview[1], line);
    snprintf(p->preview[2], sizeof p->preview[2], "%s",
             pv.needs_approval ? tr(T_EX_NEEDS_APPROVAL) : tr(T_EX_PAPER_READY));
    preview_lines(p, &pv.counts);
}

static void export_form_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    export_form *p = v->priv;
    int nf = p->fs.n;
    fields_draw(&p->fs, v->t, w, top, nf < rows ? nf : rows, cols);
    int y = top + nf;
    if (p->npreview && y < top + rows) {
        draw_hline(w, y++, 0, cols, A_NORMAL);
        for (int i = 0; i < p->npreview && y < top + rows; i++, y++)
            draw_text(w, y, 1, cols - 2, p->preview[i], i == 0 ? A_BOLD : A_NORMAL);
    }
    const field *f = &p->fs.f[p->fs.cur];
    if (!f->choice)
        fields_draw(&p->fs, v->t, w, top, nf < rows ? nf : rows, cols); /* the cursor */
}

static int export_form_key(view *v, tui_key k, tui_req req)
{
    export_form *p = v->priv;
    tui *t = v->t;
    if (req == REQ_DECIDE) {
        preview(v);
        return EV_HANDLED;
    }
    if (req == REQ_SAVE) {
        form_values s;
        export_spec spec;
        if (!form_spec(p, t, &s, &spec))
            return EV_HANDLED;
        int64_t id;
        export_preview pv;
        meibo_err err;
        meibo_err_clear(&err);
        if (export_request(t->ctx, &spec, &id, &pv, &err)) {
            fields_focus(&p->fs, err.field[0] ? err.field : NULL);
            tui_err(t, &err);
            return EV_HANDLED;
        }
        tui_pop(t);
        tui_msg(t, EL_NOTICE, "%s %lld: %lld%s, %s", tr(T_EX_REQUESTED), (long long)id,
                (long long)pv.counts.included, tr(T_EX_PERSONS),
                pv.needs_approval ? tr(T_EX_NEEDS_APPROVAL) : tr(T_EX_PAPER_READY));
        return EV_HANDLED;
    }
    if (req == REQ_BACK)
        return EV_HANDLED | EV_CLOSE;
    return fields_key(&p->fs, k, req) ? EV_HANDLED : EV_NONE;
}

static const char *export_form_hints(view *v)
{
    (void)v;
    return tr(T_EX_FORM_HINTS);
}

static void free_priv(view *v)
{
    free(v->priv);
}

const view_ops export_form_ops = {
    .name = "export-form",
    .keymap = KM_FORM,
    .may_change = true,
    .draw = export_form_draw,
    .key = export_form_key,
    .hints = export_form_hints,
    .done = free_priv,
};

static void exports_done(view *v)
{
    exports *l = v->priv;
    lv_free(&l->lv);
    free(l);
}

static int exports_key(view *v, tui_key k, tui_req req)
{
    exports *l = v->priv;
    tui *t = v->t;
    (void)k;
    if (lv_key(&l->lv, req))
        return EV_HANDLED;
    const export_row *r = current(l);
    switch (req) {
    case REQ_ADD:
        export_form_open(t);
        return EV_HANDLED;
    case REQ_APPROVE:
    case REQ_DENY: {
        /* refused before the reason is asked for (issue 14) */
        meibo_err err;
        meibo_err_clear(&err);
        if (auth_require(t->ctx, MEIBO_ROLE_CHIEF, "decide an export", &err)) {
            tui_err(t, &err);
            return EV_HANDLED;
        }
        if (r)
            prompt_text(t, tr(req == REQ_APPROVE ? T_AP_APPROVE_Q : T_AP_DENY_Q), "",
                        req == REQ_APPROVE ? approve_answered : deny_answered, NULL);
        return EV_HANDLED;
    }
    case REQ_RUN:
        if (!r)
            return EV_HANDLED;
        if (!r->ready) {
            /* only an approved export runs: said before the file is asked for (issue 14) */
            tui_msg(t, EL_ERROR, "%s", tr(T_EX_NOT_READY));
            return EV_HANDLED;
        }
        if (r->file)
            prompt_text(t, tr(T_EX_RUN_FILE_Q), "", run_answered, (void *)1);
        else
            prompt_yesno(t, tr(T_EX_RUN_Q), run_answered, NULL);
        return EV_HANDLED;
    default:
        return EV_NONE;
    }
}

static const char *exports_hints(view *v)
{
    (void)v;
    return tr(T_EX_HINTS);
}

const view_ops exports_ops = {
    .name = "exports",
    .keymap = KM_EXPORTS,
    .draw = exports_draw,
    .key = exports_key,
    .resume = reload,
    .hints = exports_hints,
    .done = exports_done,
};

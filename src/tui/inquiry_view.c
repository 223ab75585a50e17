/* inquiry_view.c: a third party asks about a member (規程 第19–21条). The fields follow a
 * telephone call: who is calling and how it reached us, who they are and whether that was
 * checked, what for, which member, which items, how the answer goes out. F5 shows the
 * decision with its reasons and articles without recording anything; Ctrl-S records the
 * inquiry and its decision (a hold goes to the chief officer's approvals). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "meibo/inquiry.h"
#include "meibo/letter.h"
#include "meibo/policy.h"

#define RESULT_LINES 24

typedef struct inquiry_view {
    fieldset fs;
    char result[RESULT_LINES][700];
    int nresult;
    int64_t recorded; /* the inquiry number once recorded */
    bool wants_pledge; /* recorded and held until a pledge is on file */
} inquiry_view;

const char *lbl(label_kind kind, const char *code)
{
    return label_text(kind, code, !tr_is_en());
}

const char *outcome_label(const char *outcome)
{
    return lbl(LABEL_OUTCOME, outcome);
}

static void result_add(inquiry_view *q, const char *s)
{
    if (q->nresult < RESULT_LINES)
        snprintf(q->result[q->nresult++], sizeof q->result[0], "%s", s);
}

static void choices2(field *f, const char *c1, tui_text l1, const char *c2, tui_text l2)
{
    fields_add_choice(f, c1, tr(l1));
    fields_add_choice(f, c2, tr(l2));
}

view *inquiry_open(tui *t, const char *member_no)
{
    inquiry_view *q = calloc(1, sizeof *q);
    decide_policy *pol = calloc(1, sizeof *pol);
    meibo_err err;
    meibo_err_clear(&err);
    if (!q || !pol || policy_load(t->ctx, 0, pol, &err)) {
        if (q && pol)
            tui_err(t, &err);
        free(q);
        free(pol);
        return NULL;
    }
    fieldset *fs = &q->fs;
    char today[16];
    db_today(t->ctx, today, sizeof today);
    fields_text(fs, "received_on", tr(T_IQ_RECEIVED), today);
    field *f = fields_choice(fs, "channel", tr(T_IQ_CHANNEL));
    static const char *const ch[] = {"phone", "letter", "fax", "email", "counter"};
    for (int i = 0; i < 5; i++)
        fields_add_choice(f, ch[i], lbl(LABEL_CHANNEL, ch[i]));
    fields_text(fs, "requester", tr(T_IQ_REQUESTER), "");
    fields_text(fs, "organization", tr(T_IQ_ORGANIZATION), "");
    fields_text(fs, "contact", tr(T_IQ_CONTACT), "");
    f = fields_choice(fs, "category", tr(T_IQ_CATEGORY));
    for (int i = 0; i < pol->ncategories; i++) {
        /* a clause that names two bodies (第20条第4項(c): 興信所や報道機関) is one text for two
         * categories: each is shown once, in its own words */
        const decide_category *c = &pol->categories[i];
        bool shared = false;
        for (int j = 0; j < pol->ncategories; j++)
            shared |= j != i && !strcmp(pol->categories[j].text, c->text);
        const char *words = shared && label_known(LABEL_CATEGORY, c->code)
                                ? lbl(LABEL_CATEGORY, c->code)
                                : c->text;
        char label[200];
        snprintf(label, sizeof label, "%s%s (%s)", c->permitted ? "" : "✕ ", words, c->article);
        fields_add_choice(f, c->code, label);
    }
    f = fields_choice(fs, "identity", tr(T_IQ_IDENTITY));
    choices2(f, "unverified", T_IQ_UNVERIFIED, "verified", T_IQ_VERIFIED);
    fields_text(fs, "identity_check", tr(T_IQ_IDENTITY_CHECK), "");
    f = fields_choice(fs, "purpose", tr(T_IQ_PURPOSE));
    for (int i = 0; i < pol->npurposes; i++)
        fields_add_choice(f, pol->purposes[i].code, pol->purposes[i].text);
    fields_add_choice(f, "", tr(T_IQ_NO_PURPOSE)); /* the grounds of 第19条第1項, 第22条 */
    fields_text(fs, "legal_basis", tr(T_IQ_LEGAL_BASIS), "")->hint = tr(T_IQ_LEGAL_HINT);
    fields_text(fs, "legal_document", tr(T_IQ_LEGAL_DOC), "")->hint = tr(T_IQ_LEGAL_DOC_HINT);
    f = fields_choice(fs, "emergency", tr(T_IQ_EMERGENCY));
    choices2(f, "no", T_NO, "yes", T_YES);
    fields_text(fs, "member_no", tr(T_COL_NO), member_no ? member_no : "");
    fields_text(fs, "name", tr(T_IQ_NAME), "")->hint = tr(T_IQ_NAME_HINT);
    fields_text(fs, "birth_date", tr(T_IQ_BIRTH_DATE), "");
    fields_text(fs, "facility", tr(T_COL_FACILITY), "");
    fields_text(fs, "items", tr(T_IQ_ITEMS), "")->hint = tr(T_IQ_ITEMS_HINT);
    f = fields_choice(fs, "method", tr(T_IQ_METHOD));
    choices2(f, "written", T_IQ_WRITTEN, "other", T_IQ_OTHER);
    f = fields_choice(fs, "medium", tr(T_IQ_MEDIUM));
    choices2(f, "paper", T_IQ_PAPER, "electronic", T_IQ_ELECTRONIC);
    free(pol);
    fs->cur = 2;
    view *v = tui_push(t, &inquiry_ops, q);
    if (v)
        snprintf(v->title, sizeof v->title, "%s", tr(T_IQ_TITLE));
    return v;
}

#define REQUEST_FIELDS 19

/* The request from the fields; the strings live in @p store. A statute (第19条第1項第1号) or
 * an emergency (第19条第1項第2号) is the ground itself: the purpose field is not sent then. */
static void request_of(inquiry_view *q, inquiry_request *r, char store[][400])
{
    static const char *const names[REQUEST_FIELDS] = {
        "received_on", "channel", "requester",   "organization", "contact", "category",
        "identity",    "identity_check", "purpose", "legal_basis", "emergency", "member_no",
        "name",        "birth_date", "facility", "items",        "method",  "medium",
        "legal_document"};
    for (int i = 0; i < REQUEST_FIELDS; i++)
        fields_get(&q->fs, names[i], store[i], 400);
    bool other_ground = store[9][0] || !strcmp(store[10], "yes");
    *r = (inquiry_request){
        .received_on = store[0], .channel = store[1], .requester = store[2],
        .organization = store[3], .contact = store[4], .category = store[5],
        .identity = store[6], .identity_check = store[7],
        .purpose = other_ground ? NULL : store[8], .legal_basis = store[9],
        .legal_document = store[18], .emergency = !strcmp(store[10], "yes"),
        .member_no = store[11][0] ? store[11] : NULL, .name = store[12][0] ? store[12] : NULL,
        .birth_date = store[13][0] ? store[13] : NULL, .facility = store[14][0] ? store[14] : NULL,
        .items = store[15], .method = store[16], .medium = store[17],
    };
}

static void show_result(inquiry_view *q, const inquiry_result *res)
{
    const decide_result *d = &res->decision;
    char line[700], prov[16], req[16];
    q->nresult = 0;
    decide_items_format(d->provided, prov, sizeof prov);
    decide_items_format(d->requested, req, sizeof req);
    if (res->inquiry_id)
        snprintf(line, sizeof line, "%s %lld  %s: %s  %s: %s / %s", tr(T_IQ_NUMBER),
                 (long long)res->inquiry_id, tr(T_IQ_OUTCOME),
                 outcome_label(decide_outcome_name(d->outcome)), tr(T_IQ_PROVIDED),
                 prov[0] ? prov : "-", req);
    else
        snprintf(line, sizeof line, "%s: %s  %s: %s / %s  (%s)", tr(T_IQ_OUTCOME),
                 outcome_label(decide_outcome_name(d->outcome)), tr(T_IQ_PROVIDED),
                 prov[0] ? prov : "-", req, tr(T_IQ_NOT_RECORDED));
    result_add(q, line);
    for (int i = 0; i < d->nreasons; i++) {
        snprintf(line, sizeof line, "・%s %s", d->reasons[i].article, d->reasons[i].text);
        result_add(q, line);
    }
}

static int run(view *v, bool record)
{
    inquiry_view *q = v->priv;
    tui *t = v->t;
    if (q->recorded && record) {
        tui_msg(t, EL_NOTICE, "%s", tr(T_IQ_ALREADY));
        return EV_HANDLED;
    }
    char store[REQUEST_FIELDS][400];
    inquiry_request r;
    request_of(q, &r, store);
    inquiry_result res;
    meibo_err err;
    meibo_err_clear(&err);
    memset(&res, 0, sizeof res);
    meibo_status st = record ? inquiry_add(t->ctx, &r, &res, &err)
                             : inquiry_decide(t->ctx, &r, &res, &err);
    if (st) {
        fields_focus(&q->fs, err.field[0] ? err.field : NULL);
        tui_err(t, &err);
        return EV_HANDLED;
    }
    q->fs.err_field[0] = '\0';
    show_result(q, &res);
    if (record) {
        q->recorded = res.inquiry_id;
        q->wants_pledge = res.decision.outcome == DECIDE_HOLD &&
                          (res.decision.hold & DECIDE_HOLD_PLEDGE);
        tui_msg(t, EL_NOTICE, "%s %lld (%s)", tr(T_IQ_RECORDED), (long long)res.inquiry_id,
                lbl(LABEL_INQUIRY_STATE, res.status));
    }
    return EV_HANDLED;
}

/* The letter of the recorded inquiry, or, while it waits for a pledge, the pledge form to
 * send the recipient (取扱規程 第6条): to the printer when one is configured, else into the
 * outbox folder (meibo.conf(5)); the core chooses the letter and logs where it went. */
static int print_letter(view *v)
{
    inquiry_view *q = v->priv;
    if (!q->recorded)
        tui_msg(v->t, EL_ERROR, "%s", tr(T_IQ_PRINT_FIRST));
    else
        tui_print(v->t, q->wants_pledge ? TL_INQUIRY_PLEDGE : TL_INQUIRY, q->recorded);
    return EV_HANDLED;
}

static void inquiry_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    inquiry_view *q = v->priv;
    tui *t = v->t;
    /* the decision and its reasons wrapped, read whole (up to half the screen) */
    int res_rows = 0;
    for (int i = 0; i < q->nresult; i++)
        res_rows += draw_wrap_rows(cols - 2, q->result[i]);
    res_rows = res_rows < 1 ? 1 : res_rows > rows / 2 ? rows / 2 : res_rows;
    int form_rows = rows - res_rows - 2;
    /* the result, then the hint of the focused field, then the fields (cursor last) */
    int y = top + form_rows;
    draw_hline(w, y, 0, cols, A_NORMAL);
    const field *f = &q->fs.f[q->fs.cur];
    const char *hint = f->hint ? f->hint : f->choice && f->nchoices ? f->choices[f->sel].label : "";
    draw_text(w, y + 1, 1, cols - 2, hint, tui_attr(t, EL_MASKED));
    for (int i = 0, r = 0; i < q->nresult && r < res_rows; i++)
        r += draw_wrap(w, y + 2 + r, 1, cols - 2, res_rows - r, q->result[i],
                       i == 0 ? A_BOLD : A_NORMAL);
    fields_draw(&q->fs, t, w, top, form_rows, cols);
}

static int inquiry_key(view *v, tui_key k, tui_req req)
{
    inquiry_view *q = v->priv;
    if (req == REQ_DECIDE)
        return run(v, false);
    if (req == REQ_SAVE)
        return run(v, true);
    if (req == REQ_PRINT)
        return print_letter(v);
    if (req == REQ_BACK && q->fs.edited && !q->recorded) {
        /* typed during a telephone call: one Esc does not lose it */
        prompt_discard(v, tr(T_IQ_DISCARD));
        return EV_HANDLED;
    }
    if (req == REQ_BACK)
        return EV_HANDLED | EV_CLOSE;
    if (!q->recorded && fields_key(&q->fs, k, req))
        return EV_HANDLED;
    return EV_NONE;
}

static const char *inquiry_hints(view *v)
{
    (void)v;
    return tr(T_IQ_HINTS);
}

static void inquiry_done(view *v)
{
    free(v->priv);
}

const view_ops inquiry_ops = {
    .name = "inquiry",
    .keymap = KM_FORM,
    .draw = inquiry_draw,
    .key = inquiry_key,
    .hints = inquiry_hints,
    .done = inquiry_done,
};

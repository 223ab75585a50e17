/* requests.c: the members' rights requests (規程 第22–23条): the open ones by due date, the
 * overdue marked ! and those due within 3 days ~; Enter shows one; n records a new request,
 * d its decision (full by a clerk; partial or none with a reason by the chief officer: the core
 * refuses anyone else), p prints the notice to the member (第22条第5項), c completes it once the
 * notice went out, a shows the completed ones too. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "listview.h"
#include "meibo/request.h"
#include "meibo/provision.h"
#include "meibo/rights_letter.h"
#include "meibo/text.h"

#define DETAIL_LINES 14
#define REASONS_MAX 16
#define SETS_MAX 16

typedef struct request_row {
    int64_t id;
    char text[400];
    char status[12];
    char member_no[16];
    int kind;
    bool overdue, soon;
} request_row;

typedef struct requests {
    listview lv;
    bool all;
    char detail[DETAIL_LINES][700];
    int ndetail;
    /* the decision being asked for, one prompt after another */
    int64_t deciding;
    int deciding_kind;
    char deciding_member[16];
    bool have_decision, have_reason, have_withhold, have_sets, have_note;
    char decision[12], reason[32], withhold[400], sets[800], note[800];
    char reason_rows[REASONS_MAX][300];
    char reason_codes[REASONS_MAX][32];
    int nreasons;
    char statute_rows[REASONS_MAX][400]; /* the member's provisions under a statute */
    int64_t statute_ids[REASONS_MAX];
    int nstatute;
} requests;

static const char *status_label(const char *code)
{
    return lbl(LABEL_REQUEST_STATE, code);
}

static const char *channel_label(const char *code)
{
    return lbl(LABEL_CHANNEL, code);
}

static const char *identity_label(const char *code)
{
    int i = request_identity_parse(code);
    return i < 0 || tr_is_en() ? code : request_identity_ja((request_identity)i);
}

static int add_row(const request_info *r, void *arg)
{
    requests *l = arg;
    request_row *row = lv_add(&l->lv, &(lv_pos){.id = r->id});
    if (!row)
        return 1;
    row->id = r->id;
    row->kind = r->kind;
    row->overdue = r->overdue;
    row->soon = r->due_soon;
    text_copy_cut(row->status, sizeof row->status, r->status);
    text_copy_cut(row->member_no, sizeof row->member_no, r->member_no ? r->member_no : "");
    char name[200], st[64], kind[96], who[96];
    snprintf(name, sizeof name, "%s %s", r->family_name ? r->family_name : "",
             r->given_name ? r->given_name : "");
    snprintf(row->text, sizeof row->text, "%4" PRId64 " %s %s %c %s %-8s %s %s", r->id,
             tui_pad(status_label(r->status), 6, st, sizeof st), r->due_on,
             r->overdue ? '!' : r->due_soon ? '~' : ' ',
             tui_pad(tr_is_en() ? r->kind_code : request_kind_ja(r->kind), 14, kind, sizeof kind),
             r->member_no, tui_pad(name, 12, who, sizeof who), lbl(LABEL_REQUEST_DECISION, r->decision));
    return 0;
}

/* A page of the open requests (a: also the completed ones), by due date. */
static bool fetch(view *v, const lv_pos *from, bool backward, int limit)
{
    requests *l = v->priv;
    meibo_err err;
    meibo_err_clear(&err);
    if (request_page(v->t->ctx, l->all, from ? from->id : 0, backward, limit, add_row, l, &err)) {
        tui_err(v->t, &err);
        return false;
    }
    return true;
}

static void draw_row(view *v, WINDOW *w, int y, int cols, const void *row, bool cur)
{
    const request_row *r = row;
    tui *t = v->t;
    (void)cur;
    draw_text(w, y, 1, cols - 1, r->text,
              r->overdue ? tui_attr(t, EL_ERROR) : r->soon ? tui_attr(t, EL_NOTICE) : A_NORMAL);
}

static const lv_source request_rows = {
    .row_size = sizeof(request_row),
    .keep_row = true, /* the cursor stays on its request */
    .fetch = fetch,
    .draw = draw_row,
};

static const request_row *current(const requests *l)
{
    return lv_current(&l->lv);
}

static void reload(view *v)
{
    requests *l = v->priv;
    l->ndetail = 0;
    lv_refresh(&l->lv);
}

view *requests_open(tui *t)
{
    requests *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    view *v = tui_push(t, &requests_ops, l);
    if (v) {
        snprintf(v->title, sizeof v->title, "%s", tr(T_RQ_TITLE));
        lv_init(&l->lv, v, &request_rows);
        lv_reload(&l->lv);
    }
    return v;
}

/* ---- one request, below the list ------------------------------------------------------------ */

#define LINE(...)                                                                             \
    do {                                                                                      \
        if (l->ndetail < DETAIL_LINES)                                                        \
            snprintf(l->detail[l->ndetail++], sizeof l->detail[0], __VA_ARGS__);              \
    } while (0)

static int add_detail(const request_info *r, void *arg)
{
    requests *l = arg;
    char days[64] = "", n[16];
    if (r->open) {
        snprintf(n, sizeof n, "%d", r->days_left < 0 ? -r->days_left : r->days_left);
        tr_fill(days, sizeof days, r->days_left < 0 ? T_RQ_OVERDUE : T_RQ_DUE_IN, n, NULL);
    }
    LINE("%s %" PRId64 "  %s（%s）  %s  %s %s %s", tr_is_en() ? "Request" : "請求番号", r->id,
         request_kind_ja(r->kind), request_kind_article(r->kind), status_label(r->status),
         tr_is_en() ? "due" : "期限", r->due_on, days);
    LINE("%s %s %s  %s %s %s", r->member_no, r->family_name ? r->family_name : "",
         r->given_name ? r->given_name : "", tr_is_en() ? "received" : "受付", r->received_on,
         channel_label(r->channel));
    LINE("%s: %s%s%s  %s: %s", tr(T_RQ_IDENTITY), identity_label(r->identity),
         *r->identity_note ? " " : "", r->identity_note, tr(T_RQ_DOCUMENT),
         *r->document_no ? r->document_no : "-");
    if (*r->agent)
        LINE("%s: %s  %s: %s", tr(T_RQ_AGENT), r->agent, tr(T_RQ_AGENT_PROOF),
             *r->agent_proof ? r->agent_proof : "-");
    LINE("%s: %" PRId64 "  %s: %s", tr(T_RQ_FEE), r->fee_yen, tr(T_RQ_CONTENT),
         *r->content ? r->content : "-");
    if (r->redo)
        LINE("%s", tr(T_RQ_REDO));
    if (r->decision) {
        LINE("%s: %s (%s %s)%s%s%s%s", tr(T_RQ_DECISION_Q), lbl(LABEL_REQUEST_DECISION, r->decision),
             r->decided_on,
             r->decided_by, r->reason_article ? "  " : "",
             r->reason_article ? r->reason_article : "", r->reason_text ? " " : "",
             r->reason_text ? r->reason_text : "");
        if (*r->decision_note)
            LINE("  %s", r->decision_note);
        if (*r->withheld)
            LINE("  %s: %s", tr_is_en() ? "withheld" : "開示しない項目", r->withheld);
        if (*r->changed_fields) {
            char ch[600];
            LINE("  %s: %s", tr_is_en() ? "changed" : "訂正した項目",
                 label_list(LABEL_FIELD, r->changed_fields, !tr_is_en(), ch, sizeof ch));
        }
        LINE("  %s %s  %s %s", tr_is_en() ? "notified" : "通知", r->notified_on ? r->notified_on : "-",
             tr_is_en() ? "completed" : "完了", r->completed_on ? r->completed_on : "-");
    }
    return 0;
}

static void show(view *v)
{
    requests *l = v->priv;
    l->ndetail = 0;
    if (!current(l))
        return;
    meibo_err err;
    meibo_err_clear(&err);
    if (request_show(v->t->ctx, current(l)->id, add_detail, l, &err))
        tui_err(v->t, &err);
}

static void requests_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    requests *l = v->priv;
    tui *t = v->t;
    int detail_rows = 0; /* the detail wrapped: its reasons are read whole */
    for (int i = 0; i < l->ndetail; i++)
        detail_rows += draw_wrap_rows(cols - 2, l->detail[i]);
    int list = l->ndetail ? rows - detail_rows - 2 : rows - 1;
    if (list < 3)
        list = 3;
    draw_text(w, top, 1, cols - 2, tr(T_RQ_COLS), tui_attr(t, EL_HEADER));
    if (!l->lv.n)
        draw_text(w, top + 2, 3, cols - 6, tr(T_RQ_EMPTY), A_NORMAL);
    lv_draw(&l->lv, w, top + 1, list, cols);
    if (l->ndetail) {
        int y = top + 1 + list;
        draw_hline(w, y, 0, cols, A_NORMAL);
        for (int i = 0, r = 0; i < l->ndetail && y + 1 + r < top + rows; i++)
            r += draw_wrap(w, y + 1 + r, 1, cols - 2, top + rows - y - 1 - r, l->detail[i],
                           i == 0 ? A_BOLD : A_NORMAL);
    }
    wmove(w, LINES - 1, COLS - 1);
}

/* ---- the decision, asked one piece at a time ------------------------------------------------ */

static void next_step(view *v);
static view *request_form_open(tui *t);

/* The decisions offered, in the order of their words on the prompt. */
static const request_grant decision_codes[] = {REQUEST_GRANT_FULL, REQUEST_GRANT_PARTIAL,
                                               REQUEST_GRANT_NONE};
static const tui_text decision_words[] = {T_RQ_FULL, T_RQ_PARTIAL, T_RQ_NONE};

static void decision_chosen(view *under, const char *answer, void *arg)
{
    requests *l = under->priv;
    (void)arg;
    l->decision[0] = '\0';
    for (int i = 0; i < 3; i++)
        if (!strcmp(answer, tr(decision_words[i])))
            snprintf(l->decision, sizeof l->decision, "%s", request_grant_code(decision_codes[i]));
    l->have_decision = true;
    next_step(under);
}

static void reason_chosen(view *under, const char *answer, void *arg)
{
    requests *l = under->priv;
    (void)arg;
    l->reason[0] = '\0';
    for (int i = 0; i < l->nreasons; i++)
        if (!strcmp(answer, l->reason_rows[i]))
            snprintf(l->reason, sizeof l->reason, "%s", l->reason_codes[i]);
    l->have_reason = true;
    next_step(under);
}

static void withhold_given(view *under, const char *answer, void *arg)
{
    requests *l = under->priv;
    (void)arg;
    snprintf(l->withhold, sizeof l->withhold, "%s", answer);
    l->have_withhold = true;
    next_step(under);
}

/* A provision under a statute (a 捜査関係事項照会, 規程 第19条第1項第1号) chosen to be withheld
 * from the disclosure (第22条第4項): its record, withheld as "provision:N"; the last choice
 * asks for other parts by name. */
static void withhold_chosen(view *under, const char *answer, void *arg)
{
    requests *l = under->priv;
    (void)arg;
    int64_t id = 0;
    for (int i = 0; i < l->nstatute; i++)
        if (!strcmp(answer, l->statute_rows[i]))
            id = l->statute_ids[i];
    if (!id) {
        prompt_text(under->t, tr(T_RQ_WITHHOLD_Q), "", withhold_given, NULL);
        return;
    }
    snprintf(l->withhold, sizeof l->withhold, "provision:%" PRId64, id);
    l->have_withhold = true;
    next_step(under);
}

static int statute_row(const provision_info *p, void *arg)
{
    requests *l = arg;
    if (!p->legal_basis || l->nstatute >= REASONS_MAX - 1)
        return 0;
    char who[200];
    text_copy_cut(who, sizeof who, p->recipient);
    l->statute_ids[l->nstatute] = p->id;
    snprintf(l->statute_rows[l->nstatute++], sizeof l->statute_rows[0], "%s %" PRId64 "  %s %s %s",
             tr_is_en() ? "Record" : "提供の記録", p->id, p->provided_on, who,
             tr_is_en() ? "(under a statute)" : "（法令に基づく提供）");
    return 0;
}

/* For a partial disclosure: the member's provisions under a statute to choose from, one by one
 * (the chief officer decides per record whether it is listed to the member); with none, the
 * parts withheld are typed. */
static void withhold_ask(view *v)
{
    requests *l = v->priv;
    tui *t = v->t;
    l->nstatute = 0;
    meibo_err err;
    meibo_err_clear(&err);
    const char *no = l->deciding_member;
    if (*no && provision_list(t->ctx, no, NULL, statute_row, l, &err))
        tui_err(t, &err);
    if (!l->nstatute) {
        prompt_text(t, tr(T_RQ_WITHHOLD_Q), "", withhold_given, NULL);
        return;
    }
    l->statute_ids[l->nstatute] = 0;
    snprintf(l->statute_rows[l->nstatute++], sizeof l->statute_rows[0], "%s",
             tr_is_en() ? "Other parts (type the field names)" : "その他の部分（項目名を入力）");
    const char *choices[REASONS_MAX];
    for (int i = 0; i < l->nstatute; i++)
        choices[i] = l->statute_rows[i];
    prompt_choice(t, tr_is_en() ? "Withhold which provision under a statute (Art. 22(4))?"
                                : "開示しない法令に基づく提供の記録（第22条第4項）",
                  choices, l->nstatute, withhold_chosen, NULL);
}

static void sets_given(view *under, const char *answer, void *arg)
{
    requests *l = under->priv;
    (void)arg;
    snprintf(l->sets, sizeof l->sets, "%s", answer);
    l->have_sets = true;
    next_step(under);
}

static void note_given(view *under, const char *answer, void *arg)
{
    requests *l = under->priv;
    (void)arg;
    snprintf(l->note, sizeof l->note, "%s", answer);
    l->have_note = true;
    next_step(under);
}

static int reason_row(const request_reason *r, void *arg)
{
    requests *l = arg;
    if (l->nreasons >= REASONS_MAX)
        return 1;
    snprintf(l->reason_codes[l->nreasons], sizeof l->reason_codes[0], "%s", r->code);
    snprintf(l->reason_rows[l->nreasons++], sizeof l->reason_rows[0], "%s %s", r->article,
             r->text);
    return 0;
}

/* "a=1; b=2" into trimmed pieces (pointers into @p buf). */
static int split_sets(char *buf, const char **out, int max)
{
    int n = 0;
    for (char *p = buf; *p && n < max;) {
        char *end = p + strcspn(p, ";");
        bool last = !*end;
        *end = '\0';
        while (*p == ' ')
            p++;
        for (char *e = p + strlen(p); e > p && e[-1] == ' ';)
            *--e = '\0';
        if (*p)
            out[n++] = p;
        if (last)
            break;
        p = end + 1;
    }
    return n;
}

static void decide_now(view *v)
{
    requests *l = v->priv;
    tui *t = v->t;
    char sets[sizeof l->sets];
    snprintf(sets, sizeof sets, "%s", l->sets);
    const char *set[SETS_MAX];
    int nset = split_sets(sets, set, SETS_MAX);
    request_decision d = {.decision = l->decision, .reason = l->reason, .note = l->note,
                          .withhold = l->withhold, .set = set, .nset = nset};
    meibo_err err;
    meibo_err_clear(&err);
    int64_t id = l->deciding;
    l->deciding = 0;
    if (request_decide(t->ctx, id, &d, &err)) {
        tui_err(t, &err);
        return;
    }
    reload(v); /* the cursor stays on the request decided */
    show(v);
    tui_msg(t, EL_NOTICE, "%s %" PRId64 ": %s", tr(T_RQ_DONE_DECIDE), id,
            lbl(LABEL_REQUEST_DECISION, l->decision));
}

static void next_step(view *v)
{
    requests *l = v->priv;
    tui *t = v->t;
    int grant = request_grant_parse(l->decision);
    bool full = grant == REQUEST_GRANT_FULL, none = grant == REQUEST_GRANT_NONE;
    int k = l->deciding_kind;
    bool may_set = (k == REQUEST_CORRECTION || k == REQUEST_ADDITION || k == REQUEST_DELETION ||
                    k == REQUEST_SUSPENSION) && !none;
    if (!l->have_decision) {
        const char *choices[] = {tr(decision_words[0]), tr(decision_words[1]),
                                 tr(decision_words[2])};
        prompt_choice(t, tr(T_RQ_DECISION_Q), choices, 3, decision_chosen, NULL);
    } else if (!full && !l->have_reason) {
        l->nreasons = 0;
        meibo_err err;
        meibo_err_clear(&err);
        if (request_reasons(t->ctx, request_kind_code((request_kind)k), reason_row, l, &err)) {
            tui_err(t, &err);
            return;
        }
        const char *choices[REASONS_MAX];
        for (int i = 0; i < l->nreasons; i++)
            choices[i] = l->reason_rows[i];
        prompt_choice(t, tr(T_RQ_REASON_Q), choices, l->nreasons, reason_chosen, NULL);
    } else if (k == REQUEST_DISCLOSURE && request_grant_parse(l->decision) == REQUEST_GRANT_PARTIAL && !l->have_withhold) {
        withhold_ask(v);
    } else if (may_set && !l->have_sets) {
        prompt_text(t, tr(T_RQ_SET_Q), "", sets_given, NULL);
    } else if (!l->have_note) {
        prompt_text(t, tr(T_RQ_NOTE_Q), "", note_given, NULL);
    } else {
        decide_now(v);
    }
}

static void decide_start(view *v)
{
    requests *l = v->priv;
    const request_row *r = current(l);
    if (!r)
        return;
    if (request_status_parse(r->status) != REQUEST_STATUS_RECEIVED) {
        tui_msg(v->t, EL_ERROR, "%s", tr(T_RQ_ALREADY));
        return;
    }
    l->deciding = r->id;
    l->deciding_kind = r->kind;
    snprintf(l->deciding_member, sizeof l->deciding_member, "%s", r->member_no);
    l->have_decision = l->have_reason = l->have_withhold = l->have_sets = l->have_note = false;
    l->decision[0] = l->reason[0] = l->withhold[0] = l->sets[0] = l->note[0] = '\0';
    next_step(v);
}

/* ---- completing and printing ---------------------------------------------------------------- */

static void complete_answered(view *under, const char *answer, void *arg)
{
    requests *l = under->priv;
    (void)answer;
    (void)arg;
    if (!current(l))
        return;
    int64_t id = current(l)->id;
    meibo_err err;
    meibo_err_clear(&err);
    if (request_complete(under->t->ctx, id, NULL, &err)) {
        tui_err(under->t, &err);
        return;
    }
    reload(under);
    tui_msg(under->t, EL_NOTICE, "%s %" PRId64, tr(T_RQ_DONE_COMPLETE), id);
}

/* The notice of the decision to the member (第22条第5項): to the printer when one is configured,
 * else into the outbox (meibo.conf(5)); the core chooses the letter and logs where it went. */
static void print_notice(view *v)
{
    requests *l = v->priv;
    if (!current(l))
        return;
    tui_print(v->t, TL_REQUEST, current(l)->id);
    if (l->ndetail)
        show(v);
}

static int requests_key(view *v, tui_key k, tui_req req)
{
    requests *l = v->priv;
    (void)k;
    if (lv_key(&l->lv, req)) {
        l->ndetail = 0;
        return EV_HANDLED;
    }
    const request_row *r = current(l);
    switch (req) {
    case REQ_ENTER:
        show(v);
        return EV_HANDLED;
    case REQ_ADD:
        request_form_open(v->t);
        return EV_HANDLED;
    case REQ_REQUEST_DECIDE:
        decide_start(v);
        return EV_HANDLED;
    case REQ_COMPLETE:
        if (r && request_status_parse(r->status) != REQUEST_STATUS_DECIDED) {
            /* only a decided request is completed: said before asking (issue 14) */
            tui_msg(v->t, EL_ERROR, "%s", tr(T_RQ_NOT_DECIDED));
            return EV_HANDLED;
        }
        if (r)
            prompt_yesno(v->t, tr(T_RQ_COMPLETE_Q), complete_answered, NULL);
        return EV_HANDLED;
    case REQ_PRINT:
        print_notice(v);
        return EV_HANDLED;
    case REQ_SHOW_ALL:
        l->all = !l->all;
        reload(v);
        return EV_HANDLED;
    default:
        return EV_NONE;
    }
}

static const char *requests_hints(view *v)
{
    (void)v;
    return tr(T_RQ_HINTS);
}

static void requests_done(view *v)
{
    requests *l = v->priv;
    lv_free(&l->lv);
    free(l);
}

/* Back on top, or another clerk changed something: the list again, the detail with it. */
static void requests_resume(view *v)
{
    requests *l = v->priv;
    bool shown = l->ndetail > 0;
    reload(v);
    if (shown)
        show(v);
}

const view_ops requests_ops = {
    .name = "requests",
    .keymap = KM_REQUESTS,
    .draw = requests_draw,
    .key = requests_key,
    .resume = requests_resume,
    .hints = requests_hints,
    .done = requests_done,
};

/* ---- a new request ------------------------------------------------------------------------ */

typedef struct request_form {
    fieldset fs;
} request_form;

static view *request_form_open(tui *t)
{
    request_form *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    char today[16];
    db_today(t->ctx, today, sizeof today);
    fieldset *fs = &p->fs;
    field *f = fields_choice(fs, "kind", tr(T_RQ_KIND));
    for (int k = 0; k < REQUEST_KIND__COUNT; k++) {
        char label[120];
        snprintf(label, sizeof label, "%s (%s)", request_kind_ja((request_kind)k),
                 request_kind_article((request_kind)k));
        fields_add_choice(f, request_kind_code((request_kind)k), label);
    }
    fields_text(fs, "member_no", tr(T_RQ_MEMBER), "");
    fields_text(fs, "received_on", tr(T_IQ_RECEIVED), today)->hint = tr(T_RQ_DUE_HINT);
    f = fields_choice(fs, "channel", tr(T_IQ_CHANNEL));
    static const char *const ch[] = {"letter", "counter", "email", "fax", "phone"};
    for (int i = 0; i < 5; i++)
        fields_add_choice(f, ch[i], lbl(LABEL_CHANNEL, ch[i]));
    f = fields_choice(fs, "identity", tr(T_RQ_IDENTITY));
    for (int i = 0; i < REQUEST_IDENTITY__COUNT; i++)
        fields_add_choice(f, request_identity_code((request_identity)i),
                          tr_is_en() ? request_identity_code((request_identity)i)
                                     : request_identity_ja((request_identity)i));
    fields_text(fs, "identity_note", tr(T_RQ_IDENTITY_NOTE), "");
    fields_text(fs, "agent", tr(T_RQ_AGENT), "");
    fields_text(fs, "agent_proof", tr(T_RQ_AGENT_PROOF), "");
    fields_text(fs, "fee", tr(T_RQ_FEE), "0");
    fields_text(fs, "content", tr(T_RQ_CONTENT), "");
    fields_text(fs, "document_no", tr(T_RQ_DOCUMENT), "");
    view *v = tui_push(t, &request_form_ops, p);
    if (v)
        snprintf(v->title, sizeof v->title, "%s", tr(T_RQ_NEW));
    return v;
}

static void request_form_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    request_form *p = v->priv;
    const field *f = &p->fs.f[p->fs.cur];
    const char *hint = f->hint ? f->hint : f->choice && f->nchoices ? f->choices[f->sel].label : "";
    draw_hline(w, top + rows - 2, 0, cols, A_NORMAL);
    draw_text(w, top + rows - 1, 1, cols - 2, hint, tui_attr(v->t, EL_MASKED));
    fields_draw(&p->fs, v->t, w, top, rows - 2, cols);
}

typedef struct recorded {
    char due[16];
} recorded;

static int take_due(const request_info *r, void *arg)
{
    text_copy_cut(((recorded *)arg)->due, sizeof ((recorded *)arg)->due, r->due_on);
    return 0;
}

static int request_form_key(view *v, tui_key k, tui_req req)
{
    request_form *p = v->priv;
    tui *t = v->t;
    if (req == REQ_SAVE) {
        static const char *const names[] = {"kind",  "member_no",   "received_on", "channel",
                                            "identity", "identity_note", "agent", "agent_proof",
                                            "fee",   "content",     "document_no"};
        char s[11][LINE_MAX_CHARS * 4 + 1];
        for (int i = 0; i < 11; i++)
            fields_get(&p->fs, names[i], s[i], sizeof s[i]);
        char *end;
        long fee = strtol(s[8], &end, 10);
        if (!*s[8] || *end) {
            fields_focus(&p->fs, "fee");
            tui_msg(t, EL_ERROR, "%s", tr(T_RQ_FEE_BAD));
            return EV_HANDLED;
        }
        request_new n = {.kind = s[0], .member_no = s[1], .received_on = s[2], .channel = s[3],
                         .identity = s[4], .identity_note = s[5], .agent = s[6],
                         .agent_proof = s[7], .fee_yen = fee, .content = s[9],
                         .document_no = s[10], .due_days = t->cfg.request_due_days};
        int64_t id = 0;
        meibo_err err;
        meibo_err_clear(&err);
        recorded r = {""};
        if (request_add(t->ctx, &n, &id, &err)) {
            fields_focus(&p->fs, err.field[0] ? err.field : NULL);
            tui_err(t, &err);
            return EV_HANDLED;
        }
        request_show(t->ctx, id, take_due, &r, &err);
        tui_pop(t);
        char a[24], msg[300];
        snprintf(a, sizeof a, "%" PRId64, id);
        tui_msg(t, EL_NOTICE, "%s", tr_fill(msg, sizeof msg, T_RQ_ADDED, a, r.due));
        return EV_HANDLED;
    }
    if (req == REQ_BACK)
        return EV_HANDLED | EV_CLOSE;
    return fields_key(&p->fs, k, req) ? EV_HANDLED : EV_NONE;
}

static const char *request_form_hints(view *v)
{
    (void)v;
    return tr(T_FORM_HINTS);
}

static void request_form_done(view *v)
{
    free(v->priv);
}

const view_ops request_form_ops = {
    .name = "request-form",
    .keymap = KM_FORM,
    .may_change = true,
    .draw = request_form_draw,
    .key = request_form_key,
    .hints = request_form_hints,
    .done = request_form_done,
};

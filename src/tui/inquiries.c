/* inquiries.c: every recorded inquiry (規程 第19–21条), newest first, from the member list or
 * a member's 照会の記録. Enter opens one: what was asked, by whom, and each decision with its
 * reasons and articles, wrapped; p (F6) prints or reprints its letter through the one printing
 * path (print.c) — the answer, refusal or not-found letter once decided, approved or released,
 * the pledge form while it waits for one (取扱規程 第6条).
 * The list has no row limit: it is read a page at a time by inquiry number (keyset paging) by the
 * one list view (listview.h), which holds only the pages around the rows shown. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/buf.h"
#include "meibo/inquiry.h"
#include "meibo/policy.h"
#include "meibo/label.h"
#include "listview.h"
#include "tui.h"

#define L(ja, en) (tr_is_en() ? (en) : (ja))
#define PAGE_ROWS 50

/* The words of the codes an inquiry is stored with: the core's one label table (label.h). */
static const char *status_words(const char *s)
{
    return s ? label_text(LABEL_INQUIRY_STATE, s, !tr_is_en()) : "";
}

static const char *kind_words(const char *s)
{
    return s ? label_text(LABEL_DECISION, s, !tr_is_en()) : "";
}

/* "chief,pledge" in words (the screen draws one line at a time: one buffer serves) */
static const char *hold_words(const char *s)
{
    static char buf[200];
    return s && *s ? label_list(LABEL_HOLD, s, !tr_is_en(), buf, sizeof buf) : "";
}

static const char *channel_words(const char *s)
{
    return s ? label_text(LABEL_CHANNEL, s, !tr_is_en()) : "";
}

/* Which letter p prints for an inquiry in @p status, held for @p hold; false (the reason on
 * the status line) when it has none yet. */
static bool letter_of(tui *t, const char *status, const char *hold, tui_letter *what)
{
    if (status && !strcmp(status, "void")) {
        tui_msg(t, EL_ERROR, "%s", L("誤登録として取り消した照会です。回答書はありません",
                                     "The inquiry was voided: it has no letter"));
        return false;
    }
    if (status && !strcmp(status, "pending")) {
        if (hold && strstr(hold, "pledge")) {
            *what = TL_INQUIRY_PLEDGE;
            return true;
        }
        tui_msg(t, EL_ERROR, "%s",
                L("総責任者の承認待ちです。回答書は承認の後に印刷できます（第20条第2項）",
                  "On hold for the chief officer: the letter prints once approved"));
        return false;
    }
    *what = TL_INQUIRY;
    return true;
}

/* ---- the list ------------------------------------------------------------------------------ */

#define NCOLS 7
typedef struct inq_row {
    int64_t id;
    char status[12], hold[16];
    char *cells[NCOLS]; /* number, received, member, requester, items, outcome, state */
} inq_row;

/* The columns: where each starts and how many cells it has (the last: the rest). */
static const int col_x[NCOLS] = {1, 7, 18, 27, 50, 56, 63};
static const int col_w[NCOLS] = {5, 10, 8, 22, 5, 6, 0};

typedef struct inquiries {
    char member_no[32]; /* "" every member */
    listview lv;
} inquiries;

static int add_row(const inquiry_info *q, void *arg)
{
    inquiries *l = arg;
    inq_row *r = lv_add(&l->lv, &(lv_pos){.id = q->id});
    if (!r)
        return 1;
    char no[24];
    snprintf(no, sizeof no, "%5" PRId64, q->id);
    const char *state = q->voided_at                   ? status_words("void")
                        : strcmp(q->status, "pending") ? status_words(q->status)
                                                       : hold_words(q->hold);
    const char *cells[NCOLS] = {
        no, q->received_on, q->member_no ? q->member_no : "-",
        q->organization && *q->organization ? q->organization : q->requester,
        q->items ? q->items : "", q->outcome ? outcome_label(q->outcome) : "", state};
    r->id = q->id;
    snprintf(r->status, sizeof r->status, "%s", q->voided_at ? "void" : q->status ? q->status : "");
    snprintf(r->hold, sizeof r->hold, "%s", q->hold ? q->hold : "");
    for (int c = 0; c < NCOLS; c++)
        if (!(r->cells[c] = strdup(cells[c] ? cells[c] : "")))
            return 1;
    return 0;
}

static void row_free(void *row)
{
    inq_row *r = row;
    for (int c = 0; c < NCOLS; c++)
        free(r->cells[c]);
}

/* A page of the inquiries (of one member, from a member's 照会の記録), newest first. */
static bool fetch(view *v, const lv_pos *from, bool backward, int limit)
{
    inquiries *l = v->priv;
    inquiry_filter f = {.member_no = l->member_no[0] ? l->member_no : NULL};
    meibo_err err;
    meibo_err_clear(&err);
    if (inquiry_page(v->t->ctx, &f, from ? from->id : 0, backward, limit, add_row, l, &err)) {
        tui_err(v->t, &err);
        return false;
    }
    return true;
}

static void draw_row(view *v, WINDOW *w, int y, int cols, const void *row, bool cur)
{
    const inq_row *r = row;
    attr_t a = cur ? tui_attr(v->t, EL_CURSOR) : A_NORMAL;
    wmove(w, y, 1);
    wclrtoeol(w);
    for (int c = 0; c < NCOLS; c++) /* each column in its cells, cut with … */
        draw_text(w, y, col_x[c], col_w[c] ? col_w[c] : cols - col_x[c], r->cells[c], a);
}

static const lv_source inquiry_rows = {
    .row_size = sizeof(inq_row),
    .page = PAGE_ROWS,
    .keep_row = true, /* the cursor back on its inquiry */
    .fetch = fetch,
    .draw = draw_row,
    .free_row = row_free,
};

static const inq_row *current(const inquiries *l)
{
    return lv_current(&l->lv);
}

static void reload(view *v)
{
    inquiries *l = v->priv;
    lv_refresh(&l->lv);
}

view *inquiries_open(tui *t, const char *member_no)
{
    inquiries *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    if (member_no)
        snprintf(l->member_no, sizeof l->member_no, "%s", member_no);
    view *v = tui_push(t, &inquiries_ops, l);
    if (!v)
        return NULL;
    lv_init(&l->lv, v, &inquiry_rows);
    if (member_no)
        snprintf(v->title, sizeof v->title, "%s %s", L("照会の記録", "Inquiries about"),
                 member_no);
    else
        snprintf(v->title, sizeof v->title, "%s", L("照会の一覧（規程第19〜21条）",
                                                    "Inquiries (Art. 19-21)"));
    lv_reload(&l->lv);
    return v;
}

static void inquiries_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    inquiries *l = v->priv;
    tui *t = v->t;
    int list = rows - 1;
    static const char *const head_ja[NCOLS] = {"番号", "受付日", "会員番号", "照会者（所属）",
                                               "項目", "判定", "状態"};
    static const char *const head_en[NCOLS] = {"No", "Received", "Member", "Requester (body)",
                                               "Items", "Outcome", "State"};
    wmove(w, top, 0);
    wclrtoeol(w);
    for (int c = 0; c < NCOLS; c++)
        draw_text(w, top, col_x[c], col_w[c] ? col_w[c] : cols - col_x[c],
                  tr_is_en() ? head_en[c] : head_ja[c], tui_attr(t, EL_HEADER));
    if (!l->lv.n)
        draw_text(w, top + 2, 3, cols - 6, L("照会の記録はありません", "No inquiry recorded"),
                  A_NORMAL);
    lv_draw(&l->lv, w, top + 1, list, cols);
    wmove(w, LINES - 1, COLS - 1);
}

static void inquiry_record_open(tui *t, int64_t id);

static int inquiries_key(view *v, tui_key k, tui_req req)
{
    inquiries *l = v->priv;
    (void)k;
    if (lv_key(&l->lv, req))
        return EV_HANDLED;
    const inq_row *r = current(l);
    switch (req) {
    case REQ_ENTER:
        if (r)
            inquiry_record_open(v->t, r->id);
        return EV_HANDLED;
    case REQ_PRINT: {
        tui_letter what;
        if (r && letter_of(v->t, r->status, r->hold, &what))
            tui_print(v->t, what, r->id);
        return EV_HANDLED;
    }
    default:
        return EV_NONE;
    }
}

static const char *inquiries_hints(view *v)
{
    (void)v;
    return L("↑↓:選択 Enter:照会を開く p:回答書を印刷 q:戻る ?:ヘルプ",
             "Up/Down: choose  Enter: open  p: print the letter  q: back  ?: help");
}

static void inquiries_done(view *v)
{
    inquiries *l = v->priv;
    lv_free(&l->lv);
    free(l);
}

const view_ops inquiries_ops = {
    .name = "inquiries",
    .keymap = KM_INQUIRIES,
    .draw = inquiries_draw,
    .key = inquiries_key,
    .resume = reload,
    .hints = inquiries_hints,
    .done = inquiries_done,
};

/* ---- one inquiry ---------------------------------------------------------------------------- */

typedef struct inq_record {
    int64_t id;
    char status[12], hold[16];
    char **lines;
    int n, top;
    size_t cap;
    decide_policy *pol; /* the words of category and purpose codes */
} inq_record;

static void rec_add(inq_record *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void rec_add(inq_record *r, const char *fmt, ...)
{
    char **p = array_grow(r->lines, &r->cap, (size_t)r->n + 1, sizeof *p);
    if (!p)
        return;
    r->lines = p;
    char buf[1600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if ((r->lines[r->n] = strdup(buf)))
        r->n++;
}

static const char *category_words(const inq_record *r, const char *code)
{
    for (int i = 0; r->pol && code && i < r->pol->ncategories; i++)
        if (!strcmp(r->pol->categories[i].code, code))
            return r->pol->categories[i].text;
    return code ? code : "";
}

static const char *purpose_words(const inq_record *r, const char *code)
{
    for (int i = 0; r->pol && code && i < r->pol->npurposes; i++)
        if (!strcmp(r->pol->purposes[i].code, code))
            return r->pol->purposes[i].text;
    return code ? code : "";
}

static int rec_head(const inquiry_info *q, void *arg)
{
    inq_record *r = arg;
    snprintf(r->status, sizeof r->status, "%s", q->voided_at ? "void" : q->status ? q->status : "");
    snprintf(r->hold, sizeof r->hold, "%s", q->hold ? q->hold : "");
    const char *state = strcmp(r->status, "pending") ? status_words(r->status)
                                                     : hold_words(r->hold);
    rec_add(r, "%s %" PRId64 "  %s: %s  %s: %s", tr(T_IQ_NUMBER), q->id,
            L("状態", "State"), state, tr(T_IQ_OUTCOME), outcome_label(q->outcome));
    if (q->voided_at)
        rec_add(r, "%s: %s（%.16s）", L("取消の理由", "Voided"), q->void_reason, q->voided_at);
    rec_add(r, "%s: %s（%s）  %s: %s %s", tr(T_IQ_RECEIVED), q->received_on,
            channel_words(q->channel), L("記録", "Recorded"), q->created_at, q->created_by);
    rec_add(r, "%s: %s%s%s", tr(T_IQ_REQUESTER), q->requester,
            q->organization && *q->organization ? "／" : "", q->organization ? q->organization : "");
    rec_add(r, "%s: %s", tr(T_IQ_CONTACT), q->contact && *q->contact ? q->contact : "-");
    if (q->address && *q->address)
        rec_add(r, "%s: %s", L("郵送先の住所", "Mailed to"), q->address);
    rec_add(r, "%s: %s", tr(T_IQ_CATEGORY), category_words(r, q->category));
    rec_add(r, "%s: %s %s", tr(T_IQ_IDENTITY),
            q->identity && !strcmp(q->identity, "verified") ? tr(T_IQ_VERIFIED)
                                                            : tr(T_IQ_UNVERIFIED),
            q->identity_check ? q->identity_check : "");
    if (q->legal_basis && *q->legal_basis)
        rec_add(r, "%s: %s %s", tr(T_IQ_LEGAL_BASIS), q->legal_basis,
                q->legal_document ? q->legal_document : "");
    else if (q->emergency)
        rec_add(r, "%s", tr(T_IQ_EMERGENCY));
    else
        rec_add(r, "%s: %s", tr(T_IQ_PURPOSE),
                q->purpose && *q->purpose ? purpose_words(r, q->purpose) : "-");
    rec_add(r, "%s: %s  %s: %s", L("会員", "Member"),
            q->member_no ? q->member_no : q->member_query ? q->member_query : "-",
            tr(T_IQ_ITEMS), q->items ? q->items : "");
    rec_add(r, "%s: %s  %s: %s", tr(T_IQ_METHOD),
            q->method && !strcmp(q->method, "other") ? tr(T_IQ_OTHER) : tr(T_IQ_WRITTEN),
            tr(T_IQ_MEDIUM),
            q->medium && !strcmp(q->medium, "electronic") ? tr(T_IQ_ELECTRONIC) : tr(T_IQ_PAPER));
    return 0;
}

static int rec_decision(const inquiry_decision_info *d, void *arg)
{
    inq_record *r = arg;
    rec_add(r, "%s", "");
    rec_add(r, "【%s】 %.16s %s  %s: %s%s%s  %s: %s", kind_words(d->kind), d->decided_at,
            d->decided_by, tr(T_IQ_OUTCOME), outcome_label(d->outcome),
            d->hold && *d->hold ? "・" : "", hold_words(d->hold), tr(T_IQ_PROVIDED),
            d->provided && *d->provided ? d->provided : "-");
    if (d->comment && *d->comment)
        rec_add(r, "  %s: %s", L("コメント", "Comment"), d->comment);
    for (int i = 0; i < d->nreasons; i++)
        rec_add(r, "  ・%s %s", d->reasons[i].article, d->reasons[i].text);
    return 0;
}

static void rec_clear(inq_record *r)
{
    for (int i = 0; i < r->n; i++)
        free(r->lines[i]);
    r->n = 0;
}

static bool rec_load(view *v)
{
    inq_record *r = v->priv;
    rec_clear(r);
    meibo_err err;
    meibo_err_clear(&err);
    if (inquiry_show(v->t->ctx, r->id, rec_head, rec_decision, r, &err)) {
        tui_err(v->t, &err);
        return false;
    }
    return true;
}

static void inquiry_record_open(tui *t, int64_t id)
{
    inq_record *r = calloc(1, sizeof *r);
    if (!r)
        return;
    r->id = id;
    meibo_err err;
    meibo_err_clear(&err);
    r->pol = calloc(1, sizeof *r->pol);
    if (r->pol && policy_load(t->ctx, 0, r->pol, &err)) {
        free(r->pol);
        r->pol = NULL;
    }
    view *v = tui_push(t, &inquiry_record_ops, r);
    if (!v)
        return;
    snprintf(v->title, sizeof v->title, "%s %" PRId64, tr(T_IQ_NUMBER), id);
    if (!rec_load(v))
        tui_pop(t);
}

/* The rows each line takes wrapped at @p width, summed from line @p from. */
static int rec_rows(const inq_record *r, int from, int width)
{
    int n = 0;
    for (int i = from; i < r->n; i++)
        n += r->lines[i][0] ? draw_wrap_rows(width, r->lines[i]) : 1;
    return n;
}

static void inquiry_record_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    inq_record *r = v->priv;
    int y = top;
    for (int i = r->top; i < r->n && y < top + rows; i++) {
        if (!r->lines[i][0]) {
            y++;
            continue;
        }
        y += draw_wrap(w, y, 1, cols - 2, top + rows - y, r->lines[i],
                       i == 0 || r->lines[i][0] == '\xe3' /* 【 */ ? A_BOLD : A_NORMAL);
    }
    wmove(w, LINES - 1, COLS - 1);
}

static void address_answered(view *under, const char *answer, void *arg);
static void void_answered(view *under, const char *answer, void *arg);
static void given_answered(view *under, const char *answer, void *arg);

static int inquiry_record_key(view *v, tui_key k, tui_req req)
{
    inq_record *r = v->priv;
    (void)k;
    int width = COLS - 2;
    switch (req) {
    case REQ_MOVE_UP:
    case REQ_PAGE_UP:
        r->top = req == REQ_MOVE_UP ? r->top - 1 : r->top - (LINES - 3);
        if (r->top < 0)
            r->top = 0;
        return EV_HANDLED;
    case REQ_MOVE_DOWN:
    case REQ_PAGE_DOWN:
        for (int i = 0; i < (req == REQ_MOVE_DOWN ? 1 : LINES - 3); i++)
            if (r->top + 1 < r->n && rec_rows(r, r->top, width) > LINES - 2)
                r->top++;
        return EV_HANDLED;
    case REQ_MOVE_FIRST: r->top = 0; return EV_HANDLED;
    case REQ_PRINT: {
        tui_letter what;
        if (letter_of(v->t, r->status, r->hold, &what))
            tui_print(v->t, what, r->id);
        return EV_HANDLED;
    }
    case REQ_VOID: /* recorded by mistake: with the reason, audited */
        if (!strcmp(r->status, "void"))
            tui_msg(v->t, EL_ERROR, "%s", L("取り消し済みです", "Already voided"));
        else
            prompt_text(v->t, L("誤登録として取り消す理由", "Why it was recorded by mistake"), "",
                        void_answered, NULL);
        return EV_HANDLED;
    case REQ_GIVEN: /* 第20条第2項: an answer by telephone, the chief officer consenting */
        prompt_yesno(v->t, L("電話で回答済みとして提供を記録しますか", "Record it answered by telephone?"),
                     given_answered, NULL);
        return EV_HANDLED;
    case REQ_ADDRESS: /* the requester gave only a telephone number (第20条第2項) */
        prompt_text(v->t, L("回答先の住所（〒・住所）", "Postal address (postal code, address)"),
                    "", address_answered, NULL);
        return EV_HANDLED;
    default:
        return EV_NONE;
    }
}

static const char *inquiry_record_hints(view *v)
{
    (void)v;
    return L("p:回答書を印刷 a:住所 t:電話で回答済み v:誤登録の取消 q:戻る ?:ヘルプ",
             "p: print  a: address  t: answered by phone  v: void  q: back  ?: help");
}

static void address_answered(view *under, const char *answer, void *arg)
{
    inq_record *r = under->priv;
    (void)arg;
    meibo_err err;
    meibo_err_clear(&err);
    if (inquiry_set_address(under->t->ctx, r->id, answer, &err)) {
        tui_err_label(under->t, &err, L("回答先の住所", "Postal address"));
        return;
    }
    rec_load(under);
    tui_msg(under->t, EL_NOTICE, "%s", L("回答先の住所を記録しました。p で印刷できます",
                                          "Address recorded: p prints the letter"));
}

static void void_answered(view *under, const char *answer, void *arg)
{
    inq_record *r = under->priv;
    (void)arg;
    meibo_err err;
    meibo_err_clear(&err);
    if (inquiry_void(under->t->ctx, r->id, answer, &err)) {
        if (err.code == MEIBO_ERR_CONFLICT)
            tui_msg(under->t, EL_ERROR, "%s",
                    L("回答済みの照会は取り消せません（提供の記録は残ります。個人情報保護法第29条）",
                      "Answered: it cannot be voided (its record of provision stays)"));
        else
            tui_err_label(under->t, &err, L("取消の理由", "Reason"));
        return;
    }
    rec_load(under);
    tui_msg(under->t, EL_NOTICE, "%s %" PRId64 " %s", tr(T_IQ_NUMBER), r->id,
            L("を誤登録として取り消しました", "voided"));
}

static void given_answered(view *under, const char *answer, void *arg)
{
    inq_record *r = under->priv;
    (void)answer;
    (void)arg;
    meibo_err err;
    meibo_err_clear(&err);
    if (inquiry_mark_given(under->t->ctx, r->id, &err)) {
        tui_msg(under->t, EL_ERROR, "%s",
                L("総責任者が同意した電話での回答ではありません。書面の回答は印刷（p）で記録"
                  "されます（第20条第2項）",
                  "Not an answer by telephone the chief consented to: p records a written one"));
        return;
    }
    rec_load(under);
    tui_msg(under->t, EL_NOTICE, "%s",
            L("電話で回答済みとして提供を記録しました（個人情報保護法第29条）",
              "Answered by telephone: the provision is recorded"));
}

static void inquiry_record_resume(view *v)
{
    rec_load(v);
}

static void inquiry_record_done(view *v)
{
    inq_record *r = v->priv;
    rec_clear(r);
    free(r->lines);
    free(r->pol);
    free(r);
}

const view_ops inquiry_record_ops = {
    .name = "inquiry-record",
    .keymap = KM_INQUIRIES,
    .may_change = true,
    .draw = inquiry_record_draw,
    .key = inquiry_record_key,
    .resume = inquiry_record_resume,
    .hints = inquiry_record_hints,
    .done = inquiry_record_done,
};

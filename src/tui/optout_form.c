/* optout_form.c: from a member's detail, the member's written application to stop provision
 * to third parties (規程 第20条第5項), or its withdrawal: the day the paper arrived and where it
 * is filed; or a request by telephone, recorded as the interim stop awaiting the paper. Recorded, third-party inquiries see it at once; then the notice to the member may
 * be printed. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "meibo/optout.h"
#include "meibo/rights_letter.h"

typedef struct optout_form {
    fieldset fs;
    char member_no[32];
    bool withdraw;
} optout_form;

view *optout_form_open(tui *t, const char *member_no, bool withdraw)
{
    optout_form *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    snprintf(p->member_no, sizeof p->member_no, "%s", member_no);
    p->withdraw = withdraw;
    char today[16];
    db_today(t->ctx, today, sizeof today);
    fields_text(&p->fs, "received_on", tr(T_OO_RECEIVED), today);
    fields_text(&p->fs, "document_no", tr(T_OO_DOCUMENT), "");
    if (!withdraw) { /* a telephone request: the interim stop, 書面待ち, no document (第20条第5項) */
        field *ch = fields_choice(&p->fs, "channel", tr(T_OO_CHANNEL));
        fields_add_choice(ch, "letter", tr(T_OO_CHANNEL_LETTER));
        fields_add_choice(ch, "phone", tr(T_OO_CHANNEL_PHONE));
    }
    view *v = tui_push(t, &optout_form_ops, p);
    if (v)
        snprintf(v->title, sizeof v->title, "%s %s",
                 tr(withdraw ? T_OO_WITHDRAW_TITLE : T_OO_TITLE), member_no);
    return v;
}

static void optout_form_draw(view *v, WINDOW *w, int top, int rows, int cols)
{
    optout_form *p = v->priv;
    draw_text(w, top, 1, cols - 2, tr(p->withdraw ? T_OO_WITHDRAW_INTRO : T_OO_INTRO),
              tui_attr(v->t, EL_GROUP));
    fields_draw(&p->fs, v->t, w, top + 2, rows - 2, cols);
}

/* The acknowledgment to the member: the printer when configured, else the outbox. */
static void print_answered(view *under, const char *answer, void *arg)
{
    (void)answer;
    tui_print(under->t, TL_OPTOUT, (int64_t)(intptr_t)arg);
}

static int optout_form_key(view *v, tui_key k, tui_req req)
{
    optout_form *p = v->priv;
    tui *t = v->t;
    if (req == REQ_SAVE) {
        char received[64], document[LINE_MAX_CHARS * 4 + 1], channel[16] = "";
        fields_get(&p->fs, "received_on", received, sizeof received);
        fields_get(&p->fs, "document_no", document, sizeof document);
        if (!p->withdraw)
            fields_get(&p->fs, "channel", channel, sizeof channel);
        bool phone = !strcmp(channel, "phone");
        meibo_err err;
        meibo_err_clear(&err);
        int64_t id = 0;
        optout_new n = {p->member_no, received, document, 0, phone};
        meibo_status st = p->withdraw
                              ? optout_withdraw(t->ctx, p->member_no, received, document, &id, &err)
                              : optout_add(t->ctx, &n, &id, &err);
        if (st) {
            fields_focus(&p->fs, err.field[0] ? err.field : NULL);
            tui_err(t, &err);
            return EV_HANDLED;
        }
        bool withdraw = p->withdraw;
        tui_pop(t); /* the detail below reloads */
        tui_msg(t, EL_NOTICE, "%s %" PRId64, tr(withdraw ? T_OO_WITHDRAWN
                                                : phone  ? T_OO_RECORDED_PHONE
                                                         : T_OO_RECORDED), id);
        prompt_yesno(t, tr(phone ? T_OO_PRINT_PHONE_Q : T_OO_PRINT_Q), print_answered,
                     (void *)(intptr_t)id);
        return EV_HANDLED;
    }
    if (req == REQ_BACK)
        return EV_HANDLED | EV_CLOSE;
    return fields_key(&p->fs, k, req) ? EV_HANDLED : EV_NONE;
}

static const char *optout_form_hints(view *v)
{
    (void)v;
    return tr(T_FORM_HINTS);
}

static void optout_form_done(view *v)
{
    free(v->priv);
}

const view_ops optout_form_ops = {
    .name = "optout-form",
    .keymap = KM_FORM,
    .may_change = true,
    .draw = optout_form_draw,
    .key = optout_form_key,
    .hints = optout_form_hints,
    .done = optout_form_done,
};

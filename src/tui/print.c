/* print.c: the one way a screen prints a letter (issue 14). Every screen names the letter it
 * means (what, and the record's number); the core renders it (letter.h, rights_letter.h),
 * outbox_deliver() sends it to the printer when one is configured, else into the outbox folder
 * (meibo.conf(5)), and logs where it went; the status line says where. */
#include <string.h>

#include "meibo/incident_letter.h"
#include "meibo/inquiry_letter.h"
#include "meibo/letter.h"
#include "meibo/outbox.h"
#include "meibo/rights_letter.h"
#include "tui.h"

bool tui_deliver(tui *t, letter *l)
{
    outbox_delivery d;
    meibo_err err;
    meibo_err_clear(&err);
    bool ok = outbox_deliver(t->ctx, &t->cfg, l, NULL, &d, &err) == MEIBO_OK;
    if (ok)
        tui_delivered(t, &d);
    else
        tui_err(t, &err);
    letter_clear(l);
    return ok;
}

bool tui_print(tui *t, tui_letter what, int64_t id)
{
    letter l;
    meibo_err err;
    meibo_err_clear(&err);
    memset(&l, 0, sizeof l);
    letter_pledge_src src = {0};
    meibo_status st;
    switch (what) {
    case TL_INQUIRY:
        st = letter_inquiry(t->ctx, &t->cfg, id, LETTER_PDF, &l, &err);
        break;
    case TL_INQUIRY_PLEDGE: /* 取扱規程 第6条: the pledge form the held inquiry waits for */
        src.inquiry_id = id;
        st = letter_pledge_request(t->ctx, &t->cfg, &src, LETTER_PDF, &l, &err);
        break;
    case TL_PLEDGE_RENEWAL:
        src.pledge_id = id;
        st = letter_pledge_request(t->ctx, &t->cfg, &src, LETTER_PDF, &l, &err);
        break;
    case TL_REQUEST: /* 第22条第5項, 第23条 */
        st = letter_request(t->ctx, &t->cfg, id, LETTER_PDF, &l, &err);
        break;
    case TL_OPTOUT: /* 第20条第5項 */
        st = letter_optout_ack(t->ctx, &t->cfg, id, LETTER_PDF, &l, &err);
        break;
    case TL_INCIDENT_REPORT: /* 取扱規程 第26条, 施行規則 第8条 */
        st = letter_incident_report(t->ctx, &t->cfg, id, LETTER_PDF, &l, &err);
        break;
    default:
        return false;
    }
    if (st && !strcmp(err.field, "address")) /* 第20条第2項: the answer goes by post */
        tui_msg(t, EL_ERROR, "%s",
                tr_is_en() ? "No postal address (a telephone number only): enter it with a in the "
                             "inquiry's record (H)"
                           : "郵送先の住所がありません: 照会の記録（H）の a で"
                             "入力します（第20条第2項）");
    else if (st)
        tui_err(t, &err);
    if (st) {
        letter_clear(&l);
        return false;
    }
    return tui_deliver(t, &l);
}

/* rights_letter.c: the letters of the members' rights: the opt-out acknowledgment (第20条第5項)
 * and the notices of a rights request's decision (第22条第5項, 第23条). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/auth.h"
#include "meibo/decide.h"
#include "meibo/incident.h"
#include "meibo/member.h"
#include "meibo/optout.h"
#include "meibo/policy.h"
#include "meibo/provision.h"
#include "meibo/recipient.h"
#include "meibo/export.h"
#include "meibo/request.h"
#include "meibo/rights_letter.h"
#include "meibo/roster.h"
#include "meibo/text.h"

#define ERR_CODE(err) ((err) ? (err)->code : MEIBO_ERR_NOMEM) /* after a call that set it */

static void put(char *dst, size_t size, const char *src)
{
    text_copy_cut(dst, size, src ? src : "");
}

/* A member field as a letter writes it: dates in the configured calendar, codes in words. */
static void field_text(const meibo_config *cfg, const meibo_member *m, member_field f, char *buf,
                       size_t len)
{
    const char *v = member_get_field(m, f);
    const member_field_info *fi = member_field_get(f);
    if (!*v)
        snprintf(buf, len, "（登録なし）");
    else if (fi->kind == MK_DATE)
        letter_date(cfg, v, buf, len);
    else if (fi->kind == MK_STATUS)
        snprintf(buf, len, "%s", !strcmp(v, "active")      ? "在籍"
                                 : !strcmp(v, "withdrawn") ? "退会"
                                 : !strcmp(v, "deceased")  ? "逝去"
                                                           : v);
    else if (fi->kind == MK_YESNO)
        snprintf(buf, len, "%s", !strcmp(v, "yes") ? "同意あり" : "同意なし");
    else
        snprintf(buf, len, "%s", v);
}

/* Add {label, value} of field @p f to list @p list. */
static meibo_status field_row(const meibo_config *cfg, const meibo_member *m, member_field f,
                              tmpl_vars *v, const char *list, meibo_err *err)
{
    char value[1024];
    field_text(cfg, m, f, value, sizeof value);
    tmpl_vars *e = tmpl_list_add(v, list, err);
    if (!e)
        return ERR_CODE(err);
    meibo_status st = tmpl_set(e, "label", member_field_get(f)->ja, err);
    return st ? st : tmpl_set(e, "value", value, err);
}

/* The head (rights_head.tmpl): the number, the member's address and name, the agent. */
static meibo_status head_vars(const meibo_config *cfg, const char *label, int64_t number,
                              const meibo_member *m, const char *agent, const char *received_on,
                              tmpl_vars *v, meibo_err *err)
{
    const char *postal = member_get_field(m, MF_POSTAL_CODE);
    const char *address = member_get_field(m, MF_HOME_ADDRESS);
    char where[1024] = "", name[256], received[64];
    if (*address) {
        snprintf(where, sizeof where, "%s", address);
    } else if (*member_get_field(m, MF_FACILITY_ADDRESS)) {
        postal = member_get_field(m, MF_FACILITY_POSTAL_CODE);
        snprintf(where, sizeof where, "%s　%s", member_get_field(m, MF_FACILITY_ADDRESS),
                 member_get_field(m, MF_FACILITY_NAME));
    } else {
        postal = "";
    }
    snprintf(name, sizeof name, "%s%s%s", member_get_field(m, MF_FAMILY_NAME),
             *member_get_field(m, MF_GIVEN_NAME) ? "　" : "", member_get_field(m, MF_GIVEN_NAME));
    letter_date(cfg, received_on, received, sizeof received);
    meibo_status st;
    if ((st = tmpl_set(v, "number_label", label, err)) ||
        (st = tmpl_setf(v, err, "number", "%" PRId64, number)) ||
        (st = tmpl_set(v, "postal_code", postal, err)) ||
        (st = tmpl_set(v, "address", where, err)) || (st = tmpl_set(v, "addressee", name, err)) ||
        (st = tmpl_set(v, "agent", agent, err)) ||
        (st = tmpl_set(v, "agent_label", "代理人", err)) ||
        (st = tmpl_set(v, "received_on", received, err)))
        return st;
    return MEIBO_OK;
}

/* ---- the opt-out acknowledgment ----------------------------------------------------------- */

typedef struct optout_facts {
    int64_t id;
    bool in_force, awaiting;
    char member_no[32], received_on[11], document_no[256], withdrawn_on[11], withdrawal_doc[256];
} optout_facts;

static int optout_take(const optout_info *o, void *arg)
{
    optout_facts *f = arg;
    f->id = o->id;
    f->in_force = o->in_force;
    f->awaiting = o->in_force && o->awaiting_written;
    put(f->member_no, sizeof f->member_no, o->member_no);
    put(f->received_on, sizeof f->received_on, o->received_on);
    put(f->document_no, sizeof f->document_no, o->document_no);
    put(f->withdrawn_on, sizeof f->withdrawn_on, o->withdrawn_on);
    put(f->withdrawal_doc, sizeof f->withdrawal_doc, o->withdrawal_document_no);
    return 0;
}

meibo_status letter_optout_ack(meibo_ctx *ctx, const meibo_config *cfg, int64_t id,
                               letter_format fmt, letter *out, meibo_err *err)
{
    meibo_status st = letter_begin(ctx, cfg, LETTER_OPTOUT_ACK, fmt, out, err);
    if (st)
        return st;
    out->optout_id = id;
    optout_facts f;
    memset(&f, 0, sizeof f);
    meibo_member m;
    member_init(&m);
    tmpl_vars *v = tmpl_vars_new(err);
    if (!v)
        return ERR_CODE(err);
    if ((st = optout_show(ctx, id, optout_take, &f, err)) ||
        (st = member_load(ctx, f.member_no, 0, &m, err)))
        goto out;
    put(out->member_no, sizeof out->member_no, f.member_no);
    if (f.awaiting) /* by telephone, 書面待ち: the letter asks for the written application */
        out->kind = LETTER_OPTOUT_REQUEST;
    char withdrawn[64] = "";
    if (!f.in_force)
        letter_date(cfg, f.withdrawn_on, withdrawn, sizeof withdrawn);
    if ((st = letter_common_vars(ctx, cfg, v, err)) ||
        (st = head_vars(cfg, "受付番号", id, &m, "", f.received_on, v, err)) ||
        (st = tmpl_set_flag(v, "withdrawal", !f.in_force, err)) ||
        (st = tmpl_set(v, "document_no", *f.document_no ? f.document_no : "（記録なし）", err)) ||
        (st = tmpl_set(v, "withdrawn_on", withdrawn, err)) ||
        (st = tmpl_set(v, "withdrawal_document_no", f.withdrawal_doc, err)))
        goto out;
out:
    st = letter_end(ctx, cfg, st, v, out, err);
    member_clear(&m);
    return st;
}

/* ---- a request's notice ------------------------------------------------------------------- */

/* The request as the letters need it. */
typedef struct req_facts {
    int64_t id, optout_id;
    request_kind kind;
    int state, grant; /* request_status, request_grant of status and decision; -1 unknown */
    char member_no[32], status[12], received_on[11], decided_on[11], decision[12];
    char content[1604], agent[244], reason_article[64], reason_text[1024], note[1604];
    char withheld[600], changed[600], notifier[16], requester_name[244], requester_address[804];
} req_facts;

static int req_take(const request_info *r, void *arg)
{
    req_facts *f = arg;
    f->id = r->id;
    f->optout_id = r->optout_id;
    f->kind = r->kind;
    put(f->member_no, sizeof f->member_no, r->member_no);
    put(f->status, sizeof f->status, r->status);
    put(f->received_on, sizeof f->received_on, r->received_on);
    put(f->decided_on, sizeof f->decided_on, r->decided_on);
    put(f->decision, sizeof f->decision, r->decision);
    f->state = request_status_parse(f->status);
    f->grant = request_grant_parse(f->decision);
    put(f->content, sizeof f->content, r->content);
    put(f->agent, sizeof f->agent, r->agent);
    put(f->notifier, sizeof f->notifier, r->notifier);
    put(f->requester_name, sizeof f->requester_name, r->requester_name);
    put(f->requester_address, sizeof f->requester_address, r->requester_address);
    put(f->reason_article, sizeof f->reason_article, r->reason_article);
    put(f->reason_text, sizeof f->reason_text, r->reason_text);
    put(f->note, sizeof f->note, r->decision_note);
    put(f->withheld, sizeof f->withheld, r->withheld);
    put(f->changed, sizeof f->changed, r->changed_fields);
    return 0;
}

/* Is "provision:ID" in the withheld list? */
static bool provision_withheld(const char *withheld, int64_t id)
{
    char tok[40];
    snprintf(tok, sizeof tok, "provision:%" PRId64, id);
    return decide_list_has(withheld, tok);
}

/* The disclosure's list of provisions: each record not withheld. */
typedef struct prov_ctx {
    meibo_ctx *ctx;
    const meibo_config *cfg;
    const decide_policy *pol;
    const char *withheld;
    tmpl_vars *v;
    meibo_err *err;
    meibo_status st;
    int n, skipped;
} prov_ctx;

/* "（a）会員番号、（d）所属施設名・住所" of a stored item list. */
static void items_text(const decide_policy *pol, const char *items, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (const char *p = items; p && *p; p++) {
        if (*p < 'a' || *p >= 'a' + DECIDE_ITEMS)
            continue;
        int w = snprintf(buf + used, len - used, "%s（%c）%s", used ? "、" : "", *p,
                         pol->items[*p - 'a'].name);
        if (w < 0 || (size_t)w >= len - used)
            break;
        used += (size_t)w;
    }
}

static int prov_row(const provision_info *p, void *arg)
{
    prov_ctx *c = arg;
    if (provision_withheld(c->withheld, p->id)) {
        c->skipped++;
        return 0;
    }
    c->n++;
    char date[64], who[800], items[400];
    letter_date(c->cfg, p->provided_on, date, sizeof date);
    if (*p->requester && strcmp(p->requester, p->recipient) != 0)
        snprintf(who, sizeof who, "%s　%s", p->recipient, p->requester);
    else
        snprintf(who, sizeof who, "%s", p->recipient);
    items_text(c->pol, p->items, items, sizeof items);
    const decide_category *cat = decide_category_find(c->pol, p->category);
    const decide_purpose *pur = decide_purpose_find(c->pol, p->purpose);
    /* a provision under 規程 第19条第1項 rests on no purpose of 第20条第1項: its ground instead */
    const char *ground = p->legal_basis ? "法令に基づく提供（本会個人情報保護規程第19条第1項第1号）"
                         : !strncmp(p->basis, "第19条第1項第2号", strlen("第19条第1項第2号"))
                             ? "人の生命、身体又は財産の保護のための提供（本会個人情報保護規程"
                               "第19条第1項第2号）"
                             : NULL;
    /* the member reads words only (issue 14): a category or purpose the policy does not name
     * (the society's own recipient categories, an export's purpose) in its own words, never
     * its code */
    decide_category *own = calloc(1, sizeof *own);
    export_purpose *ep = calloc(1, sizeof *ep);
    meibo_err ignored;
    const char *cat_text = cat ? cat->text
                           : own && !recipient_category(c->ctx, p->category, own, &ignored) &&
                                     *own->text
                               ? own->text
                               : "本会が定める提供先";
    const char *pur_text = pur ? pur->text
                           : ground ? ground
                           : ep && p->export_id &&
                                   !export_purpose_load(c->ctx, p->purpose, ep, &ignored)
                               ? ep->name
                               : "本会の業務（名簿の提供）";
    /* the stored basis joins its grounds with "; ": the letter reads them as a Japanese list */
    char basis[1400];
    size_t used = 0;
    for (const char *b = p->basis; *b && used + 4 < sizeof basis;) {
        if (b[0] == ';' && b[1] == ' ') {
            used += (size_t)snprintf(basis + used, sizeof basis - used, "、");
            b += 2;
        } else {
            basis[used++] = *b++;
        }
    }
    basis[used < sizeof basis ? used : sizeof basis - 1] = '\0';
    tmpl_vars *e = tmpl_list_add(c->v, "provisions", c->err);
    if (!e) {
        c->st = ERR_CODE(c->err);
    } else if ((c->st = tmpl_setf(e, c->err, "n", "%d", c->n)) ||
               (c->st = tmpl_set(e, "provided_on", date, c->err)) ||
               (c->st = tmpl_set(e, "recipient", who, c->err)) ||
               (c->st = tmpl_set(e, "category", cat_text, c->err)) ||
               (c->st = tmpl_set(e, "items", items, c->err)) ||
               (c->st = tmpl_set(e, "purpose_label", pur || !ground ? "利用目的" : "提供の根拠",
                                 c->err)) ||
               (c->st = tmpl_set(e, "purpose", pur_text, c->err)) ||
               (c->st = tmpl_set(e, "basis", basis, c->err))) {
    }
    free(own);
    free(ep);
    return c->st != MEIBO_OK;
}

/* The disclosure's list of opt-outs. */
typedef struct opt_ctx {
    const meibo_config *cfg;
    tmpl_vars *v;
    meibo_err *err;
    meibo_status st;
    char in_force_since[11]; /* the received date of the one in force, "" when none */
} opt_ctx;

static int opt_row(const optout_info *o, void *arg)
{
    opt_ctx *c = arg;
    if (o->in_force)
        put(c->in_force_since, sizeof c->in_force_since, o->received_on);
    if (!c->v)
        return 0;
    char received[64], withdrawn[64], state[120];
    letter_date(c->cfg, o->received_on, received, sizeof received);
    if (o->in_force) {
        snprintf(state, sizeof state, "停止中");
    } else {
        letter_date(c->cfg, o->withdrawn_on, withdrawn, sizeof withdrawn);
        snprintf(state, sizeof state, "%s撤回", withdrawn);
    }
    tmpl_vars *e = tmpl_list_add(c->v, "optouts", c->err);
    if (!e) {
        c->st = ERR_CODE(c->err);
        return 1;
    }
    if ((c->st = tmpl_set(e, "received_on", received, c->err)) ||
        (c->st = tmpl_set(e, "document_no", *o->document_no ? o->document_no : "記録なし",
                          c->err)) ||
        (c->st = tmpl_set(e, "state", state, c->err)))
        return 1;
    return 0;
}

/* The fields a disclosure lists: every field of the member but the consent and the opt-out
 * (their own sections), less the withheld ones. */
static bool disclosed_field(member_field f)
{
    return f != MF_DIRECTORY_CONSENT && f != MF_OPTOUT_ON;
}

/* The disclosure's list of the incidents that touch the member (取扱規程 第26条): the date, the
 * kind, the member's items and where it stands; not the summary, which may name others. */
typedef struct incident_rows {
    const meibo_config *cfg;
    tmpl_vars *v;
    meibo_err *err;
    meibo_status st;
    int n;
} incident_rows;

static int incident_row(const incident_info *i, const char *items, void *arg)
{
    incident_rows *c = arg;
    char on[64], words[300];
    letter_date(c->cfg, i->discovered_on, on, sizeof on);
    tmpl_vars *e = tmpl_list_add(c->v, "incidents", c->err);
    if (!e || (c->st = tmpl_setf(e, c->err, "n", "%d", ++c->n)) ||
        (c->st = tmpl_set(e, "discovered_on", on, c->err)) ||
        (c->st = tmpl_set(e, "kind_ja", i->kind_ja, c->err)) ||
        (c->st = tmpl_set(e, "items", incident_items_ja(items, words, sizeof words), c->err)) ||
        (c->st = tmpl_set(e, "state", i->open ? "対応中" : "対応済", c->err))) {
        if (!e)
            c->st = ERR_CODE(c->err);
        return 1;
    }
    return 0;
}

static meibo_status disclosure_vars(meibo_ctx *ctx, const meibo_config *cfg, const req_facts *q,
                                    const meibo_member *m, tmpl_vars *v, meibo_err *err)
{
    char today[16], as_of[64], withheld[1200] = "";
    db_today(ctx, today, sizeof today);
    letter_date(cfg, today, as_of, sizeof as_of);
    decide_policy *pol = calloc(1, sizeof *pol);
    if (!pol)
        return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
    meibo_status st;
    if ((st = policy_load(ctx, 0, pol, err)) ||
        (st = tmpl_set_flag(v, "partial", q->grant == REQUEST_GRANT_PARTIAL, err)) ||
        (st = tmpl_set(v, "as_of", as_of, err)) || (st = tmpl_list(v, "fields", err)) ||
        (st = tmpl_list(v, "optouts", err)) || (st = tmpl_list(v, "provisions", err)))
        goto out;
    size_t used = 0;
    for (int f = 0; f < MF__COUNT; f++) {
        const member_field_info *fi = member_field_get((member_field)f);
        if (!disclosed_field((member_field)f))
            continue;
        if (decide_list_has(q->withheld, fi->name)) {
            int w = snprintf(withheld + used, sizeof withheld - used, "%s%s", used ? "、" : "",
                             fi->ja);
            if (w > 0 && (size_t)w < sizeof withheld - used)
                used += (size_t)w;
            continue;
        }
        /* withdrawal fields only for a member who has left */
        if ((f == MF_WITHDRAWN_ON || f == MF_WITHDRAW_REASON) && !*member_get_field(m, (member_field)f))
            continue;
        if ((st = field_row(cfg, m, (member_field)f, v, "fields", err)))
            goto out;
    }
    const char *consent = member_get_field(m, MF_DIRECTORY_CONSENT);
    if ((st = tmpl_set(v, "consent", !*consent                ? "（記録なし）"
                                     : !strcmp(consent, "yes") ? "同意あり"
                                                               : "同意なし", err)))
        goto out;
    opt_ctx oc = {cfg, v, err, MEIBO_OK, ""};
    if ((st = optout_list(ctx, q->member_no, true, opt_row, &oc, err)) || (st = oc.st))
        goto out;
    prov_ctx pc = {ctx, cfg, pol, q->withheld, v, err, MEIBO_OK, 0, 0};
    if ((st = provision_list(ctx, q->member_no, NULL, prov_row, &pc, err)) || (st = pc.st))
        goto out;
    if (pc.skipped) /* the last piece: snprintf cuts it at the buffer's end */
        snprintf(withheld + used, sizeof withheld - used, "%s第三者への提供の記録 %d件",
                 used ? "、" : "", pc.skipped);
    if ((st = tmpl_set(v, "withheld", withheld, err)))
        goto out;
    incident_rows ir = {cfg, v, err, MEIBO_OK, 0};
    if ((st = tmpl_list(v, "incidents", err)) ||
        (st = tmpl_set(v, "incident_no", q->grant == REQUEST_GRANT_PARTIAL ? "６" : "５", err)) ||
        (st = incident_for_member(ctx, q->member_no, incident_row, &ir, err)) || (st = ir.st))
        goto out;
out:
    free(pol);
    return st;
}

/* The result of a correction, addition, deletion, suspension or stop of provision. */
static meibo_status result_vars(meibo_ctx *ctx, const meibo_config *cfg, const req_facts *q,
                                const meibo_member *m, tmpl_vars *v, meibo_err *err)
{
    bool full = q->grant == REQUEST_GRANT_FULL, none = q->grant == REQUEST_GRANT_NONE;
    bool edit = q->kind == REQUEST_CORRECTION || q->kind == REQUEST_ADDITION ||
                q->kind == REQUEST_DELETION;
    bool stop = q->kind == REQUEST_SUSPENSION || q->kind == REQUEST_STOP_PROVISION;
    const char *ja = request_kind_ja(q->kind);
    char result[400];
    if (none)
        snprintf(result, sizeof result, "お申出の%sは行わないことといたしました。", ja);
    else if (q->kind == REQUEST_STOP_PROVISION)
        snprintf(result, sizeof result, "お申出%s第三者への提供を停止いたしました。",
                 full ? "のとおり" : "の一部について");
    else if (q->kind == REQUEST_SUSPENSION)
        snprintf(result, sizeof result, "お申出%s利用停止等を行いました。",
                 full ? "のとおり" : "の一部について");
    else
        snprintf(result, sizeof result, "お申出%s%sいたしました。",
                 full ? "のとおり" : "の一部について", ja);
    char article[80];
    snprintf(article, sizeof article, "%s", request_kind_article(q->kind));
    meibo_status st;
    if ((st = tmpl_set(v, "kind_ja", ja, err)) || (st = tmpl_set(v, "article", article, err)) ||
        (st = tmpl_set_flag(v, "edit", edit, err)) || (st = tmpl_set(v, "result", result, err)) ||
        (st = tmpl_set_flag(v, "changes", *q->changed != '\0', err)) ||
        /* what was there before stays in the older backups until their rotation */
        (st = tmpl_set_flag(v, "in_backups", *q->changed != '\0' && !none, err)) ||
        (st = tmpl_list(v, "fields", err)))
        return st;
    for (const char *p = q->changed; *p;) {
        size_t n = strcspn(p, ",");
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name - 1 ? n : sizeof name - 1), p);
        int f = member_field_find(name);
        if (f >= 0 && (st = field_row(cfg, m, (member_field)f, v, "fields", err)))
            return st;
        p += n + (p[n] == ',');
    }
    char since[64] = "";
    if (stop && !none) {
        opt_ctx oc = {cfg, NULL, err, MEIBO_OK, ""};
        if ((st = optout_list(ctx, q->member_no, false, opt_row, &oc, err)))
            return st;
        if (*oc.in_force_since)
            letter_date(cfg, oc.in_force_since, since, sizeof since);
    }
    if ((st = tmpl_set_flag(v, "stopped", *since != '\0', err)) ||
        (st = tmpl_set(v, "stopped_on", since, err)))
        return st;
    return MEIBO_OK;
}

/* How long the backups keep what the letter speaks of (取扱規程 第19条): their rotation of
 * meibo.conf (backup_keep_monthly, backup_keep_daily), as the member reads it. */
static void backup_period(const meibo_config *cfg, char *buf, size_t len)
{
    if (cfg->backup_keep_monthly > 0)
        snprintf(buf, len, "作成から最長%dか月", cfg->backup_keep_monthly);
    else if (cfg->backup_keep_daily > 0)
        snprintf(buf, len, "作成から最長%d日", cfg->backup_keep_daily);
    else
        snprintf(buf, len, "保管を終えるまで");
}

/* A notice given out (not previewed): its request is notified (letter_record()). */
static meibo_status notice_delivered(meibo_ctx *ctx, const letter *l, meibo_err *err)
{
    return request_notified(ctx, l->request_id, err);
}

meibo_status letter_request(meibo_ctx *ctx, const meibo_config *cfg, int64_t id,
                            letter_format fmt, letter *out, meibo_err *err)
{
    memset(out, 0, sizeof *out);
    out->format = fmt;
    out->request_id = id;
    out->delivered = notice_delivered;
    meibo_status st;
    if ((st = auth_require(ctx, MEIBO_ROLE_CLERK, "print a letter", err)) ||
        (st = letter_settings_check(cfg, err)))
        return st;
    req_facts *q = calloc(1, sizeof *q);
    tmpl_vars *v = NULL;
    meibo_member m;
    member_init(&m);
    if (!q || !(v = tmpl_vars_new(err))) {
        st = meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        goto out;
    }
    if ((st = request_show(ctx, id, req_take, q, err)))
        goto out;
    if (q->state == REQUEST_STATUS_RECEIVED) {
        st = meibo_fail_field(err, MEIBO_ERR_INVALID, "id",
                              "rights request %" PRId64 " is not decided yet: there is no notice "
                              "to print (meibo request decide %" PRId64 ")", id, id);
        goto out;
    }
    /* a person the registry does not hold (第22条第2項): addressed as they wrote */
    bool held = *q->member_no != '\0';
    if (held && (st = member_load(ctx, q->member_no, 0, &m, err)))
        goto out;
    if (!held && ((st = member_set(&m, MF_FAMILY_NAME, q->requester_name, err)) ||
                  (st = member_set(&m, MF_HOME_ADDRESS, q->requester_address, err))))
        goto out;
    put(out->member_no, sizeof out->member_no, q->member_no);
    bool disclosure = q->kind == REQUEST_DISCLOSURE, none = q->grant == REQUEST_GRANT_NONE;
    out->kind = !disclosure ? LETTER_CORRECTION
                : none      ? LETTER_NONDISCLOSURE
                : held      ? LETTER_DISCLOSURE
                            : LETTER_NO_DATA;
    char decided[64], content[1700], backups[64];
    letter_date(cfg, q->decided_on, decided, sizeof decided);
    backup_period(cfg, backups, sizeof backups);
    if (*q->content)
        snprintf(content, sizeof content, "%s", q->content);
    else
        snprintf(content, sizeof content, "保有個人データの%s", request_kind_ja(q->kind));
    if ((st = letter_common_vars(ctx, cfg, v, err)) ||
        (st = head_vars(cfg, "請求番号", id, &m, q->agent, q->received_on, v, err)) ||
        /* who notified for the member (取扱規程 第7–8条): family and staff are not agents */
        (st = tmpl_set(v, "agent_label", !strcmp(q->notifier, "family")           ? "ご家族"
                                         : !strcmp(q->notifier, "facility_staff") ? "施設職員"
                                                                                  : "代理人",
                       err)) ||
        (st = tmpl_set(v, "content", content, err)) ||
        (st = tmpl_set(v, "decided_on", decided, err)) ||
        (st = tmpl_set(v, "reason_text", q->reason_text, err)) ||
        (st = tmpl_set(v, "reason_article", q->reason_article, err)) ||
        (st = tmpl_set(v, "note", q->note, err)) ||
        (st = tmpl_set(v, "backup_period", backups, err)))
        goto out;
    if (out->kind == LETTER_DISCLOSURE)
        st = disclosure_vars(ctx, cfg, q, &m, v, err);
    else if (out->kind == LETTER_CORRECTION)
        st = result_vars(ctx, cfg, q, &m, v, err);
out:
    st = letter_end(ctx, cfg, st, v, out, err);
    member_clear(&m);
    free(q);
    return st;
}

meibo_status rights_letter_head(const meibo_config *cfg, const char *label, int64_t number,
                                const meibo_member *m, tmpl_vars *v, meibo_err *err)
{
    return head_vars(cfg, label, number, m, "", "", v, err);
}

/* decide.c: the inquiry decision (規程 第19–22条, 取扱規程 第5–6条), pure: no I/O, no clock. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "meibo/date.h"
#include "meibo/decide.h"
#include "meibo/text.h"

static const char *const outcome_names[] = {"provide", "partial", "refuse", "hold", "not_found"};

static const char *const reason_names[] = {
#define DECIDE_R_NAME(id, code) code,
    DECIDE_REASONS(DECIDE_R_NAME)
#undef DECIDE_R_NAME
};

const char *decide_outcome_name(decide_outcome o)
{
    return (unsigned)o < sizeof outcome_names / sizeof *outcome_names ? outcome_names[o] : "?";
}

int decide_outcome_parse(const char *s)
{
    for (size_t i = 0; s && i < sizeof outcome_names / sizeof *outcome_names; i++)
        if (!strcmp(s, outcome_names[i]))
            return (int)i;
    return -1;
}

const char *decide_reason_name(decide_reason_code r)
{
    return (unsigned)r < DECIDE_R__COUNT ? reason_names[r] : "?";
}

meibo_status decide_items_parse(const char *s, const char *field, unsigned *mask, meibo_err *err)
{
    unsigned m = 0;
    *mask = 0;
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p == ',' || *p == ' ')
            continue;
        unsigned bit = DECIDE_ITEM_BIT(*p);
        if (!bit)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, field,
                                    "%s: '%s' is not a list of items a–f (第20条第1項), e.g. a,d",
                                    field, s);
        if (m & bit)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, field, "%s: item %c given twice",
                                    field, *p);
        m |= bit;
    }
    if (!m)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, field,
                                "%s: give at least one item of a–f (第20条第1項)", field);
    *mask = m;
    return MEIBO_OK;
}

void decide_items_format(unsigned mask, char *buf, size_t len)
{
    size_t used = 0;
    if (!len)
        return;
    buf[0] = '\0';
    for (int i = 0; i < DECIDE_ITEMS; i++) {
        if (!(mask & (1u << i)) || used + 3 > len)
            continue;
        if (used)
            buf[used++] = ',';
        buf[used++] = (char)('a' + i);
        buf[used] = '\0';
    }
}

const decide_category *decide_category_find(const decide_policy *p, const char *code)
{
    for (int i = 0; code && i < p->ncategories; i++)
        if (!strcmp(p->categories[i].code, code))
            return &p->categories[i];
    return NULL;
}

const decide_purpose *decide_purpose_find(const decide_policy *p, const char *code)
{
    for (int i = 0; code && i < p->npurposes; i++)
        if (!strcmp(p->purposes[i].code, code))
            return &p->purposes[i];
    return NULL;
}

bool decide_list_has(const char *list, const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (!list || !n)
        return false;
    for (const char *p = list; *p;) {
        size_t k = strcspn(p, ",");
        if (k == n && !strncmp(p, code, n))
            return true;
        p += k;
        if (*p == ',')
            p++;
    }
    return false;
}

bool decide_pledge_covers(const decide_pledge *p, const char *today, unsigned medium,
                          const char *purpose, unsigned items)
{
    if (!p || p->revoked || !p->valid_until || !today || strcmp(p->valid_until, today) < 0)
        return false;
    return (p->media & medium) == medium && (p->items & items) == items &&
           decide_list_has(p->purposes, purpose);
}

static bool has_text(const char *s)
{
    return s && *s;
}

/* The ground of a (checked) request. */
static decide_ground decide_ground_of(const decide_policy *p, const decide_request *req)
{
    const decide_category *cat = decide_category_find(p, req->category);
    if (cat && !strcmp(cat->code, "self"))
        return DECIDE_GROUND_DISCLOSURE;
    if (has_text(req->legal_basis))
        return DECIDE_GROUND_STATUTE;
    if (req->emergency)
        return DECIDE_GROUND_EMERGENCY;
    return DECIDE_GROUND_PURPOSE;
}

/*
 * Check a request: the category exists, items are a non-empty subset of a–f, one ground
 * (a statute, with its document, or an emergency, neither with a purpose; an emergency is not
 * the member's own request), electronic media only with a written method, today a date.
 * Refused whole with the field named. (A purpose that is not one of 第20条第1項's, and a
 * statute from a category that may not cite one, are decided: refused, not input errors.)
 */
static meibo_status decide_check(const decide_policy *p, const decide_request *req, meibo_err *err)
{
    const decide_category *cat = decide_category_find(p, req->category);
    if (!cat)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "category",
                                "category: '%s' is not a recipient category of policy version "
                                "%lld (see: meibo policy show)",
                                req->category ? req->category : "", (long long)p->version);
    if (!req->items || (req->items & ~DECIDE_ALL_ITEMS))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "items",
                                "items: give at least one item of a–f (第20条第1項)");
    if ((unsigned)req->method > DECIDE_OTHER)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "method", "method: written or other");
    if ((unsigned)req->medium > DECIDE_ELECTRONIC)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "medium", "medium: paper or electronic");
    if (req->medium == DECIDE_ELECTRONIC && req->method != DECIDE_WRITTEN)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "medium",
                                "medium: electronic media (取扱規程 第5条) are a written method; "
                                "give method written");
    bool statute = has_text(req->legal_basis);
    if (statute && req->emergency)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "emergency",
                                "emergency: a request rests on one ground: a statute (第19条第1項"
                                "第1号) or an emergency (第19条第1項第2号), not both");
    if (req->emergency && !strcmp(cat->code, "self"))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "emergency",
                                "emergency: the member's own request is a disclosure (第22条), "
                                "not an emergency provision to a third party (第19条第1項第2号)");
    if ((statute || req->emergency) && has_text(req->purpose))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "purpose",
                                "purpose: a request %s rests on it, not on a purpose of 第20条第1項; "
                                "leave the purpose empty",
                                statute ? "under a statute (第19条第1項第1号)"
                                        : "in an emergency (第19条第1項第2号)");
    if (statute && cat->legal_basis && !has_text(req->legal_document))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "legal_document",
                                "legal_document: a request under a statute (第19条第1項第1号) is "
                                "answered on its written request: give the document's number "
                                "and date (照会書)");
    if (!req->today || !date_iso_valid(req->today))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "today", "today: not a YYYY-MM-DD date");
    return MEIBO_OK;
}

/* ---- reasons ----------------------------------------------------------------------------- */

void decide_reason_add(decide_result *r, decide_reason_code code, const char *article,
                       const char *fmt, ...)
{
    if (r->nreasons >= DECIDE_MAX_REASONS)
        return; /* cannot happen: at most 3 + 5 + 7 + 4 reasons */
    decide_reason *x = &r->reasons[r->nreasons++];
    char text[2 * DECIDE_TEXT_LEN];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    text_copy_cut(x->code, sizeof x->code, decide_reason_name(code));
    text_copy_cut(x->article, sizeof x->article, article);
    text_copy_cut(x->text, sizeof x->text, text);
}

const decide_reason *decide_reason_find(const decide_result *r, const char *code)
{
    for (int i = 0; i < r->nreasons; i++)
        if (!strcmp(r->reasons[i].code, code))
            return &r->reasons[i];
    return NULL;
}

static void result_init(decide_result *out, const decide_policy *p, const decide_request *req)
{
    memset(out, 0, sizeof *out);
    out->outcome = DECIDE_REFUSE;
    out->requested = req->items;
    out->policy_version = p->version;
}

/* ---- step 1: the requester, before the member is looked up -------------------------------- */

/* The first pledge that covers the request, or NULL; @p purpose NULL: any purpose (the grounds
 * of 第19条第1項 have none). */
static const decide_pledge *pledge_find(const decide_pledge *pledges, int n, const char *today,
                                        unsigned medium, const char *purpose, unsigned items)
{
    for (int i = 0; i < n; i++) {
        const char *pur = purpose ? purpose : pledges[i].purposes;
        size_t k = pur ? strcspn(pur, ",") : 0;
        char first[DECIDE_CODE_LEN];
        snprintf(first, sizeof first, "%.*s", (int)k, pur ? pur : "");
        if (decide_pledge_covers(&pledges[i], today, medium, purpose ? purpose : first, items))
            return &pledges[i];
    }
    return NULL;
}

/* Step 1b: the ground. Refusal reasons are added and the caller refuses; a statute or an
 * emergency adds its hold for the chief officer. Returns the purpose (purpose ground), else
 * NULL. */
static const decide_purpose *decide_ground_step(const decide_policy *p, const decide_request *req,
                                                const decide_category *cat, decide_result *out)
{
    switch (out->ground) {
    case DECIDE_GROUND_DISCLOSURE:
        return NULL;
    case DECIDE_GROUND_STATUTE:
        if (!cat->legal_basis) {
            decide_reason_add(out, DECIDE_R_STATUTE_CATEGORY, "第20条第3項(f)(g)(h), 第20条第5項",
                              "法令に基づく照会として扱うのは第20条第3項(f)(g)(h)の相手方からの"
                              "照会です。この相手方 (%s) への提供は第20条第1項の利用目的によります",
                              cat->text);
            return NULL;
        }
        out->legal_basis = true;
        out->hold |= DECIDE_HOLD_CHIEF;
        decide_reason_add(out, DECIDE_R_LEGAL_BASIS, "第19条第1項第1号",
                          "法令 (%s) に基づく照会です (照会書 %s)。第20条第1項の利用目的によらず、"
                          "照会書が求める項目の提供を個人情報総責任者が判断します",
                          req->legal_basis, req->legal_document ? req->legal_document : "");
        return NULL;
    case DECIDE_GROUND_EMERGENCY:
        out->hold |= DECIDE_HOLD_CHIEF;
        decide_reason_add(out, DECIDE_R_EMERGENCY, "第19条第1項第2号",
                          "人の生命、身体又は財産の保護のための緊急の申立てです。第20条第1項の"
                          "利用目的によらず、本人の同意を得ることが困難かを含め個人情報総責任者"
                          "が判断します");
        return NULL;
    case DECIDE_GROUND_PURPOSE: break;
    }
    const decide_purpose *purpose = decide_purpose_find(p, req->purpose);
    if (!purpose) {
        char shown[200];
        text_copy_cut(shown, sizeof shown, has_text(req->purpose) ? req->purpose : "");
        if (*shown)
            decide_reason_add(out, DECIDE_R_PURPOSE_UNLISTED, "第20条第1項",
                              "利用目的「%s」は、照会に応じて提供する場合の利用目的 (第20条第1項) "
                              "のいずれにも当たりません",
                              shown);
        else
            decide_reason_add(out, DECIDE_R_PURPOSE_UNLISTED, "第20条第1項",
                              "利用目的が示されていません。照会には第20条第1項の利用目的のいずれか"
                              "が必要です");
        return NULL;
    }
    if (!decide_list_has(purpose->categories, cat->code)) {
        decide_reason_add(out, DECIDE_R_PURPOSE_SCOPE, purpose->article,
                          "利用目的「%s」は、この相手方 (%s、%s) が用いる利用目的ではありません"
                          "%s",
                          purpose->text, cat->text, cat->article,
                          !strcmp(purpose->scope, "internal")
                              ? " (本会が実施する事業のための利用目的です)"
                              : "");
        return NULL;
    }
    return purpose;
}

/* Step 1c: the verdict of each item. */
static void decide_items(const decide_policy *p, const decide_request *req,
                         const decide_purpose *purpose, decide_result *out)
{
    switch (out->ground) {
    case DECIDE_GROUND_DISCLOSURE:
        out->provided = req->items;
        decide_reason_add(out, DECIDE_R_SELF_DISCLOSURE, "第22条第1項",
                          "本人からの照会は保有個人データの開示として扱います");
        return;
    case DECIDE_GROUND_STATUTE:
    case DECIDE_GROUND_EMERGENCY:
        out->provided = req->items; /* the items the request names; the chief decides */
        return;
    case DECIDE_GROUND_PURPOSE: break;
    }
    for (int i = 0; i < DECIDE_ITEMS; i++) {
        unsigned bit = 1u << i;
        if (!(req->items & bit))
            continue;
        const decide_item *it = &p->items[i];
        if (purpose->items & bit) {
            out->provided |= bit;
            decide_reason_add(out, DECIDE_R_ITEM_PROVIDED, it->article,
                              "%s: 利用目的「%s」に該当します", it->name, purpose->text);
        } else {
            decide_reason_add(out, DECIDE_R_ITEM_WITHHELD, it->article,
                              "%s: 利用目的「%s」では提供しない項目です", it->name, purpose->text);
        }
    }
}

/* Step 1d: what the requester must still provide: the method, the medium and the pledge. */
static void decide_provide_step(const decide_request *req, const decide_category *cat,
                                const decide_pledge *pledges, int npledges, decide_result *out)
{
    bool self = out->ground == DECIDE_GROUND_DISCLOSURE;
    if (req->method == DECIDE_OTHER) {
        if (self) {
            decide_reason_add(out, DECIDE_R_SELF_OTHER_METHOD, "第22条第3項",
                              "本人の同意により書面以外の方法で開示します");
        } else {
            out->hold |= DECIDE_HOLD_CHIEF;
            decide_reason_add(out, DECIDE_R_NOT_WRITTEN, "第20条第2項",
                              "提供は書面で行います。書面以外の方法には本会(個人情報総責任者)の"
                              "同意が必要です (この同意は提供の方法についてのもので、誓約書その他"
                              "の条件に代わりません)");
        }
    }
    bool electronic = req->medium == DECIDE_ELECTRONIC;
    if (electronic) {
        out->hold |= DECIDE_HOLD_CHIEF;
        decide_reason_add(out, DECIDE_R_ELECTRONIC, "取扱規程 第5条, 第38条",
                          "電子媒体では提供しません。やむを得ない場合は個人情報総責任者の承認の"
                          "うえ、暗号化し、パスワードは別送します");
    }
    if (self)
        return;
    bool purpose_ground = out->ground == DECIDE_GROUND_PURPOSE;
    if (!electronic && !purpose_ground) {
        bool statute = out->ground == DECIDE_GROUND_STATUTE;
        decide_reason_add(out, DECIDE_R_NO_PLEDGE,
                          statute ? "取扱規程 第6条, 第19条第1項第1号"
                                  : "取扱規程 第6条, 第19条第1項第2号",
                          "取扱規程第6条の誓約書は、本会業務および会員への連絡通知等に必要な場合"
                          "に紙媒体で提供する条件です。本件は%s (第19条第1項%s) による提供のため、"
                          "誓約書を求めません",
                          statute ? "法令に基づく場合" : "人の生命、身体又は財産の保護",
                          statute ? "第1号" : "第2号");
        return;
    }
    if (!electronic && !cat->pledge_required)
        return;
    const char *article = electronic ? "取扱規程 第5条" : "取扱規程 第6条";
    unsigned medium = electronic ? DECIDE_MEDIA_ELECTRONIC : DECIDE_MEDIA_PAPER;
    const decide_pledge *pl = pledge_find(pledges, npledges, req->today, medium,
                                          purpose_ground ? req->purpose : NULL, out->provided);
    char items[16];
    decide_items_format(out->provided, items, sizeof items);
    if (pl) {
        out->pledge_id = pl->id;
        decide_reason_add(out, DECIDE_R_PLEDGE_ON_FILE, article,
                          "有効な誓約書 (整理番号 %s、%sまで) が提出されています",
                          pl->document_no ? pl->document_no : "", pl->valid_until);
    } else {
        out->hold |= DECIDE_HOLD_PLEDGE;
        decide_reason_add(out, DECIDE_R_PLEDGE_MISSING, article,
                          "%s媒体での提供には、この相手方から%s媒体・利用目的・項目 %s を含む有効な"
                          "誓約書の提出が必要です",
                          electronic ? "電子" : "紙", electronic ? "電子" : "紙", items);
    }
}

/* Step 1a: who receives. Adds the refusal reasons and returns false, or adds the reason that
 * the recipient is permitted and returns true. */
static void unverified(decide_result *out)
{
    decide_reason_add(out, DECIDE_R_UNVERIFIED, "第20条第4項(a)",
                      "照会に際し、利用目的や出身母体、身元が明確にされていません");
}

static bool recipient_step(const decide_recipient_req *req, decide_result *out)
{
    const decide_category *cat = req->category;
    int before = out->nreasons;
    if (!cat) { /* no category: nobody the rules name (第20条第3項) */
        unverified(out);
        return false;
    }
    if (!cat->permitted)
        decide_reason_add(out, DECIDE_R_FORBIDDEN, cat->article,
                          "照会に応じて個人情報を提供することができない相手方です: %s", cat->text);
    if (req->deny_listed)
        decide_reason_add(out, DECIDE_R_DENY_LISTED, "第20条第4項(d)",
                          "個人情報総責任者が不可と認めた照会者です");
    if (!req->identity_verified)
        unverified(out);
    if (out->nreasons == before && req->sheet &&
        !decide_list_has(req->sheet_categories, cat->code))
        decide_reason_add(out, DECIDE_R_SHEET_CATEGORY, "取扱規程 第4条, 第20条第1項",
                          "この名簿 (%s) は、この相手方 (%s、%s) には提供しません", req->sheet,
                          cat->text, cat->article);
    if (out->nreasons > before)
        return false;
    decide_reason_add(out, DECIDE_R_PERMITTED, cat->article, "提供可能な相手方です: %s", cat->text);
    return true;
}

void decide_recipient(const decide_recipient_req *req, decide_result *out)
{
    memset(out, 0, sizeof *out);
    out->outcome = recipient_step(req, out) ? DECIDE_PROVIDE : DECIDE_REFUSE;
}

/* Step 1 with the pledges (decide_requester() passes none: a pledge hold is then reported). */
static meibo_status requester_step(const decide_policy *p, const decide_request *req,
                                   const decide_pledge *pledges, int npledges,
                                   decide_result *out, meibo_err *err)
{
    meibo_status st = decide_check(p, req, err);
    if (st)
        return st;
    result_init(out, p, req);
    const decide_category *cat = decide_category_find(p, req->category);
    out->ground = decide_ground_of(p, req);
    /* a. who asks */
    decide_recipient_req who = {cat, req->deny_listed, req->identity_verified, NULL, NULL};
    if (!recipient_step(&who, out)) {
        out->outcome = DECIDE_REFUSE;
        return MEIBO_OK;
    }
    /* b. the ground */
    int before = out->nreasons;
    const decide_purpose *purpose = decide_ground_step(p, req, cat, out);
    if (out->ground == DECIDE_GROUND_PURPOSE && !purpose) {
        out->outcome = DECIDE_REFUSE;
        return MEIBO_OK;
    }
    if (out->ground == DECIDE_GROUND_STATUTE && !out->legal_basis && out->nreasons > before) {
        out->outcome = DECIDE_REFUSE;
        return MEIBO_OK;
    }
    /* c. the items */
    decide_items(p, req, purpose, out);
    if (!out->provided) {
        out->outcome = DECIDE_REFUSE;
        out->hold = 0;
        decide_reason_add(out, DECIDE_R_NOTHING_LEFT, "第20条第1項",
                          "利用目的「%s」では照会の項目をいずれも提供できません",
                          purpose ? purpose->text : "");
        return MEIBO_OK;
    }
    /* d. what the requester must still provide */
    decide_provide_step(req, cat, pledges, npledges, out);
    out->member_needed = true;
    if (req->chief_consented)
        out->hold &= ~(unsigned)DECIDE_HOLD_CHIEF;
    out->outcome = out->hold ? DECIDE_HOLD
                   : out->provided == out->requested ? DECIDE_PROVIDE
                                                     : DECIDE_PARTIAL;
    return MEIBO_OK;
}

meibo_status decide_requester(const decide_policy *p, const decide_request *req,
                              decide_result *out, meibo_err *err)
{
    return requester_step(p, req, NULL, 0, out, err);
}

/* ---- steps 2–3: the member ------------------------------------------------------------------ */

meibo_status decide_inquiry(const decide_policy *p, const decide_request *req,
                            const decide_member *member, const decide_pledge *pledges,
                            int npledges, decide_result *out, meibo_err *err)
{
    /* 1. the requester */
    meibo_status st = requester_step(p, req, pledges, npledges, out, err);
    if (st || !out->member_needed)
        return st;
    const decide_category *cat = decide_category_find(p, req->category);
    bool self = out->ground == DECIDE_GROUND_DISCLOSURE;
    /* with a hold left, the member's facts are only reasons for the chief officer */
    bool held = out->hold != 0;
    out->member_consulted = !held;

    /* 2. the member */
    if (!member || !member->found) {
        if (self)
            decide_reason_add(out, DECIDE_R_NOT_FOUND, "第22条第2項",
                              "本人が識別される保有個人データは存在しません");
        else
            decide_reason_add(out, DECIDE_R_NOT_FOUND, cat->article,
                              "照会の会員は登録されていません%s",
                              held ? " (保留中: 照会者への次の手続は変わりません)" : "");
        if (!held) {
            out->outcome = DECIDE_NOT_FOUND;
            out->provided = 0;
            out->pledge_id = 0;
        }
        return MEIBO_OK;
    }

    /* 3. the member's facts */
    if (member->opted_out && !self) {
        if (out->ground == DECIDE_GROUND_STATUTE) {
            decide_reason_add(out, DECIDE_R_OPTOUT_LEGAL, "第20条第5項",
                              "第三者提供停止の申出がありますが、第20条第3項(f)(g)(h)の日本の法令"
                              "に基づく照会 (%s) のため停止の対象外です (但し書)",
                              req->legal_basis);
        } else if (out->ground == DECIDE_GROUND_EMERGENCY) {
            decide_reason_add(out, DECIDE_R_OPTOUT_EMERGENCY, "第19条第1項第2号, 第20条第5項",
                              "第三者提供停止の申出がある会員です。人の生命、身体又は財産の保護の"
                              "ための提供かを個人情報総責任者が判断します");
        } else {
            decide_reason_add(out, DECIDE_R_OPTED_OUT, "第20条第5項",
                              "本人の書面による申請に基づき第三者への提供を停止しています");
            if (!held) {
                out->outcome = DECIDE_REFUSE;
                out->provided = 0;
                out->pledge_id = 0;
                return MEIBO_OK;
            }
        }
    }
    if (!self && (!member->status || strcmp(member->status, "active") != 0)) {
        if (!held && !req->chief_consented)
            out->hold |= DECIDE_HOLD_CHIEF;
        decide_reason_add(out, DECIDE_R_FORMER_MEMBER, "第20条",
                          "在籍していない会員 (%s) についての照会は第20条の方針の想定外のため、"
                          "個人情報総責任者が判断します",
                          !member->status                      ? "?"
                          : !strcmp(member->status, "withdrawn") ? "退会"
                          : !strcmp(member->status, "deceased")  ? "逝去"
                                                                 : member->status);
    }
    if (out->hold)
        out->outcome = DECIDE_HOLD;
    return MEIBO_OK;
}

/* label.c: the words of the codes the core stores (label.h), one table per kind. */
#include <stdio.h>
#include <string.h>

#include "meibo/label.h"
#include "meibo/member.h"

typedef struct label_row {
    const char *code, *ja, *en;
} label_row;

static const label_row roles[] = {
    {"chief", "個人情報総責任者", "chief officer"},
    {"manager", "個人情報管理者", "manager"},
    {"clerk", "従事者", "clerk"},
    {NULL, NULL, NULL}};

static const label_row member_statuses[] = {
    {"active", "在籍", "active"}, {"withdrawn", "退会", "withdrawn"},
    {"deceased", "逝去", "deceased"}, {NULL, NULL, NULL}};

static const label_row accounts[] = {
    {"active", "有効", "active"},
    {"disabled", "無効", "disabled"},
    {"expired", "雇用期間の終了", "term ended"},
    {"awaiting approval", "総責任者の承認待ち", "awaiting approval"},
    {"no pledge", "誓約書が未登録", "no pledge on file"},
    {"locked", "ログイン待機中", "login delayed"},
    {NULL, NULL, NULL}};

/* Each category once, in its own words: (c) of 第20条第4項 names two bodies */
static const label_row categories[] = {
    {"self", "本人", "the member"},
    {"family", "家族・近親者", "family"},
    {"colleague", "同じ施設の者", "colleague"},
    {"member", "本会会員・役員・委員", "society member or officer"},
    {"academic", "学術団体", "academic society"},
    {"government", "官公庁・裁判所", "government or court"},
    {"police", "警察・検察・弁護士会", "police, prosecutors, bar association"},
    {"agency", "国の機関等", "national agency"},
    {"patient_group", "患者会等", "patient group"},
    {"commercial", "営利企業等", "commercial company"},
    {"investigator", "興信所", "private investigator"},
    {"press", "報道機関", "press"},
    {"branch", "本会の支部", "society branch"},
    {"meeting", "学術集会・地方会運営事務局", "meeting secretariat"},
    {"contractor", "取扱いの委託先", "contractor"},
    {NULL, NULL, NULL}};

static const label_row outcomes[] = {
    {"provide", "提供", "provide"},      {"partial", "一部提供", "partial"},
    {"refuse", "拒否", "refuse"},        {"hold", "保留", "hold"},
    {"not_found", "該当なし", "not found"}, {NULL, NULL, NULL}};

static const label_row decisions[] = {
    {"initial", "受付時の判定", "on receipt"},
    {"release", "誓約書による解除", "released by a pledge"},
    {"approve", "総責任者の承認", "approved by the chief"},
    {"deny", "総責任者の不承認", "denied by the chief"},
    {"void", "誤登録の取消", "voided"},
    {NULL, NULL, NULL}};

static const label_row inquiry_states[] = {
    {"decided", "判定済み", "decided"},   {"pending", "承認待ち", "pending"},
    {"approved", "承認済み", "approved"}, {"denied", "不承認", "denied"},
    {"void", "取消（誤登録）", "voided (recorded by mistake)"}, {NULL, NULL, NULL}};

static const label_row export_states[] = {
    {"pending", "承認待ち", "pending"}, {"ready", "承認済み・未出力", "approved"},
    {"denied", "不承認", "denied"},     {"done", "出力済み", "done"},
    {NULL, NULL, NULL}};

static const label_row pledge_states[] = {
    {"active", "有効", "active"}, {"revoked", "取消", "revoked"},
    {"expired", "期限切れ", "expired"}, {NULL, NULL, NULL}};

static const label_row request_states[] = {
    {"received", "受付", "received"}, {"decided", "決定済", "decided"},
    {"completed", "完了", "completed"}, {NULL, NULL, NULL}};

static const label_row request_decisions[] = {
    {"full", "全部", "in full"}, {"partial", "一部", "in part"},
    {"none", "応じない", "not at all"}, {NULL, NULL, NULL}};

static const label_row channels[] = {
    {"phone", "電話", "phone"}, {"letter", "書面", "letter"}, {"fax", "FAX", "fax"},
    {"email", "メール", "e-mail"}, {"counter", "窓口", "counter"}, {NULL, NULL, NULL}};

static const label_row media[] = {
    {"paper", "紙", "paper"}, {"electronic", "電子媒体", "electronic"},
    {"paper,electronic", "紙・電子媒体", "paper, electronic"}, {NULL, NULL, NULL}};

static const label_row methods[] = {
    {"written", "書面", "in writing"}, {"other", "書面以外（電話等）", "other (telephone...)"}, {NULL, NULL, NULL}};

static const label_row actions[] = {
    {"login", "ログイン", "log in"},
    {"login_failed", "ログイン失敗", "failed login"},
    {"logout", "ログアウト", "log out"},
    {"lock", "画面ロック", "screen locked"},
    {"audit.read", "アクセス記録の閲覧", "access log read"},
    {"backup", "バックアップ", "backup"},
    {"restore", "復元", "restore"},
    {"import", "取込み", "import"},
    {"search", "検索", "search"},
    {"search.reindex", "検索索引の再作成", "search reindexed"},
    {"member.read", "会員の閲覧", "member read"},
    {"member.reveal", "秘匿項目の表示", "masked fields shown"},
    {"member.create", "会員の登録", "member added"},
    {"member.update", "会員情報の変更", "member changed"},
    {"member.withdraw", "退会処理", "member withdrawn"},
    {"optout.add", "提供停止の記録", "opt-out recorded"},
    {"optout.withdraw", "提供停止の撤回", "opt-out withdrawn"},
    {"optout.read", "提供停止の閲覧", "opt-outs read"},
    {"optout.written", "提供停止の書面確認", "opt-out form on file"},
    {"optout.print", "提供停止の通知の印刷", "opt-out letter printed"},
    {"inquiry.add", "照会の記録", "inquiry recorded"},
    {"inquiry.decide", "照会の判定", "inquiry decided"},
    {"inquiry.approve", "照会の承認", "inquiry approved"},
    {"inquiry.deny", "照会の不承認", "inquiry denied"},
    {"inquiry.release", "照会の保留解除", "inquiry released"},
    {"inquiry.list", "照会一覧の閲覧", "inquiries listed"},
    {"inquiry.read", "照会の閲覧", "inquiry read"},
    {"inquiry.print", "回答書の印刷", "answer printed"},
    {"provision.read", "提供記録の閲覧", "provisions read"},
    {"pledge.add", "誓約書の登録", "pledge registered"},
    {"pledge.revoke", "誓約書の取消", "pledge revoked"},
    {"pledge.print", "誓約書の印刷", "pledge printed"},
    {"denylist.add", "提供禁止先の登録", "deny-list entry added"},
    {"denylist.remove", "提供禁止先の削除", "deny-list entry removed"},
    {"export.request", "出力の申請", "export requested"},
    {"export.approve", "出力の承認", "export approved"},
    {"export.deny", "出力の不承認", "export denied"},
    {"export.preview", "出力の下見", "export previewed"},
    {"export.run", "出力の実行", "export run"},
    {"export.member", "出力された会員", "member exported"},
    {"request.add", "請求の受付", "request received"},
    {"request.decide", "請求の決定", "request decided"},
    {"request.complete", "請求の完了", "request completed"},
    {"request.read", "請求の閲覧", "request read"},
    {"request.print", "請求の通知の印刷", "request letter printed"},
    {"incident.add", "事故の記録", "incident recorded"},
    {"incident.update", "事故の更新", "incident updated"},
    {"incident.close", "事故の終結", "incident closed"},
    {"incident.read", "事故の閲覧", "incident read"},
    {"incident.print", "事故の報告の印刷", "incident report printed"},
    {"inspect.run", "点検の実施", "inspection run"},
    {"inspect.record", "点検の記録", "inspection recorded"},
    {"inspect.ack", "点検の確認", "inspection acknowledged"},
    {"inspect.print", "点検報告の印刷", "inspection report printed"},
    {"ledger.print", "台帳の印刷", "ledger printed"},
    {"permission.grant", "複製の許可", "copy permitted"},
    {"permission.revoke", "複製の許可の取消", "copy permission revoked"},
    {"policy.edit", "提供方針の変更", "policy changed"},
    {"purge", "消去", "purge"},
    {"purge.preview", "消去の下見", "purge previewed"},
    {"recipient.add", "提供先の登録", "recipient registered"},
    {"recipient.edit", "提供先の変更", "recipient changed"},
    {"retention.set", "保存期間の設定", "retention set"},
    {"stats.table", "統計表の作成", "statistics table"},
    {"stats.anonymise", "匿名加工", "anonymised data"},
    {"user.bootstrap", "総責任者の登録", "first account"},
    {"user.add", "利用者の追加", "user added"},
    {"user.disable", "利用者の無効化", "user disabled"},
    {"user.approve", "期間雇用IDの承認", "fixed-term ID approved"},
    {"user.password", "パスワードの設定", "password set"},
    {"user.unlock", "ログイン待機の解除", "login delay cleared"},
    {"user.term", "雇用期間の終了日の設定", "term end set"},
    {"user.pledge", "秘密保持誓約書の登録", "confidentiality pledge"},
    {"user.training", "教育・訓練の記録", "training recorded"},
    {NULL, NULL, NULL}};

static const label_row detail_keys[] = {
    {"reason", "理由", "reason"},       {"failures", "失敗回数", "failures"},
    {"waited", "待機秒", "waited s"},   {"next_wait", "次の待機秒", "next wait s"},
    {"role", "役割", "role"},           {"fields", "項目", "fields"},
    {"query", "検索語", "query"},       {"shown", "表示件数", "shown"},
    {"status", "状態", "status"},       {"member", "会員", "member"},
    {"members", "会員数", "members"},   {"user", "利用者", "user"},
    {"login", "利用者ID", "login"},     {"since", "から", "since"},
    {"until", "まで", "until"},         {"rows", "件数", "rows"},
    {"limit", "上限", "limit"},         {"after_id", "起点", "after"},
    {"before_id", "起点", "before"},    {"id", "番号", "no"},
    {"category", "提供先の区分", "category"}, {"purpose", "目的", "purpose"},
    {"purposes", "目的", "purposes"},   {"items", "項目", "items"},
    {"media", "媒体", "media"},         {"recipient", "提供先", "recipient"},
    {"pledge", "誓約書", "pledge"},     {"outcome", "判定", "outcome"},
    {"decision", "決定", "decision"},   {"kind", "種別", "kind"},
    {"term_end", "雇用期間の終了日", "term end"}, {"fixed_term", "期間雇用", "fixed term"},
    {"valid_until", "有効期限", "valid until"}, {"columns", "列", "columns"},
    {"included", "対象", "included"},   {"file", "ファイル", "file"},
    {"total", "合計", "total"},         {"by", "実施者", "by"},
    {"format", "形式", "format"},       {"to", "宛先", "to"},
    {"from", "から", "from"},           {"letter", "文書", "letter"},
    {NULL, NULL, NULL}};

static const label_row login_reasons[] = {
    {"bad_password", "パスワードの誤り", "wrong password"},
    {"unknown_login", "登録のない利用者ID", "unknown user ID"},
    {"disabled", "無効のID", "disabled ID"},
    {"term_ended", "雇用期間の終了（取扱規程第34条）", "term ended (Art. 34)"},
    {"unapproved", "総責任者の承認前（取扱規程第33条）", "not yet approved (Art. 33)"},
    {"no_pledge", "誓約書が未登録（取扱規程第27条）", "no pledge on file (Art. 27)"},
    {NULL, NULL, NULL}};

/* Short words for lists; the policy's own text (policy_purposes) is the full statement */
static const label_row purposes[] = {
    {"abstract_registration", "演題登録等の本会事業", "society events"},
    {"enrollment_check", "在籍確認", "enrollment check"},
    {"specialist_application", "専門医資格の申請", "specialist application"},
    {"qualification_renewal", "他団体の資格更新", "qualification renewal"},
    {"society_business", "役員・委員会の業務", "society business"},
    {"greetings_notices", "挨拶状・告知", "greetings and notices"},
    {NULL, NULL, NULL}};

static const label_row items[] = {
    {"a", "会員番号", "member number"},
    {"b", "循環器専門医番号", "specialist number"},
    {"c", "入会年月日", "date joined"},
    {"d", "所属施設名・住所", "facility and its address"},
    {"e", "氏名・生年月日・自宅住所", "name, birth date, home address"},
    {"f", "メールアドレス", "e-mail address"},
    {NULL, NULL, NULL}};

static const label_row holds[] = {
    {"chief", "総責任者の判断待ち", "awaiting the chief"},
    {"pledge", "誓約書待ち", "awaiting a pledge"},
    {NULL, NULL, NULL}};

static const label_row none[] = {{NULL, NULL, NULL}};

static const label_row *const tables[LABEL__COUNT] = {
    [LABEL_ROLE] = roles,
    [LABEL_MEMBER_STATUS] = member_statuses,
    [LABEL_ACCOUNT] = accounts,
    [LABEL_CATEGORY] = categories,
    [LABEL_OUTCOME] = outcomes,
    [LABEL_DECISION] = decisions,
    [LABEL_INQUIRY_STATE] = inquiry_states,
    [LABEL_EXPORT_STATE] = export_states,
    [LABEL_PLEDGE_STATE] = pledge_states,
    [LABEL_REQUEST_STATE] = request_states,
    [LABEL_REQUEST_DECISION] = request_decisions,
    [LABEL_CHANNEL] = channels,
    [LABEL_MEDIUM] = media,
    [LABEL_METHOD] = methods,
    [LABEL_ACTION] = actions,
    [LABEL_DETAIL_KEY] = detail_keys,
    [LABEL_LOGIN_REASON] = login_reasons,
    [LABEL_PURPOSE] = purposes,
    [LABEL_ITEM] = items,
    [LABEL_FIELD] = none, /* member.h's table, read below */
    [LABEL_HOLD] = holds,
};

static const label_row *find(label_kind kind, const char *code)
{
    if ((unsigned)kind >= LABEL__COUNT || !code)
        return NULL;
    for (const label_row *r = tables[kind]; r->code; r++)
        if (!strcmp(r->code, code))
            return r;
    return NULL;
}

const char *label_text(label_kind kind, const char *code, bool ja)
{
    if (kind == LABEL_FIELD) {
        int f = code ? member_field_find(code) : -1;
        return f < 0 ? (code ? code : "") : ja ? member_field_get((member_field)f)->ja
                                                : member_field_get((member_field)f)->name;
    }
    const label_row *r = find(kind, code);
    return r ? (ja ? r->ja : r->en) : code ? code : "";
}

bool label_known(label_kind kind, const char *code)
{
    if (kind == LABEL_FIELD)
        return code && member_field_find(code) >= 0;
    return find(kind, code) != NULL;
}

/* Append @p s to buf (used so far: *used), cut at the end. */
static void put(char *buf, size_t len, size_t *used, const char *s)
{
    size_t n = strlen(s);
    if (*used + 1 >= len)
        return;
    if (n > len - 1 - *used)
        n = len - 1 - *used;
    memcpy(buf + *used, s, n);
    *used += n;
    buf[*used] = '\0';
}

const char *label_list(label_kind kind, const char *codes, bool ja, char *buf, size_t len)
{
    size_t used = 0;
    if (!len)
        return buf;
    buf[0] = '\0';
    const char *p = codes ? codes : "";
    bool first = true;
    while (*p) {
        size_t n = strcspn(p, ",");
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name ? n : sizeof name - 1), p);
        if (!first)
            put(buf, len, &used, ja ? "、" : ", ");
        put(buf, len, &used, label_text(kind, name, ja));
        first = false;
        p += n;
        if (*p == ',')
            p++;
    }
    return buf;
}

/* The table a detail key's value is read in; LABEL__COUNT: shown as it is. */
static label_kind value_kind(const char *action, const char *key)
{
    if (!strcmp(key, "status")) {
        static const struct {
            const char *prefix;
            label_kind kind;
        } by[] = {{"inquiry.", LABEL_INQUIRY_STATE}, {"export.", LABEL_EXPORT_STATE},
                  {"request.", LABEL_REQUEST_STATE}, {"pledge.", LABEL_PLEDGE_STATE},
                  {"member.", LABEL_MEMBER_STATUS},  {"search", LABEL_MEMBER_STATUS}};
        for (size_t i = 0; action && i < sizeof by / sizeof *by; i++)
            if (!strncmp(action, by[i].prefix, strlen(by[i].prefix)))
                return by[i].kind;
        return LABEL__COUNT;
    }
    static const struct {
        const char *key;
        label_kind kind;
    } map[] = {{"reason", LABEL_LOGIN_REASON}, {"role", LABEL_ROLE},
               {"category", LABEL_CATEGORY},   {"outcome", LABEL_OUTCOME},
               {"decision", LABEL_REQUEST_DECISION}, {"media", LABEL_MEDIUM},
               {"purpose", LABEL_PURPOSE}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (!strcmp(key, map[i].key))
            return map[i].kind;
    return LABEL__COUNT;
}

const char *label_detail(const char *action, const char *detail, bool ja, char *buf,
                         size_t len)
{
    size_t used = 0;
    if (!len)
        return buf;
    buf[0] = '\0';
    if (action && !strcmp(action, "member.reveal") && detail && !strchr(detail, '='))
        return label_list(LABEL_FIELD, detail, ja, buf, len); /* the fields shown */
    const char *p = detail ? detail : "";
    bool first = true;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        size_t n = strcspn(p, " ");
        const char *eq = memchr(p, '=', n);
        size_t klen = eq ? (size_t)(eq - p) : 0;
        bool word = eq && klen > 0 && klen < 32;
        for (size_t i = 0; word && i < klen; i++)
            if (!((p[i] >= 'a' && p[i] <= 'z') || p[i] == '_'))
                word = false;
        if (!word) { /* not key=value: the rest as it is */
            if (!first)
                put(buf, len, &used, " ");
            put(buf, len, &used, p);
            break;
        }
        char key[32], value[512];
        snprintf(key, sizeof key, "%.*s", (int)klen, p);
        size_t vlen = n - klen - 1;
        snprintf(value, sizeof value, "%.*s", (int)(vlen < sizeof value ? vlen : sizeof value - 1),
                 eq + 1);
        if (!first)
            put(buf, len, &used, ja ? "　" : "; ");
        put(buf, len, &used, label_text(LABEL_DETAIL_KEY, key, ja));
        put(buf, len, &used, ja ? "：" : ": ");
        label_kind vk = value_kind(action, key);
        if (!strcmp(key, "fields") || !strcmp(key, "items") || !strcmp(key, "purposes")) {
            char f[600];
            put(buf, len, &used,
                label_list(!strcmp(key, "fields") ? LABEL_FIELD : key[0] == 'i' ? LABEL_ITEM
                                                                                 : LABEL_PURPOSE,
                           value, ja, f, sizeof f));
        } else {
            put(buf, len, &used, vk == LABEL__COUNT || !strcmp(value, "*") ? value : label_text(vk, value, ja));
        }
        first = false;
        p += n;
    }
    return buf;
}

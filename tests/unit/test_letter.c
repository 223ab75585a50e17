/* test_letter.c: the printed letters: which letter an inquiry gets, the refusal that says
 * nothing of the member (neither confirm nor deny, 規程 第20条第5項), the not-found letter only
 * where the rules allow it (第22条第2項; 第19条第1項第1号 with 第20条第5項 但し書), the answer's
 * values, the pledge request, and delivery into the outbox with its access-log row and no
 * second provision record. */
#include <sys/stat.h>

#include "inquiry_fixture.h"

#include "meibo/config.h"
#include "meibo/inquiry.h"
#include "meibo/address.h"
#include "meibo/inquiry_letter.h"
#include "meibo/letter.h"
#include "meibo/outbox.h"
#include "meibo/pledge.h"

STATIC letter_kind letter_kind_for(const char *outcome, bool self, bool legal_basis);

static meibo_config cfg;

static int setup(void **state)
{
    config_defaults(&cfg);
    snprintf(cfg.society_name, sizeof cfg.society_name, "一般社団法人 日本架空循環器学会");
    snprintf(cfg.secretariat_contact, sizeof cfg.secretariat_contact,
             "〒100-0001 東京都千代田区千代田1-1 | TEL 03-0000-0000");
    return fx_setup(state);
}

static inquiry_request request(const char *category, const char *member_no)
{
    return (inquiry_request){.requester = "山田太郎", .organization = "日本架空学会",
                             .contact = "〒113-0033 東京都文京区本郷9-9-9 TEL 03-0000-0009",
                             .category = category, .identity = "verified",
                             .purpose = "enrollment_check", .items = "a", .member_no = member_no};
}

static int64_t add(fx *f, inquiry_request q)
{
    inquiry_result res;
    meibo_err err;
    assert_ok(inquiry_add(f->ctx, &q, &res, &err), &err);
    return res.inquiry_id;
}

/* A request under a statute (第19条第1項第1号): no purpose, its 照会書 named. */
static inquiry_request statute(const char *member_no, const char *items)
{
    inquiry_request q = request("police", member_no);
    q.organization = "架空県警察本部";
    q.purpose = NULL;
    q.items = items;
    q.legal_basis = "刑事訴訟法第197条第2項";
    q.legal_document = "架県刑第123号 (令和8年11月20日)";
    return q;
}

/* The chief officer approves held inquiry @p id (then the clerk again). */
static void approve(fx *f, int64_t id)
{
    inquiry_result res;
    meibo_err err;
    fx_as(f, "kanri");
    assert_ok(inquiry_approve(f->ctx, id, "個人情報総責任者の判断", &res, &err), &err);
    fx_as(f, "clerk1");
}

/* The pledge of 日本架空学会 for @p purposes and @p items, on paper (取扱規程 第6条). */
static void pledge_of(fx *f, const char *purposes, const char *items)
{
    meibo_err err;
    fx_as(f, "mgr");
    pledge_new p = {.recipient = "日本架空学会", .signatory_name = "山田花子",
                    .received_on = "2026-11-01", .media = DECIDE_MEDIA_PAPER,
                    .purposes = purposes, .items = items, .valid_until = "2027-10-31",
                    .document_no = "誓-2026-014"};
    pledge_added added;
    assert_ok(pledge_add(f->ctx, &p, inquiry_release_pledge_holds, &added, &err), &err);
    fx_as(f, "clerk1");
}

/* The text letter of inquiry @p id with its number pinned to "#" (malloc'd). */
static char *text_of(fx *f, int64_t id, letter_kind want)
{
    letter l;
    meibo_err err;
    assert_ok(letter_inquiry(f->ctx, &cfg, id, LETTER_TEXT, &l, &err), &err);
    if (l.kind != want)
        fail_msg("inquiry %lld: letter %s, not %s", (long long)id, letter_kind_name(l.kind),
                 letter_kind_name(want));
    char number[64];
    snprintf(number, sizeof number, "照会番号　第%lld号", (long long)id);
    const char *at = strstr(l.data, number);
    assert_non_null(at);
    const char *line = at; /* the number is right-aligned: its padding goes too */
    while (line > l.data && line[-1] == ' ')
        line--;
    char *out = malloc(l.len + 32);
    sprintf(out, "%.*s照会番号　第#号%s", (int)(line - l.data), l.data, at + strlen(number));
    letter_clear(&l);
    return out;
}

/* Which letter each outcome gets. */
static void test_kind_table(void **state)
{
    (void)state;
    static const struct {
        const char *outcome;
        bool self, legal;
        letter_kind want;
    } cases[] = {
        {"provide", false, false, LETTER_ANSWER},  {"partial", false, true, LETTER_ANSWER},
        {"provide", true, false, LETTER_ANSWER},   {"refuse", false, false, LETTER_REFUSAL},
        {"refuse", true, false, LETTER_REFUSAL},   {"refuse", false, true, LETTER_REFUSAL},
        {"not_found", false, false, LETTER_REFUSAL}, /* a third party: the refusal */
        {"not_found", true, false, LETTER_NOT_FOUND}, /* 第22条第2項 */
        {"not_found", false, true, LETTER_NOT_FOUND}, /* 第19条第1項第1号 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        if (letter_kind_for(cases[i].outcome, cases[i].self, cases[i].legal) != cases[i].want)
            fail_msg("case %zu: %s self=%d legal=%d", i, cases[i].outcome, cases[i].self,
                     cases[i].legal);
}

/* Neither confirm nor deny: to a third party, the letter for an opted-out member (第20条第5項),
 * for someone who is not a member (by number or by name), for a former member the chief
 * officer refused, and for requesters refused before any lookup (第20条第4項) is one text,
 * byte for byte once the inquiry number is pinned; it holds nothing of the member. */
static void test_refusal_neither_confirms_nor_denies(void **state)
{
    fx *f = *state;
    meibo_err err;
    pledge_of(f, "enrollment_check", "a");
    int64_t opted_out = add(f, request("academic", "20000003"));
    int64_t nobody = add(f, request("academic", "99999999"));
    inquiry_request by_name = request("academic", NULL);
    by_name.name = "山本五郎";
    int64_t nobody_by_name = add(f, by_name);
    int64_t former = add(f, request("academic", "20000004")); /* held for the chief officer */
    inquiry_request unverified = request("academic", "20000003");
    unverified.identity = "unverified";
    int64_t refused_first = add(f, unverified);
    int64_t no_statute = add(f, request("police", "20000003")); /* (g) without its statute */
    int64_t police_nobody = add(f, request("police", "99999999"));
    /* 第20条第1項, 第20条第4項: an unlisted purpose and a forbidden requester citing a statute
     * are recorded and get the same refusal */
    inquiry_request sales = request("academic", "20000001");
    sales.purpose = "sales";
    int64_t unlisted = add(f, sales);
    inquiry_request broker = statute("20000001", "e");
    broker.category = "commercial";
    broker.organization = "日本架空学会"; /* the same addressee, for the comparison */
    int64_t forbidden = add(f, broker);
    inquiry_request colleague = request("colleague", "20000001");
    colleague.purpose = "society_business";
    colleague.items = "f";
    int64_t out_of_scope = add(f, colleague);
    fx_as(f, "kanri");
    inquiry_result res;
    assert_ok(inquiry_deny(f->ctx, former, "在籍していないため", &res, &err), &err);
    fx_as(f, "clerk1");

    char *want = text_of(f, opted_out, LETTER_REFUSAL);
    const int64_t same[] = {nobody,       nobody_by_name, former,    refused_first,
                            no_statute,   police_nobody,  unlisted,  forbidden,
                            out_of_scope};
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        char *got = text_of(f, same[i], LETTER_REFUSAL);
        if (strcmp(got, want) != 0)
            fail_msg("inquiry %lld's letter differs from the opted-out member's:\n%s\n---\n%s",
                     (long long)same[i], got, want);
        free(got);
    }
    /* nothing of the member, nor the reason, is in it */
    static const char *const absent[] = {"20000003", "佐藤", "花子", "第20条第5項", "停止",
                                         "申出", "退会", "登録はありません", "存在しません"};
    for (size_t i = 0; i < sizeof absent / sizeof *absent; i++)
        if (strstr(want, absent[i]))
            fail_msg("the refusal shows '%s':\n%s", absent[i], want);
    assert_non_null(strstr(want, "お答えいたしかねます"));
    assert_non_null(strstr(want, "一般社団法人 日本架空循環器学会"));
    assert_non_null(strstr(want, "TEL 03-0000-0000\n"));
    free(want);

    /* the refusal's variables hold no member data: a form asking for any fails by name */
    tmpl_vars *v = NULL;
    assert_ok(letter_refusal_vars(f->ctx, &cfg, opted_out, &v, &err), &err);
    static const char *const member_vars[] = {"member_no", "member_query", "provided", "status",
                                              "outcome", "reasons", "optout", "legal_basis",
                                              "disclosure", "purpose"};
    for (size_t i = 0; i < sizeof member_vars / sizeof *member_vars; i++) {
        char src[64];
        snprintf(src, sizeof src, "{{%s}}\n", member_vars[i]);
        tmpl *t = NULL;
        tmpl_doc d;
        assert_ok(tmpl_parse("forms/x.tmpl", src, NULL, NULL, &t, &err), &err);
        assert_int_equal(tmpl_render(t, v, &d, &err), MEIBO_ERR_INVALID);
        assert_non_null(strstr(err.msg, "unknown variable"));
        tmpl_free(t);
    }
    tmpl_vars_free(v);
}

/* The not-found letter only where the rules allow telling it: the member asking about
 * themself (第22条第2項) and a legal-basis inquiry citing its statute. */
static void test_not_found_where_allowed(void **state)
{
    fx *f = *state;
    inquiry_request self = request("self", NULL);
    self.name = "山本五郎";
    self.birth_date = "1980-01-01";
    self.organization = "";
    self.purpose = "society_business";
    self.items = "e";
    char *got = text_of(f, add(f, self), LETTER_NOT_FOUND);
    assert_non_null(strstr(got, "第22条第2項"));
    assert_non_null(strstr(got, "氏名 山本五郎、生年月日 昭和55年1月1日"));
    assert_non_null(strstr(got, "保有個人データは、本会には存在しません"));
    free(got);
    /* a statute: held for the chief officer first (第19条第1項第1号), then not found */
    int64_t police = add(f, statute("99999999", "a"));
    letter l;
    meibo_err err;
    assert_int_equal(letter_inquiry(f->ctx, &cfg, police, LETTER_TEXT, &l, &err),
                     MEIBO_ERR_INVALID);
    approve(f, police);
    got = text_of(f, police, LETTER_NOT_FOUND);
    assert_non_null(strstr(got, "刑事訴訟法第197条第2項に基づきご照会（架県刑第123号 (令和8年11月20日)）"));
    assert_non_null(strstr(got, "ご照会の方（会員番号 99999999）に該当する会員の登録は、本会には"
                                "ありません"));
    free(got);
}

/* The answer: the items provided and their values, the withheld ones named (第20条第1項);
 * dates 和暦 or 西暦 by letter_dates. */
static void test_answer(void **state)
{
    fx *f = *state;
    pledge_of(f, "greetings_notices", "d,e");
    inquiry_request q = request("academic", "20000001");
    q.purpose = "greetings_notices";
    q.items = "a,d,e";
    int64_t id = add(f, q);
    char *got = text_of(f, id, LETTER_ANSWER);
    static const char *const present[] = {
        "照会回答書", "（d）所属施設名・住所", "所属施設名：架空大学病院",
        "（e）氏名・生年月日・自宅住所", "氏名：髙橋　一郎", "生年月日：昭和50年5月5日",
        "自宅住所：（登録なし）", "３．回答しない項目", "（a）会員番号",
        "本会個人情報保護規程第20条に基づき", "令和8年11月21日"};
    for (size_t i = 0; i < sizeof present / sizeof *present; i++)
        if (!strstr(got, present[i]))
            fail_msg("the answer lacks '%s':\n%s", present[i], got);
    free(got);
    cfg.letter_seireki = 1;
    got = text_of(f, id, LETTER_ANSWER);
    assert_non_null(strstr(got, "生年月日：1975年5月5日"));
    assert_non_null(strstr(got, "2026年11月21日"));
    cfg.letter_seireki = 0;
    free(got);

    /* the PDF: A4, IPAex Mincho embedded */
    letter l;
    meibo_err err;
    assert_ok(letter_inquiry(f->ctx, &cfg, id, LETTER_PDF, &l, &err), &err);
    assert_true(l.len > 1000 && !memcmp(l.data, "%PDF-", 5));
    assert_non_null(memmem(l.data, l.len, "+IPAexMincho", 12));
    assert_non_null(memmem(l.data, l.len, "/FontFile2", 10));
    assert_non_null(memmem(l.data, l.len, "/MediaBox [ 0 0 595.276 841.89 ]", 32)); /* A4 */
    assert_string_equal(l.file_name, "inquiry-1-answer.pdf");
    letter_clear(&l);
}

/* The answer on a ground of 第19条第1項 says so: a statute (第1号) with its 照会書 and the items
 * it names, an emergency (第2号); neither cites 第20条 nor a purpose of it. */
static void test_answer_on_grounds(void **state)
{
    fx *f = *state;
    int64_t police = add(f, statute("20000001", "a,e"));
    approve(f, police);
    char *got = text_of(f, police, LETTER_ANSWER);
    static const char *const statute_text[] = {
        "刑事訴訟法第197条第2項に基づきご照会（架県刑第123号 (令和8年11月20日)）",
        "本会個人情報保護規程第19条第1項第1号（法令に基づく場合）", "（a）会員番号",
        "（e）氏名・生年月日・自宅住所", "自宅住所：（登録なし）"};
    for (size_t i = 0; i < sizeof statute_text / sizeof *statute_text; i++)
        if (!strstr(got, statute_text[i]))
            fail_msg("the statute's answer lacks '%s':\n%s", statute_text[i], got);
    assert_null(strstr(got, "第20条"));
    assert_null(strstr(got, "利用目的"));
    free(got);
    inquiry_request urgent = request("family", "20000003"); /* opted out, too */
    urgent.purpose = NULL;
    urgent.organization = "";
    urgent.items = "e";
    urgent.emergency = true;
    urgent.method = "other";
    int64_t emergency = add(f, urgent);
    approve(f, emergency);
    got = text_of(f, emergency, LETTER_ANSWER);
    assert_non_null(strstr(got, "本会個人情報保護規程第19条第1項第2号により"));
    assert_non_null(strstr(got, "人の生命、身体又は財産の保護のために必要があり"));
    assert_null(strstr(got, "第20条"));
    assert_null(strstr(got, "挨拶"));
    free(got);
}

/* An opt-out recorded after the decision stops the answer to a third party (第20条第5項);
 * not the answer to a legal-basis inquiry citing its statute (但し書), nor the member's own. */
static void test_optout_after_decision(void **state)
{
    fx *f = *state;
    meibo_err err;
    pledge_of(f, "enrollment_check", "a");
    int64_t academic = add(f, request("academic", "20000001")); /* provided on the pledge */
    char *got = text_of(f, academic, LETTER_ANSWER);
    assert_non_null(strstr(got, "ご提出いただいた誓約書（整理番号　誓-2026-014）"));
    assert_non_null(strstr(got, "会員番号：20000001"));
    free(got);
    int64_t legal = add(f, statute("20000001", "a"));
    approve(f, legal);
    inquiry_request self = request("self", "20000001");
    self.organization = "";
    int64_t own = add(f, self);
    optout_new oo = {"20000001", "2026-11-21", "停-2026-009", 0, false}; /* 第20条第5項 */
    assert_ok(optout_add(f->ctx, &oo, NULL, &err), &err);
    letter l;
    assert_int_equal(letter_inquiry(f->ctx, &cfg, academic, LETTER_TEXT, &l, &err),
                     MEIBO_ERR_CONFLICT);
    /* an emergency (第19条第1項第2号) the chief officer approved knowing of the opt-out prints */
    inquiry_request urgent = request("academic", "20000003");
    urgent.emergency = true;
    urgent.purpose = NULL;
    int64_t emergency = add(f, urgent);
    inquiry_result res;
    fx_as(f, "kanri");
    assert_ok(inquiry_approve(f->ctx, emergency, "救命のため", &res, &err), &err);
    fx_as(f, "clerk1");
    assert_ok(letter_inquiry(f->ctx, &cfg, emergency, LETTER_TEXT, &l, &err), &err);
    assert_int_equal(l.kind, LETTER_ANSWER);
    assert_non_null(strstr(l.data, "会員番号：20000003"));
    letter_clear(&l);
    assert_non_null(strstr(err.msg, "第20条第5項"));
    assert_ok(letter_inquiry(f->ctx, &cfg, legal, LETTER_TEXT, &l, &err), &err);
    assert_int_equal(l.kind, LETTER_ANSWER);
    letter_clear(&l);
    assert_ok(letter_inquiry(f->ctx, &cfg, own, LETTER_TEXT, &l, &err), &err);
    assert_non_null(strstr(l.data, "保有個人データ開示書"));
    letter_clear(&l);
}

/* Pending inquiries get no letter; the pledge request is pre-filled and holds no member data. */
static void test_pledge_request(void **state)
{
    fx *f = *state;
    meibo_err err;
    int64_t held = add(f, request("academic", "20000001")); /* 取扱規程 第6条: waits */
    letter l;
    assert_int_equal(letter_inquiry(f->ctx, &cfg, held, LETTER_TEXT, &l, &err), MEIBO_ERR_INVALID);
    assert_non_null(strstr(err.msg, "waits for a pledge"));
    letter_pledge_src src = {.inquiry_id = held};
    assert_ok(letter_pledge_request(f->ctx, &cfg, &src, LETTER_TEXT, &l, &err), &err);
    static const char *const present[] = {"照会番号　第1号", "誓　約　書",
                                          "提供を受ける者：日本架空学会", "（a）会員番号",
                                          "在籍確認等で他団体から求められる場合",
                                          "提供の媒体：紙媒体", "取扱規程第6条"};
    for (size_t i = 0; i < sizeof present / sizeof *present; i++)
        if (!strstr(l.data, present[i]))
            fail_msg("the pledge request lacks '%s':\n%s", present[i], l.data);
    assert_null(strstr(l.data, "20000001"));
    assert_null(strstr(l.data, "髙橋"));
    assert_string_equal(l.file_name, "pledge-request-inquiry-1.txt");
    letter_clear(&l);
    /* from the options: electronic media add 第5条 and 第38条 */
    letter_pledge_src given = {.recipient = "架空患者会", .purposes = "greetings_notices",
                               .items = "d,f", .media = DECIDE_MEDIA_ELECTRONIC,
                               .valid_until = "R9.3.31"};
    assert_ok(letter_pledge_request(f->ctx, &cfg, &given, LETTER_TEXT, &l, &err), &err);
    assert_non_null(strstr(l.data, "取扱規程第5条、第38条"));
    assert_non_null(strstr(l.data, "有効期限：令和9年3月31日まで"));
    assert_non_null(strstr(l.data, "（f）メールアドレス"));
    letter_clear(&l);
    given.purposes = "marketing";
    assert_int_equal(letter_pledge_request(f->ctx, &cfg, &given, LETTER_TEXT, &l, &err),
                     MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "purposes");
    given.purposes = "greetings_notices";
    given.inquiry_id = held; /* two sources */
    assert_int_equal(letter_pledge_request(f->ctx, &cfg, &given, LETTER_TEXT, &l, &err),
                     MEIBO_ERR_INVALID);
    /* an inquiry that does not wait for a pledge gets no pledge request */
    inquiry_request unverified = request("academic", "99999999");
    unverified.identity = "unverified";
    letter_pledge_src decided = {.inquiry_id = add(f, unverified)};
    assert_int_equal(letter_pledge_request(f->ctx, &cfg, &decided, LETTER_TEXT, &l, &err),
                     MEIBO_ERR_INVALID);
    assert_non_null(strstr(err.msg, "does not wait for a pledge"));
}

/* Letters need the society's name and contact from meibo.conf. */
static void test_settings_required(void **state)
{
    fx *f = *state;
    meibo_err err;
    int64_t id = add(f, request("academic", "99999999"));
    meibo_config none;
    config_defaults(&none);
    letter l;
    assert_int_equal(letter_inquiry(f->ctx, &none, id, LETTER_TEXT, &l, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "society_name");
    snprintf(none.society_name, sizeof none.society_name, "学会");
    assert_int_equal(letter_inquiry(f->ctx, &none, id, LETTER_TEXT, &l, &err), MEIBO_ERR_INVALID);
    assert_string_equal(err.field, "secretariat_contact");
}

/* Into the outbox: a new name each time, mode 0660 at most, one access-log row per print; the
 * first answer given out writes the record of provision (個人情報保護法 第29条), a reprint no
 * second one (issue 14). */
static void test_outbox(void **state)
{
    fx *f = *state;
    meibo_err err;
    int64_t id = add(f, statute("20000001", "a"));
    approve(f, id);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions"), 0); /* decided, not given */
    long long provisions = 1;
    char dir[1100];
    outbox_dir(&cfg, f->ctx->path, dir, sizeof dir);
    assert_non_null(strstr(dir, "/outbox"));
    char paths[2][1200];
    for (int i = 0; i < 2; i++) {
        letter l;
        outbox_delivery d;
        assert_ok(letter_inquiry(f->ctx, &cfg, id, LETTER_PDF, &l, &err), &err);
        assert_ok(outbox_deliver(f->ctx, &cfg, &l, NULL, &d, &err), &err);
        assert_false(d.printed);
        snprintf(paths[i], sizeof paths[i], "%s", d.path);
        letter_clear(&l);
    }
    char want[1200];
    snprintf(want, sizeof want, "%s/inquiry-1-answer.pdf", dir);
    assert_string_equal(paths[0], want);
    snprintf(want, sizeof want, "%s/inquiry-1-answer-2.pdf", dir);
    assert_string_equal(paths[1], want);
    struct stat sb;
    assert_int_equal(stat(paths[0], &sb), 0);
    assert_int_equal(sb.st_mode & 0007, 0);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM provisions"), provisions);
    assert_int_equal(fx_int(f, "SELECT count(*) FROM audit_log WHERE action = 'inquiry.print' "
                               "AND member_no = '20000001' AND user_login = 'clerk1' "
                               "AND detail LIKE 'id=1 letter=answer format=pdf to=outbox %'"), 2);
    for (int i = 0; i < 2; i++)
        unlink(paths[i]);
    rmdir(dir);
}

/* Issue 14: the addressee block's postal code and address out of a contact as the clerk took
 * it; telephone, fax and e-mail left out; a telephone number alone is no address (第20条第2項:
 * such a requester gets a letter once an address is entered). */
static void test_address_split(void **state)
{
    (void)state;
    char postal[64], address[400];
    assert_true(address_split("〒100-0001 東京都千代田区千代田1-1 架空ビル3階 TEL 03-0000-0000",
                                     postal, sizeof postal, address, sizeof address));
    assert_string_equal(postal, "100-0001");
    assert_string_equal(address, "東京都千代田区千代田1-1 架空ビル3階");
    assert_true(address_split("530-0001　大阪府大阪市北区架空3-3-3、FAX：06-0000-0000、a@example.jp",
                                     postal, sizeof postal, address, sizeof address));
    assert_string_equal(postal, "530-0001");
    assert_string_equal(address, "大阪府大阪市北区架空3-3-3");
    assert_true(address_split("東京都渋谷区架空 5-5-5", postal, sizeof postal, address,
                                     sizeof address));
    assert_string_equal(postal, "");
    assert_string_equal(address, "東京都渋谷区架空 5-5-5"); /* a house number stays */
    assert_false(address_split("03-0000-0000", postal, sizeof postal, address,
                                      sizeof address));
    assert_false(address_split("TEL 090-0000-0000 / taro@example.jp", postal, sizeof postal,
                                      address, sizeof address));
    assert_false(address_split("", postal, sizeof postal, address, sizeof address));
    assert_false(address_split(NULL, postal, sizeof postal, address, sizeof address));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kind_table),
        cmocka_unit_test(test_address_split),
        cmocka_unit_test_setup_teardown(test_refusal_neither_confirms_nor_denies, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(test_not_found_where_allowed, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_answer, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_answer_on_grounds, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_optout_after_decision, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_pledge_request, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_settings_required, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_outbox, setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_decide.c: the inquiry decision over its whole space, against an independent statement
 * of the rules (規程 第19条, 第20条, 第22条; 取扱規程 第5条, 第6条), plus named cases.
 *
 * The expected outcome of every case comes from expect() below, written from the rules text
 * with its own tables; it never calls the function under test. The policy the function gets is
 * the one the migration seeds (schema/002-inquiry.sql), so the seed is checked too. */
#include "helpers.h"

#include "meibo/db.h"
#include "meibo/decide.h"
#include "meibo/policy.h"

#define TODAY "2026-11-21"

/* ---- the rules, stated independently -------------------------------------------------------- */

/* 第20条第3項 (permitted, (a)–(i)) and 第20条第4項 (forbidden (b)(c)); legal: (f)(g)(h) may cite
 * a statute (第20条第5項 但し書); pledge: paper only against a pledge (取扱規程 第6条), not asked
 * of the member (a). */
static const struct rule_cat {
    const char *code, *article;
    bool permitted, legal, pledge;
} CATS[] = {
    {"self", "第20条第3項(a)", true, false, false},
    {"family", "第20条第3項(b)", true, false, true},
    {"colleague", "第20条第3項(c)", true, false, true},
    {"member", "第20条第3項(d)", true, false, true},
    {"academic", "第20条第3項(e)", true, false, true},
    {"government", "第20条第3項(f)", true, true, true},
    {"police", "第20条第3項(g)", true, true, true},
    {"agency", "第20条第3項(h)", true, true, true},
    {"patient_group", "第20条第3項(i)", true, false, true},
    {"commercial", "第20条第4項(b)", false, false, false},
    {"investigator", "第20条第4項(c)", false, false, false},
    {"press", "第20条第4項(c)", false, false, false},
};
#define NCATS (int)(sizeof CATS / sizeof *CATS)

/* 第20条第1項: each purpose and the items it serves. */
static const struct rule_purpose {
    const char *code, *items;
} PURPOSES[] = {
    {"abstract_registration", "a"}, {"enrollment_check", "a"},
    {"specialist_application", "bc"}, {"qualification_renewal", "bc"},
    {"society_business", "def"},      {"greetings_notices", "def"},
};
#define NPURPOSES (int)(sizeof PURPOSES / sizeof *PURPOSES)

static const char *const ITEM_ARTICLE[] = {"第20条第1項(a)", "第20条第1項(b)", "第20条第1項(c)",
                                           "第20条第1項(d)", "第20条第1項(e)", "第20条第1項(f)"};

enum member_state { M_NOT_FOUND, M_ACTIVE, M_OPTED_OUT, M_WITHDRAWN, M_DECEASED_OPTED_OUT, M__N };
enum pledge_state { P_NONE, P_VALID, P_EXPIRED, P_REVOKED, P_PAPER_ONLY, P_NARROW, P__N };
enum way { W_PAPER, W_ELECTRONIC, W_OTHER, W_OTHER_ELECTRONIC, W__N };

/* Item sets of the full product (all 63 are covered by test_every_item_set). */
static const char *const ITEM_SETS[] = {"a", "b", "c", "d", "e", "f", "ad", "abcdef"};
#define NITEM_SETS (int)(sizeof ITEM_SETS / sizeof *ITEM_SETS)

typedef struct tcase {
    int cat, purpose, member, pledge, way;
    const char *items;
    bool verified, deny, statute, emergency;
} tcase;

typedef struct want_reason {
    const char *code, *article;
} want_reason;

typedef struct expectation {
    bool invalid;              /* the request is refused as input */
    const char *field;         /* ... naming this field */
    decide_outcome outcome;
    unsigned provided, hold;
    bool member_needed;
    int nreasons;
    want_reason reasons[16];   /* each must be among the decision's reasons */
} expectation;

static unsigned mask_of(const char *s)
{
    unsigned m = 0;
    for (; *s; s++)
        m |= 1u << (*s - 'a');
    return m;
}

static void want(expectation *e, const char *code, const char *article)
{
    e->reasons[e->nreasons++] = (want_reason){code, article};
}

/* Does the pledge on file count for this request (取扱規程 第5条, 第6条)? */
static bool pledge_ok(const tcase *c, bool electronic, unsigned provided)
{
    switch (c->pledge) {
    case P_VALID: return true;
    case P_PAPER_ONLY: return !electronic;
    case P_NARROW: /* enrollment_check, item a, both media */
        return !strcmp(PURPOSES[c->purpose].code, "enrollment_check") && provided == mask_of("a");
    default: return false; /* none, expired, revoked: nothing counts */
    }
}

/* The rules, in the order DESIGN.md gives them. */
static expectation expect(const tcase *c)
{
    expectation e = {0};
    const struct rule_cat *cat = &CATS[c->cat];
    const struct rule_purpose *pur = &PURPOSES[c->purpose];
    bool self = !strcmp(cat->code, "self");
    bool electronic = c->way == W_ELECTRONIC || c->way == W_OTHER_ELECTRONIC;
    bool written = c->way == W_PAPER || c->way == W_ELECTRONIC;
    unsigned items = mask_of(c->items);

    /* input: electronic media are a written method; a statute only for (f)(g)(h) */
    if (c->way == W_OTHER_ELECTRONIC) {
        e.invalid = true, e.field = "medium";
        return e;
    }
    if (c->statute && !cat->legal) {
        e.invalid = true, e.field = "legal_basis";
        return e;
    }
    /* 1. 第20条第4項: refused before the member is looked up */
    if (!cat->permitted)
        want(&e, "forbidden_category", cat->article);
    if (c->deny)
        want(&e, "deny_listed", "第20条第4項(d)");
    if (!c->verified)
        want(&e, "unverified", "第20条第4項(a)");
    if (e.nreasons) {
        e.outcome = DECIDE_REFUSE;
        return e;
    }
    e.member_needed = true;
    want(&e, "permitted_recipient", cat->article);
    /* 2. not found: a permitted requester may learn it (the member: 第22条第2項) */
    if (c->member == M_NOT_FOUND) {
        e.outcome = DECIDE_NOT_FOUND;
        want(&e, "not_found", self ? "第22条第2項" : cat->article);
        return e;
    }
    /* 3. 第20条第5項: the opt-out binds every third party but (f)(g)(h) citing a statute */
    bool opted = c->member == M_OPTED_OUT || c->member == M_DECEASED_OPTED_OUT;
    bool legal = cat->legal && c->statute;
    if (opted && !self) {
        if (legal) {
            want(&e, "optout_legal_basis", "第20条第5項");
        } else if (c->emergency) {
            e.hold |= DECIDE_HOLD_CHIEF;
            want(&e, "emergency", "第19条第1項第2号, 第20条第5項");
        } else {
            e.outcome = DECIDE_REFUSE;
            want(&e, "opted_out", "第20条第5項");
            return e;
        }
    }
    if (!self && (c->member == M_WITHDRAWN || c->member == M_DECEASED_OPTED_OUT)) {
        e.hold |= DECIDE_HOLD_CHIEF;
        want(&e, "former_member", "第20条");
    }
    if (c->emergency) { /* 第19条第1項第2号 */
        e.hold |= DECIDE_HOLD_CHIEF;
        if (!(opted && !self && !legal))
            want(&e, "emergency", "第19条第1項第2号");
    }
    /* 4. 第20条第1項: an item only for its purposes; the member's own request is disclosure */
    if (self) {
        e.provided = items;
        want(&e, "self_disclosure", "第22条第1項");
    } else {
        e.provided = items & mask_of(pur->items);
        for (int i = 0; i < 6; i++) {
            if (e.provided & (1u << i))
                want(&e, "item_purpose", ITEM_ARTICLE[i]);
            else if (items & (1u << i))
                want(&e, "item_purpose_mismatch", ITEM_ARTICLE[i]);
        }
    }
    if (!e.provided) {
        e.outcome = DECIDE_REFUSE;
        e.hold = 0;
        want(&e, "no_item_for_purpose", "第20条第1項");
        return e;
    }
    /* 5. 第20条第2項 written only (the member: 第22条第3項); 取扱規程 第5条 electronic media,
     * 第6条 paper against a pledge; a statute needs no pledge (第19条第1項第1号) */
    if (!written) {
        if (self) {
            want(&e, "disclosure_other_method", "第22条第3項");
        } else {
            e.hold |= DECIDE_HOLD_CHIEF;
            want(&e, "method_not_written", "第20条第2項");
        }
    } else {
        if (electronic) {
            e.hold |= DECIDE_HOLD_CHIEF;
            want(&e, "electronic_media", "取扱規程 第5条, 第38条");
        }
        if (!self && legal) {
            want(&e, "legal_basis", "第19条第1項第1号");
        } else if (!self && (electronic || cat->pledge)) {
            const char *art = electronic ? "取扱規程 第5条" : "取扱規程 第6条";
            if (pledge_ok(c, electronic, e.provided)) {
                want(&e, "pledge_on_file", art);
            } else {
                e.hold |= DECIDE_HOLD_PLEDGE;
                want(&e, "pledge_required", art);
            }
        }
    }
    if (e.hold)
        e.outcome = DECIDE_HOLD;
    else
        e.outcome = e.provided == items ? DECIDE_PROVIDE : DECIDE_PARTIAL;
    return e;
}

/* ---- the function under test ------------------------------------------------------------- */

static decide_policy policy; /* the seeded version 1 */

static int load_policy(void **state)
{
    (void)state;
    char *path = test_tmp_db();
    meibo_ctx *ctx = NULL;
    meibo_err err;
    if (db_open(path, DB_OPEN_CREATE, &ctx, &err) || policy_load(ctx, 0, &policy, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    db_close(ctx);
    test_rm_db(path);
    return 0;
}

/* The pledge the case has on file: one of each kind. */
static int pledges_of(const tcase *c, decide_pledge *p)
{
    static const char *all = "abstract_registration,enrollment_check,specialist_application,"
                             "qualification_renewal,society_business,greetings_notices";
    decide_pledge base = {.id = 7, .document_no = "誓-2026-7",
                          .media = DECIDE_MEDIA_PAPER | DECIDE_MEDIA_ELECTRONIC,
                          .purposes = all, .items = DECIDE_ALL_ITEMS,
                          .valid_until = "2027-03-31", .revoked = false};
    *p = base;
    switch (c->pledge) {
    case P_NONE: return 0;
    case P_VALID: return 1;
    case P_EXPIRED: p->valid_until = "2026-11-20"; return 1;
    case P_REVOKED: p->revoked = true; return 1;
    case P_PAPER_ONLY: p->media = DECIDE_MEDIA_PAPER; return 1;
    case P_NARROW: p->purposes = "enrollment_check"; p->items = 1u; return 1;
    default: return 0;
    }
}

static meibo_status run(const tcase *c, decide_result *r, meibo_err *err)
{
    static const char *const status[M__N] = {"active", "active", "active", "withdrawn",
                                             "deceased"};
    decide_request req = {
        .category = CATS[c->cat].code,
        .identity_verified = c->verified,
        .deny_listed = c->deny,
        .purpose = PURPOSES[c->purpose].code,
        .items = mask_of(c->items),
        .method = c->way == W_OTHER || c->way == W_OTHER_ELECTRONIC ? DECIDE_OTHER : DECIDE_WRITTEN,
        .medium = c->way == W_ELECTRONIC || c->way == W_OTHER_ELECTRONIC ? DECIDE_ELECTRONIC
                                                                         : DECIDE_PAPER,
        .legal_basis = c->statute ? "刑事訴訟法第197条第2項" : NULL,
        .emergency = c->emergency,
        .today = TODAY,
    };
    decide_member m = {c->member != M_NOT_FOUND,
                       c->member == M_OPTED_OUT || c->member == M_DECEASED_OPTED_OUT,
                       status[c->member]};
    decide_pledge p;
    int np = pledges_of(c, &p);
    return decide_inquiry(&policy, &req, &m, &p, np, r, err);
}

static void describe(const tcase *c, char *buf, size_t len)
{
    static const char *const ms[] = {"not_found", "active", "opted_out", "withdrawn",
                                     "deceased+opted_out"};
    static const char *const ps[] = {"none", "valid", "expired", "revoked", "paper_only", "narrow"};
    static const char *const ws[] = {"written/paper", "written/electronic", "other/paper",
                                     "other/electronic"};
    snprintf(buf, len,
             "category=%s purpose=%s items=%s member=%s pledge=%s way=%s identity=%s deny=%d "
             "statute=%d emergency=%d",
             CATS[c->cat].code, PURPOSES[c->purpose].code, c->items, ms[c->member], ps[c->pledge],
             ws[c->way], c->verified ? "verified" : "unverified", c->deny, c->statute,
             c->emergency);
}

/* Check one case; returns 0 or fails the test with the case described. */
static void check_case(const tcase *c)
{
    expectation e = expect(c);
    static decide_result result; /* large; one at a time */
    decide_result *r = &result;
    meibo_err err;
    meibo_err_clear(&err);
    meibo_status st = run(c, r, &err);
    char what[400];
    describe(c, what, sizeof what);
    if (e.invalid) {
        if (st != MEIBO_ERR_INVALID || strcmp(err.field, e.field) != 0)
            fail_msg("%s: want invalid input (%s), got status %d field '%s'", what, e.field, st,
                     err.field);
        return;
    }
    if (st != MEIBO_OK)
        fail_msg("%s: %s", what, err.msg);
    if (r->outcome != e.outcome)
        fail_msg("%s: outcome %s, want %s", what, decide_outcome_name(r->outcome),
                 decide_outcome_name(e.outcome));
    if (r->provided != e.provided)
        fail_msg("%s: provided %#x, want %#x", what, r->provided, e.provided);
    if (r->outcome == DECIDE_HOLD && r->hold != e.hold)
        fail_msg("%s: hold %#x, want %#x", what, r->hold, e.hold);
    if (r->member_needed != e.member_needed)
        fail_msg("%s: member_needed %d", what, r->member_needed);
    if ((r->outcome == DECIDE_REFUSE || r->outcome == DECIDE_NOT_FOUND) && r->provided)
        fail_msg("%s: a refusal provides nothing", what);
    if (r->policy_version != policy.version)
        fail_msg("%s: policy version %lld", what, (long long)r->policy_version);
    for (int i = 0; i < e.nreasons; i++) {
        bool found = false;
        for (int k = 0; k < r->nreasons && !found; k++)
            found = !strcmp(r->reasons[k].code, e.reasons[i].code) &&
                    !strcmp(r->reasons[k].article, e.reasons[i].article) && r->reasons[k].text[0];
        if (!found) {
            char got[2000] = "";
            for (int k = 0; k < r->nreasons; k++)
                snprintf(got + strlen(got), sizeof got - strlen(got), " [%s %s]",
                         r->reasons[k].code, r->reasons[k].article);
            fail_msg("%s: no reason %s with article %s; got%s", what, e.reasons[i].code,
                     e.reasons[i].article, got);
        }
    }
    /* no reason the rules do not call for (the reasons are exactly the expected ones) */
    if (r->nreasons != e.nreasons)
        fail_msg("%s: %d reasons, want %d", what, r->nreasons, e.nreasons);
}

/* Every category × identity × deny-list × member (found, opted out, status) × statute ×
 * emergency × method/medium × items × purpose × pledge on file. */
static void test_whole_space(void **state)
{
    (void)state;
    long n = 0, by_outcome[5] = {0}, invalid = 0;
    tcase c = {0};
    for (c.cat = 0; c.cat < NCATS; c.cat++)
        for (int v = 0; v < 2; v++)
            for (int d = 0; d < 2; d++)
                for (c.member = 0; c.member < M__N; c.member++)
                    for (int s = 0; s < 2; s++)
                        for (int em = 0; em < 2; em++)
                            for (c.way = 0; c.way < W__N; c.way++)
                                for (int it = 0; it < NITEM_SETS; it++)
                                    for (c.purpose = 0; c.purpose < NPURPOSES; c.purpose++)
                                        for (c.pledge = 0; c.pledge < P__N; c.pledge++) {
                                            c.verified = v, c.deny = d, c.statute = s;
                                            c.emergency = em, c.items = ITEM_SETS[it];
                                            check_case(&c);
                                            expectation e = expect(&c);
                                            if (e.invalid)
                                                invalid++;
                                            else
                                                by_outcome[e.outcome]++;
                                            n++;
                                        }
    /* the space really exercises every outcome */
    for (int o = 0; o < 5; o++)
        assert_true(by_outcome[o] > 0);
    assert_true(invalid > 0);
    print_message("decision table: %ld cases (provide %ld, partial %ld, refuse %ld, hold %ld, "
                  "not_found %ld, invalid input %ld)\n",
                  n, by_outcome[0], by_outcome[1], by_outcome[2], by_outcome[3], by_outcome[4],
                  invalid);
}

/* Every one of the 63 item sets × purpose × category, the rest of the request plain. */
static void test_every_item_set(void **state)
{
    (void)state;
    tcase c = {.member = M_ACTIVE, .pledge = P_VALID, .way = W_PAPER, .verified = true};
    static char sets[64][8];
    for (unsigned m = 1; m < 64; m++) {
        int k = 0;
        for (int i = 0; i < 6; i++)
            if (m & (1u << i))
                sets[m][k++] = (char)('a' + i);
        sets[m][k] = '\0';
        c.items = sets[m];
        for (c.cat = 0; c.cat < NCATS; c.cat++)
            for (c.purpose = 0; c.purpose < NPURPOSES; c.purpose++)
                for (c.member = M_ACTIVE; c.member <= M_OPTED_OUT; c.member++)
                    check_case(&c);
    }
}

/* Step 1 decides before the member is looked up: the same decision whatever the member. */
static void test_refused_before_member_lookup(void **state)
{
    (void)state;
    static const char *const refused[] = {"commercial", "investigator", "press"};
    for (size_t i = 0; i < 3; i++) {
        decide_request req = {.category = refused[i], .identity_verified = true,
                              .purpose = "enrollment_check", .items = 1u, .today = TODAY};
        decide_result *a = test_malloc(sizeof *a), *b = test_malloc(sizeof *b);
        meibo_err err;
        assert_ok(decide_requester(&policy, &req, a, &err), &err);
        assert_false(a->member_needed);
        assert_int_equal(a->outcome, DECIDE_REFUSE);
        /* with no member facts at all (NULL) and with an opted-out member: identical */
        assert_ok(decide_inquiry(&policy, &req, NULL, NULL, 0, b, &err), &err);
        assert_memory_equal(a, b, sizeof *a);
        decide_member m = {true, true, "active"};
        assert_ok(decide_inquiry(&policy, &req, &m, NULL, 0, b, &err), &err);
        assert_memory_equal(a, b, sizeof *a);
        test_free(a);
        test_free(b);
    }
}

/* ---- named cases ---------------------------------------------------------------------------- */

static decide_result *decide_one(const char *cat, const char *purpose, const char *items,
                                 const char *statute, bool opted_out, decide_method method,
                                 const decide_pledge *p, int np)
{
    decide_request req = {.category = cat, .identity_verified = true, .purpose = purpose,
                          .items = mask_of(items), .method = method, .legal_basis = statute,
                          .today = TODAY};
    decide_member m = {true, opted_out, "active"};
    decide_result *r = test_malloc(sizeof *r);
    meibo_err err;
    assert_ok(decide_inquiry(&policy, &req, &m, p, np, r, &err), &err);
    return r;
}

static void assert_reason(const decide_result *r, const char *code, const char *article)
{
    const decide_reason *x = decide_reason_find(r, code);
    if (!x)
        fail_msg("no reason %s", code);
    assert_string_equal(x->article, article);
}

/* 第20条第5項 但し書: a police inquiry under 刑事訴訟法第197条第2項 reaches an opted-out member,
 * with no pledge (第19条第1項第1号); without the statute it does not. */
static void test_police_statute_on_opted_out(void **state)
{
    (void)state;
    decide_result *r = decide_one("police", "enrollment_check", "a", "刑事訴訟法第197条第2項", true,
                                  DECIDE_WRITTEN, NULL, 0);
    assert_int_equal(r->outcome, DECIDE_PROVIDE);
    assert_true(r->legal_basis);
    assert_reason(r, "optout_legal_basis", "第20条第5項");
    assert_reason(r, "legal_basis", "第19条第1項第1号");
    assert_non_null(strstr(decide_reason_find(r, "optout_legal_basis")->text, "刑事訴訟法第197条第2項"));
    test_free(r);
    r = decide_one("police", "enrollment_check", "a", NULL, true, DECIDE_WRITTEN, NULL, 0);
    assert_int_equal(r->outcome, DECIDE_REFUSE);
    assert_reason(r, "opted_out", "第20条第5項");
    test_free(r);
    /* 弁護士法第23条の2 from a bar association (g), not opted out: no pledge needed either */
    r = decide_one("police", "qualification_renewal", "bc", "弁護士法第23条の2", false,
                   DECIDE_WRITTEN, NULL, 0);
    assert_int_equal(r->outcome, DECIDE_PROVIDE);
    test_free(r);
}

/* 第20条第1項: an academic society asking a and d for an enrollment check gets a, not d. */
static void test_partial_by_purpose(void **state)
{
    (void)state;
    decide_pledge p = {.id = 3, .document_no = "誓-3", .media = DECIDE_MEDIA_PAPER,
                       .purposes = "enrollment_check", .items = mask_of("a"),
                       .valid_until = "2027-01-01"};
    decide_result *r = decide_one("academic", "enrollment_check", "ad", NULL, false,
                                  DECIDE_WRITTEN, &p, 1);
    assert_int_equal(r->outcome, DECIDE_PARTIAL);
    assert_int_equal(r->provided, mask_of("a"));
    assert_int_equal(r->pledge_id, 3);
    assert_reason(r, "item_purpose", "第20条第1項(a)");
    assert_reason(r, "item_purpose_mismatch", "第20条第1項(d)");
    assert_reason(r, "pledge_on_file", "取扱規程 第6条");
    test_free(r);
}

/* 取扱規程 第6条: paper waits for a pledge; an expired or revoked one does not count; a pledge
 * on its last day does. */
static void test_pledge_validity(void **state)
{
    (void)state;
    decide_pledge p = {.id = 9, .document_no = "誓-9", .media = DECIDE_MEDIA_PAPER,
                       .purposes = "greetings_notices", .items = mask_of("d"),
                       .valid_until = "2026-11-20"};
    decide_result *r = decide_one("patient_group", "greetings_notices", "d", NULL, false,
                                  DECIDE_WRITTEN, &p, 1);
    assert_int_equal(r->outcome, DECIDE_HOLD);
    assert_int_equal(r->hold, DECIDE_HOLD_PLEDGE);
    assert_reason(r, "pledge_required", "取扱規程 第6条");
    test_free(r);
    p.valid_until = TODAY;
    assert_true(decide_pledge_covers(&p, TODAY, DECIDE_MEDIA_PAPER, "greetings_notices", mask_of("d")));
    r = decide_one("patient_group", "greetings_notices", "d", NULL, false, DECIDE_WRITTEN, &p, 1);
    assert_int_equal(r->outcome, DECIDE_PROVIDE);
    test_free(r);
    p.revoked = true;
    assert_false(decide_pledge_covers(&p, TODAY, DECIDE_MEDIA_PAPER, "greetings_notices", mask_of("d")));
    /* a pledge for other items or another purpose does not cover */
    p.revoked = false;
    assert_false(decide_pledge_covers(&p, TODAY, DECIDE_MEDIA_PAPER, "greetings_notices", mask_of("de")));
    assert_false(decide_pledge_covers(&p, TODAY, DECIDE_MEDIA_PAPER, "society_business", mask_of("d")));
    assert_false(decide_pledge_covers(&p, TODAY, DECIDE_MEDIA_ELECTRONIC, "greetings_notices", mask_of("d")));
}

/* 第20条第2項: a telephone answer to a family member waits for the chief officer; the member's
 * own telephone request is disclosure (第22条第3項 但し書). */
static void test_method_other(void **state)
{
    (void)state;
    decide_pledge p = {.id = 1, .document_no = "誓-1", .media = DECIDE_MEDIA_PAPER,
                       .purposes = "society_business", .items = DECIDE_ALL_ITEMS,
                       .valid_until = "2030-01-01"};
    decide_result *r = decide_one("family", "society_business", "e", NULL, false, DECIDE_OTHER, &p, 1);
    assert_int_equal(r->outcome, DECIDE_HOLD);
    assert_int_equal(r->hold, DECIDE_HOLD_CHIEF);
    assert_reason(r, "method_not_written", "第20条第2項");
    test_free(r);
    r = decide_one("self", "greetings_notices", "abcdef", NULL, true, DECIDE_OTHER, NULL, 0);
    assert_int_equal(r->outcome, DECIDE_PROVIDE);
    assert_reason(r, "self_disclosure", "第22条第1項");
    assert_reason(r, "disclosure_other_method", "第22条第3項");
    test_free(r);
}

/* 第19条第1項第2号: an emergency claim about an opted-out member goes to the chief officer. */
static void test_emergency(void **state)
{
    (void)state;
    decide_request req = {.category = "colleague", .identity_verified = true,
                          .purpose = "society_business", .items = mask_of("e"),
                          .emergency = true, .today = TODAY};
    decide_member m = {true, true, "active"};
    decide_result *r = test_malloc(sizeof *r);
    meibo_err err;
    assert_ok(decide_inquiry(&policy, &req, &m, NULL, 0, r, &err), &err);
    assert_int_equal(r->outcome, DECIDE_HOLD);
    assert_true(r->hold & DECIDE_HOLD_CHIEF);
    assert_reason(r, "emergency", "第19条第1項第2号, 第20条第5項");
    test_free(r);
}

/* Policy as data: the decision follows the tables it is given, not constants. */
static void test_policy_is_data(void **state)
{
    (void)state;
    decide_policy *p = test_malloc(sizeof *p);
    *p = policy;
    p->version = 5;
    for (int i = 0; i < p->ncategories; i++)
        if (!strcmp(p->categories[i].code, "academic"))
            p->categories[i].pledge_required = false;
    for (int i = 0; i < p->npurposes; i++)
        if (!strcmp(p->purposes[i].code, "enrollment_check"))
            p->purposes[i].items |= mask_of("d");
    decide_request req = {.category = "academic", .identity_verified = true,
                          .purpose = "enrollment_check", .items = mask_of("ad"), .today = TODAY};
    decide_member m = {true, false, "active"};
    decide_result *r = test_malloc(sizeof *r);
    meibo_err err;
    assert_ok(decide_inquiry(p, &req, &m, NULL, 0, r, &err), &err);
    assert_int_equal(r->outcome, DECIDE_PROVIDE);
    assert_int_equal(r->policy_version, 5);
    test_free(r);
    test_free(p);
}

/* Bad input is refused whole with the field named. */
static void test_bad_input(void **state)
{
    (void)state;
    static const struct {
        decide_request req;
        const char *field;
    } cases[] = {
        {{.category = "tabloid", .purpose = "enrollment_check", .items = 1, .today = TODAY}, "category"},
        {{.category = "academic", .purpose = "marketing", .items = 1, .today = TODAY}, "purpose"},
        {{.category = "academic", .purpose = "enrollment_check", .items = 0, .today = TODAY}, "items"},
        {{.category = "academic", .purpose = "enrollment_check", .items = 0x40, .today = TODAY}, "items"},
        {{.category = "academic", .purpose = "enrollment_check", .items = 1, .legal_basis = "民法",
          .today = TODAY}, "legal_basis"},
        {{.category = "academic", .purpose = "enrollment_check", .items = 1,
          .method = DECIDE_OTHER, .medium = DECIDE_ELECTRONIC, .today = TODAY}, "medium"},
        {{.category = "academic", .purpose = "enrollment_check", .items = 1, .today = "2026-02-30"},
         "today"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        decide_result *r = test_malloc(sizeof *r);
        meibo_err err;
        meibo_err_clear(&err);
        assert_int_equal(decide_inquiry(&policy, &cases[i].req, NULL, NULL, 0, r, &err),
                         MEIBO_ERR_INVALID);
        assert_string_equal(err.field, cases[i].field);
        test_free(r);
    }
    unsigned m;
    meibo_err err;
    assert_ok(decide_items_parse("a, d", "items", &m, &err), &err);
    assert_int_equal(m, mask_of("ad"));
    assert_ok(decide_items_parse("fa", "items", &m, &err), &err);
    assert_int_equal(m, mask_of("af"));
    assert_int_equal(decide_items_parse("a,a", "items", &m, &err), MEIBO_ERR_INVALID);
    assert_int_equal(decide_items_parse("g", "items", &m, &err), MEIBO_ERR_INVALID);
    assert_int_equal(decide_items_parse("", "items", &m, &err), MEIBO_ERR_INVALID);
    char buf[16];
    decide_items_format(mask_of("fad"), buf, sizeof buf);
    assert_string_equal(buf, "a,d,f");
}

/* The seeded policy says what the rules say (checked against this file's own tables). */
static void test_seeded_policy(void **state)
{
    (void)state;
    assert_int_equal(policy.version, 1);
    assert_int_equal(policy.ncategories, NCATS);
    for (int i = 0; i < NCATS; i++) {
        const decide_category *c = decide_category_find(&policy, CATS[i].code);
        assert_non_null(c);
        assert_int_equal(c->permitted, CATS[i].permitted);
        assert_int_equal(c->legal_basis, CATS[i].legal);
        assert_int_equal(c->pledge_required, CATS[i].pledge);
        assert_string_equal(c->article, CATS[i].article);
        assert_true(c->text[0]);
    }
    assert_int_equal(policy.npurposes, NPURPOSES);
    for (int i = 0; i < NPURPOSES; i++) {
        const decide_purpose *p = decide_purpose_find(&policy, PURPOSES[i].code);
        assert_non_null(p);
        assert_int_equal(p->items, mask_of(PURPOSES[i].items));
        assert_non_null(strstr(p->article, "第20条第1項"));
    }
    for (int i = 0; i < 6; i++)
        assert_string_equal(policy.items[i].article, ITEM_ARTICLE[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seeded_policy),
        cmocka_unit_test(test_whole_space),
        cmocka_unit_test(test_every_item_set),
        cmocka_unit_test(test_refused_before_member_lookup),
        cmocka_unit_test(test_police_statute_on_opted_out),
        cmocka_unit_test(test_partial_by_purpose),
        cmocka_unit_test(test_pledge_validity),
        cmocka_unit_test(test_method_other),
        cmocka_unit_test(test_emergency),
        cmocka_unit_test(test_policy_is_data),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests_name("decide", tests, load_policy, NULL);
}

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

/* 第20条第1項: each purpose, the items it serves and who may use it: 本会が実施する事業 (the
 * society's own business) is its members' and officers' (d); 他団体から求められる場合 is another
 * body's ((e)–(i) bodies; for 資格更新 those that keep qualifications: (e)(f)(h)); greetings
 * 本会会員や他団体が送付 ((d) and bodies other than the police (g)). Then two that are not
 * purposes of 第20条第1項: an unknown code and none at all. */
static const struct rule_purpose {
    const char *code, *items, *article, *who;
} PURPOSES[] = {
    {"abstract_registration", "a", "第20条第1項(a)", ",member,"},
    {"enrollment_check", "a", "第20条第1項(a)", ",academic,government,police,agency,patient_group,"},
    {"specialist_application", "bc", "第20条第1項(b)(c)", ",member,"},
    {"qualification_renewal", "bc", "第20条第1項(b)(c)", ",academic,government,agency,"},
    {"society_business", "def", "第20条第1項(d)(e)(f)", ",member,"},
    {"greetings_notices", "def", "第20条第1項(d)(e)(f)",
     ",member,academic,government,agency,patient_group,"},
};
#define NPURPOSES (int)(sizeof PURPOSES / sizeof *PURPOSES)
#define P_SALES NPURPOSES        /* not a purpose of 第20条第1項 */
#define P_NO_PURPOSE (NPURPOSES + 1)

static bool may_use(int purpose, const char *cat)
{
    char key[40];
    snprintf(key, sizeof key, ",%s,", cat);
    return purpose < NPURPOSES && strstr(PURPOSES[purpose].who, key) != NULL;
}

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
    bool consent; /* the chief officer's approval: decided again with chief_consented */
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

/* Does the pledge on file count for this request (取扱規程 第5条, 第6条)? Under a statute or an
 * emergency there is no purpose to match: the pledge's media and items decide. */
static bool pledge_ok(const tcase *c, bool electronic, unsigned provided, bool any_purpose)
{
    switch (c->pledge) {
    case P_VALID: return true;
    case P_PAPER_ONLY: return !electronic;
    case P_NARROW: /* enrollment_check, item a, both media */
        return (any_purpose || !strcmp(PURPOSES[c->purpose].code, "enrollment_check")) &&
               provided == mask_of("a");
    default: return false; /* none, expired, revoked: nothing counts */
    }
}

/* The rules, in the order docs/ARCHITECTURE.md gives them ("The provision gate"). */
static expectation expect(const tcase *c)
{
    expectation e = {0};
    const struct rule_cat *cat = &CATS[c->cat];
    bool self = !strcmp(cat->code, "self");
    bool electronic = c->way == W_ELECTRONIC || c->way == W_OTHER_ELECTRONIC;
    bool written = c->way == W_PAPER || c->way == W_ELECTRONIC;
    bool has_purpose = c->purpose != P_NO_PURPOSE;
    unsigned items = mask_of(c->items);

    /* input: electronic media are a written method; one ground; a statute or an emergency
     * takes no purpose; the member's own request is no emergency */
    if (c->way == W_OTHER_ELECTRONIC) {
        e.invalid = true, e.field = "medium";
        return e;
    }
    if ((c->statute && c->emergency) || (c->emergency && self)) {
        e.invalid = true, e.field = "emergency";
        return e;
    }
    if ((c->statute || c->emergency) && has_purpose) {
        e.invalid = true, e.field = "purpose";
        return e;
    }
    /* 1a. 第20条第4項: refused before the member is looked up */
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
    want(&e, "permitted_recipient", cat->article);
    /* 1b. the ground */
    bool statute = false, emergency = c->emergency, by_purpose = false;
    if (self) {
    } else if (c->statute) {
        if (!cat->legal) { /* 第20条第5項 但し書 names (f)(g)(h) */
            want(&e, "legal_basis_category", "第20条第3項(f)(g)(h), 第20条第5項");
            e.outcome = DECIDE_REFUSE;
            return e;
        }
        statute = true;
        e.hold |= DECIDE_HOLD_CHIEF;
        want(&e, "legal_basis", "第19条第1項第1号");
    } else if (emergency) {
        e.hold |= DECIDE_HOLD_CHIEF;
        want(&e, "emergency", "第19条第1項第2号");
    } else {
        by_purpose = true;
        if (c->purpose >= NPURPOSES) {
            want(&e, "purpose_not_listed", "第20条第1項");
            e.outcome = DECIDE_REFUSE;
            return e;
        }
        if (!may_use(c->purpose, cat->code)) {
            want(&e, "purpose_scope", PURPOSES[c->purpose].article);
            e.outcome = DECIDE_REFUSE;
            return e;
        }
    }
    /* 1c. the items: 第20条第1項 for a purpose; what the request names on a statute or in an
     * emergency; everything to the member (第22条第1項) */
    if (self) {
        e.provided = items;
        want(&e, "self_disclosure", "第22条第1項");
    } else if (!by_purpose) {
        e.provided = items;
    } else {
        e.provided = items & mask_of(PURPOSES[c->purpose].items);
        for (int i = 0; i < 6; i++) {
            if (e.provided & (1u << i))
                want(&e, "item_purpose", ITEM_ARTICLE[i]);
            else if (items & (1u << i))
                want(&e, "item_purpose_mismatch", ITEM_ARTICLE[i]);
        }
        if (!e.provided) {
            e.outcome = DECIDE_REFUSE;
            want(&e, "no_item_for_purpose", "第20条第1項");
            return e;
        }
    }
    /* 1d. 第20条第2項 the chief's consent to another method (waiving nothing else; the member:
     * 第22条第3項); 取扱規程 第5条 electronic media with a pledge; 第6条 paper against a pledge
     * in the society's business — not asked under 第19条第1項 */
    if (!written) {
        if (self) {
            want(&e, "disclosure_other_method", "第22条第3項");
        } else {
            e.hold |= DECIDE_HOLD_CHIEF;
            want(&e, "method_not_written", "第20条第2項");
        }
    }
    if (electronic) {
        e.hold |= DECIDE_HOLD_CHIEF;
        want(&e, "electronic_media", "取扱規程 第5条, 第38条");
    }
    if (!self && !electronic && !by_purpose) {
        want(&e, "pledge_not_required",
             statute ? "取扱規程 第6条, 第19条第1項第1号" : "取扱規程 第6条, 第19条第1項第2号");
    } else if (!self && (electronic || cat->pledge)) {
        const char *art = electronic ? "取扱規程 第5条" : "取扱規程 第6条";
        if (pledge_ok(c, electronic, e.provided, !by_purpose)) {
            want(&e, "pledge_on_file", art);
        } else {
            e.hold |= DECIDE_HOLD_PLEDGE;
            want(&e, "pledge_required", art);
        }
    }
    e.member_needed = true;
    if (c->consent) /* the chief's approval answers the chief's holds, not the pledge */
        e.hold &= ~(unsigned)DECIDE_HOLD_CHIEF;
    /* the holds so far are the requester's next step, whatever the member: their facts are
     * then reasons for the chief officer only */
    bool held = e.hold != 0;
    /* 2. not found: a permitted requester may learn it (the member: 第22条第2項) */
    if (c->member == M_NOT_FOUND) {
        want(&e, "not_found", self ? "第22条第2項" : cat->article);
        if (!held) {
            e.outcome = DECIDE_NOT_FOUND;
            e.provided = 0;
            return e;
        }
        e.outcome = DECIDE_HOLD;
        return e;
    }
    /* 3. 第20条第5項: the opt-out binds every third party but a statute from (f)(g)(h) (但し書);
     * an emergency is the chief officer's (第19条第1項第2号) */
    bool opted = c->member == M_OPTED_OUT || c->member == M_DECEASED_OPTED_OUT;
    if (opted && !self) {
        if (statute) {
            want(&e, "optout_legal_basis", "第20条第5項");
        } else if (emergency) {
            want(&e, "optout_emergency", "第19条第1項第2号, 第20条第5項");
        } else {
            want(&e, "opted_out", "第20条第5項");
            if (!held) {
                e.outcome = DECIDE_REFUSE;
                e.provided = 0;
                return e;
            }
        }
    }
    if (!self && (c->member == M_WITHDRAWN || c->member == M_DECEASED_OPTED_OUT)) {
        if (!held && !c->consent) /* a former member is the chief officer's (第20条 does not foresee it) */
            e.hold |= DECIDE_HOLD_CHIEF;
        want(&e, "former_member", "第20条");
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
        .purpose = c->purpose < NPURPOSES  ? PURPOSES[c->purpose].code
                   : c->purpose == P_SALES ? "sales"
                                           : NULL,
        .items = mask_of(c->items),
        .method = c->way == W_OTHER || c->way == W_OTHER_ELECTRONIC ? DECIDE_OTHER : DECIDE_WRITTEN,
        .medium = c->way == W_ELECTRONIC || c->way == W_OTHER_ELECTRONIC ? DECIDE_ELECTRONIC
                                                                         : DECIDE_PAPER,
        .legal_basis = c->statute ? "刑事訴訟法第197条第2項" : NULL,
        .legal_document = c->statute ? "架県刑第123号" : NULL,
        .emergency = c->emergency,
        .chief_consented = c->consent,
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
             "statute=%d emergency=%d consent=%d",
             CATS[c->cat].code,
             c->purpose < NPURPOSES ? PURPOSES[c->purpose].code
             : c->purpose == P_SALES ? "sales"
                                     : "(none)",
             c->items, ms[c->member], ps[c->pledge],
             ws[c->way], c->verified ? "verified" : "unverified", c->deny, c->statute,
             c->emergency, c->consent);
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
 * emergency × the chief officer's consent × method/medium × items × purpose (the six, an
 * unlisted one, none) × pledge on file. */
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
                        for (int em = 0; em < 4; em++)
                            for (c.way = 0; c.way < W__N; c.way++)
                                for (int it = 0; it < NITEM_SETS; it++)
                                    for (c.purpose = 0; c.purpose <= P_NO_PURPOSE;
                                         c.purpose++)
                                        for (c.pledge = 0; c.pledge < P__N; c.pledge++) {
                                            c.verified = v, c.deny = d, c.statute = s;
                                            c.emergency = em & 1, c.consent = em >> 1;
                                            c.items = ITEM_SETS[it];
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
                          .legal_document = statute ? "架県刑第123号" : NULL, .today = TODAY};
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

/* 規程 第19条第1項第1号: a police inquiry under 刑事訴訟法第197条第2項 is a ground of its own: no
 * 第20条第1項 purpose, the items its 照会書 names (the home address too), held for the chief
 * officer; it reaches an opted-out member (第20条第5項 但し書) and needs no pledge on paper, for
 * the stated reason (取扱規程 第6条 is the society's business's condition). Without the statute,
 * under a purpose, the opt-out refuses it. */
static void test_police_statute_on_opted_out(void **state)
{
    (void)state;
    decide_result *r = decide_one("police", NULL, "ae", "刑事訴訟法第197条第2項", true,
                                  DECIDE_WRITTEN, NULL, 0);
    assert_int_equal(r->outcome, DECIDE_HOLD);
    assert_int_equal(r->hold, DECIDE_HOLD_CHIEF);
    assert_int_equal(r->ground, DECIDE_GROUND_STATUTE);
    assert_int_equal(r->provided, mask_of("ae"));
    assert_true(r->legal_basis);
    assert_reason(r, "legal_basis", "第19条第1項第1号");
    assert_reason(r, "optout_legal_basis", "第20条第5項");
    assert_reason(r, "pledge_not_required", "取扱規程 第6条, 第19条第1項第1号");
    assert_non_null(strstr(decide_reason_find(r, "pledge_not_required")->text, "本会業務"));
    assert_non_null(strstr(decide_reason_find(r, "legal_basis")->text, "架県刑第123号"));
    assert_null(decide_reason_find(r, "item_purpose"));
    test_free(r);
    /* the chief officer's approval: provided, the opt-out notwithstanding */
    decide_request req = {.category = "police", .identity_verified = true, .items = mask_of("ae"),
                          .legal_basis = "刑事訴訟法第197条第2項", .legal_document = "架県刑第123号",
                          .chief_consented = true, .today = TODAY};
    decide_member m = {true, true, "active"};
    r = test_malloc(sizeof *r);
    meibo_err err;
    assert_ok(decide_inquiry(&policy, &req, &m, NULL, 0, r, &err), &err);
    assert_int_equal(r->outcome, DECIDE_PROVIDE);
    assert_true(r->member_consulted);
    /* ... and when nobody is registered, the statute learns it (not_found) */
    m.found = false;
    assert_ok(decide_inquiry(&policy, &req, &m, NULL, 0, r, &err), &err);
    assert_int_equal(r->outcome, DECIDE_NOT_FOUND);
    assert_int_equal(r->provided, 0);
    test_free(r);
    r = decide_one("police", "enrollment_check", "a", NULL, true, DECIDE_WRITTEN, NULL, 0);
    assert_int_equal(r->outcome, DECIDE_HOLD); /* its pledge first, member or not */
    assert_int_equal(r->hold, DECIDE_HOLD_PLEDGE);
    test_free(r);
    decide_pledge p = {.id = 4, .document_no = "誓-4", .media = DECIDE_MEDIA_PAPER,
                       .purposes = "enrollment_check", .items = mask_of("a"),
                       .valid_until = "2027-01-01"};
    r = decide_one("police", "enrollment_check", "a", NULL, true, DECIDE_WRITTEN, &p, 1);
    assert_int_equal(r->outcome, DECIDE_REFUSE);
    assert_reason(r, "opted_out", "第20条第5項");
    test_free(r);
}

/* 第20条第1項: an unlisted purpose, free text, no purpose: refused (decided, not an input
 * error); a purpose out of the requester's scope: refused with the purpose's article. */
static void test_purpose_listed_and_scoped(void **state)
{
    (void)state;
    static const char *const unlisted[] = {"sales", "新商品のご案内", "", NULL};
    for (size_t i = 0; i < 4; i++) {
        decide_result *r = decide_one("academic", unlisted[i], "d", NULL, false, DECIDE_WRITTEN,
                                      NULL, 0);
        assert_int_equal(r->outcome, DECIDE_REFUSE);
        assert_false(r->member_needed);
        assert_reason(r, "purpose_not_listed", "第20条第1項");
        test_free(r);
    }
    /* the society's own business is not a colleague's at the member's hospital (c) */
    decide_result *r = decide_one("colleague", "society_business", "f", NULL, false,
                                  DECIDE_WRITTEN, NULL, 0);
    assert_int_equal(r->outcome, DECIDE_REFUSE);
    assert_false(r->member_needed);
    assert_reason(r, "purpose_scope", "第20条第1項(d)(e)(f)");
    test_free(r);
    /* a commercial body citing a statute: refused under 第20条第4項(b), not an input error */
    r = decide_one("commercial", NULL, "e", "個人情報保護法", false, DECIDE_WRITTEN, NULL, 0);
    assert_int_equal(r->outcome, DECIDE_REFUSE);
    assert_reason(r, "forbidden_category", "第20条第4項(b)");
    test_free(r);
    r = decide_one("academic", NULL, "e", "民法", false, DECIDE_WRITTEN, NULL, 0);
    assert_int_equal(r->outcome, DECIDE_REFUSE);
    assert_reason(r, "legal_basis_category", "第20条第3項(f)(g)(h), 第20条第5項");
    test_free(r);
}

/* 第20条第3項, 第20条第5項: the same requester gets the same next step (outcome and holds)
 * whether the person is a member, has opted out, has left, or is nobody. */
static void test_same_next_step(void **state)
{
    (void)state;
    const decide_member members[] = {{true, false, "active"}, {true, true, "active"},
                                      {true, false, "withdrawn"}, {false, false, NULL}};
    static const struct {
        const char *cat, *purpose, *statute;
        bool emergency;
        decide_method method;
        decide_medium medium;
        unsigned hold;
    } reqs[] = {
        {"academic", "enrollment_check", NULL, false, DECIDE_WRITTEN, DECIDE_PAPER,
         DECIDE_HOLD_PLEDGE},
        {"academic", "enrollment_check", NULL, false, DECIDE_OTHER, DECIDE_PAPER,
         DECIDE_HOLD_CHIEF | DECIDE_HOLD_PLEDGE},
        {"member", "abstract_registration", NULL, false, DECIDE_WRITTEN, DECIDE_ELECTRONIC,
         DECIDE_HOLD_CHIEF | DECIDE_HOLD_PLEDGE},
        {"police", NULL, "刑事訴訟法第197条第2項", false, DECIDE_OTHER, DECIDE_PAPER,
         DECIDE_HOLD_CHIEF},
        {"family", NULL, NULL, true, DECIDE_OTHER, DECIDE_PAPER, DECIDE_HOLD_CHIEF},
    };
    decide_result *r = test_malloc(sizeof *r);
    for (size_t i = 0; i < sizeof reqs / sizeof *reqs; i++) {
        decide_request req = {.category = reqs[i].cat, .identity_verified = true,
                              .purpose = reqs[i].purpose, .items = mask_of("a"),
                              .method = reqs[i].method, .medium = reqs[i].medium,
                              .legal_basis = reqs[i].statute,
                              .legal_document = reqs[i].statute ? "第1号" : NULL,
                              .emergency = reqs[i].emergency, .today = TODAY};
        for (size_t k = 0; k < sizeof members / sizeof *members; k++) {
            meibo_err err;
            assert_ok(decide_inquiry(&policy, &req, &members[k], NULL, 0, r, &err), &err);
            if (r->outcome != DECIDE_HOLD || r->hold != reqs[i].hold || r->member_consulted)
                fail_msg("%s/%s member %zu: outcome %s hold %#x", reqs[i].cat,
                         reqs[i].purpose ? reqs[i].purpose : "-", k,
                         decide_outcome_name(r->outcome), r->hold);
        }
    }
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

/* 第20条第2項: a telephone answer waits for the chief officer's consent to the method, which
 * waives nothing else: without a pledge it also waits for the pledge (取扱規程 第6条), and the
 * chief's consent alone does not release it. The member's own telephone request is disclosure
 * (第22条第3項 但し書). */
static void test_method_other(void **state)
{
    (void)state;
    decide_pledge p = {.id = 1, .document_no = "誓-1", .media = DECIDE_MEDIA_PAPER,
                       .purposes = "society_business", .items = DECIDE_ALL_ITEMS,
                       .valid_until = "2030-01-01"};
    decide_result *r = decide_one("member", "society_business", "e", NULL, false, DECIDE_OTHER, &p, 1);
    assert_int_equal(r->outcome, DECIDE_HOLD);
    assert_int_equal(r->hold, DECIDE_HOLD_CHIEF);
    assert_reason(r, "method_not_written", "第20条第2項");
    assert_reason(r, "pledge_on_file", "取扱規程 第6条");
    test_free(r);
    r = decide_one("member", "society_business", "e", NULL, false, DECIDE_OTHER, NULL, 0);
    assert_int_equal(r->outcome, DECIDE_HOLD);
    assert_int_equal(r->hold, DECIDE_HOLD_CHIEF | DECIDE_HOLD_PLEDGE);
    assert_reason(r, "pledge_required", "取扱規程 第6条");
    test_free(r);
    decide_request req = {.category = "member", .identity_verified = true,
                          .purpose = "society_business", .items = mask_of("e"),
                          .method = DECIDE_OTHER, .chief_consented = true, .today = TODAY};
    decide_member m = {true, false, "active"};
    r = test_malloc(sizeof *r);
    meibo_err err;
    assert_ok(decide_inquiry(&policy, &req, &m, NULL, 0, r, &err), &err);
    assert_int_equal(r->outcome, DECIDE_HOLD);
    assert_int_equal(r->hold, DECIDE_HOLD_PLEDGE);
    test_free(r);
    r = decide_one("self", NULL, "abcdef", NULL, true, DECIDE_OTHER, NULL, 0);
    assert_int_equal(r->outcome, DECIDE_PROVIDE);
    assert_reason(r, "self_disclosure", "第22条第1項");
    assert_reason(r, "disclosure_other_method", "第22条第3項");
    test_free(r);
}

/* 第19条第1項第2号: an emergency is a ground of its own (no 第20条第1項 purpose, the items asked
 * for, no pledge on paper); it goes to the chief officer, who sees an opt-out among the reasons
 * and, approving, provides. */
static void test_emergency(void **state)
{
    (void)state;
    decide_request req = {.category = "colleague", .identity_verified = true,
                          .items = mask_of("e"), .emergency = true, .today = TODAY};
    decide_member m = {true, true, "active"};
    decide_result *r = test_malloc(sizeof *r);
    meibo_err err;
    assert_ok(decide_inquiry(&policy, &req, &m, NULL, 0, r, &err), &err);
    assert_int_equal(r->outcome, DECIDE_HOLD);
    assert_int_equal(r->hold, DECIDE_HOLD_CHIEF);
    assert_int_equal(r->ground, DECIDE_GROUND_EMERGENCY);
    assert_reason(r, "emergency", "第19条第1項第2号");
    assert_reason(r, "optout_emergency", "第19条第1項第2号, 第20条第5項");
    assert_reason(r, "pledge_not_required", "取扱規程 第6条, 第19条第1項第2号");
    req.chief_consented = true;
    assert_ok(decide_inquiry(&policy, &req, &m, NULL, 0, r, &err), &err);
    assert_int_equal(r->outcome, DECIDE_PROVIDE);
    assert_int_equal(r->provided, mask_of("e"));
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
        {{.category = "police", .purpose = "enrollment_check", .items = 1, .legal_basis = "刑訴法",
          .legal_document = "第1号", .today = TODAY}, "purpose"},
        {{.category = "family", .purpose = "society_business", .items = 1, .emergency = true,
          .today = TODAY}, "purpose"},
        {{.category = "police", .items = 1, .legal_basis = "刑訴法", .today = TODAY},
         "legal_document"},
        {{.category = "police", .items = 1, .legal_basis = "刑訴法", .legal_document = "第1号",
          .emergency = true, .today = TODAY}, "emergency"},
        {{.category = "self", .items = 1, .emergency = true, .today = TODAY}, "emergency"},
        {{.category = "academic", .purpose = "enrollment_check", .items = 0, .today = TODAY}, "items"},
        {{.category = "academic", .purpose = "enrollment_check", .items = 0x40, .today = TODAY}, "items"},
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
        for (int k = 0; k < NCATS; k++) /* who may use it (schema/012) */
            assert_int_equal(decide_list_has(p->categories, CATS[k].code),
                             may_use(i, CATS[k].code));
    }
    for (int i = 0; i < 6; i++)
        assert_string_equal(policy.items[i].article, ITEM_ARTICLE[i]);
}

/* 第20条第4項, 取扱規程 第4条: the recipient gate every path asks (an inquiry, a pledge, an
 * export's request, approval and run), one rule. The attacks of issue 13 §1: a 名簿業者 with a
 * pledge gets the officers sheet; a deny-listed body with a pledge gets an export; a 興信所's
 * pledge is accepted. */
static void test_recipient_gate(void **state)
{
    (void)state;
    decide_result r;
    const decide_category *commercial = decide_category_find(&policy, "commercial");
    const decide_category *investigator = decide_category_find(&policy, "investigator");
    const decide_category *academic = decide_category_find(&policy, "academic");
    decide_category branch = {.code = "branch", .permitted = true, .pledge_required = true,
                              .article = "取扱規程 第4条", .text = "本会の支部"};
    assert_non_null(commercial);
    assert_non_null(investigator);
    /* a 名簿業者 (営利企業等, 第20条第4項(b)) gets the officers sheet: refused whatever it holds */
    decide_recipient(&(decide_recipient_req){commercial, false, true, "officers", "branch,meeting"},
                     &r);
    assert_int_equal(r.outcome, DECIDE_REFUSE);
    assert_non_null(decide_reason_find(&r, "forbidden_category"));
    assert_string_equal(decide_reason_find(&r, "forbidden_category")->article, "第20条第4項(b)");
    /* a 興信所's pledge (no sheet): refused (第20条第4項(c)) */
    decide_recipient(&(decide_recipient_req){investigator, false, true, NULL, NULL}, &r);
    assert_int_equal(r.outcome, DECIDE_REFUSE);
    assert_string_equal(decide_reason_find(&r, "forbidden_category")->article, "第20条第4項(c)");
    /* a deny-listed academic body (第20条第4項(d)), with or without a sheet */
    decide_recipient(&(decide_recipient_req){academic, true, true, "directory", "member,branch"},
                     &r);
    assert_int_equal(r.outcome, DECIDE_REFUSE);
    assert_non_null(decide_reason_find(&r, "deny_listed"));
    assert_null(decide_reason_find(&r, "permitted_recipient"));
    /* no identity record: 第20条第4項(a) */
    decide_recipient(&(decide_recipient_req){&branch, false, false, "branch", "branch"}, &r);
    assert_int_equal(r.outcome, DECIDE_REFUSE);
    assert_non_null(decide_reason_find(&r, "unverified"));
    /* the officers sheet to a permitted academic body: not a category the sheet goes to */
    decide_recipient(&(decide_recipient_req){academic, false, true, "officers", "branch,meeting"},
                     &r);
    assert_int_equal(r.outcome, DECIDE_REFUSE);
    assert_string_equal(decide_reason_find(&r, "sheet_recipient")->article,
                        "取扱規程 第4条, 第20条第1項");
    /* the branch gets its sheet; an academic body may sign a pledge */
    decide_recipient(&(decide_recipient_req){&branch, false, true, "officers", "branch,meeting"},
                     &r);
    assert_int_equal(r.outcome, DECIDE_PROVIDE);
    assert_non_null(decide_reason_find(&r, "permitted_recipient"));
    decide_recipient(&(decide_recipient_req){academic, false, true, NULL, NULL}, &r);
    assert_int_equal(r.outcome, DECIDE_PROVIDE);
    /* the inquiry asks the same step: a deny-listed requester is refused there too */
    decide_request q = {.category = "academic", .identity_verified = true, .deny_listed = true,
                        .purpose = "enrollment_check", .items = DECIDE_ITEM_BIT('a'),
                        .today = "2026-11-21"};
    meibo_err err;
    assert_int_equal(decide_requester(&policy, &q, &r, &err), MEIBO_OK);
    assert_int_equal(r.outcome, DECIDE_REFUSE);
    assert_non_null(decide_reason_find(&r, "deny_listed"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seeded_policy),
        cmocka_unit_test(test_recipient_gate),
        cmocka_unit_test(test_whole_space),
        cmocka_unit_test(test_every_item_set),
        cmocka_unit_test(test_refused_before_member_lookup),
        cmocka_unit_test(test_police_statute_on_opted_out),
        cmocka_unit_test(test_purpose_listed_and_scoped),
        cmocka_unit_test(test_same_next_step),
        cmocka_unit_test(test_partial_by_purpose),
        cmocka_unit_test(test_pledge_validity),
        cmocka_unit_test(test_method_other),
        cmocka_unit_test(test_emergency),
        cmocka_unit_test(test_policy_is_data),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests_name("decide", tests, load_policy, NULL);
}

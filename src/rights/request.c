/* request.c: members' rights requests (規程 第22–23条): intake, due dates, decision, completion. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meibo/audit.h"
#include "meibo/auth.h"
#include "meibo/check.h"
#include "meibo/decide.h"
#include "meibo/member.h"
#include "meibo/optout.h"
#include "meibo/request.h"
#include "meibo/roster.h"
#include "meibo/text.h"

#define CONTENT_MAX 400
#define NOTE_MAX 400
#define DOCUMENT_MAX 60
#define NAME_MAX_CHARS 60
#define PROOF_MAX 200
#define FEE_MAX 1000000L

static const struct {
    const char *code, *ja, *article;
} kinds[] = {
#define REQUEST_K_ROW(id, code, ja, article) {code, ja, article},
    REQUEST_KINDS(REQUEST_K_ROW)
#undef REQUEST_K_ROW
};

static const struct {
    const char *code, *ja;
} identities[] = {
#define REQUEST_I_ROW(id, code, ja) {code, ja},
    REQUEST_IDENTITIES(REQUEST_I_ROW)
#undef REQUEST_I_ROW
};

int request_kind_parse(const char *code)
{
    return CHECK_CODE_INDEX(kinds, REQUEST_KIND__COUNT, code);
}

const char *request_kind_code(request_kind k)
{
    return (unsigned)k < REQUEST_KIND__COUNT ? kinds[k].code : "";
}

const char *request_kind_ja(request_kind k)
{
    return (unsigned)k < REQUEST_KIND__COUNT ? kinds[k].ja : "";
}

const char *request_kind_article(request_kind k)
{
    return (unsigned)k < REQUEST_KIND__COUNT ? kinds[k].article : "";
}

int request_identity_parse(const char *code)
{
    return CHECK_CODE_INDEX(identities, REQUEST_IDENTITY__COUNT, code);
}

const char *request_identity_code(request_identity i)
{
    return (unsigned)i < REQUEST_IDENTITY__COUNT ? identities[i].code : "";
}

const char *request_identity_ja(request_identity i)
{
    return (unsigned)i < REQUEST_IDENTITY__COUNT ? identities[i].ja : "";
}

static const char *const statuses[] = {
#define REQUEST_S_ROW(id, code) code,
    REQUEST_STATUSES(REQUEST_S_ROW)
#undef REQUEST_S_ROW
};

static const char *const grants[] = {
#define REQUEST_G_ROW(id, code) code,
    REQUEST_GRANTS(REQUEST_G_ROW)
#undef REQUEST_G_ROW
};

int request_status_parse(const char *code)
{
    return CHECK_CODE_INDEX(statuses, REQUEST_STATUS__COUNT, code);
}

const char *request_status_code(request_status s)
{
    return (unsigned)s < REQUEST_STATUS__COUNT ? statuses[s] : "";
}

int request_grant_parse(const char *code)
{
    return CHECK_CODE_INDEX(grants, REQUEST_GRANT__COUNT, code);
}

const char *request_grant_code(request_grant g)
{
    return (unsigned)g < REQUEST_GRANT__COUNT ? grants[g] : "";
}

/* "a, b or c" of a code table, for messages. */
static void codes_text(const char *const *codes, int n, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        int w = snprintf(buf + used, len - used, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ",
                         codes[i]);
        if (w < 0 || (size_t)w >= len - used)
            break;
        used += (size_t)w;
    }
}

static const char *const channels[] = {"letter", "counter", "email", "fax", "phone"};
/* who notified (取扱規程 第7–8条): the member, family, facility staff, an agent */
static const char *const notifiers[] = {"self", "family", "facility_staff", "agent"};

static bool one_of(const char *v, const char *const *list, int n)
{
    for (int i = 0; v && i < n; i++)
        if (!strcmp(v, list[i]))
            return true;
    return false;
}

/* ---- recording ------------------------------------------------------------------------------ */

static const char sql_member[] = "SELECT id FROM members WHERE member_no = ?1";
/* a person named without a member number: the member whose name (spaces ignored) and home
 * address are the ones given, when exactly one is */
static const char sql_person[] =
    "SELECT id, member_no FROM members WHERE replace(replace(family_name || given_name, ' ', ''), "
    "'　', '') = ?1 AND home_address = ?2 LIMIT 2";
static const char sql_insert[] =
    "INSERT INTO rights_requests (kind, member_id, member_no, received_on, channel, content, "
    "document_no, identity, identity_note, agent, agent_proof, fee_yen, due_on, created_at, "
    "created_by, notifier, requester_name, requester_address) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
    "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, coalesce((SELECT family_name || ' ' || "
    "given_name FROM members WHERE id = ?2), ?17), ?18)";

/* The member by number (normalized into @p no). */
static meibo_status member_find(meibo_ctx *ctx, const char *member_no, char no[32], int64_t *id,
                                meibo_err *err)
{
    char *n = NULL;
    meibo_status st = check_text("member_no", member_no, 20, true, err);
    if (st || (st = text_nfkc(member_no, &n, err)))
        return st;
    text_copy_cut(no, 32, n);
    free(n);
    sqlite3_stmt *s = db_stmt(ctx, sql_member, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(s, 1, no, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "member_no", "no member with number %s",
                                no);
    return rc == SQLITE_ROW ? MEIBO_OK : db_fail(ctx, err, "finding the member");
}

/* Check a new request whole; the canonical dates into @p received and @p due. */
static meibo_status request_check(meibo_ctx *ctx, const request_new *r, int *kind,
                                  char received[11], char due[11], meibo_err *err)
{
    char today[16], all[200];
    db_today(ctx, today, sizeof today);
    meibo_status st;
    if ((*kind = request_kind_parse(r->kind)) < 0) {
        const char *codes[REQUEST_KIND__COUNT];
        for (int i = 0; i < REQUEST_KIND__COUNT; i++)
            codes[i] = kinds[i].code;
        codes_text(codes, REQUEST_KIND__COUNT, all, sizeof all);
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "kind", "kind: '%s' is not %s",
                                r->kind ? r->kind : "", all);
    }
    if ((st = check_date_in("received_on", r->received_on, today, CHECK_DATE_EVENT, today, received, err)))
        return st;
    if (strcmp(received, today) > 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "received_on",
                                "received_on: %s is in the future", received);
    if (!check_blank(r->channel) && !one_of(r->channel, channels, 5)) {
        codes_text(channels, 5, all, sizeof all);
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "channel", "channel: '%s' is not %s",
                                r->channel, all);
    }
    bool edit = *kind == REQUEST_CORRECTION || *kind == REQUEST_ADDITION ||
                *kind == REQUEST_DELETION;
    if ((st = check_text("content", r->content, CONTENT_MAX, false, err)) ||
        (st = check_text("document_no", r->document_no, DOCUMENT_MAX, false, err)) ||
        (st = check_text("identity_note", r->identity_note, PROOF_MAX, false, err)) ||
        (st = check_text("agent", r->agent, NAME_MAX_CHARS, false, err)) ||
        (st = check_text("agent_proof", r->agent_proof, PROOF_MAX, false, err)))
        return st;
    if (edit && check_blank(r->content))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "content",
                                "content: say what the member asks to be %s (第23条第1項)",
                                *kind == REQUEST_CORRECTION ? "corrected"
                                : *kind == REQUEST_ADDITION ? "added"
                                                            : "deleted");
    int id = request_identity_parse(r->identity);
    if (id < 0) {
        const char *codes[REQUEST_IDENTITY__COUNT];
        for (int i = 0; i < REQUEST_IDENTITY__COUNT; i++)
            codes[i] = identities[i].code;
        codes_text(codes, REQUEST_IDENTITY__COUNT, all, sizeof all);
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "identity",
                                "identity: how the requester's identity was checked (第22条第1項): "
                                "'%s' is not %s",
                                r->identity ? r->identity : "", all);
    }
    if (id == REQUEST_ID_OTHER && check_blank(r->identity_note))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "identity_note",
                                "identity_note: say how identity was checked when it is 'other'");
    if (!check_blank(r->notifier) && !one_of(r->notifier, notifiers, 4)) {
        codes_text(notifiers, 4, all, sizeof all);
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "notifier",
                                "notifier: '%s' is not %s (取扱規程 第7–8条)", r->notifier, all);
    }
    const char *who = request_notifier(r);
    bool as_member = !strcmp(who, "family") || !strcmp(who, "facility_staff");
    if (!strcmp(who, "self") && !check_blank(r->agent))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "notifier",
                                "notifier: the member themself has no agent name (--agent)");
    if (strcmp(who, "self") != 0 && check_blank(r->agent))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "agent",
                                "agent: the name of the %s who notified is required",
                                !strcmp(who, "family") ? "family member"
                                : as_member            ? "facility staff member"
                                                       : "agent");
    if (as_member && !edit)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "notifier",
                                "notifier: family and facility staff count as the member only "
                                "for a correction or deletion (取扱規程 第7–8条); for a %s, "
                                "record them as an agent with the proof of agency "
                                "(--notifier agent --agent-proof, 第22条第1項)",
                                kinds[*kind].code);
    if (strcmp(who, "agent") != 0 && !check_blank(r->agent_proof))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "agent_proof",
                                "agent_proof: a proof of agency goes with an agent "
                                "(--agent; family and facility staff need none, 取扱規程 第7–8条)");
    if (r->fee_yen < 0 || r->fee_yen > FEE_MAX)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "fee",
                                "fee: yen received, from 0 to %ld, not %ld", FEE_MAX, r->fee_yen);
    if (!check_blank(r->due_on)) {
        if ((st = check_date_in("due_on", r->due_on, NULL, CHECK_DATE_TERM, today, due, err)))
            return st;
        if (strcmp(due, received) < 0)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, "due_on",
                                    "due_on: %s is before the request was received (%s)", due,
                                    received);
    } else {
        int days = r->due_days > 0 ? r->due_days : REQUEST_DUE_DAYS;
        if (days > 366)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, "due_days",
                                    "due_days: %d days is too long", days);
        check_date_add_days(received, days, due);
    }
    return MEIBO_OK;
}

/* A request by a person given by name and address (no member number): linked to the member
 * they are when exactly one matches; else, for a disclosure only, recorded against the person
 * alone (第22条第2項: the answer is that no data is held). */
static const char *addr_given(const request_new *r)
{
    return r->requester_address ? r->requester_address : "";
}

static meibo_status person_find(meibo_ctx *ctx, const request_new *r, int kind, char no[32],
                                int64_t *id, meibo_err *err)
{
    meibo_status st;
    if (check_blank(r->requester_name))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "member_no",
                                "member_no: give the member's number, or the requester's name "
                                "and address (--name, --address)");
    if ((st = check_text("requester_name", r->requester_name, NAME_MAX_CHARS, true, err)) ||
        (st = check_text("requester_address", r->requester_address, 200, false, err)))
        return st;
    char *name = NULL, *addr = NULL;
    if ((st = text_nfkc(r->requester_name, &name, err)))
        return st;
    if ((st = text_nfkc(r->requester_address ? r->requester_address : "", &addr, err))) {
        free(name);
        return st;
    }
    size_t w = 0;
    for (size_t i = 0; name[i]; i++)
        if (name[i] != ' ')
            name[w++] = name[i];
    name[w] = '\0';
    sqlite3_stmt *s = db_stmt(ctx, sql_person, err);
    if (!s) {
        free(name);
        free(addr);
        return MEIBO_ERR_DB;
    }
    sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, addr, -1, SQLITE_TRANSIENT);
    int rc, n = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if (n++ == 0) {
            *id = sqlite3_column_int64(s, 0);
            text_copy_cut(no, 32, (const char *)sqlite3_column_text(s, 1));
        }
    sqlite3_reset(s);
    free(name);
    free(addr);
    if (rc != SQLITE_DONE)
        return db_fail(ctx, err, "finding the requester among the members");
    if (n == 1 && *addr_given(r))
        return MEIBO_OK;
    *id = 0;
    no[0] = '\0';
    if (kind != REQUEST_DISCLOSURE)
        return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "member_no",
                                "member_no: no member matches %s; only a disclosure request is "
                                "recorded for a person the registry does not hold (第22条第2項)",
                                r->requester_name);
    return MEIBO_OK;
}

const char *request_notifier(const request_new *r)
{
    if (!check_blank(r->notifier))
        return r->notifier;
    return check_blank(r->agent) ? "self" : "agent";
}

static void bind_str(sqlite3_stmt *s, int i, const char *v)
{
    sqlite3_bind_text(s, i, v ? v : "", -1, SQLITE_TRANSIENT);
}

meibo_status request_add(meibo_ctx *ctx, const request_new *r, int64_t *id, meibo_err *err)
{
    if (id)
        *id = 0;
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "record a rights request (第22–23条)",
                                   err);
    int kind;
    char received[11], due[11], no[32], now[32];
    int64_t member_id = 0;
    if (st || (st = request_check(ctx, r, &kind, received, due, err)))
        return st;
    db_now_text(ctx, now, sizeof now);
    if ((st = db_begin(ctx, err)))
        return st;
    no[0] = '\0';
    if (!check_blank(r->member_no)) {
        if ((st = member_find(ctx, r->member_no, no, &member_id, err)))
            goto rollback;
    } else if ((st = person_find(ctx, r, kind, no, &member_id, err))) {
        goto rollback;
    }
    sqlite3_stmt *s = db_stmt(ctx, sql_insert, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    bind_str(s, 1, kinds[kind].code);
    if (member_id)
        sqlite3_bind_int64(s, 2, member_id);
    bind_str(s, 3, no);
    bind_str(s, 4, received);
    bind_str(s, 5, check_blank(r->channel) ? "letter" : r->channel);
    bind_str(s, 6, r->content);
    bind_str(s, 7, r->document_no);
    bind_str(s, 8, r->identity);
    bind_str(s, 9, r->identity_note);
    bind_str(s, 10, r->agent);
    bind_str(s, 11, r->agent_proof);
    sqlite3_bind_int64(s, 12, r->fee_yen);
    bind_str(s, 13, due);
    bind_str(s, 14, now);
    bind_str(s, 15, ctx->login);
    bind_str(s, 16, request_notifier(r));
    bind_str(s, 17, r->requester_name);
    bind_str(s, 18, r->requester_address);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        st = db_fail(ctx, err, "recording a rights request");
        goto rollback;
    }
    int64_t new_id = sqlite3_last_insert_rowid(ctx->db);
    char detail[200];
    snprintf(detail, sizeof detail, "id=%" PRId64 " kind=%s received_on=%s due_on=%s notifier=%s",
             new_id, kinds[kind].code, received, due, request_notifier(r));
    if ((st = audit_append(ctx, "request.add", *no ? no : NULL, detail, err)) ||
        (st = db_commit(ctx, err)))
        goto rollback;
    if (id)
        *id = new_id;
    return MEIBO_OK;
rollback:
    db_rollback(ctx);
    return st;
}

/* ---- deciding ------------------------------------------------------------------------------- */

/* What a decision works with: the stored request. */
typedef struct req_row {
    int64_t id, member_id;
    int kind;
    char member_no[32], received_on[11], status[12], identity[24], document_no[DOCUMENT_MAX * 4 + 1];
    char decided_on[11], channel[12];
    bool agent, proof, notified;
} req_row;

/* agent: made by an agent who needs a proof of agency (the member's family and facility staff
 * count as the member, 取扱規程 第7–8条) */
static const char sql_row[] =
    "SELECT kind, member_id, member_no, received_on, status, identity, notifier = 'agent', "
    "agent_proof <> '', document_no, coalesce(decided_on, ''), notified_on IS NOT NULL, channel "
    "FROM rights_requests WHERE id = ?1";

static meibo_status row_load(meibo_ctx *ctx, int64_t id, req_row *r, meibo_err *err)
{
    memset(r, 0, sizeof *r);
    sqlite3_stmt *s = db_stmt(ctx, sql_row, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        r->id = id;
        r->kind = request_kind_parse((const char *)sqlite3_column_text(s, 0));
        r->member_id = sqlite3_column_int64(s, 1);
        text_copy_cut(r->member_no, sizeof r->member_no, (const char *)sqlite3_column_text(s, 2));
        text_copy_cut(r->received_on, sizeof r->received_on,
                      (const char *)sqlite3_column_text(s, 3));
        text_copy_cut(r->status, sizeof r->status, (const char *)sqlite3_column_text(s, 4));
        text_copy_cut(r->identity, sizeof r->identity, (const char *)sqlite3_column_text(s, 5));
        r->agent = sqlite3_column_int(s, 6) != 0;
        r->proof = sqlite3_column_int(s, 7) != 0;
        text_copy_cut(r->document_no, sizeof r->document_no,
                      (const char *)sqlite3_column_text(s, 8));
        text_copy_cut(r->decided_on, sizeof r->decided_on, (const char *)sqlite3_column_text(s, 9));
        r->notified = sqlite3_column_int(s, 10) != 0;
        text_copy_cut(r->channel, sizeof r->channel, (const char *)sqlite3_column_text(s, 11));
    }
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "id", "no rights request %" PRId64, id);
    if (rc != SQLITE_ROW)
        return db_fail(ctx, err, "reading a rights request");
    if (r->kind < 0)
        return meibo_fail(err, MEIBO_ERR_INTEGRITY, "rights request %" PRId64 ": unknown kind", id);
    return MEIBO_OK;
}

static const char sql_reason[] = "SELECT kinds FROM rights_reasons WHERE code = ?1";

/* Is @p code a reason that may be given for @p kind? */
static meibo_status reason_check(meibo_ctx *ctx, int kind, const char *code, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_reason, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    bool fits = rc == SQLITE_ROW &&
                decide_list_has((const char *)sqlite3_column_text(s, 0), kinds[kind].code);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(ctx, err, "reading the reasons");
    if (!fits)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "reason",
                                "reason: '%s' is not a reason that may be given for a %s request "
                                "(see: meibo request reasons --kind %s)",
                                code, kinds[kind].code, kinds[kind].code);
    return MEIBO_OK;
}

static const char sql_provision_of[] =
    "SELECT 1 FROM provisions WHERE id = ?1 AND member_id = ?2";

/* The withheld parts of a disclosure: member field names and provision:N of this member,
 * checked and rewritten without spaces into @p out. */
static meibo_status withhold_check(meibo_ctx *ctx, const req_row *r, const char *list, char *out,
                                   size_t len, meibo_err *err)
{
    size_t used = 0;
    out[0] = '\0';
    if (check_blank(list))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "withhold",
                                "withhold: a disclosure in part names what it withholds: member "
                                "fields and provision:N (第22条第4項)");
    meibo_status st = check_text("withhold", list, 400, true, err);
    if (st)
        return st;
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        char tok[80], *t = tok;
        snprintf(tok, sizeof tok, "%.*s", (int)(n < sizeof tok - 1 ? n : sizeof tok - 1), p);
        while (*t == ' ')
            t++;
        for (char *e = t + strlen(t); e > t && e[-1] == ' ';)
            *--e = '\0';
        const char *name;
        if (!strncmp(t, "provision:", 10)) {
            char *end;
            long long pid = strtoll(t + 10, &end, 10);
            sqlite3_stmt *s = db_stmt(ctx, sql_provision_of, err);
            if (!s)
                return MEIBO_ERR_DB;
            sqlite3_bind_int64(s, 1, pid);
            sqlite3_bind_int64(s, 2, r->member_id);
            int rc = *end || pid <= 0 ? SQLITE_DONE : sqlite3_step(s);
            sqlite3_reset(s);
            if (rc != SQLITE_ROW)
                return meibo_fail_field(err, MEIBO_ERR_INVALID, "withhold",
                                        "withhold: '%s' is not a provision record of member %s "
                                        "(see: meibo provision list --member %s)",
                                        t, r->member_no, r->member_no);
            snprintf(tok, sizeof tok, "provision:%lld", pid);
            name = tok;
        } else {
            int f = member_field_find(t);
            if (f < 0)
                return meibo_fail_field(err, MEIBO_ERR_INVALID, "withhold",
                                        "withhold: '%s' is neither a member field nor "
                                        "provision:N", t);
            name = member_field_get((member_field)f)->name;
        }
        int w = snprintf(out + used, len - used, "%s%s", used ? "," : "", name);
        if (w < 0 || (size_t)w >= len - used)
            return meibo_fail_field(err, MEIBO_ERR_INVALID, "withhold", "withhold: too long");
        used += (size_t)w;
        p += n + (p[n] == ',');
    }
    return MEIBO_OK;
}

/* The fields a request may not change: who the member is, membership, the opt-out (its own
 * path, optout.h). */
static bool field_fixed(member_field f)
{
    return f == MF_MEMBER_NO || f == MF_STATUS || f == MF_OPTOUT_ON || f == MF_WITHDRAWN_ON ||
           f == MF_WITHDRAW_REASON;
}

/* Apply "FIELD=VALUE" changes to the member through member_update() (audited, in the
 * caller's transaction); the fields that changed into @p changed, and the changes as given
 * (one a line, for a restore to apply again) into @p lines when not NULL. @p replay: a
 * restore applying a decision again (request_carry()): a value already there is no error. */
static meibo_status member_changes(meibo_ctx *ctx, const req_row *r, const request_decision *d,
                                   bool replay, char *changed, size_t len, char *lines,
                                   size_t lines_len, meibo_err *err)
{
    changed[0] = '\0';
    size_t lused = 0;
    if (lines)
        lines[0] = '\0';
    meibo_member m, before;
    member_init(&m);
    member_init(&before);
    meibo_status st = member_load(ctx, r->member_no, 0, &m, err);
    if (st)
        goto out;
    for (int f = 0; f < MF__COUNT; f++)
        if ((st = member_set(&before, (member_field)f, member_get_field(&m, (member_field)f), err)))
            goto out;
    for (int i = 0; i < d->nset; i++) {
        const char *a = d->set[i] ? d->set[i] : "";
        const char *eq = strchr(a, '=');
        char name[64];
        snprintf(name, sizeof name, "%.*s", eq ? (int)(eq - a) : 0, a);
        int f = eq ? member_field_find(name) : -1;
        if (f < 0) {
            st = meibo_fail_field(err, MEIBO_ERR_INVALID, "set",
                                  "set: '%s' is not FIELD=VALUE with a member field "
                                  "(see: meibo member --help)", a);
            goto out;
        }
        const char *fname = member_field_get((member_field)f)->name;
        if (field_fixed((member_field)f)) {
            st = meibo_fail_field(err, MEIBO_ERR_INVALID, fname,
                                  "%s: a rights request does not change it%s", fname,
                                  f == MF_OPTOUT_ON ? " (a stop of provision records the opt-out "
                                                      "itself, 第20条第5項)"
                                                    : "");
            goto out;
        }
        const char *value = eq + 1;
        if (strchr(value, '\n')) {
            st = meibo_fail_field(err, MEIBO_ERR_INVALID, fname, "%s: one line only", fname);
            goto out;
        }
        if (lines) {
            int w = snprintf(lines + lused, lines_len - lused, "%s%s=%s", lused ? "\n" : "",
                             fname, value);
            if (w < 0 || (size_t)w >= lines_len - lused) {
                st = meibo_fail_field(err, MEIBO_ERR_INVALID, "set", "set: too many changes");
                goto out;
            }
            lused += (size_t)w;
        }
        if (!replay && r->kind == REQUEST_ADDITION && *member_get_field(&m, (member_field)f)) {
            st = meibo_fail_field(err, MEIBO_ERR_INVALID, fname,
                                  "%s: has a value already; an addition fills an empty field, a "
                                  "correction changes one (第23条第1項)", fname);
            goto out;
        }
        if ((r->kind == REQUEST_DELETION || r->kind == REQUEST_SUSPENSION) && *value) {
            st = meibo_fail_field(err, MEIBO_ERR_INVALID, fname,
                                  "%s: a %s erases a value: give %s= with nothing after it",
                                  fname, kinds[r->kind].code, fname);
            goto out;
        }
        if ((st = member_set(&m, (member_field)f, value, err)))
            goto out;
    }
    if ((st = member_update(ctx, &m, err)))
        goto out;
    size_t used = 0;
    for (int f = 0; f < MF__COUNT; f++) {
        if (!strcmp(member_get_field(&m, (member_field)f), member_get_field(&before, (member_field)f)))
            continue;
        int w = snprintf(changed + used, len - used, "%s%s", used ? "," : "",
                         member_field_get((member_field)f)->name);
        if (w > 0 && (size_t)w < len - used)
            used += (size_t)w;
    }
    if (!used && !replay)
        st = meibo_fail_field(err, MEIBO_ERR_INVALID, "set",
                              "set: the changes leave member %s as it is; nothing to %s",
                              r->member_no, kinds[r->kind].code);
out:
    member_clear(&m);
    member_clear(&before);
    return st;
}

static const char sql_decide[] =
    "UPDATE rights_requests SET status = 'decided', decision = ?2, reason = ?3, "
    "decision_note = ?4, withheld = ?5, changed_fields = ?6, optout_id = ?7, decided_on = ?8, "
    "decided_by = ?9, decided_role = ?10, changes = ?11 WHERE id = ?1 AND status = 'received'";
/* a request a restore listed to be done again is done once decided again */
static const char sql_redo_done[] =
    "UPDATE request_redo SET done_on = ?2, done_by = ?3 WHERE request_id = ?1 AND done_on IS NULL";
static const char sql_optout_in_force[] =
    "SELECT 1 FROM member_optouts WHERE member_id = ?1 AND withdrawn_on IS NULL";

/* What a decision records besides its own fields: the day, the parts withheld, the member's
 * fields changed and the changes, the opt-out it made. */
typedef struct decision_out {
    char today[16], withheld[600], changed[600], lines[8192];
    int64_t optout_id;
} decision_out;

/* The decision @p d by itself, before the request is read: who may give it (a clerk grants in
 * full; the chief officer grants in part or refuses), its note, document number and reason. */
static meibo_status decision_check(meibo_ctx *ctx, const request_decision *d, meibo_err *err)
{
    meibo_status st;
    int grant = request_grant_parse(d->decision);
    if (grant < 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "decision",
                                "decision: '%s' is not full, partial or none",
                                d->decision ? d->decision : "");
    bool full = grant == REQUEST_GRANT_FULL, none = grant == REQUEST_GRANT_NONE;
    if (full)
        st = auth_require(ctx, MEIBO_ROLE_CLERK, "grant a rights request (第22–23条)", err);
    else
        st = auth_require(ctx, MEIBO_ROLE_CHIEF,
                          none ? "refuse a rights request (第22条第4項, 第23条; 規程 第10条第2項)"
                               : "grant a rights request in part (第22条第4項; 規程 第10条第2項)",
                          err);
    if (st || (st = check_text("note", d->note, NOTE_MAX, false, err)) ||
        (st = check_text("document_no", d->document_no, DOCUMENT_MAX, false, err)))
        return st;
    if (full && !check_blank(d->reason))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "reason",
                                "reason: a request granted in full needs no reason");
    if (!full && check_blank(d->reason))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "reason",
                                "reason: a request %s needs its reason (第22条第4項, 第23条; "
                                "see: meibo request reasons)",
                                none ? "refused" : "granted in part");
    if (grant == REQUEST_GRANT_PARTIAL && check_blank(d->note))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "note",
                                "note: say what is granted and what is not");
    return MEIBO_OK;
}

/* Does decision @p d fit request @p r as it is (received, its identity and agency confirmed
 * for a grant, the reason, the parts withheld and the changes of its kind)? The parts
 * withheld, checked, into o->withheld. */
static meibo_status decision_fits(meibo_ctx *ctx, const req_row *r, const request_decision *d,
                                  decision_out *o, meibo_err *err)
{
    int64_t id = r->id;
    int grant = request_grant_parse(d->decision);
    bool full = grant == REQUEST_GRANT_FULL, none = grant == REQUEST_GRANT_NONE;
    bool partial = grant == REQUEST_GRANT_PARTIAL;
    meibo_status st;
    if (request_status_parse(r->status) != REQUEST_STATUS_RECEIVED)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "id",
                                "rights request %" PRId64 " is already %s", id, r->status);
    if (!full && (st = reason_check(ctx, r->kind, d->reason, err)))
        return st;
    if (!none && request_identity_parse(r->identity) == REQUEST_ID_UNVERIFIED)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "identity",
                                "rights request %" PRId64 ": the requester's identity was not "
                                "confirmed; it cannot be granted (第22条第1項: 本人確認を行った上で) "
                                "— refuse it with reason 'identity'", id);
    if (!none && r->agent && !r->proof)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "agent_proof",
                                "rights request %" PRId64 ": made by an agent without a proof of "
                                "agency; it cannot be granted (第22条第1項) — refuse it with reason "
                                "'agency'", id);
    if (!r->member_id && partial)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "decision",
                                "rights request %" PRId64 " is from a person the registry does not "
                                "hold: granted in full, its notice says that no data is held "
                                "(第22条第2項); there is nothing to withhold", id);
    bool disclosure = r->kind == REQUEST_DISCLOSURE;
    bool edits = r->kind == REQUEST_CORRECTION || r->kind == REQUEST_ADDITION ||
                 r->kind == REQUEST_DELETION;
    if (!check_blank(d->withhold) && !(disclosure && partial))
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "withhold",
                                "withhold: only a disclosure granted in part withholds parts");
    if (disclosure && partial &&
        (st = withhold_check(ctx, r, d->withhold, o->withheld, sizeof o->withheld, err)))
        return st;
    bool may_set = (edits || r->kind == REQUEST_SUSPENSION) && !none;
    if (d->nset > 0 && !may_set)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "set",
                                "set: a %s request %s changes no member field", kinds[r->kind].code,
                                none ? "refused" : "granted");
    if (edits && !none && d->nset <= 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "set",
                                "set: a %s granted changes the member: give FIELD=VALUE "
                                "(第23条第1項, 取扱規程 第7–8条)", kinds[r->kind].code);
    return MEIBO_OK;
}

/* A suspension or stop of provision granted (第20条第5項): provision to third parties stops
 * now, by the opt-out the decision sees; one is recorded (o->optout_id) when none is in force. */
static meibo_status decision_stop(meibo_ctx *ctx, const req_row *r, const request_decision *d,
                                  decision_out *o, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_optout_in_force, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, r->member_id);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(ctx, err, "reading the opt-outs");
    if (rc == SQLITE_ROW)
        return MEIBO_OK;
    /* the written application's number; none made up: a request without one (by telephone, or
     * no paper on file) stops provision as an interim measure, 書面待ち until the paper arrives
     * (optout_written()) */
    const char *doc = !check_blank(d->document_no) ? d->document_no
                      : strcmp(r->channel, "phone") != 0 && *r->document_no
                          ? r->document_no
                          : "";
    optout_new on = {r->member_no, r->received_on, doc, r->id, !*doc};
    return optout_add(ctx, &on, &o->optout_id, err);
}

/* The decision on the request's row, and the request closed on the list to do again after a
 * restore (request_redo) when it is there. */
static meibo_status decision_record(meibo_ctx *ctx, int64_t id, const request_decision *d,
                                    const decision_out *o, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql_decide, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    bind_str(s, 2, d->decision);
    if (request_grant_parse(d->decision) != REQUEST_GRANT_FULL)
        bind_str(s, 3, d->reason);
    bind_str(s, 4, d->note);
    bind_str(s, 5, o->withheld);
    bind_str(s, 6, o->changed);
    if (o->optout_id)
        sqlite3_bind_int64(s, 7, o->optout_id);
    bind_str(s, 8, o->today);
    bind_str(s, 9, ctx->login);
    bind_str(s, 10, meibo_role_name(ctx->role));
    bind_str(s, 11, o->lines);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE || sqlite3_changes(ctx->db) != 1)
        return rc != SQLITE_DONE ? db_fail(ctx, err, "recording the decision")
                                 : meibo_fail(err, MEIBO_ERR_CONFLICT,
                                              "rights request %" PRId64 " changed meanwhile", id);
    if (!(s = db_stmt(ctx, sql_redo_done, err)))
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    bind_str(s, 2, o->today);
    bind_str(s, 3, ctx->login);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "closing the request to do again");
}

meibo_status request_decide(meibo_ctx *ctx, int64_t id, const request_decision *d, meibo_err *err)
{
    meibo_status st = decision_check(ctx, d, err);
    if (st)
        return st;
    int grant = request_grant_parse(d->decision);
    bool full = grant == REQUEST_GRANT_FULL, none = grant == REQUEST_GRANT_NONE;
    decision_out o = {.optout_id = 0};
    db_today(ctx, o.today, sizeof o.today);
    req_row r;
    if ((st = db_begin(ctx, err)))
        return st;
    if ((st = row_load(ctx, id, &r, err)) || (st = decision_fits(ctx, &r, d, &o, err)))
        goto rollback;
    if (d->nset > 0 && (st = member_changes(ctx, &r, d, false, o.changed, sizeof o.changed,
                                            o.lines, sizeof o.lines, err)))
        goto rollback;
    bool stops = r.kind == REQUEST_SUSPENSION || r.kind == REQUEST_STOP_PROVISION;
    if (stops && !none && (st = decision_stop(ctx, &r, d, &o, err)))
        goto rollback;
    if ((st = decision_record(ctx, id, d, &o, err)))
        goto rollback;
    char detail[MEIBO_DETAIL_MAX];
    snprintf(detail, sizeof detail,
             "id=%" PRId64 " kind=%s decision=%s reason=%s withheld=%s changed=%s optout=%" PRId64,
             id, kinds[r.kind].code, d->decision, full ? "" : d->reason, o.withheld, o.changed,
             o.optout_id);
    if ((st = audit_append(ctx, "request.decide", r.member_no, detail, err)) ||
        (st = db_commit(ctx, err)))
        goto rollback;
    return MEIBO_OK;
rollback:
    db_rollback(ctx);
    return st;
}

/* ---- completing ----------------------------------------------------------------------------- */

static const char sql_complete[] =
    "UPDATE rights_requests SET status = 'completed', completed_on = ?2, completed_by = ?3 "
    "WHERE id = ?1 AND status = 'decided'";
static const char sql_notified[] =
    "UPDATE rights_requests SET notified_on = ?2 WHERE id = ?1 AND notified_on IS NULL";

meibo_status request_complete(meibo_ctx *ctx, int64_t id, const char *date, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "complete a rights request", err);
    if (st)
        return st;
    char today[16], on[11];
    db_today(ctx, today, sizeof today);
    if ((st = check_date_in("date", date, today, CHECK_DATE_EVENT, today, on, err)))
        return st;
    if (strcmp(on, today) > 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "date", "date: %s is in the future", on);
    req_row r;
    if ((st = db_begin(ctx, err)))
        return st;
    if ((st = row_load(ctx, id, &r, err)))
        goto rollback;
    int state = request_status_parse(r.status);
    if (state != REQUEST_STATUS_DECIDED) {
        st = meibo_fail_field(err, MEIBO_ERR_INVALID, "id",
                              "rights request %" PRId64 " is %s: only a decided request is "
                              "completed", id,
                              state == REQUEST_STATUS_RECEIVED ? "not decided yet" : "completed");
        goto rollback;
    }
    if (!r.notified) {
        st = meibo_fail_field(err, MEIBO_ERR_INVALID, "id",
                              "rights request %" PRId64 ": the member is notified of the decision "
                              "in writing (第22条第5項, 第23条第1項): print the notice first "
                              "(meibo request print %" PRId64 ")", id, id);
        goto rollback;
    }
    if (strcmp(on, r.decided_on) < 0) {
        st = meibo_fail_field(err, MEIBO_ERR_INVALID, "date",
                              "date: %s is before the decision (%s)", on, r.decided_on);
        goto rollback;
    }
    sqlite3_stmt *s = db_stmt(ctx, sql_complete, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    sqlite3_bind_int64(s, 1, id);
    bind_str(s, 2, on);
    bind_str(s, 3, ctx->login);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        st = db_fail(ctx, err, "completing a rights request");
        goto rollback;
    }
    char detail[120];
    snprintf(detail, sizeof detail, "id=%" PRId64 " completed_on=%s", id, on);
    if ((st = audit_append(ctx, "request.complete", r.member_no, detail, err)) ||
        (st = db_commit(ctx, err)))
        goto rollback;
    return MEIBO_OK;
rollback:
    db_rollback(ctx);
    return st;
}

meibo_status request_notified(meibo_ctx *ctx, int64_t id, meibo_err *err)
{
    char today[16];
    db_today(ctx, today, sizeof today);
    meibo_status st = db_begin(ctx, err);
    if (st)
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_notified, err);
    if (!s) {
        db_rollback(ctx);
        return MEIBO_ERR_DB;
    }
    sqlite3_bind_int64(s, 1, id);
    bind_str(s, 2, today);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        st = db_fail(ctx, err, "noting the notice");
        db_rollback(ctx);
        return st;
    }
    return db_commit(ctx, err); /* rolls back itself when it fails */
}

/* ---- reading -------------------------------------------------------------------------------- */

#define REQUEST_SELECT                                                                         \
    "SELECT r.id, r.member_id, r.optout_id, r.kind, r.member_no, "                            \
    "coalesce(m.family_name, r.requester_name), coalesce(m.given_name, ''), "                 \
    "r.received_on, r.channel, r.content, r.document_no, r.identity, r.identity_note, "       \
    "r.agent, r.agent_proof, r.fee_yen, r.due_on, r.status, r.decision, r.reason, x.article, " \
    "x.text, r.decision_note, r.withheld, r.changed_fields, r.decided_on, r.decided_by, "      \
    "r.decided_role, r.notified_on, r.completed_on, r.completed_by, r.created_at, "            \
    "r.created_by, CAST(julianday(r.due_on) - julianday(?1) AS INTEGER), r.notifier, "        \
    "r.requester_name, r.requester_address, EXISTS (SELECT 1 FROM request_redo d WHERE "      \
    "d.request_id = r.id AND d.done_on IS NULL) "                                             \
    "FROM rights_requests r LEFT JOIN members m ON m.id = r.member_id "                        \
    "LEFT JOIN rights_reasons x ON x.code = r.reason "

static const char sql_list[] =
    REQUEST_SELECT "WHERE (?2 OR ?5 IS NOT NULL OR r.status <> 'completed') "
    "AND (?3 IS NULL OR (r.status <> 'completed' AND r.due_on <= ?3)) "
    "AND (?4 IS NULL OR r.member_no = ?4) AND (?5 IS NULL OR r.status = ?5) "
    "ORDER BY r.due_on, r.id";
static const char sql_one[] = REQUEST_SELECT "WHERE r.id = ?2";
static const char sql_due_counts[] =
    "SELECT coalesce(sum(due_on < ?1), 0), coalesce(sum(due_on >= ?1 AND due_on <= ?2), 0) "
    "FROM rights_requests WHERE status <> 'completed' AND due_on <= ?2";

static meibo_status request_rows(meibo_ctx *ctx, sqlite3_stmt *s, request_fn fn, void *arg,
                                 int *rows, meibo_err *err)
{
    int rc;
    *rows = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        (*rows)++;
        int kind = request_kind_parse(db_text_or_null(s, 3));
        const char *status = db_text_or_null(s, 17);
        bool open = request_status_parse(status) != REQUEST_STATUS_COMPLETED;
        int days_left = sqlite3_column_int(s, 33);
        request_info r = {
            .id = sqlite3_column_int64(s, 0), .member_id = sqlite3_column_int64(s, 1),
            .optout_id = sqlite3_column_int64(s, 2), .kind = (request_kind)(kind < 0 ? 0 : kind),
            .kind_code = db_text_or_null(s, 3), .member_no = db_text_or_null(s, 4),
            .family_name = db_text_or_null(s, 5),
            .given_name = db_text_or_null(s, 6), .received_on = db_text_or_null(s, 7),
            .channel = db_text_or_null(s, 8),
            .content = db_text_or_null(s, 9), .document_no = db_text_or_null(s, 10),
            .identity = db_text_or_null(s, 11),
            .identity_note = db_text_or_null(s, 12), .agent = db_text_or_null(s, 13),
            .agent_proof = db_text_or_null(s, 14),
            .fee_yen = sqlite3_column_int64(s, 15), .due_on = db_text_or_null(s, 16),
            .status = status,
            .decision = db_text_or_null(s, 18), .reason = db_text_or_null(s, 19),
            .reason_article = db_text_or_null(s, 20),
            .reason_text = db_text_or_null(s, 21), .decision_note = db_text_or_null(s, 22),
            .withheld = db_text_or_null(s, 23),
            .changed_fields = db_text_or_null(s, 24), .decided_on = db_text_or_null(s, 25),
            .decided_by = db_text_or_null(s, 26),
            .decided_role = db_text_or_null(s, 27), .notified_on = db_text_or_null(s, 28),
            .completed_on = db_text_or_null(s, 29),
            .completed_by = db_text_or_null(s, 30), .created_at = db_text_or_null(s, 31),
            .created_by = db_text_or_null(s, 32),
            .open = open, .overdue = open && days_left < 0,
            .due_soon = open && days_left >= 0 && days_left <= REQUEST_SOON_DAYS,
            .days_left = days_left, .notifier = db_text_or_null(s, 34),
            .requester_name = db_text_or_null(s, 35),
            .requester_address = db_text_or_null(s, 36), .redo = sqlite3_column_int(s, 37) != 0,
        };
        if (fn(&r, arg)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "reading the rights requests");
}

meibo_status request_list(meibo_ctx *ctx, const request_filter *f, request_fn fn, void *arg,
                          meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read the rights requests", err);
    if (st)
        return st;
    request_filter none = {0};
    if (!f)
        f = &none;
    if (f->status && request_status_parse(f->status) < 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "status",
                                "status: '%s' is not received, decided or completed", f->status);
    char today[16], until[11];
    char *no = NULL;
    db_today(ctx, today, sizeof today);
    if (f->member_no && (st = text_nfkc(f->member_no, &no, err)))
        return st;
    if ((st = audit_append(ctx, "request.read", no, no ? "" : f->due ? "list due" : "list", err)))
        goto out;
    sqlite3_stmt *s = db_stmt(ctx, sql_list, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        goto out;
    }
    sqlite3_bind_text(s, 1, today, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 2, f->all);
    if (f->due) {
        check_date_add_days(today, f->due_within > 0 ? f->due_within : REQUEST_SOON_DAYS, until);
        sqlite3_bind_text(s, 3, until, -1, SQLITE_TRANSIENT);
    }
    if (no)
        sqlite3_bind_text(s, 4, no, -1, SQLITE_TRANSIENT);
    if (f->status)
        sqlite3_bind_text(s, 5, f->status, -1, SQLITE_TRANSIENT);
    int rows;
    st = request_rows(ctx, s, fn, arg, &rows, err);
out:
    free(no);
    return st;
}

/* The member of request @p id, for the access log of a read ("" when there is none). */
static const char sql_member_of[] = "SELECT member_no FROM rights_requests WHERE id = ?1";

meibo_status request_show(meibo_ctx *ctx, int64_t id, request_fn fn, void *arg, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read a rights request", err);
    if (st)
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_member_of, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, id);
    char no[32] = "";
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        text_copy_cut(no, sizeof no, db_text_or_null(s, 0));
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "id", "no rights request %" PRId64, id);
    if (rc != SQLITE_ROW)
        return db_fail(ctx, err, "reading a rights request");
    char detail[40];
    snprintf(detail, sizeof detail, "id=%" PRId64, id);
    if ((st = audit_append(ctx, "request.read", no, detail, err)))
        return st;
    char today[16];
    db_today(ctx, today, sizeof today);
    if (!(s = db_stmt(ctx, sql_one, err)))
        return MEIBO_ERR_DB;
    sqlite3_bind_text(s, 1, today, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, id);
    int rows;
    return request_rows(ctx, s, fn, arg, &rows, err);
}

meibo_status request_due_counts(meibo_ctx *ctx, int *overdue, int *soon, meibo_err *err)
{
    *overdue = *soon = 0;
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "count the rights requests due", err);
    if (st)
        return st;
    char today[16], until[11];
    db_today(ctx, today, sizeof today);
    check_date_add_days(today, REQUEST_SOON_DAYS, until);
    sqlite3_stmt *s = db_stmt(ctx, sql_due_counts, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(s, 1, today, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, until, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *overdue = sqlite3_column_int(s, 0);
        *soon = sqlite3_column_int(s, 1);
    }
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? MEIBO_OK : db_fail(ctx, err, "counting the rights requests due");
}

static const char sql_reasons[] =
    "SELECT code, kinds, article, text FROM rights_reasons ORDER BY sort, code";

meibo_status request_reasons(meibo_ctx *ctx, const char *kind, request_reason_fn fn, void *arg,
                             meibo_err *err)
{
    if (kind && request_kind_parse(kind) < 0)
        return meibo_fail_field(err, MEIBO_ERR_INVALID, "kind", "kind: '%s' is not a request kind",
                                kind);
    sqlite3_stmt *s = db_stmt(ctx, sql_reasons, err);
    if (!s)
        return MEIBO_ERR_DB;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        request_reason r = {db_text_or_null(s, 0), db_text_or_null(s, 1), db_text_or_null(s, 2),
                            db_text_or_null(s, 3)};
        if (kind && !decide_list_has(r.kinds, kind))
            continue;
        if (fn(&r, arg)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "reading the reasons");
}

/* ---- carrying the requests over a restore (取扱規程 第19条, 第23条) ------------------------- */

/* How far a request has gone: received 0, decided 1, completed 2 (its request_status; a
 * state unknown counts as received); -1 for none. */
static int status_rank(const char *s)
{
    int state = request_status_parse(s);
    return !s ? -1 : state < 0 ? REQUEST_STATUS_RECEIVED : state;
}

/* Copy row @p id of @p table from @p from into @p to, column by column (both databases are at
 * the same schema: db_open() migrated them), replacing the row there when @p replace. */
static meibo_status row_copy(meibo_ctx *to, meibo_ctx *from, const char *table, int64_t id,
                             bool replace, meibo_err *err)
{
    char cols[2048] = "", marks[512] = "", sql[3000];
    size_t cu = 0, mu = 0;
    int n = 0;
    sqlite3_stmt *s = db_stmt(to, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_text(s, 1, table, -1, SQLITE_TRANSIENT);
    while (sqlite3_step(s) == SQLITE_ROW) {
        int w = snprintf(cols + cu, sizeof cols - cu, "%s\"%s\"", n ? ", " : "",
                         db_text_or_null(s, 0));
        int v = snprintf(marks + mu, sizeof marks - mu, "%s?%d", n ? ", " : "", n + 1);
        if (w < 0 || (size_t)w >= sizeof cols - cu || v < 0 || (size_t)v >= sizeof marks - mu) {
            sqlite3_reset(s);
            return meibo_fail(err, MEIBO_ERR_DB, "%s: too many columns to copy", table);
        }
        cu += (size_t)w;
        mu += (size_t)v;
        n++;
    }
    sqlite3_reset(s);
    sqlite3_stmt *q = NULL, *ins = NULL;
    meibo_status st = MEIBO_OK;
    snprintf(sql, sizeof sql, "SELECT %s FROM \"%s\" WHERE rowid = ?1", cols, table);
    if (sqlite3_prepare_v2(from->db, sql, -1, &q, NULL) != SQLITE_OK) {
        st = db_fail(from, err, "reading the database replaced");
        goto out;
    }
    snprintf(sql, sizeof sql, "INSERT OR %s INTO \"%s\" (%s) VALUES (%s)",
             replace ? "REPLACE" : "IGNORE", table, cols, marks);
    if (sqlite3_prepare_v2(to->db, sql, -1, &ins, NULL) != SQLITE_OK) {
        st = db_fail(to, err, "carrying a record over the restore");
        goto out;
    }
    sqlite3_bind_int64(q, 1, id);
    if (sqlite3_step(q) != SQLITE_ROW)
        goto out;
    for (int i = 0; i < n; i++)
        sqlite3_bind_value(ins, i + 1, sqlite3_column_value(q, i));
    if (sqlite3_step(ins) != SQLITE_DONE)
        st = db_fail(to, err, "carrying a record over the restore");
out:
    sqlite3_finalize(q);
    sqlite3_finalize(ins);
    return st;
}

static const char sql_carry_from[] =
    "SELECT r.id, r.kind, r.member_no, r.status, coalesce(r.decision, ''), r.changes, "
    "r.changed_fields, r.created_at, r.received_on, coalesce(r.decided_on, ''), "
    "o.received_on, o.document_no, o.id FROM rights_requests r LEFT JOIN member_optouts o ON "
    "o.id = r.optout_id AND o.withdrawn_on IS NULL ORDER BY r.id";
static const char sql_carry_to[] =
    "SELECT status, created_at, optout_id FROM rights_requests WHERE id = ?1";
static const char sql_carry_member[] = "SELECT id FROM members WHERE member_no = ?1";
static const char sql_carry_erased[] = "SELECT 1 FROM deletion_ledger WHERE member_no = ?1";
static const char sql_carry_fix[] =
    "UPDATE rights_requests SET member_id = ?2, optout_id = ?3 WHERE id = ?1";
/* a decision that cannot be applied again: the request is back as received, to decide anew */
static const char sql_carry_undecide[] =
    "UPDATE rights_requests SET status = 'received', decision = NULL, reason = NULL, "
    "decision_note = '', withheld = '', changed_fields = '', changes = '', optout_id = NULL, "
    "decided_on = NULL, decided_by = NULL, decided_role = NULL, notified_on = NULL, "
    "completed_on = NULL, completed_by = NULL WHERE id = ?1";
static const char sql_redo_add[] =
    "INSERT OR IGNORE INTO request_redo (request_id, member_no, kind, received_on, decided_on, "
    "why, listed_at, carried) VALUES (?1, ?2, ?3, ?4, ?5, ?6, datetime('now', 'localtime'), ?7)";
static const char sql_redo_all_from[] = "SELECT request_id FROM request_redo ORDER BY request_id";
static const char sql_redo_open[] =
    "SELECT 1 FROM request_redo WHERE request_id = ?1 AND done_on IS NULL";

/* One scalar of @p sql bound to one int64 or text: SQLITE_ROW (value in @p out), SQLITE_DONE,
 * or an error code. */
static int lookup(meibo_ctx *ctx, const char *sql, const char *text, int64_t num, int64_t *out,
                  meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(ctx, sql, err);
    if (!s)
        return SQLITE_ERROR;
    if (text)
        sqlite3_bind_text(s, 1, text, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_int64(s, 1, num);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && out)
        *out = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return rc;
}

/* A carried request as the database replaced has it (the columns of sql_carry_from). */
typedef struct carry_row {
    int64_t id, optout_id;
    int kind;
    const char *member_no, *status, *decision, *changes, *changed, *created_at, *received_on;
    const char *decided_on, *opt_received_on, *opt_document_no;
} carry_row;

/* List @p c to do again, unless the list (carried from the database replaced) has it closed
 * already; counted in @p out while open. */
static meibo_status redo_add(meibo_ctx *to, const carry_row *c, const char *why, bool carried,
                             request_carry_result *out, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(to, sql_redo_add, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, c->id);
    bind_str(s, 2, c->member_no);
    bind_str(s, 3, request_kind_code((request_kind)c->kind));
    bind_str(s, 4, c->received_on);
    bind_str(s, 5, c->decided_on);
    bind_str(s, 6, why);
    sqlite3_bind_int(s, 7, carried);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return db_fail(to, err, "listing a request to do again");
    if ((rc = lookup(to, sql_redo_open, NULL, c->id, NULL, err)) == SQLITE_ROW)
        out->redo++;
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? MEIBO_OK
                                                 : db_fail(to, err, "listing a request to do again");
}

/* Apply decision @p c again to the member in @p to (member.update and optout.add, audited);
 * @p optout_id receives the opt-out it stands on. */
static meibo_status replay(meibo_ctx *to, const carry_row *c, int64_t *optout_id, meibo_err *err)
{
    meibo_status st = MEIBO_OK;
    if (*c->changes) {
        const char *set[MF__COUNT * 2];
        char *copy = strdup(c->changes);
        if (!copy)
            return meibo_fail(err, MEIBO_ERR_NOMEM, "out of memory");
        int n = 0;
        for (char *p = copy; p && n < (int)(sizeof set / sizeof *set);) {
            set[n++] = p;
            p = strchr(p, '\n');
            if (p)
                *p++ = '\0';
        }
        req_row r = {.id = c->id, .kind = c->kind};
        text_copy_cut(r.member_no, sizeof r.member_no, c->member_no);
        request_decision d = {.decision = c->decision, .set = set, .nset = n};
        char changed[600];
        st = member_changes(to, &r, &d, true, changed, sizeof changed, NULL, 0, err);
        free(copy);
        if (st)
            return st;
    }
    if ((c->kind == REQUEST_SUSPENSION || c->kind == REQUEST_STOP_PROVISION) && c->optout_id) {
        /* the opt-out still in force in the database replaced: in force again, unless the
         * backup has one in force already */
        int64_t mid = 0, have = 0;
        if (lookup(to, sql_carry_member, c->member_no, 0, &mid, err) != SQLITE_ROW)
            return db_fail(to, err, "finding the member of a request");
        sqlite3_stmt *s = db_stmt(to, "SELECT id FROM member_optouts WHERE member_id = ?1 AND "
                                      "withdrawn_on IS NULL", err);
        if (!s)
            return MEIBO_ERR_DB;
        sqlite3_bind_int64(s, 1, mid);
        int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW)
            have = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return db_fail(to, err, "reading the opt-outs");
        if (have) {
            *optout_id = have;
        } else {
            optout_new o = {c->member_no, c->opt_received_on, c->opt_document_no, c->id,
                            !*c->opt_document_no};
            if ((st = optout_add(to, &o, optout_id, err)))
                return st;
        }
    }
    char detail[200];
    snprintf(detail, sizeof detail, "id=%" PRId64 " kind=%s decided=%s", c->id,
             request_kind_code((request_kind)c->kind), c->decided_on);
    return audit_append(to, "request.replay", c->member_no, detail, err);
}

/* Carry one request of the database replaced (see request_carry()). */
static meibo_status carry_one(meibo_ctx *to, meibo_ctx *from, const carry_row *c,
                              request_carry_result *out, meibo_err *err)
{
    sqlite3_stmt *s = db_stmt(to, sql_carry_to, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, c->id);
    int rc = sqlite3_step(s);
    int have = -1;
    bool clash = false;
    int64_t have_optout = 0;
    if (rc == SQLITE_ROW) {
        have = status_rank(db_text_or_null(s, 0));
        clash = strcmp(db_text_or_null(s, 1) ? db_text_or_null(s, 1) : "", c->created_at) != 0;
        have_optout = sqlite3_column_int64(s, 2);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(to, err, "reading the restored requests");
    if (clash) {
        out->clashes++;
        return MEIBO_OK;
    }
    if (have >= status_rank(c->status))
        return MEIBO_OK; /* the backup knows as much */
    int64_t mid = 0;
    if (*c->member_no) {
        rc = lookup(to, sql_carry_member, c->member_no, 0, &mid, err);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return db_fail(to, err, "finding the member of a request");
        if (rc == SQLITE_DONE) {
            /* erased: nothing of theirs to carry; else added after the backup: by hand */
            rc = lookup(to, sql_carry_erased, c->member_no, 0, NULL, err);
            if (rc == SQLITE_ROW)
                return MEIBO_OK;
            if (rc != SQLITE_DONE)
                return db_fail(to, err, "reading the deletion ledger");
            return redo_add(to, c, "member", false, out, err);
        }
    }
    bool decided_now = status_rank(c->status) >= 1 && have <= 0;
    bool acts = decided_now && request_grant_parse(c->decision) != REQUEST_GRANT_NONE &&
                c->kind != REQUEST_DISCLOSURE;
    bool replayable = !*c->changed || *c->changes;
    meibo_status st = row_copy(to, from, "rights_requests", c->id, true, err);
    if (st)
        return st;
    out->carried++;
    if (acts && !replayable) {
        if (!(s = db_stmt(to, sql_carry_undecide, err)))
            return MEIBO_ERR_DB;
        sqlite3_bind_int64(s, 1, c->id);
        rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return db_fail(to, err, "carrying a request over the restore");
        if ((st = redo_add(to, c, "values", true, out, err)))
            return st;
    }
    int64_t optout = acts ? 0 : have_optout;
    if (acts && replayable) {
        if ((st = replay(to, c, &optout, err)))
            return st;
        out->replayed++;
    }
    if (!(s = db_stmt(to, sql_carry_fix, err)))
        return MEIBO_ERR_DB;
    sqlite3_bind_int64(s, 1, c->id);
    if (mid)
        sqlite3_bind_int64(s, 2, mid);
    if (optout)
        sqlite3_bind_int64(s, 3, optout);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(to, err, "carrying a request over the restore");
}

meibo_status request_carry(meibo_ctx *to, meibo_ctx *from, request_carry_result *out,
                           meibo_err *err)
{
    memset(out, 0, sizeof *out);
    meibo_status st = auth_require(to, MEIBO_ROLE_CHIEF, "carry requests over a restore", err);
    if (st || (st = db_begin(to, err)))
        return st;
    /* a carried row names the opt-out of the database replaced until it is fixed up below */
    if ((st = db_exec(to, "PRAGMA defer_foreign_keys = ON", err)))
        goto rollback;
    /* the requests an earlier restore listed (to do, or done) */
    sqlite3_stmt *s = db_stmt(from, sql_redo_all_from, err);
    int rc;
    if (!s) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if ((st = row_copy(to, from, "request_redo", sqlite3_column_int64(s, 0), true, err)))
            break;
    if (!st && rc != SQLITE_DONE)
        st = db_fail(from, err, "reading the requests to do again of the database replaced");
    sqlite3_reset(s);
    if (st)
        goto rollback;
    if (!(s = db_stmt(from, sql_carry_from, err))) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        carry_row c = {
            .id = sqlite3_column_int64(s, 0), .kind = request_kind_parse(db_text_or_null(s, 1)),
            .member_no = db_text_or_null(s, 2), .status = db_text_or_null(s, 3),
            .decision = db_text_or_null(s, 4),
            .changes = db_text_or_null(s, 5), .changed = db_text_or_null(s, 6),
            .created_at = db_text_or_null(s, 7),
            .received_on = db_text_or_null(s, 8), .decided_on = db_text_or_null(s, 9),
            .opt_received_on = db_text_or_null(s, 10) ? db_text_or_null(s, 10) : "",
            .opt_document_no = db_text_or_null(s, 11) ? db_text_or_null(s, 11) : "",
            .optout_id = sqlite3_column_int64(s, 12)};
        if (c.kind < 0 || !c.member_no || !c.status || !c.changes || !c.changed || !c.created_at)
            continue;
        if ((st = carry_one(to, from, &c, out, err)))
            break;
    }
    if (!st && rc != SQLITE_DONE && rc != SQLITE_ROW)
        st = db_fail(from, err, "reading the requests of the database replaced");
    sqlite3_reset(s);
    if (st)
        goto rollback;
    if (out->carried || out->redo || out->clashes) {
        char detail[200];
        snprintf(detail, sizeof detail,
                 "carried=%" PRId64 " replayed=%" PRId64 " redo=%" PRId64 " clashes=%" PRId64,
                 out->carried, out->replayed, out->redo, out->clashes);
        if ((st = audit_append(to, "request.carry", NULL, detail, err)))
            goto rollback;
    }
    return db_commit(to, err);
rollback:
    db_rollback(to);
    return st;
}

/* ---- the requests to do again ------------------------------------------------------------- */

static const char sql_redo_list[] =
    "SELECT request_id, member_no, kind, received_on, decided_on, why, listed_at, carried, "
    "coalesce(done_on, ''), coalesce(done_by, '') FROM request_redo "
    "WHERE ?1 OR done_on IS NULL ORDER BY request_id";

meibo_status request_redo_list(meibo_ctx *ctx, bool all, request_redo_fn fn, void *arg,
                               meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read the requests to do again", err);
    if (st || (st = audit_append(ctx, "request.read", NULL, all ? "redo all" : "redo", err)))
        return st;
    sqlite3_stmt *s = db_stmt(ctx, sql_redo_list, err);
    if (!s)
        return MEIBO_ERR_DB;
    sqlite3_bind_int(s, 1, all);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        request_redo_info r = {
            .request_id = sqlite3_column_int64(s, 0), .member_no = db_text_or_null(s, 1),
            .kind = request_kind_parse(db_text_or_null(s, 2)), .kind_code = db_text_or_null(s, 2),
            .received_on = db_text_or_null(s, 3), .decided_on = db_text_or_null(s, 4),
            .why = db_text_or_null(s, 5),
            .listed_at = db_text_or_null(s, 6), .carried = sqlite3_column_int(s, 7) != 0,
            .done_on = db_text_or_null(s, 8), .done_by = db_text_or_null(s, 9)};
        if (fn && fn(&r, arg)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? MEIBO_OK : db_fail(ctx, err, "reading the requests to do again");
}

meibo_status request_redo_count(meibo_ctx *ctx, int *open, int64_t *first, meibo_err *err)
{
    *open = 0;
    if (first)
        *first = 0;
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "count the requests to do again", err);
    if (st)
        return st;
    sqlite3_stmt *s = db_stmt(ctx, "SELECT count(*), coalesce(min(request_id), 0) FROM "
                                   "request_redo WHERE done_on IS NULL", err);
    if (!s)
        return MEIBO_ERR_DB;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *open = sqlite3_column_int(s, 0);
        if (first)
            *first = sqlite3_column_int64(s, 1);
    }
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? MEIBO_OK : db_fail(ctx, err, "counting the requests to do again");
}

meibo_status request_redo_done(meibo_ctx *ctx, int64_t id, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "close a request to do again", err);
    if (st || (st = db_begin(ctx, err)))
        return st;
    char today[16];
    db_today(ctx, today, sizeof today);
    sqlite3_stmt *s = db_stmt(ctx, sql_redo_done, err);
    if (!s) {
        st = MEIBO_ERR_DB;
        goto rollback;
    }
    sqlite3_bind_int64(s, 1, id);
    bind_str(s, 2, today);
    bind_str(s, 3, ctx->login);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        st = db_fail(ctx, err, "closing the request to do again");
        goto rollback;
    }
    if (sqlite3_changes(ctx->db) != 1) {
        st = meibo_fail_field(err, MEIBO_ERR_NOT_FOUND, "id",
                              "request %" PRId64 " is not on the list of requests to do again "
                              "(meibo request redo)", id);
        goto rollback;
    }
    char detail[80];
    snprintf(detail, sizeof detail, "id=%" PRId64 " redo=done", id);
    if ((st = audit_append(ctx, "request.redo", NULL, detail, err)) ||
        (st = db_commit(ctx, err)))
        goto rollback;
    return MEIBO_OK;
rollback:
    db_rollback(ctx);
    return st;
}

/* ---- keyset pages: the list a page at a time (the TUI's list view) ------------------------ */

/* request_list()'s rows (the open ones, ?2: also completed) after (?3 = 0: from the first) or
 * before (from the last) request ?3 in its order, due date then number; at most ?4. */
#define REQUEST_PAGE_WHERE "WHERE (?2 OR r.status <> 'completed') AND (?3 = 0 OR (r.due_on, r.id) "
#define REQUEST_AT " (SELECT due_on, id FROM rights_requests WHERE id = ?3)) "
static const char sql_page_after[] =
    REQUEST_SELECT REQUEST_PAGE_WHERE ">" REQUEST_AT "ORDER BY r.due_on, r.id LIMIT ?4";
static const char sql_page_before[] =
    REQUEST_SELECT REQUEST_PAGE_WHERE "<" REQUEST_AT "ORDER BY r.due_on DESC, r.id DESC LIMIT ?4";

meibo_status request_page(meibo_ctx *ctx, bool all, int64_t after_id, bool backward, int limit,
                          request_fn fn, void *arg, meibo_err *err)
{
    meibo_status st = auth_require(ctx, MEIBO_ROLE_CLERK, "read the rights requests", err);
    if (st || (st = audit_append(ctx, "request.read", NULL, "list", err)))
        return st;
    sqlite3_stmt *s = db_stmt(ctx, backward ? sql_page_before : sql_page_after, err);
    if (!s)
        return MEIBO_ERR_DB;
    char today[16];
    db_today(ctx, today, sizeof today);
    sqlite3_bind_text(s, 1, today, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 2, all);
    sqlite3_bind_int64(s, 3, after_id > 0 ? after_id : 0);
    sqlite3_bind_int(s, 4, limit > 0 ? limit : -1);
    int rows;
    return request_rows(ctx, s, fn, arg, &rows, err);
}

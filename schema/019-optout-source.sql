-- 019-optout-source: opt-outs are made and withdrawn only by their records (規程 第20条第5項),
-- and rights requests are made by a person, who may be a member's family or facility staff
-- (取扱規程 第7–8条) or someone the registry does not hold (第22条第2項).
-- Articles cited are those of 個人情報保護規程 (規程, bare 第N条) and 個人情報の取扱規程 (取扱規程).

-- ---- opt-outs: where each one came from ----------------------------------------------------
-- channel: letter  the member's written application (document_no says where it is filed);
--          phone   a request by telephone: provision stopped at once as a protective interim
--                  measure, 書面待ち until the written application arrives (written_on, and
--                  document_no then names it; '' before: no document number is made up);
--          import  a member CSV carried the date: source names the file and line;
--          field   before 019, set through the member's optout_on field with no document.
-- The member's optout_on is derived from these rows (member.c), never set as a field.
ALTER TABLE member_optouts ADD COLUMN channel TEXT NOT NULL DEFAULT 'letter'
    CHECK (channel = 'letter' OR channel = 'phone' OR channel = 'import' OR channel = 'field');
ALTER TABLE member_optouts ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE member_optouts ADD COLUMN written_on TEXT;      -- phone: the written application's day
ALTER TABLE member_optouts ADD COLUMN written_by TEXT;
UPDATE member_optouts SET channel = 'field' WHERE document_no = '';

-- ---- rights requests: who notified and how they were identified ----------------------------
-- notifier (取扱規程 第7–8条 count family and facility staff as the member for corrections and
-- deletions): self 本人, family 家族, facility_staff 施設職員, agent 代理人 (needs agent_proof,
-- 第22条第1項). agent holds the notifier's name when not the member.
-- member_id becomes optional: a disclosure request from a person the registry does not hold
-- is recorded with the requester's name and address and answered that no data is held
-- (第22条第2項), with the same due date and notice as any other.
CREATE TABLE rights_requests_019 (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('disclosure', 'correction', 'addition',
                                                  'deletion', 'suspension', 'stop_provision')),
    member_id       INTEGER REFERENCES members(id),  -- NULL: no member matches (第22条第2項)
    member_no       TEXT NOT NULL,                   -- '' when no member matches
    requester_name  TEXT NOT NULL DEFAULT '',        -- the person the request is about
    requester_address TEXT NOT NULL DEFAULT '',
    received_on     TEXT NOT NULL,
    channel         TEXT NOT NULL CHECK (channel IN ('letter', 'counter', 'email', 'fax', 'phone')),
    content         TEXT NOT NULL DEFAULT '',
    document_no     TEXT NOT NULL DEFAULT '',
    identity        TEXT NOT NULL,
    identity_note   TEXT NOT NULL DEFAULT '',
    notifier        TEXT NOT NULL DEFAULT 'self'
                    CHECK (notifier IN ('self', 'family', 'facility_staff', 'agent')),
    agent           TEXT NOT NULL DEFAULT '',
    agent_proof     TEXT NOT NULL DEFAULT '',
    fee_yen         INTEGER NOT NULL DEFAULT 0 CHECK (fee_yen >= 0),
    due_on          TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'received'
                    CHECK (status IN ('received', 'decided', 'completed')),
    decision        TEXT CHECK (decision IN ('full', 'partial', 'none')),
    reason          TEXT REFERENCES rights_reasons(code),
    decision_note   TEXT NOT NULL DEFAULT '',
    withheld        TEXT NOT NULL DEFAULT '',
    changed_fields  TEXT NOT NULL DEFAULT '',
    optout_id       INTEGER REFERENCES member_optouts(id),
    decided_on      TEXT,
    decided_by      TEXT,
    decided_role    TEXT,
    notified_on     TEXT,
    completed_on    TEXT,
    completed_by    TEXT,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    CHECK (due_on >= received_on),
    CHECK ((decision IS NULL) = (status = 'received')),
    CHECK (decision IS NULL OR decision = 'full' OR reason IS NOT NULL),
    CHECK (member_id IS NOT NULL OR (kind = 'disclosure' AND requester_name <> ''))
);
INSERT INTO rights_requests_019 (id, kind, member_id, member_no, received_on, channel, content,
    document_no, identity, identity_note, notifier, agent, agent_proof, fee_yen, due_on, status,
    decision, reason, decision_note, withheld, changed_fields, optout_id, decided_on, decided_by,
    decided_role, notified_on, completed_on, completed_by, created_at, created_by)
SELECT id, kind, member_id, member_no, received_on, channel, content, document_no, identity,
    identity_note, CASE WHEN agent = '' THEN 'self' ELSE 'agent' END, agent, agent_proof, fee_yen,
    due_on, status, decision, reason, decision_note, withheld, changed_fields, optout_id,
    decided_on, decided_by, decided_role, notified_on, completed_on, completed_by, created_at,
    created_by FROM rights_requests;
UPDATE rights_requests_019 SET requester_name = (SELECT m.family_name || ' ' || m.given_name
    FROM members m WHERE m.id = rights_requests_019.member_id) WHERE member_id IS NOT NULL;
DROP TABLE rights_requests;
ALTER TABLE rights_requests_019 RENAME TO rights_requests;
CREATE INDEX rights_requests_open ON rights_requests(due_on) WHERE status <> 'completed';
CREATE INDEX rights_requests_member ON rights_requests(member_id, id);

-- ---- exports: members whose use is suspended (第23条第2項 利用停止・消去) ---------------------
-- A suspension granted in full stops the society's own use as well as provision: the member is
-- left out of every export sheet, counted here (export_sheet.c, reason 'suspended').
ALTER TABLE exports ADD COLUMN excluded_suspended INTEGER NOT NULL DEFAULT 0;

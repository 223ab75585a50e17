-- 004-rights: the member's written application to stop provision to third parties (規程 第20条第5項)
-- and its withdrawal, and the members' rights requests: disclosure (第22条, 個人情報保護法
-- 第33条第5項 for the record of provisions), correction, addition, deletion (第23条第1項,
-- 取扱規程 第7–8条), suspension or erasure (第23条第2項) and stop of provision (第20条第5項).
-- Articles cited are those of 個人情報保護規程 (規程, bare 第N条) and 個人情報の取扱規程 (取扱規程).

-- ---- opt-outs: member_optouts (001-init) gains the rest of the paper trail ------------------
-- received_on, document_no, recorded_by were there; withdrawn_on is the day the member's
-- written withdrawal was received (NULL while the opt-out is in force), withdrawn_by who
-- recorded it. A row written by a member edit or an import has document_no ''.
ALTER TABLE member_optouts ADD COLUMN recorded_at TEXT NOT NULL DEFAULT '';
ALTER TABLE member_optouts ADD COLUMN withdrawal_document_no TEXT NOT NULL DEFAULT '';
ALTER TABLE member_optouts ADD COLUMN withdrawn_at TEXT;
ALTER TABLE member_optouts ADD COLUMN request_id INTEGER;   -- the rights request it came from
CREATE INDEX member_optouts_member ON member_optouts(member_id, id);

-- ---- why a request is not granted, in whole or in part, as data ----------------------------
-- kinds: the request kinds the reason may be given for (comma-separated).
CREATE TABLE rights_reasons (
    code        TEXT PRIMARY KEY,
    kinds       TEXT NOT NULL,
    sort        INTEGER NOT NULL,
    article     TEXT NOT NULL,
    text        TEXT NOT NULL
);
INSERT INTO rights_reasons (code, kinds, sort, article, text) VALUES
('harm', 'disclosure', 1, '第22条第4項第1号',
    '本人又は第三者の生命、身体、財産その他の権利利益を害するおそれがある場合'),
('business', 'disclosure', 2, '第22条第4項第2号',
    '本会の業務の適正な実施に著しい支障を及ぼすおそれがある場合'),
('law', 'disclosure', 3, '第22条第4項第3号',
    '他の日本の法令に違反することとなる場合'),
('identity', 'disclosure,correction,addition,deletion,suspension,stop_provision', 4, '第22条第1項',
    'ご本人（又はその代理人）であることを確認できない場合'),
('agency', 'disclosure,correction,addition,deletion,suspension,stop_provision', 5, '第22条第1項',
    '代理人によるお申出で、代理権を確認できない場合'),
('accurate', 'correction,addition,deletion', 6, '第23条第1項',
    '調査の結果、保有個人データの内容が事実と相違しないことが確認された場合'),
('beyond_purpose', 'correction,addition,deletion', 7, '第23条第1項',
    '訂正等が利用目的の達成に必要な範囲を超える場合'),
('no_grounds', 'suspension,stop_provision', 8, '第23条第2項',
    '個人情報保護法に定める利用停止等の請求要件が認められない場合'),
('alternative', 'suspension', 9, '第23条第2項 但し書',
    '利用停止等に多額の費用を要する等、利用停止等を行うことが困難であり、本人の権利利益を保護するため必要なこれに代わるべき措置をとる場合');

-- ---- rights requests ----------------------------------------------------------------------
-- status: received → decided (the decision recorded; a correction made through the audited
-- member edit) → completed (the notice sent in writing, 第22条第5項). notified_on: the first
-- day a notice of the decision was printed or saved for sending. Requests completed are kept
-- (their retention is the purge's business).
CREATE TABLE rights_requests (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('disclosure', 'correction', 'addition',
                                                  'deletion', 'suspension', 'stop_provision')),
    member_id       INTEGER NOT NULL REFERENCES members(id),
    member_no       TEXT NOT NULL,
    received_on     TEXT NOT NULL,
    channel         TEXT NOT NULL CHECK (channel IN ('letter', 'counter', 'email', 'fax', 'phone')),
    content         TEXT NOT NULL DEFAULT '',       -- what is asked, in the requester's terms
    document_no     TEXT NOT NULL DEFAULT '',       -- where the request paper is filed
    identity        TEXT NOT NULL,                  -- how identity was checked (request.h)
    identity_note   TEXT NOT NULL DEFAULT '',
    agent           TEXT NOT NULL DEFAULT '',       -- the agent's name; '' = the member
    agent_proof     TEXT NOT NULL DEFAULT '',       -- proof of agency (委任状 …)
    fee_yen         INTEGER NOT NULL DEFAULT 0 CHECK (fee_yen >= 0),
    due_on          TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'received'
                    CHECK (status IN ('received', 'decided', 'completed')),
    decision        TEXT CHECK (decision IN ('full', 'partial', 'none')),
    reason          TEXT REFERENCES rights_reasons(code),
    decision_note   TEXT NOT NULL DEFAULT '',
    withheld        TEXT NOT NULL DEFAULT '',       -- disclosure in part: fields, provision:N
    changed_fields  TEXT NOT NULL DEFAULT '',       -- the member fields the decision changed
    optout_id       INTEGER REFERENCES member_optouts(id),  -- the opt-out it recorded
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
    CHECK (decision IS NULL OR decision = 'full' OR reason IS NOT NULL)
);
CREATE INDEX rights_requests_open ON rights_requests(due_on) WHERE status <> 'completed';
CREATE INDEX rights_requests_member ON rights_requests(member_id, id);

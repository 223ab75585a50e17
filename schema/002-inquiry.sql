-- 002-inquiry: third-party inquiries (規程 第19–21条), the pledge registry (取扱規程 第5–6条),
-- the record of provisions, and the policy they are decided by, as data.
-- Articles cited are those of 個人情報保護規程 (規程, bare 第N条) and 個人情報の取扱規程 (取扱規程).

-- ---- policy -------------------------------------------------------------------------------
-- Every policy row belongs to a version. The chief officer's edit (meibo policy edit) copies
-- the newest version with the change applied into a new one; a decision stores the version it
-- used, so an old decision can be read against the rules it was made by.
CREATE TABLE policy_versions (
    version     INTEGER PRIMARY KEY,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);

-- 照会の相手方: permitted (第20条第3項 (a)–(i)) and forbidden (第20条第4項 (b)(c)).
-- legal_basis: an inquiry "based on Japanese law" from these may reach a member who opted out
-- (第20条第5項 但し書) and needs no pledge (第19条第1項第1号) when its statute is recorded.
-- pledge_required: paper provision only against a pledge on file (取扱規程 第6条).
CREATE TABLE policy_categories (
    version          INTEGER NOT NULL REFERENCES policy_versions(version),
    code             TEXT NOT NULL,
    clause           TEXT NOT NULL,                 -- the letter in its paragraph: 'a'..'i'
    permitted        INTEGER NOT NULL CHECK (permitted IN (0, 1)),
    legal_basis      INTEGER NOT NULL CHECK (legal_basis IN (0, 1)),
    pledge_required  INTEGER NOT NULL CHECK (pledge_required IN (0, 1)),
    sort             INTEGER NOT NULL,
    article          TEXT NOT NULL,
    text             TEXT NOT NULL,                 -- the article's words for this recipient
    PRIMARY KEY (version, code)
);

-- 照会に応じて提供する項目 (第20条第1項 (a)–(f))
CREATE TABLE policy_items (
    version     INTEGER NOT NULL REFERENCES policy_versions(version),
    code        TEXT NOT NULL CHECK (code IN ('a', 'b', 'c', 'd', 'e', 'f')),
    name        TEXT NOT NULL,
    article     TEXT NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (version, code)
);

-- 利用目的 (第20条第1項): one society-internal and one external per item group.
CREATE TABLE policy_purposes (
    version     INTEGER NOT NULL REFERENCES policy_versions(version),
    code        TEXT NOT NULL,
    scope       TEXT NOT NULL CHECK (scope IN ('internal', 'external')),
    sort        INTEGER NOT NULL,
    article     TEXT NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (version, code)
);

-- The items each purpose allows (第20条第1項).
CREATE TABLE policy_purpose_items (
    version     INTEGER NOT NULL,
    purpose     TEXT NOT NULL,
    item        TEXT NOT NULL,
    PRIMARY KEY (version, purpose, item),
    FOREIGN KEY (version, purpose) REFERENCES policy_purposes(version, code),
    FOREIGN KEY (version, item) REFERENCES policy_items(version, code)
);

INSERT INTO policy_versions (version, created_at, created_by, note)
VALUES (1, datetime('now', 'localtime'), 'system', '第20条 (2022年4月12日理事会承認) による初期値');

INSERT INTO policy_categories
    (version, code, clause, permitted, legal_basis, pledge_required, sort, article, text) VALUES
(1, 'self',          'a', 1, 0, 0,  1, '第20条第3項(a)', '本人'),
(1, 'family',        'b', 1, 0, 1,  2, '第20条第3項(b)', '本人の家族又は近親者'),
(1, 'colleague',     'c', 1, 0, 1,  3, '第20条第3項(c)', '本人が籍を置く施設に所属する者'),
(1, 'member',        'd', 1, 0, 1,  4, '第20条第3項(d)', '本会会員、役員、委員、会長'),
(1, 'academic',      'e', 1, 0, 1,  5, '第20条第3項(e)', '学術団体(公益法人・特定非営利活動法人・任意団体を含む)'),
(1, 'government',    'f', 1, 1, 1,  6, '第20条第3項(f)', '日本の官公庁・裁判所'),
(1, 'police',        'g', 1, 1, 1,  7, '第20条第3項(g)', '日本の警察・検察・弁護士会'),
(1, 'agency',        'h', 1, 1, 1,  8, '第20条第3項(h)', '日本の国の機関(独立行政法人を含む)およびこれに類する各種機関ないし団体'),
(1, 'patient_group', 'i', 1, 0, 1,  9, '第20条第3項(i)', '患者会その他本会の取り扱い分野と密接な関係を有する団体'),
(1, 'commercial',    'b', 0, 0, 0, 10, '第20条第4項(b)', '営利企業等'),
(1, 'investigator',  'c', 0, 0, 0, 11, '第20条第4項(c)', '興信所や報道機関'),
(1, 'press',         'c', 0, 0, 0, 12, '第20条第4項(c)', '興信所や報道機関');

INSERT INTO policy_items (version, code, name, article, text) VALUES
(1, 'a', '会員番号',           '第20条第1項(a)', '会員番号'),
(1, 'b', '循環器専門医番号',   '第20条第1項(b)', '循環器専門医番号'),
(1, 'c', '入会年月日',         '第20条第1項(c)', '本会への入会年月日'),
(1, 'd', '所属施設名・住所',   '第20条第1項(d)', '会員の所属施設名および住所'),
(1, 'e', '氏名・生年月日・自宅住所', '第20条第1項(e)', '会員の氏名および生年月日ならびに自宅住所'),
(1, 'f', 'メールアドレス',     '第20条第1項(f)', '会員のメールアドレス');

INSERT INTO policy_purposes (version, code, scope, sort, article, text) VALUES
(1, 'abstract_registration',  'internal', 1, '第20条第1項(a)',
    '年次学術集会演題登録等の本会が実施する事業で必要となる場合'),
(1, 'enrollment_check',       'external', 2, '第20条第1項(a)',
    '在籍確認等で他団体から求められる場合'),
(1, 'specialist_application', 'internal', 3, '第20条第1項(b)(c)',
    '循環器専門医資格に関する申請等の本会が実施する事業で必要となる場合'),
(1, 'qualification_renewal',  'external', 4, '第20条第1項(b)(c)',
    '他団体における資格更新等で他団体から求められる場合'),
(1, 'society_business',       'internal', 5, '第20条第1項(d)(e)(f)',
    '役員及び委員会の業務や会合情報周知等の本会が実施する事業で必要となる場合'),
(1, 'greetings_notices',      'external', 6, '第20条第1項(d)(e)(f)',
    '挨拶状や告知等を本会会員や他団体が送付(メールアドレスは送信)する場合');

INSERT INTO policy_purpose_items (version, purpose, item) VALUES
(1, 'abstract_registration', 'a'), (1, 'enrollment_check', 'a'),
(1, 'specialist_application', 'b'), (1, 'specialist_application', 'c'),
(1, 'qualification_renewal', 'b'), (1, 'qualification_renewal', 'c'),
(1, 'society_business', 'd'), (1, 'society_business', 'e'), (1, 'society_business', 'f'),
(1, 'greetings_notices', 'd'), (1, 'greetings_notices', 'e'), (1, 'greetings_notices', 'f');

-- 個人情報総責任者が不可と認める者 (第20条第4項(d)). A row matches a request when each of its
-- non-empty keys (normalized with text_search_key) equals the request's.
CREATE TABLE denylist (
    id             INTEGER PRIMARY KEY,
    requester      TEXT NOT NULL DEFAULT '',
    requester_key  TEXT NOT NULL DEFAULT '',
    organization   TEXT NOT NULL DEFAULT '',
    organization_key TEXT NOT NULL DEFAULT '',
    reason         TEXT NOT NULL,
    listed_on      TEXT NOT NULL,
    listed_by      TEXT NOT NULL,
    removed_on     TEXT,
    removed_by     TEXT,
    remove_reason  TEXT,
    CHECK (requester_key <> '' OR organization_key <> '')
);
CREATE INDEX denylist_active ON denylist(organization_key, requester_key) WHERE removed_on IS NULL;

-- ---- pledges (誓約書, 取扱規程 第5条 electronic media, 第6条 paper) --------------------------
-- status is stored as active or revoked; a pledge whose valid_until has passed is expired and
-- counts for nothing (pledge.c reports it as "expired").
CREATE TABLE pledges (
    id               INTEGER PRIMARY KEY,
    recipient        TEXT NOT NULL,                 -- the organization (or person) that signed
    recipient_key    TEXT NOT NULL,                 -- text_search_key(recipient)
    signatory_name   TEXT NOT NULL,
    signatory_title  TEXT NOT NULL DEFAULT '',
    received_on      TEXT NOT NULL,
    media_paper      INTEGER NOT NULL CHECK (media_paper IN (0, 1)),
    media_electronic INTEGER NOT NULL CHECK (media_electronic IN (0, 1)),
    purposes         TEXT NOT NULL,                 -- purpose codes, comma-separated
    items            TEXT NOT NULL,                 -- item codes a–f, comma-separated
    valid_until      TEXT NOT NULL,
    document_no      TEXT NOT NULL,                 -- where the signed paper is filed
    status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
    revoked_on       TEXT,
    revoked_by       TEXT,
    revoke_reason    TEXT,
    created_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    CHECK (media_paper + media_electronic > 0),
    CHECK (valid_until >= received_on)
);
CREATE INDEX pledges_recipient ON pledges(recipient_key, valid_until);
CREATE INDEX pledges_valid ON pledges(valid_until) WHERE status = 'active';

-- ---- inquiries (第20条) ---------------------------------------------------------------------
CREATE TABLE inquiries (
    id              INTEGER PRIMARY KEY,
    received_on     TEXT NOT NULL,
    channel         TEXT NOT NULL CHECK (channel IN ('letter', 'fax', 'phone', 'email', 'counter')),
    requester       TEXT NOT NULL,
    organization    TEXT NOT NULL DEFAULT '',
    recipient_key   TEXT NOT NULL,                  -- organization, else requester, normalized
    contact         TEXT NOT NULL DEFAULT '',
    category        TEXT NOT NULL,
    identity        TEXT NOT NULL CHECK (identity IN ('verified', 'unverified')),
    identity_check  TEXT NOT NULL DEFAULT '',       -- how identity, origin and purpose were checked
    purpose         TEXT NOT NULL,
    items           TEXT NOT NULL,                  -- requested, comma-separated
    method          TEXT NOT NULL CHECK (method IN ('written', 'other')),
    medium          TEXT NOT NULL CHECK (medium IN ('paper', 'electronic')),
    legal_basis     TEXT NOT NULL DEFAULT '',       -- the statute, for (f)(g)(h)
    emergency       INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1)),
    member_query    TEXT NOT NULL,                  -- how the member was named
    member_id       INTEGER REFERENCES members(id), -- NULL: not looked up, or not found
    member_no       TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN ('decided', 'pending', 'approved', 'denied')),
    decision_id     INTEGER,                        -- the current decision
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL
);
CREATE INDEX inquiries_status ON inquiries(status, id);
CREATE INDEX inquiries_member ON inquiries(member_id, id) WHERE member_id IS NOT NULL;
CREATE INDEX inquiries_recipient ON inquiries(recipient_key, status);

-- Every decision of an inquiry: the first (clerk), a re-decision when a pledge arrives, the
-- chief officer's approval or denial (with comment). Each stores the policy version it used.
CREATE TABLE inquiry_decisions (
    id              INTEGER PRIMARY KEY,
    inquiry_id      INTEGER NOT NULL REFERENCES inquiries(id),
    kind            TEXT NOT NULL CHECK (kind IN ('initial', 'release', 'approve', 'deny')),
    outcome         TEXT NOT NULL
                    CHECK (outcome IN ('provide', 'partial', 'refuse', 'hold', 'not_found')),
    provided        TEXT NOT NULL DEFAULT '',       -- items provided (or to be, on hold)
    hold            TEXT NOT NULL DEFAULT '',       -- 'chief', 'pledge' or 'chief,pledge'
    pledge_id       INTEGER REFERENCES pledges(id), -- the pledge relied on
    policy_version  INTEGER NOT NULL REFERENCES policy_versions(version),
    comment         TEXT NOT NULL DEFAULT '',
    decided_at      TEXT NOT NULL,
    decided_by      TEXT NOT NULL,
    decided_role    TEXT NOT NULL
);
CREATE INDEX inquiry_decisions_inquiry ON inquiry_decisions(inquiry_id, id);

CREATE TABLE inquiry_reasons (
    decision_id     INTEGER NOT NULL REFERENCES inquiry_decisions(id),
    seq             INTEGER NOT NULL,
    code            TEXT NOT NULL,
    article         TEXT NOT NULL,
    text            TEXT NOT NULL,
    PRIMARY KEY (decision_id, seq)
);

-- ---- provisions: the record of every provision of a member's data (個人情報保護法 第29条) --
CREATE TABLE provisions (
    id              INTEGER PRIMARY KEY,
    member_id       INTEGER NOT NULL REFERENCES members(id),
    member_no       TEXT NOT NULL,
    provided_on     TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    recipient_key   TEXT NOT NULL,
    requester       TEXT NOT NULL DEFAULT '',
    category        TEXT NOT NULL,
    items           TEXT NOT NULL,
    purpose         TEXT NOT NULL,
    basis           TEXT NOT NULL,                  -- the articles (and statute) it rests on
    legal_basis     INTEGER NOT NULL DEFAULT 0 CHECK (legal_basis IN (0, 1)),
    inquiry_id      INTEGER REFERENCES inquiries(id),
    pledge_id       INTEGER REFERENCES pledges(id),
    retention_until TEXT NOT NULL,                  -- provided_on + 3 years
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL
);
CREATE INDEX provisions_member ON provisions(member_id, provided_on);
CREATE INDEX provisions_recipient ON provisions(recipient_key, provided_on);
CREATE INDEX provisions_retention ON provisions(retention_until);

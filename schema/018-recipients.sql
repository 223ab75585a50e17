-- 018-recipients: the recipient register (規程 第20条第3–4項) and the chief officer's prior
-- permissions for every copy (規程 第16条).
-- Articles cited are those of 個人情報保護規程 (規程, bare 第N条) and 個人情報の取扱規程 (取扱規程).

-- ---- the categories a recipient may have beside those of 第20条第3–4項 (policy_categories) ---
-- The society's own branches and meeting secretariats (取扱規程 第4条) and the contractors it
-- entrusts with handling (規程 第19条第2項第1号: not third parties). They receive sheets, never
-- answers to inquiries.
CREATE TABLE recipient_categories (
    code     TEXT PRIMARY KEY,
    sort     INTEGER NOT NULL,
    article  TEXT NOT NULL,
    text     TEXT NOT NULL
);
INSERT INTO recipient_categories (code, sort, article, text) VALUES
('branch',     1, '取扱規程 第4条', '本会の支部'),
('meeting',    2, '取扱規程 第4条', '年次学術集会・支部地方会運営事務局'),
('contractor', 3, '規程 第19条第2項第1号', '個人データの取扱いの委託先');

-- ---- the register --------------------------------------------------------------------------
-- category: a code of policy_categories (第20条第3項 a–i, 第20条第4項 b–c) or of
-- recipient_categories. A forbidden category is recorded (the refusal is on file) and gets
-- nothing (decide_recipient()). name_key: text_search_key of the organization, else the person.
-- identity: how the recipient's identity, origin and purpose were made clear (第20条第4項(a)).
CREATE TABLE recipients (
    id            INTEGER PRIMARY KEY,
    organization  TEXT NOT NULL DEFAULT '',
    person        TEXT NOT NULL DEFAULT '',
    name_key      TEXT NOT NULL,
    category      TEXT NOT NULL,
    address       TEXT NOT NULL DEFAULT '',
    identity      TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_at    TEXT,
    updated_by    TEXT,
    CHECK (organization <> '' OR person <> '')
);
CREATE INDEX recipients_key ON recipients(name_key);

ALTER TABLE pledges ADD COLUMN recipient_id INTEGER REFERENCES recipients(id);
ALTER TABLE exports ADD COLUMN recipient_id INTEGER REFERENCES recipients(id);
ALTER TABLE inquiries ADD COLUMN recipient_id INTEGER REFERENCES recipients(id);
ALTER TABLE provisions ADD COLUMN recipient_id INTEGER REFERENCES recipients(id);

-- ---- which sheet may go to which recipient category (取扱規程 第4条, 第20条第1項) --------------
-- A sheet goes only to a category listed for its export purpose; every other category
-- (a 名簿業者 above all: 第20条第4項(b)) is refused at request, approval and run.
CREATE TABLE export_purpose_recipients (
    purpose   TEXT NOT NULL REFERENCES export_purposes(code),
    category  TEXT NOT NULL,
    article   TEXT NOT NULL,
    PRIMARY KEY (purpose, category)
);
INSERT INTO export_purpose_recipients (purpose, category, article) VALUES
('annual_meeting', 'meeting', '取扱規程 第4条'),
-- the officers sheet (birth dates, home addresses) stays with the society's own secretariats
('officers', 'branch', '第20条第1項(d)(e)(f) 本会が実施する事業; 取扱規程 第4条'),
('officers', 'meeting', '第20条第1項(d)(e)(f) 本会が実施する事業; 取扱規程 第4条'),
('branch', 'branch', '取扱規程 第4条'),
('directory', 'member', '第20条第1項(d)(e) 本会会員が送付する場合; 第20条第3項(d)'),
('directory', 'branch', '取扱規程 第4条'),
('directory', 'contractor', '規程 第19条第2項第1号 (名簿の印刷の委託)');

-- ---- the chief officer's prior permissions (規程 第16条) ----------------------------------------
-- kind: export (a sheet on paper, a file or electronic media) or backup (a copy of the
-- database to a folder). One-off (export_id set: the chief's approval of that export) or
-- standing (a scope: the purpose and recipient of a yearly sheet, or a backup folder, with an
-- end date). destination: for a backup, the folder ('' = the configured backup folder).
-- A permission counts from granted_on through valid_until unless revoked.
CREATE TABLE permissions (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('export', 'backup')),
    standing      INTEGER NOT NULL CHECK (standing IN (0, 1)),
    purpose       TEXT,                          -- export purpose; NULL = any (kind backup)
    recipient_id  INTEGER REFERENCES recipients(id),
    media         TEXT,                          -- paper, file, electronic; NULL = any
    destination   TEXT NOT NULL DEFAULT '',
    export_id     INTEGER REFERENCES exports(id),
    scope         TEXT NOT NULL,                 -- what is permitted, in words
    granted_on    TEXT NOT NULL,
    granted_at    TEXT NOT NULL,
    granted_by    TEXT NOT NULL,
    valid_until   TEXT NOT NULL,
    revoked_at    TEXT,
    revoked_by    TEXT,
    revoke_reason TEXT
);
CREATE INDEX permissions_kind ON permissions(kind, valid_until) WHERE revoked_at IS NULL;
ALTER TABLE exports ADD COLUMN permission_id INTEGER REFERENCES permissions(id);

-- The daily backup to its configured folder (取扱規程 第19条) is a standing permission, on file
-- like any other; a database this migration opens gets it in the system's name.
INSERT INTO permissions (kind, standing, destination, scope, granted_on, granted_at, granted_by,
    valid_until)
VALUES ('backup', 1, '', '日次バックアップ（設定のバックアップフォルダへの複写、取扱規程第19条）',
    date('now', 'localtime'), datetime('now', 'localtime'), 'system', '9999-12-31');

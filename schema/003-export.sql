-- 003-export: consent-gated export sheets (取扱規程 第4–6条, 第16条, 第38条).
-- A purpose says which columns a sheet may carry, which consents a member must have given,
-- whether members who stopped third-party provision (規程 第20条第5項) are left out, which
-- member statuses belong on it, the media allowed and whether a pledge (誓約書) is required.
-- Every export is a row of `exports` (request, approval, run, SHA-256 of the file), and every
-- member on a sheet gets a row of `provisions` (002) pointing at it.
-- Articles cited are those of 個人情報保護規程 (規程, bare 第N条) and 個人情報の取扱規程 (取扱規程).

-- ---- purposes, as data --------------------------------------------------------------------
-- columns: codes of export.c's column catalogue, in sheet order:
--   member_no (a), specialist_no (b), joined_on (c), facility_name, facility_postal_code,
--   facility_address (d), name, name_kana, name_en, birth_date, postal_code, home_address (e),
--   email (f), branch (支部, none of a–f).
-- policy_purposes: the 第20条第1項 purposes (policy_purposes of 002) the export rests on. A
--   pledge covers an export when, for every item on the sheet, it names one of these purposes
--   that allows the item, and it covers the item and the medium (取扱規程 第5条, 第6条).
-- category: the recipient category (第20条第3項) written into the provision record.
-- consents: member_consents scopes that must be granted, comma-separated ('' for none).
-- optout_excluded: leave out members with an opt-out in force (第20条第5項): 1 for every
--   recipient outside the secretariat.
-- statuses: member statuses that belong on the sheet, comma-separated.
CREATE TABLE export_purposes (
    code              TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    article           TEXT NOT NULL,
    text              TEXT NOT NULL,
    policy_purposes   TEXT NOT NULL,
    category          TEXT NOT NULL,
    columns           TEXT NOT NULL,
    consents          TEXT NOT NULL DEFAULT '',
    optout_excluded   INTEGER NOT NULL CHECK (optout_excluded IN (0, 1)),
    statuses          TEXT NOT NULL DEFAULT 'active',
    media_paper       INTEGER NOT NULL CHECK (media_paper IN (0, 1)),
    media_electronic  INTEGER NOT NULL CHECK (media_electronic IN (0, 1)),
    pledge_required   INTEGER NOT NULL CHECK (pledge_required IN (0, 1)),
    sort              INTEGER NOT NULL,
    CHECK (media_paper + media_electronic > 0)
);

INSERT INTO export_purposes (code, name, article, text, policy_purposes, category, columns,
    consents, optout_excluded, statuses, media_paper, media_electronic, pledge_required, sort)
VALUES
('annual_meeting', '年次学術集会・支部地方会運営事務局への提供', '取扱規程 第4条',
    '年次学術集会・支部地方会運営事務局に対しては、本会業務および会員への連絡通知等に必要な最低限度の個人情報のみを提供する',
    'abstract_registration,society_business', 'member',
    'member_no,name,name_kana,facility_name,email', '', 1, 'active', 1, 1, 1, 1),
('branch', '支部への提供', '取扱規程 第4条',
    '支部に対しては、本会業務および会員への連絡通知等に必要な最低限度の個人情報のみを提供する',
    'abstract_registration,society_business', 'member',
    'member_no,name,name_kana,facility_name,facility_postal_code,facility_address,email,branch',
    '', 1, 'active', 1, 1, 1, 2),
('officers', '役員・委員会の業務', '第20条第1項(d)(e)(f)',
    '役員及び委員会の業務や会合情報周知等の本会が実施する事業で必要となる場合',
    'society_business', 'member',
    'name,name_kana,name_en,birth_date,facility_name,facility_postal_code,facility_address,postal_code,home_address,email,branch',
    '', 1, 'active', 1, 1, 1, 3),
('directory', '会員名簿', '第20条第1項(d)(e)',
    '挨拶状や告知等を本会会員が送付する場合(会員名簿への掲載に同意した会員のみ)',
    'greetings_notices', 'member',
    'name,name_kana,facility_name,facility_address,branch', 'directory', 1, 'active', 1, 0, 1, 4);

-- ---- exports: request, the chief officer's approval, the run ---------------------------------
-- status: pending (waits for the chief officer: electronic media or a file copy leaving meibo,
-- 取扱規程 第16条), ready (approved, or paper printed by meibo that needs no approval), denied,
-- done (run once; a sheet is never produced twice from one request).
-- file_copy: the sheet leaves meibo as a file (xlsx, or the encrypted archive for electronic
-- media, 第38条) rather than printed on paper.
-- The counts are those of the request's preview until the run, then those of the run.
CREATE TABLE exports (
    id                INTEGER PRIMARY KEY,
    purpose           TEXT NOT NULL REFERENCES export_purposes(code),
    recipient         TEXT NOT NULL,
    recipient_key     TEXT NOT NULL,
    pledge_id         INTEGER REFERENCES pledges(id),
    media             TEXT NOT NULL CHECK (media IN ('paper', 'electronic')),
    file_copy         INTEGER NOT NULL CHECK (file_copy IN (0, 1)),
    columns           TEXT NOT NULL,
    items             TEXT NOT NULL,                 -- items a–f the columns carry
    f_branch          TEXT,                          -- filters; NULL = any
    f_statuses        TEXT,
    f_specialist      INTEGER CHECK (f_specialist IN (0, 1)),
    f_joined_from     TEXT,
    f_joined_to       TEXT,
    filters           TEXT NOT NULL DEFAULT '',      -- the filters as text, for the record
    policy_version    INTEGER NOT NULL REFERENCES policy_versions(version),
    status            TEXT NOT NULL CHECK (status IN ('pending', 'ready', 'denied', 'done')),
    included          INTEGER NOT NULL DEFAULT 0,
    excluded_status   INTEGER NOT NULL DEFAULT 0,
    excluded_optout   INTEGER NOT NULL DEFAULT 0,
    excluded_consent  INTEGER NOT NULL DEFAULT 0,
    requested_at      TEXT NOT NULL,
    requested_by      TEXT NOT NULL,
    decided_at        TEXT,                          -- the chief officer's approval or denial
    decided_by        TEXT,
    decide_comment    TEXT NOT NULL DEFAULT '',
    run_at            TEXT,
    run_by            TEXT,
    file_kind         TEXT CHECK (file_kind IN ('pdf', 'xlsx', 'zip')),
    file_sha256       TEXT,
    delivered_to      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX exports_status ON exports(status, id);

-- Each member on a sheet: one provision row (個人情報保護法 第29条) naming the export.
ALTER TABLE provisions ADD COLUMN export_id INTEGER REFERENCES exports(id);
CREATE INDEX provisions_export ON provisions(export_id) WHERE export_id IS NOT NULL;

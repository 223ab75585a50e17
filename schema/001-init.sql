-- 001-init: the member registry, staff accounts and the audit log.
-- Applied by meibo init and on open (PRAGMA user_version). Articles cited are those of
-- 個人情報保護規程 (規程) and 個人情報の取扱規程 (取扱規程).

-- 所属施設
CREATE TABLE facilities (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    postal_code  TEXT NOT NULL DEFAULT '',
    address      TEXT NOT NULL DEFAULT '',
    UNIQUE (name, address)
);

-- 会員 (規程 第20条第1項 items a–f live here)
CREATE TABLE members (
    id             INTEGER PRIMARY KEY,
    member_no      TEXT NOT NULL UNIQUE,          -- (a) 会員番号
    specialist_no  TEXT,                          -- (b) 循環器専門医番号, NULL when none
    joined_on      TEXT NOT NULL,                 -- (c) 入会年月日 YYYY-MM-DD
    -- equalities rather than IN (…), for which SQLite builds a temporary index on every insert
    status         TEXT NOT NULL DEFAULT 'active'
                   CHECK (status = 'active' OR status = 'withdrawn' OR status = 'deceased'),
    family_name    TEXT NOT NULL,                 -- (e) 氏名
    given_name     TEXT NOT NULL,
    family_kana    TEXT NOT NULL,                 -- full-width katakana
    given_kana     TEXT NOT NULL,
    name_en        TEXT NOT NULL DEFAULT '',
    birth_date     TEXT,                          -- (e) 生年月日
    postal_code    TEXT NOT NULL DEFAULT '',
    home_address   TEXT NOT NULL DEFAULT '',      -- (e) 自宅住所
    email          TEXT NOT NULL DEFAULT '',      -- (f)
    facility_id    INTEGER REFERENCES facilities(id),  -- (d) 所属施設
    branch         TEXT NOT NULL DEFAULT '',      -- 支部
    withdrawn_on   TEXT,
    withdraw_reason TEXT NOT NULL DEFAULT '',
    -- search: the normalized keys (text_search_key) of the searchable fields joined by
    -- a line feed; reading_key sorts the browser and serves reading-prefix ranking.
    search_key     TEXT NOT NULL DEFAULT '',
    reading_key    TEXT NOT NULL DEFAULT '',
    name_key       TEXT NOT NULL DEFAULT '',
    version        INTEGER NOT NULL DEFAULT 1,    -- optimistic locking
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL
);
CREATE INDEX members_specialist ON members(specialist_no) WHERE specialist_no IS NOT NULL;
CREATE INDEX members_reading ON members(reading_key, id);
CREATE INDEX members_name ON members(name_key, id);
CREATE INDEX members_facility ON members(facility_id);

-- The search index over members.search_key, written by the program itself (search.c):
-- FTS5 trigram returns nothing for 1- and 2-character queries. A token is its characters:
-- ASCII letters and digits as themselves, other ASCII as two bytes that are never UTF-8, the
-- rest in UTF-8 (the ascii tokenizer keeps bytes >= 0x80 in tokens), so a token names its
-- characters exactly. Both tables are contentless; rowid = members.id.
-- member_grams holds, without positions (detail=none), every character and every pair of
-- neighbouring characters of each part of the key, each once: a query of one or two
-- characters is one token.
CREATE VIRTUAL TABLE member_grams USING fts5(
    g, content = '', detail = none, tokenize = 'ascii', columnsize = 0
);
-- member_trigrams holds every run of three characters with its position (detail=full), parts
-- separated by a token no trigram can be: a longer query is the phrase of its trigrams, which
-- matches exactly the members whose key contains it (digit trigrams are sparse enough that a
-- member number needs no index of its own).
CREATE VIRTUAL TABLE member_trigrams USING fts5(
    t, content = '', detail = full, tokenize = 'ascii', columnsize = 0
);
-- Bulk loads: flush pending terms every 32 MB instead of 1 MB (fewer, larger segments to merge).
INSERT INTO member_grams(member_grams, rank) VALUES ('hashsize', 33554432);
INSERT INTO member_trigrams(member_trigrams, rank) VALUES ('hashsize', 33554432);

-- 同意 (e.g. scope 'directory' = 会員名簿掲載同意)
CREATE TABLE member_consents (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members(id),
    scope       TEXT NOT NULL,
    granted     INTEGER NOT NULL CHECK (granted IN (0, 1)),
    decided_on  TEXT NOT NULL,
    source      TEXT NOT NULL DEFAULT '',       -- source document
    recorded_by TEXT NOT NULL,
    UNIQUE (member_id, scope)
);

-- 第三者提供の停止 (規程 第20条第5項): the member's written application
CREATE TABLE member_optouts (
    id            INTEGER PRIMARY KEY,
    member_id     INTEGER NOT NULL REFERENCES members(id),
    received_on   TEXT NOT NULL,
    document_no   TEXT NOT NULL DEFAULT '',
    recorded_by   TEXT NOT NULL,
    withdrawn_on  TEXT,                          -- NULL while in force
    withdrawn_by  TEXT
);
CREATE UNIQUE INDEX member_optouts_active ON member_optouts(member_id) WHERE withdrawn_on IS NULL;

-- 従事者のID (取扱規程 第33条, 第34条)
CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    login          TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('chief', 'manager', 'clerk')),
    password_hash  TEXT NOT NULL,
    term_end       TEXT,                         -- YYYY-MM-DD, last day the account works
    fixed_term     INTEGER NOT NULL DEFAULT 0,   -- 雇用期間の定めのある従事者 (第33条 但し書)
    approved_by    TEXT,                         -- chief officer's approval of a fixed-term ID
    approved_at    TEXT,
    disabled       INTEGER NOT NULL DEFAULT 0,
    disabled_at    TEXT,
    failed_logins  INTEGER NOT NULL DEFAULT 0,
    locked_until   INTEGER NOT NULL DEFAULT 0,   -- Unix seconds
    last_login_at  TEXT,
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL
);

-- アクセスログ (取扱規程 第23条, 第35条): append-only and hash-chained.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,                   -- local time YYYY-MM-DD HH:MM:SS
    user_login  TEXT NOT NULL,
    unix_user   TEXT NOT NULL,
    ssh_client  TEXT NOT NULL,
    action      TEXT NOT NULL,
    member_no   TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT '',
    prev_hash   TEXT NOT NULL,                   -- hash of the previous row (64 zeros first)
    hash        TEXT NOT NULL                    -- SHA-256 of this row's content and prev_hash
);
CREATE INDEX audit_user ON audit_log(user_login, id);
CREATE INDEX audit_member ON audit_log(member_no, id) WHERE member_no <> '';
CREATE INDEX audit_at ON audit_log(at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only (取扱規程 第35条)'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only (取扱規程 第35条)'); END;

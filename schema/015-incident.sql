-- 015-incident: the incident register (取扱規程 第26条 事故又は違反への対処; 個人情報保護法 第26条,
-- 同法施行規則 第7条・第8条). A 従事者 who learns of a leak (漏えい), loss (滅失), damage (毀損) or a
-- breach of the rules records it with the 個人情報管理者 it was reported to; the facts are
-- investigated and the prevention considered; the manager closes it. The members affected are
-- computed from the records (an export run, a provision record, a printed letter, a backup file,
-- a user's access-log rows, or a list) and kept here as they were then: the records they came
-- from may be purged later. Whether the 個人情報保護委員会 must be told, and by when, follows from
-- the facts each time it is read (incident_assess() in incident.c), not from a stored flag.
CREATE TABLE incidents (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind = 'leak' OR kind = 'loss' OR kind = 'damage'
                                            OR kind = 'breach'),
    summary            TEXT NOT NULL,                 -- what happened (概要)
    occurred_on        TEXT,                          -- when it happened, when known
    discovered_on      TEXT NOT NULL,                 -- the day it became known (知った日)
    discovered_by      TEXT NOT NULL,                 -- who found it
    cause              TEXT NOT NULL DEFAULT '',      -- 原因
    immediate_action   TEXT NOT NULL DEFAULT '',      -- what was done at once
    reported_to        TEXT NOT NULL,                 -- the manager's (or chief's) login (第26条)
    reported_on        TEXT NOT NULL,
    source             TEXT NOT NULL,                 -- where the affected members came from
    source_ref         TEXT NOT NULL DEFAULT '',      -- which record: "export 12", a file name
    persons            INTEGER NOT NULL CHECK (persons >= 0),
    items              TEXT NOT NULL DEFAULT '',      -- the items a–f involved, "a,d,e"
    columns            TEXT NOT NULL DEFAULT '',      -- an export sheet's columns
    financial          INTEGER NOT NULL DEFAULT 0 CHECK (financial IN (0, 1)),
    improper           INTEGER NOT NULL DEFAULT 0 CHECK (improper IN (0, 1)),
    secondary_damage   TEXT NOT NULL DEFAULT '',      -- 二次被害又はそのおそれ
    member_response    TEXT NOT NULL DEFAULT '',      -- 本人への対応
    publication        TEXT NOT NULL DEFAULT '',      -- 公表
    prevention         TEXT NOT NULL DEFAULT '',      -- 再発防止策
    prompt_reported_on TEXT,                          -- 速報 made (施行規則 第8条第1項)
    final_reported_on  TEXT,                          -- 確報 made (同条第2項)
    status             TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'closed'),
    closed_on          TEXT,
    closed_by          TEXT,
    close_note         TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    updated_by         TEXT NOT NULL,
    CHECK ((status = 'closed') = (closed_on IS NOT NULL))
);
CREATE INDEX incidents_open ON incidents(discovered_on) WHERE status = 'open';

-- The members affected, each with the items of theirs involved, as computed when recorded.
CREATE TABLE incident_members (
    incident_id  INTEGER NOT NULL REFERENCES incidents(id),
    member_no    TEXT NOT NULL,
    items        TEXT NOT NULL,
    PRIMARY KEY (incident_id, member_no)
) WITHOUT ROWID;
CREATE INDEX incident_members_member ON incident_members(member_no, incident_id);

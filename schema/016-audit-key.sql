-- 016-audit-key: the access log's chain keyed and anchored outside the database (取扱規程 第23条,
-- 第35条; audit.h), and the log's own retention period (規程 第17条).
--
-- audit_key: the key's fingerprint (HMAC of a fixed text, never the key) and the first row
-- whose hash is an HMAC-SHA-256 with the key in the key file beside the database; rows before
-- it (written before this migration) keep their plain SHA-256 chain.
CREATE TABLE audit_key (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 64),
    keyed_from  INTEGER NOT NULL
);
-- audit_anchors: the anchor a backup carries (the head of its own log, MACed); empty in the
-- database itself, written into each backup's copy only (backup.c).
CREATE TABLE audit_anchors (
    id   INTEGER PRIMARY KEY,
    line TEXT NOT NULL
);
-- audit_prune: while `meibo purge` removes rows past the log's retention period it names the
-- last row it may remove here, inside its transaction; every other DELETE is still refused.
CREATE TABLE audit_prune (
    upto INTEGER NOT NULL
);
DROP TRIGGER audit_log_no_delete;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM audit_prune WHERE old.id <= upto)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only (取扱規程 第35条)'); END;

-- The access log's own period: 3 years, as the records of provision it accounts for
-- (個人情報保護法第29条第2項, 同法施行規則第21条); it holds clerks' search words, so it is not
-- kept forever. A signed checkpoint (the keyed head at the cut) keeps the rest verifiable.
INSERT INTO retention_periods
    (code, name, anchor, years, months, min_years, disposal, article, note, sort, updated_at,
     updated_by) VALUES
('audit_log', 'アクセスログ（利用者ID・日時・操作・会員番号・検索語）', '記録の日', 3, 0, 1, 'delete',
 '取扱規程 第23条・第35条, 規程 第17条',
 '期間を過ぎた行を削除し、切り口の鍵付きハッシュを署名付きのチェックポイントとしてアンカーに残す（以後の検証はそこから）。',
 5, datetime('now', 'localtime'), 'system');
UPDATE ledger_items SET retention = 'audit_log', retention_note = '記録の日から',
       method = '電子データ（追記のみ、鍵付きハッシュ連鎖、先頭をデータベースの外に記録）'
 WHERE location = '会員管理システム audit_log 表';

-- audit_list_members: the members a list view showed (取扱規程 第35条: who accessed whose data,
-- lists too), as ranges of member numbers of its audit row (whose detail names them too, under
-- the chain: this table only lets `audit log --member` find them).
CREATE TABLE audit_list_members (
    audit_id INTEGER NOT NULL REFERENCES audit_log(id) ON DELETE CASCADE,
    lo       INTEGER NOT NULL,
    hi       INTEGER NOT NULL
);
CREATE INDEX audit_list_members_lo ON audit_list_members(lo, hi);
CREATE INDEX audit_list_members_row ON audit_list_members(audit_id);

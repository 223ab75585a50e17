-- 026-member-changes: what a change to a member changed, field by field, for the change history
-- on the member's screen (issue 14: 変更前 → 変更後, not only which fields). One row per field
-- of a member.update (or member.withdraw) row of the access log (audit_id). A masked field
-- (MF_SENSITIVE: birth date, home address, postal code, e-mail) keeps no value here (masked =
-- 1, both values ''): the history says it changed, never what it was. The rows are part of the
-- member's record and are erased with it (purge.c, and ON DELETE CASCADE).
CREATE TABLE member_changes (
    id         INTEGER PRIMARY KEY,
    member_id  INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    audit_id   INTEGER NOT NULL,
    field      TEXT NOT NULL,
    old_value  TEXT NOT NULL DEFAULT '',
    new_value  TEXT NOT NULL DEFAULT '',
    masked     INTEGER NOT NULL DEFAULT 0 CHECK (masked IN (0, 1))
);
CREATE INDEX member_changes_audit ON member_changes(audit_id);
CREATE INDEX member_changes_member ON member_changes(member_id);

INSERT INTO ledger_tables (tbl, ledger_item, note) VALUES
('member_changes', '氏名・フリガナ・英字氏名・生年月日・郵便番号・自宅住所',
 '会員情報の変更履歴（変更前・変更後の値、秘匿項目は値なし）');

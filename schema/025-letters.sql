-- Letters that are mailed and provisions that happen (issue 14).
-- The postal address an inquiry's answer is mailed to, entered when the requester gave only a
-- telephone number (the answer is written, 規程 第20条第2項, and goes in a window envelope).
ALTER TABLE inquiries ADD COLUMN address TEXT NOT NULL DEFAULT '';
-- An inquiry recorded by mistake, voided by a clerk with the reason (audited): it is no longer
-- decided, released, approved or answered, and nothing was provided on it.
ALTER TABLE inquiries ADD COLUMN voided_at TEXT;
ALTER TABLE inquiries ADD COLUMN voided_by TEXT NOT NULL DEFAULT '';
ALTER TABLE inquiries ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';
-- A provision decided but not yet given: the record of provision (個人情報保護法 第29条) is
-- written into `provisions` when the answer is printed or sent, or marked given by telephone
-- with the chief officer's consent (第20条第2項); until then it waits here, and a voided
-- inquiry's row is dropped, so a disclosure notice (第22条) lists only what happened.
CREATE TABLE provisions_pending (
    inquiry_id      INTEGER PRIMARY KEY,
    member_id       INTEGER NOT NULL,
    member_no       TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    recipient_key   TEXT NOT NULL,
    requester       TEXT NOT NULL,
    category        TEXT NOT NULL,
    items           TEXT NOT NULL,
    purpose         TEXT NOT NULL,
    basis           TEXT NOT NULL,
    legal_basis     INTEGER NOT NULL DEFAULT 0,
    pledge_id       INTEGER,
    recipient_id    INTEGER,
    decided_at      TEXT NOT NULL
);
INSERT INTO ledger_tables (tbl, ledger_item, note) VALUES
('provisions_pending', NULL, '決定済みで未だ回答していない提供（回答の送付時に提供の記録へ移す）');
-- What waits here goes with what it is about: an inquiry's requester erased past retention
-- (取扱規程 第9条, purge.h) or a member purged leaves no provision to give.
CREATE TRIGGER provisions_pending_erased AFTER UPDATE OF erased_on ON inquiries
WHEN NEW.erased_on IS NOT NULL
BEGIN
    DELETE FROM provisions_pending WHERE inquiry_id = NEW.id;
END;
CREATE TRIGGER provisions_pending_member_gone AFTER DELETE ON members
BEGIN
    DELETE FROM provisions_pending WHERE member_id = OLD.id;
END;

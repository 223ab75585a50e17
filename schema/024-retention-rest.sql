-- 024-retention-rest: what retention still missed (issue 20): decided rights requests carried
-- over a restore, the backups' own period in the ledger, and the people named on pledges and
-- in the recipients register (規程 第17条, 取扱規程 第19–22条, 第24条).
-- Articles cited are those of 個人情報保護規程 (規程, bare 第N条) and 個人情報の取扱規程 (取扱規程).

-- ---- a restore keeps the members' corrections (第23条, 取扱規程 第19条) --------------------------
-- changes: the "FIELD=VALUE" lines a granted correction, addition, deletion or suspension
-- applied to the member (one a line), so that a restore from a backup older than the decision
-- applies them again (request_carry(), through the audited member edit). '' for a request that
-- changed no field, and for those decided before this migration (a restore lists those to be
-- done again, request_redo).
ALTER TABLE rights_requests ADD COLUMN changes TEXT NOT NULL DEFAULT '';

-- The requests a restore could not replay: each must be done again by hand (by its number).
-- No personal data: the request and member numbers, the kind, the dates, why. done_on: the day
-- it was decided again (request_decide()) or closed (meibo request redo --done).
CREATE TABLE request_redo (
    request_id   INTEGER PRIMARY KEY,
    member_no    TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL,
    received_on  TEXT NOT NULL,
    decided_on   TEXT NOT NULL DEFAULT '',
    why          TEXT NOT NULL CHECK (why IN ('member', 'values')), -- request.h
    listed_at    TEXT NOT NULL,
    carried      INTEGER NOT NULL DEFAULT 0 CHECK (carried IN (0, 1)), -- the request is back as received
    done_on      TEXT,
    done_by      TEXT
);
CREATE INDEX request_redo_open ON request_redo(request_id) WHERE done_on IS NULL;
INSERT INTO ledger_tables (tbl, ledger_item, note) VALUES
('request_redo', NULL, '復元の後にやり直す開示等の請求（請求番号と会員番号のみ）');

-- ---- the people named on pledges and in the recipients register --------------------------------
-- A pledge's signatory (name and title) and a registered organization's contact person (name)
-- are kept 3 years after the pledge ends (its valid_until, or the day it was revoked): the
-- records of provision made under a pledge are kept 3 years from the day of provision
-- (個人情報保護法第29条第2項, 同法施行規則第21条), and a provision made on the pledge's last
-- day must stay explainable (who pledged for the recipient) as long as its record is kept.
-- After that `meibo purge` clears them (the pledge and the recipient stay, with their numbers,
-- organization and dates); signatory_erased_on / contact_erased_on say when.
ALTER TABLE pledges ADD COLUMN signatory_erased_on TEXT;
ALTER TABLE recipients ADD COLUMN contact_erased_on TEXT;
INSERT INTO retention_periods
    (code, name, anchor, years, months, min_years, disposal, article, note, sort, updated_at,
     updated_by) VALUES
('pledge_signatory', '誓約書の署名者・提供先の担当者の氏名等', '誓約書の終了日（有効期限、取消しはその日）',
 3, 0, 0, 'anonymize', '取扱規程 第5条・第6条・第20条, 規程 第17条',
 '誓約書の署名者の氏名・役職と、提供先（団体）の担当者の氏名を消去する（その提供先の誓約書がすべて終了して期間を過ぎたとき）。誓約書と提供先の記録は残す。提供の記録（3年）に合わせる。',
 6, datetime('now', 'localtime'), 'system');
UPDATE ledger_items SET retention = 'pledge_signatory',
       retention_note = '誓約書は有効期限の経過後も提供記録の保存期間中は保管し、署名者の氏名・役職を消去する'
 WHERE item = '誓約書（提出者・署名者・有効期限）';
UPDATE ledger_items SET retention = 'pledge_signatory',
       retention_note = '提供先の記録は保管し、団体の担当者の氏名を消去する'
 WHERE item = '提供先の登録簿（団体・担当者・連絡先・本人確認の記録）';

-- ---- the backups (取扱規程 第19条, 第24条) ------------------------------------------------------
-- The backups are whole copies of the database: a member erased, or a field deleted at a
-- member's request, stays in the older backups until rotation removes them (the newest of each
-- of the last backup_keep_daily days and backup_keep_monthly months: 12 months by default); a
-- restore re-applies the erasures (deletion ledger) and the decided requests (request_carry).
INSERT INTO ledger_items
    (sort, item, policy_item, purpose, location, in_db, method, access, retention, retention_note,
     article) VALUES
(21, 'データベースのバックアップ（上記の電子データ全体の複製）', NULL,
 '障害・事故の際の復元（取扱規程 第19条）',
 'バックアップフォルダの meibo-日時.db（暗号化の設定では .db.enc）', 1,
 '電子データ（meibo グループのみ読み、鍵の設定で AES-256-GCM 暗号化）', 'manager,chief', NULL,
 '日次は直近14日分、月次は直近12か月分（meibo.conf の backup_keep_daily・backup_keep_monthly）を保管し、古いものはバックアップの都度削除する。消去した会員・削除した項目も、それより前のバックアップには最長12か月残る。復元の際は削除台帳と決定済みの請求により消去・訂正を改めて行う',
 '取扱規程 第19条・第22条');

-- 020-inspect: the staff register (取扱規程 第27条・第28条) and the manager's inspection (第25条).

-- 第27条: the confidentiality pledge (秘密保持に関する誓約書) each 従事者 submits when employed or
-- contracted: the day it was signed and the document it is (a file reference). An account without
-- one on file does not log in unless the system configuration says so (login_without_pledge).
ALTER TABLE users ADD COLUMN pledge_on TEXT;                      -- YYYY-MM-DD, NULL: none on file
ALTER TABLE users ADD COLUMN pledge_document TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN pledge_recorded_by TEXT;

-- 第28条: the training (教育・訓練) given to each 従事者, one row per person and session.
CREATE TABLE staff_training (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    held_on      TEXT NOT NULL,                 -- YYYY-MM-DD
    topic        TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    recorded_by  TEXT NOT NULL
);
CREATE INDEX staff_training_user ON staff_training(user_id, held_on);

-- 第25条: an inspection of a period. The report itself is computed from the records each time it is
-- read (inspect.c); what is kept is what people wrote and signed: the manager's findings and
-- corrective actions (是正措置の要否), and the chief officer's acknowledgement.
CREATE TABLE inspections (
    id               INTEGER PRIMARY KEY,
    period_from      TEXT NOT NULL,
    period_until     TEXT NOT NULL CHECK (period_until >= period_from),
    findings         TEXT NOT NULL,             -- 検査結果
    corrective       TEXT NOT NULL DEFAULT '',  -- 是正措置 (and whom it was ordered to), or none
    recorded_at      TEXT NOT NULL,
    recorded_by      TEXT NOT NULL,             -- the 個人情報管理者
    acknowledged_at  TEXT,
    acknowledged_by  TEXT,                      -- the 個人情報総責任者
    ack_note         TEXT NOT NULL DEFAULT '',
    CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);

-- 第24条 checked against the data: which ledger entry (ledger_items.item) lists each table the
-- database holds; NULL for a table that holds no personal data (policy, indexes, bookkeeping).
-- The inspection names any table missing here, or pointing at no entry, as an item held that the
-- ledger does not list.
CREATE TABLE ledger_tables (
    tbl          TEXT PRIMARY KEY,
    ledger_item  TEXT,
    note         TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

INSERT INTO ledger_items
    (sort, item, policy_item, purpose, location, in_db, method, access, retention, retention_note,
     article) VALUES
(17, '従事者の秘密保持誓約書・教育の記録（提出日・文書、受講日・内容）', NULL,
 '従事者の誓約書の提出と教育・訓練の管理', '会員管理システム users 表・staff_training 表、誓約書原本は事務局の施錠書庫', 1,
 '電子データおよび書面（施錠保管）', 'manager,chief', NULL, '在職中および退職後の検査に必要な期間',
 '取扱規程 第27条・第28条'),
(18, '事故・違反の記録（影響を受けた会員の会員番号・項目）', NULL, '事故又は違反への対処',
 '会員管理システム incidents 表・incident_members 表', 1, '電子データ', 'clerk,manager,chief', NULL,
 '対応の完了後も再発防止の検討に必要な期間', '取扱規程 第26条'),
(19, '安全管理措置の評価（検査結果・是正措置・総責任者の確認）', NULL, '個人データの安全管理措置の評価',
 '会員管理システム inspections 表', 1, '電子データ', 'manager,chief', NULL, '消去しない',
 '取扱規程 第25条');

INSERT INTO ledger_tables (tbl, ledger_item, note) VALUES
('members', '氏名・フリガナ・英字氏名・生年月日・郵便番号・自宅住所', '会員番号・専門医番号・入会年月日・メールアドレスの各項目も'),
('facilities', '所属施設名・所在地', ''),
('member_consents', '支部・会員名簿掲載の同意', ''),
('member_optouts', '第三者提供停止の申出（受付日・文書番号）', ''),
('member_grams', '氏名・フリガナ・英字氏名・生年月日・郵便番号・自宅住所', '検索索引'),
('member_trigrams', '氏名・フリガナ・英字氏名・生年月日・郵便番号・自宅住所', '検索索引'),
('inquiries', '照会者の氏名・所属・連絡先・確認方法', ''),
('inquiry_decisions', '照会者の氏名・所属・連絡先・確認方法', ''),
('inquiry_reasons', NULL, '判断の理由（定型文）'),
('provisions', '第三者提供の記録（提供先・提供日・項目・根拠）', ''),
('exports', '第三者提供の記録（提供先・提供日・項目・根拠）', '名簿の出力'),
('export_purposes', NULL, '出力の目的（コード）'),
('pledges', '誓約書（提出者・署名者・有効期限）', ''),
('rights_requests', '開示等の請求書類（請求者・代理人・本人確認の方法）', ''),
('rights_reasons', NULL, '判断の理由（定型文）'),
('users', '従事者の利用者ID・氏名・権限', ''),
('staff_training', '従事者の秘密保持誓約書・教育の記録（提出日・文書、受講日・内容）', ''),
('audit_log', 'アクセスログ（利用者ID・日時・操作・会員番号・端末）', ''),
('deletion_ledger', '削除台帳（消去した会員の会員番号・消去日）', ''),
('incidents', '事故・違反の記録（影響を受けた会員の会員番号・項目）', ''),
('incident_members', '事故・違反の記録（影響を受けた会員の会員番号・項目）', ''),
('inspections', '安全管理措置の評価（検査結果・是正措置・総責任者の確認）', ''),
('denylist', NULL, '総責任者の提供禁止先（団体）'),
('db_identity', NULL, 'データベースの識別子'),
('purge_state', NULL, '消去の進行状況'),
('retention_periods', NULL, '保存期間の表'),
('ledger_items', NULL, '個人情報取扱台帳そのもの'),
('ledger_tables', NULL, 'この対応表'),
('policy_categories', NULL, '提供方針の表'),
('policy_items', NULL, '提供方針の表'),
('policy_purposes', NULL, '提供方針の表'),
('policy_purpose_items', NULL, '提供方針の表'),
('policy_purpose_categories', NULL, '提供方針の表'),
('policy_versions', NULL, '提供方針の表');

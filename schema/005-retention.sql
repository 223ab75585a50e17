-- 005-retention: retention periods as data (規程 第17条, 取扱規程 第9条, 第20–22条), the
-- deletion ledger that lets a restore re-apply deletions (取扱規程 第19条), and the
-- 個人情報取扱台帳 (取扱規程 第24条). `meibo purge` (purge.c) disposes of what is past its
-- period; `meibo ledger` (ledger.c) prints the 台帳 from these tables and the policy tables.

-- ---- retention periods ----------------------------------------------------------------------
-- One row per kind of record. A record is past retention the day after anchor + years + months
-- (retention_cutoff() in retention.c). The chief officer changes a period with
-- `meibo retention set`; min_years is the floor the law sets (it cannot be set below it).
CREATE TABLE retention_periods (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,                  -- what is kept, as the 台帳 names it
    anchor      TEXT NOT NULL,                  -- the day the period counts from (起算日)
    years       INTEGER NOT NULL CHECK (years BETWEEN 0 AND 100),
    months      INTEGER NOT NULL DEFAULT 0 CHECK (months BETWEEN 0 AND 11),
    min_years   INTEGER NOT NULL DEFAULT 0,
    disposal    TEXT NOT NULL CHECK (disposal = 'delete' OR disposal = 'anonymize'),
    article     TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    sort        INTEGER NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    CHECK (years >= min_years)
);

INSERT INTO retention_periods
    (code, name, anchor, years, months, min_years, disposal, article, note, sort, updated_at,
     updated_by) VALUES
('provision', '第三者提供の記録', '提供日', 3, 0, 3, 'delete',
 '個人情報保護法第29条第2項, 同法施行規則第21条',
 '提供記録（provisions）を行ごと削除する。記録が残る間は当該会員の記録も消去しない。',
 1, datetime('now', 'localtime'), 'system'),
('request_papers', '開示等の請求書類', '請求への対応の完了日', 1, 0, 0, 'delete',
 '規程 第17条, 取扱規程 第20条・第21条',
 '請求書類は回答が終了した後1年間保存し、その後廃棄する（紙の書類は取扱規程第21条により破砕）。',
 2, datetime('now', 'localtime'), 'system'),
('withdrawn_member', '退会・逝去した会員の個人データ', '退会日（逝去は退会日、なければ最終更新日）', 5, 0, 0,
 'delete', '規程 第17条, 取扱規程 第20条・第22条',
 '会員の記録、検索索引、同意・提供停止の記録を消去し、会員番号だけを削除台帳に残す。',
 3, datetime('now', 'localtime'), 'system'),
('inquiry_requester', '照会者の氏名・所属・連絡先', '照会の完結日（最後の判定の日）', 1, 0, 0,
 'anonymize', '取扱規程 第9条, 規程 第17条',
 '照会の記録は残し、照会者の氏名・所属・連絡先・確認方法と会員の特定に用いた記述を消去する。',
 4, datetime('now', 'localtime'), 'system');

-- ---- the deletion ledger --------------------------------------------------------------------
-- One row per member erased (by `meibo purge`, or a deletion request): the member number, the
-- internal row id and when, never a name or any other personal data. `meibo restore` re-applies
-- every row to the restored copy, so a backup older than a deletion cannot bring the member
-- back; the rows are also appended to deletion-ledger.tsv in the backup folder, outside the
-- database, for a restore after the database itself is lost. Append-only.
CREATE TABLE deletion_ledger (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL,               -- members.id the member had
    member_no   TEXT NOT NULL,                  -- 会員番号 the member had
    deleted_on  TEXT NOT NULL,                  -- YYYY-MM-DD
    deleted_at  TEXT NOT NULL,                  -- YYYY-MM-DD HH:MM:SS local time
    reason      TEXT NOT NULL,                  -- a retention_periods code, or 'request'
    UNIQUE (member_no, member_id)
);
CREATE TRIGGER deletion_ledger_no_update BEFORE UPDATE ON deletion_ledger
BEGIN SELECT RAISE(ABORT, 'deletion_ledger is append-only (取扱規程 第19条)'); END;
CREATE TRIGGER deletion_ledger_no_delete BEFORE DELETE ON deletion_ledger
BEGIN SELECT RAISE(ABORT, 'deletion_ledger is append-only (取扱規程 第19条)'); END;

-- Inquiries whose requester details were erased (取扱規程 第9条): the day it was done.
ALTER TABLE inquiries ADD COLUMN erased_on TEXT;

-- ---- 個人情報取扱台帳 (取扱規程 第24条) -------------------------------------------------------
-- Each kind of personal data meibo holds: 取得する項目, 利用目的, 保管場所, 保管方法, アクセス権限
-- を有する者, 利用期限. An item of 第20条第1項 (policy_item a–f) takes its purposes from the
-- newest policy version as well; in_db = 1 adds the database file and its backups to the
-- 保管場所 (their paths come from the running installation); access is the roles that may
-- read it in meibo, as the core enforces them; retention names a retention_periods row, else
-- retention_note says how long.
CREATE TABLE ledger_items (
    id              INTEGER PRIMARY KEY,
    sort            INTEGER NOT NULL,
    item            TEXT NOT NULL,
    policy_item     TEXT CHECK (policy_item IS NULL OR policy_item IN ('a', 'b', 'c', 'd', 'e', 'f')),
    purpose         TEXT NOT NULL DEFAULT '',
    location        TEXT NOT NULL,
    in_db           INTEGER NOT NULL DEFAULT 1 CHECK (in_db IN (0, 1)),
    method          TEXT NOT NULL,
    access          TEXT NOT NULL,                  -- roles, comma-separated
    retention       TEXT REFERENCES retention_periods(code),
    retention_note  TEXT NOT NULL DEFAULT '',
    article         TEXT NOT NULL
);

INSERT INTO ledger_items
    (sort, item, policy_item, purpose, location, in_db, method, access, retention, retention_note,
     article) VALUES
(1, '会員番号', 'a', '会員の管理、会員への連絡通知（取扱規程第2条）',
 '会員管理システム members 表', 1, '電子データ', 'clerk,manager,chief', 'withdrawn_member',
 '在籍中および退会後', '規程 第20条第1項(a), 取扱規程 第1条・第18条'),
(2, '循環器専門医番号', 'b', '専門医資格の管理',
 '会員管理システム members 表', 1, '電子データ', 'clerk,manager,chief', 'withdrawn_member',
 '在籍中および退会後', '規程 第20条第1項(b)'),
(3, '入会年月日', 'c', '会員資格の管理',
 '会員管理システム members 表', 1, '電子データ', 'clerk,manager,chief', 'withdrawn_member',
 '在籍中および退会後', '規程 第20条第1項(c)'),
(4, '所属施設名・所在地', 'd', '会員への連絡通知',
 '会員管理システム members 表・facilities 表', 1, '電子データ', 'clerk,manager,chief',
 'withdrawn_member', '在籍中および退会後', '規程 第20条第1項(d)'),
(5, '氏名・フリガナ・英字氏名・生年月日・郵便番号・自宅住所', 'e', '会員への連絡通知、本人確認',
 '会員管理システム members 表（検索索引 member_grams・member_trigrams を含む）', 1,
 '電子データ（生年月日・住所は画面で伏せ字、表示は記録）', 'clerk,manager,chief', 'withdrawn_member',
 '在籍中および退会後', '規程 第20条第1項(e)'),
(6, 'メールアドレス', 'f', '会員への連絡通知',
 '会員管理システム members 表', 1, '電子データ（画面で伏せ字、表示は記録）', 'clerk,manager,chief',
 'withdrawn_member', '在籍中および退会後', '規程 第20条第1項(f)'),
(7, '支部・会員名簿掲載の同意', NULL, '支部への最低限の提供（取扱規程第4条）、会員名簿の作成',
 '会員管理システム members 表・member_consents 表', 1, '電子データ', 'clerk,manager,chief',
 'withdrawn_member', '在籍中および退会後', '取扱規程 第2条・第4条'),
(8, '第三者提供停止の申出（受付日・文書番号）', NULL, '第三者への提供の停止',
 '会員管理システム member_optouts 表、申出書は事務局の施錠書庫', 1, '電子データおよび書面（施錠保管）',
 'clerk,manager,chief', 'withdrawn_member', '在籍中および退会後', '規程 第20条第5項, 取扱規程 第20条'),
(9, '照会者の氏名・所属・連絡先・確認方法', NULL, '第三者照会への回答と本人確認',
 '会員管理システム inquiries 表、照会書面は事務局の施錠書庫', 1, '電子データおよび書面（施錠保管）',
 'clerk,manager,chief', 'inquiry_requester', '照会の完結後', '規程 第20条, 取扱規程 第9条'),
(10, '第三者提供の記録（提供先・提供日・項目・根拠）', NULL, '提供の記録の作成・保存',
 '会員管理システム provisions 表', 1, '電子データ', 'clerk,manager,chief', 'provision',
 '提供の日から', '個人情報保護法 第29条'),
(11, '誓約書（提出者・署名者・有効期限）', NULL, '紙媒体・電子媒体での提供の条件',
 '会員管理システム pledges 表、誓約書原本は事務局の施錠書庫', 1, '電子データおよび書面（施錠保管）',
 'clerk,manager,chief', NULL, '有効期限の経過後も提供記録の保存期間中は保管', '取扱規程 第5条・第6条'),
(12, '開示等の請求書類（請求者・代理人・本人確認の方法）', NULL, '開示・訂正・利用停止等の請求への対応',
 '会員管理システム（開示等の請求の記録）、請求書類は事務局の施錠書庫', 1,
 '電子データおよび書面（施錠保管）', 'clerk,manager,chief', 'request_papers', '対応の完了後',
 '規程 第22条・第23条'),
(13, '従事者の利用者ID・氏名・権限', NULL, '個人データへのアクセスにおける識別と認証',
 '会員管理システム users 表', 1, '電子データ（パスワードはハッシュのみ）', 'manager,chief', NULL,
 '在職中（退職・休職・雇用期間の終了で無効、取扱規程第34条）', '取扱規程 第33条・第34条'),
(14, 'アクセスログ（利用者ID・日時・操作・会員番号・端末）', NULL, '個人データの取扱い状況の確認',
 '会員管理システム audit_log 表', 1, '電子データ（追記のみ、ハッシュ連鎖）', 'manager,chief', NULL,
 '消去しない（改ざん検知のため追記のみ）', '取扱規程 第23条・第35条'),
(15, '削除台帳（消去した会員の会員番号・消去日）', NULL, 'バックアップからの復元時に消去を再適用する',
 '会員管理システム deletion_ledger 表、バックアップ先の deletion-ledger.tsv', 1, '電子データ（追記のみ）',
 'chief', NULL, '消去しない（氏名等の個人データは含まない）', '取扱規程 第19条, 規程 第17条'),
(16, '印刷待ちの文書（照会回答書・誓約書の用紙等）', NULL, 'プリンタのない時の書面の作成',
 'outbox フォルダ（meibo.conf の outbox、既定はデータベースと同じフォルダ）', 0,
 '電子データ（PDF、meibo グループのみ読み書き）', 'clerk,manager,chief', 'inquiry_requester',
 '印刷・発送の後は従事者が削除する。残ったものは照会者の情報の消去とともに上書きして消去',
 '取扱規程 第20条・第22条');

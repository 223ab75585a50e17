-- 021-stats: statistics (統計情報) and anonymised data (匿名加工情報, 個人情報保護法 第43–45条).
-- Statistics are counted from one covering index, so a two-way table over 1,000,000 members
-- reads the index and never the wide rows: the columns each dimension needs (joining date,
-- status and its date, branch, specialist number, birth date, and the home address whose
-- first characters name the prefecture). SQLite 3.40 reads an index as covering only for
-- plain columns, not for expressions on them: hence the whole address.
CREATE INDEX members_stats ON members(joined_on, status, withdrawn_on, branch, specialist_no,
    birth_date, home_address);

-- Each provision of anonymised data (第43条第3項 publication; 第44条 the recipient told): who
-- received it, which items and how they were made, k and how many rows were left out. Not a
-- provision of any member's personal data: no member is named here nor in provisions.
CREATE TABLE anon_provisions (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    by_login      TEXT NOT NULL,
    recipient     TEXT NOT NULL,
    as_of         TEXT NOT NULL,
    items         TEXT NOT NULL,      -- the items of the anonymised data (第43条第3項)
    method        TEXT NOT NULL,      -- the transformations (第43条第1項)
    k             INTEGER NOT NULL CHECK (k >= 2),
    level         INTEGER NOT NULL,
    rows          INTEGER NOT NULL,
    suppressed    INTEGER NOT NULL
);

-- The ledger (取扱規程 第24条) lists what meibo makes from the registry that is not personal
-- data, with the items published for anonymised data (個人情報保護法 第43条第3項).
INSERT INTO ledger_items
    (sort, item, policy_item, purpose, location, in_db, method, access, retention, retention_note,
     article) VALUES
(90, '統計情報（会員数の集計表：支部・状態・専門医・入会年・年齢層・都道府県別）', NULL,
 '年次報告、官公庁・研究機関への提供（個人を特定できないよう加工した統計データ）',
 '作成の都度出力（保存しない）。作成は操作記録 stats.table', 0,
 '5未満の欄は「<5」、逆算を防ぐ補完秘匿は「X」', 'clerk,manager,chief', NULL,
 '保存しない', '個人情報保護規程 第20条, 個人情報の保護に関する法律 第2条'),
(91, '匿名加工情報（生年月・郵便番号上3桁・入会年・所属施設の都道府県・専門医の有無）', NULL,
 '研究機関等への提供。提供先には匿名加工情報であること、再識別の禁止を明示',
 '作成の都度出力（保存しない）。提供の記録は anon_provisions 表', 1,
 'k-匿名化（既定 k=5）。氏名・会員番号・住所・メールアドレス・自由記述は含めない', 'chief', NULL,
 '提供の記録は保存', '個人情報の保護に関する法律 第43条第1項・第3項, 第44条');

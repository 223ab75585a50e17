-- The tables the merged work of issues 12, 13 and 18 added, each mapped to the 個人情報取扱台帳
-- (取扱規程 第24条) so that the inspection (第25条) finds every table held listed; the register
-- of recipients holds people's names and contacts, so it is an entry of its own.
INSERT INTO ledger_items
    (sort, item, policy_item, purpose, location, in_db, method, access, retention, retention_note,
     article) VALUES
(20, '提供先の登録簿（団体・担当者・連絡先・本人確認の記録）', NULL,
 '第三者提供の相手方の確認と提供の記録（第20条第3項・第4項）',
 '会員管理システム recipients 表', 1, '電子データ', 'clerk,manager,chief', NULL,
 '提供の記録の保存期間', '個人情報保護規程 第20条第3項・第4項');

INSERT INTO ledger_tables (tbl, ledger_item, note) VALUES
('recipients', '提供先の登録簿（団体・担当者・連絡先・本人確認の記録）', ''),
('recipient_categories', NULL, '提供先の区分の表'),
('export_purpose_recipients', NULL, '出力の目的ごとの提供先区分の表'),
('permissions', NULL, '総責任者の事前の許可（個人情報保護規程 第16条）'),
('audit_list_members', 'アクセスログ（利用者ID・日時・操作・会員番号・端末）', '一覧に表示した会員の索引'),
('audit_anchors', NULL, 'アクセスログの鎖の錨'),
('audit_key', NULL, 'アクセスログの鍵の指紋'),
('audit_prune', NULL, 'アクセスログの保存期間による削除の記録'),
('login_failures', NULL, '失敗したログインの数（遅延の計算）'),
('anon_provisions', (SELECT item FROM ledger_items WHERE sort = 91), '匿名加工情報の作成・提供の記録');

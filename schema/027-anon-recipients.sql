-- 027-anon-recipients: anonymised data (匿名加工情報, 個人情報の保護に関する法律 第43–44条)
-- goes only to a recipient of the register (規程 第20条第3–4項: the gate of decide_recipient(),
-- the deny-list 第20条第4項(d) included), and each provision publishes, in the ledger, the
-- items and how they were provided (第43条第3項, 第44条). Not a provision of any member's
-- personal data: still no member is named here nor in provisions.
ALTER TABLE anon_provisions ADD COLUMN recipient_id INTEGER REFERENCES recipients(id);
-- how the data was provided (第44条 提供の方法), in words
ALTER TABLE anon_provisions ADD COLUMN medium TEXT NOT NULL DEFAULT '電子ファイル（CSV形式）';

-- 012-grounds: who may use which purpose of 第20条第1項, and provision under a statute or in an
-- emergency as grounds of their own (規程 第19条第1項第1号, 第2号).

-- The requester categories (第20条第3項) that may ask under each purpose of 第20条第1項. A
-- purpose's scope is part of its words: the "internal" ones are 本会が実施する事業で必要となる場合
-- (the society's own business: its members, officers, committee members and chair (d) acting
-- for it); the "external" ones name who asks: 他団体から求められる場合 (another body: (e)(f)(g)
-- (h)(i)), or 本会会員や他団体が送付する場合 (a member or another body sending greetings or
-- notices: (d)(e)(f)(h)(i)). A category not listed for a purpose is refused under it
-- (第20条第1項); the member's own request (a) is disclosure (第22条) and uses no purpose.
-- Each row cites the words it rests on. Versioned with the rest of the policy: an edit copies
-- these rows into the new version (policy.c).
CREATE TABLE policy_purpose_categories (
    version     INTEGER NOT NULL,
    purpose     TEXT NOT NULL,
    category    TEXT NOT NULL,
    article     TEXT NOT NULL,
    PRIMARY KEY (version, purpose, category),
    FOREIGN KEY (version, purpose) REFERENCES policy_purposes(version, code),
    FOREIGN KEY (version, category) REFERENCES policy_categories(version, code)
);

-- Seeded for every version already in the database (the rows are the same in each).
INSERT INTO policy_purpose_categories (version, purpose, category, article)
SELECT v.version, s.purpose, s.category, s.article
FROM policy_versions v CROSS JOIN (
    -- (a) 会員番号: 年次学術集会演題登録等の本会が実施する事業 — the society's own business
    SELECT 'abstract_registration' AS purpose, 'member' AS category,
           '第20条第1項(a) 本会が実施する事業; 第20条第3項(d)' AS article
    -- (a) 会員番号: 在籍確認等で他団体から求められる場合 — another body asks
    UNION ALL SELECT 'enrollment_check', 'academic', '第20条第1項(a) 他団体; 第20条第3項(e)'
    UNION ALL SELECT 'enrollment_check', 'government', '第20条第1項(a) 他団体; 第20条第3項(f)'
    UNION ALL SELECT 'enrollment_check', 'police', '第20条第1項(a) 他団体; 第20条第3項(g)'
    UNION ALL SELECT 'enrollment_check', 'agency', '第20条第1項(a) 他団体; 第20条第3項(h)'
    UNION ALL SELECT 'enrollment_check', 'patient_group', '第20条第1項(a) 他団体; 第20条第3項(i)'
    -- (b)(c): 循環器専門医資格に関する申請等の本会が実施する事業
    UNION ALL SELECT 'specialist_application', 'member',
           '第20条第1項(b)(c) 本会が実施する事業; 第20条第3項(d)'
    -- (b)(c): 他団体における資格更新等で他団体から求められる場合 — bodies that keep
    -- qualifications: academic societies, public offices, state agencies and the like
    UNION ALL SELECT 'qualification_renewal', 'academic', '第20条第1項(b)(c) 他団体; 第20条第3項(e)'
    UNION ALL SELECT 'qualification_renewal', 'government', '第20条第1項(b)(c) 他団体; 第20条第3項(f)'
    UNION ALL SELECT 'qualification_renewal', 'agency', '第20条第1項(b)(c) 他団体; 第20条第3項(h)'
    -- (d)(e)(f): 役員及び委員会の業務や会合情報周知等の本会が実施する事業
    UNION ALL SELECT 'society_business', 'member',
           '第20条第1項(d)(e)(f) 本会が実施する事業; 第20条第3項(d)'
    -- (d)(e)(f): 挨拶状や告知等を本会会員や他団体が送付(送信)する場合
    UNION ALL SELECT 'greetings_notices', 'member', '第20条第1項(d)(e)(f) 本会会員; 第20条第3項(d)'
    UNION ALL SELECT 'greetings_notices', 'academic', '第20条第1項(d)(e)(f) 他団体; 第20条第3項(e)'
    UNION ALL SELECT 'greetings_notices', 'government', '第20条第1項(d)(e)(f) 他団体; 第20条第3項(f)'
    UNION ALL SELECT 'greetings_notices', 'agency', '第20条第1項(d)(e)(f) 他団体; 第20条第3項(h)'
    UNION ALL SELECT 'greetings_notices', 'patient_group', '第20条第1項(d)(e)(f) 他団体; 第20条第3項(i)'
) s
WHERE EXISTS (SELECT 1 FROM policy_purposes p WHERE p.version = v.version AND p.code = s.purpose)
  AND EXISTS (SELECT 1 FROM policy_categories c WHERE c.version = v.version AND c.code = s.category);

-- A legal-basis inquiry (第19条第1項第1号) is answered on its written request (照会書): its
-- document number and date are recorded with the statute. An inquiry on a statute or an
-- emergency (第19条第1項第2号) has no 第20条第1項 purpose: purpose is '' for them.
ALTER TABLE inquiries ADD COLUMN legal_document TEXT NOT NULL DEFAULT '';

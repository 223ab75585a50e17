-- 007-scrub.sql: how far the search index was rewritten after members were erased
-- (取扱規程 第21–22条: erased data leaves no trace). An erasure commits first; the index
-- rewrite that drops the deleted entries from the FTS shadow tables comes after it. A purge
-- killed between the two, or a member erased by a request (purge_member_erase), leaves
-- deletion_ledger rows past this mark, and the next purge rewrites the index.
CREATE TABLE purge_state (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    scrubbed_ledger_id INTEGER NOT NULL       -- deletion_ledger.id up to which the index is clean
);
INSERT INTO purge_state (id, scrubbed_ledger_id) VALUES (1, 0);

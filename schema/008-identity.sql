-- 008-identity.sql: the database's identity, a random id made once, when the database is made
-- (or, for a database made before this migration, when it is first opened). Every backup
-- carries it (the encrypted header, authenticated with AES-GCM; a plain copy in this table),
-- so that rotation removes only this database's backups and a restore over this database
-- refuses another database's backup (取扱規程 第19条; backup.h).
CREATE TABLE db_identity (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    uuid TEXT NOT NULL CHECK (length(uuid) = 32 AND uuid NOT GLOB '*[^0-9a-f]*')
);
INSERT INTO db_identity (id, uuid) VALUES (1, lower(hex(randomblob(16))));

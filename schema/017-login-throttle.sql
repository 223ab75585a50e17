-- 017-login-throttle: failed logins slow the next try down instead of locking an account
-- (取扱規程 第33条: each person's own ID; 規程 第12条 安全管理措置). One row per key a failure is
-- counted under: 'login:<ID as typed>' (known and unknown IDs alike, so the answer never tells
-- which IDs exist), 'uid:<Unix user>' and 'ssh:<claimed SSH client>' (the source). The delay a
-- key asks for is auth_delay() in auth.c; the rows live in the protected database, so only
-- meibo changes them (a success clears its login's row, a new password too).
CREATE TABLE login_failures (
    key           TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL DEFAULT 0,    -- consecutive, forgotten after a quiet spell
    last_failure  INTEGER NOT NULL DEFAULT 0     -- Unix seconds
) WITHOUT ROWID;

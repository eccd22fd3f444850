-- Passwords for the dashboard's sign-in, disabled accounts, failed sign-ins (for throttling) and
-- the dashboard's sessions. A password is stored only as a PBKDF2 hash that names its algorithm,
-- iterations and salt; a session only as the SHA-256 of its id. Times in the new tables are epoch
-- milliseconds, so that expiry is a plain comparison in SQL on both databases.
ALTER TABLE accounts ADD COLUMN password_hash VARCHAR(200);
ALTER TABLE accounts ADD COLUMN disabled_at VARCHAR(40);

-- Keyed by the name as typed, not a reference to accounts: a name that does not exist is throttled
-- like one that does, so that the answers do not tell them apart.
CREATE TABLE sign_in_failures (
  name            VARCHAR(100) NOT NULL PRIMARY KEY,
  failures        INTEGER      NOT NULL,
  last_failure_ms BIGINT       NOT NULL
);

CREATE TABLE dashboard_sessions (
  id_hash      CHAR(64)     NOT NULL PRIMARY KEY,
  account      VARCHAR(100) NOT NULL REFERENCES accounts (name),
  token_id     VARCHAR(20)  REFERENCES api_tokens (token_id),
  created_ms   BIGINT       NOT NULL,
  last_seen_ms BIGINT       NOT NULL
);
CREATE INDEX dashboard_sessions_account ON dashboard_sessions (account);
CREATE INDEX dashboard_sessions_token ON dashboard_sessions (token_id);

-- Accounts and their API tokens. A token is stored only as its SHA-256; the token itself is shown
-- once, when it is issued.
CREATE TABLE accounts (
  name       VARCHAR(100) NOT NULL PRIMARY KEY,
  roles      TEXT         NOT NULL,
  created_at VARCHAR(40)  NOT NULL
);

CREATE TABLE api_tokens (
  token_id   VARCHAR(20)  NOT NULL PRIMARY KEY,
  token_hash CHAR(64)     NOT NULL UNIQUE,
  account    VARCHAR(100) NOT NULL REFERENCES accounts (name),
  created_at VARCHAR(40)  NOT NULL,
  expires_at VARCHAR(40)  NOT NULL,
  revoked_at VARCHAR(40)
);

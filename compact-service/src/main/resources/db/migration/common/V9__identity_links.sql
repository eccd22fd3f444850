-- Identities vouched for by an OpenID Connect provider, each linked explicitly to one Compact
-- account. A subject is unique only within its issuer, so the issuer is part of the key: a
-- different provider that happens to issue the same subject reaches no account.
CREATE TABLE identity_links (
  issuer     VARCHAR(500) NOT NULL,
  subject    VARCHAR(500) NOT NULL,
  account    VARCHAR(100) NOT NULL REFERENCES accounts (name),
  created_at VARCHAR(40)  NOT NULL,
  PRIMARY KEY (issuer, subject)
);

CREATE INDEX identity_links_account ON identity_links (account);

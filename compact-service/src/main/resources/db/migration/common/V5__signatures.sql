-- Parties' public keys and their signatures over agreement versions; both are events in the log.
CREATE TABLE party_keys (
  party         VARCHAR(10) NOT NULL PRIMARY KEY,
  public_key    TEXT        NOT NULL,
  registered_at VARCHAR(40) NOT NULL,
  store_seq     BIGINT      NOT NULL
);

CREATE TABLE signatures (
  store_seq    BIGINT       NOT NULL PRIMARY KEY,
  agreement_id VARCHAR(100) NOT NULL,
  version_hash CHAR(64)     NOT NULL,
  party        VARCHAR(10)  NOT NULL,
  signature    TEXT         NOT NULL,
  signed_at    VARCHAR(40)  NOT NULL,
  CONSTRAINT signatures_once UNIQUE (agreement_id, version_hash, party)
);

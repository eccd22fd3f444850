-- The transparency log over the events (docs/transparency.md). Leaf i is event seq i + 1: its salt
-- and classification are kept here, the rest of the leaf is read from the event. log_nodes holds
-- every perfect subtree hash once it is complete (level 0: the leaf hashes), so that roots and
-- proofs read O(log n) rows. Hashes are lowercase hex.
CREATE TABLE log_leaves (
  seq            BIGINT      NOT NULL PRIMARY KEY,
  salt           CHAR(32)    NOT NULL,
  classification VARCHAR(20) NOT NULL,
  leaf_hash      CHAR(64)    NOT NULL
);

CREATE TABLE log_nodes (
  level INT      NOT NULL,
  idx   BIGINT   NOT NULL,
  hash  CHAR(64) NOT NULL,
  PRIMARY KEY (level, idx)
);

-- Every checkpoint the log signed, kept for ever: a later rewrite cannot match them.
CREATE TABLE log_checkpoints (
  size      BIGINT      NOT NULL PRIMARY KEY,
  root      CHAR(64)    NOT NULL,
  note      TEXT        NOT NULL,
  issued_at VARCHAR(40) NOT NULL
);

-- Witnesses' cosignatures (C2SP tlog-cosignature) over those checkpoints, as signature lines.
CREATE TABLE log_cosignatures (
  size        BIGINT       NOT NULL,
  witness     VARCHAR(200) NOT NULL,
  party       VARCHAR(10)  NOT NULL,
  line        TEXT         NOT NULL,
  signed_at   BIGINT       NOT NULL,
  received_at VARCHAR(40)  NOT NULL,
  PRIMARY KEY (size, witness)
);

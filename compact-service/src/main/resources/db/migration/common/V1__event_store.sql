-- The append-only event log. seq is the global order, assigned under the chain_head lock, so it
-- has no gaps; each row's hash covers the previous row's hash and its own canonical bytes.
CREATE TABLE events (
  seq            BIGINT       NOT NULL PRIMARY KEY,
  stream_id      VARCHAR(200) NOT NULL,
  stream_version BIGINT       NOT NULL,
  event_type     VARCHAR(100) NOT NULL,
  payload        TEXT         NOT NULL,
  occurred_at    VARCHAR(40)  NOT NULL,
  recorded_at    VARCHAR(40)  NOT NULL,
  actor          VARCHAR(200) NOT NULL,
  prev_hash      CHAR(64)     NOT NULL,
  hash           CHAR(64)     NOT NULL,
  CONSTRAINT events_stream_version UNIQUE (stream_id, stream_version)
);

-- One row: the last sequence number and hash. Appends lock it, which serialises them across
-- connections and instances.
CREATE TABLE chain_head (
  id   INT      NOT NULL PRIMARY KEY,
  seq  BIGINT   NOT NULL,
  hash CHAR(64) NOT NULL
);
INSERT INTO chain_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- A retried request carries the same key and gets the events it recorded the first time.
CREATE TABLE idempotency_keys (
  idempotency_key VARCHAR(200) NOT NULL PRIMARY KEY,
  request_hash    CHAR(64)     NOT NULL,
  first_seq       BIGINT       NOT NULL,
  last_seq        BIGINT       NOT NULL
);

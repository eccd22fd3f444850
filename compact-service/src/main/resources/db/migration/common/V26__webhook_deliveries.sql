-- Webhook deliveries (docs/service.md, Notifications): one row per transition and subscription that
-- may hear of it, written in the transaction of the append that caused the transition, so that a
-- delivery is neither lost by a crash nor forgotten by a restart. id is the delivery id receivers
-- deduplicate by; seq the order of the record. A dispatcher claims a due row by moving next_at past
-- the present (a lease), with a conditional update, so that one instance among several sends it;
-- after the attempt, next_at is the time of the next try. Times are epoch milliseconds.
-- subscription is a SHA-256 of the subscription's party and URL (the URL, which may carry a token,
-- and the secret stay in the configuration).
CREATE TABLE webhook_deliveries (
  id           VARCHAR(36)  NOT NULL PRIMARY KEY,
  seq          BIGINT       NOT NULL,
  subscription CHAR(64)     NOT NULL,
  party        VARCHAR(10)  NOT NULL,
  body         TEXT         NOT NULL,
  state        VARCHAR(20)  NOT NULL,
  attempts     INT          NOT NULL,
  next_at      BIGINT       NOT NULL,
  last_error   VARCHAR(400),
  done_at      BIGINT
);
CREATE UNIQUE INDEX webhook_deliveries_seq ON webhook_deliveries (seq);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_at);

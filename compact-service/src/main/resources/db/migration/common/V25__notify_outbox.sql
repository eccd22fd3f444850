-- The notifications outbox (docs/service.md, Notifications): each norm transition, written in the
-- transaction of the append that caused it, so that a crash between the commit and the
-- notification loses nothing. Every instance reads it to stream every instance's writes.
-- seq orders all transitions and is assigned with the chain head locked (appends are serialised),
-- so rows commit in seq order and a reader that has seen seq n has seen every smaller one.
-- public_seq and restricted_seq number, without gaps, the transitions each clearance may see: a
-- reader's position counts only what it may read (secret readers, who see all, use seq).
CREATE TABLE notify_outbox (
  seq            BIGINT      NOT NULL PRIMARY KEY,
  public_seq     BIGINT,
  restricted_seq BIGINT,
  store_seq      BIGINT      NOT NULL,
  classification VARCHAR(20) NOT NULL,
  obligor        VARCHAR(10) NOT NULL,
  body           TEXT        NOT NULL
);
CREATE UNIQUE INDEX notify_outbox_public ON notify_outbox (public_seq);
CREATE UNIQUE INDEX notify_outbox_restricted ON notify_outbox (restricted_seq);

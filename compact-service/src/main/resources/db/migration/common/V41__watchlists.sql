-- Compliance watchlists: each account's own counterparties, the alerts raised on them and the
-- decisions taken. Private to the account, so kept out of the public log (whose leaves anyone may
-- count); decisions are only ever inserted, so who decided what and when is never overwritten.
CREATE TABLE watch_counterparties (
  account      VARCHAR(200) NOT NULL,
  id           VARCHAR(200) NOT NULL,
  name         VARCHAR(400) NOT NULL,
  kind         VARCHAR(20),
  dob          VARCHAR(20),
  country      VARCHAR(60),
  added_at     VARCHAR(40)  NOT NULL,
  PRIMARY KEY (account, id)
);

CREATE TABLE watch_alerts (
  alert_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
  account         VARCHAR(200) NOT NULL,
  counterparty_id VARCHAR(200) NOT NULL,
  source          VARCHAR(20)  NOT NULL,
  entity_id       VARCHAR(200) NOT NULL,
  entry_hash      CHAR(64)     NOT NULL,
  list_version    CHAR(64)     NOT NULL,
  entity_name     TEXT         NOT NULL,
  score           DOUBLE PRECISION NOT NULL,
  decision        VARCHAR(10)  NOT NULL,
  explanation     TEXT         NOT NULL,
  raised_at       VARCHAR(40)  NOT NULL,
  status          VARCHAR(20)  NOT NULL,
  CONSTRAINT watch_alerts_once UNIQUE (account, counterparty_id, source, entity_id, entry_hash)
);
CREATE INDEX watch_alerts_account ON watch_alerts (account, status);

CREATE TABLE watch_decisions (
  alert_id   VARCHAR(64)  NOT NULL,
  seq        INT          NOT NULL,
  decision   VARCHAR(20)  NOT NULL,
  reason     TEXT         NOT NULL,
  decided_by VARCHAR(200) NOT NULL,
  decided_at VARCHAR(40)  NOT NULL,
  PRIMARY KEY (alert_id, seq)
);

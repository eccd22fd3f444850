-- Read models: projections of the log, written in the same transaction as each append and
-- recreated from the log by `compact rebuild`. Times are ISO-8601 UTC text, as in the log.

-- Every norm instance and where it stands now.
CREATE TABLE norm_instances (
  instance_key VARCHAR(400) NOT NULL PRIMARY KEY,
  agreement_id VARCHAR(100) NOT NULL,
  clause_id    VARCHAR(100) NOT NULL,
  obligor      VARCHAR(10)  NOT NULL,
  context      VARCHAR(200) NOT NULL,
  kind         VARCHAR(20)  NOT NULL,
  action       TEXT         NOT NULL,
  state        VARCHAR(20)  NOT NULL,
  activated_at VARCHAR(40),
  due_at       VARCHAR(40),
  deadline     TEXT         NOT NULL,
  progress     TEXT,
  blocked_by   VARCHAR(200) NOT NULL,
  settled_at   VARCHAR(40),
  last_seq     BIGINT       NOT NULL
);
CREATE INDEX norm_instances_obligor ON norm_instances (obligor, state);
CREATE INDEX norm_instances_due ON norm_instances (due_at);

-- Each change of state with its cause, in order: the history a secretariat reads.
CREATE TABLE norm_transitions (
  store_seq    BIGINT       NOT NULL,
  position     INT          NOT NULL,
  instance_key VARCHAR(400) NOT NULL,
  at           VARCHAR(40)  NOT NULL,
  from_state   VARCHAR(20),
  to_state     VARCHAR(20)  NOT NULL,
  cause        TEXT         NOT NULL,
  PRIMARY KEY (store_seq, position)
);
CREATE INDEX norm_transitions_instance ON norm_transitions (instance_key);

CREATE TABLE incidents (
  incident_id   VARCHAR(100) NOT NULL PRIMARY KEY,
  kind          VARCHAR(40)  NOT NULL,
  place         VARCHAR(40)  NOT NULL,
  severity      INT          NOT NULL,
  reported_by   VARCHAR(10)  NOT NULL,
  reported_at   VARCHAR(40)  NOT NULL,
  status        VARCHAR(20)  NOT NULL,
  decided_by    VARCHAR(10),
  decided_at    VARCHAR(40),
  reason        TEXT,
  evidence      TEXT         NOT NULL,
  last_seq      BIGINT       NOT NULL
);

CREATE TABLE consultations (
  consultation_id VARCHAR(100) NOT NULL PRIMARY KEY,
  requested_by    VARCHAR(10)  NOT NULL,
  incident_id     VARCHAR(100),
  requested_at    VARCHAR(40)  NOT NULL,
  held_at         VARCHAR(40),
  attended        VARCHAR(400) NOT NULL,
  measures        TEXT         NOT NULL,
  last_seq        BIGINT       NOT NULL
);

-- Allocations and deliveries, one row per recorded event.
CREATE TABLE support (
  store_seq      BIGINT       NOT NULL PRIMARY KEY,
  kind           VARCHAR(20)  NOT NULL,
  guarantor      VARCHAR(10)  NOT NULL,
  category       VARCHAR(40)  NOT NULL,
  amount         VARCHAR(40),
  currency       VARCHAR(3),
  rate           VARCHAR(40),
  items          TEXT         NOT NULL,
  counts_against VARCHAR(300),
  occurred_at    VARCHAR(40)  NOT NULL
);
CREATE INDEX support_guarantor ON support (guarantor, kind);

-- Read-model times as numbers: microseconds since 1970-01-01T00:00Z (UTC), in BIGINT on both
-- databases (SQLite has no timestamp type; PostgreSQL's would hold the same microseconds). ISO text
-- sorted wrongly within one second ("...00Z" after "...00.5Z"). The columns are renamed (`_at` to
-- `_us`) so that code still writing text fails loudly instead of storing it.
--
-- Read models are projections of the log: these tables are recreated empty, and the service
-- rebuilds them from the log at its next start (as `compact rebuild` does). Times finer than a
-- microsecond are kept in the log; a read model holds them to the microsecond, and rows whose times
-- are equal to the microsecond keep the order in which they were recorded.

DROP TABLE norm_instances;
DROP TABLE norm_transitions;
DROP TABLE incidents;
DROP TABLE consultations;
DROP TABLE support;
DROP TABLE agreement_versions;
DROP TABLE party_keys;
DROP TABLE signatures;

-- Every norm instance and where it stands now.
CREATE TABLE norm_instances (
  instance_key   VARCHAR(400) NOT NULL PRIMARY KEY,
  agreement_id   VARCHAR(100) NOT NULL,
  clause_id      VARCHAR(100) NOT NULL,
  obligor        VARCHAR(10)  NOT NULL,
  context        VARCHAR(200) NOT NULL,
  kind           VARCHAR(20)  NOT NULL,
  action         TEXT         NOT NULL,
  state          VARCHAR(20)  NOT NULL,
  activated_us   BIGINT,
  due_us         BIGINT,
  deadline       TEXT         NOT NULL,
  progress       TEXT,
  blocked_by     VARCHAR(200) NOT NULL,
  settled_us     BIGINT,
  last_seq       BIGINT       NOT NULL,
  classification VARCHAR(20)  NOT NULL DEFAULT 'public'
);
CREATE INDEX norm_instances_obligor ON norm_instances (obligor, state);
CREATE INDEX norm_instances_due ON norm_instances (due_us, instance_key);
CREATE INDEX norm_instances_classification ON norm_instances (classification);

-- Each change of state with its cause, in order: the history a secretariat reads.
CREATE TABLE norm_transitions (
  store_seq    BIGINT       NOT NULL,
  position     INT          NOT NULL,
  instance_key VARCHAR(400) NOT NULL,
  at_us        BIGINT       NOT NULL,
  from_state   VARCHAR(20),
  to_state     VARCHAR(20)  NOT NULL,
  cause        TEXT         NOT NULL,
  PRIMARY KEY (store_seq, position)
);
CREATE INDEX norm_transitions_instance ON norm_transitions (instance_key);

-- report_seq: the log position of the report, which orders incidents reported in the same microsecond.
CREATE TABLE incidents (
  incident_id    VARCHAR(100) NOT NULL PRIMARY KEY,
  kind           VARCHAR(40)  NOT NULL,
  place          VARCHAR(40)  NOT NULL,
  severity       INT          NOT NULL,
  reported_by    VARCHAR(10)  NOT NULL,
  reported_us    BIGINT       NOT NULL,
  report_seq     BIGINT       NOT NULL,
  status         VARCHAR(20)  NOT NULL,
  decided_by     VARCHAR(10),
  decided_us     BIGINT,
  reason         TEXT,
  evidence       TEXT         NOT NULL,
  last_seq       BIGINT       NOT NULL,
  classification VARCHAR(20)  NOT NULL DEFAULT 'public'
);
CREATE INDEX incidents_reported ON incidents (reported_us, report_seq);
CREATE INDEX incidents_classification ON incidents (classification);

CREATE TABLE consultations (
  consultation_id VARCHAR(100) NOT NULL PRIMARY KEY,
  requested_by    VARCHAR(10)  NOT NULL,
  incident_id     VARCHAR(100),
  requested_us    BIGINT       NOT NULL,
  request_seq     BIGINT       NOT NULL,
  held_us         BIGINT,
  attended        VARCHAR(400) NOT NULL,
  measures        TEXT         NOT NULL,
  last_seq        BIGINT       NOT NULL,
  classification  VARCHAR(20)  NOT NULL DEFAULT 'public'
);
CREATE INDEX consultations_requested ON consultations (requested_us, request_seq);
CREATE INDEX consultations_classification ON consultations (classification);

-- Allocations and deliveries, one row per recorded event. Amounts are exact decimal text.
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
  occurred_us    BIGINT       NOT NULL,
  classification VARCHAR(20)  NOT NULL DEFAULT 'public'
);
CREATE INDEX support_guarantor ON support (guarantor, kind);
CREATE INDEX support_occurred ON support (occurred_us, store_seq);
CREATE INDEX support_classification ON support (classification);

-- Agreement versions registered in the record: their text is in the log; this table lists them.
CREATE TABLE agreement_versions (
  version_hash  CHAR(64)     NOT NULL PRIMARY KEY,
  agreement_id  VARCHAR(100) NOT NULL,
  title         TEXT         NOT NULL,
  norms         INT          NOT NULL,
  registered_us BIGINT       NOT NULL,
  registered_by VARCHAR(200) NOT NULL,
  store_seq     BIGINT       NOT NULL
);
CREATE INDEX agreement_versions_agreement ON agreement_versions (agreement_id, store_seq);

-- Parties' public keys and their signatures over agreement versions; both are events in the log.
CREATE TABLE party_keys (
  party         VARCHAR(10) NOT NULL PRIMARY KEY,
  public_key    TEXT        NOT NULL,
  registered_us BIGINT      NOT NULL,
  store_seq     BIGINT      NOT NULL
);

CREATE TABLE signatures (
  store_seq    BIGINT       NOT NULL PRIMARY KEY,
  agreement_id VARCHAR(100) NOT NULL,
  version_hash CHAR(64)     NOT NULL,
  party        VARCHAR(10)  NOT NULL,
  signature    TEXT         NOT NULL,
  signed_us    BIGINT       NOT NULL,
  CONSTRAINT signatures_once UNIQUE (agreement_id, version_hash, party)
);

-- Agreement versions registered in the record: their text is in the log; this table lists them.
CREATE TABLE agreement_versions (
  version_hash  CHAR(64)     NOT NULL PRIMARY KEY,
  agreement_id  VARCHAR(100) NOT NULL,
  title         TEXT         NOT NULL,
  norms         INT          NOT NULL,
  registered_at VARCHAR(40)  NOT NULL,
  registered_by VARCHAR(200) NOT NULL,
  store_seq     BIGINT       NOT NULL
);
CREATE INDEX agreement_versions_agreement ON agreement_versions (agreement_id, store_seq);

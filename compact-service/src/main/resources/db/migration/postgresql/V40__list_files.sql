-- The files of recorded sanctions list versions, content-addressed: kept under the SHA-256 of their
-- bytes (gzip-compressed here, the hash is over the plain bytes), named by the list-version event
-- that records them. The log holds each version's hashes, not its 18,000 entries, so it stays small
-- and verifiable; these rows are checked against those hashes whenever they are read.
CREATE TABLE list_files (
  sha256 CHAR(64) NOT NULL PRIMARY KEY,
  size   BIGINT   NOT NULL,
  gz     BYTEA    NOT NULL
);

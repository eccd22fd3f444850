-- The dashboard's sessions move to Spring Session JDBC: its two tables, in the shape its
-- JdbcIndexedSessionRepository reads and writes. SESSION_ID holds the SHA-256 (64 hex digits) of
-- the secret in the browser's cookie, never the secret. Times are epoch milliseconds of the
-- machine's clock (Spring Session's own idle timeout); the service-clock times that end a session
-- are attributes. Attributes go with their session (foreign keys are on for every connection).
DROP TABLE dashboard_sessions;

CREATE TABLE spring_session (
  primary_id            CHAR(36)     NOT NULL PRIMARY KEY,
  session_id            VARCHAR(64)  NOT NULL,
  creation_time         BIGINT       NOT NULL,
  last_access_time      BIGINT       NOT NULL,
  max_inactive_interval INTEGER      NOT NULL,
  expiry_time           BIGINT       NOT NULL,
  principal_name        VARCHAR(100)
);
CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
  session_primary_id CHAR(36)     NOT NULL REFERENCES spring_session (primary_id) ON DELETE CASCADE,
  attribute_name     VARCHAR(200) NOT NULL,
  attribute_bytes    BLOB         NOT NULL,
  PRIMARY KEY (session_primary_id, attribute_name)
);

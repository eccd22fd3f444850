-- The transparency log's salts and hashes as bytes, not hex text (docs/transparency.md): half the
-- bytes in every event's row and node row, and no hex encoding on the append path. The values are
-- the same; existing ones are converted in place. The guards are dropped first (SQLite will not
-- drop a column a trigger names, and they refuse the conversion) and made again as they were.
DROP TRIGGER events_no_update;

ALTER TABLE events RENAME COLUMN leaf_salt TO leaf_salt_hex;
ALTER TABLE events RENAME COLUMN leaf_hash TO leaf_hash_hex;
ALTER TABLE events ADD COLUMN leaf_salt BLOB;
ALTER TABLE events ADD COLUMN leaf_hash BLOB;
UPDATE events SET leaf_salt = unhex(leaf_salt_hex), leaf_hash = unhex(leaf_hash_hex) WHERE leaf_salt_hex IS NOT NULL;
ALTER TABLE events DROP COLUMN leaf_salt_hex;
ALTER TABLE events DROP COLUMN leaf_hash_hex;

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
WHEN OLD.leaf_salt IS NOT NULL OR OLD.leaf_classification IS NOT NULL OR OLD.leaf_hash IS NOT NULL
  OR NEW.leaf_salt IS NULL OR NEW.leaf_classification IS NULL OR NEW.leaf_hash IS NULL
  OR NEW.seq IS NOT OLD.seq OR NEW.stream_id IS NOT OLD.stream_id OR NEW.stream_version IS NOT OLD.stream_version
  OR NEW.event_type IS NOT OLD.event_type OR NEW.payload IS NOT OLD.payload OR NEW.occurred_at IS NOT OLD.occurred_at
  OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.actor IS NOT OLD.actor OR NEW.prev_hash IS NOT OLD.prev_hash
  OR NEW.hash IS NOT OLD.hash
  OR (NEW.seq > 1 AND (SELECT leaf_hash FROM events WHERE seq = NEW.seq - 1) IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'events are append-only: only the missing leaf of an event recorded before the log may be added, in order');
END;

CREATE TABLE log_nodes_bytes (
  level INT    NOT NULL,
  idx   BIGINT NOT NULL,
  hash  BLOB   NOT NULL,
  PRIMARY KEY (level, idx)
);
INSERT INTO log_nodes_bytes (level, idx, hash) SELECT level, idx, unhex(hash) FROM log_nodes;
-- Dropping the table drops its guards with it.
DROP TABLE log_nodes;
ALTER TABLE log_nodes_bytes RENAME TO log_nodes;

CREATE TRIGGER log_nodes_no_replace BEFORE INSERT ON log_nodes
WHEN EXISTS (SELECT 1 FROM log_nodes WHERE level = NEW.level AND idx = NEW.idx)
BEGIN
  SELECT RAISE(ABORT, 'log nodes are append-only');
END;
CREATE TRIGGER log_nodes_no_update BEFORE UPDATE ON log_nodes BEGIN SELECT RAISE(ABORT, 'log nodes are append-only'); END;
CREATE TRIGGER log_nodes_no_delete BEFORE DELETE ON log_nodes BEGIN SELECT RAISE(ABORT, 'log nodes are append-only'); END;

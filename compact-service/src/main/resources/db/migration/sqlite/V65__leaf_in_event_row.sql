-- Each event's leaf in the transparency log (docs/transparency.md) moves into the event's own row:
-- a separate leaf row, with its own index and insert trigger, cost about a third of a batched
-- append, three columns on the row almost nothing. Events recorded before the log existed have no
-- leaf yet (all three columns NULL) until the service adds it.
DROP TRIGGER events_no_update;

ALTER TABLE events ADD COLUMN leaf_salt CHAR(32);
ALTER TABLE events ADD COLUMN leaf_classification VARCHAR(20);
ALTER TABLE events ADD COLUMN leaf_hash CHAR(64);

UPDATE events SET leaf_salt = l.salt, leaf_classification = l.classification, leaf_hash = l.leaf_hash
FROM log_leaves AS l WHERE l.seq = events.seq;

-- Dropping the table drops its guards with it.
DROP TABLE log_leaves;

-- An event is never changed, except once: the leaf of an event recorded before the log existed is
-- added, in order (the event before it has its leaf), and nothing else of the row changes.
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

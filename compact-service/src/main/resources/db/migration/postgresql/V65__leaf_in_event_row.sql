-- Each event's leaf in the transparency log (docs/transparency.md) moves into the event's own row:
-- a separate leaf row, with its own index and insert trigger, cost about a third of a batched
-- append, three columns on the row almost nothing. Events recorded before the log existed have no
-- leaf yet (all three columns NULL) until the service adds it.
DROP TRIGGER events_no_update ON events;

ALTER TABLE events ADD COLUMN leaf_salt CHAR(32), ADD COLUMN leaf_classification VARCHAR(20), ADD COLUMN leaf_hash CHAR(64);

UPDATE events e SET leaf_salt = l.salt, leaf_classification = l.classification, leaf_hash = l.leaf_hash
FROM log_leaves l WHERE l.seq = e.seq;

-- Dropping the table drops its guards with it.
DROP TABLE log_leaves;
DROP FUNCTION log_leaves_only_next();

-- An event is never changed nor deleted, except once: the leaf of an event recorded before the log
-- existed is added, in order (the event before it has its leaf), and nothing else of the row changes.
CREATE FUNCTION events_only_missing_leaf() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'events are append-only';
  END IF;
  IF OLD.leaf_salt IS NOT NULL OR OLD.leaf_classification IS NOT NULL OR OLD.leaf_hash IS NOT NULL
     OR NEW.leaf_salt IS NULL OR NEW.leaf_classification IS NULL OR NEW.leaf_hash IS NULL
     OR (NEW.seq, NEW.stream_id, NEW.stream_version, NEW.event_type, NEW.payload, NEW.occurred_at, NEW.recorded_at, NEW.actor,
         NEW.prev_hash, NEW.hash)
        IS DISTINCT FROM (OLD.seq, OLD.stream_id, OLD.stream_version, OLD.event_type, OLD.payload, OLD.occurred_at, OLD.recorded_at,
         OLD.actor, OLD.prev_hash, OLD.hash)
     OR (NEW.seq > 1 AND (SELECT leaf_hash FROM events WHERE seq = NEW.seq - 1) IS NULL) THEN
    RAISE EXCEPTION 'events are append-only: only the missing leaf of an event recorded before the log may be added, in order';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_only_missing_leaf();

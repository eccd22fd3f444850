-- What the database itself refuses (docs/transparency.md, "What the database refuses"). Whatever
-- gets past these (the owner of the tables can drop them) is found by `compact verify --checkpoint`.

-- Row triggers do not see TRUNCATE: a statement trigger refuses it on every table of the record.
CREATE FUNCTION log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION log_refuse();
CREATE TRIGGER chain_head_no_truncate BEFORE TRUNCATE ON chain_head FOR EACH STATEMENT EXECUTE FUNCTION log_refuse();

-- Only the next event of the chain may be inserted (an insert elsewhere, or a second row with a taken
-- key, is refused before any ON CONFLICT could turn it into an update).
CREATE FUNCTION events_only_next() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.seq <> (SELECT COALESCE(MAX(seq), 0) + 1 FROM events)
     OR NEW.prev_hash <> COALESCE((SELECT hash FROM events WHERE seq = NEW.seq - 1), repeat('0', 64)) THEN
    RAISE EXCEPTION 'events are append-only: only the next event of the chain may be inserted';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER events_only_next BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_only_next();

-- The head moves only forward, and only to the last event as it is; it is never deleted or added.
CREATE FUNCTION chain_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' OR NEW.id <> OLD.id OR NEW.seq < OLD.seq OR NEW.seq <> (SELECT COALESCE(MAX(seq), 0) FROM events)
     OR NEW.hash <> COALESCE((SELECT hash FROM events WHERE seq = NEW.seq), repeat('0', 64)) THEN
    RAISE EXCEPTION 'the chain head only moves forward, to the last event';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER chain_head_forward BEFORE INSERT OR UPDATE OR DELETE ON chain_head FOR EACH ROW EXECUTE FUNCTION chain_head_forward();

CREATE FUNCTION log_leaves_only_next() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.seq <> (SELECT COALESCE(MAX(seq), 0) + 1 FROM log_leaves) THEN
    RAISE EXCEPTION 'log leaves are append-only';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER log_leaves_only_next BEFORE INSERT ON log_leaves FOR EACH ROW EXECUTE FUNCTION log_leaves_only_next();

CREATE TRIGGER log_leaves_no_change BEFORE UPDATE OR DELETE ON log_leaves FOR EACH ROW EXECUTE FUNCTION log_refuse();
CREATE TRIGGER log_nodes_no_change BEFORE UPDATE OR DELETE ON log_nodes FOR EACH ROW EXECUTE FUNCTION log_refuse();
CREATE TRIGGER log_checkpoints_no_change BEFORE UPDATE OR DELETE ON log_checkpoints FOR EACH ROW EXECUTE FUNCTION log_refuse();
CREATE TRIGGER log_cosignatures_no_change BEFORE UPDATE OR DELETE ON log_cosignatures FOR EACH ROW EXECUTE FUNCTION log_refuse();
CREATE TRIGGER log_leaves_no_truncate BEFORE TRUNCATE ON log_leaves FOR EACH STATEMENT EXECUTE FUNCTION log_refuse();
CREATE TRIGGER log_nodes_no_truncate BEFORE TRUNCATE ON log_nodes FOR EACH STATEMENT EXECUTE FUNCTION log_refuse();
CREATE TRIGGER log_checkpoints_no_truncate BEFORE TRUNCATE ON log_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION log_refuse();
CREATE TRIGGER log_cosignatures_no_truncate BEFORE TRUNCATE ON log_cosignatures FOR EACH STATEMENT EXECUTE FUNCTION log_refuse();

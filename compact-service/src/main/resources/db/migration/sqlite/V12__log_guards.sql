-- What the database itself refuses (docs/transparency.md, "What the database refuses"). Whatever
-- gets past these (a writer who drops them) is found by `compact verify --checkpoint`.

-- INSERT OR REPLACE deletes the row it replaces without firing the delete trigger: refuse any insert
-- whose key exists, and any event that is not the next one of the chain.
CREATE TRIGGER events_only_next BEFORE INSERT ON events
WHEN NEW.seq <> (SELECT COALESCE(MAX(seq), 0) + 1 FROM events)
  OR NEW.prev_hash <> COALESCE((SELECT hash FROM events WHERE seq = NEW.seq - 1), '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN
  SELECT RAISE(ABORT, 'events are append-only: only the next event of the chain may be inserted');
END;

-- The head moves only forward, and only to the last event as it is.
CREATE TRIGGER chain_head_forward BEFORE UPDATE ON chain_head
WHEN NEW.id <> OLD.id OR NEW.seq < OLD.seq OR NEW.seq <> (SELECT COALESCE(MAX(seq), 0) FROM events)
  OR NEW.hash <> COALESCE((SELECT hash FROM events WHERE seq = NEW.seq), '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN
  SELECT RAISE(ABORT, 'the chain head only moves forward, to the last event');
END;

CREATE TRIGGER chain_head_no_delete BEFORE DELETE ON chain_head
BEGIN
  SELECT RAISE(ABORT, 'the chain head is never deleted');
END;

CREATE TRIGGER chain_head_no_insert BEFORE INSERT ON chain_head
BEGIN
  SELECT RAISE(ABORT, 'there is one chain head');
END;

CREATE TRIGGER log_leaves_only_next BEFORE INSERT ON log_leaves
WHEN NEW.seq <> (SELECT COALESCE(MAX(seq), 0) + 1 FROM log_leaves)
BEGIN
  SELECT RAISE(ABORT, 'log leaves are append-only');
END;
CREATE TRIGGER log_leaves_no_update BEFORE UPDATE ON log_leaves BEGIN SELECT RAISE(ABORT, 'log leaves are append-only'); END;
CREATE TRIGGER log_leaves_no_delete BEFORE DELETE ON log_leaves BEGIN SELECT RAISE(ABORT, 'log leaves are append-only'); END;

CREATE TRIGGER log_nodes_no_replace BEFORE INSERT ON log_nodes
WHEN EXISTS (SELECT 1 FROM log_nodes WHERE level = NEW.level AND idx = NEW.idx)
BEGIN
  SELECT RAISE(ABORT, 'log nodes are append-only');
END;
CREATE TRIGGER log_nodes_no_update BEFORE UPDATE ON log_nodes BEGIN SELECT RAISE(ABORT, 'log nodes are append-only'); END;
CREATE TRIGGER log_nodes_no_delete BEFORE DELETE ON log_nodes BEGIN SELECT RAISE(ABORT, 'log nodes are append-only'); END;

CREATE TRIGGER log_checkpoints_no_replace BEFORE INSERT ON log_checkpoints
WHEN EXISTS (SELECT 1 FROM log_checkpoints WHERE size = NEW.size)
BEGIN
  SELECT RAISE(ABORT, 'checkpoints are kept as issued');
END;
CREATE TRIGGER log_checkpoints_no_update BEFORE UPDATE ON log_checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints are kept as issued'); END;
CREATE TRIGGER log_checkpoints_no_delete BEFORE DELETE ON log_checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints are kept as issued'); END;

CREATE TRIGGER log_cosignatures_no_replace BEFORE INSERT ON log_cosignatures
WHEN EXISTS (SELECT 1 FROM log_cosignatures WHERE size = NEW.size AND witness = NEW.witness)
BEGIN
  SELECT RAISE(ABORT, 'cosignatures are kept as given');
END;
CREATE TRIGGER log_cosignatures_no_update BEFORE UPDATE ON log_cosignatures BEGIN SELECT RAISE(ABORT, 'cosignatures are kept as given'); END;
CREATE TRIGGER log_cosignatures_no_delete BEFORE DELETE ON log_cosignatures BEGIN SELECT RAISE(ABORT, 'cosignatures are kept as given'); END;

-- The transparency log's salts and hashes as bytes, not hex text (docs/transparency.md): half the
-- bytes in every event's row and node row, and no hex encoding on the append path. The values are
-- the same; existing ones are converted in place (a table rewrite fires no row trigger, and the
-- guards compare the columns whatever their type, so they stay as they are).
ALTER TABLE events
  ALTER COLUMN leaf_salt TYPE BYTEA USING decode(leaf_salt, 'hex'),
  ALTER COLUMN leaf_hash TYPE BYTEA USING decode(leaf_hash, 'hex');

ALTER TABLE log_nodes ALTER COLUMN hash TYPE BYTEA USING decode(hash, 'hex');

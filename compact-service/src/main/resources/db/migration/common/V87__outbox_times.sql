-- When each outbox entry was written (wall-clock epoch milliseconds), so that entries older than the
-- retention can be pruned (docs/service.md, Notifications). Entries written before this column have
-- none; they are older than every entry that has one and are pruned with the first that expires.
ALTER TABLE notify_outbox ADD COLUMN created_millis BIGINT;

-- Issue #14: a support entry's scope (lethal or non-lethal), which allocations and deliveries have
-- carried in the log since the delivery command gained it, in the support read model too, so that
-- `GET /api/support` and the dashboard's ledger show it. Null when the record does not say.
--
-- Rows written before this column existed hold no scope, but their events in the log do. Read
-- models are projections of the log: emptying norm_instances makes the service rebuild every read
-- model from the log at its next start (as after V30, and as `compact rebuild` does), so that those
-- rows gain their scope too. A rebuild sends no notification again.

ALTER TABLE support ADD COLUMN scope VARCHAR(20);

DELETE FROM norm_instances;

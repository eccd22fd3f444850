-- Who sent a failed webhook delivery again, and when (docs/service.md, Notifications): one row per
-- re-send, with the error the delivery had failed with. at_millis is wall-clock epoch milliseconds.
CREATE TABLE webhook_resends (
  delivery_id VARCHAR(36)  NOT NULL,
  account     VARCHAR(200) NOT NULL,
  at_millis   BIGINT       NOT NULL,
  last_error  VARCHAR(400)
);
CREATE INDEX webhook_resends_delivery ON webhook_resends (delivery_id);

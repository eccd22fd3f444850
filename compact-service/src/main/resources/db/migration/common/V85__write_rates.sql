-- Each account's write rate (docs/service.md, Accounts): a token bucket per account, shared by every
-- instance over this database. tokens is what the bucket held at at_micros (wall-clock epoch
-- microseconds); one upsert refills it to the present, takes a token if there is one, and says in
-- admitted (1 or 0) whether it did.
CREATE TABLE write_rates (
  account   VARCHAR(200)     NOT NULL PRIMARY KEY,
  tokens    DOUBLE PRECISION NOT NULL,
  at_micros BIGINT           NOT NULL,
  admitted  INT              NOT NULL
);

-- A decision on a watchlist alert answers a retry with the same Idempotency-Key by the first
-- attempt's decision instead of recording a second one (docs/service.md, Idempotent writes).
-- request_key is the key scoped to its account (a SHA-256 digest, as the record keeps it);
-- request_hash says what the first request asked, so that a key reused for another is refused.
-- Decisions taken before this column have neither; NULLs never collide in the unique index.
ALTER TABLE watch_decisions ADD COLUMN request_key VARCHAR(80);
ALTER TABLE watch_decisions ADD COLUMN request_hash VARCHAR(64);
CREATE UNIQUE INDEX watch_decisions_request_key ON watch_decisions (request_key);

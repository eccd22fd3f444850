-- The watchlists' generation: raised in the transaction of every registration that adds or changes
-- counterparties. Each instance keeps an index of the counterparties in memory (to find those a
-- changed designation could match) and rebuilds it when the generation moved without it, for
-- instance because another instance registered counterparties.
CREATE TABLE watch_generation (
  id  INT    NOT NULL PRIMARY KEY,
  gen BIGINT NOT NULL
);
INSERT INTO watch_generation (id, gen) VALUES (1, 0);

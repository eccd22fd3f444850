-- Audit round 4, B4: a consultation's read model kept only its latest measures-decided event (and
-- its latest meeting's attendance), so under a national decision rule, where each desk records its
-- own party's measures, the view showed one desk's decision and hid the others. The read model now
-- holds every decision, in the order recorded, as a JSON array, and everyone who attended any
-- meeting, held since the first.
--
-- Rows written before hold one decision and one meeting's attendance; the log holds them all.
-- Emptying norm_instances makes the service rebuild every read model from the log at its next start
-- (as after V30 and V100, and as `compact rebuild` does). A rebuild sends no notification again.

DELETE FROM norm_instances;

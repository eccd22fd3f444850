-- Who may see an incident, a consultation or a support entry: public, restricted or secret, as
-- recorded with it. A consultation on an incident is at least as classified as the incident.
ALTER TABLE incidents ADD COLUMN classification VARCHAR(20) NOT NULL DEFAULT 'public';
ALTER TABLE consultations ADD COLUMN classification VARCHAR(20) NOT NULL DEFAULT 'public';
ALTER TABLE support ADD COLUMN classification VARCHAR(20) NOT NULL DEFAULT 'public';
CREATE INDEX incidents_classification ON incidents (classification);
CREATE INDEX consultations_classification ON consultations (classification);
CREATE INDEX support_classification ON support (classification);

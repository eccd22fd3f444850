-- Who may see a norm instance: that of the clause it comes from (public, restricted, secret).
ALTER TABLE norm_instances ADD COLUMN classification VARCHAR(20) NOT NULL DEFAULT 'public';
CREATE INDEX norm_instances_classification ON norm_instances (classification);

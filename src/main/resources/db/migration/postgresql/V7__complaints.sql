-- Complaints (ARF feedback reports) are recorded with the bounces: kind may now be 'complaint'
-- (source 'arf').

ALTER TABLE bounces DROP CONSTRAINT bounces_kind_check;
ALTER TABLE bounces ADD CONSTRAINT bounces_kind_check CHECK (kind IN ('hard', 'soft', 'complaint'));

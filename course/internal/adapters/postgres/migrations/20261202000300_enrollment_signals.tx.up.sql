-- Every signal to an enrollment's workflow that follows a change (a drop
-- request, a completed lesson, a promotion from the waitlist, a teacher's
-- decision) is a row of enrollment_starts written in the change's
-- transaction, like the start. One enrollment may have several rows at
-- once, so a row has an id of its own; the relay hands on the oldest row of
-- each enrollment first, so a workflow gets its start before its signals
-- and its signals in the order of their changes. payload is the signal's
-- argument (a drop's reason, a lesson's id), NULL for none.
ALTER TABLE enrollment_starts DROP CONSTRAINT enrollment_starts_pkey;
ALTER TABLE enrollment_starts ADD COLUMN id bigserial PRIMARY KEY;
ALTER TABLE enrollment_starts ADD COLUMN payload jsonb;
CREATE INDEX enrollment_starts_enrollment ON enrollment_starts (enrollment_id, id);

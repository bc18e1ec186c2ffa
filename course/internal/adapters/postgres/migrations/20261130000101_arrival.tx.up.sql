-- Arrival order of enrollment requests. Each request takes the next number
-- of its course's arrival_tail in the transaction that records it (the
-- increment locks the course row until commit, so numbers follow commit
-- order per course); seats and waitlist places are handed out in that order.
ALTER TABLE courses ADD COLUMN arrival_tail bigint NOT NULL DEFAULT 0;
ALTER TABLE enrollments ADD COLUMN arrival bigint NOT NULL DEFAULT 0;

-- Requests recorded before this migration arrive in the order they were
-- requested.
UPDATE enrollments e SET arrival = n.arrival
FROM (SELECT id, row_number() OVER (PARTITION BY course_id ORDER BY requested_at, id) AS arrival FROM enrollments) n
WHERE n.id = e.id;
UPDATE courses c SET arrival_tail = coalesce((SELECT max(arrival) FROM enrollments e WHERE e.course_id = c.id), 0);

CREATE INDEX enrollments_undecided ON enrollments (course_id, arrival) WHERE status = 'requested';

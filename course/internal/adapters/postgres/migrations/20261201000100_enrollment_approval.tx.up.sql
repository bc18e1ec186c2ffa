-- Enrollment by approval. A course says how it admits students
-- (enrollment_policy) and, under approval, when a pending request reminds
-- the staff, escalates to the administrators and expires (seconds after it
-- became pending).
ALTER TABLE courses
    ADD COLUMN enrollment_policy      text    NOT NULL DEFAULT 'open' CHECK (enrollment_policy IN ('open', 'approval')),
    ADD COLUMN approval_remind_after   bigint  NOT NULL DEFAULT 172800,
    ADD COLUMN approval_escalate_after bigint  NOT NULL DEFAULT 432000,
    ADD COLUMN approval_expire_after   bigint  NOT NULL DEFAULT 1209600,
    ADD CONSTRAINT courses_approval_order CHECK (0 < approval_remind_after
        AND approval_remind_after < approval_escalate_after AND approval_escalate_after < approval_expire_after);

-- A request waiting for approval is open (the student has her place in
-- line) but undecided: pending_approval. Its deadlines, when each passed,
-- and who decided it.
ALTER TABLE enrollments DROP CONSTRAINT enrollments_status_check;
ALTER TABLE enrollments ADD CONSTRAINT enrollments_status_check
    CHECK (status IN ('requested', 'pending_approval', 'waitlisted', 'active', 'completed', 'dropped', 'rejected'));
DROP INDEX enrollments_open;
CREATE UNIQUE INDEX enrollments_open ON enrollments (course_id, student_id)
    WHERE status IN ('requested', 'pending_approval', 'waitlisted', 'active', 'completed');
CREATE INDEX enrollments_pending_approval ON enrollments (course_id, requested_at) WHERE status = 'pending_approval';
ALTER TABLE enrollments
    ADD COLUMN pending_at          timestamptz,
    ADD COLUMN approval_remind_at   timestamptz,
    ADD COLUMN approval_escalate_at timestamptz,
    ADD COLUMN approval_expire_at   timestamptz,
    ADD COLUMN reminded_at          timestamptz,
    ADD COLUMN escalated_at         timestamptz,
    ADD COLUMN approved_at          timestamptz,
    ADD COLUMN decided_by           text NOT NULL DEFAULT '';

-- A row of enrollment_starts may also carry a signal to the running
-- workflow (a teacher's decision), written in the decision's transaction
-- and sent by the same relay: '' is a start.
ALTER TABLE enrollment_starts ADD COLUMN signal text NOT NULL DEFAULT '';

-- Submitted attempts waiting for their grade, from assessment's "attempt
-- submitted" and "attempt graded" events: an attempt still ungraded
-- COURSE_GRADING_OVERDUE after its submission (essays waiting for a
-- teacher) notifies the course's graders once. A sweep claims the overdue
-- rows (claim_until is its lease) and sets notified_at once every grader
-- was notified; the notifications' own key (event id + person + channel)
-- keeps a sweep repeated after a crash from notifying twice.
CREATE TABLE grading_waits (
    attempt_id   text PRIMARY KEY,
    test_id      text NOT NULL,
    course_id    text NOT NULL,
    student_id   text NOT NULL,
    submitted_at timestamptz,
    graded_at    timestamptz,
    notified_at  timestamptz,
    claim_until  timestamptz NOT NULL DEFAULT '-infinity'
);
CREATE INDEX grading_waits_overdue ON grading_waits (submitted_at)
    WHERE graded_at IS NULL AND notified_at IS NULL;

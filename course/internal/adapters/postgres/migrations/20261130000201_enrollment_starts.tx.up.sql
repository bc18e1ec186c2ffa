-- The start of an enrollment request's workflow, written in the transaction
-- that stores the request and removed by the start relay once the workflow
-- engine has it: a crash between the commit and the start delays the start,
-- never loses it. A failed start waits until next_attempt_at (backoff).
CREATE TABLE enrollment_starts (
    enrollment_id   text        PRIMARY KEY REFERENCES enrollments (id) ON DELETE CASCADE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text        NOT NULL DEFAULT ''
);
CREATE INDEX enrollment_starts_due ON enrollment_starts (next_attempt_at);

-- Requests stored before this table were started after their commit; one
-- whose start a crash lost is started now (starting a workflow that runs
-- already attaches to it).
INSERT INTO enrollment_starts (enrollment_id) SELECT id FROM enrollments WHERE status = 'requested';

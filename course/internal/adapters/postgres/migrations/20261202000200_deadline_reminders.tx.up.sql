-- Reminders a day before a test closes, for the enrolled students who have
-- not started it. The course service learns the tests' windows, the
-- students' own closes and who started from assessment's events; the timer
-- is a workflow per close (workflows/deadline).

-- Each test's current close, kept by the latest "test published" event
-- (changed_at); a withdrawn test (unpublished, deleted) reminds nobody.
CREATE TABLE deadline_tests (
    test_id    text PRIMARY KEY,
    course_id  text NOT NULL,
    title      text NOT NULL DEFAULT '',
    closes_at  timestamptz,
    withdrawn  boolean NOT NULL DEFAULT false,
    changed_at timestamptz NOT NULL
);

-- A student's own close at a test (an accommodation); it counts where it is
-- later than the test's. Null once taken back.
CREATE TABLE deadline_student_closes (
    test_id    text NOT NULL,
    student_id text NOT NULL,
    course_id  text NOT NULL,
    closes_at  timestamptz,
    changed_at timestamptz NOT NULL,
    PRIMARY KEY (test_id, student_id)
);

-- Who has started each test (from "attempt started").
CREATE TABLE deadline_starts (
    test_id    text NOT NULL,
    student_id text NOT NULL,
    started_at timestamptz NOT NULL,
    PRIMARY KEY (test_id, student_id)
);

-- The signals to the reminders' workflows, written with the change that
-- causes them and relayed afterwards (claimed for a lease, deleted once
-- Temporal has them). Each carries its event's time (version), so the
-- workflow ignores an older one: the relay needs no order.
CREATE TABLE deadline_signals (
    id              bigserial PRIMARY KEY,
    test_id         text NOT NULL,
    course_id       text NOT NULL,
    student_id      text NOT NULL DEFAULT '',
    closes_at       timestamptz,
    version         timestamptz NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text NOT NULL DEFAULT ''
);
CREATE INDEX deadline_signals_due ON deadline_signals (next_attempt_at);

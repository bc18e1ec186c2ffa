-- Courses, their lessons, enrollments with lesson progress, and the gradebook
-- read model. Ids are UUIDv7 strings made by the service; user and test ids
-- come from iam and assessment and are kept as text.
CREATE TABLE courses (
    id             text PRIMARY KEY,
    code           text NOT NULL UNIQUE,
    title          text NOT NULL,
    description    text NOT NULL DEFAULT '',
    owner_id       text NOT NULL,
    co_teachers    text[] NOT NULL DEFAULT '{}',
    status         text NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
    capacity       integer CHECK (capacity IS NULL OR capacity > 0),
    -- enrolled counts the seats held (active enrollments); it changes only
    -- through conditional updates, so it never exceeds capacity.
    enrolled       integer NOT NULL DEFAULT 0 CHECK (enrolled >= 0),
    -- waitlist_tail numbers arrivals on the waitlist, one counter per course.
    waitlist_tail  bigint NOT NULL DEFAULT 0,
    opens_at       timestamptz,
    closes_at      timestamptz,
    prerequisites  text[] NOT NULL DEFAULT '{}',
    required_tests text[] NOT NULL DEFAULT '{}',
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    published_at   timestamptz,
    archived_at    timestamptz
);
CREATE INDEX courses_catalogue ON courses (code) WHERE status = 'published';
CREATE INDEX courses_owner ON courses (owner_id);
CREATE INDEX courses_co_teachers ON courses USING gin (co_teachers);

CREATE TABLE lessons (
    id           text PRIMARY KEY,
    course_id    text NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    title        text NOT NULL,
    body         text NOT NULL DEFAULT '',
    minutes      integer NOT NULL DEFAULT 0,
    position     integer NOT NULL CHECK (position > 0),
    published    boolean NOT NULL DEFAULT false,
    published_at timestamptz,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    -- Deferred, so a reorder may swap positions within one transaction.
    CONSTRAINT lessons_position_unique UNIQUE (course_id, position) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE enrollments (
    id             text PRIMARY KEY,
    course_id      text NOT NULL REFERENCES courses (id),
    student_id     text NOT NULL,
    status         text NOT NULL CHECK (status IN ('requested', 'waitlisted', 'active', 'completed', 'dropped', 'rejected')),
    waitlist_seq   bigint NOT NULL DEFAULT 0,
    reason         text NOT NULL DEFAULT '',
    final_grade    double precision,
    certificate_id text NOT NULL DEFAULT '',
    -- The waitlisted enrollment this one's seat went to when it was dropped,
    -- so a repeated drop answers the same promotion.
    seat_passed_to text NOT NULL DEFAULT '',
    requested_at   timestamptz NOT NULL,
    waitlisted_at  timestamptz,
    activated_at   timestamptz,
    completed_at   timestamptz,
    dropped_at     timestamptz,
    rejected_at    timestamptz
);
-- One open enrollment per student and course; dropped and rejected ones stay
-- as history and do not block a new request.
CREATE UNIQUE INDEX enrollments_open ON enrollments (course_id, student_id)
    WHERE status IN ('requested', 'waitlisted', 'active', 'completed');
CREATE INDEX enrollments_waitlist ON enrollments (course_id, waitlist_seq) WHERE status = 'waitlisted';
CREATE INDEX enrollments_student ON enrollments (student_id, requested_at);
CREATE INDEX enrollments_course ON enrollments (course_id, status);

CREATE TABLE lesson_progress (
    enrollment_id text NOT NULL REFERENCES enrollments (id) ON DELETE CASCADE,
    lesson_id     text NOT NULL,
    completed_at  timestamptz NOT NULL,
    PRIMARY KEY (enrollment_id, lesson_id)
);

-- The gradebook's source: every graded attempt reported by assessment (a
-- regrade replaces the attempt's row); best and latest scores per student and
-- test are computed from it.
CREATE TABLE graded_attempts (
    attempt_id text PRIMARY KEY,
    course_id  text NOT NULL,
    student_id text NOT NULL,
    test_id    text NOT NULL,
    score      double precision NOT NULL,
    maximum    double precision NOT NULL,
    passed     boolean NOT NULL,
    graded_at  timestamptz NOT NULL
);
CREATE INDEX graded_attempts_course ON graded_attempts (course_id, student_id, test_id);
CREATE INDEX graded_attempts_student ON graded_attempts (student_id);

-- The weighted gradebook: per course its categories, items (tests and
-- manual items), letter scheme, manual grades, excused items, overrides
-- with their history, and each student's final grade with a version that
-- counts its changes (each change announced once through the outbox).
-- gradebooks holds one row per course with a gradebook; every change of a
-- course's gradebook locks it first, so changes of one course are applied
-- one at a time and each final grade is recomputed from a settled state.
CREATE TABLE gradebooks (
    course_id  text PRIMARY KEY REFERENCES courses (id) ON DELETE CASCADE,
    -- letters is the scheme's bands from the highest: [{"letter","min","max"}].
    letters    jsonb NOT NULL DEFAULT '[]',
    updated_by text NOT NULL DEFAULT '',
    updated_at timestamptz
);

CREATE TABLE gradebook_categories (
    course_id   text NOT NULL REFERENCES gradebooks (course_id) ON DELETE CASCADE,
    id          text NOT NULL,
    name        text NOT NULL,
    weight      double precision NOT NULL CHECK (weight > 0 AND weight <= 100),
    drop_lowest integer NOT NULL DEFAULT 0 CHECK (drop_lowest >= 0),
    position    integer NOT NULL,
    PRIMARY KEY (course_id, id)
);

CREATE TABLE gradebook_items (
    course_id   text NOT NULL REFERENCES gradebooks (course_id) ON DELETE CASCADE,
    id          text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('test', 'manual')),
    title       text NOT NULL DEFAULT '',
    max_points  double precision NOT NULL CHECK (max_points > 0),
    category_id text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (course_id, id)
);

-- One mark per student and item: a manual grade (points), an excused item
-- (excused), an override of the item's points (override). Who and when of
-- each is kept here and every change in gradebook_audit.
CREATE TABLE gradebook_marks (
    course_id   text NOT NULL REFERENCES gradebooks (course_id) ON DELETE CASCADE,
    student_id  text NOT NULL,
    item_id     text NOT NULL,
    points      double precision,
    graded_by   text NOT NULL DEFAULT '',
    graded_at   timestamptz,
    excused     boolean NOT NULL DEFAULT false,
    override    double precision,
    PRIMARY KEY (course_id, student_id, item_id)
);

CREATE TABLE gradebook_finals (
    course_id      text NOT NULL REFERENCES gradebooks (course_id) ON DELETE CASCADE,
    student_id     text NOT NULL,
    enrollment_id  text NOT NULL,
    grade          double precision,
    letter         text NOT NULL DEFAULT '',
    -- override is the teacher's final grade, which wins over the computed one.
    override       double precision,
    version        bigint NOT NULL DEFAULT 0,
    changed_at     timestamptz,
    PRIMARY KEY (course_id, student_id)
);

-- Every override, excused item and manual grade as it happened: who, when,
-- why, from what to what. Never updated.
CREATE TABLE gradebook_audit (
    id         bigserial PRIMARY KEY,
    course_id  text NOT NULL REFERENCES gradebooks (course_id) ON DELETE CASCADE,
    student_id text NOT NULL,
    item_id    text NOT NULL DEFAULT '',
    action     text NOT NULL,
    previous   double precision,
    value      double precision,
    reason     text NOT NULL DEFAULT '',
    actor_id   text NOT NULL,
    at         timestamptz NOT NULL
);
CREATE INDEX gradebook_audit_course ON gradebook_audit (course_id, id);

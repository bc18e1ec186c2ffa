-- Tests assessment withdrew (unpublished or deleted) and has not published
-- again: a course's requirement on one can never be met, so progress leaves
-- it out. Kept from assessment's test events, each applied once.
CREATE TABLE withdrawn_tests (
    test_id      text PRIMARY KEY,
    course_id    text NOT NULL,
    withdrawn_at timestamptz NOT NULL
);
CREATE INDEX withdrawn_tests_course ON withdrawn_tests (course_id);

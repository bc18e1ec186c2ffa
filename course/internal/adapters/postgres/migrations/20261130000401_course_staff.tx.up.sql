-- A course's staff besides its owner: co-teachers, teaching assistants and
-- observers, one role per person and course. The co-teachers kept in
-- courses.co_teachers move here. staff_version counts a course's staff
-- changes; each change's event carries it and the whole staff, so the
-- other services keep the latest staff whatever the delivery order.
CREATE TABLE course_staff (
    course_id text NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    user_id   text NOT NULL,
    role      text NOT NULL CHECK (role IN ('co_teacher', 'teaching_assistant', 'observer')),
    added_by  text NOT NULL,
    added_at  timestamptz NOT NULL,
    PRIMARY KEY (course_id, user_id)
);
CREATE INDEX course_staff_user ON course_staff (user_id);

ALTER TABLE courses ADD COLUMN staff_version bigint NOT NULL DEFAULT 0;

INSERT INTO course_staff (course_id, user_id, role, added_by, added_at)
SELECT c.id, t.user_id, 'co_teacher', c.owner_id, c.created_at
FROM courses c, unnest(c.co_teachers) AS t (user_id)
WHERE t.user_id <> c.owner_id
ON CONFLICT DO NOTHING;
UPDATE courses SET staff_version = cardinality(co_teachers) WHERE cardinality(co_teachers) > 0;

ALTER TABLE courses DROP COLUMN co_teachers;

-- A graded attempt's results reach its student only once released (the test's
-- results policy: at grading, after the close, or by a teacher). Rows
-- recorded before this column existed were shown at once, and stay shown.
ALTER TABLE graded_attempts ADD COLUMN released_at timestamptz;
UPDATE graded_attempts SET released_at = graded_at;

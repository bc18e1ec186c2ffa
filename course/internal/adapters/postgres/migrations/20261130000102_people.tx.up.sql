-- The people course shows by name: display name and email of every user,
-- kept from iam's events (lms.iam.v1, "user registered"). A user whose
-- event has not arrived yet has no row and shows with an empty name.
CREATE TABLE people (
    user_id      text PRIMARY KEY,
    display_name text NOT NULL,
    email        text NOT NULL,
    -- When iam recorded what the row holds; an older event arriving late
    -- does not overwrite a newer one.
    changed_at   timestamptz NOT NULL
);

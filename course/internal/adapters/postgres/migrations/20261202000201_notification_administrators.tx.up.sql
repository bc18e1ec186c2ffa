-- Who the administrators are, for the notifications that go to them (an
-- enrollment request escalated): kept from iam's "user registered" and
-- "user roles changed" events by the notifications' consumer; the latest
-- report (changed_at) wins.
CREATE TABLE notification_administrators (
    user_id    text PRIMARY KEY,
    admin      boolean NOT NULL,
    changed_at timestamptz NOT NULL
);
CREATE INDEX notification_administrators_admin ON notification_administrators (user_id) WHERE admin;

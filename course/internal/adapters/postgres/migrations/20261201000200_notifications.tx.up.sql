-- Notifications: what the domain events tell people. Each delivery is keyed
-- by event id + person + channel, unique here, so an event delivered twice or
-- handled again after a restart never notifies twice. The in_app channel is
-- notifications, the email channel notification_mails.
CREATE TABLE notifications (
    -- UUIDv7: time-ordered, so the inbox pages by id, newest first.
    id           text PRIMARY KEY,
    recipient_id text NOT NULL,
    event_id     text NOT NULL,
    channel      text NOT NULL DEFAULT 'in_app' CHECK (channel = 'in_app'),
    kind         text NOT NULL,
    course_id    text NOT NULL DEFAULT '',
    subject      text NOT NULL,
    body         text NOT NULL,
    created_at   timestamptz NOT NULL,
    read_at      timestamptz,
    CONSTRAINT notifications_delivery UNIQUE (event_id, recipient_id, channel)
);
CREATE INDEX notifications_inbox ON notifications (recipient_id, id DESC);
CREATE INDEX notifications_unread ON notifications (recipient_id) WHERE read_at IS NULL;

-- Mails wait here, written in the transaction that records the event, until
-- the relay hands them to the SMTP server (an outbox of mail). sent_at is set
-- once the server accepted the mail; failed_at when it refused it for good.
CREATE TABLE notification_mails (
    event_id        text NOT NULL,
    recipient_id    text NOT NULL,
    channel         text NOT NULL DEFAULT 'email' CHECK (channel = 'email'),
    kind            text NOT NULL,
    to_address      text NOT NULL,
    subject         text NOT NULL,
    body            text NOT NULL,
    message_id      text NOT NULL,
    created_at      timestamptz NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text NOT NULL DEFAULT '',
    sent_at         timestamptz,
    failed_at       timestamptz,
    PRIMARY KEY (event_id, recipient_id, channel)
);
CREATE INDEX notification_mails_due ON notification_mails (next_attempt_at)
    WHERE sent_at IS NULL AND failed_at IS NULL;

-- A person's choices per kind; a kind without a row reaches her both ways.
CREATE TABLE notification_preferences (
    user_id    text NOT NULL,
    kind       text NOT NULL,
    in_app     boolean NOT NULL,
    email      boolean NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, kind)
);

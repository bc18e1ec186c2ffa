-- The optional daily digest: a person who turns it on gets one mail a day
-- (UTC) with the day's notifications instead of one mail per event. Her
-- mails wait in notification_digest_items (keyed like notification_mails
-- by event and person) until a sweep, after the day ended, writes the day's
-- one mail into notification_mails (event id "digest:<day>", so one per
-- person and day however often the sweep runs) and marks them digested, in
-- one transaction.
CREATE TABLE notification_digests (
    user_id    text PRIMARY KEY,
    enabled    boolean NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE notification_digest_items (
    event_id     text NOT NULL,
    recipient_id text NOT NULL,
    kind         text NOT NULL,
    to_address   text NOT NULL,
    subject      text NOT NULL,
    body         text NOT NULL,
    created_at   timestamptz NOT NULL,
    -- The day (UTC, by the database's clock) whose digest the mail joins.
    digest_day   date NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')::date,
    digested_at  timestamptz,
    PRIMARY KEY (event_id, recipient_id)
);
CREATE INDEX notification_digest_items_due ON notification_digest_items (digest_day, recipient_id)
    WHERE digested_at IS NULL;

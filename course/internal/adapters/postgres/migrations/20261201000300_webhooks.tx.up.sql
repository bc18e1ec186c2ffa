-- Webhooks: endpoints an administrator registers and the deliveries of
-- domain events to them. A pending delivery is the truth of what its
-- endpoint has not acknowledged: a restart loses nothing.
CREATE TABLE webhook_endpoints (
    id          text PRIMARY KEY,
    url         text NOT NULL,
    event_types text[] NOT NULL,
    description text NOT NULL DEFAULT '',
    secret      text NOT NULL,
    enabled     boolean NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- id grows with every delivery queued: the order of one subject's
-- deliveries to one endpoint. A subject's next delivery waits until the
-- pending one with the smaller id is delivered or given up.
CREATE TABLE webhook_deliveries (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    endpoint_id     text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id        text NOT NULL,
    event_type      text NOT NULL,
    ordering_key    text NOT NULL,
    payload         bytea NOT NULL,
    replay_id       text NOT NULL DEFAULT '',
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    last_error      text NOT NULL DEFAULT '',
    last_code       integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    give_up_at      timestamptz NOT NULL,
    lease_until     timestamptz,
    delivered_at    timestamptz,
    -- One live delivery per event and endpoint however often the event is
    -- read; a replay adds its own.
    CONSTRAINT webhook_deliveries_once UNIQUE (endpoint_id, event_id, replay_id)
);
CREATE INDEX webhook_deliveries_heads ON webhook_deliveries (endpoint_id, ordering_key, id) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (endpoint_id, id DESC);

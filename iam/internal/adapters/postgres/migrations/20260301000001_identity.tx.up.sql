-- Users, sessions, login throttling and signing keys of the iam service. Tables
-- are created in the schema the connection's search_path names (iam).

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         text NOT NULL,
    display_name  text NOT NULL,
    roles         text[] NOT NULL,
    status        text NOT NULL CHECK (status IN ('active', 'disabled')),
    password_hash text NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
-- One account per address whatever its case; text_pattern_ops also serves
-- the email-prefix filter of ListUsers.
CREATE UNIQUE INDEX users_email_key ON users (lower(email) text_pattern_ops);
CREATE INDEX users_roles_idx ON users USING gin (roles);

-- A session is one login's family of refresh tokens.
CREATE TABLE sessions (
    id                 uuid PRIMARY KEY,
    user_id            uuid NOT NULL REFERENCES users (id),
    current_token_hash bytea NOT NULL,
    token_expires_at   timestamptz NOT NULL,
    created_at         timestamptz NOT NULL,
    expires_at         timestamptz NOT NULL,
    revoked_at         timestamptz,
    revoke_reason      text
);
CREATE INDEX sessions_live_by_user_idx ON sessions (user_id) WHERE revoked_at IS NULL;

-- Every refresh token ever issued (SHA-256 only), so a spent one still leads
-- to its session and its reuse revokes it.
CREATE TABLE refresh_tokens (
    hash       bytea PRIMARY KEY,
    session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    issued_at  timestamptz NOT NULL
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

CREATE TABLE login_throttle (
    key               text PRIMARY KEY,
    failures          integer NOT NULL,
    window_started_at timestamptz,
    locked_until      timestamptz
);

-- Private keys are sealed with AES-256-GCM under IAM_KEY_ENCRYPTION_KEY.
CREATE TABLE signing_keys (
    id                 text PRIMARY KEY,
    public_key         bytea NOT NULL,
    sealed_private_key bytea NOT NULL,
    created_at         timestamptz NOT NULL,
    retired_at         timestamptz
);
-- Exactly one key signs at a time.
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys ((true)) WHERE retired_at IS NULL;

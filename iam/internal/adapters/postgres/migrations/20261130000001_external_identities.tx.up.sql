-- Sign-in through OpenID Connect providers: identities linked to users (keyed
-- by issuer and subject), sign-ins under way and one-time codes.

CREATE TABLE external_identities (
    id             uuid PRIMARY KEY,
    user_id        uuid NOT NULL REFERENCES users (id),
    provider       text NOT NULL,
    issuer         text NOT NULL,
    subject        text NOT NULL,
    email          text NOT NULL,
    linked_at      timestamptz NOT NULL,
    last_signin_at timestamptz NOT NULL,
    UNIQUE (issuer, subject)
);
CREATE INDEX external_identities_user_idx ON external_identities (user_id);

-- A sign-in under way: the state is stored hashed (it travels in URLs), the
-- nonce and PKCE verifier never leave the server but in the token request.
CREATE TABLE oidc_flows (
    state_hash bytea PRIMARY KEY,
    provider   text NOT NULL,
    nonce      text NOT NULL,
    verifier   text NOT NULL,
    return_to  text NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX oidc_flows_expires_idx ON oidc_flows (expires_at);

-- One-time codes of finished sign-ins, hashed.
CREATE TABLE signin_grants (
    code_hash  bytea PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id),
    expires_at timestamptz NOT NULL
);
CREATE INDEX signin_grants_expires_idx ON signin_grants (expires_at);

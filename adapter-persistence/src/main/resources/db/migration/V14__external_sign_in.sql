-- Sign-in through OpenID Connect providers: pending authorization requests (state hashed; taken once) and the
-- link from a provider's subject to an account.
CREATE TABLE sign_in_challenges (
    state_hash    text        PRIMARY KEY,
    provider      text        NOT NULL,
    nonce         text        NOT NULL,
    code_verifier text        NOT NULL,
    binding_hash  text        NOT NULL,
    next          text,
    expires_at    timestamptz NOT NULL
);

CREATE INDEX sign_in_challenges_expiry ON sign_in_challenges (expires_at);

CREATE TABLE external_identities (
    issuer    text        NOT NULL,
    subject   text        NOT NULL,
    user_id   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    linked_at timestamptz NOT NULL,
    PRIMARY KEY (issuer, subject)
);

CREATE INDEX external_identities_user ON external_identities (user_id);

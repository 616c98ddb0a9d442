-- Payment providers' events, each applied once (the key is the claim), and the subscriptions they describe.
CREATE TABLE payment_events (
    provider    text        NOT NULL,
    event_id    text        NOT NULL,
    type        text        NOT NULL,
    outcome     text,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (provider, event_id)
);

CREATE TABLE subscriptions (
    provider           text        NOT NULL,
    id                 text        NOT NULL,
    user_id            uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    plan               text        NOT NULL,
    status             text        NOT NULL,
    customer_id        text,
    current_period_end timestamptz,
    last_event_at      timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    PRIMARY KEY (provider, id)
);

CREATE INDEX subscriptions_user ON subscriptions (user_id, updated_at DESC);

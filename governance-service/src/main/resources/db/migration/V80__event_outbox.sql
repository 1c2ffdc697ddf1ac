-- Events for other systems (docs/events.md). The outbox gets one row per published audit event, written in the
-- transaction that appends it; fan-out to subscriptions happens at delivery time, never in the writer's transaction.
CREATE TABLE event_outbox (
    sequence     BIGINT       PRIMARY KEY,  -- the audit event's sequence: the CloudEvent's id
    type         VARCHAR(200) NOT NULL,
    model        VARCHAR(100),
    version      INTEGER,
    ordering_key VARCHAR(400) NOT NULL,     -- the model's name, or the subject for events about no model
    occurred_at  TIMESTAMPTZ  NOT NULL
);

CREATE TABLE event_subscriptions (
    id                      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url                     VARCHAR(2000) NOT NULL,
    description             VARCHAR(1000),
    types                   TEXT[]        NOT NULL,
    models                  TEXT[]        NOT NULL,
    active                  BOOLEAN       NOT NULL,
    secret                  VARCHAR(200)  NOT NULL,
    previous_secret         VARCHAR(200),
    previous_secret_until   TIMESTAMPTZ,
    -- The newest outbox sequence this subscription was matched against: fan-out goes on after it.
    fanned_out_to           BIGINT        NOT NULL,
    created_at              TIMESTAMPTZ   NOT NULL,
    created_by              VARCHAR(200)  NOT NULL,
    updated_at              TIMESTAMPTZ   NOT NULL
);

CREATE TABLE event_deliveries (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id  BIGINT       NOT NULL REFERENCES event_subscriptions (id) ON DELETE CASCADE,
    sequence         BIGINT       NOT NULL,
    type             VARCHAR(200) NOT NULL,
    model            VARCHAR(100),
    version          INTEGER,
    ordering_key     VARCHAR(400) NOT NULL,
    status           VARCHAR(20)  NOT NULL CHECK (status IN ('PENDING', 'RETRYING', 'DELIVERED', 'DEAD')),
    attempts         INTEGER      NOT NULL DEFAULT 0,
    queued_at        TIMESTAMPTZ  NOT NULL,  -- fanned out, or replayed: the retry schedule's maximum age counts from here
    next_attempt_at  TIMESTAMPTZ,
    last_attempt_at  TIMESTAMPTZ,
    last_status_code INTEGER,
    last_error       VARCHAR(1000),
    delivered_at     TIMESTAMPTZ,
    -- A replica that took the delivery holds it until leased_until (longer than a request may take); claim names it.
    leased_until     TIMESTAMPTZ,
    claim            UUID,
    UNIQUE (subscription_id, sequence)
);
-- The head of each (subscription, model) queue: the oldest delivery still PENDING or RETRYING.
CREATE INDEX event_deliveries_queue ON event_deliveries (subscription_id, ordering_key, sequence)
    WHERE status IN ('PENDING', 'RETRYING');
CREATE INDEX event_deliveries_listing ON event_deliveries (subscription_id, status, sequence DESC);

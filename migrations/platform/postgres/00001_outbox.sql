-- +goose Up
-- One row per event and subscriber: the relay enqueues it, the subscriber's
-- handler marks it done, so a job lost with Redis is enqueued again.
CREATE TABLE platform_outbox (
    id          TEXT NOT NULL PRIMARY KEY,
    event_id    TEXT NOT NULL,
    topic       TEXT NOT NULL,
    subscriber  TEXT NOT NULL,
    payload     TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    enqueued_at TIMESTAMPTZ,
    done_at     TIMESTAMPTZ
);
CREATE INDEX platform_outbox_pending ON platform_outbox (enqueued_at, id) WHERE done_at IS NULL;
CREATE INDEX platform_outbox_done ON platform_outbox (done_at) WHERE done_at IS NOT NULL;

-- +goose Down
DROP TABLE platform_outbox;

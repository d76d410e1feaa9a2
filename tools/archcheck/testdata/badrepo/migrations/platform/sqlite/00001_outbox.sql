-- +goose Up
CREATE TABLE platform_outbox (id TEXT PRIMARY KEY, created_at TEXT NOT NULL);
CREATE INDEX platform_outbox_created ON platform_outbox (created_at);
SELECT name FROM sqlite_master WHERE type = 'table';

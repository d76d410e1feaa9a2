-- +goose Up
-- Bumped by every write to a cart or its lines, so a process may keep a
-- cart's lines in memory and trust them while the version is unchanged.
ALTER TABLE cart_carts ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE cart_carts DROP COLUMN version;

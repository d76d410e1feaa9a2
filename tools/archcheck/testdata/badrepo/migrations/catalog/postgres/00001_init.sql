-- +goose Up
-- +goose StatementBegin
CREATE TABLE catalog_reservations (
    id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL REFERENCES orders_orders (id) ON DELETE CASCADE ON UPDATE CASCADE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
-- +goose StatementEnd
ALTER TABLE "catalog_reservations" ADD COLUMN qty INTEGER NOT NULL DEFAULT 0;

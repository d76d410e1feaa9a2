-- +goose Up
-- Comments are not SQL: create table legacy_things from the old shop.
CREATE TABLE catalog_products (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT 'from nowhere'
);
CREATE UNIQUE INDEX catalog_products_slug ON catalog_products (slug);
CREATE VIRTUAL TABLE catalog_products_fts USING fts5(name);
CREATE TABLE IF NOT EXISTS products (id TEXT PRIMARY KEY);
CREATE INDEX products_name ON products (name);

-- +goose Down
DROP TABLE catalog_products;

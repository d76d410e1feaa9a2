-- +goose Up
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- path is the materialised path of slugs, "/apparel/shirts/": a subtree is a prefix match.
-- (Comments stay outside CREATE TABLE: SQLite's schema reader trips over them.)
CREATE TABLE catalog_categories (
    id         TEXT NOT NULL PRIMARY KEY,
    parent_id  TEXT REFERENCES catalog_categories (id),
    slug       TEXT NOT NULL,
    name       TEXT NOT NULL,
    path       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX catalog_categories_slug ON catalog_categories (slug);
CREATE INDEX catalog_categories_path ON catalog_categories (path);

-- price, compare_at_price and in_stock summarise the variants (the cheapest
-- one's prices) and are kept with every variant write, for sorting and filtering.
CREATE TABLE catalog_products (
    id               TEXT NOT NULL PRIMARY KEY,
    slug             TEXT NOT NULL,
    name             TEXT NOT NULL,
    description      TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
    category_id      TEXT REFERENCES catalog_categories (id),
    category_path    TEXT NOT NULL,
    attributes       TEXT NOT NULL,
    images           TEXT NOT NULL,
    price            BIGINT NOT NULL,
    compare_at_price BIGINT,
    currency         TEXT NOT NULL,
    in_stock         BOOLEAN NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX catalog_products_slug ON catalog_products (slug);
-- Keyset orders of the storefront, active products only.
CREATE INDEX catalog_products_newest ON catalog_products (created_at DESC, id DESC) WHERE status = 'active';
CREATE INDEX catalog_products_price ON catalog_products (price, id) WHERE status = 'active';
CREATE INDEX catalog_products_name ON catalog_products (name, id) WHERE status = 'active';
CREATE INDEX catalog_products_category ON catalog_products (category_path text_pattern_ops, created_at DESC, id DESC) WHERE status = 'active';

-- Search document, weighted name > attributes > description, kept by the
-- database in the same transaction as the row.
ALTER TABLE catalog_products ADD COLUMN fts tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', name), 'A') ||
    setweight(to_tsvector('simple', attributes), 'B') ||
    setweight(to_tsvector('simple', description), 'C')
) STORED;
CREATE INDEX catalog_products_fts ON catalog_products USING gin (fts);
CREATE INDEX catalog_products_name_trgm ON catalog_products USING gin (lower(name) gin_trgm_ops);

-- One row per product attribute, for filters and facet counts.
CREATE TABLE catalog_product_attributes (
    product_id TEXT NOT NULL REFERENCES catalog_products (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (product_id, name)
);
CREATE INDEX catalog_product_attributes_value ON catalog_product_attributes (name, value, product_id);

CREATE TABLE catalog_variants (
    id               TEXT NOT NULL PRIMARY KEY,
    product_id       TEXT NOT NULL REFERENCES catalog_products (id) ON DELETE CASCADE,
    sku              TEXT NOT NULL,
    options          TEXT NOT NULL,
    price            BIGINT NOT NULL CHECK (price >= 0),
    compare_at_price BIGINT,
    currency         TEXT NOT NULL,
    on_hand          INTEGER NOT NULL CHECK (on_hand >= 0),
    reserved         INTEGER NOT NULL CHECK (reserved >= 0 AND reserved <= on_hand),
    position         INTEGER NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX catalog_variants_sku ON catalog_variants (sku);
CREATE INDEX catalog_variants_product ON catalog_variants (product_id, position);

-- Every change of on-hand stock, with its reason.
CREATE TABLE catalog_stock_movements (
    id         TEXT NOT NULL PRIMARY KEY,
    variant_id TEXT NOT NULL REFERENCES catalog_variants (id) ON DELETE CASCADE,
    delta      INTEGER NOT NULL,
    reason     TEXT NOT NULL,
    reference  TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX catalog_stock_movements_variant ON catalog_stock_movements (variant_id, id);

-- Stock held for a reservation (an order in checkout) until committed,
-- released or expired.
CREATE TABLE catalog_reservations (
    id         TEXT NOT NULL,
    variant_id TEXT NOT NULL REFERENCES catalog_variants (id),
    quantity   INTEGER NOT NULL CHECK (quantity > 0),
    state      TEXT NOT NULL CHECK (state IN ('held', 'committed', 'released')),
    expires_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (id, variant_id)
);
CREATE INDEX catalog_reservations_expiry ON catalog_reservations (expires_at) WHERE state = 'held';

-- +goose Down
DROP TABLE catalog_reservations;
DROP TABLE catalog_stock_movements;
DROP TABLE catalog_variants;
DROP TABLE catalog_product_attributes;
DROP TABLE catalog_products;
DROP TABLE catalog_categories;

-- +goose Up
-- A cart belongs to a signed-in user or to a guest's session key; each has
-- at most one open cart, which the partial unique indexes enforce.
CREATE TABLE cart_carts (
    id                 TEXT NOT NULL PRIMARY KEY,
    user_id            TEXT,
    guest_key          TEXT,
    status             TEXT NOT NULL CHECK (status IN ('open', 'merged', 'converted')),
    currency           TEXT NOT NULL,
    discount_code      TEXT,
    order_id           TEXT,
    abandoned_at       DATETIME,
    created_at         DATETIME NOT NULL,
    updated_at         DATETIME NOT NULL
);
CREATE UNIQUE INDEX cart_carts_user_open ON cart_carts (user_id) WHERE status = 'open' AND user_id IS NOT NULL;
CREATE UNIQUE INDEX cart_carts_guest_open ON cart_carts (guest_key) WHERE status = 'open' AND guest_key IS NOT NULL;
CREATE INDEX cart_carts_idle ON cart_carts (updated_at) WHERE status = 'open';

-- unit_price is the price the shopper saw when adding or last changing the line.
CREATE TABLE cart_items (
    id         TEXT NOT NULL PRIMARY KEY,
    cart_id    TEXT NOT NULL REFERENCES cart_carts (id) ON DELETE CASCADE,
    variant_id TEXT NOT NULL,
    quantity   INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    unit_price INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX cart_items_variant ON cart_items (cart_id, variant_id);

-- kind percent: value in basis points (1250 = 12.5 %); kind fixed: minor units of currency.
CREATE TABLE cart_discounts (
    id                 TEXT NOT NULL PRIMARY KEY,
    code               TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('percent', 'fixed')),
    value              INTEGER NOT NULL CHECK (value > 0),
    currency           TEXT NOT NULL,
    min_subtotal       INTEGER NOT NULL,
    starts_at          DATETIME,
    ends_at            DATETIME,
    usage_limit        INTEGER,
    per_customer_limit INTEGER,
    used               INTEGER NOT NULL,
    active             BOOLEAN NOT NULL,
    created_at         DATETIME NOT NULL,
    updated_at         DATETIME NOT NULL
);
CREATE UNIQUE INDEX cart_discounts_code ON cart_discounts (code);

-- One row per order that used a code: counting usage from OrderPlaced is idempotent.
CREATE TABLE cart_redemptions (
    order_id    TEXT NOT NULL PRIMARY KEY,
    discount_id TEXT NOT NULL REFERENCES cart_discounts (id),
    user_id     TEXT,
    created_at  DATETIME NOT NULL
);
CREATE INDEX cart_redemptions_user ON cart_redemptions (discount_id, user_id);

-- +goose Down
DROP TABLE cart_redemptions;
DROP TABLE cart_discounts;
DROP TABLE cart_items;
DROP TABLE cart_carts;

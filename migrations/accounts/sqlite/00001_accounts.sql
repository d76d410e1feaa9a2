-- +goose Up
CREATE TABLE accounts_users (
    id            TEXT NOT NULL PRIMARY KEY,
    email         TEXT NOT NULL,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    roles         TEXT NOT NULL,
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL
);
CREATE UNIQUE INDEX accounts_users_email ON accounts_users (email);

CREATE TABLE accounts_addresses (
    id                  TEXT NOT NULL PRIMARY KEY,
    user_id             TEXT NOT NULL REFERENCES accounts_users (id) ON DELETE CASCADE,
    name                TEXT NOT NULL,
    line1               TEXT NOT NULL,
    line2               TEXT NOT NULL,
    city                TEXT NOT NULL,
    postal_code         TEXT NOT NULL,
    region              TEXT NOT NULL,
    country             TEXT NOT NULL,
    phone               TEXT NOT NULL,
    is_default_shipping BOOLEAN NOT NULL,
    created_at          DATETIME NOT NULL,
    updated_at          DATETIME NOT NULL
);
CREATE INDEX accounts_addresses_user ON accounts_addresses (user_id, id);
-- At most one default shipping address per user, enforced by the database.
CREATE UNIQUE INDEX accounts_addresses_default ON accounts_addresses (user_id) WHERE is_default_shipping;

CREATE TABLE accounts_api_tokens (
    id           TEXT NOT NULL PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES accounts_users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL,
    created_at   DATETIME NOT NULL,
    last_used_at DATETIME
);
CREATE UNIQUE INDEX accounts_api_tokens_hash ON accounts_api_tokens (token_hash);
CREATE INDEX accounts_api_tokens_user ON accounts_api_tokens (user_id);

CREATE TABLE accounts_password_resets (
    id         TEXT NOT NULL PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES accounts_users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    expires_at DATETIME NOT NULL,
    used_at    DATETIME,
    created_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX accounts_password_resets_hash ON accounts_password_resets (token_hash);
CREATE INDEX accounts_password_resets_user ON accounts_password_resets (user_id);

-- +goose Down
DROP TABLE accounts_password_resets;
DROP TABLE accounts_api_tokens;
DROP TABLE accounts_addresses;
DROP TABLE accounts_users;

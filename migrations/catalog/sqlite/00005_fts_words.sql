-- +goose Up
-- The words of the full-text index, for typo correction (store.Corrected):
-- FTS5 lists them itself, so unlike PostgreSQL's catalog_fts_words nothing
-- has to keep this table.
CREATE VIRTUAL TABLE catalog_products_fts_vocab USING fts5vocab(catalog_products_fts, 'row');

-- +goose Down
DROP TABLE catalog_products_fts_vocab;

-- +goose Up
-- Nothing: PostgreSQL's sampling index (catalog_products_head_fts). FTS5
-- yields matches as it reads them, so a capped search stops early anyway.
SELECT 1;

-- +goose Down
SELECT 1;

-- +goose Up
-- Covers the facet scan of a category filter: path prefix, then the
-- category and price the aggregates read, without touching the table.
CREATE INDEX catalog_products_facets ON catalog_products (category_path, category_id, price, id) WHERE status = 'active';

-- +goose Down
DROP INDEX catalog_products_facets;

-- +goose Up
-- A category's page sorted by name walks this within each category of the
-- subtree (store.ListProducts); newest walks catalog_products_category and
-- price catalog_products_facets the same way.
CREATE INDEX catalog_products_category_name ON catalog_products (category_path, name, id) WHERE status = 'active';
-- The back office lists a status newest first (by ID) without walking the others.
CREATE INDEX catalog_products_status ON catalog_products (status, id);

-- +goose Down
DROP INDEX catalog_products_status;
DROP INDEX catalog_products_category_name;

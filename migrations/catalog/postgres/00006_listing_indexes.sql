-- +goose Up
-- A category's page sorted by name walks this within each category of the
-- subtree (store.ListProducts); newest walks catalog_products_category and
-- price catalog_products_facets the same way.
CREATE INDEX catalog_products_category_name ON catalog_products (category_path, name, id) WHERE status = 'active';
-- The back office lists a status newest first (by ID) without walking the others.
CREATE INDEX catalog_products_status ON catalog_products (status, id);
-- Its search finds names (catalog_products_name_trgm), slugs and SKUs containing the text.
CREATE INDEX catalog_products_slug_trgm ON catalog_products USING gin (slug gin_trgm_ops);
CREATE INDEX catalog_variants_sku_trgm ON catalog_variants USING gin (lower(sku) gin_trgm_ops);

-- +goose Down
DROP INDEX catalog_variants_sku_trgm;
DROP INDEX catalog_products_slug_trgm;
DROP INDEX catalog_products_status;
DROP INDEX catalog_products_category_name;

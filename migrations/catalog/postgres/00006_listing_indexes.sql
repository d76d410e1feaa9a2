-- +goose NO TRANSACTION
-- +goose Up
-- Built CONCURRENTLY: on a large catalog a plain CREATE INDEX would hold off
-- every product and variant write (stock, checkouts) for its whole build
-- (~30 s for these at 1,000,000 products). IF NOT EXISTS lets a rerun after
-- an interrupted one go on (drop an index left INVALID first).

-- A category's page sorted by name walks this within each category of the
-- subtree (store.ListProducts); newest walks catalog_products_category and
-- price catalog_products_facets the same way.
CREATE INDEX CONCURRENTLY IF NOT EXISTS catalog_products_category_name ON catalog_products (category_path, name, id) WHERE status = 'active';
-- The back office lists a status newest first (by ID) without walking the others.
CREATE INDEX CONCURRENTLY IF NOT EXISTS catalog_products_status ON catalog_products (status, id);
-- Its search finds names (catalog_products_name_trgm), slugs and SKUs containing the text.
CREATE INDEX CONCURRENTLY IF NOT EXISTS catalog_products_slug_trgm ON catalog_products USING gin (slug gin_trgm_ops);
CREATE INDEX CONCURRENTLY IF NOT EXISTS catalog_variants_sku_trgm ON catalog_variants USING gin (lower(sku) gin_trgm_ops);

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS catalog_variants_sku_trgm;
DROP INDEX CONCURRENTLY IF EXISTS catalog_products_slug_trgm;
DROP INDEX CONCURRENTLY IF EXISTS catalog_products_status;
DROP INDEX CONCURRENTLY IF EXISTS catalog_products_category_name;

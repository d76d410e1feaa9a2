-- +goose Up
-- Facet counts of the active catalog per category ('' for none) and
-- attribute value; name = '' is the category's product count. Triggers keep
-- it in the same transaction as every product and attribute write, so a
-- listing filtered by category alone reads its facets here instead of
-- counting the matching products: the same cost at any catalog size.
CREATE TABLE catalog_facet_counts (
    category_id TEXT NOT NULL,
    name        TEXT NOT NULL,
    value       TEXT NOT NULL,
    n           BIGINT NOT NULL,
    PRIMARY KEY (category_id, name, value)
);
-- Every product write updates a few of these rows: room on each page for
-- the new versions, and a vacuum after every thousand dead ones, keep the
-- table a few pages long (a bulk load compacts it: Store.CompactFacetCounts).
ALTER TABLE catalog_facet_counts SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);
-- The price range of a category scope: a min and a max probe per category.
CREATE INDEX catalog_products_category_price ON catalog_products (category_id, price) WHERE status = 'active';
-- A search puts an exact name first wherever the full-text index yields it
-- (SQLite finds it inside its FTS5 match: a search structure, PostgreSQL only).
CREATE INDEX catalog_products_exact_search ON catalog_products (lower(name)) WHERE status = 'active';

INSERT INTO catalog_facet_counts (category_id, name, value, n)
SELECT coalesce(category_id, ''), '', '', count(*) FROM catalog_products WHERE status = 'active' GROUP BY 1
UNION ALL
SELECT coalesce(p.category_id, ''), a.name, a.value, count(*)
FROM catalog_product_attributes a JOIN catalog_products p ON p.id = a.product_id
WHERE p.status = 'active' GROUP BY 1, 2, 3;

-- Rows are upserted in key order so concurrent writers lock them in the same order.
-- +goose StatementBegin
CREATE FUNCTION catalog_facets_product(pid TEXT, cat TEXT, d BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO catalog_facet_counts (category_id, name, value, n)
    SELECT coalesce(cat, ''), '', '', d
    UNION ALL
    SELECT coalesce(cat, ''), a.name, a.value, d FROM catalog_product_attributes a WHERE a.product_id = pid
    ORDER BY 2, 3
    ON CONFLICT (category_id, name, value) DO UPDATE SET n = catalog_facet_counts.n + excluded.n;
$$;
-- +goose StatementEnd

-- Inserts are counted per statement (bulk loads insert thousands of rows at once).
-- +goose StatementBegin
CREATE FUNCTION catalog_facets_products_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO catalog_facet_counts (category_id, name, value, n)
    SELECT coalesce(category_id, ''), '', '', count(*) FROM catalog_new_rows WHERE status = 'active' GROUP BY 1 ORDER BY 1
    ON CONFLICT (category_id, name, value) DO UPDATE SET n = catalog_facet_counts.n + excluded.n;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER catalog_facets_products_inserted AFTER INSERT ON catalog_products
    REFERENCING NEW TABLE AS catalog_new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalog_facets_products_inserted();

-- A product leaving or joining the active catalog, or moving category, moves its counts.
-- +goose StatementBegin
CREATE FUNCTION catalog_facets_product_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'active' THEN PERFORM catalog_facets_product(OLD.id, OLD.category_id, -1); END IF;
    IF NEW.status = 'active' THEN PERFORM catalog_facets_product(NEW.id, NEW.category_id, 1); END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER catalog_facets_product_moved AFTER UPDATE OF status, category_id ON catalog_products FOR EACH ROW
    WHEN ((OLD.status = 'active') IS DISTINCT FROM (NEW.status = 'active') OR OLD.category_id IS DISTINCT FROM NEW.category_id)
    EXECUTE FUNCTION catalog_facets_product_moved();

-- Before the delete, while its attribute rows still exist: the cascade that
-- removes them finds the product gone and counts nothing.
-- +goose StatementBegin
CREATE FUNCTION catalog_facets_product_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM catalog_facets_product(OLD.id, OLD.category_id, -1);
    RETURN OLD;
END $$;
-- +goose StatementEnd
CREATE TRIGGER catalog_facets_product_deleted BEFORE DELETE ON catalog_products FOR EACH ROW
    WHEN (OLD.status = 'active') EXECUTE FUNCTION catalog_facets_product_deleted();

-- Attribute rows count while their product is active (per statement, like inserts).
-- +goose StatementBegin
CREATE FUNCTION catalog_facets_attributes_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        INSERT INTO catalog_facet_counts (category_id, name, value, n)
        SELECT coalesce(p.category_id, ''), a.name, a.value, -count(*)
        FROM catalog_old_rows a JOIN catalog_products p ON p.id = a.product_id
        WHERE p.status = 'active' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (category_id, name, value) DO UPDATE SET n = catalog_facet_counts.n + excluded.n;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO catalog_facet_counts (category_id, name, value, n)
        SELECT coalesce(p.category_id, ''), a.name, a.value, count(*)
        FROM catalog_new_rows a JOIN catalog_products p ON p.id = a.product_id
        WHERE p.status = 'active' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (category_id, name, value) DO UPDATE SET n = catalog_facet_counts.n + excluded.n;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER catalog_facets_attributes_inserted AFTER INSERT ON catalog_product_attributes
    REFERENCING NEW TABLE AS catalog_new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalog_facets_attributes_changed();
CREATE TRIGGER catalog_facets_attributes_updated AFTER UPDATE ON catalog_product_attributes
    REFERENCING OLD TABLE AS catalog_old_rows NEW TABLE AS catalog_new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalog_facets_attributes_changed();
CREATE TRIGGER catalog_facets_attributes_deleted AFTER DELETE ON catalog_product_attributes
    REFERENCING OLD TABLE AS catalog_old_rows FOR EACH STATEMENT EXECUTE FUNCTION catalog_facets_attributes_changed();

-- +goose Down
DROP TRIGGER catalog_facets_attributes_deleted ON catalog_product_attributes;
DROP TRIGGER catalog_facets_attributes_updated ON catalog_product_attributes;
DROP TRIGGER catalog_facets_attributes_inserted ON catalog_product_attributes;
DROP TRIGGER catalog_facets_product_deleted ON catalog_products;
DROP TRIGGER catalog_facets_product_moved ON catalog_products;
DROP TRIGGER catalog_facets_products_inserted ON catalog_products;
DROP FUNCTION catalog_facets_attributes_changed();
DROP FUNCTION catalog_facets_product_deleted();
DROP FUNCTION catalog_facets_product_moved();
DROP FUNCTION catalog_facets_products_inserted();
DROP FUNCTION catalog_facets_product(TEXT, TEXT, BIGINT);
DROP INDEX catalog_products_exact_search;
DROP INDEX catalog_products_category_price;
DROP TABLE catalog_facet_counts;

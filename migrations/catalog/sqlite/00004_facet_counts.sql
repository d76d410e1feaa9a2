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
-- The price range of a category scope: a min and a max probe per category.
CREATE INDEX catalog_products_category_price ON catalog_products (category_id, price) WHERE status = 'active';

INSERT INTO catalog_facet_counts (category_id, name, value, n)
SELECT coalesce(category_id, ''), '', '', count(*) FROM catalog_products WHERE status = 'active' GROUP BY 1
UNION ALL
SELECT coalesce(p.category_id, ''), a.name, a.value, count(*)
FROM catalog_product_attributes a JOIN catalog_products p ON p.id = a.product_id
WHERE p.status = 'active' GROUP BY 1, 2, 3;

-- +goose StatementBegin
CREATE TRIGGER catalog_facets_product_inserted AFTER INSERT ON catalog_products WHEN NEW.status = 'active' BEGIN
    INSERT INTO catalog_facet_counts (category_id, name, value, n) VALUES (coalesce(NEW.category_id, ''), '', '', 1)
    ON CONFLICT (category_id, name, value) DO UPDATE SET n = n + excluded.n;
END;
-- +goose StatementEnd

-- A product leaving or joining the active catalog, or moving category, moves its counts.
-- +goose StatementBegin
CREATE TRIGGER catalog_facets_product_moved AFTER UPDATE OF status, category_id ON catalog_products
WHEN (OLD.status = 'active') <> (NEW.status = 'active') OR OLD.category_id IS NOT NEW.category_id BEGIN
    INSERT INTO catalog_facet_counts (category_id, name, value, n)
    SELECT coalesce(OLD.category_id, ''), '', '', -1 WHERE OLD.status = 'active'
    UNION ALL
    SELECT coalesce(OLD.category_id, ''), a.name, a.value, -1 FROM catalog_product_attributes a
    WHERE a.product_id = OLD.id AND OLD.status = 'active'
    ON CONFLICT (category_id, name, value) DO UPDATE SET n = n + excluded.n;
    INSERT INTO catalog_facet_counts (category_id, name, value, n)
    SELECT coalesce(NEW.category_id, ''), '', '', 1 WHERE NEW.status = 'active'
    UNION ALL
    SELECT coalesce(NEW.category_id, ''), a.name, a.value, 1 FROM catalog_product_attributes a
    WHERE a.product_id = NEW.id AND NEW.status = 'active'
    ON CONFLICT (category_id, name, value) DO UPDATE SET n = n + excluded.n;
END;
-- +goose StatementEnd

-- Before the delete, while its attribute rows still exist: the cascade that
-- removes them finds the product gone and counts nothing.
-- +goose StatementBegin
CREATE TRIGGER catalog_facets_product_deleted BEFORE DELETE ON catalog_products WHEN OLD.status = 'active' BEGIN
    INSERT INTO catalog_facet_counts (category_id, name, value, n)
    SELECT coalesce(OLD.category_id, ''), '', '', -1 WHERE true
    UNION ALL
    SELECT coalesce(OLD.category_id, ''), a.name, a.value, -1 FROM catalog_product_attributes a WHERE a.product_id = OLD.id
    ON CONFLICT (category_id, name, value) DO UPDATE SET n = n + excluded.n;
END;
-- +goose StatementEnd

-- Attribute rows count while their product is active.
-- +goose StatementBegin
CREATE TRIGGER catalog_facets_attribute_inserted AFTER INSERT ON catalog_product_attributes BEGIN
    INSERT INTO catalog_facet_counts (category_id, name, value, n)
    SELECT coalesce(p.category_id, ''), NEW.name, NEW.value, 1 FROM catalog_products p
    WHERE p.id = NEW.product_id AND p.status = 'active'
    ON CONFLICT (category_id, name, value) DO UPDATE SET n = n + excluded.n;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER catalog_facets_attribute_updated AFTER UPDATE ON catalog_product_attributes BEGIN
    INSERT INTO catalog_facet_counts (category_id, name, value, n)
    SELECT coalesce(p.category_id, ''), OLD.name, OLD.value, -1 FROM catalog_products p
    WHERE p.id = OLD.product_id AND p.status = 'active'
    ON CONFLICT (category_id, name, value) DO UPDATE SET n = n + excluded.n;
    INSERT INTO catalog_facet_counts (category_id, name, value, n)
    SELECT coalesce(p.category_id, ''), NEW.name, NEW.value, 1 FROM catalog_products p
    WHERE p.id = NEW.product_id AND p.status = 'active'
    ON CONFLICT (category_id, name, value) DO UPDATE SET n = n + excluded.n;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER catalog_facets_attribute_deleted AFTER DELETE ON catalog_product_attributes BEGIN
    INSERT INTO catalog_facet_counts (category_id, name, value, n)
    SELECT coalesce(p.category_id, ''), OLD.name, OLD.value, -1 FROM catalog_products p
    WHERE p.id = OLD.product_id AND p.status = 'active'
    ON CONFLICT (category_id, name, value) DO UPDATE SET n = n + excluded.n;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER catalog_facets_attribute_deleted;
DROP TRIGGER catalog_facets_attribute_updated;
DROP TRIGGER catalog_facets_attribute_inserted;
DROP TRIGGER catalog_facets_product_deleted;
DROP TRIGGER catalog_facets_product_moved;
DROP TRIGGER catalog_facets_product_inserted;
DROP INDEX catalog_products_category_price;
DROP TABLE catalog_facet_counts;

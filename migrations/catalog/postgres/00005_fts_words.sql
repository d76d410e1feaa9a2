-- +goose Up
-- Every word the full-text index holds, for typo tolerance: a search that
-- finds nothing has each unknown word replaced by the most similar word
-- here (pg_trgm over this small table) and runs again. Matching the typed
-- text against every product name instead took seconds at 1,000,000
-- products, and so did asking whether the words matched any product at all.
-- Words are never removed: one that no product holds any more finds nothing.
CREATE TABLE catalog_fts_words (
    word TEXT NOT NULL PRIMARY KEY
);
CREATE INDEX catalog_fts_words_trgm ON catalog_fts_words USING gin (word gin_trgm_ops);

INSERT INTO catalog_fts_words (word)
SELECT DISTINCT unnest(tsvector_to_array(fts)) FROM catalog_products ON CONFLICT DO NOTHING;

-- Per statement for inserts (bulk loads), per row for the rare update of a
-- product's text; in word order, so concurrent writers lock alike.
-- +goose StatementBegin
CREATE FUNCTION catalog_fts_words_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO catalog_fts_words (word)
    SELECT DISTINCT unnest(tsvector_to_array(fts)) FROM catalog_new_rows ORDER BY 1
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER catalog_fts_words_inserted AFTER INSERT ON catalog_products
    REFERENCING NEW TABLE AS catalog_new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalog_fts_words_inserted();

-- +goose StatementBegin
CREATE FUNCTION catalog_fts_words_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO catalog_fts_words (word)
    SELECT DISTINCT unnest(tsvector_to_array(NEW.fts)) ORDER BY 1
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER catalog_fts_words_updated AFTER UPDATE OF name, attributes, description ON catalog_products FOR EACH ROW
    WHEN (OLD.fts IS DISTINCT FROM NEW.fts) EXECUTE FUNCTION catalog_fts_words_updated();

-- +goose Down
DROP TRIGGER catalog_fts_words_updated ON catalog_products;
DROP TRIGGER catalog_fts_words_inserted ON catalog_products;
DROP FUNCTION catalog_fts_words_updated();
DROP FUNCTION catalog_fts_words_inserted();
DROP TABLE catalog_fts_words;

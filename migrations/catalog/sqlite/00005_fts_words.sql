-- +goose Up
-- PostgreSQL's typo tolerance keeps the words of its full-text index in
-- catalog_fts_words; SQLite's FTS5 prefix terms are its typo tolerance,
-- so it has nothing to add here (the streams keep the same versions).
SELECT 1;

-- +goose Down
SELECT 1;

-- +goose Up
-- CSV imports, kept in the database so an import survives a restart of the
-- worker or of Redis: the job resumes from the stored file.
CREATE TABLE catalog_imports (
    id         TEXT NOT NULL PRIMARY KEY,
    state      TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    total      INTEGER NOT NULL,
    done       INTEGER NOT NULL,
    errors     TEXT NOT NULL,
    csv        TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE catalog_imports;

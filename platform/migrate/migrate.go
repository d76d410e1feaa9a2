// Package migrate applies the per-module SQL streams in migrations/ with goose.
package migrate

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"sort"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"gorm.io/gorm"

	"bazaar/platform/database"
)

// Streams lists the module folders of fsys, sorted so platform tables come
// first and the rest in a stable order.
func Streams(fsys fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Slice(names, func(i, j int) bool {
		if (names[i] == "platform") != (names[j] == "platform") {
			return names[i] == "platform"
		}
		return names[i] < names[j]
	})
	return names, nil
}

// provider builds goose's runner for one stream; its version table carries
// the stream's prefix like every other table of the module.
func provider(db *gorm.DB, fsys fs.FS, stream string) (*goose.Provider, error) {
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	dialect := database.Dialect(db)
	sub, err := fs.Sub(fsys, stream+"/"+dialect)
	if err != nil {
		return nil, err
	}
	opts := []goose.ProviderOption{goose.WithTableName(stream + "_schema_migrations")}
	gooseDialect := goose.DialectSQLite3
	if dialect == database.Postgres {
		gooseDialect = goose.DialectPostgres
		// Replicas of `migrate` started together must not race: the first
		// takes an advisory lock, the others wait and find nothing to do.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	return goose.NewProvider(gooseDialect, sqlDB, sub, opts...)
}

// Up applies every pending migration of every stream.
func Up(ctx context.Context, db *gorm.DB, fsys fs.FS, log *slog.Logger) error {
	streams, err := Streams(fsys)
	if err != nil {
		return err
	}
	for _, s := range streams {
		p, err := provider(db, fsys, s)
		if err != nil {
			return fmt.Errorf("migrate %s: %w", s, err)
		}
		results, err := p.Up(ctx)
		if err != nil {
			return fmt.Errorf("migrate %s: %w", s, err)
		}
		for _, r := range results {
			log.Info("migration applied", "stream", s, "version", r.Source.Version, "duration", r.Duration)
		}
	}
	return nil
}

// State is one migration's status.
type State struct {
	Stream  string
	Version int64
	File    string
	Applied bool
}

// Status lists every migration of every stream and whether it is applied.
func Status(ctx context.Context, db *gorm.DB, fsys fs.FS) ([]State, error) {
	streams, err := Streams(fsys)
	if err != nil {
		return nil, err
	}
	var out []State
	for _, s := range streams {
		p, err := provider(db, fsys, s)
		if err != nil {
			return nil, fmt.Errorf("migrate %s: %w", s, err)
		}
		list, err := p.Status(ctx)
		if err != nil {
			return nil, fmt.Errorf("migrate %s: %w", s, err)
		}
		for _, m := range list {
			out = append(out, State{Stream: s, Version: m.Source.Version, File: m.Source.Path,
				Applied: m.State == goose.StateApplied})
		}
	}
	return out, nil
}

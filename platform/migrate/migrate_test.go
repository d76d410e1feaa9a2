package migrate_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"gorm.io/gorm"

	"bazaar/migrations"
	"bazaar/platform/database"
	"bazaar/platform/migrate"
	"bazaar/platform/testkit"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func open(t *testing.T, b testkit.Backend) *gorm.DB {
	t.Helper()
	db, err := database.Open(testkit.Config(t, b), quiet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, err := db.DB(); err == nil {
			s.Close()
		}
	})
	return db
}

func TestEveryStreamHasBothDialects(t *testing.T) {
	streams, err := migrate.Streams(migrations.FS)
	if err != nil || len(streams) == 0 || streams[0] != "platform" {
		t.Fatalf("streams %v, %v", streams, err)
	}
	for _, s := range streams {
		pg, _ := os.ReadDir("../../migrations/" + s + "/postgres")
		lite, _ := os.ReadDir("../../migrations/" + s + "/sqlite")
		if names(pg) != names(lite) {
			t.Errorf("stream %s: postgres has %s, sqlite has %s", s, names(pg), names(lite))
		}
	}
}

func names(entries []os.DirEntry) string {
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return strings.Join(out, ",")
}

func TestUpIsIdempotentAndTracked(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		db := open(t, b)
		ctx := context.Background()
		before, err := migrate.Status(ctx, db, migrations.FS)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range before {
			if s.Applied {
				t.Fatalf("fresh database has %s applied", s.File)
			}
		}
		for range 2 {
			if err := migrate.Up(ctx, db, migrations.FS, quiet); err != nil {
				t.Fatal(err)
			}
		}
		after, _ := migrate.Status(ctx, db, migrations.FS)
		if len(after) != len(before) || len(after) == 0 {
			t.Fatalf("status lists %d, then %d", len(before), len(after))
		}
		for _, s := range after {
			if !s.Applied {
				t.Errorf("%s/%s not applied", s.Stream, s.File)
			}
			// Each stream keeps its own version table, carrying its prefix.
			if !db.Migrator().HasTable(s.Stream + "_schema_migrations") {
				t.Errorf("no version table for %s", s.Stream)
			}
		}
	})
}

// A failing migration stops the run with an error naming its stream and
// leaves earlier streams applied.
func TestFailingMigrationNamesStream(t *testing.T) {
	fsys := fstest.MapFS{
		"platform/sqlite/00001_a.sql":   {Data: []byte("-- +goose Up\nCREATE TABLE platform_a (id TEXT);\n")},
		"platform/postgres/00001_a.sql": {Data: []byte("-- +goose Up\nCREATE TABLE platform_a (id TEXT);\n")},
		"zz/sqlite/00001_b.sql":         {Data: []byte("-- +goose Up\nCREATE TABLE zz_b (id TEXT,,);\n")},
		"zz/postgres/00001_b.sql":       {Data: []byte("-- +goose Up\nCREATE TABLE zz_b (id TEXT,,);\n")},
	}
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		db := open(t, b)
		err := migrate.Up(context.Background(), db, fsys, quiet)
		if err == nil || !strings.Contains(err.Error(), "migrate zz") {
			t.Fatalf("want an error naming stream zz, got %v", err)
		}
		if !db.Migrator().HasTable("platform_a") {
			t.Fatal("the platform stream should have been applied")
		}
	})
}

// Both dialects must produce the same tables, columns (type family and
// nullability) and indexes from migrations/. Full-text search is the one
// documented exception (migrations/README.md): tables containing "_fts",
// columns named "fts" and indexes ending in "_fts", "_trgm" or "_search".
func TestDialectsAgree(t *testing.T) {
	backends := testkit.Backends(t)
	if len(backends) < 2 {
		t.Skip("needs TEST_DATABASE_URL (always set in CI, where a missing one fails in testkit.Backends)")
	}
	var schemas []map[string]string
	for _, b := range backends {
		db := open(t, b)
		if err := migrate.Up(context.Background(), db, migrations.FS, quiet); err != nil {
			t.Fatal(err)
		}
		schemas = append(schemas, describe(t, db))
	}
	lite, pg := schemas[0], schemas[1]
	if len(lite) == 0 {
		t.Fatal("no schema read")
	}
	for k, v := range lite {
		if pg[k] != v {
			t.Errorf("%s: sqlite %q, postgres %q", k, v, pg[k])
		}
	}
	for k, v := range pg {
		if _, ok := lite[k]; !ok {
			t.Errorf("%s: only in postgres (%q)", k, v)
		}
	}
}

// describe flattens a schema to "table.column" -> "type null" and
// "table index name" -> "unique columns".
func describe(t *testing.T, db *gorm.DB) map[string]string {
	t.Helper()
	m := db.Migrator()
	tables, err := m.GetTables()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, table := range tables {
		if strings.HasPrefix(table, "sqlite_") || strings.Contains(table, "_fts") {
			continue // SQLite's bookkeeping; full-text search structures differ by design
		}
		if strings.HasSuffix(table, "_schema_migrations") {
			out[table] = "goose" // goose's own table differs per dialect by design
			continue
		}
		cols, err := m.ColumnTypes(table)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cols {
			if c.Name() == "fts" {
				continue // PostgreSQL's tsvector column; SQLite searches a *_fts table
			}
			null, _ := c.Nullable()
			out[table+"."+c.Name()] = fmt.Sprintf("%s null=%v", family(t, c.DatabaseTypeName()), null)
		}
		idx, err := m.GetIndexes(table)
		if err != nil {
			t.Fatal(err)
		}
		for _, i := range idx {
			if pk, _ := i.PrimaryKey(); pk || strings.HasPrefix(i.Name(), "sqlite_autoindex") || strings.HasSuffix(i.Name(), "_pkey") ||
				strings.HasSuffix(i.Name(), "_fts") || strings.HasSuffix(i.Name(), "_trgm") || strings.HasSuffix(i.Name(), "_search") {
				continue
			}
			unique, _ := i.Unique()
			cols := i.Columns()
			sort.Strings(cols)
			out[table+" index "+i.Name()] = fmt.Sprintf("unique=%v %s", unique, strings.Join(cols, ","))
		}
	}
	return out
}

// family maps each dialect's type names onto one vocabulary.
func family(t *testing.T, typ string) string {
	typ = strings.ToLower(typ)
	if i := strings.IndexByte(typ, '('); i >= 0 {
		typ = typ[:i]
	}
	switch strings.TrimSpace(typ) {
	case "text", "varchar", "character varying", "char", "character", "uuid":
		return "text"
	case "integer", "int", "int4", "int8", "bigint", "smallint", "int2":
		return "integer"
	case "boolean", "bool":
		return "boolean"
	case "timestamptz", "timestamp", "timestamp with time zone", "timestamp without time zone", "datetime":
		return "timestamp"
	case "numeric", "decimal":
		return "numeric"
	case "real", "double precision", "float", "float8", "double":
		return "float"
	case "json", "jsonb":
		return "json"
	case "bytea", "blob":
		return "blob"
	}
	t.Errorf("type %q has no family: add it to family()", typ)
	return typ
}

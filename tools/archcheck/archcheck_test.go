package archcheck

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRepository fails the build when the real tree breaks a boundary.
func TestRepository(t *testing.T) {
	vs, err := Check("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Error(v)
	}
}

// TestFixtureViolations checks that the rules catch what they should and
// nothing else: every finding must be expected, every expectation found.
func TestFixtureViolations(t *testing.T) {
	const root = "testdata/badrepo"
	type finding struct{ file, rule, subject string } // subject: text the Detail must contain
	want := []finding{
		{"migrations/catalog/postgres/00001_init.sql", ruleTablePrefix, `"orders_orders"`}, // cross-module FK
		{"migrations/catalog/sqlite/00001_init.sql", ruleTablePrefix, `"products"`},        // CREATE TABLE
		{"migrations/catalog/sqlite/00001_init.sql", ruleTablePrefix, `"products"`},        // CREATE INDEX ... ON
		{"modules/catalog/internal/store/store.go", ruleTablePrefix, `TableName() returns "products"`},
		{"modules/catalog/internal/store/store.go", ruleTablePrefix, `Table() names "stock_levels"`},
		{"modules/catalog/internal/store/store.go", ruleTablePrefix, `SQL uses table "other_things"`},
		{"modules/catalog/internal/store/store.go", ruleTablePrefix, `SQL uses table "orders_lines"`},
		{"modules/orders/internal/saga/saga.go", ruleModuleImport, `"bazaar/modules/catalog/internal/store"`},
		{"modules/orders/internal/saga/saga.go", ruleModuleImport, `"bazaar/modules/catalog/pricing"`},
		{"modules/orders/internal/saga/wire.go", ruleModuleImport, `"bazaar/modules/catalog/catalogtest"`},
		{"modules/orders/internal/saga/boot.go", ruleModuleImport, `"bazaar/modules/catalog/module"`},
		{"platform/web/web.go", rulePlatformImport, `"bazaar/modules/catalog"`},
		{"platform/web/web_test.go", rulePlatformImport, `"bazaar/app"`},
	}

	got, err := Check(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range got {
		i := slices.IndexFunc(want, func(f finding) bool {
			return f.file == v.File && f.rule == v.Rule && strings.Contains(v.Detail, f.subject)
		})
		if i < 0 {
			t.Errorf("unexpected: %s", v)
			continue
		}
		// The reported line must hold the offending name.
		name := want[i].subject[strings.Index(want[i].subject, `"`):]
		if line := sourceLine(t, filepath.Join(root, v.File), v.Line); !strings.Contains(line, strings.Trim(name, `"`)) {
			t.Errorf("%s: line %d is %q, want it to contain %s", v.File, v.Line, line, name)
		}
		want = slices.Delete(want, i, i+1)
	}
	for _, f := range want {
		t.Errorf("missing: %s [%s] %s", f.file, f.rule, f.subject)
	}
}

func sourceLine(t *testing.T, path string, n int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}

func TestSQLTables(t *testing.T) {
	tests := []struct {
		name, sql string
		want      []string
	}{
		{"select", "SELECT * FROM catalog_a", []string{"catalog_a"}},
		{"lowercase, aliases, comma list, join", "select 1 from a x, b as y join c on c.id = x.id", []string{"a", "b", "c"}},
		{"quoted", "SELECT * FROM \"catalog_a\" JOIN `catalog_b` USING (id)", []string{"catalog_a", "catalog_b"}},
		{"schema qualified", "SELECT * FROM public.catalog_a", []string{"catalog_a"}},
		{"system catalogs", "SELECT * FROM information_schema.tables, pg_catalog.pg_class; SELECT name FROM sqlite_master; SELECT 1 FROM pg_tables", nil},
		{"ctes", "WITH RECURSIVE tree(id) AS (SELECT id FROM catalog_c), b AS MATERIALIZED (SELECT 1) SELECT * FROM tree JOIN b ON true", []string{"catalog_c"}},
		{"subqueries", "SELECT * FROM (SELECT id FROM catalog_a) s WHERE id IN (SELECT id FROM catalog_b)", []string{"catalog_a", "catalog_b"}},
		{"functions are not tables", "SELECT EXTRACT(YEAR FROM at), SUBSTRING(n FROM 2) FROM catalog_a, generate_series(1, 3) g JOIN LATERAL (SELECT 1) l ON true WHERE a IS DISTINCT FROM b", []string{"catalog_a"}},
		{"placeholders", "SELECT * FROM %s JOIN ? ON true JOIN $1 ON true", nil},
		{"upsert", "INSERT INTO catalog_a (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET n = excluded.n", []string{"catalog_a"}},
		{"row lock", "SELECT id FROM catalog_a FOR NO KEY UPDATE SKIP LOCKED", []string{"catalog_a"}},
		{"update and delete", "UPDATE catalog_a SET n = 1; DELETE FROM ONLY catalog_b", []string{"catalog_a", "catalog_b"}},
		{"select into variable", "SELECT count(*) INTO n FROM catalog_a", []string{"catalog_a"}},
		{"sqlite insert", "INSERT OR IGNORE INTO catalog_a VALUES (1)", []string{"catalog_a"}},
		{"ddl", "CREATE TABLE IF NOT EXISTS catalog_a (id TEXT REFERENCES orders_o(id) ON DELETE CASCADE ON UPDATE CASCADE, at TIMESTAMP WITH TIME ZONE); ALTER TABLE catalog_a ADD x INT; DROP TABLE IF EXISTS catalog_z",
			[]string{"catalog_a", "orders_o", "catalog_a", "catalog_z"}},
		{"indexes", "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON catalog_a (x); CREATE INDEX ON catalog_b (y)", []string{"catalog_a", "catalog_b"}},
		{"virtual table", "CREATE VIRTUAL TABLE catalog_fts USING fts5(name)", []string{"catalog_fts"}},
		{"trigger", "CREATE TRIGGER t AFTER INSERT OR UPDATE ON catalog_a BEGIN UPDATE catalog_b SET n = 1; END", []string{"catalog_b"}},
		{"transition tables", "CREATE TRIGGER t AFTER UPDATE ON catalog_a REFERENCING OLD TABLE AS gone NEW TABLE AS fresh FOR EACH STATEMENT EXECUTE FUNCTION f(); TRUNCATE TABLE catalog_b",
			[]string{"catalog_b"}},
		{"comments and strings", "-- +goose Up\n/* from x */ SELECT 'from y', 'it''s from z' FROM catalog_a -- join w", []string{"catalog_a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, ref := range sqlTables(tt.sql) {
				got = append(got, ref.Name)
				if !strings.HasPrefix(strings.TrimLeft(tt.sql[ref.Offset:], "\"`"), ref.Name) {
					t.Errorf("offset %d of %q does not point at the name", ref.Offset, ref.Name)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("sqlTables(%q) = %q, want %q", tt.sql, got, tt.want)
			}
		})
	}
}

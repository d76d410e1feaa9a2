package database_test

import (
	"slices"
	"strings"
	"testing"

	"bazaar/platform/database"
	"bazaar/platform/testkit"
)

// AnyOf matches exactly the values given, whatever they hold, on both
// databases; on PostgreSQL every number of values is one prepared statement.
func TestAnyOf(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		cfg := testkit.Config(t, b)
		cfg.DBMaxConns = 1 // one session: its prepared statements are the ones we read
		db := open(t, cfg)
		if err := db.Exec("CREATE TABLE test_any (v TEXT NOT NULL)").Error; err != nil {
			t.Fatal(err)
		}
		stored := []string{"plain", `quo"te`, `back\slash`, "com,ma", "{brace}", "späce ü", "", "NULL", "'single'"}
		for _, v := range stored {
			if err := db.Exec("INSERT INTO test_any (v) VALUES (?)", v).Error; err != nil {
				t.Fatal(err)
			}
		}
		for _, want := range [][]string{nil, {"plain"}, {`quo"te`, `back\slash`}, {"com,ma", "{brace}", "späce ü", ""},
			{"NULL", "'single'", "absent"}, stored} {
			var got []string
			if err := db.Table("test_any").Where(database.AnyOf(db, "v", want)).Order("v").Pluck("v", &got).Error; err != nil {
				t.Fatalf("%q: %v", want, err)
			}
			expect := slices.DeleteFunc(slices.Clone(want), func(v string) bool { return !slices.Contains(stored, v) })
			slices.Sort(expect)
			if !slices.Equal(got, expect) {
				t.Fatalf("AnyOf(%q) = %q, want %q", want, got, expect)
			}
		}
		if b.DatabaseURL == "" {
			return
		}
		var statements []string
		db.Raw("SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%test_any%ANY%'").Scan(&statements)
		statements = slices.DeleteFunc(statements, func(s string) bool { return strings.Contains(s, "pg_prepared_statements") })
		if len(statements) != 1 {
			t.Fatalf("lists of 0 to 9 values prepared %d statements, want 1: %q", len(statements), statements)
		}
	})
}

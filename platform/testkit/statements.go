package testkit

import (
	"sync/atomic"
	"testing"

	"gorm.io/gorm"
)

// CountStatements counts, from now on, the statements db runs whose SQL
// counts says to (call it once per db and test). Subqueries gorm builds
// dry, to embed them in another statement, are not statements.
func CountStatements(t testing.TB, db *gorm.DB, counts func(sql string) bool) *atomic.Int64 {
	t.Helper()
	n := &atomic.Int64{}
	count := func(tx *gorm.DB) {
		if !tx.DryRun && counts(tx.Statement.SQL.String()) {
			n.Add(1)
		}
	}
	cb := db.Callback()
	name := "testkit:count:" + t.Name()
	for _, err := range []error{
		cb.Query().After("gorm:query").Register(name, count),
		cb.Row().After("gorm:row").Register(name, count),
		cb.Raw().After("gorm:raw").Register(name, count),
		cb.Create().After("gorm:create").Register(name, count),
		cb.Update().After("gorm:update").Register(name, count),
		cb.Delete().After("gorm:delete").Register(name, count),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return n
}

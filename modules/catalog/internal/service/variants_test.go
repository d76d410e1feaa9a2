package service_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	goredis "github.com/redis/go-redis/v9"
	"go.uber.org/fx"

	"bazaar/modules/catalog"
	"bazaar/modules/catalog/internal/cache"
	"bazaar/modules/catalog/internal/service"
	"bazaar/modules/catalog/internal/store"
	"bazaar/modules/catalog/module"
	"bazaar/platform/testkit"
)

// Variants answers from memory what the catalog's versions vouch for, and
// sees every change made through the catalog at once, on this replica or
// another (each with its own memory, sharing the database and Redis).
func TestVariantsStayCurrent(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var f fixture
		var rdb goredis.UniversalClient
		testkit.Start(t, b, module.Module, fx.Populate(&f.db, &f.ob, &rdb))
		replica := func() *service.Service {
			return service.New(store.New(f.db), f.ob, cache.New(rdb, slog.Default()))
		}
		here, there := replica(), replica()
		ctx := context.Background()
		id := f.product(t, 10)[0]
		reads := testkit.CountStatements(t, f.db, func(sql string) bool { return strings.Contains(sql, "catalog_variants") })
		// variant reads id on svc and returns it with the statements it took.
		variant := func(svc *service.Service) (catalog.Variant, int64) {
			t.Helper()
			reads.Store(0)
			got, err := svc.Variants(ctx, []string{id})
			if err != nil || got[id].ID != id {
				t.Fatalf("variants: %+v %v", got, err)
			}
			return got[id], reads.Load()
		}
		for i, want := range []int64{1, 1, 0, 0} { // read, read under its versions, then memory
			if _, n := variant(here); n != want {
				t.Fatalf("read %d took %d statements, want %d", i, n, want)
			}
		}

		// Stock held on another replica.
		if err := there.Reserve(ctx, "r1", []catalog.Line{{VariantID: id, Quantity: 4}}); err != nil {
			t.Fatal(err)
		}
		if v, n := variant(here); v.Available != 6 || n != 1 {
			t.Fatalf("after another replica's hold: available %d (%d statements), want 6 read afresh", v.Available, n)
		}
		// A price changed on another replica.
		price := int64(1500)
		if _, err := there.UpdateVariant(ctx, id, service.VariantInput{Price: &price}); err != nil {
			t.Fatal(err)
		}
		if v, _ := variant(here); v.Price.Amount != 1500 {
			t.Fatalf("after another replica's price change: %d", v.Price.Amount)
		}
		// An import writes in bulk and bumps only the listings.
		if err := f.db.Exec("UPDATE catalog_variants SET price = 1700 WHERE id = ?", id).Error; err != nil {
			t.Fatal(err)
		}
		cache.New(rdb, slog.Default()).Bump(ctx)
		if v, _ := variant(here); v.Price.Amount != 1700 {
			t.Fatalf("after an import: price %d", v.Price.Amount)
		}
		// Stock released here.
		if err := here.Release(ctx, "r1"); err != nil {
			t.Fatal(err)
		}
		if v, _ := variant(here); v.Available != 10 {
			t.Fatalf("after a release: available %d", v.Available)
		}
		if _, n := variant(here); n != 0 {
			t.Fatalf("an unchanged variant took %d statements, want none", n)
		}
	})
}

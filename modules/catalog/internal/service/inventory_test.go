package service_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"go.uber.org/fx"
	"gorm.io/gorm"

	"bazaar/modules/catalog"
	"bazaar/modules/catalog/internal/service"
	"bazaar/modules/catalog/internal/store"
	"bazaar/modules/catalog/module"
	"bazaar/platform/outbox"
	"bazaar/platform/testkit"
)

type fixture struct {
	svc catalog.Service
	db  *gorm.DB
	ob  *outbox.Outbox
}

// product makes an active product with one variant per stock level.
func (f fixture) product(t *testing.T, onHand ...int) []string {
	t.Helper()
	now := time.Now().UTC()
	pid := store.NewID()
	p := store.Product{ID: pid, Slug: "p-" + pid, Name: "P", Status: "active", Attributes: "{}", Images: "[]",
		Price: 1000, Currency: "EUR", InStock: true, CreatedAt: now, UpdatedAt: now}
	var vs []store.Variant
	var ids []string
	for i, n := range onHand {
		v := store.Variant{ID: store.NewID(), ProductID: pid, SKU: fmt.Sprintf("SKU-%s-%d", pid, i), Options: "{}",
			Price: 1000, Currency: "EUR", OnHand: n, Position: i, CreatedAt: now, UpdatedAt: now}
		vs = append(vs, v)
		ids = append(ids, v.ID)
	}
	if err := store.New(f.db).Bulk(context.Background(), []store.Product{p}, vs); err != nil {
		t.Fatal(err)
	}
	return ids
}

func (f fixture) stock(t *testing.T, variantID string) (onHand, reserved int) {
	t.Helper()
	var v store.Variant
	if err := f.db.Where("id = ?", variantID).Take(&v).Error; err != nil {
		t.Fatal(err)
	}
	return v.OnHand, v.Reserved
}

func setup(t *testing.T, b testkit.Backend) fixture {
	var f fixture
	testkit.Start(t, b, module.Module, fx.Populate(&f.svc, &f.db, &f.ob))
	return f
}

// 200 shoppers race for 10 units: exactly 10 get one, stock never goes negative.
func TestReserveNeverOversells(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		f := setup(t, b)
		v := f.product(t, 10)[0]
		ctx := context.Background()
		var wg sync.WaitGroup
		results := make(chan error, 200)
		for i := range 200 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results <- f.svc.Reserve(ctx, fmt.Sprintf("order-%d", i), []catalog.Line{{VariantID: v, Quantity: 1}})
			}()
		}
		wg.Wait()
		close(results)
		ok, short := 0, 0
		for err := range results {
			switch {
			case err == nil:
				ok++
			case errors.Is(err, catalog.ErrInsufficientStock):
				short++
			default:
				t.Fatalf("unexpected error: %v", err)
			}
		}
		onHand, reserved := f.stock(t, v)
		if ok != 10 || short != 190 || onHand != 10 || reserved != 10 {
			t.Fatalf("%d reserved, %d short; on hand %d, reserved %d", ok, short, onHand, reserved)
		}
		// Selling them all leaves zero, never less.
		for i := range 200 {
			err := f.svc.Commit(ctx, fmt.Sprintf("order-%d", i))
			if err != nil && !errors.Is(err, catalog.ErrReservationNotFound) {
				t.Fatal(err)
			}
		}
		if onHand, reserved := f.stock(t, v); onHand != 0 || reserved != 0 {
			t.Fatalf("after commits: on hand %d, reserved %d", onHand, reserved)
		}
		var moves int64
		f.db.Model(&store.Movement{}).Where("variant_id = ? AND reason = 'sale'", v).Count(&moves)
		if moves != 10 {
			t.Fatalf("%d sale movements", moves)
		}
		var inStock bool
		f.db.Table("catalog_products").Joins("JOIN catalog_variants v ON v.product_id = catalog_products.id").
			Where("v.id = ?", v).Pluck("in_stock", &inStock)
		if inStock {
			t.Fatal("a sold-out product must not be in stock")
		}
	})
}

func TestReserveIsAllOrNothingAndIdempotent(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		f := setup(t, b)
		ids := f.product(t, 5, 1)
		ctx := context.Background()
		err := f.svc.Reserve(ctx, "r1", []catalog.Line{{VariantID: ids[0], Quantity: 3}, {VariantID: ids[1], Quantity: 2}})
		var short *catalog.ShortError
		if !errors.As(err, &short) || len(short.Lines) != 1 || short.Lines[0].VariantID != ids[1] || short.Lines[0].Available != 1 {
			t.Fatalf("short: %v", err)
		}
		if _, reserved := f.stock(t, ids[0]); reserved != 0 {
			t.Fatal("a failed reservation must hold nothing")
		}
		lines := []catalog.Line{{VariantID: ids[0], Quantity: 2}, {VariantID: ids[0], Quantity: 1}, {VariantID: ids[1], Quantity: 1}}
		for range 3 {
			if err := f.svc.Reserve(ctx, "r2", lines); err != nil {
				t.Fatal(err)
			}
		}
		if _, reserved := f.stock(t, ids[0]); reserved != 3 {
			t.Fatalf("reserving twice held twice: %d", reserved)
		}
		if err := f.svc.Release(ctx, "r2"); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Release(ctx, "r2"); err != nil {
			t.Fatalf("release twice: %v", err)
		}
		if _, reserved := f.stock(t, ids[0]); reserved != 0 {
			t.Fatalf("after release: %d", reserved)
		}
		if err := f.svc.Commit(ctx, "r2"); !errors.Is(err, catalog.ErrReservationClosed) {
			t.Fatalf("commit after release: %v", err)
		}
		if err := f.svc.Commit(ctx, "nope"); !errors.Is(err, catalog.ErrReservationNotFound) {
			t.Fatalf("unknown: %v", err)
		}
		if err := f.svc.Reserve(ctx, "r3", []catalog.Line{{VariantID: "missing", Quantity: 1}}); !errors.Is(err, catalog.ErrVariantNotFound) {
			t.Fatalf("unknown variant: %v", err)
		}
		if err := f.svc.Reserve(ctx, "r4", []catalog.Line{{VariantID: ids[0], Quantity: 0}}); err == nil {
			t.Fatal("zero quantity accepted")
		}
		// The database itself refuses negative stock.
		if err := f.db.Exec("UPDATE catalog_variants SET reserved = -1 WHERE id = ?", ids[0]).Error; err == nil {
			t.Fatal("CHECK must refuse reserved < 0")
		}
		if err := f.db.Exec("UPDATE catalog_variants SET reserved = on_hand + 1 WHERE id = ?", ids[0]).Error; err == nil {
			t.Fatal("CHECK must refuse reserved > on_hand")
		}
	})
}

func TestExpiredHoldsAreReleased(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		f := setup(t, b)
		v := f.product(t, 4)[0]
		ctx := context.Background()
		f.svc.Reserve(ctx, "stale", []catalog.Line{{VariantID: v, Quantity: 3}})
		f.svc.Reserve(ctx, "fresh", []catalog.Line{{VariantID: v, Quantity: 1}})
		f.db.Exec("UPDATE catalog_reservations SET expires_at = ? WHERE id = 'stale'", time.Now().UTC().Add(-time.Second))
		n, err := f.svc.(*service.Service).ExpireHolds(ctx)
		if err != nil || n != 1 {
			t.Fatalf("expired %d, %v", n, err)
		}
		if _, reserved := f.stock(t, v); reserved != 1 {
			t.Fatalf("reserved %d after expiry", reserved)
		}
		if err := f.svc.Commit(ctx, "stale"); !errors.Is(err, catalog.ErrReservationClosed) {
			t.Fatalf("commit of an expired hold: %v", err)
		}
		if err := f.svc.Commit(ctx, "fresh"); err != nil {
			t.Fatal(err)
		}
	})
}

func TestVariantsLookup(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		f := setup(t, b)
		ids := f.product(t, 7)
		got, err := f.svc.Variants(context.Background(), []string{ids[0], "missing"})
		if err != nil || len(got) != 1 {
			t.Fatalf("%v %v", got, err)
		}
		v := got[ids[0]]
		if v.Available != 7 || !v.Active || v.Price.Amount != 1000 || v.Price.Currency != "EUR" || v.ProductSlug == "" {
			t.Fatalf("variant %+v", v)
		}
	})
}

package service_test

import (
	"context"
	"testing"
	"time"

	"go.uber.org/fx"
	"gorm.io/gorm"

	"bazaar/modules/cart"
	"bazaar/modules/cart/internal/service"
	"bazaar/modules/cart/internal/store"
	"bazaar/modules/catalog"
	catalogmodule "bazaar/modules/catalog/module"
	"bazaar/platform/outbox"
	"bazaar/platform/testkit"
)

// The documented rounding rule, case by case.
func TestDiscountAmount(t *testing.T) {
	for _, tc := range []struct {
		kind            string
		value, subtotal int64
		want            int64
	}{
		{"percent", 1000, 3333, 333},   // 333.3 → 333
		{"percent", 1500, 3333, 500},   // 499.95 → 500 (half up)
		{"percent", 1250, 1000, 125},   // exact
		{"percent", 5000, 1, 1},        // 0.5 → 1
		{"percent", 3333, 3, 1},        // 0.9999 → 1
		{"percent", 10000, 4599, 4599}, // 100 %
		{"percent", 1, 49, 0},          // 0.0049 → 0
		{"fixed", 500, 4999, 500},
		{"fixed", 500, 300, 300}, // never more than the subtotal
		{"fixed", 500, 0, 0},
	} {
		if got := service.DiscountAmount(tc.kind, tc.value, tc.subtotal); got != tc.want {
			t.Errorf("%s %d of %d = %d, want %d", tc.kind, tc.value, tc.subtotal, got, tc.want)
		}
	}
}

type fixture struct {
	svc *service.Service
	db  *gorm.DB
	cat catalog.Service
	ob  *outbox.Outbox
}

func setup(t *testing.T, b testkit.Backend, opts ...fx.Option) *fixture {
	f := &fixture{}
	testkit.Start(t, b, append(opts, catalogmodule.Module, fx.Populate(&f.db, &f.cat, &f.ob))...)
	f.svc = f.replica()
	return f
}

// replica is another process's cart service on the same database.
func (f *fixture) replica() *service.Service { return service.New(store.New(f.db), f.cat, f.ob) }

// variant inserts an active single-variant product with stock.
func (f *fixture) variant(t *testing.T, sku string, onHand int) string {
	t.Helper()
	now := time.Now().UTC()
	pid, vid := store.NewID(), store.NewID()
	if err := f.db.Exec(`INSERT INTO catalog_products (id, slug, name, description, status, category_path, attributes, images, price, currency, in_stock, created_at, updated_at)
		VALUES (?, ?, ?, '', 'active', '', '{}', '[]', 1000, 'EUR', ?, ?, ?)`, pid, "p-"+sku, "Product "+sku, onHand > 0, now, now).Error; err != nil {
		t.Fatal(err)
	}
	if err := f.db.Exec(`INSERT INTO catalog_variants (id, product_id, sku, options, price, currency, on_hand, reserved, position, created_at, updated_at)
		VALUES (?, ?, ?, '{}', 1000, 'EUR', ?, 0, 0, ?, ?)`, vid, pid, sku, onHand, now, now).Error; err != nil {
		t.Fatal(err)
	}
	return vid
}

func quantities(c cart.Cart) map[string]int {
	out := map[string]int{}
	for _, l := range c.Lines {
		out[l.VariantID] = l.Quantity
	}
	return out
}

// Merging a guest cart into a user's cart, case by case.
func TestMerge(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		f := setup(t, b)
		ctx := context.Background()
		a, bb, scarce, gone := f.variant(t, "A", 50), f.variant(t, "B", 50), f.variant(t, "SCARCE", 4), f.variant(t, "GONE", 3)
		for _, tc := range []struct {
			name        string
			guest, user map[string]int
			soldOut     bool
			want        map[string]int
			warnings    int
		}{
			{"guest only", map[string]int{a: 2}, nil, false, map[string]int{a: 2}, 0},
			{"user only", nil, map[string]int{a: 1}, false, map[string]int{a: 1}, 0},
			{"distinct lines", map[string]int{a: 2}, map[string]int{bb: 1}, false, map[string]int{a: 2, bb: 1}, 0},
			{"same variant adds up", map[string]int{a: 2}, map[string]int{a: 3}, false, map[string]int{a: 5}, 0},
			{"capped at availability", map[string]int{scarce: 3}, map[string]int{scarce: 2}, false, map[string]int{scarce: 4}, 1},
			{"user already has the most", map[string]int{scarce: 1}, map[string]int{scarce: 4}, false, map[string]int{scarce: 4}, 1},
			{"unavailable left out", map[string]int{gone: 1, a: 1}, nil, true, map[string]int{a: 1}, 1},
		} {
			t.Run(tc.name, func(t *testing.T) {
				user, guest := "user-"+store.NewID(), "guest-"+store.NewID()
				for v, q := range tc.guest {
					if _, err := f.svc.AddItem(ctx, cart.Owner{GuestKey: guest}, v, q); err != nil {
						t.Fatal(err)
					}
				}
				for v, q := range tc.user {
					if _, err := f.svc.AddItem(ctx, cart.Owner{UserID: user}, v, q); err != nil {
						t.Fatal(err)
					}
				}
				if tc.soldOut {
					// Someone's order holds the last units (through the catalog, which
					// tells its readers: its variants are kept in memory).
					if err := f.cat.Reserve(ctx, "hold-"+store.NewID(), []catalog.Line{{VariantID: gone, Quantity: 3}}); err != nil {
						t.Fatal(err)
					}
				}
				merged, err := f.svc.Merge(ctx, user, guest)
				if err != nil {
					t.Fatal(err)
				}
				got := quantities(merged)
				if len(got) != len(tc.want) {
					t.Fatalf("lines %v, want %v", got, tc.want)
				}
				for v, q := range tc.want {
					if got[v] != q {
						t.Fatalf("lines %v, want %v", got, tc.want)
					}
				}
				mergeWarnings := 0
				for _, w := range merged.Warnings {
					if w.Kind == "merged" {
						mergeWarnings++
					}
				}
				if mergeWarnings != tc.warnings {
					t.Fatalf("%d merge warnings, want %d: %+v", mergeWarnings, tc.warnings, merged.Warnings)
				}
				// Merging twice changes nothing; the guest cart is closed.
				again, err := f.svc.Merge(ctx, user, guest)
				if err != nil {
					t.Fatal(err)
				}
				if g := quantities(again); len(g) != len(got) {
					t.Fatalf("second merge changed the cart: %v → %v", got, g)
				}
				for v, q := range got {
					if quantities(again)[v] != q {
						t.Fatalf("second merge changed %s", v)
					}
				}
				if guestCart, _ := f.svc.Current(ctx, cart.Owner{GuestKey: guest}); guestCart.ID != "" {
					t.Fatal("the guest cart should be closed")
				}
			})
		}
	})
}

func TestMarkConverted(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		f := setup(t, b)
		ctx := context.Background()
		v := f.variant(t, "A", 5)
		c, _ := f.svc.AddItem(ctx, cart.Owner{UserID: "u1"}, v, 1)
		for range 2 {
			if err := f.svc.MarkConverted(ctx, c.ID, "order-1"); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.svc.MarkConverted(ctx, c.ID, "order-2"); err == nil {
			t.Fatal("a converted cart cannot become another order")
		}
		if cur, _ := f.svc.Current(ctx, cart.Owner{UserID: "u1"}); cur.ID != "" {
			t.Fatal("after conversion the user has no open cart")
		}
		if err := f.svc.MarkConverted(ctx, "missing", "o"); err == nil {
			t.Fatal("unknown cart")
		}
	})
}

func TestSweep(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		f := setup(t, b)
		ctx := context.Background()
		v := f.variant(t, "A", 50)
		old, _ := f.svc.AddItem(ctx, cart.Owner{GuestKey: "old-guest"}, v, 1)
		idle, _ := f.svc.AddItem(ctx, cart.Owner{UserID: "idle-user"}, v, 2)
		fresh, _ := f.svc.AddItem(ctx, cart.Owner{UserID: "busy-user"}, v, 1)
		now := time.Now().UTC()
		f.db.Exec("UPDATE cart_carts SET updated_at = ? WHERE id = ?", now.Add(-31*24*time.Hour), old.ID)
		f.db.Exec("UPDATE cart_carts SET updated_at = ? WHERE id = ?", now.Add(-25*time.Hour), idle.ID)
		deleted, abandoned, err := f.svc.Sweep(ctx)
		if err != nil || deleted != 1 || abandoned != 1 {
			t.Fatalf("sweep: deleted %d, abandoned %d, %v", deleted, abandoned, err)
		}
		if _, abandoned, _ = f.svc.Sweep(ctx); abandoned != 0 {
			t.Fatal("an abandoned cart is reported once")
		}
		var n int64
		f.db.Table("cart_carts").Where("id IN ?", []string{idle.ID, fresh.ID}).Count(&n)
		if n != 2 {
			t.Fatal("user carts must stay")
		}
		// Activity clears the flag, so a later idle spell is reported again.
		if _, err := f.svc.AddItem(ctx, cart.Owner{UserID: "idle-user"}, v, 1); err != nil {
			t.Fatal(err)
		}
		f.db.Exec("UPDATE cart_carts SET updated_at = ? WHERE id = ?", now.Add(-25*time.Hour), idle.ID)
		if _, abandoned, _ = f.svc.Sweep(ctx); abandoned != 1 {
			t.Fatal("a new idle spell should be reported")
		}
	})
}

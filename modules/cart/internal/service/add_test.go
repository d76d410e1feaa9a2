package service_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"bazaar/modules/cart"
	"bazaar/modules/cart/internal/service"
	"bazaar/platform/outbox"
	"bazaar/platform/testkit"
)

// countStatements counts the statements on cart and catalog tables from
// now on (call it once per test).
func countStatements(t *testing.T, db *gorm.DB) *atomic.Int64 {
	return testkit.CountStatements(t, db, func(sql string) bool {
		return strings.Contains(sql, "cart_") || strings.Contains(sql, "catalog_")
	})
}

// Concurrent adds share their statements (group commit), yet each is
// decided on its own line: refusals fail only themselves, every accepted
// add is in its cart and published once.
func TestConcurrentAddsOfManyShoppers(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var mu sync.Mutex
		events := map[string]int{} // cart ID → quantity added, from CartItemAdded
		f := setup(t, b, outbox.AsSubscriber(func() outbox.Subscriber {
			return outbox.Subscriber{Topic: cart.TopicItemAdded, Name: "test", Handle: func(_ context.Context, m outbox.Message) error {
				var ev cart.ItemAdded
				if err := json.Unmarshal(m.Payload, &ev); err != nil {
					return err
				}
				mu.Lock()
				events[ev.CartID] += ev.Quantity
				mu.Unlock()
				return nil
			}}
		}))
		ctx := context.Background()
		plenty, scarce, big := f.variant(t, "PLENTY", 500), f.variant(t, "SCARCE", 3), f.variant(t, "BIG", 500)
		// One shopper is one short of the 99 cap before the burst.
		if _, err := f.svc.AddItem(ctx, cart.Owner{GuestKey: "full"}, big, 98); err != nil {
			t.Fatal(err)
		}

		type shopper struct {
			owner   cart.Owner
			variant string
			qty     int
			want    error // nil: accepted
		}
		var shoppers []shopper
		for i := range 60 {
			o := cart.Owner{GuestKey: fmt.Sprintf("guest-%d", i)}
			if i%2 == 1 {
				o = cart.Owner{UserID: fmt.Sprintf("user-%d", i)}
			}
			shoppers = append(shoppers, shopper{o, plenty, 1 + i%3, nil})
		}
		shoppers = append(shoppers,
			shopper{cart.Owner{GuestKey: "greedy"}, scarce, 5, service.NotEnough{}},
			shopper{cart.Owner{GuestKey: "full"}, big, 2, service.ErrBadQuantity},
			shopper{cart.Owner{UserID: "lost"}, "no-such-variant", 1, service.ErrVariantNotFound},
		)
		statements := countStatements(t, f.db)
		// Another writer holds the cart tables while the shoppers arrive, so
		// the first batches wait to write and the others queue behind them,
		// as under load.
		lock := holdWrites(t, f, b)
		got := make([]cart.Cart, len(shoppers))
		errs := make([]error, len(shoppers))
		var wg sync.WaitGroup
		for i, s := range shoppers {
			wg.Go(func() { got[i], errs[i] = f.svc.AddItem(ctx, s.owner, s.variant, s.qty) })
		}
		time.Sleep(300 * time.Millisecond)
		if err := lock.Commit().Error; err != nil {
			t.Fatal(err)
		}
		wg.Wait()
		n := statements.Load()

		added := map[string]int{}
		for i, s := range shoppers {
			var notEnough service.NotEnough
			switch {
			case s.want == nil && errs[i] != nil:
				t.Fatalf("shopper %d: %v", i, errs[i])
			case s.want == nil:
				if q := quantities(got[i]); len(q) != 1 || q[s.variant] != s.qty || got[i].ID == "" {
					t.Fatalf("shopper %d sees %+v, want %d of %s", i, got[i], s.qty, s.variant)
				}
				cur, err := f.svc.Current(ctx, s.owner)
				if err != nil || cur.ID != got[i].ID || quantities(cur)[s.variant] != s.qty {
					t.Fatalf("shopper %d's cart now: %+v %v", i, cur, err)
				}
				added[got[i].ID] = s.qty
			case errors.As(s.want, &notEnough):
				if !errors.As(errs[i], &notEnough) || notEnough.Available != 3 {
					t.Fatalf("shopper %d: %v, want only 3 available", i, errs[i])
				}
			case !errors.Is(errs[i], s.want):
				t.Fatalf("shopper %d: %v, want %v", i, errs[i], s.want)
			}
		}
		if full, _ := f.svc.Current(ctx, cart.Owner{GuestKey: "full"}); quantities(full)[big] != 98 {
			t.Fatalf("a refused add changed the line: %+v", full.Lines)
		}
		// Alone, an add costs 5 statements (carts, lines, the catalog's
		// variants with their products, cart upsert, line upsert); together
		// far fewer each.
		if limit := int64(len(shoppers) * 5 / 4); n > limit {
			t.Fatalf("%d concurrent adds ran %d statements, want at most %d", len(shoppers), n, limit)
		}
		testkit.Eventually(t, 10*time.Second, "one CartItemAdded per accepted add", func() bool {
			mu.Lock()
			defer mu.Unlock()
			if len(events) != len(added)+1 { // + the "full" shopper's first add
				return false
			}
			for id, q := range added {
				if events[id] != q {
					return false
				}
			}
			return true
		})
	})
}

// One add on its own: its statements, counted (no N+1, nothing twice):
// the catalog's variants with their products (unless the catalog vouches
// for what it read before), the cart upsert, the line upsert, and the
// cart's lines unless this process knows them at the version the upsert
// returned.
func TestAddStatements(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		f := setup(t, b)
		ctx := context.Background()
		a, bb := f.variant(t, "A", 50), f.variant(t, "B", 50)
		owner := cart.Owner{GuestKey: "counted"}
		statements := countStatements(t, f.db)
		other := f.replica()
		for i, step := range []struct {
			svc  *service.Service
			v    string
			want int64
		}{
			{f.svc, a, 3},  // a new cart: nothing of it to read
			{f.svc, bb, 3}, // its lines are known from the last add; the catalog reads A again, now under its versions
			{f.svc, a, 3},  // the catalog reads B again the same way, A it has
			{other, bb, 3}, // another process reads the lines after its write; the catalog has both
			{f.svc, a, 3},  // and this one again: the other's add changed the cart's version
			{f.svc, bb, 2}, // the two upserts alone
		} {
			statements.Store(0)
			c, err := step.svc.AddItem(ctx, owner, step.v, 1)
			if err != nil {
				t.Fatal(err)
			}
			if n := statements.Load(); n != step.want {
				t.Fatalf("add %d ran %d statements, want %d", i, n, step.want)
			}
			if c.ItemCount == 0 || c.Subtotal.Amount != int64(c.ItemCount)*1000 {
				t.Fatalf("cart %+v", c)
			}
		}
	})
}

// holdWrites starts a transaction that keeps adds from writing (they still
// read) until it commits: what another writer does in it lands between an
// add's read and its write.
func holdWrites(t *testing.T, f *fixture, b testkit.Backend) *gorm.DB {
	t.Helper()
	tx := f.db.Begin() // SQLite: BEGIN IMMEDIATE takes the write lock
	if b.Name == "postgres" {
		if err := tx.Exec("LOCK TABLE cart_carts IN EXCLUSIVE MODE").Error; err != nil {
			t.Fatal(err)
		}
	}
	return tx
}

// An add whose cart or line changed between its read and its write is
// decided on what is there when it writes.
func TestAddRacingAnotherWriter(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		f := setup(t, b)
		ctx := context.Background()
		a, other := f.variant(t, "A", 500), f.variant(t, "OTHER", 500)
		now := time.Now().UTC()
		addLater := func(owner cart.Owner, qty int) func() (cart.Cart, error) {
			var c cart.Cart
			var err error
			done := make(chan struct{})
			go func() { c, err = f.svc.AddItem(ctx, owner, a, qty); close(done) }()
			time.Sleep(300 * time.Millisecond) // it has read and waits to write
			return func() (cart.Cart, error) { <-done; return c, err }
		}

		t.Run("cart made meanwhile", func(t *testing.T) {
			owner := cart.Owner{GuestKey: "made-meanwhile"}
			tx := holdWrites(t, f, b)
			result := addLater(owner, 1)
			id := "cart-made-meanwhile"
			tx.Exec(`INSERT INTO cart_carts (id, guest_key, status, currency, created_at, updated_at) VALUES (?, ?, 'open', 'EUR', ?, ?)`, id, owner.GuestKey, now, now)
			tx.Exec(`INSERT INTO cart_items (id, cart_id, variant_id, quantity, unit_price, created_at, updated_at) VALUES ('line-other', ?, ?, 2, 1000, ?, ?)`, id, other, now, now)
			if err := tx.Commit().Error; err != nil {
				t.Fatal(err)
			}
			c, err := result()
			if err != nil {
				t.Fatal(err)
			}
			if q := quantities(c); c.ID != id || len(q) != 2 || q[a] != 1 || q[other] != 2 {
				t.Fatalf("the add answered %s %v, want cart %s with both lines", c.ID, q, id)
			}
		})

		t.Run("line filled meanwhile", func(t *testing.T) {
			owner := cart.Owner{GuestKey: "filled-meanwhile"}
			before, err := f.svc.AddItem(ctx, owner, a, 1)
			if err != nil {
				t.Fatal(err)
			}
			tx := holdWrites(t, f, b)
			result := addLater(owner, 2) // 1 + 2 fits as read
			tx.Exec("UPDATE cart_items SET quantity = 98 WHERE cart_id = ?", before.ID)
			if err := tx.Commit().Error; err != nil {
				t.Fatal(err)
			}
			if _, err := result(); !errors.Is(err, service.ErrBadQuantity) {
				t.Fatalf("98 + 2: %v, want the 99 cap", err)
			}
			if c, _ := f.svc.Current(ctx, owner); quantities(c)[a] != 98 {
				t.Fatalf("the refused add changed the line: %v", quantities(c))
			}
		})
	})
}

// An add answers with the cart as it is, whatever another process (or this
// one, outside adds) wrote to it since this process last added to it: the
// lines this process keeps are trusted only at the version it wrote.
func TestAddSeesOtherWriters(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		f := setup(t, b)
		ctx := context.Background()
		a, bb, c, d := f.variant(t, "A", 50), f.variant(t, "B", 50), f.variant(t, "C", 50), f.variant(t, "D", 50)
		other := f.replica()
		lineOf := func(cc cart.Cart, variant string) string {
			for _, l := range cc.Lines {
				if l.VariantID == variant {
					return l.ID
				}
			}
			t.Fatalf("no line of %s in %+v", variant, cc)
			return ""
		}
		for _, tc := range []struct {
			name   string
			owner  cart.Owner
			before func(cc cart.Cart) error // by the other process, after this one's first add (of A)
			want   map[string]int           // after this process's second add (of B)
		}{
			{"a quantity changed", cart.Owner{GuestKey: "set"}, func(cc cart.Cart) error {
				_, err := other.SetQuantity(ctx, cart.Owner{GuestKey: "set"}, lineOf(cc, a), 3)
				return err
			}, map[string]int{a: 3, bb: 1}},
			{"a line removed", cart.Owner{GuestKey: "removed"}, func(cc cart.Cart) error {
				_, err := other.RemoveItem(ctx, cart.Owner{GuestKey: "removed"}, lineOf(cc, a))
				return err
			}, map[string]int{bb: 1}},
			{"a line added", cart.Owner{GuestKey: "added"}, func(cart.Cart) error {
				_, err := other.AddItem(ctx, cart.Owner{GuestKey: "added"}, c, 2)
				return err
			}, map[string]int{a: 1, c: 2, bb: 1}},
			{"a guest cart merged in", cart.Owner{UserID: "merged-user"}, func(cart.Cart) error {
				if _, err := other.AddItem(ctx, cart.Owner{GuestKey: "merged-guest"}, d, 4); err != nil {
					return err
				}
				_, err := other.Merge(ctx, "merged-user", "merged-guest")
				return err
			}, map[string]int{a: 1, d: 4, bb: 1}},
			// The new cart's version after this add is the old one's after the
			// first: only the cart's ID tells them apart.
			{"ordered, and a new cart started", cart.Owner{GuestKey: "ordered"}, func(cc cart.Cart) error {
				if err := other.MarkConverted(ctx, cc.ID, "order-1"); err != nil {
					return err
				}
				_, err := other.AddItem(ctx, cart.Owner{GuestKey: "ordered"}, c, 2)
				return err
			}, map[string]int{c: 2, bb: 1}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				first, err := f.svc.AddItem(ctx, tc.owner, a, 1)
				if err != nil {
					t.Fatal(err)
				}
				if err := tc.before(first); err != nil {
					t.Fatal(err)
				}
				got, err := f.svc.AddItem(ctx, tc.owner, bb, 1)
				if err != nil {
					t.Fatal(err)
				}
				if q := quantities(got); !maps.Equal(q, tc.want) {
					t.Fatalf("the add answered %v, want %v", q, tc.want)
				}
				current, err := f.svc.Current(ctx, tc.owner)
				if err != nil {
					t.Fatal(err)
				}
				if q := quantities(current); !maps.Equal(q, tc.want) {
					t.Fatalf("the cart holds %v, want %v", q, tc.want)
				}
			})
		}
	})
}

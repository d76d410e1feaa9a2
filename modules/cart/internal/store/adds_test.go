package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"go.uber.org/fx"
	"gorm.io/gorm"

	"bazaar/modules/cart/internal/store"
	"bazaar/platform/testkit"
)

func open(t *testing.T, b testkit.Backend) *store.Store {
	var db *gorm.DB
	testkit.Start(t, b, fx.Populate(&db))
	return store.New(db)
}

func guest(key string) store.Cart {
	now := time.Now().UTC()
	return store.Cart{ID: store.NewID(), GuestKey: &key, Currency: "EUR", CreatedAt: now, UpdatedAt: now}
}

func user(id string) store.Cart {
	c := guest("")
	c.GuestKey, c.UserID = nil, &id
	return c
}

// EnsureCarts creates missing carts and touches existing ones (clearing
// the abandoned flag), for guests and users in one call.
func TestEnsureCarts(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := open(t, b)
		ctx := context.Background()
		first, err := s.EnsureCarts(ctx, []store.Cart{guest("g1"), user("u1")})
		if err != nil || len(first) != 2 {
			t.Fatalf("create: %+v %v", first, err)
		}
		for _, c := range first {
			if _, err := s.MarkAbandoned(ctx, c.ID, time.Now().UTC()); err != nil {
				t.Fatal(err)
			}
		}
		again, err := s.EnsureCarts(ctx, []store.Cart{user("u1"), guest("g1"), guest("g2")})
		if err != nil || len(again) != 3 {
			t.Fatalf("ensure: %+v %v", again, err)
		}
		ids := map[string]bool{}
		for _, c := range again {
			ids[c.ID] = true
		}
		for _, c := range first {
			if !ids[c.ID] {
				t.Fatalf("cart %s was not kept", c.ID)
			}
			if row, _ := s.CartByID(ctx, c.ID); row.AbandonedAt != nil {
				t.Fatalf("cart %s is still flagged abandoned", c.ID)
			}
		}
	})
}

// An add moves a cart's updated_at to now only once it is older than
// TouchEvery, so the frequent adds of one shopping spell leave the idle
// index alone; the sweeps still see a stale cart come back to life.
func TestEnsureCartsTouchesStaleCartsOnly(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := open(t, b)
		ctx := context.Background()
		start := time.Now().UTC().Truncate(time.Millisecond)
		at := func(c store.Cart, t time.Time) store.Cart { c.CreatedAt, c.UpdatedAt = t, t; return c }
		made, err := s.EnsureCarts(ctx, []store.Cart{at(guest("g"), start)})
		if err != nil || len(made) != 1 {
			t.Fatalf("create: %+v %v", made, err)
		}
		updated := func() time.Time {
			row, err := s.CartByID(ctx, made[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			return row.UpdatedAt.UTC()
		}
		for _, step := range []struct {
			after time.Duration
			want  time.Time
		}{
			{store.TouchEvery - time.Second, start},                                     // fresh: left alone
			{store.TouchEvery + time.Second, start.Add(store.TouchEvery + time.Second)}, // stale: now
		} {
			if _, err := s.EnsureCarts(ctx, []store.Cart{at(guest("g"), start.Add(step.after))}); err != nil {
				t.Fatal(err)
			}
			if got := updated(); !got.Equal(step.want) {
				t.Fatalf("add %s after creation: updated_at %s, want %s", step.after, got, step.want)
			}
		}
	})
}

// AddToLines decides each line on its own row: one past its limit stays
// as it is and is left out, the others are added to or created.
func TestAddToLines(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := open(t, b)
		ctx := context.Background()
		carts, err := s.EnsureCarts(ctx, []store.Cart{guest("a")})
		if err != nil {
			t.Fatal(err)
		}
		id := carts[0].ID
		if _, err := s.AddToLines(ctx, []store.LineAdd{
			{CartID: id, VariantID: "v1", Quantity: 5, Limit: 99, UnitPrice: 100},
			{CartID: id, VariantID: "v2", Quantity: 98, Limit: 99, UnitPrice: 100},
		}); err != nil {
			t.Fatal(err)
		}
		got, err := s.AddToLines(ctx, []store.LineAdd{
			{CartID: id, VariantID: "v1", Quantity: 2, Limit: 6, UnitPrice: 120}, // 7 > 6 available
			{CartID: id, VariantID: "v2", Quantity: 1, Limit: 99, UnitPrice: 120},
			{CartID: id, VariantID: "v3", Quantity: 3, Limit: 10, UnitPrice: 120},
		})
		if err != nil {
			t.Fatal(err)
		}
		returned := map[string]int{}
		for _, it := range got {
			returned[it.VariantID] = it.Quantity
		}
		if len(returned) != 2 || returned["v2"] != 99 || returned["v3"] != 3 {
			t.Fatalf("returned %v, want v2: 99, v3: 3", returned)
		}
		items, _ := s.Items(ctx, id)
		now := map[string]store.Item{}
		for _, it := range items {
			now[it.VariantID] = it
		}
		if v1 := now["v1"]; v1.Quantity != 5 || v1.UnitPrice != 100 {
			t.Fatalf("the refused line changed: %+v", v1)
		}
		if now["v2"].Quantity != 99 || now["v2"].UnitPrice != 120 || now["v3"].Quantity != 3 {
			t.Fatalf("lines now %+v", now)
		}
		// Past 99 is refused by the limit, not by the CHECK failing the statement.
		if got, err := s.AddToLines(ctx, []store.LineAdd{{CartID: id, VariantID: "v2", Quantity: 1, Limit: 99, UnitPrice: 1}}); err != nil || len(got) != 0 {
			t.Fatalf("100th unit: %+v %v", got, err)
		}
	})
}

// Batches of any size are written right on both databases, and on
// PostgreSQL their statements read their rows from arrays, so a batch of
// any size runs the statement pgx prepared for the first one (SQLite, in
// process, lists the values).
func TestBatchStatementsKeepTheirText(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var db *gorm.DB
		testkit.Start(t, b, fx.Populate(&db))
		s := store.New(db)
		ctx := context.Background()
		texts := map[string]bool{}
		testkit.CountStatements(t, db, func(sql string) bool {
			if strings.HasPrefix(sql, "INSERT INTO cart_") {
				texts[sql] = true
			}
			return false
		})
		for _, n := range []int{1, 3} {
			var carts []store.Cart
			for i := range n {
				carts = append(carts, guest(fmt.Sprintf("g%d-%d", n, i)))
			}
			made, err := s.EnsureCarts(ctx, carts)
			if err != nil || len(made) != n {
				t.Fatalf("%d carts: %+v %v", n, made, err)
			}
			var adds []store.LineAdd
			for _, c := range made {
				adds = append(adds, store.LineAdd{CartID: c.ID, VariantID: "v", Quantity: 1, Limit: 9, UnitPrice: 100})
			}
			if got, err := s.AddToLines(ctx, adds); err != nil || len(got) != n {
				t.Fatalf("%d lines: %+v %v", n, got, err)
			}
		}
		if b.Name == "postgres" && len(texts) != 2 {
			t.Fatalf("%d statement texts for batches of 1 and 3 carts, want 2 (one per statement):\n%v", len(texts), texts)
		}
	})
}

package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"bazaar/modules/accounts/internal/store"
	"bazaar/platform/testkit"
)

func open(t *testing.T, b testkit.Backend) *store.Store { return store.New(testkit.DB(t, b)) }

func newUser(email string) *store.User {
	now := time.Now().UTC()
	return &store.User{ID: store.NewID(), Email: email, Name: "N", PasswordHash: "h", Roles: "customer", CreatedAt: now, UpdatedAt: now}
}

func TestUsers(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s, ctx := open(t, b), context.Background()
		u := newUser("ada@example.com")
		if err := s.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateUser(ctx, newUser("ada@example.com")); !errors.Is(err, store.ErrEmailTaken) {
			t.Fatalf("duplicate email: %v", err)
		}
		got, err := s.UserByEmail(ctx, "ada@example.com")
		if err != nil || got.ID != u.ID || got.CreatedAt.Unix() != u.CreatedAt.Unix() {
			t.Fatalf("by email: %+v %v", got, err)
		}
		if _, err := s.UserByID(ctx, "missing"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("missing: %v", err)
		}
		if err := s.UpdateUser(ctx, "missing", map[string]any{"name": "x"}); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("update missing: %v", err)
		}
		if err := s.UpdateUser(ctx, u.ID, map[string]any{"roles": "customer,admin"}); err != nil {
			t.Fatal(err)
		}
		got, _ = s.UserByID(ctx, u.ID)
		if len(got.RoleList()) != 2 || got.RoleList()[1] != "admin" {
			t.Fatalf("roles %v", got.RoleList())
		}
	})
}

func TestListUsersKeyset(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s, ctx := open(t, b), context.Background()
		for _, e := range []string{"a_b@example.com", "axb@example.com", "c@example.com"} {
			if err := s.CreateUser(ctx, newUser(e)); err != nil {
				t.Fatal(err)
			}
		}
		page, next, err := s.ListUsers(ctx, "", "", 2)
		if err != nil || len(page) != 2 || next == "" || page[0].Email != "c@example.com" {
			t.Fatalf("page 1: %v %q %v", page, next, err)
		}
		page, next, _ = s.ListUsers(ctx, "", next, 2)
		if len(page) != 1 || next != "" || page[0].Email != "a_b@example.com" {
			t.Fatalf("page 2: %v %q", page, next)
		}
		// "_" is a literal, not LIKE's any-character.
		page, _, _ = s.ListUsers(ctx, "a_b", "", 10)
		if len(page) != 1 {
			t.Fatalf("escaped search found %d", len(page))
		}
		if _, _, err := s.ListUsers(ctx, "", "not-a-cursor", 2); !errors.Is(err, store.ErrBadCursor) {
			t.Fatalf("bad cursor: %v", err)
		}
	})
}

func TestOneDefaultAddressEnforcedByDatabase(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s, ctx := open(t, b), context.Background()
		u := newUser("ada@example.com")
		s.CreateUser(ctx, u)
		mk := func(def bool) *store.Address {
			now := time.Now().UTC()
			return &store.Address{ID: store.NewID(), UserID: u.ID, Name: "A", Line1: "l", City: "c", PostalCode: "p",
				Country: "DE", IsDefaultShipping: def, CreatedAt: now, UpdatedAt: now}
		}
		if err := s.SaveAddress(ctx, mk(true)); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveAddress(ctx, mk(false)); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveAddress(ctx, mk(true)); err == nil {
			t.Fatal("a second default address must be refused by the unique index")
		}
		if err := s.ClearDefault(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveAddress(ctx, mk(true)); err != nil {
			t.Fatalf("after clearing: %v", err)
		}
	})
}

func TestResetTokensAreSingleUse(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s, ctx := open(t, b), context.Background()
		u := newUser("ada@example.com")
		s.CreateUser(ctx, u)
		now := time.Now().UTC()
		r := &store.Reset{ID: store.NewID(), UserID: u.ID, TokenHash: "h1", ExpiresAt: now.Add(time.Hour), CreatedAt: now}
		if err := s.CreateReset(ctx, r); err != nil {
			t.Fatal(err)
		}
		// Two racing confirmations: exactly one wins.
		errs := make(chan error, 2)
		for range 2 {
			go func() {
				errs <- s.Tx(ctx, func(tx *store.Store) error { return tx.UseReset(ctx, r.ID, time.Now().UTC()) })
			}()
		}
		won := 0
		for range 2 {
			err := <-errs
			switch {
			case err == nil:
				won++
			case !errors.Is(err, store.ErrTokenFailed):
				t.Fatal(err)
			}
		}
		if won != 1 {
			t.Fatalf("%d confirmations won", won)
		}
		old := &store.Reset{ID: store.NewID(), UserID: u.ID, TokenHash: "h2", ExpiresAt: now.Add(-time.Second), CreatedAt: now}
		s.CreateReset(ctx, old)
		if err := s.UseReset(ctx, old.ID, now); !errors.Is(err, store.ErrTokenFailed) {
			t.Fatalf("expired: %v", err)
		}
	})
}

func TestDeletingAUserRemovesTheirData(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s, ctx := open(t, b), context.Background()
		u := newUser("ada@example.com")
		s.CreateUser(ctx, u)
		now := time.Now().UTC()
		s.CreateToken(ctx, &store.Token{ID: store.NewID(), UserID: u.ID, Name: "t", TokenHash: "x", CreatedAt: now})
		if err := s.DB().Exec("DELETE FROM accounts_users WHERE id = ?", u.ID).Error; err != nil {
			t.Fatal(err)
		}
		var n int64
		s.DB().Model(&store.Token{}).Count(&n)
		if n != 0 {
			t.Fatal("tokens must go with their user (ON DELETE CASCADE)")
		}
	})
}

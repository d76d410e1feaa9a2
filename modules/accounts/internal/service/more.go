package service

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"bazaar/modules/accounts"
	"bazaar/modules/accounts/internal/domain"
	"bazaar/modules/accounts/internal/store"
	"bazaar/platform/session"
)

// AddressFields are an address's editable fields; nil pointers stay as they are.
type AddressFields struct {
	Name, Line1, Line2, City, PostalCode, Region, Country, Phone *string
	IsDefaultShipping                                            *bool
}

// toAddress converts a row to the contract's Address.
func toAddress(a store.Address) accounts.Address {
	return accounts.Address{ID: a.ID, Name: a.Name, Line1: a.Line1, Line2: a.Line2, City: a.City,
		PostalCode: a.PostalCode, Region: a.Region, Country: a.Country, Phone: a.Phone,
		IsDefaultShipping: a.IsDefaultShipping}
}

// Addresses lists the user's addresses, default first.
func (s *Service) Addresses(ctx context.Context, userID string) ([]accounts.Address, error) {
	rows, err := s.store.Addresses(ctx, userID)
	if err != nil {
		return nil, err
	}
	out := make([]accounts.Address, len(rows))
	for i, r := range rows {
		out[i] = toAddress(r)
	}
	return out, nil
}

// DefaultShippingAddress implements accounts.Directory.
func (s *Service) DefaultShippingAddress(ctx context.Context, userID string) (accounts.Address, error) {
	list, err := s.Addresses(ctx, userID)
	if err != nil {
		return accounts.Address{}, err
	}
	if len(list) == 0 || !list[0].IsDefaultShipping {
		return accounts.Address{}, fmt.Errorf("accounts.default address of %s: %w", userID, accounts.ErrAddressNotFound)
	}
	return list[0], nil
}

// SaveAddress creates (id "") or updates one of the user's addresses.
// Making one the default clears the others, under a lock on the user so
// two requests cannot both win (the unique index would refuse the loser).
func (s *Service) SaveAddress(ctx context.Context, userID, id string, f AddressFields) (accounts.Address, error) {
	var saved store.Address
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.LockUser(ctx, userID); err != nil {
			return err
		}
		a := store.Address{ID: store.NewID(), UserID: userID, CreatedAt: time.Now().UTC()}
		if id != "" {
			var err error
			if a, err = tx.Address(ctx, userID, id); err != nil {
				return err
			}
		}
		apply(&a, f)
		if errs := checkAddress(a); len(errs) > 0 {
			return errs
		}
		existing, err := tx.Addresses(ctx, userID)
		if err != nil {
			return err
		}
		hasOtherDefault := slices.ContainsFunc(existing, func(o store.Address) bool { return o.IsDefaultShipping && o.ID != a.ID })
		switch {
		case a.IsDefaultShipping && hasOtherDefault:
			if err := tx.ClearDefault(ctx, userID); err != nil {
				return err
			}
		case !a.IsDefaultShipping && !hasOtherDefault:
			// A user with addresses always has exactly one default: the first
			// address becomes it, and the default moves only to another address.
			a.IsDefaultShipping = true
		}
		a.UpdatedAt = time.Now().UTC()
		saved = a
		return tx.SaveAddress(ctx, &a)
	})
	if errors.Is(err, store.ErrNotFound) {
		return accounts.Address{}, fmt.Errorf("accounts.address %s: %w", id, accounts.ErrAddressNotFound)
	}
	if err != nil {
		return accounts.Address{}, err
	}
	return toAddress(saved), nil
}

func apply(a *store.Address, f AddressFields) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = strings.TrimSpace(*src)
		}
	}
	set(&a.Name, f.Name)
	set(&a.Line1, f.Line1)
	set(&a.Line2, f.Line2)
	set(&a.City, f.City)
	set(&a.PostalCode, f.PostalCode)
	set(&a.Region, f.Region)
	set(&a.Phone, f.Phone)
	if f.Country != nil {
		a.Country = strings.ToUpper(strings.TrimSpace(*f.Country))
	}
	if f.IsDefaultShipping != nil {
		a.IsDefaultShipping = *f.IsDefaultShipping
	}
}

func checkAddress(a store.Address) FieldErrors {
	errs := FieldErrors{}
	for _, c := range []struct {
		field, value string
		min, max     int
	}{
		{"name", a.Name, 1, 100}, {"line1", a.Line1, 1, 200}, {"line2", a.Line2, 0, 200}, {"city", a.City, 1, 100},
		{"postal_code", a.PostalCode, 1, 20}, {"region", a.Region, 0, 100}, {"phone", a.Phone, 0, 30},
	} {
		if msg := domain.CheckLength(c.value, c.min, c.max); msg != "" {
			errs[c.field] = msg
		}
	}
	if msg := domain.CheckCountry(a.Country); msg != "" {
		errs["country"] = msg
	}
	return errs
}

// DeleteAddress removes an address; if it was the default, the oldest
// remaining one becomes the default.
func (s *Service) DeleteAddress(ctx context.Context, userID, id string) error {
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.LockUser(ctx, userID); err != nil {
			return err
		}
		a, err := tx.Address(ctx, userID, id)
		if err != nil {
			return err
		}
		if err := tx.DeleteAddress(ctx, userID, id); err != nil {
			return err
		}
		if !a.IsDefaultShipping {
			return nil
		}
		rest, err := tx.Addresses(ctx, userID)
		if err != nil || len(rest) == 0 {
			return err
		}
		rest[0].IsDefaultShipping = true
		return tx.SaveAddress(ctx, &rest[0])
	})
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("accounts.address %s: %w", id, accounts.ErrAddressNotFound)
	}
	return err
}

// Token is an API token as its owner sees it.
type Token struct {
	ID         string
	Name       string
	CreatedAt  time.Time
	LastUsedAt *time.Time
}

// TokenPrefix marks Bazaar API tokens, so secret scanners can find leaked ones.
const TokenPrefix = "bzr_"

// CreateToken makes an API token and returns its secret, which is not kept.
func (s *Service) CreateToken(ctx context.Context, userID, name string) (Token, string, error) {
	name = strings.TrimSpace(name)
	if msg := domain.CheckLength(name, 1, 100); msg != "" {
		return Token{}, "", FieldErrors{"name": msg}
	}
	secret := TokenPrefix + rand.Text()
	row := store.Token{ID: store.NewID(), UserID: userID, Name: name, TokenHash: Hash(secret), CreatedAt: time.Now().UTC()}
	if err := s.store.CreateToken(ctx, &row); err != nil {
		return Token{}, "", err
	}
	return Token{ID: row.ID, Name: row.Name, CreatedAt: row.CreatedAt}, secret, nil
}

// Tokens lists the user's tokens.
func (s *Service) Tokens(ctx context.Context, userID string) ([]Token, error) {
	rows, err := s.store.Tokens(ctx, userID)
	if err != nil {
		return nil, err
	}
	out := make([]Token, len(rows))
	for i, r := range rows {
		out[i] = Token{ID: r.ID, Name: r.Name, CreatedAt: r.CreatedAt, LastUsedAt: r.LastUsedAt}
	}
	return out, nil
}

// DeleteToken revokes one of the user's tokens.
func (s *Service) DeleteToken(ctx context.Context, userID, id string) error {
	err := s.store.DeleteToken(ctx, userID, id)
	if errors.Is(err, store.ErrNotFound) {
		return ErrTokenNotFound
	}
	return err
}

// ResolveToken implements session.TokenResolver.
func (s *Service) ResolveToken(ctx context.Context, secret string) (session.Principal, error) {
	if !strings.HasPrefix(secret, TokenPrefix) {
		return session.Principal{}, session.ErrInvalidToken
	}
	tok, u, err := s.store.TokenOwner(ctx, Hash(secret))
	if errors.Is(err, store.ErrNotFound) {
		return session.Principal{}, session.ErrInvalidToken
	}
	if err != nil {
		return session.Principal{}, err
	}
	// Record use at most once a minute: no write on every API call.
	if now := time.Now().UTC(); tok.LastUsedAt == nil || now.Sub(*tok.LastUsedAt) > time.Minute {
		if err := s.store.TouchToken(ctx, tok.ID, now); err != nil {
			return session.Principal{}, err
		}
	}
	return session.Principal{UserID: u.ID, Roles: u.RoleList()}, nil
}

// ListUsers pages users for admins.
func (s *Service) ListUsers(ctx context.Context, q, cursor string, limit int) ([]accounts.User, string, error) {
	rows, next, err := s.store.ListUsers(ctx, q, cursor, limit)
	if err != nil {
		return nil, "", err
	}
	out := make([]accounts.User, len(rows))
	for i, r := range rows {
		out[i] = ToUser(r)
	}
	return out, next, nil
}

// ErrBadCursor is a malformed pagination cursor.
var ErrBadCursor = store.ErrBadCursor

// SetRoles replaces a user's roles. An admin cannot drop their own admin
// role, so the shop never locks itself out by accident.
func (s *Service) SetRoles(ctx context.Context, actorID, userID string, roles []string) (accounts.User, error) {
	if msg := domain.CheckRoles(roles); msg != "" {
		return accounts.User{}, FieldErrors{"roles": msg}
	}
	if actorID == userID && !slices.Contains(roles, domain.RoleAdmin) {
		return accounts.User{}, FieldErrors{"roles": "you cannot remove your own admin role"}
	}
	if err := s.store.UpdateUser(ctx, userID, map[string]any{"roles": strings.Join(domain.SortRoles(roles), ",")}); err != nil {
		return accounts.User{}, s.userErr(userID, err)
	}
	return s.User(ctx, userID)
}

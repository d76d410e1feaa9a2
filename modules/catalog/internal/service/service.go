// Package service holds the catalog use cases behind the HTTP API and the
// contract.
package service

import (
	"context"
	"errors"
	"fmt"
	"time"

	json "github.com/goccy/go-json"

	"bazaar/modules/catalog"
	"bazaar/modules/catalog/internal/cache"
	"bazaar/modules/catalog/internal/store"
	"bazaar/platform/outbox"
)

// Service implements catalog.Service and the storefront reads.
type Service struct {
	store  *store.Store
	outbox *outbox.Outbox
	cache  *cache.Cache
	// variants is what Variants read lately (see variantMemo).
	variants variantMemo
	// HoldTTL is how long reserved stock stays held without a commit.
	HoldTTL time.Duration
}

// DefaultHoldTTL gives a shopper time to pay; the expiry job then frees it
// (CATALOG_HOLD_TTL overrides it).
const DefaultHoldTTL = 15 * time.Minute

// New builds the service.
func New(s *store.Store, o *outbox.Outbox, c *cache.Cache) *Service {
	return &Service{store: s, outbox: o, cache: c, HoldTTL: DefaultHoldTTL}
}

// invalidate drops the cached pages of the variants' products after a
// stock change has committed, and the listings too when a product's
// summary changed (listed: see refresh). Orders reserve and sell all day;
// the listings, and their memoised facets, stay cached through the changes
// they do not show.
func (s *Service) invalidate(ctx context.Context, variantIDs []string, listed bool) {
	slugs, err := s.store.ProductSlugsOf(ctx, variantIDs)
	switch {
	case err != nil:
		s.cache.Bump(ctx) // the listings at least; product pages expire within the TTL
	case listed:
		s.cache.Bump(ctx, slugs...)
	default:
		s.cache.BumpProducts(ctx, slugs...)
	}
}

// Image is decoded from a product's images column.
type Image struct {
	URL string `json:"url"`
	Alt string `json:"alt"`
}

// Images decodes a product's images.
func Images(p store.Product) []Image {
	var out []Image
	_ = json.Unmarshal([]byte(p.Images), &out)
	return out
}

// Attributes decodes a product's attributes.
func Attributes(p store.Product) map[string]string {
	out := map[string]string{}
	_ = json.Unmarshal([]byte(p.Attributes), &out)
	return out
}

// Options decodes a variant's options.
func Options(v store.Variant) map[string]string {
	out := map[string]string{}
	_ = json.Unmarshal([]byte(v.Options), &out)
	return out
}

// Reserve implements catalog.Service.
func (s *Service) Reserve(ctx context.Context, reservationID string, lines []catalog.Line) error {
	want := map[string]int{}
	for _, l := range lines {
		if l.Quantity <= 0 {
			return fmt.Errorf("catalog.reserve %s: quantity %d of %s must be positive", reservationID, l.Quantity, l.VariantID)
		}
		want[l.VariantID] += l.Quantity
	}
	var short []store.Short
	var listed bool
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		state, err := tx.ReservationState(ctx, reservationID)
		if err != nil || state != "" {
			return err // already reserved: idempotent
		}
		if short, err = tx.Hold(ctx, reservationID, want, s.HoldTTL); err != nil || len(short) > 0 {
			if err == nil {
				err = errShort
			}
			return err
		}
		listed, err = s.refresh(ctx, tx, keys(want))
		return err
	})
	if err == nil {
		s.invalidate(ctx, keys(want), listed)
	}
	if errors.Is(err, errShort) {
		e := &catalog.ShortError{}
		for _, sh := range short {
			if sh.Available < 0 {
				return fmt.Errorf("catalog.reserve %s: %s: %w", reservationID, sh.VariantID, catalog.ErrVariantNotFound)
			}
			e.Lines = append(e.Lines, catalog.Shortage{VariantID: sh.VariantID, Requested: sh.Requested, Available: sh.Available})
		}
		return e
	}
	return err
}

var errShort = errors.New("short")

func keys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// refresh recomputes the products of variants after their stock changed;
// listed tells whether a listing shows the change (a product's summary
// changed, in_stock most often).
func (s *Service) refresh(ctx context.Context, tx *store.Store, variantIDs []string) (listed bool, err error) {
	pids, err := tx.ProductIDsOf(ctx, variantIDs)
	if err != nil {
		return false, err
	}
	n, err := tx.RefreshProducts(ctx, pids...)
	return n > 0, err
}

// Commit implements catalog.Service.
func (s *Service) Commit(ctx context.Context, reservationID string) error {
	return s.settle(ctx, reservationID, store.Committed)
}

// Release implements catalog.Service.
func (s *Service) Release(ctx context.Context, reservationID string) error {
	return s.settle(ctx, reservationID, store.Released)
}

func (s *Service) settle(ctx context.Context, id, to string) error {
	var touched []string
	var listed bool
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		state, err := tx.ReservationState(ctx, id)
		switch {
		case err != nil:
			return err
		case state == "":
			return fmt.Errorf("catalog.%s %s: %w", to, id, catalog.ErrReservationNotFound)
		case state == to:
			return nil // idempotent
		case state == store.Released:
			return fmt.Errorf("catalog.commit %s: %w", id, catalog.ErrReservationClosed)
		case state == store.Committed:
			return fmt.Errorf("catalog.release %s: %w", id, catalog.ErrReservationSold)
		}
		held, err := tx.Settle(ctx, id, to)
		if err != nil {
			return err
		}
		for _, r := range held {
			touched = append(touched, r.VariantID)
		}
		if listed, err = s.refresh(ctx, tx, touched); err != nil {
			return err
		}
		if to != store.Committed {
			return nil
		}
		for _, r := range held {
			if _, err := s.outbox.Publish(tx.DB(), catalog.TopicStockChanged, catalog.StockChanged{VariantID: r.VariantID, Reason: "sale"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil && len(touched) > 0 {
		s.invalidate(ctx, touched, listed)
	}
	return err
}

// ExpireHolds releases reservations held past their TTL and returns how many.
func (s *Service) ExpireHolds(ctx context.Context) (int, error) {
	ids, err := s.store.Expired(ctx, time.Now().UTC(), 500)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		if err := s.Release(ctx, id); err != nil && !errors.Is(err, catalog.ErrReservationSold) {
			return n, err
		}
		n++
	}
	return n, nil
}

// Store is the service's store, for the back office's plain reads.
func (s *Service) Store() *store.Store { return s.store }

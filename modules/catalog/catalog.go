// Package catalog is the shop's products, categories and stock. Other
// modules use this contract: variant look-ups and stock reservations.
package catalog

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Money is an amount in minor units of an ISO 4217 currency.
type Money struct {
	Amount   int64
	Currency string
}

// Image is a product picture.
type Image struct {
	URL string
	Alt string
}

// Variant is one buyable item, with what a cart or an order needs to show it.
type Variant struct {
	ID          string
	ProductID   string
	ProductSlug string
	ProductName string
	SKU         string
	Options     map[string]string
	Price       Money
	CompareAt   *Money
	Available   int  // on hand minus reserved
	Active      bool // its product is active (buyable)
	Image       *Image
}

// Line asks for a quantity of a variant.
type Line struct {
	VariantID string
	Quantity  int
}

// Shortage is a line that cannot be reserved in full.
type Shortage struct {
	VariantID string
	Requested int
	Available int
}

// ShortError lists every line that is short; errors.Is(err, ErrInsufficientStock).
type ShortError struct{ Lines []Shortage }

func (e *ShortError) Error() string {
	parts := make([]string, len(e.Lines))
	for i, l := range e.Lines {
		parts[i] = fmt.Sprintf("%s: %d requested, %d available", l.VariantID, l.Requested, l.Available)
	}
	return "catalog: insufficient stock: " + strings.Join(parts, "; ")
}

// Is makes errors.Is(err, ErrInsufficientStock) true.
func (e *ShortError) Is(target error) bool { return target == ErrInsufficientStock }

// Service is what other modules may ask of the catalog.
type Service interface {
	// Variants looks variants up by ID; unknown IDs are absent from the map.
	// It answers as of the catalog's last committed write made through this
	// contract or the catalog's API, on any replica (give or take the
	// moments its cache invalidation takes). The answers share their maps
	// and pointers with later ones: read them, never write to them.
	Variants(ctx context.Context, ids []string) (map[string]Variant, error)
	// Reserve holds stock for every line or for none (a *ShortError naming
	// the short lines). It is idempotent per reservation ID.
	Reserve(ctx context.Context, reservationID string, lines []Line) error
	// Commit turns a hold into a sale: on hand and reserved both drop. Idempotent.
	Commit(ctx context.Context, reservationID string) error
	// Release returns held stock. Idempotent; releasing a sale is an error.
	Release(ctx context.Context, reservationID string) error
}

// Errors of the contract.
var (
	ErrProductNotFound     = errors.New("catalog: product not found")
	ErrVariantNotFound     = errors.New("catalog: variant not found")
	ErrInsufficientStock   = errors.New("catalog: insufficient stock")
	ErrReservationNotFound = errors.New("catalog: reservation not found")
	ErrReservationClosed   = errors.New("catalog: reservation already released or expired")
	ErrReservationSold     = errors.New("catalog: reservation already committed")
)

// Package cart is the shopper's cart and the shop's discount codes. Other
// modules (orders) use this contract.
package cart

import (
	"context"
	"errors"
)

// Money is an amount in minor units of an ISO 4217 currency.
type Money struct {
	Amount   int64
	Currency string
}

// Owner is whose cart: a signed-in user, or else a guest's session key.
type Owner struct {
	UserID   string
	GuestKey string
}

// Line is a validated cart line at current catalog prices.
type Line struct {
	ID          string
	VariantID   string
	ProductSlug string
	Name        string
	Options     map[string]string
	ImageURL    string
	ImageAlt    string
	Quantity    int
	UnitPrice   Money
	LineTotal   Money
	Available   int
}

// Warning tells the shopper about a change since a line was added.
type Warning struct {
	LineID   string
	Kind     string // price_changed, unavailable, quantity_reduced, merged, discount_removed
	Message  string
	OldPrice *Money
	NewPrice *Money
}

// Cart is a cart with validated lines and totals.
type Cart struct {
	ID           string // "" until something is added
	Lines        []Line
	ItemCount    int
	Subtotal     Money
	Discount     Money
	Total        Money
	DiscountCode string
	Warnings     []Warning
}

// Service is what orders may ask of the cart.
type Service interface {
	// Current returns the owner's open cart, validated against the catalog.
	Current(ctx context.Context, owner Owner) (Cart, error)
	// MarkConverted closes a cart once its order is placed; idempotent.
	MarkConverted(ctx context.Context, cartID, orderID string) error
}

// Errors of the contract.
var (
	ErrCartNotFound = errors.New("cart: cart not found")
	ErrCartClosed   = errors.New("cart: cart already converted to another order")
)

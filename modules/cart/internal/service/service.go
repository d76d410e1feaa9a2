// Package service holds the cart use cases.
package service

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"bazaar/modules/cart"
	"bazaar/modules/cart/internal/store"
	"bazaar/modules/catalog"
	"bazaar/platform/outbox"
)

// Catalog is the port the cart needs from the catalog: current prices and
// availability. The cart never holds stock.
type Catalog interface {
	Variants(ctx context.Context, ids []string) (map[string]catalog.Variant, error)
}

// MaxQuantity is the most of one variant a line may hold.
const MaxQuantity = 99

// Errors the HTTP layer maps.
var (
	ErrVariantNotFound = errors.New("cart: unknown or unavailable variant")
	ErrLineNotFound    = errors.New("cart: no such line in this cart")
	ErrBadQuantity     = errors.New("cart: quantity must be 1 to 99")
)

// NotEnough is a 409: more than is available was asked for.
type NotEnough struct {
	VariantID string
	Available int
}

func (e NotEnough) Error() string {
	return fmt.Sprintf("cart: only %d of %s available", e.Available, e.VariantID)
}

// CurrencyMismatch is a 409: a cart holds one currency.
type CurrencyMismatch struct{ Cart, Variant string }

func (e CurrencyMismatch) Error() string {
	return fmt.Sprintf("cart: this cart is in %s, the item in %s", e.Cart, e.Variant)
}

// Service implements the cart.
type Service struct {
	store   *store.Store
	catalog Catalog
	outbox  *outbox.Outbox
	now     func() time.Time
	adds    batcher
	lines   lineCache
}

// New builds the service.
func New(s *store.Store, c Catalog, o *outbox.Outbox) *Service {
	svc := &Service{store: s, catalog: c, outbox: o, now: func() time.Time { return time.Now().UTC() }}
	svc.adds.run = svc.addBatch
	return svc
}

// Current implements cart.Service: the owner's open cart with current prices.
func (s *Service) Current(ctx context.Context, owner cart.Owner) (cart.Cart, error) {
	row, err := s.store.OpenCart(ctx, owner.UserID, owner.GuestKey)
	if errors.Is(err, store.ErrNotFound) {
		return cart.Cart{Subtotal: cart.Money{Currency: "EUR"}, Discount: cart.Money{Currency: "EUR"}, Total: cart.Money{Currency: "EUR"}}, nil
	}
	if err != nil {
		return cart.Cart{}, err
	}
	return s.view(ctx, row, nil)
}

// view validates a cart's lines against the catalog and totals it.
func (s *Service) view(ctx context.Context, row store.Cart, extra []cart.Warning) (cart.Cart, error) {
	items, err := s.store.Items(ctx, row.ID)
	if err != nil {
		return cart.Cart{}, err
	}
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.VariantID
	}
	variants, err := s.catalog.Variants(ctx, ids)
	if err != nil {
		return cart.Cart{}, err
	}
	return s.render(ctx, row, newLineSet(row.ID, row.Version, items), variants, extra)
}

// render is view with the lines and their variants already loaded.
func (s *Service) render(ctx context.Context, row store.Cart, items lineSet, variants map[string]catalog.Variant, extra []cart.Warning) (cart.Cart, error) {
	c := cart.Cart{ID: row.ID, Warnings: append([]cart.Warning{}, extra...), Lines: make([]cart.Line, 0, items.len())}
	var subtotal int64
	for it := range items.all() {
		v, ok := variants[it.VariantID]
		line := cart.Line{ID: it.ID, VariantID: it.VariantID, Quantity: it.Quantity}
		if !ok || !v.Active {
			line.UnitPrice = cart.Money{Amount: it.UnitPrice, Currency: row.Currency}
			line.LineTotal = cart.Money{Currency: row.Currency}
			c.Warnings = append(c.Warnings, cart.Warning{LineID: it.ID, Kind: "unavailable",
				Message: "This item is no longer available; remove it to continue."})
			c.Lines = append(c.Lines, line)
			continue
		}
		line.ProductSlug, line.Name, line.Options, line.Available = v.ProductSlug, v.ProductName, v.Options, v.Available
		if v.Image != nil {
			line.ImageURL, line.ImageAlt = v.Image.URL, v.Image.Alt
		}
		line.UnitPrice = cart.Money{Amount: v.Price.Amount, Currency: v.Price.Currency}
		line.LineTotal = cart.Money{Amount: v.Price.Amount * int64(it.Quantity), Currency: v.Price.Currency}
		switch {
		case v.Available == 0:
			c.Warnings = append(c.Warnings, cart.Warning{LineID: it.ID, Kind: "unavailable", Message: "Out of stock."})
		case it.Quantity > v.Available:
			c.Warnings = append(c.Warnings, cart.Warning{LineID: it.ID, Kind: "quantity_reduced",
				Message: fmt.Sprintf("Only %d available.", v.Available)})
		}
		if v.Price.Amount != it.UnitPrice {
			old := cart.Money{Amount: it.UnitPrice, Currency: row.Currency}
			now := line.UnitPrice
			c.Warnings = append(c.Warnings, cart.Warning{LineID: it.ID, Kind: "price_changed", OldPrice: &old, NewPrice: &now,
				Message: fmt.Sprintf("The price changed from %s to %s.", format(old), format(now))})
		}
		if v.Available > 0 {
			subtotal += line.LineTotal.Amount
		}
		c.ItemCount += it.Quantity
		c.Lines = append(c.Lines, line)
	}
	c.Subtotal = cart.Money{Amount: subtotal, Currency: row.Currency}
	c.Discount = cart.Money{Currency: row.Currency}
	if row.DiscountCode != nil {
		d, err := s.store.DiscountByCode(ctx, *row.DiscountCode)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return c, err
		}
		why := ""
		if err == nil {
			why = s.checkDiscount(ctx, d, subtotal, row)
		} else {
			why = "this code no longer exists"
		}
		if why != "" {
			c.Warnings = append(c.Warnings, cart.Warning{Kind: "discount_removed", Message: "Code " + *row.DiscountCode + " no longer applies: " + why + "."})
		} else {
			c.DiscountCode = d.Code
			c.Discount.Amount = DiscountAmount(d.Kind, d.Value, subtotal)
		}
	}
	c.Total = cart.Money{Amount: subtotal - c.Discount.Amount, Currency: row.Currency}
	return c, nil
}

// DiscountAmount is the documented rounding rule: a percentage discount is
// computed on the whole subtotal in minor units and rounded half up
// (0.5 cent and more goes to the shopper); a fixed discount never exceeds
// the subtotal.
func DiscountAmount(kind string, value, subtotal int64) int64 {
	var d int64
	if kind == "percent" {
		d = (subtotal*value + 5000) / 10000
	} else {
		d = value
	}
	return min(d, subtotal)
}

func format(m cart.Money) string {
	return fmt.Sprintf("%d.%02d %s", m.Amount/100, m.Amount%100, m.Currency)
}

// SetQuantity changes a line of the owner's cart; it also acknowledges a
// price change (the line now shows the current price).
func (s *Service) SetQuantity(ctx context.Context, owner cart.Owner, lineID string, qty int) (cart.Cart, error) {
	if qty < 1 || qty > MaxQuantity {
		return cart.Cart{}, ErrBadQuantity
	}
	row, it, err := s.line(ctx, owner, lineID)
	if err != nil {
		return cart.Cart{}, err
	}
	vs, err := s.catalog.Variants(ctx, []string{it.VariantID})
	if err != nil {
		return cart.Cart{}, err
	}
	v, ok := vs[it.VariantID]
	if !ok || !v.Active {
		return cart.Cart{}, ErrVariantNotFound
	}
	if qty > v.Available {
		return cart.Cart{}, NotEnough{VariantID: it.VariantID, Available: v.Available}
	}
	// The cart row first, then the line: the order adds lock them in.
	if err := s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.UpdateCart(ctx, row.ID, map[string]any{"abandoned_at": nil}); err != nil {
			return err
		}
		return tx.SetQuantity(ctx, it.ID, qty, v.Price.Amount)
	}); err != nil {
		return cart.Cart{}, err
	}
	return s.view(ctx, row, nil)
}

// RemoveItem deletes a line of the owner's cart.
func (s *Service) RemoveItem(ctx context.Context, owner cart.Owner, lineID string) (cart.Cart, error) {
	row, it, err := s.line(ctx, owner, lineID)
	if err != nil {
		return cart.Cart{}, err
	}
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.UpdateCart(ctx, row.ID, map[string]any{}); err != nil {
			return err
		}
		if err := tx.DeleteItem(ctx, it.ID); err != nil {
			return err
		}
		_, err := s.outbox.Publish(tx.DB(), cart.TopicItemRemoved, cart.ItemRemoved{CartID: row.ID, VariantID: it.VariantID, UserID: owner.UserID})
		return err
	})
	if err != nil {
		return cart.Cart{}, err
	}
	return s.view(ctx, row, nil)
}

// line finds a line in the owner's open cart; anything else is ErrLineNotFound.
func (s *Service) line(ctx context.Context, owner cart.Owner, lineID string) (store.Cart, store.Item, error) {
	row, err := s.store.OpenCart(ctx, owner.UserID, owner.GuestKey)
	if errors.Is(err, store.ErrNotFound) {
		return row, store.Item{}, ErrLineNotFound
	}
	if err != nil {
		return row, store.Item{}, err
	}
	it, err := s.store.Item(ctx, row.ID, lineID)
	if errors.Is(err, store.ErrNotFound) {
		return row, it, ErrLineNotFound
	}
	return row, it, err
}

// MarkConverted implements cart.Service.
func (s *Service) MarkConverted(ctx context.Context, cartID, orderID string) error {
	return s.store.Tx(ctx, func(tx *store.Store) error {
		row, err := tx.CartByID(ctx, cartID)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("cart.convert %s: %w", cartID, cart.ErrCartNotFound)
		}
		if err != nil {
			return err
		}
		switch {
		case row.Status == store.Converted && row.OrderID != nil && *row.OrderID == orderID:
			return nil
		case row.Status != store.Open:
			return fmt.Errorf("cart.convert %s: %w", cartID, cart.ErrCartClosed)
		}
		return tx.UpdateCart(ctx, cartID, map[string]any{"status": store.Converted, "order_id": orderID})
	})
}

// normalizeCode is how codes compare: trimmed, upper-case.
func normalizeCode(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }

package service

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"

	"bazaar/modules/cart"
	"bazaar/modules/cart/internal/store"
)

// CodeRejected is a 422 with the reason a code does not apply.
type CodeRejected struct{ Reason string }

func (e CodeRejected) Error() string { return "cart: code rejected: " + e.Reason }

// checkDiscount returns why d does not apply to this cart now, or "".
func (s *Service) checkDiscount(ctx context.Context, d store.Discount, subtotal int64, row store.Cart) string {
	now := s.now()
	switch {
	case !d.Active:
		return "this code is not active"
	case d.StartsAt != nil && now.Before(*d.StartsAt):
		return "this code is not valid yet"
	case d.EndsAt != nil && !now.Before(*d.EndsAt):
		return "this code has expired"
	case d.UsageLimit != nil && d.Used >= *d.UsageLimit:
		return "this code has been used up"
	case d.Kind == "fixed" && d.Currency != row.Currency:
		return "this code is for " + d.Currency + " orders"
	case subtotal < d.MinSubtotal:
		return fmt.Sprintf("it needs a subtotal of at least %s", format(cart.Money{Amount: d.MinSubtotal, Currency: d.Currency}))
	}
	if d.PerCustomerLimit != nil && row.UserID != nil {
		n, err := s.store.RedemptionsBy(ctx, d.ID, *row.UserID)
		if err == nil && n >= int64(*d.PerCustomerLimit) {
			return "you have already used this code as often as it allows"
		}
	}
	return ""
}

// ApplyDiscount puts a code on the owner's cart if it applies now.
func (s *Service) ApplyDiscount(ctx context.Context, owner cart.Owner, code string) (cart.Cart, error) {
	code = normalizeCode(code)
	row, err := s.store.OpenCart(ctx, owner.UserID, owner.GuestKey)
	if errors.Is(err, store.ErrNotFound) {
		return cart.Cart{}, CodeRejected{"your cart is empty"}
	}
	if err != nil {
		return cart.Cart{}, err
	}
	d, err := s.store.DiscountByCode(ctx, code)
	if errors.Is(err, store.ErrNotFound) {
		return cart.Cart{}, CodeRejected{"no such code"}
	}
	if err != nil {
		return cart.Cart{}, err
	}
	current, err := s.view(ctx, row, nil)
	if err != nil {
		return cart.Cart{}, err
	}
	if why := s.checkDiscount(ctx, d, current.Subtotal.Amount, row); why != "" {
		return cart.Cart{}, CodeRejected{why}
	}
	if err := s.store.UpdateCart(ctx, row.ID, map[string]any{"discount_code": d.Code}); err != nil {
		return cart.Cart{}, err
	}
	row.DiscountCode = &d.Code
	return s.view(ctx, row, nil)
}

// RemoveDiscount takes the code off the owner's cart.
func (s *Service) RemoveDiscount(ctx context.Context, owner cart.Owner) (cart.Cart, error) {
	row, err := s.store.OpenCart(ctx, owner.UserID, owner.GuestKey)
	if errors.Is(err, store.ErrNotFound) {
		return s.Current(ctx, owner)
	}
	if err != nil {
		return cart.Cart{}, err
	}
	if err := s.store.UpdateCart(ctx, row.ID, map[string]any{"discount_code": nil}); err != nil {
		return cart.Cart{}, err
	}
	row.DiscountCode = nil
	return s.view(ctx, row, nil)
}

// CountRedemption records that an order used its code, once per order,
// however often OrderPlaced is delivered.
func CountRedemption(ctx context.Context, s *store.Store, ev cart.OrderPlaced) error {
	if ev.DiscountCode == "" {
		return nil
	}
	return s.Tx(ctx, func(tx *store.Store) error {
		d, err := tx.DiscountByCode(ctx, normalizeCode(ev.DiscountCode))
		if errors.Is(err, store.ErrNotFound) {
			return nil // deleted since: nothing to count
		}
		if err != nil {
			return err
		}
		r := store.Redemption{OrderID: ev.OrderID, DiscountID: d.ID, CreatedAt: time.Now().UTC()}
		if ev.UserID != "" {
			r.UserID = &ev.UserID
		}
		_, err = tx.Redeem(ctx, r)
		return err
	})
}

// DiscountInput is a discount's editable fields; nil leaves a field as it is.
type DiscountInput struct {
	Code, Kind, Currency                 *string
	Value, MinSubtotal                   *int64
	StartsAt, EndsAt                     *time.Time
	ClearStartsAt, ClearEndsAt           bool
	UsageLimit, PerCustomerLimit         *int
	ClearUsageLimit, ClearPerCustomerLim bool
	Active                               *bool
}

// FieldErrors is a 422: field → message.
type FieldErrors map[string]string

func (f FieldErrors) Error() string { return fmt.Sprintf("cart: invalid %v", map[string]string(f)) }

var codePattern = regexp.MustCompile(`^[A-Z0-9][A-Z0-9_-]{2,31}$`)

// SaveDiscount creates (id "") or updates a discount code.
func (s *Service) SaveDiscount(ctx context.Context, id string, in DiscountInput) (store.Discount, error) {
	now := s.now()
	d := store.Discount{ID: store.NewID(), Kind: "percent", Currency: "EUR", Active: true, CreatedAt: now}
	if id != "" {
		var err error
		if d, err = s.store.DiscountByID(ctx, id); err != nil {
			return d, err
		}
	}
	if in.Code != nil {
		d.Code = normalizeCode(*in.Code)
	}
	if in.Kind != nil {
		d.Kind = *in.Kind
	}
	if in.Value != nil {
		d.Value = *in.Value
	}
	if in.Currency != nil {
		d.Currency = *in.Currency
	}
	if in.MinSubtotal != nil {
		d.MinSubtotal = *in.MinSubtotal
	}
	if in.ClearStartsAt {
		d.StartsAt = nil
	} else if in.StartsAt != nil {
		t := in.StartsAt.UTC()
		d.StartsAt = &t
	}
	if in.ClearEndsAt {
		d.EndsAt = nil
	} else if in.EndsAt != nil {
		t := in.EndsAt.UTC()
		d.EndsAt = &t
	}
	if in.ClearUsageLimit {
		d.UsageLimit = nil
	} else if in.UsageLimit != nil {
		d.UsageLimit = in.UsageLimit
	}
	if in.ClearPerCustomerLim {
		d.PerCustomerLimit = nil
	} else if in.PerCustomerLimit != nil {
		d.PerCustomerLimit = in.PerCustomerLimit
	}
	if in.Active != nil {
		d.Active = *in.Active
	}
	errs := FieldErrors{}
	if !codePattern.MatchString(d.Code) {
		errs["code"] = "must be 3-32 letters, digits, dashes or underscores"
	}
	switch d.Kind {
	case "percent":
		if d.Value < 1 || d.Value > 10000 {
			errs["value"] = "a percentage is 1 to 10000 basis points (0.01 % to 100 %)"
		}
	case "fixed":
		if d.Value < 1 {
			errs["value"] = "must be at least 1 minor unit"
		}
	default:
		errs["kind"] = "must be percent or fixed"
	}
	if len(d.Currency) != 3 {
		errs["currency"] = "must be an ISO 4217 code such as EUR"
	}
	if d.MinSubtotal < 0 {
		errs["min_subtotal"] = "must be 0 or more"
	}
	if d.StartsAt != nil && d.EndsAt != nil && !d.StartsAt.Before(*d.EndsAt) {
		errs["ends_at"] = "must be after starts_at"
	}
	if d.UsageLimit != nil && *d.UsageLimit < 1 {
		errs["usage_limit"] = "must be at least 1, or null for no limit"
	}
	if d.PerCustomerLimit != nil && *d.PerCustomerLimit < 1 {
		errs["per_customer_limit"] = "must be at least 1, or null for no limit"
	}
	if len(errs) > 0 {
		return d, errs
	}
	d.UpdatedAt = now
	return d, s.store.SaveDiscount(ctx, &d)
}

// Discounts lists every discount code.
func (s *Service) Discounts(ctx context.Context) ([]store.Discount, error) {
	return s.store.Discounts(ctx)
}

// DeleteDiscount deletes an unused code, or deactivates a used one.
func (s *Service) DeleteDiscount(ctx context.Context, id string) error {
	return s.store.DeleteDiscount(ctx, id)
}

package service

import (
	"context"
	"errors"
	"fmt"

	"bazaar/modules/cart"
	"bazaar/modules/cart/internal/store"
)

// Merge moves a guest's cart into the user's cart on sign-in: lines of the
// same variant add up, capped at what is available (and at 99); every
// adjustment is a warning. The guest cart is then closed, so merging twice
// changes nothing.
func (s *Service) Merge(ctx context.Context, userID, guestKey string) (cart.Cart, error) {
	var warnings []cart.Warning
	var target store.Cart
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		guest, err := tx.OpenCart(ctx, "", guestKey)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		now := s.now()
		carts, err := tx.EnsureCarts(ctx, []store.Cart{{ID: store.NewID(), UserID: &userID, Currency: guest.Currency,
			CreatedAt: now, UpdatedAt: now}})
		if err != nil {
			return err
		}
		target = carts[0]
		guestItems, err := tx.Items(ctx, guest.ID)
		if err != nil {
			return err
		}
		ownItems, err := tx.Items(ctx, target.ID)
		if err != nil {
			return err
		}
		have := map[string]int{}
		ids := make([]string, 0, len(guestItems))
		for _, it := range ownItems {
			have[it.VariantID] = it.Quantity
		}
		for _, it := range guestItems {
			ids = append(ids, it.VariantID)
		}
		variants, err := s.catalog.Variants(ctx, ids)
		if err != nil {
			return err
		}
		var adds []store.LineAdd
		for _, it := range guestItems {
			v, ok := variants[it.VariantID]
			switch {
			case !ok || !v.Active || v.Available == 0:
				warnings = append(warnings, cart.Warning{Kind: "merged", Message: "An item from your guest cart is no longer available and was left out."})
				continue
			case v.Price.Currency != target.Currency:
				warnings = append(warnings, cart.Warning{Kind: "merged", Message: v.ProductName + " is priced in " + v.Price.Currency + " and was left out."})
				continue
			}
			want := have[it.VariantID] + it.Quantity
			capped := min(want, v.Available, MaxQuantity)
			if capped <= have[it.VariantID] {
				warnings = append(warnings, cart.Warning{Kind: "merged",
					Message: fmt.Sprintf("%s: you already have %d, the most available.", v.ProductName, have[it.VariantID])})
				continue
			}
			if capped < want {
				warnings = append(warnings, cart.Warning{Kind: "merged",
					Message: fmt.Sprintf("%s: %d requested, only %d available.", v.ProductName, want, capped)})
			}
			adds = append(adds, store.LineAdd{CartID: target.ID, VariantID: it.VariantID, Quantity: capped - have[it.VariantID],
				Limit: capped, UnitPrice: it.UnitPrice})
		}
		if _, err := tx.AddToLines(ctx, adds); err != nil {
			return err
		}
		cols := map[string]any{"status": store.Merged}
		if err := tx.UpdateCart(ctx, guest.ID, cols); err != nil {
			return err
		}
		if guest.DiscountCode != nil && target.DiscountCode == nil {
			return tx.UpdateCart(ctx, target.ID, map[string]any{"discount_code": *guest.DiscountCode})
		}
		return nil
	})
	if err != nil {
		return cart.Cart{}, err
	}
	row, err := s.store.OpenCart(ctx, userID, "")
	if errors.Is(err, store.ErrNotFound) {
		return s.Current(ctx, cart.Owner{UserID: userID})
	}
	if err != nil {
		return cart.Cart{}, err
	}
	return s.view(ctx, row, warnings)
}

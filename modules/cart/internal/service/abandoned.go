package service

import (
	"context"
	"time"

	"bazaar/modules/cart"
	"bazaar/modules/cart/internal/store"
)

// Guest carts live as long as their session; idle carts are reported once.
const (
	GuestCartLifetime = 30 * 24 * time.Hour
	AbandonedAfter    = 24 * time.Hour
)

// Sweep deletes guest carts idle for 30 days and publishes CartAbandoned
// for open carts with items idle for a day, once per idle spell.
func (s *Service) Sweep(ctx context.Context) (deleted, abandoned int, err error) {
	now := s.now()
	n, err := s.store.DeleteIdleGuestCarts(ctx, now.Add(-GuestCartLifetime))
	if err != nil {
		return 0, 0, err
	}
	idle, err := s.store.IdleOpenCarts(ctx, now.Add(-AbandonedAfter), 500)
	if err != nil {
		return int(n), 0, err
	}
	for _, row := range idle {
		view, err := s.view(ctx, row, nil)
		if err != nil {
			return int(n), abandoned, err
		}
		err = s.store.Tx(ctx, func(tx *store.Store) error {
			ok, err := tx.MarkAbandoned(ctx, row.ID, now)
			if err != nil || !ok {
				return err
			}
			ev := cart.Abandoned{CartID: row.ID, ItemCount: view.ItemCount, Subtotal: view.Subtotal.Amount, Currency: view.Subtotal.Currency}
			if row.UserID != nil {
				ev.UserID = *row.UserID
			}
			_, err = s.outbox.Publish(tx.DB(), cart.TopicAbandoned, ev)
			return err
		})
		if err != nil {
			return int(n), abandoned, err
		}
		abandoned++
	}
	return int(n), abandoned, nil
}

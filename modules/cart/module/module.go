// Package module wires the cart into the app (only app/ imports it).
package module

import (
	"context"
	"encoding/json"
	"log/slog"

	"go.uber.org/fx"

	"bazaar/modules/cart"
	"bazaar/modules/cart/internal/httpapi"
	"bazaar/modules/cart/internal/service"
	"bazaar/modules/cart/internal/store"
	"bazaar/modules/catalog"
	"bazaar/platform/jobs"
	"bazaar/platform/outbox"
	"bazaar/platform/session"
	"bazaar/platform/web"
)

// Module is the cart bounded context; only cart.Service leaves it.
var Module = fx.Module("cart",
	fx.Provide(fx.Private, store.New, service.New,
		func(c catalog.Service) service.Catalog { return c }),
	fx.Provide(func(s *service.Service) cart.Service { return s }),
	web.AsRoutes(httpapi.New),
	web.AsSpec("cart", httpapi.Spec),
	session.AsGuestValue(httpapi.GuestKey),
	jobs.AsHandler(sweepHandler),
	jobs.AsSchedule(func() jobs.Schedule { return jobs.Schedule{Spec: "@every 1h", Type: sweepTask, Queue: jobs.QueueLow} }),
	outbox.AsSubscriber(redemptions),
)

const sweepTask = "cart:sweep"

func sweepHandler(svc *service.Service, log *slog.Logger) jobs.Handler {
	return jobs.Handler{Type: sweepTask, Handle: func(ctx context.Context, _ []byte) error {
		deleted, abandoned, err := svc.Sweep(ctx)
		if deleted+abandoned > 0 {
			log.Info("cart sweep", "guest_carts_deleted", deleted, "abandoned_reported", abandoned)
		}
		return err
	}}
}

// redemptions counts discount-code usage when an order is placed, once
// per order. The store alone suffices, so the outbox (which needs its
// subscribers first) does not depend on the service that publishes.
func redemptions(s *store.Store) outbox.Subscriber {
	return outbox.Subscriber{Topic: cart.TopicOrderPlaced, Name: "discount-usage", Handle: func(ctx context.Context, m outbox.Message) error {
		var ev cart.OrderPlaced
		if err := json.Unmarshal(m.Payload, &ev); err != nil {
			return err
		}
		return service.CountRedemption(ctx, s, ev)
	}}
}

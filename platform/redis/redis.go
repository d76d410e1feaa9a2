// Package redis provides the shared go-redis client: REDIS_URL in
// production, or an in-process Redis-compatible server in embedded mode.
package redis

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/alicebob/miniredis/v2"
	goredis "github.com/redis/go-redis/v9"
	"go.uber.org/fx"

	"bazaar/platform/config"
	"bazaar/platform/observe"
)

// Module provides goredis.UniversalClient and the "redis" readiness check.
var Module = fx.Module("redis",
	fx.Provide(Provide),
	observe.AsCheck(func(c goredis.UniversalClient) observe.Check {
		return observe.Check{Name: "redis", Probe: func(ctx context.Context) error { return c.Ping(ctx).Err() }}
	}),
)

// Provide connects to REDIS_URL, or starts the embedded server, and closes
// both when the app stops.
func Provide(lc fx.Lifecycle, cfg config.Config, log *slog.Logger) (goredis.UniversalClient, error) {
	if cfg.RedisURL != "" {
		opts, err := goredis.ParseURL(cfg.RedisURL)
		if err != nil {
			return nil, fmt.Errorf("REDIS_URL: %w", err)
		}
		client := goredis.NewClient(opts)
		lc.Append(fx.StopHook(client.Close))
		return client, nil
	}
	srv, err := StartEmbedded()
	if err != nil {
		return nil, err
	}
	log.Info("embedded redis started", "addr", srv.Addr())
	client := goredis.NewClient(&goredis.Options{Addr: srv.Addr()})
	lc.Append(fx.StopHook(func() error {
		err := client.Close()
		srv.Close()
		return err
	}))
	return client, nil
}

// Embedded is the in-process server used when REDIS_URL is unset.
type Embedded struct {
	*miniredis.Miniredis
	stop chan struct{}
}

// StartEmbedded starts an in-process server on a loopback port. miniredis
// expires keys only when its clock is advanced, so a ticker advances it by
// the real time elapsed; without this, asynq's leases and unique locks and
// session TTLs would never expire.
func StartEmbedded() (*Embedded, error) {
	mr := miniredis.NewMiniRedis()
	if err := mr.StartAddr("127.0.0.1:0"); err != nil {
		return nil, fmt.Errorf("embedded redis: %w", err)
	}
	e := &Embedded{Miniredis: mr, stop: make(chan struct{})}
	go e.tick(250 * time.Millisecond)
	return e, nil
}

func (e *Embedded) tick(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	last := time.Now()
	for {
		select {
		case <-e.stop:
			return
		case now := <-t.C:
			e.FastForward(now.Sub(last))
			last = now
		}
	}
}

// Close stops the clock and the server.
func (e *Embedded) Close() {
	close(e.stop)
	e.Miniredis.Close()
}

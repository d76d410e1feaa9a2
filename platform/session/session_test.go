package session_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	goredis "github.com/redis/go-redis/v9"
	"go.uber.org/fx"

	"bazaar/platform/session"
	"bazaar/platform/testkit"
	"bazaar/platform/web"
)

var pingSpec = []byte(`
paths:
  /api/ping:
    post:
      operationId: ping
      responses:
        "204": {description: accepted}
`)

var withPing = fx.Options(
	web.AsRoutes(func() web.Routes {
		return web.RoutesFunc(func(r fiber.Router) {
			r.Post("/api/ping", func(c *fiber.Ctx) error { return c.SendStatus(fiber.StatusNoContent) })
		})
	}),
	web.AsSpec("ping", pingSpec),
)

// keyCommands records the Redis commands that touch one key.
type keyCommands struct {
	key string
	mu  sync.Mutex
	got []string
}

func (k *keyCommands) DialHook(next goredis.DialHook) goredis.DialHook { return next }
func (k *keyCommands) ProcessPipelineHook(next goredis.ProcessPipelineHook) goredis.ProcessPipelineHook {
	return next
}
func (k *keyCommands) ProcessHook(next goredis.ProcessHook) goredis.ProcessHook {
	return func(ctx context.Context, cmd goredis.Cmder) error {
		if args := cmd.Args(); len(args) > 1 && args[1] == k.key {
			k.mu.Lock()
			k.got = append(k.got, cmd.Name())
			k.mu.Unlock()
		}
		return next(ctx, cmd)
	}
}

func (k *keyCommands) take() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	out := k.got
	k.got = nil
	return out
}

// An unsafe request with a valid token checks it and slides its expiry in
// one Redis call, instead of a read and a write-back; an unknown token is
// still refused.
func TestCSRFTokenCheckedAndSlidInOneCall(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var rdb goredis.UniversalClient
		app := testkit.Start(t, b, withPing, fx.Populate(&rdb))
		c := app.Client()
		ctx := context.Background()
		var tok struct {
			CSRFToken string `json:"csrf_token"`
		}
		c.Get("/api/auth/csrf").JSON(t, &tok)
		if ttl := rdb.TTL(ctx, tok.CSRFToken).Val(); ttl < session.Lifetime-time.Minute {
			t.Fatalf("a new token is stored for the session lifetime, TTL %s", ttl)
		}

		rdb.Expire(ctx, tok.CSRFToken, time.Hour)
		cmds := &keyCommands{key: tok.CSRFToken}
		rdb.AddHook(cmds)
		for i := range 2 {
			cmds.take() // not the test's own TTL call
			if r := c.Post("/api/ping", nil); r.Status != 204 {
				t.Fatalf("POST %d with the token: %d %s", i, r.Status, r.Body)
			}
			if got := cmds.take(); !slices.Equal(got, []string{"getex"}) {
				t.Fatalf("POST %d: Redis commands on the token %v, want one getex", i, got)
			}
			if ttl := rdb.TTL(ctx, tok.CSRFToken).Val(); ttl < session.Lifetime-time.Minute {
				t.Fatalf("POST %d did not slide the token's expiry: TTL %s", i, ttl)
			}
		}

		// GET /api/auth/csrf with a valid cookie keeps the token, also in one call.
		cmds.take()
		var again struct {
			CSRFToken string `json:"csrf_token"`
		}
		c.Get("/api/auth/csrf").JSON(t, &again)
		if again.CSRFToken != tok.CSRFToken {
			t.Fatalf("token changed from %q to %q", tok.CSRFToken, again.CSRFToken)
		}
		if got := cmds.take(); !slices.Equal(got, []string{"getex"}) {
			t.Fatalf("GET csrf: Redis commands on the token %v, want one getex", got)
		}

		rdb.Del(ctx, tok.CSRFToken)
		if r := c.Post("/api/ping", nil); r.Status != 403 {
			t.Fatalf("POST with a token Redis no longer has: %d", r.Status)
		}
	})
}

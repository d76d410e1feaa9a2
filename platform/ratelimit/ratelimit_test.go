package ratelimit_test

import (
	"context"
	"sync"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"bazaar/platform/ratelimit"
	"bazaar/platform/redis"
	"bazaar/platform/testkit"
)

func clients(t *testing.T) map[string]goredis.UniversalClient {
	out := map[string]goredis.UniversalClient{}
	srv, err := redis.StartEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	out["embedded"] = goredis.NewClient(&goredis.Options{Addr: srv.Addr()})
	for _, b := range testkit.Backends(t) {
		if b.RedisURL != "" {
			opts, _ := goredis.ParseURL(testkit.Config(t, b).RedisURL)
			out["redis"] = goredis.NewClient(opts)
		}
	}
	return out
}

func TestBlocksAfterLimitWithinWindow(t *testing.T) {
	for name, rdb := range clients(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			f := ratelimit.Failures{Redis: rdb, Prefix: "t:", Limit: 10, Window: time.Second}
			// 10 concurrent failures, as from several replicas: none is lost.
			var wg sync.WaitGroup
			for range 10 {
				wg.Add(1)
				go func() { defer wg.Done(); _ = f.Fail(ctx, "ip:1", "email:a") }()
			}
			wg.Wait()
			wait, err := f.Blocked(ctx, "email:b", "ip:1")
			if err != nil || wait <= 0 || wait > time.Second {
				t.Fatalf("after 10 failures: wait %v, err %v", wait, err)
			}
			if wait, _ := f.Blocked(ctx, "email:b"); wait != 0 {
				t.Fatalf("an untouched key is blocked for %v", wait)
			}
			if err := f.Reset(ctx, "email:a"); err != nil {
				t.Fatal(err)
			}
			if wait, _ := f.Blocked(ctx, "email:a"); wait != 0 {
				t.Fatal("reset key still blocked")
			}
			testkit.Eventually(t, 5*time.Second, "the window to end", func() bool {
				wait, _ := f.Blocked(ctx, "ip:1")
				return wait == 0
			})
		})
	}
}

func TestNineFailuresDoNotBlock(t *testing.T) {
	for name, rdb := range clients(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			f := ratelimit.Failures{Redis: rdb, Prefix: "t9:", Limit: 10, Window: time.Minute}
			for range 9 {
				f.Fail(ctx, "k")
			}
			if wait, _ := f.Blocked(ctx, "k"); wait != 0 {
				t.Fatalf("blocked after 9 of 10: %v", wait)
			}
		})
	}
}

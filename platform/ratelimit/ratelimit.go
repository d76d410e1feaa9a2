// Package ratelimit counts failures (wrong passwords, bad codes) in Redis
// and blocks a key once it has failed too often within a window. INCR is
// atomic, so the count holds across replicas, which fiber's limiter
// middleware (read, then write) does not guarantee.
package ratelimit

import (
	"context"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

// Failures blocks a key after Limit failures within Window of its first one.
type Failures struct {
	Redis  goredis.UniversalClient
	Prefix string
	Limit  int64
	Window time.Duration
}

// Blocked reports the longest wait among the keys that reached the limit,
// or 0 when none has.
func (f Failures) Blocked(ctx context.Context, keys ...string) (time.Duration, error) {
	var wait time.Duration
	for _, k := range keys {
		n, err := f.Redis.Get(ctx, f.Prefix+k).Int64()
		if err == goredis.Nil {
			continue
		}
		if err != nil {
			return 0, err
		}
		if n < f.Limit {
			continue
		}
		ttl, err := f.Redis.TTL(ctx, f.Prefix+k).Result()
		if err != nil {
			return 0, err
		}
		if ttl <= 0 {
			ttl = time.Second // expiring right now
		}
		wait = max(wait, ttl)
	}
	return wait, nil
}

// Fail counts one failure against each key; the window starts at a key's first failure.
func (f Failures) Fail(ctx context.Context, keys ...string) error {
	pipe := f.Redis.TxPipeline()
	for _, k := range keys {
		pipe.Incr(ctx, f.Prefix+k)
		pipe.ExpireNX(ctx, f.Prefix+k, f.Window)
	}
	_, err := pipe.Exec(ctx)
	return err
}

// Reset forgets a key's failures (e.g. the email's, after a successful sign-in).
func (f Failures) Reset(ctx context.Context, key string) error {
	return f.Redis.Del(ctx, f.Prefix+key).Err()
}

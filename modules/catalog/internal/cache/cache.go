// Package cache keeps rendered storefront responses in Redis under
// versioned keys: a write bumps the version of the listings and of each
// product it touched, so the next request misses and sees the change. Old
// entries simply expire. Redis trouble degrades to no caching, never to an
// error.
package cache

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

// TTL bounds how long an entry lives even if a bump were lost.
const TTL = 5 * time.Minute

const (
	listVersion = "catalog:ver:list"
	prefix      = "catalog:cache:"
)

// Cache is the versioned response cache.
type Cache struct {
	rdb goredis.UniversalClient
	log *slog.Logger
}

// New uses the shared Redis.
func New(rdb goredis.UniversalClient, log *slog.Logger) *Cache { return &Cache{rdb: rdb, log: log} }

// Entry is a cached response body with its ETag.
type Entry struct {
	Body []byte
	ETag string
}

// ETag of a body: a strong validator, the same on every replica.
func ETag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// ListKey is the key of a listing response, given its normalised query.
// Read it before querying the database: a write that lands meanwhile bumps
// the version, so a stale body is stored under a key nobody asks for again.
func (c *Cache) ListKey(ctx context.Context, query string) string {
	v, _ := c.rdb.Get(ctx, listVersion).Result()
	sum := sha256.Sum256([]byte(query))
	return prefix + "list:" + v + ":" + hex.EncodeToString(sum[:16])
}

// ProductKey is the key of a product page.
func (c *Cache) ProductKey(ctx context.Context, slug string) string {
	v, _ := c.rdb.Get(ctx, "catalog:ver:p:"+slug).Result()
	return prefix + "product:" + v + ":" + slug
}

// Get returns a cached entry.
func (c *Cache) Get(ctx context.Context, key string) (Entry, bool) {
	body, err := c.rdb.Get(ctx, key).Bytes()
	if err != nil {
		return Entry{}, false
	}
	return Entry{Body: body, ETag: ETag(body)}, true
}

// Set stores a body.
func (c *Cache) Set(ctx context.Context, key string, body []byte) {
	if err := c.rdb.Set(ctx, key, body, TTL).Err(); err != nil {
		c.log.Warn("catalog cache write failed", "error", err)
	}
}

// Bump invalidates the listings and the given products' pages. Call it
// after the write has committed.
func (c *Cache) Bump(ctx context.Context, slugs ...string) {
	pipe := c.rdb.Pipeline()
	pipe.Incr(ctx, listVersion)
	for _, s := range slugs {
		pipe.Incr(ctx, "catalog:ver:p:"+s)
		pipe.Expire(ctx, "catalog:ver:p:"+s, 2*TTL)
	}
	if _, err := pipe.Exec(ctx); err != nil {
		c.log.Error("catalog cache invalidation failed; stale pages expire within the TTL", "error", err, "ttl", TTL)
	}
}

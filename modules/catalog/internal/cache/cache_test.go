package cache

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"bazaar/platform/redis"
	"bazaar/platform/testkit"
)

// Two replicas share Redis: a bump on one reaches the other's memory
// within the poll interval, and its own writes are seen at once.
func TestBumpReachesOtherReplicas(t *testing.T) {
	srv, err := redis.StartEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	rdb := goredis.NewClient(&goredis.Options{Addr: srv.Addr()})
	one, two := New(rdb, testkit.Logger()), New(rdb, testkit.Logger())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go one.Watch(ctx)
	go two.Watch(ctx)
	time.Sleep(2 * Poll)

	key := one.ListKey(ctx, "limit=20")
	one.Set(ctx, key, Entry{Body: []byte(`{"old":true}`), ETag: ETag([]byte(`{"old":true}`))})
	testkit.Eventually(t, 10*Poll, "replica two to find replica one's entry in Redis", func() bool {
		_, ok := two.Get(ctx, two.ListKey(ctx, "limit=20"))
		return ok
	})
	two.Bump(ctx, "some-product")
	if two.ListKey(ctx, "limit=20") == key {
		t.Fatal("the bumping replica must use a new key at once")
	}
	testkit.Eventually(t, 10*Poll, "replica one to see the bump", func() bool {
		return one.ListKey(ctx, "limit=20") != key
	})
	if _, ok := one.Get(ctx, one.ListKey(ctx, "limit=20")); ok {
		t.Fatal("a stale entry survived the bump")
	}
}

// A memoised value is computed once per version, is not failed by its
// caller leaving, and is recomputed after a bump.
func TestMemo(t *testing.T) {
	srv, err := redis.StartEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	c := New(goredis.NewClient(&goredis.Options{Addr: srv.Addr()}), testkit.Logger())
	calls := 0
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	compute := func(ctx context.Context) (int, error) {
		calls++
		return calls, ctx.Err()
	}
	if v, err := Memo(gone, c, "k", compute); err != nil || v != 1 {
		t.Fatalf("first: %d, %v (a cancelled caller must still get the value)", v, err)
	}
	if v, _ := Memo(context.Background(), c, "k", compute); v != 1 || calls != 1 {
		t.Fatalf("second: %d after %d computations, want the memoised 1", v, calls)
	}
	c.Bump(context.Background())
	if v, _ := Memo(context.Background(), c, "k", compute); v != 2 {
		t.Fatalf("after a bump: %d, want a fresh computation", v)
	}
}

// Concurrent misses share pipelines to Redis (the autopipeliner): each
// still gets its own key's entry, and an absent key stays a miss.
func TestConcurrentGets(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var rdb *goredis.Client
		if url := testkit.Config(t, b).RedisURL; url != "" {
			opts, err := goredis.ParseURL(url)
			if err != nil {
				t.Fatal(err)
			}
			rdb = goredis.NewClient(opts)
		} else {
			srv, err := redis.StartEmbedded()
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(srv.Close)
			rdb = goredis.NewClient(&goredis.Options{Addr: srv.Addr()})
		}
		t.Cleanup(func() { rdb.Close() })
		ctx := context.Background()
		for i := range 100 {
			rdb.Set(ctx, fmt.Sprintf("test:%d", i), fmt.Sprintf(`{"n":%d}`, i), time.Minute)
		}
		c := New(rdb, testkit.Logger())
		var wg sync.WaitGroup
		errs := make(chan string, 400)
		for round := range 4 {
			for i := range 100 {
				wg.Go(func() {
					key := fmt.Sprintf("test:%d", i)
					if round%2 == 1 {
						key = fmt.Sprintf("test:absent:%d:%d", round, i)
					}
					e, ok := c.Get(ctx, key)
					switch {
					case round%2 == 1 && ok:
						errs <- key + ": a hit for an absent key"
					case round%2 == 0 && (!ok || string(e.Body) != fmt.Sprintf(`{"n":%d}`, i) || e.ETag != ETag(e.Body)):
						errs <- fmt.Sprintf("%s: %q, %v", key, e.Body, ok)
					}
				})
			}
			wg.Wait()
			c.observe(fmt.Sprint(round)) // the next round reads Redis again, not this process's copies
		}
		close(errs)
		for e := range errs {
			t.Error(e)
		}
	})
}

// Redis going away degrades the cache to none: a read misses (through the
// pipelined reader too, which must not wait forever), a bump drops this
// process's copies, and nothing panics or errors.
func TestRedisDownMeansNoCaching(t *testing.T) {
	srv, err := redis.StartEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	rdb := goredis.NewClient(&goredis.Options{Addr: srv.Addr(), MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	defer rdb.Close()
	c := New(rdb, testkit.Logger())
	ctx := context.Background()
	key := c.ListKey(ctx, "limit=20")
	c.Set(ctx, key, Entry{Body: []byte(`{}`), ETag: ETag([]byte(`{}`))})
	if _, ok := c.Get(ctx, key); !ok {
		t.Fatal("this process's copy is served without Redis")
	}
	srv.Close()
	if _, ok := c.Get(ctx, key+"-other"); ok {
		t.Fatal("a hit with Redis down")
	}
	c.Bump(ctx, "some-product")
	if _, ok := c.Get(ctx, key); ok {
		t.Fatal("a failed bump must drop this process's copies")
	}
	// A copy made while Redis is down lives one poll at most: another
	// replica's bump could not be seen.
	watch, stop := context.WithCancel(ctx)
	defer stop()
	go c.Watch(watch)
	c.Set(ctx, key, Entry{Body: []byte(`{}`), ETag: ETag([]byte(`{}`))})
	testkit.Eventually(t, 10*Poll, "the unconfirmed copy to be dropped", func() bool {
		_, ok := c.Get(ctx, key)
		return !ok
	})
}

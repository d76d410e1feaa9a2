package redis

import (
	"context"

	goredis "github.com/redis/go-redis/v9"
)

// Reader is the read commands of the hot paths.
type Reader interface {
	Get(ctx context.Context, key string) *goredis.StringCmd
}

// Pipelined reads through go-redis's autopipeliner when c is a plain
// client (one instance per client, shared): the reads of concurrent
// requests go to Redis in one pipeline, one write and one read on the
// socket for many commands instead of one each, which on a loaded server
// is most of a command's cost. Each caller still waits for its own reply.
// Any other client (a cluster, a failover ring) is read directly.
func Pipelined(c goredis.UniversalClient) Reader {
	if cl, ok := c.(*goredis.Client); ok {
		if ap, err := cl.AutoPipeline(); err == nil {
			return ap
		}
	}
	return c
}

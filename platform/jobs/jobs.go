// Package jobs runs background work on asynq: a client to enqueue, a worker
// that runs the handlers modules contribute, and a scheduler for periodic
// tasks. Modules see only Handler, Schedule and Enqueuer.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/hibiken/asynq"
	goredis "github.com/redis/go-redis/v9"
	"go.uber.org/fx"

	"bazaar/platform/config"
)

// Queues and their weights: a worker takes from critical six times as often
// as from low, and never starves low.
const (
	QueueCritical = "critical"
	QueueDefault  = "default"
	QueueLow      = "low"
)

var queueWeights = map[string]int{QueueCritical: 6, QueueDefault: 3, QueueLow: 1}

// Handler processes one task type. It must be idempotent: a task may run
// again after a crash or a retry.
type Handler struct {
	Type   string
	Handle func(ctx context.Context, payload []byte) error
}

// Schedule enqueues a task periodically (cron spec or "@every 1m").
type Schedule struct {
	Spec    string
	Type    string
	Payload []byte
	Queue   string
}

// AsHandler contributes a constructor's Handler to the "jobs" group.
func AsHandler(constructor any) fx.Option {
	return fx.Provide(fx.Annotate(constructor, fx.ResultTags(`group:"jobs"`)))
}

// AsSchedule contributes a constructor's Schedule to the "schedules" group.
func AsSchedule(constructor any) fx.Option {
	return fx.Provide(fx.Annotate(constructor, fx.ResultTags(`group:"schedules"`)))
}

// Enqueuer puts a task on a queue. Options are asynq's (Queue, TaskID, ProcessIn, MaxRetry...).
type Enqueuer interface {
	Enqueue(ctx context.Context, typ string, payload []byte, opts ...asynq.Option) (id string, err error)
}

// ErrDuplicate means a task with the same ID or unique key is already queued.
var ErrDuplicate = errors.New("jobs: task already queued")

// Module provides the Enqueuer and the Inspector, and exports queue metrics.
var Module = fx.Module("jobs",
	fx.Provide(
		NewClient,
		fx.Annotate(func(c *Client) Enqueuer { return c }),
		NewInspector,
	),
	fx.Invoke(registerMetrics),
)

// connOpt points asynq at the same server as the shared client. asynq gets
// its own pools: with a shared client it refuses to close and logs errors on
// every shutdown.
func connOpt(rdb goredis.UniversalClient) asynq.RedisConnOpt {
	o := rdb.(*goredis.Client).Options()
	return asynq.RedisClientOpt{Network: o.Network, Addr: o.Addr, Username: o.Username, Password: o.Password,
		DB: o.DB, TLSConfig: o.TLSConfig, PoolSize: o.PoolSize}
}

// Client enqueues tasks.
type Client struct{ c *asynq.Client }

// NewClient connects to the shared Redis server.
func NewClient(lc fx.Lifecycle, rdb goredis.UniversalClient) *Client {
	c := asynq.NewClient(connOpt(rdb))
	lc.Append(fx.StopHook(c.Close))
	return &Client{c: c}
}

// Enqueue implements Enqueuer.
func (c *Client) Enqueue(ctx context.Context, typ string, payload []byte, opts ...asynq.Option) (string, error) {
	info, err := c.c.EnqueueContext(ctx, asynq.NewTask(typ, payload), opts...)
	if errors.Is(err, asynq.ErrTaskIDConflict) || errors.Is(err, asynq.ErrDuplicateTask) {
		return "", fmt.Errorf("%s: %w", typ, ErrDuplicate)
	}
	if err != nil {
		return "", fmt.Errorf("enqueue %s: %w", typ, err)
	}
	return info.ID, nil
}

// NewInspector reads queue state (sizes, dead tasks) from Redis.
func NewInspector(lc fx.Lifecycle, rdb goredis.UniversalClient) *asynq.Inspector {
	i := asynq.NewInspector(connOpt(rdb))
	lc.Append(fx.StopHook(i.Close))
	return i
}

// WorkerParams are the worker's dependencies.
type WorkerParams struct {
	fx.In
	Lifecycle fx.Lifecycle
	Config    config.Config
	Log       *slog.Logger
	Redis     goredis.UniversalClient
	Handlers  []Handler  `group:"jobs"`
	Schedules []Schedule `group:"schedules"`
}

// RunWorker starts the asynq server and scheduler with the app. On stop the
// scheduler stops first, then the server lets running tasks finish for up to
// SHUTDOWN_TIMEOUT and puts the unfinished ones back on their queue.
func RunWorker(p WorkerParams) error {
	mux := asynq.NewServeMux()
	seen := map[string]bool{}
	for _, h := range p.Handlers {
		if seen[h.Type] {
			return fmt.Errorf("jobs: two handlers for %q", h.Type)
		}
		seen[h.Type] = true
		handle := h.Handle
		mux.HandleFunc(h.Type, func(ctx context.Context, t *asynq.Task) error { return handle(ctx, t.Payload()) })
	}
	log := p.Log.With("component", "jobs")
	srv := asynq.NewServer(connOpt(p.Redis), asynq.Config{
		Concurrency:              p.Config.JobConcurrency,
		Queues:                   queueWeights,
		RetryDelayFunc:           backoff(p.Config.JobRetryBase),
		ShutdownTimeout:          p.Config.ShutdownTimeout,
		DelayedTaskCheckInterval: time.Second,
		Logger:                   logger{log},
		LogLevel:                 asynq.WarnLevel,
		ErrorHandler: asynq.ErrorHandlerFunc(func(ctx context.Context, t *asynq.Task, err error) {
			retried, _ := asynq.GetRetryCount(ctx)
			maxRetry, _ := asynq.GetMaxRetry(ctx)
			log.Warn("task failed", "type", t.Type(), "retry", retried, "max_retry", maxRetry, "error", err)
		}),
	})
	sched := asynq.NewScheduler(connOpt(p.Redis), &asynq.SchedulerOpts{
		Location: time.UTC,
		Logger:   logger{log},
		LogLevel: asynq.WarnLevel,
		PostEnqueueFunc: func(info *asynq.TaskInfo, err error) {
			// Another replica's scheduler enqueued this tick already.
			if err != nil && !errors.Is(err, asynq.ErrDuplicateTask) {
				log.Error("scheduled enqueue failed", "error", err)
			}
		},
	})
	for _, s := range p.Schedules {
		queue := s.Queue
		if queue == "" {
			queue = QueueDefault
		}
		// Unique: replicas' schedulers firing the same tick, or a tick while
		// the last run is still pending, enqueue one task, not a pile.
		if _, err := sched.Register(s.Spec, asynq.NewTask(s.Type, s.Payload), asynq.Queue(queue), asynq.Unique(time.Hour)); err != nil {
			return fmt.Errorf("jobs: schedule %s %q: %w", s.Type, s.Spec, err)
		}
	}
	p.Lifecycle.Append(fx.Hook{
		OnStart: func(context.Context) error {
			if err := srv.Start(mux); err != nil {
				return fmt.Errorf("jobs worker: %w", err)
			}
			return sched.Start()
		},
		OnStop: func(context.Context) error {
			sched.Shutdown()
			srv.Shutdown()
			return nil
		},
	})
	return nil
}

// maxBackoff caps the delay before a retry, jitter aside.
const maxBackoff = 10 * time.Minute

// backoff doubles from base up to ten minutes, with up to 25% jitter on top
// so that a burst of failures does not retry in lockstep.
func backoff(base time.Duration) asynq.RetryDelayFunc {
	return func(n int, _ error, _ *asynq.Task) time.Duration {
		// Double step by step, stopping at the cap: a shift (base << n)
		// overflows int64 for a large base and can wrap to a tiny delay.
		d := min(max(base, 1), maxBackoff)
		for i := 0; i < n && d < maxBackoff; i++ {
			d = min(2*d, maxBackoff)
		}
		return d + rand.N(d/4+1)
	}
}

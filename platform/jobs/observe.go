package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"
	goredis "github.com/redis/go-redis/v9"
)

// logger sends asynq's logs to slog.
type logger struct{ l *slog.Logger }

func (l logger) Debug(args ...any) { l.l.Debug(fmt.Sprint(args...)) }
func (l logger) Info(args ...any)  { l.l.Info(fmt.Sprint(args...)) }
func (l logger) Warn(args ...any)  { l.l.Warn(fmt.Sprint(args...)) }
func (l logger) Error(args ...any) { l.l.Error(fmt.Sprint(args...)) }
func (l logger) Fatal(args ...any) { l.l.Error(fmt.Sprint(args...)) }

var queueSize = prometheus.NewDesc("bazaar_jobs_queue_tasks",
	"Tasks per queue and state; state=\"archived\" are dead tasks that exhausted their retries.",
	[]string{"queue", "state"}, nil)

// queueCollector reads queue sizes from Redis at scrape time.
type queueCollector struct {
	insp *asynq.Inspector
	rdb  goredis.UniversalClient
}

// asynqQueues is the set in which asynq registers its queues (its
// base.AllQueues); the Inspector answers "queue not found" for a queue
// missing from it, whatever tasks the queue holds.
const asynqQueues = "asynq:queues"

func (queueCollector) Describe(ch chan<- *prometheus.Desc) { ch <- queueSize }

func (q queueCollector) Collect(ch chan<- prometheus.Metric) {
	// asynq's client adds a queue to the set on its first enqueue and caches
	// that for the life of the process. When Redis loses its data (a restart
	// without persistence, a failover) the set is gone, tasks enqueued
	// afterwards are worked but invisible to the Inspector, and dead tasks
	// would vanish from these metrics until every process restarted.
	// Registering our fixed queues here keeps them visible (with zeros
	// before any task is enqueued).
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	queues := make([]any, 0, len(queueWeights))
	for queue := range queueWeights {
		queues = append(queues, queue)
	}
	if err := q.rdb.SAdd(ctx, asynqQueues, queues...).Err(); err != nil {
		return // Redis is down: the readiness check reports it
	}
	for queue := range queueWeights {
		info, err := q.insp.GetQueueInfo(queue)
		if err != nil {
			continue
		}
		for state, n := range map[string]int{"pending": info.Pending, "active": info.Active,
			"scheduled": info.Scheduled, "retry": info.Retry, "archived": info.Archived} {
			ch <- prometheus.MustNewConstMetric(queueSize, prometheus.GaugeValue, float64(n), queue, state)
		}
	}
}

func registerMetrics(reg prometheus.Registerer, insp *asynq.Inspector, rdb goredis.UniversalClient) error {
	return reg.Register(queueCollector{insp: insp, rdb: rdb})
}

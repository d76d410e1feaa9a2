package jobs

import (
	"fmt"
	"log/slog"

	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"
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
type queueCollector struct{ insp *asynq.Inspector }

func (queueCollector) Describe(ch chan<- *prometheus.Desc) { ch <- queueSize }

func (q queueCollector) Collect(ch chan<- prometheus.Metric) {
	for queue := range queueWeights {
		info, err := q.insp.GetQueueInfo(queue)
		if err != nil {
			continue // a queue appears in Redis only once something was enqueued to it
		}
		for state, n := range map[string]int{"pending": info.Pending, "active": info.Active,
			"scheduled": info.Scheduled, "retry": info.Retry, "archived": info.Archived} {
			ch <- prometheus.MustNewConstMetric(queueSize, prometheus.GaugeValue, float64(n), queue, state)
		}
	}
}

func registerMetrics(reg prometheus.Registerer, insp *asynq.Inspector) error {
	return reg.Register(queueCollector{insp})
}

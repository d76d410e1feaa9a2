// Package outbox delivers integration events reliably: a module writes the
// event in the same transaction as the change that caused it, a relay
// enqueues one task per subscriber, and the subscriber's successful run marks
// the delivery done. A delivery not done within the lease is enqueued again,
// so nothing is lost when Redis (or the embedded Redis with the process)
// goes away; a task still queued keeps its ID, so it is never queued twice.
package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"
	"go.uber.org/fx"
	"gorm.io/gorm"

	"bazaar/platform/config"
	"bazaar/platform/jobs"
)

// Module provides the Outbox, the subscribers' job handlers and the cleanup schedule.
var Module = fx.Module("outbox",
	fx.Provide(New),
	fx.Provide(fx.Annotate(handlers, fx.ResultTags(`group:"jobs,flatten"`))),
	jobs.AsSchedule(func() jobs.Schedule { return jobs.Schedule{Spec: "@hourly", Type: cleanupTask, Queue: jobs.QueueLow} }),
	jobs.AsHandler(cleanupHandler),
)

// Message is what a subscriber receives.
type Message struct {
	EventID   string          `json:"event_id"`
	Topic     string          `json:"topic"`
	Payload   json.RawMessage `json:"payload"`
	CreatedAt time.Time       `json:"created_at"`
}

// Subscriber handles one topic. Name is unique per topic and stable: it
// names the task type. Handle must be idempotent.
type Subscriber struct {
	Topic  string
	Name   string
	Handle func(ctx context.Context, m Message) error
}

// AsSubscriber contributes a constructor's Subscriber to the "subscribers" group.
func AsSubscriber(constructor any) fx.Option {
	return fx.Provide(fx.Annotate(constructor, fx.ResultTags(`group:"subscribers"`)))
}

// Lease is how long an enqueued delivery may stay undone before the relay
// enqueues it again (only happens if its task vanished from Redis).
const Lease = 10 * time.Minute

type row struct {
	ID         string `gorm:"primaryKey"`
	EventID    string
	Topic      string
	Subscriber string
	Payload    string
	CreatedAt  time.Time
	EnqueuedAt *time.Time
	DoneAt     *time.Time
}

func (row) TableName() string { return "platform_outbox" }

// Outbox writes events and relays them.
type Outbox struct {
	db       *gorm.DB
	enqueuer jobs.Enqueuer
	log      *slog.Logger
	interval time.Duration
	byTopic  map[string][]string
}

// Params are New's dependencies.
type Params struct {
	fx.In
	DB          *gorm.DB
	Enqueuer    jobs.Enqueuer
	Log         *slog.Logger
	Config      config.Config
	Subscribers []Subscriber `group:"subscribers"`
}

// New builds the Outbox.
func New(p Params) (*Outbox, error) {
	o := &Outbox{db: p.DB, enqueuer: p.Enqueuer, log: p.Log.With("component", "outbox"),
		interval: p.Config.OutboxInterval, byTopic: map[string][]string{}}
	seen := map[string]bool{}
	for _, s := range p.Subscribers {
		if seen[taskType(s.Topic, s.Name)] {
			return nil, fmt.Errorf("outbox: two subscribers %q on %q", s.Name, s.Topic)
		}
		seen[taskType(s.Topic, s.Name)] = true
		o.byTopic[s.Topic] = append(o.byTopic[s.Topic], s.Name)
	}
	return o, nil
}

func taskType(topic, subscriber string) string { return "event:" + topic + ":" + subscriber }

// Publish records an event inside tx, the caller's transaction, and returns
// its ID. The event is delivered only if tx commits.
func (o *Outbox) Publish(tx *gorm.DB, topic string, payload any) (string, error) {
	eventID := uuid.Must(uuid.NewV7()).String()
	subs := o.byTopic[topic]
	if len(subs) == 0 {
		return eventID, nil
	}
	body, err := json.Marshal(payload)
	if err != nil {
		return "", fmt.Errorf("outbox %s: %w", topic, err)
	}
	now := time.Now().UTC()
	rows := make([]row, len(subs))
	for i, s := range subs {
		rows[i] = row{ID: uuid.Must(uuid.NewV7()).String(), EventID: eventID, Topic: topic, Subscriber: s,
			Payload: string(body), CreatedAt: now}
	}
	if err := tx.Create(&rows).Error; err != nil {
		return "", fmt.Errorf("outbox %s: %w", topic, err)
	}
	return eventID, nil
}

// RelayOnce enqueues pending deliveries, oldest first, up to batch. It stops
// at the first enqueue failure (Redis down) and returns how many it enqueued.
func (o *Outbox) RelayOnce(ctx context.Context, batch int) (int, error) {
	var pending []row
	leaseEnd := time.Now().UTC().Add(-Lease)
	err := o.db.WithContext(ctx).Where("done_at IS NULL AND (enqueued_at IS NULL OR enqueued_at < ?)", leaseEnd).
		Order("id").Limit(batch).Find(&pending).Error
	if err != nil {
		return 0, fmt.Errorf("outbox relay: %w", err)
	}
	n := 0
	for _, r := range pending {
		task, _ := json.Marshal(delivery{ID: r.ID, Message: Message{EventID: r.EventID, Topic: r.Topic,
			Payload: json.RawMessage(r.Payload), CreatedAt: r.CreatedAt}})
		_, err := o.enqueuer.Enqueue(ctx, taskType(r.Topic, r.Subscriber), task, asynq.TaskID(r.ID))
		if err != nil && !errors.Is(err, jobs.ErrDuplicate) {
			return n, fmt.Errorf("outbox relay: %w", err)
		}
		if err := o.db.WithContext(ctx).Model(&row{}).Where("id = ?", r.ID).
			Update("enqueued_at", time.Now().UTC()).Error; err != nil {
			return n, fmt.Errorf("outbox relay: %w", err)
		}
		n++
	}
	return n, nil
}

// Run relays every interval until stop closes; logs a Redis outage once,
// not every tick. A pass in progress finishes rather than being cancelled.
func (o *Outbox) Run(stop <-chan struct{}) {
	t := time.NewTicker(o.interval)
	defer t.Stop()
	failing := false
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		n, err := o.RelayOnce(ctx, 500)
		cancel()
		switch {
		case err != nil && !failing:
			o.log.Warn("relay paused: cannot enqueue, will retry", "error", err)
			failing = true
		case err == nil && failing:
			o.log.Info("relay resumed")
			failing = false
		}
		if n == 500 {
			continue // more waiting: don't sleep
		}
		select {
		case <-stop:
			return
		case <-t.C:
		}
	}
}

// RunRelay starts the relay loop with the app and stops it on shutdown.
func RunRelay(lc fx.Lifecycle, o *Outbox) {
	stop, done := make(chan struct{}), make(chan struct{})
	lc.Append(fx.Hook{
		OnStart: func(context.Context) error {
			go func() { defer close(done); o.Run(stop) }()
			return nil
		},
		OnStop: func(context.Context) error { close(stop); <-done; return nil },
	})
}

// delivery is the task payload: the outbox row and the message.
type delivery struct {
	ID      string  `json:"id"`
	Message Message `json:"message"`
}

// handlers turns every subscriber into a job handler that marks its
// delivery done after a successful run.
func handlers(p struct {
	fx.In
	DB          *gorm.DB
	Subscribers []Subscriber `group:"subscribers"`
}) []jobs.Handler {
	out := make([]jobs.Handler, 0, len(p.Subscribers))
	for _, s := range p.Subscribers {
		handle := s.Handle
		out = append(out, jobs.Handler{Type: taskType(s.Topic, s.Name), Handle: func(ctx context.Context, payload []byte) error {
			var d delivery
			if err := json.Unmarshal(payload, &d); err != nil {
				return fmt.Errorf("outbox delivery: %w", err)
			}
			if err := handle(ctx, d.Message); err != nil {
				return err
			}
			return p.DB.WithContext(ctx).Model(&row{}).Where("id = ?", d.ID).Update("done_at", time.Now().UTC()).Error
		}})
	}
	return out
}

const cleanupTask = "outbox:cleanup"

// Retention is how long done deliveries are kept for inspection.
const Retention = 7 * 24 * time.Hour

func cleanupHandler(db *gorm.DB) jobs.Handler {
	return jobs.Handler{Type: cleanupTask, Handle: func(ctx context.Context, _ []byte) error {
		return db.WithContext(ctx).Where("done_at < ?", time.Now().UTC().Add(-Retention)).Delete(&row{}).Error
	}}
}

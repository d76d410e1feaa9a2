package outbox_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	goredis "github.com/redis/go-redis/v9"
	"go.uber.org/fx"
	"gorm.io/gorm"

	"bazaar/platform"
	"bazaar/platform/config"
	"bazaar/platform/jobs"
	"bazaar/platform/outbox"
	bredis "bazaar/platform/redis"
	"bazaar/platform/testkit"
	"bazaar/platform/web"
)

// outboxRow reads platform_outbox directly: the tests check the table, not
// only what the package says about it.
type outboxRow struct {
	ID         string `gorm:"primaryKey"`
	EventID    string
	Topic      string
	Subscriber string
	Payload    string
	CreatedAt  time.Time
	EnqueuedAt *time.Time
	DoneAt     *time.Time
}

func (outboxRow) TableName() string { return "platform_outbox" }

func allRows(t *testing.T, db *gorm.DB) []outboxRow {
	t.Helper()
	var rows []outboxRow
	if err := db.Order("id").Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	return rows
}

func rowsOf(t *testing.T, db *gorm.DB, eventID string) []outboxRow {
	t.Helper()
	var rows []outboxRow
	if err := db.Where("event_id = ?", eventID).Order("subscriber").Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	return rows
}

// allDone reports whether the event has n deliveries, all done.
func allDone(t *testing.T, db *gorm.DB, eventID string, n int) bool {
	rows := rowsOf(t, db, eventID)
	for _, r := range rows {
		if r.DoneAt == nil {
			return false
		}
	}
	return len(rows) == n
}

// inbox records the messages a subscriber handled successfully.
type inbox struct {
	mu   sync.Mutex
	msgs []outbox.Message
}

func (b *inbox) add(m outbox.Message) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.msgs = append(b.msgs, m)
}

func (b *inbox) all() []outbox.Message {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]outbox.Message(nil), b.msgs...)
}

func (b *inbox) len() int { return len(b.all()) }

func subscriber(topic, name string, handle func(ctx context.Context, m outbox.Message) error) fx.Option {
	return outbox.AsSubscriber(func() outbox.Subscriber {
		return outbox.Subscriber{Topic: topic, Name: name, Handle: handle}
	})
}

// recording subscribes b to topic.
func recording(topic, name string, b *inbox) fx.Option {
	return subscriber(topic, name, func(_ context.Context, m outbox.Message) error { b.add(m); return nil })
}

func publish(t *testing.T, db *gorm.DB, ob *outbox.Outbox, topic string, payload any) string {
	t.Helper()
	var id string
	err := db.Transaction(func(tx *gorm.DB) error {
		var err error
		id, err = ob.Publish(tx, topic, payload)
		return err
	})
	if err != nil || id == "" {
		t.Fatalf("publish %s: %q %v", topic, id, err)
	}
	return id
}

func sameJSON(t *testing.T, got json.RawMessage, want any) {
	t.Helper()
	raw, _ := json.Marshal(want)
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("payload %s: %v", got, err)
	}
	_ = json.Unmarshal(raw, &w)
	if !reflect.DeepEqual(g, w) {
		t.Fatalf("payload %s, want %s", got, raw)
	}
}

// ticks waits for several relay passes; used only to show that something
// does NOT happen, which no polling can prove.
func ticks(cfg config.Config) { time.Sleep(10 * cfg.OutboxInterval) }

type orderPlaced struct {
	OrderID string           `json:"order_id"`
	Note    string           `json:"note"`
	Lines   []map[string]any `json:"lines"`
}

func TestCommittedEventIsDeliveredOnce(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var got inbox
		var ob *outbox.Outbox
		var db *gorm.DB
		app := testkit.Start(t, b, recording("test.order_placed", "audit", &got), fx.Populate(&ob, &db))

		payload := orderPlaced{OrderID: "o-1", Note: `café ✓ "quoted" <b>`, Lines: []map[string]any{{"sku": "A-1", "qty": 2.0}}}
		before := time.Now().UTC()
		eventID := publish(t, db, ob, "test.order_placed", payload)
		testkit.Eventually(t, 10*time.Second, "the delivery to be marked done", func() bool { return allDone(t, db, eventID, 1) })

		msgs := got.all()
		if len(msgs) != 1 {
			t.Fatalf("subscriber got %d messages, want 1", len(msgs))
		}
		m := msgs[0]
		if m.EventID != eventID || m.Topic != "test.order_placed" {
			t.Fatalf("message %+v, want event %s on test.order_placed", m, eventID)
		}
		sameJSON(t, m.Payload, payload)
		if m.CreatedAt.Before(before.Add(-time.Second)) || m.CreatedAt.After(time.Now().Add(time.Second)) {
			t.Fatalf("created_at %s, published at %s", m.CreatedAt, before)
		}
		r := rowsOf(t, db, eventID)[0]
		if r.Subscriber != "audit" || r.Topic != "test.order_placed" || r.EnqueuedAt == nil || r.DoneAt == nil {
			t.Fatalf("row %+v", r)
		}

		ticks(app.Config)
		if n := got.len(); n != 1 {
			t.Fatalf("delivered %d times after more relay passes, want 1", n)
		}
	})
}

func TestRolledBackEventIsNeverDelivered(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var got inbox
		var ob *outbox.Outbox
		var db *gorm.DB
		app := testkit.Start(t, b, recording("test.rollback", "audit", &got), fx.Populate(&ob, &db))

		errAbort := errors.New("abort")
		var rolledBack string
		err := db.Transaction(func(tx *gorm.DB) error {
			id, err := ob.Publish(tx, "test.rollback", map[string]int{"n": 1})
			if err != nil {
				return err
			}
			rolledBack = id
			return errAbort
		})
		if !errors.Is(err, errAbort) {
			t.Fatalf("transaction: %v", err)
		}
		// A committed event after it shows the relay is running, and passed
		// the rolled-back one's place.
		committed := publish(t, db, ob, "test.rollback", map[string]int{"n": 2})
		testkit.Eventually(t, 10*time.Second, "the committed event", func() bool { return allDone(t, db, committed, 1) })
		ticks(app.Config)

		if msgs := got.all(); len(msgs) != 1 || msgs[0].EventID != committed {
			t.Fatalf("delivered %+v, want only %s", msgs, committed)
		}
		if rows := rowsOf(t, db, rolledBack); len(rows) != 0 {
			t.Fatalf("rolled-back event left rows: %+v", rows)
		}
		if rows := allRows(t, db); len(rows) != 1 {
			t.Fatalf("outbox holds %d rows, want only the committed one", len(rows))
		}
	})
}

func TestEachSubscriberGetsTheEventAndFailuresAreIsolated(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var fast, flaky inbox
		var mu sync.Mutex
		var failures, lastRetry int
		var ob *outbox.Outbox
		var db *gorm.DB
		testkit.Start(t, b,
			recording("test.fanout", "fast", &fast),
			// flaky fails until fast has its copy (and at least once): were the
			// deliveries chained, fast would never get it and flaky never succeed.
			subscriber("test.fanout", "flaky", func(ctx context.Context, m outbox.Message) error {
				mu.Lock()
				defer mu.Unlock()
				if failures == 0 || fast.len() == 0 {
					failures++
					return errors.New("flaky: not yet")
				}
				lastRetry, _ = asynq.GetRetryCount(ctx)
				flaky.add(m)
				return nil
			}),
			fx.Populate(&ob, &db))

		eventID := publish(t, db, ob, "test.fanout", map[string]string{"sku": "A-1"})
		testkit.Eventually(t, 20*time.Second, "both deliveries to be done", func() bool { return allDone(t, db, eventID, 2) })

		for name, box := range map[string]*inbox{"fast": &fast, "flaky": &flaky} {
			msgs := box.all()
			if len(msgs) != 1 || msgs[0].EventID != eventID || msgs[0].Topic != "test.fanout" {
				t.Fatalf("%s handled %+v, want event %s once", name, msgs, eventID)
			}
			sameJSON(t, msgs[0].Payload, map[string]string{"sku": "A-1"})
		}
		mu.Lock()
		defer mu.Unlock()
		if failures < 1 || lastRetry != failures {
			t.Fatalf("flaky failed %d times and succeeded on retry %d: want a retry per failure", failures, lastRetry)
		}
		if rows := rowsOf(t, db, eventID); rows[0].Subscriber != "fast" || rows[1].Subscriber != "flaky" {
			t.Fatalf("one delivery row per subscriber: %+v", rows)
		}
	})
}

// killableRedis is a Redis server this test owns, so it can kill it and
// bring it back on the same port.
type killableRedis struct {
	URL     string
	Kill    func()
	Restart func()
}

func startKillableRedis(t *testing.T) *killableRedis {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true needs redis-server on PATH for the killed-Redis test")
		}
		t.Log("redis-server not found: killing the embedded Redis instead")
		srv, err := bredis.StartEmbedded()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(srv.Close)
		return &killableRedis{
			URL:  "redis://" + srv.Addr(),
			Kill: func() { srv.Miniredis.Close() },
			Restart: func() {
				if err := srv.Restart(); err != nil {
					t.Fatalf("restart embedded redis: %v", err)
				}
			},
		}
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	_, port, _ := net.SplitHostPort(addr)
	ping := goredis.NewClient(&goredis.Options{Addr: addr, MaxRetries: -1})
	t.Cleanup(func() { ping.Close() })

	var cmd *exec.Cmd
	start := func() {
		cmd = exec.Command(bin, "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
		if err := cmd.Start(); err != nil {
			t.Fatalf("start redis-server: %v", err)
		}
		testkit.Eventually(t, 10*time.Second, "redis-server on "+addr, func() bool {
			return ping.Ping(context.Background()).Err() == nil
		})
	}
	kill := func() {
		if cmd == nil {
			return
		}
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		cmd = nil
	}
	start()
	t.Cleanup(kill)
	return &killableRedis{URL: "redis://" + addr + "/0", Kill: kill, Restart: start}
}

func TestEventWrittenWhileRedisIsDownIsDeliveredOnceItIsBack(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		rd := startKillableRedis(t)
		cfg := testkit.Config(t, b)
		cfg.RedisURL = rd.URL

		var got inbox
		var ob *outbox.Outbox
		var db *gorm.DB
		testkit.StartWith(t, cfg, recording("test.outage", "audit", &got), fx.Populate(&ob, &db))

		rd.Kill()
		eventID := publish(t, db, ob, "test.outage", map[string]string{"order_id": "o-9"})

		// The relay cannot enqueue: it says so and keeps the row pending.
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if n, err := ob.RelayOnce(ctx, 10); err == nil || n != 0 {
			t.Fatalf("RelayOnce with Redis down: %d, %v; want 0 and an error", n, err)
		}
		ticks(cfg)
		if n := got.len(); n != 0 {
			t.Fatalf("delivered %d times while Redis was down", n)
		}
		rows := rowsOf(t, db, eventID)
		if len(rows) != 1 || rows[0].EnqueuedAt != nil || rows[0].DoneAt != nil {
			t.Fatalf("with Redis down the row must stay pending and unenqueued: %+v", rows)
		}

		rd.Restart()
		testkit.Eventually(t, 20*time.Second, "delivery after Redis is back", func() bool { return allDone(t, db, eventID, 1) })
		ticks(cfg)
		msgs := got.all()
		if len(msgs) != 1 || msgs[0].EventID != eventID {
			t.Fatalf("delivered %+v, want event %s exactly once", msgs, eventID)
		}
		sameJSON(t, msgs[0].Payload, map[string]string{"order_id": "o-9"})
	})
}

// startWithoutWorker boots the platform with migrations and HTTP but no
// worker and no relay, so the test alone decides when RelayOnce runs and
// nothing consumes the queue. It returns the base URL.
func startWithoutWorker(t *testing.T, cfg config.Config, opts ...fx.Option) string {
	t.Helper()
	var srv *web.Server
	app := fx.New(append([]fx.Option{platform.Module(cfg), platform.Migrate(), platform.Serve(), fx.Populate(&srv)}, opts...)...)
	if err := app.Err(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := app.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := app.Stop(ctx); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return "http://" + srv.Addr()
}

// pendingInMetrics scrapes /metrics for the default queue's pending tasks.
func pendingInMetrics(t *testing.T, base string) string {
	t.Helper()
	res, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	const prefix = `bazaar_jobs_queue_tasks{queue="default",state="pending"} `
	for _, l := range strings.Split(string(body), "\n") {
		if strings.HasPrefix(l, prefix) {
			return strings.TrimPrefix(l, prefix)
		}
	}
	return "(absent)"
}

func TestDeliveryLostFromRedisIsEnqueuedAgainAfterTheLease(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		cfg := testkit.Config(t, b)
		if cfg.RedisURL == "" {
			// The queue must outlive the first app so a second one can work it.
			srv, err := bredis.StartEmbedded()
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(srv.Close)
			cfg.RedisURL = "redis://" + srv.Addr()
		}
		const topic, sub = "test.lost", "audit"
		var got inbox
		var ob *outbox.Outbox
		var db *gorm.DB
		var rdb goredis.UniversalClient
		var insp *asynq.Inspector
		url := startWithoutWorker(t, cfg, recording(topic, sub, &got), fx.Populate(&ob, &db, &rdb, &insp))
		ctx := context.Background()
		relay := func(want int) {
			t.Helper()
			if n, err := ob.RelayOnce(ctx, 100); err != nil || n != want {
				t.Fatalf("RelayOnce: %d %v, want %d", n, err, want)
			}
		}
		pending := func(want string) {
			t.Helper()
			if got := pendingInMetrics(t, url); got != want {
				t.Fatalf("pending tasks on default: %s, want %s", got, want)
			}
		}
		age := func(id string) {
			t.Helper()
			old := time.Now().UTC().Add(-outbox.Lease - time.Minute)
			if err := db.Model(&outboxRow{}).Where("id = ?", id).Update("enqueued_at", old).Error; err != nil {
				t.Fatal(err)
			}
		}

		eventID := publish(t, db, ob, topic, map[string]string{"order_id": "o-7"})
		rowID := rowsOf(t, db, eventID)[0].ID
		relay(1)
		task, err := insp.GetTaskInfo(jobs.QueueDefault, rowID)
		if err != nil || task.State != asynq.TaskStatePending || task.Type != "event:"+topic+":"+sub {
			t.Fatalf("queued delivery: %+v %v", task, err)
		}
		var d struct {
			ID      string         `json:"id"`
			Message outbox.Message `json:"message"`
		}
		if err := json.Unmarshal(task.Payload, &d); err != nil || d.ID != rowID || d.Message.EventID != eventID {
			t.Fatalf("queued payload %s: %v", task.Payload, err)
		}
		relay(0) // enqueued and within its lease: left alone
		pending("1")

		// Redis loses the task (a restart without persistence, a failover).
		if err := rdb.FlushDB(ctx).Err(); err != nil {
			t.Fatal(err)
		}
		pending("0")
		relay(0) // still within the lease: the relay cannot know yet
		pending("0")

		// Once the lease has run out, the relay enqueues it again, same ID.
		age(rowID)
		relay(1)
		pending("1")
		// (The Inspector sees the queue again because the scrape re-registered
		// it: asynq's client registers a queue once per process.)
		if task, err := insp.GetTaskInfo(jobs.QueueDefault, rowID); err != nil || task.State != asynq.TaskStatePending {
			t.Fatalf("re-enqueued delivery: %+v %v", task, err)
		}
		relay(0) // a fresh lease again

		// A lease that ran out while the task is still queued (a slow
		// worker) must not queue it twice: same task ID.
		age(rowID)
		relay(1)
		pending("1")
		if got.len() != 0 {
			t.Fatal("no worker ran, yet the subscriber was called")
		}

		// A worker on the same database and Redis delivers it, once.
		testkit.StartWith(t, cfg, recording(topic, sub, &got))
		testkit.Eventually(t, 10*time.Second, "the redelivered event", func() bool { return allDone(t, db, eventID, 1) })
		ticks(cfg)
		msgs := got.all()
		if len(msgs) != 1 || msgs[0].EventID != eventID {
			t.Fatalf("delivered %+v, want %s once", msgs, eventID)
		}
		sameJSON(t, msgs[0].Payload, map[string]string{"order_id": "o-7"})
	})
}

func TestCleanupDeletesOnlyOldDoneDeliveries(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var enq jobs.Enqueuer
		var insp *asynq.Inspector
		var db *gorm.DB
		testkit.Start(t, b, fx.Populate(&enq, &insp, &db))

		now := time.Now().UTC()
		ago := func(d time.Duration) *time.Time { t := now.Add(-d); return &t }
		day := 24 * time.Hour
		fresh := ago(time.Second) // within the lease: the relay leaves pending rows alone
		seed := []outboxRow{
			{ID: "done-8d", DoneAt: ago(outbox.Retention + day), EnqueuedAt: ago(outbox.Retention + day), CreatedAt: *ago(outbox.Retention + day)},
			{ID: "done-30d", DoneAt: ago(30 * day), EnqueuedAt: ago(30 * day), CreatedAt: *ago(30 * day)},
			{ID: "done-just-under", DoneAt: ago(outbox.Retention - time.Hour), EnqueuedAt: ago(outbox.Retention), CreatedAt: *ago(outbox.Retention)},
			{ID: "done-now", DoneAt: ago(time.Minute), EnqueuedAt: ago(time.Minute), CreatedAt: *ago(time.Minute)},
			{ID: "pending-30d", EnqueuedAt: fresh, CreatedAt: *ago(30 * day)},
		}
		for i := range seed {
			seed[i].EventID, seed[i].Topic, seed[i].Subscriber, seed[i].Payload = "e-"+seed[i].ID, "test.cleanup", "audit", "{}"
		}
		if err := db.Create(&seed).Error; err != nil {
			t.Fatal(err)
		}

		// The task the hourly schedule enqueues; run it now.
		id, err := enq.Enqueue(context.Background(), "outbox:cleanup", nil, asynq.Queue(jobs.QueueLow), asynq.Retention(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		testkit.Eventually(t, 10*time.Second, "the cleanup task to complete", func() bool {
			info, err := insp.GetTaskInfo(jobs.QueueLow, id)
			return err == nil && info.State == asynq.TaskStateCompleted
		})

		var left []string
		for _, r := range allRows(t, db) {
			left = append(left, r.ID)
		}
		want := []string{"done-just-under", "done-now", "pending-30d"}
		if !reflect.DeepEqual(left, want) {
			t.Fatalf("rows left %v, want %v", left, want)
		}
	})
}

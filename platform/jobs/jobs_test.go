package jobs_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	goredis "github.com/redis/go-redis/v9"
	"go.uber.org/fx"

	"bazaar/platform"
	"bazaar/platform/jobs"
	bredis "bazaar/platform/redis"
	"bazaar/platform/testkit"
)

// call is one run of a handler, as the handler saw it.
type call struct {
	payload []byte
	queue   string
	taskID  string
	retry   int
}

// calls records every run of a handler.
type calls struct {
	mu   sync.Mutex
	list []call
}

func (c *calls) record(ctx context.Context, payload []byte) int {
	queue, _ := asynq.GetQueueName(ctx)
	id, _ := asynq.GetTaskID(ctx)
	retry, _ := asynq.GetRetryCount(ctx)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.list = append(c.list, call{payload: bytes.Clone(payload), queue: queue, taskID: id, retry: retry})
	return len(c.list)
}

func (c *calls) all() []call {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]call(nil), c.list...)
}

func (c *calls) len() int { return len(c.all()) }

// handler contributes fn as the handler of typ, the way a module does.
func handler(typ string, fn func(ctx context.Context, payload []byte) error) fx.Option {
	return jobs.AsHandler(func() jobs.Handler { return jobs.Handler{Type: typ, Handle: fn} })
}

// waitState polls the Inspector until the task reaches the state.
func waitState(t *testing.T, insp *asynq.Inspector, queue, id string, want asynq.TaskState, timeout time.Duration) *asynq.TaskInfo {
	t.Helper()
	var info *asynq.TaskInfo
	testkit.Eventually(t, timeout, fmt.Sprintf("task %s on %s to be %s", id, queue, want), func() bool {
		i, err := insp.GetTaskInfo(queue, id)
		if err != nil {
			return false
		}
		info = i
		return i.State == want
	})
	return info
}

// redisInspector reads the queues of a Redis that outlives the app.
func redisInspector(t *testing.T, url string) *asynq.Inspector {
	t.Helper()
	opt, err := asynq.ParseRedisURI(url)
	if err != nil {
		t.Fatal(err)
	}
	insp := asynq.NewInspector(opt)
	t.Cleanup(func() { insp.Close() })
	return insp
}

func TestHandlerRunsOnceWithPayloadIntact(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var got calls
		var enq jobs.Enqueuer
		var insp *asynq.Inspector
		testkit.Start(t, b, handler("test:echo", func(ctx context.Context, p []byte) error {
			got.record(ctx, p)
			return nil
		}), fx.Populate(&enq, &insp))

		payload := []byte("{\"order\":\"o-1\"}\x00\xff\xfe binary, ünïcode")
		// Retention keeps the finished task visible, so "completed" is observable
		// and proves nothing is left to run again.
		id, err := enq.Enqueue(context.Background(), "test:echo", payload, asynq.Retention(time.Hour))
		if err != nil || id == "" {
			t.Fatalf("enqueue: %q %v", id, err)
		}
		waitState(t, insp, jobs.QueueDefault, id, asynq.TaskStateCompleted, 10*time.Second)

		runs := got.all()
		if len(runs) != 1 {
			t.Fatalf("handler ran %d times, want 1", len(runs))
		}
		if !bytes.Equal(runs[0].payload, payload) {
			t.Fatalf("payload %q, want %q", runs[0].payload, payload)
		}
		if runs[0].taskID != id || runs[0].queue != jobs.QueueDefault {
			t.Fatalf("ran task %s on %q, want %s on default", runs[0].taskID, runs[0].queue, id)
		}
	})
}

func TestFailingHandlerIsRetriedUntilItSucceeds(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var got calls
		var enq jobs.Enqueuer
		var insp *asynq.Inspector
		testkit.Start(t, b, handler("test:flaky", func(ctx context.Context, p []byte) error {
			if got.record(ctx, p) <= 2 {
				return errors.New("flaky: not yet")
			}
			return nil
		}), fx.Populate(&enq, &insp))

		id, err := enq.Enqueue(context.Background(), "test:flaky", []byte("x"), asynq.Retention(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		info := waitState(t, insp, jobs.QueueDefault, id, asynq.TaskStateCompleted, 20*time.Second)

		runs := got.all()
		if len(runs) != 3 {
			t.Fatalf("handler ran %d times, want 3 (two failures, one success)", len(runs))
		}
		for i, r := range runs {
			if r.retry != i || string(r.payload) != "x" {
				t.Errorf("run %d: retry count %d payload %q", i, r.retry, r.payload)
			}
		}
		if info.Retried != 2 || !strings.Contains(info.LastErr, "flaky: not yet") {
			t.Fatalf("task retried %d times, last error %q", info.Retried, info.LastErr)
		}
	})
}

func TestBackoff(t *testing.T) {
	const limit = 10 * time.Minute
	within := func(t *testing.T, base time.Duration, n int, want time.Duration) {
		t.Helper()
		f := jobs.Backoff(base)
		for range 200 {
			d := f(n, errors.New("x"), nil)
			if d < want || d > want+want/4 {
				t.Fatalf("base %s, retry %d: %s, want %s plus at most 25%% jitter", base, n, d, want)
			}
		}
	}
	// Doubles from the base...
	base := 100 * time.Millisecond
	want := base
	for n := 0; want < limit; n++ {
		within(t, base, n, want)
		want *= 2
	}
	// ...up to ten minutes, then stays there however many retries follow.
	for _, n := range []int{13, 20, 21, 25, 64, 1000} {
		within(t, base, n, limit)
	}
	// A base above the cap is capped, and a large base never overflows into a
	// short delay (2^44 ns + 1 µs shifted left by 20 wraps around int64).
	for _, big := range []time.Duration{time.Hour, 5 * time.Hour, time.Duration(1<<44 + 1000)} {
		for n := range 40 {
			within(t, big, n, limit)
		}
	}
	// The jitter varies, so a burst of failures does not retry in lockstep.
	f := jobs.Backoff(time.Second)
	seen := map[time.Duration]bool{}
	for range 50 {
		seen[f(3, nil, nil)] = true
	}
	if len(seen) < 2 {
		t.Fatalf("50 delays for the same retry were all %v: no jitter", seen)
	}
}

func TestDeadTasksAreArchivedAndExported(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var got calls
		var enq jobs.Enqueuer
		var insp *asynq.Inspector
		app := testkit.Start(t, b, handler("test:broken", func(ctx context.Context, p []byte) error {
			got.record(ctx, p)
			return errors.New("always broken")
		}), fx.Populate(&enq, &insp))

		id, err := enq.Enqueue(context.Background(), "test:broken", []byte("dead"), asynq.MaxRetry(1))
		if err != nil {
			t.Fatal(err)
		}
		var dead []*asynq.TaskInfo
		testkit.Eventually(t, 15*time.Second, "the task to be archived", func() bool {
			dead, err = insp.ListArchivedTasks(jobs.QueueDefault)
			return err == nil && len(dead) > 0
		})
		if len(dead) != 1 || dead[0].ID != id || dead[0].Type != "test:broken" || string(dead[0].Payload) != "dead" {
			t.Fatalf("archived tasks: %+v", dead)
		}
		if dead[0].Retried != 1 || !strings.Contains(dead[0].LastErr, "always broken") {
			t.Fatalf("archived after %d retries, last error %q", dead[0].Retried, dead[0].LastErr)
		}
		if n := got.len(); n != 2 {
			t.Fatalf("handler ran %d times, want 2 (first run and one retry)", n)
		}

		want := `bazaar_jobs_queue_tasks{queue="default",state="archived"} 1`
		if lines, ok := hasMetric(t, app.Client(), want); !ok {
			t.Fatalf("/metrics lacks %q; queue lines:\n%s", want, lines)
		}
	})
}

// hasMetric scrapes /metrics and looks for the exact line; it also returns
// the queue lines, for the failure message.
func hasMetric(t *testing.T, c *testkit.Client, want string) (string, bool) {
	t.Helper()
	r := c.Get("/metrics")
	if r.Status != 200 {
		t.Fatalf("/metrics: %d", r.Status)
	}
	var ours []string
	found := false
	for _, l := range strings.Split(string(r.Body), "\n") {
		found = found || l == want
		if strings.HasPrefix(l, "bazaar_jobs_queue_tasks") {
			ours = append(ours, l)
		}
	}
	return strings.Join(ours, "\n"), found
}

// asynq's client registers a queue in Redis on its first enqueue and never
// again; when Redis loses its data (a restart without persistence, a
// failover), the queues drop out of its registry and the Inspector answers
// "queue not found" for tasks that are there. Dead tasks must still show.
func TestDeadTasksStayVisibleAfterRedisLosesItsData(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var enq jobs.Enqueuer
		var rdb goredis.UniversalClient
		app := testkit.Start(t, b,
			handler("test:ok", func(context.Context, []byte) error { return nil }),
			handler("test:broken", func(context.Context, []byte) error { return errors.New("always broken") }),
			fx.Populate(&enq, &rdb))
		ctx := context.Background()
		if _, err := enq.Enqueue(ctx, "test:ok", nil); err != nil {
			t.Fatal(err)
		}
		if err := rdb.FlushDB(ctx).Err(); err != nil {
			t.Fatal(err)
		}
		if _, err := enq.Enqueue(ctx, "test:broken", nil, asynq.MaxRetry(0)); err != nil {
			t.Fatal(err)
		}
		c := app.Client()
		want := `bazaar_jobs_queue_tasks{queue="default",state="archived"} 1`
		testkit.Eventually(t, 10*time.Second, "the dead task in /metrics: "+want, func() bool {
			_, ok := hasMetric(t, c, want)
			return ok
		})
	})
}

func TestQueuesAndDuplicates(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var got calls
		var enq jobs.Enqueuer
		var insp *asynq.Inspector
		testkit.Start(t, b, handler("test:queued", func(ctx context.Context, p []byte) error {
			got.record(ctx, p)
			return nil
		}), fx.Populate(&enq, &insp))
		ctx := context.Background()

		for _, q := range []string{jobs.QueueCritical, jobs.QueueLow} {
			if _, err := enq.Enqueue(ctx, "test:queued", []byte(q), asynq.Queue(q)); err != nil {
				t.Fatal(err)
			}
		}
		testkit.Eventually(t, 10*time.Second, "tasks on critical and low to run", func() bool { return got.len() >= 2 })
		seen := map[string]string{}
		for _, c := range got.all() {
			seen[string(c.payload)] = c.queue
		}
		if len(seen) != 2 || seen[jobs.QueueCritical] != jobs.QueueCritical || seen[jobs.QueueLow] != jobs.QueueLow {
			t.Fatalf("payload → queue the handler ran on: %v", seen)
		}

		// The same task ID twice: the second is refused while the first waits.
		first, err := enq.Enqueue(ctx, "test:queued", []byte("once"), asynq.TaskID("dup-1"), asynq.ProcessIn(time.Hour))
		if err != nil || first != "dup-1" {
			t.Fatalf("first enqueue: %q %v", first, err)
		}
		if _, err := enq.Enqueue(ctx, "test:queued", []byte("twice"), asynq.TaskID("dup-1"), asynq.ProcessIn(time.Hour)); !errors.Is(err, jobs.ErrDuplicate) {
			t.Fatalf("second enqueue with the same TaskID: %v, want ErrDuplicate", err)
		}
		// The same unique task twice: likewise.
		if _, err := enq.Enqueue(ctx, "test:queued", []byte("u"), asynq.Unique(time.Hour), asynq.ProcessIn(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := enq.Enqueue(ctx, "test:queued", []byte("u"), asynq.Unique(time.Hour), asynq.ProcessIn(time.Hour)); !errors.Is(err, jobs.ErrDuplicate) {
			t.Fatalf("second unique enqueue: %v, want ErrDuplicate", err)
		}
		info, err := insp.GetQueueInfo(jobs.QueueDefault)
		if err != nil || info.Scheduled != 2 {
			t.Fatalf("default queue should hold exactly the two first tasks: %+v %v", info, err)
		}
		if task, err := insp.GetTaskInfo(jobs.QueueDefault, "dup-1"); err != nil || string(task.Payload) != "once" {
			t.Fatalf("the first task must be kept, not replaced: %+v %v", task, err)
		}
	})
}

func TestScheduleEnqueuesPeriodically(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		var got calls
		testkit.Start(t, b,
			jobs.AsSchedule(func() jobs.Schedule {
				return jobs.Schedule{Spec: "@every 1s", Type: "test:tick", Payload: []byte("tick"), Queue: jobs.QueueCritical}
			}),
			handler("test:tick", func(ctx context.Context, p []byte) error {
				got.record(ctx, p)
				return nil
			}))
		// Two runs: the schedule keeps firing, and the unique lock of the first
		// run is released once it succeeded.
		testkit.Eventually(t, 10*time.Second, "two scheduled runs", func() bool { return got.len() >= 2 })
		for _, c := range got.all() {
			if string(c.payload) != "tick" || c.queue != jobs.QueueCritical {
				t.Fatalf("scheduled run got payload %q on queue %q", c.payload, c.queue)
			}
		}
	})
}

func TestStopLetsARunningTaskFinish(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		started := make(chan struct{}, 1)
		var finished, cancelled atomic.Bool
		var enq jobs.Enqueuer
		app := testkit.Start(t, b, handler("test:slow", func(ctx context.Context, p []byte) error {
			select {
			case started <- struct{}{}:
			default:
			}
			select {
			case <-time.After(700 * time.Millisecond):
				finished.Store(true)
				return nil
			case <-ctx.Done():
				cancelled.Store(true)
				return ctx.Err()
			}
		}), fx.Populate(&enq))

		id, err := enq.Enqueue(context.Background(), "test:slow", nil, asynq.Retention(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		select {
		case <-started:
		case <-time.After(10 * time.Second):
			t.Fatal("the task never started")
		}
		app.Stop()
		if !finished.Load() || cancelled.Load() {
			t.Fatalf("Stop returned before the running task finished (finished=%v cancelled=%v)", finished.Load(), cancelled.Load())
		}
		if b.RedisURL != "" {
			// Real Redis outlives the app: the task is recorded as done, not
			// put back to run again.
			insp := redisInspector(t, app.Config.RedisURL)
			if info, err := insp.GetTaskInfo(jobs.QueueDefault, id); err != nil || info.State != asynq.TaskStateCompleted {
				t.Fatalf("after stop: %+v %v, want completed", info, err)
			}
		}
	})
}

// A task still running when SHUTDOWN_TIMEOUT runs out goes back on its queue,
// and the next worker on the same Redis runs it. Only on real Redis: the
// embedded one dies with the process, and its tasks with it.
func TestStopRequeuesATaskThatOutlivesTheTimeout(t *testing.T) {
	ran := false
	for _, b := range testkit.Backends(t) {
		if b.RedisURL == "" {
			continue
		}
		ran = true
		cfg := testkit.Config(t, b)
		cfg.ShutdownTimeout = time.Second

		started := make(chan struct{}, 1)
		var cancelled atomic.Bool
		var enq jobs.Enqueuer
		first := testkit.StartWith(t, cfg, handler("test:stuck", func(ctx context.Context, p []byte) error {
			select {
			case started <- struct{}{}:
			default:
			}
			select {
			case <-ctx.Done():
				cancelled.Store(true)
				return ctx.Err()
			case <-time.After(30 * time.Second):
				return errors.New("never cancelled")
			}
		}), fx.Populate(&enq))

		id, err := enq.Enqueue(context.Background(), "test:stuck", []byte("unfinished"))
		if err != nil {
			t.Fatal(err)
		}
		select {
		case <-started:
		case <-time.After(10 * time.Second):
			t.Fatal("the task never started")
		}
		stopping := time.Now()
		first.Stop()
		// Not a performance bound: without SHUTDOWN_TIMEOUT, asynq would wait
		// its own default of 8 s (or the handler's 30 s), not about 1 s.
		if took := time.Since(stopping); took > cfg.ShutdownTimeout+4*time.Second {
			t.Fatalf("Stop took %s with SHUTDOWN_TIMEOUT=%s", took, cfg.ShutdownTimeout)
		}
		testkit.Eventually(t, 5*time.Second, "the abandoned handler's context to be cancelled", cancelled.Load)

		insp := redisInspector(t, cfg.RedisURL)
		if info, err := insp.GetTaskInfo(jobs.QueueDefault, id); err != nil || info.State != asynq.TaskStatePending {
			t.Fatalf("after stop: %+v %v, want the task pending again", info, err)
		}

		var got calls
		testkit.StartWith(t, cfg, handler("test:stuck", func(ctx context.Context, p []byte) error {
			got.record(ctx, p)
			return nil
		}))
		testkit.Eventually(t, 10*time.Second, "the second worker to run the requeued task", func() bool { return got.len() > 0 })
		c := got.all()[0]
		// Retry count 0: put back as it was, not failed and retried.
		if c.taskID != id || string(c.payload) != "unfinished" || c.retry != 0 {
			t.Fatalf("second worker ran %+v, want task %s with retry count 0", c, id)
		}
	}
	if !ran {
		t.Skip("needs TEST_DATABASE_URL and TEST_REDIS_URL (CI=true fails instead of skipping)")
	}
}

func TestTwoHandlersForOneTypeFailTheApp(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		cfg := testkit.Config(t, b)
		if cfg.RedisURL == "" {
			// An app that fails to build never runs its stop hooks: give it a
			// Redis the test closes rather than one it would leak.
			srv, err := bredis.StartEmbedded()
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(srv.Close)
			cfg.RedisURL = "redis://" + srv.Addr()
		}
		ok := func(context.Context, []byte) error { return nil }
		app := fx.New(platform.Module(cfg), platform.Migrate(), platform.Work(),
			handler("test:twice", ok), handler("test:twice", ok))
		want := `jobs: two handlers for "test:twice"`
		if err := app.Err(); err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("build error %v, want one containing %s", err, want)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := app.Start(ctx); err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("start error %v, want one containing %s", err, want)
		}
	})
}

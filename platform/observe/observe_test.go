package observe

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/fx/fxtest"

	"bazaar/platform/config"
)

// syncBuffer is stderr for the test: what reached it so far.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) Sync() error { return nil }

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Info lines wait in the buffer (a write per request was the cost), but a
// warning takes everything before it out at once, and stopping the app
// flushes what is left.
func TestLogsAreBufferedButWarningsAreNot(t *testing.T) {
	lc := fxtest.NewLifecycle(t)
	out := &syncBuffer{}
	log := bufferedLogger(lc, config.Config{LogLevel: slog.LevelInfo}, out, time.Hour)
	lc.RequireStart()

	log.Info("first")
	if got := out.String(); got != "" {
		t.Fatalf("an info line was written at once: %q", got)
	}
	log.With("component", "test").Warn("trouble")
	if got := out.String(); !strings.Contains(got, `"msg":"first"`) || !strings.Contains(got, `"msg":"trouble"`) {
		t.Fatalf("after a warning, stderr holds %q; want the info line and the warning", got)
	}
	log.Info("last")
	lc.RequireStop()
	if !strings.Contains(out.String(), `"msg":"last"`) {
		t.Fatalf("stopping did not flush the last line: %q", out.String())
	}
}

// Without a warning or a stop, info lines still come out within the
// flush interval.
func TestBufferedLogsAreFlushedPeriodically(t *testing.T) {
	lc := fxtest.NewLifecycle(t)
	out := &syncBuffer{}
	log := bufferedLogger(lc, config.Config{LogLevel: slog.LevelInfo}, out, 10*time.Millisecond)
	lc.RequireStart()
	defer lc.RequireStop()
	log.Info("waiting")
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), `"msg":"waiting"`) {
		if time.Now().After(deadline) {
			t.Fatal("an info line was never flushed")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// The app's logger on the real stderr (a pipe under go test, as under a
// container runtime) flushes without failing the shutdown: fsync of a pipe
// fails.
func TestStderrLoggerStopsCleanly(t *testing.T) {
	lc := fxtest.NewLifecycle(t)
	log := newBufferedLogger(lc, config.Config{LogLevel: slog.LevelWarn})
	lc.RequireStart()
	log.Warn("a warning on stderr, written by TestStderrLoggerStopsCleanly")
	if err := lc.Stop(context.Background()); err != nil {
		t.Fatalf("stop: %v", err)
	}
}

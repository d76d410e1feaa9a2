package observe

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
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

// PPROF_ADDR serves the profiles while the app runs, and stops with it.
func TestProfilesServedOnPprofAddr(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	lc := fxtest.NewLifecycle(t)
	Profile(lc, config.Config{PprofAddr: addr}, slog.New(slog.DiscardHandler))
	lc.RequireStart()
	res, err := http.Get("http://" + addr + "/debug/pprof/heap?debug=1")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), "heap profile") {
		t.Fatalf("heap profile: %d %.100s", res.StatusCode, body)
	}
	lc.RequireStop()
	if _, err := http.Get("http://" + addr + "/debug/pprof/"); err == nil {
		t.Fatal("profiles still served after stop")
	}
}

// Package load holds what the load generators share: the loopback-only
// target check and the tally of a run's answers and latencies.
package load

import (
	"fmt"
	"log"
	"net"
	"net/url"
	"slices"
	"sync"
	"time"
)

// Loopback parses base and exits unless it names a loopback host: load
// runs never leave the machine.
func Loopback(tool, base string) *url.URL {
	u, err := url.Parse(base)
	if err != nil {
		log.Fatal(err)
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		log.Fatalf("%s targets loopback only, not %s", tool, u.Host)
	}
	return u
}

// Worker is one goroutine's figures, kept without locks and added to a
// Tally when it ends.
type Worker struct {
	lat      []time.Duration
	statuses map[int]int
}

// Record counts one answer and its latency; status -1 is a transport
// error, which has no latency.
func (w *Worker) Record(took time.Duration, status int) {
	if w.statuses == nil {
		w.statuses = map[int]int{}
	}
	w.statuses[status]++
	if status >= 0 {
		w.lat = append(w.lat, took)
	}
}

// Tally gathers the figures of many workers.
type Tally struct {
	mu       sync.Mutex
	lat      []time.Duration
	statuses map[int]int
}

// Add merges a finished worker's figures.
func (t *Tally) Add(w *Worker) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.statuses == nil {
		t.statuses = map[int]int{}
	}
	t.lat = append(t.lat, w.lat...)
	for s, n := range w.statuses {
		t.statuses[s] += n
	}
}

// Statuses are the answers counted by status (-1: transport errors).
func (t *Tally) Statuses() map[int]int { return t.statuses }

// Summary is one line: requests, throughput over d, latency percentiles
// and the answers by status.
func (t *Tally) Summary(d time.Duration) string {
	lat := t.lat
	if len(lat) == 0 {
		return fmt.Sprintf("requests=0 statuses=%v", t.statuses)
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[int(float64(len(lat)-1)*p)].Round(100 * time.Microsecond) }
	return fmt.Sprintf("requests=%d req/s=%.0f p50=%s p95=%s p99=%s max=%s statuses=%v", len(lat), float64(len(lat))/d.Seconds(),
		pct(.50), pct(.95), pct(.99), lat[len(lat)-1].Round(100*time.Microsecond), t.statuses)
}

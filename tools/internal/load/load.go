// Package load holds what the load generators share: the loopback-only
// target check and the summary line of a run.
package load

import (
	"fmt"
	"log"
	"net"
	"net/url"
	"slices"
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

// Summary is one line: requests, throughput over d, latency percentiles
// and the answers by status (-1: a transport error).
func Summary(lat []time.Duration, statuses map[int]int, d time.Duration) string {
	if len(lat) == 0 {
		return fmt.Sprintf("requests=0 statuses=%v", statuses)
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[int(float64(len(lat)-1)*p)].Round(100 * time.Microsecond) }
	return fmt.Sprintf("requests=%d req/s=%.0f p50=%s p95=%s p99=%s max=%s statuses=%v", len(lat), float64(len(lat))/d.Seconds(),
		pct(.50), pct(.95), pct(.99), lat[len(lat)-1].Round(100*time.Microsecond), statuses)
}

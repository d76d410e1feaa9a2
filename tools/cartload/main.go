// Command cartload measures POST /api/cart/items the way shoppers use it:
// each of -c concurrent shoppers has their own session and cart, adds a
// random in-stock variant as soon as the last add answered (a closed loop),
// and after -n adds leaves: a new shopper (new session, new cart) takes
// their place, so carts stay the size real ones have instead of growing for
// the whole run. It prints throughput, latency percentiles and answers by
// status. Loopback only: it refuses any other host.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"slices"
	"sync"
	"time"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "the shop (loopback only)")
	conns := flag.Int("c", 256, "concurrent shoppers")
	dur := flag.Duration("d", 20*time.Second, "how long to run")
	perCart := flag.Int("n", 20, "adds per shopper before a new shopper (session and cart) takes over; 0: never")
	flag.Parse()
	u, err := url.Parse(*base)
	if err != nil {
		log.Fatal(err)
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		log.Fatalf("cartload targets loopback only, not %s", u.Host)
	}
	variants := inStock(*base)
	if len(variants) == 0 {
		log.Fatal("no in-stock variants: seed the catalog first")
	}
	transport := &http.Transport{MaxIdleConnsPerHost: *conns, MaxConnsPerHost: *conns}
	var mu sync.Mutex
	var lat []time.Duration
	statuses := map[int]int{} // -1: transport error
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for range *conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			seen := map[int]int{}
			var c *http.Client
			var token string
			for n := 0; time.Now().Before(deadline); n++ {
				if c == nil || (*perCart > 0 && n%*perCart == 0) {
					jar, _ := cookiejar.New(nil)
					c = &http.Client{Jar: jar, Transport: transport, Timeout: 10 * time.Second}
					token = csrf(c, *base)
				}
				body, _ := json.Marshal(map[string]any{"variant_id": variants[rand.IntN(len(variants))], "quantity": 1})
				req, _ := http.NewRequest(http.MethodPost, *base+"/api/cart/items", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-CSRFToken", token)
				// Asked for explicitly, gzip is not decoded by the client: the
				// server compresses as for a browser, the generator spends no
				// CPU unpacking on the machine it shares with the server.
				req.Header.Set("Accept-Encoding", "gzip")
				start := time.Now()
				res, err := c.Do(req)
				if err != nil {
					seen[-1]++
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				mine = append(mine, time.Since(start))
				seen[res.StatusCode]++
			}
			mu.Lock()
			lat = append(lat, mine...)
			for s, n := range seen {
				statuses[s] += n
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[int(float64(len(lat)-1)*p)].Round(100 * time.Microsecond) }
	errs := 0
	for s, n := range statuses {
		if s != 200 && s != 409 && s != 422 { // 409/422: out of stock or a full line, a normal answer
			errs += n
		}
	}
	fmt.Printf("requests=%d req/s=%.0f p50=%s p95=%s p99=%s max=%s errors=%d statuses=%v\n", len(lat), float64(len(lat))/dur.Seconds(),
		pct(.50), pct(.95), pct(.99), lat[len(lat)-1].Round(100*time.Microsecond), errs, statuses)
	if errs > 0 {
		os.Exit(1)
	}
}

func csrf(c *http.Client, base string) string {
	res, err := c.Get(base + "/api/auth/csrf")
	if err != nil {
		log.Fatal(err)
	}
	defer res.Body.Close()
	var v struct {
		CSRFToken string `json:"csrf_token"`
	}
	json.NewDecoder(res.Body).Decode(&v)
	return v.CSRFToken
}

// inStock collects variant IDs with stock from the first listing pages.
func inStock(base string) []string {
	var out []string
	res, err := http.Get(base + "/api/products?in_stock=true&limit=50")
	if err != nil {
		log.Fatal(err)
	}
	var page struct {
		Items []struct{ Slug string } `json:"items"`
	}
	json.NewDecoder(res.Body).Decode(&page)
	res.Body.Close()
	for _, it := range page.Items {
		r, err := http.Get(base + "/api/products/" + it.Slug)
		if err != nil {
			continue
		}
		var p struct {
			Variants []struct {
				ID        string `json:"id"`
				Available int    `json:"stock_available"`
			} `json:"variants"`
		}
		json.NewDecoder(r.Body).Decode(&p)
		r.Body.Close()
		for _, v := range p.Variants {
			if v.Available > 0 {
				out = append(out, v.ID)
			}
		}
	}
	return out
}

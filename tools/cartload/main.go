// Command cartload measures POST /api/cart/items the way shoppers use it:
// each of -c concurrent shoppers has their own session and cart, adds a
// random in-stock variant as soon as the last add answered (a closed loop),
// and after -n adds leaves: a new shopper (new session, new cart) takes
// their place, so carts stay the size real ones have instead of growing for
// the whole run. It prints throughput, latency percentiles and answers by
// status. With -verify it also checks every cart it gets back (a load test
// of correctness, not of speed: unpacking the answers costs the generator
// CPU on the machine it shares with the shop). Loopback only: it refuses
// any other host.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/valyala/fasthttp"

	"bazaar/tools/internal/load"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "the shop (loopback only)")
	conns := flag.Int("c", 256, "concurrent shoppers")
	dur := flag.Duration("d", 20*time.Second, "how long to run")
	perCart := flag.Int("n", 20, "adds per shopper before a new shopper (session and cart) takes over; 0: never")
	verify := flag.Bool("verify", false, "check that each cart answered holds one item per add answered 200 so far (not for timing)")
	flag.Parse()
	u := load.Loopback("cartload", *base)
	variants := inStock(*base)
	if len(variants) == 0 {
		log.Fatal("no in-stock variants: seed the catalog first")
	}
	client := &fasthttp.HostClient{Addr: u.Host, MaxConns: *conns, ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second}
	var tally load.Tally
	var wrong atomic.Int64 // -verify: answers whose cart was not what the shopper's adds made it
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for range *conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var w load.Worker
			defer tally.Add(&w)
			req, res := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
			defer fasthttp.ReleaseRequest(req)
			defer fasthttp.ReleaseResponse(res)
			var s *shopper
			added := 0 // this shopper's adds answered 200, each of quantity 1
			for n := 0; time.Now().Before(deadline); n++ {
				if s == nil || (*perCart > 0 && n%*perCart == 0) {
					s, added = newShopper(client, *base), 0
				}
				req.Reset()
				req.SetRequestURI(*base + "/api/cart/items")
				req.Header.SetMethod(fasthttp.MethodPost)
				req.Header.SetContentType("application/json")
				req.Header.Set("X-CSRFToken", s.token)
				s.setCookies(req)
				// Asked for explicitly, gzip is not decoded by the client: the
				// server compresses as for a browser, the generator spends no
				// CPU unpacking on the machine it shares with the server.
				req.Header.Set("Accept-Encoding", "gzip")
				req.SetBodyString(`{"variant_id":"` + variants[rand.IntN(len(variants))] + `","quantity":1}`)
				start := time.Now()
				if err := client.Do(req, res); err != nil {
					w.Record(0, -1)
					continue
				}
				w.Record(time.Since(start), res.StatusCode())
				s.keepCookies(res)
				if *verify && res.StatusCode() == 200 {
					added++
					if got := itemCount(res); got != added {
						wrong.Add(1)
						log.Printf("a shopper's add %d answered a cart of %d items", added, got)
					}
				}
			}
		}()
	}
	wg.Wait()
	errs := 0
	for s, n := range tally.Statuses() {
		if s != 200 && s != 409 && s != 422 { // 409/422: out of stock or a full line, a normal answer
			errs += n
		}
	}
	errs += int(wrong.Load())
	fmt.Printf("%s errors=%d\n", tally.Summary(*dur), errs)
	if errs > 0 {
		os.Exit(1)
	}
}

// shopper is one browser: its cookies (the session and the CSRF cookie,
// kept as the server sets them) and its CSRF token. Cookies are handled by
// hand, not by a cookie jar: on a machine the generator shares with the
// server, every microsecond it spends is taken from the shop.
type shopper struct {
	cookies map[string]string
	token   string
}

func newShopper(c *fasthttp.HostClient, base string) *shopper {
	req, res := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(res)
	req.SetRequestURI(base + "/api/auth/csrf")
	if err := c.Do(req, res); err != nil || res.StatusCode() != 200 {
		log.Fatalf("GET /api/auth/csrf: %d %v", res.StatusCode(), err)
	}
	var v struct {
		CSRFToken string `json:"csrf_token"`
	}
	if err := json.Unmarshal(res.Body(), &v); err != nil || v.CSRFToken == "" {
		log.Fatalf("GET /api/auth/csrf: no token in %q", res.Body())
	}
	s := &shopper{cookies: map[string]string{}, token: v.CSRFToken}
	s.keepCookies(res)
	return s
}

func (s *shopper) keepCookies(res *fasthttp.Response) {
	res.Header.VisitAllCookie(func(_, raw []byte) {
		c := fasthttp.AcquireCookie()
		defer fasthttp.ReleaseCookie(c)
		if c.ParseBytes(raw) == nil {
			s.cookies[string(c.Key())] = string(c.Value())
		}
	})
}

func (s *shopper) setCookies(req *fasthttp.Request) {
	for k, v := range s.cookies {
		req.Header.SetCookie(k, v)
	}
}

// itemCount is the item_count of the cart an add answered with, -1 if
// unreadable.
func itemCount(res *fasthttp.Response) int {
	body, err := res.BodyUncompressed()
	if err != nil {
		return -1
	}
	var c struct {
		ItemCount *int `json:"item_count"`
	}
	if json.Unmarshal(body, &c) != nil || c.ItemCount == nil {
		return -1
	}
	return *c.ItemCount
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

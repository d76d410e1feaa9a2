// Command shopload measures the storefront under many shoppers at once, the
// way people browse rather than the way a benchmark hammers: each of -users
// shoppers keeps its own connection, asks for what one page of the web app
// asks for, reads it for a think time (exponential, mean -think) and goes on.
// Pages: the home page's new arrivals, category listings in any sort, product
// pages, searches and typeahead suggestions, over products and words
// gathered from the shop first. Shoppers start spread over -ramp; latencies
// are kept after it. It prints throughput, latency percentiles and answers by
// status, and fails on any answer but 200. Loopback only.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/valyala/fasthttp"

	"bazaar/tools/internal/load"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "the shop (loopback only)")
	users := flag.Int("users", 10000, "concurrent shoppers, one connection each")
	think := flag.Duration("think", 2*time.Second, "mean time a shopper spends on a page")
	ramp := flag.Duration("ramp", 10*time.Second, "shoppers start spread over this; not measured")
	dur := flag.Duration("d", 30*time.Second, "how long to measure after the ramp")
	flag.Parse()
	u := load.Loopback("shopload", *base)
	shop := gather(*base)
	log.Printf("%d categories, %d products, %d search words; %d shoppers, think %s", len(shop.categories), len(shop.products), len(shop.words), *users, *think)

	start := time.Now()
	measureFrom, deadline := start.Add(*ramp), start.Add(*ramp+*dur)
	var tally load.Tally
	var wg sync.WaitGroup
	for i := range *users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &fasthttp.HostClient{Addr: u.Host, MaxConns: 1, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}
			req, res := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
			defer fasthttp.ReleaseRequest(req)
			defer fasthttp.ReleaseResponse(res)
			var w load.Worker
			defer tally.Add(&w)
			time.Sleep(time.Duration(i) * *ramp / time.Duration(*users))
			for {
				time.Sleep(time.Duration(rand.ExpFloat64() * float64(*think)))
				if time.Now().After(deadline) {
					break
				}
				req.Reset()
				req.SetRequestURI(*base + shop.page())
				req.Header.Set("Accept-Encoding", "gzip") // as a browser; not decoded, as the web app's bytes are not read here
				sent := time.Now()
				err := c.Do(req, res)
				if sent.Before(measureFrom) {
					continue
				}
				if err != nil {
					w.Record(0, -1)
					continue
				}
				w.Record(time.Since(sent), res.StatusCode())
			}
		}()
	}
	wg.Wait()
	fmt.Println(tally.Summary(*dur))
	if statuses := tally.Statuses(); len(statuses) != 1 || statuses[200] == 0 {
		os.Exit(1)
	}
}

// shop is what shoppers ask about.
type shop struct {
	categories []string // slugs
	products   []string // slugs
	words      []string // from product names
}

var sorts = []string{"", "&sort=price_asc", "&sort=price_desc", "&sort=name", "&sort=newest"}

// page is the API call of one page view, picked by how often shoppers see
// such pages: product pages most, then listings, searches, suggestions.
func (s shop) page() string {
	pick := func(xs []string) string { return xs[rand.IntN(len(xs))] }
	switch r := rand.IntN(100); {
	case r < 40:
		return "/api/products/" + pick(s.products)
	case r < 65:
		return "/api/products?limit=24&category=" + pick(s.categories) + pick(sorts)
	case r < 75:
		return "/api/products?limit=8" // the home page's new arrivals
	case r < 90:
		q := pick(s.words)
		if rand.IntN(2) == 0 {
			q += " " + pick(s.words)
		}
		return "/api/products?limit=24&q=" + url.QueryEscape(q)
	default:
		w := []rune(pick(s.words))
		return "/api/search/suggest?q=" + url.QueryEscape(string(w[:min(len(w), 2+rand.IntN(4))]))
	}
}

// gather reads the categories and, from each category's listing in each
// sort, products and the words of their names.
func gather(base string) shop {
	var s shop
	var tree struct {
		Items []node `json:"items"`
	}
	get(base+"/api/categories", &tree)
	var walk func([]node)
	walk = func(ns []node) {
		for _, n := range ns {
			s.categories = append(s.categories, n.Slug)
			walk(n.Children)
		}
	}
	walk(tree.Items)
	if len(s.categories) == 0 {
		log.Fatal("no categories: seed the catalog first")
	}
	words := map[string]bool{}
	for _, c := range s.categories {
		for _, sort := range sorts {
			var page struct {
				Items []struct{ Slug, Name string } `json:"items"`
			}
			get(base+"/api/products?limit=100&category="+c+sort, &page)
			for _, it := range page.Items {
				s.products = append(s.products, it.Slug)
				for _, w := range strings.Fields(strings.ToLower(it.Name)) {
					if len(w) > 2 {
						words[w] = true
					}
				}
			}
		}
	}
	if len(s.products) == 0 {
		log.Fatal("no products: seed the catalog first")
	}
	for w := range words {
		s.words = append(s.words, w)
	}
	return s
}

type node struct {
	Slug     string `json:"slug"`
	Children []node `json:"children"`
}

func get(url string, into any) {
	res, err := http.Get(url)
	if err != nil {
		log.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		log.Fatalf("GET %s: %d", url, res.StatusCode)
	}
	if err := json.NewDecoder(res.Body).Decode(into); err != nil {
		log.Fatalf("GET %s: %v", url, err)
	}
}

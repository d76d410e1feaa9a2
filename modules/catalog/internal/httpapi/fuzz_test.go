package httpapi_test

import (
	"net/url"
	"testing"

	"bazaar/modules/catalog/module"
	"bazaar/platform/testkit"
)

// Any query string gets a listing or a 400 naming a parameter, never a 500.
func FuzzListQuery(f *testing.F) {
	for _, seed := range []string{
		"limit=5", "q=shirt&sort=price_desc", "category=apparel&attr.brand=Kestrel&attr.brand=Velo",
		"min_price=100&max_price=50", "cursor=eyJzIjoibmV3ZXN0IiwiayI6IngiLCJpIjoiMSJ9", "q=%22%27%3B--&limit=1",
		"attr.=x", "limit=99999999999999999999", "sort=relevance", "in_stock=TRUE", "q=%00%FF",
	} {
		f.Add(seed)
	}
	app := testkit.Start(f, testkit.Backends(f)[0], module.Module)
	c := app.Client()
	f.Fuzz(func(t *testing.T, query string) {
		if _, err := url.Parse("/?" + query); err != nil {
			return // not a URL a client could send
		}
		r := c.For(t).Get("/api/products?" + query)
		if r.Status != 200 && r.Status != 400 {
			t.Fatalf("%q: %d %s", query, r.Status, r.Body)
		}
		if r.Status == 400 && len(r.Problem(t).Errors) != 1 {
			t.Fatalf("%q: a 400 must name one parameter: %s", query, r.Body)
		}
	})
}

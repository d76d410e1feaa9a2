package httpapi_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"
	"go.uber.org/fx"
	"gorm.io/gorm"

	"bazaar/modules/catalog"
	"bazaar/modules/catalog/internal/cache"
	"bazaar/modules/catalog/internal/demo"
	"bazaar/modules/catalog/internal/store"
	"bazaar/modules/catalog/module"
	"bazaar/platform/testkit"
)

const demoSize = 120

type shop struct {
	*testkit.App
	svc     catalog.Service
	rdb     goredis.UniversalClient
	c       *testkit.Client
	db      *gorm.DB
	queries *atomic.Int64
}

// start boots the catalog with a small demo catalog and counts SQL queries.
func start(t *testing.T, b testkit.Backend) *shop {
	t.Helper()
	s := &shop{}
	s.App = testkit.Start(t, b, module.Module, fx.Populate(&s.db, &s.svc, &s.rdb))
	if err := demo.Generate(context.Background(), store.New(s.db), demoSize, nil); err != nil {
		t.Fatal(err)
	}
	// The catalog's queries, not the outbox relay polling in the background.
	s.queries = testkit.CountStatements(t, s.db, func(sql string) bool { return !strings.Contains(sql, "platform_") })
	s.c = s.Client()
	return s
}

type money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

type item struct {
	ID       string  `json:"id"`
	Slug     string  `json:"slug"`
	Name     string  `json:"name"`
	Price    money   `json:"price"`
	InStock  bool    `json:"in_stock"`
	Category *string `json:"category"`
}

type page struct {
	Total      int     `json:"total"`
	Items      []item  `json:"items"`
	NextCursor *string `json:"next_cursor"`
	Facets     struct {
		Categories []struct {
			Slug  string `json:"slug"`
			Count int    `json:"count"`
		} `json:"categories"`
		Attributes map[string][]struct {
			Value string `json:"value"`
			Count int    `json:"count"`
		} `json:"attributes"`
		Price struct {
			Min *int64 `json:"min"`
			Max *int64 `json:"max"`
		} `json:"price"`
	} `json:"facets"`
}

func (s *shop) list(t *testing.T, query string) page {
	t.Helper()
	r := s.c.Get("/api/products?" + query)
	if r.Status != 200 {
		t.Fatalf("%s: %d %s", query, r.Status, r.Body)
	}
	var p page
	r.JSON(t, &p)
	return p
}

// walk follows next_cursor to the end and returns every item in order.
func (s *shop) walk(t *testing.T, query string) []item {
	t.Helper()
	var all []item
	cursor := ""
	for range 1000 {
		q := query
		if cursor != "" {
			q += "&cursor=" + url.QueryEscape(cursor)
		}
		p := s.list(t, q)
		all = append(all, p.Items...)
		if p.NextCursor == nil {
			return all
		}
		cursor = *p.NextCursor
	}
	t.Fatal("pagination does not end")
	return nil
}

func (s *shop) activeCount(t *testing.T, where string, args ...any) int {
	var n int64
	q := s.db.Table("catalog_products").Where("status = 'active'")
	if where != "" {
		q = q.Where(where, args...)
	}
	q.Count(&n)
	return int(n)
}

func TestListingWalksEveryProductOnceInEachSort(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		active := s.activeCount(t, "")
		if active == 0 || active == demoSize {
			t.Fatalf("demo catalog should mix active and draft products: %d of %d active", active, demoSize)
		}
		// A category's pages merge one walk per category of its subtree,
		// the parent's own products included.
		if err := s.db.Exec(`UPDATE catalog_products SET category_id = (SELECT id FROM catalog_categories WHERE slug = 'apparel'),
			category_path = '/apparel/' WHERE id = (SELECT min(id) FROM catalog_products WHERE status = 'active' AND category_path = '/apparel/shirts/')`).Error; err != nil {
			t.Fatal(err)
		}
		for _, scope := range []struct{ query, path string }{{"", ""}, {"&category=apparel", "/apparel/"}, {"&category=shirts", "/apparel/shirts/"}} {
			for _, sort := range []string{"newest", "price_asc", "price_desc", "name"} {
				walkInOrder(t, s, sort+scope.query, sort, s.activeCount(t, "category_path LIKE ?", scope.path+"%"))
			}
		}
		if p := s.list(t, ""); len(p.Items) != 20 || p.NextCursor == nil {
			t.Fatalf("default page: %d items", len(p.Items))
		}
	})
}

// walkInOrder walks every page of a listing in sort and checks that it
// yields want products, each once, in order.
func walkInOrder(t *testing.T, s *shop, query, sort string, want int) {
	t.Helper()
	all := s.walk(t, "limit=7&sort="+query)
	seen := map[string]bool{}
	for i, it := range all {
		if seen[it.ID] {
			t.Fatalf("%s: %s twice", query, it.Slug)
		}
		seen[it.ID] = true
		if i == 0 {
			continue
		}
		prev := all[i-1]
		ok := true
		switch sort {
		case "price_asc":
			ok = prev.Price.Amount <= it.Price.Amount
		case "price_desc":
			ok = prev.Price.Amount >= it.Price.Amount
		case "name":
			ok = prev.Name <= it.Name
		}
		if !ok {
			t.Fatalf("%s: %s before %s", query, prev.Name, it.Name)
		}
	}
	if len(all) != want || want == 0 {
		t.Fatalf("%s: walked %d of %d active products", query, len(all), want)
	}
}

func TestFiltersAndFacets(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		apparel := s.walk(t, "category=apparel&limit=100")
		want := s.activeCount(t, "category_path LIKE '/apparel/%'")
		if total := s.list(t, "category=apparel&limit=1").Total; len(apparel) != want || want == 0 || total != want {
			t.Fatalf("category=apparel: %d, want %d", len(apparel), want)
		}
		for _, it := range apparel {
			if c := *it.Category; c != "shirts" && c != "trousers" && c != "jackets" {
				t.Fatalf("%s is in %s", it.Slug, c)
			}
		}
		p := s.list(t, "category=apparel&limit=1")
		sum := 0
		for _, c := range p.Facets.Categories {
			sum += c.Count
		}
		if sum != want {
			t.Fatalf("category facet counts sum to %d, want %d", sum, want)
		}

		for _, it := range s.walk(t, "min_price=3000&max_price=6000&limit=100") {
			if it.Price.Amount < 3000 || it.Price.Amount > 6000 {
				t.Fatalf("%s costs %d", it.Slug, it.Price.Amount)
			}
		}
		inStock := s.walk(t, "in_stock=true&limit=100")
		if len(inStock) != s.activeCount(t, "in_stock") {
			t.Fatal("in_stock filter")
		}
		for _, it := range inStock {
			if !it.InStock {
				t.Fatalf("%s is out of stock", it.Slug)
			}
		}

		// attr filters: values of one name OR-ed, names AND-ed; facets agree.
		p = s.list(t, "category=apparel&limit=1")
		brands := p.Facets.Attributes["brand"]
		if len(brands) < 2 {
			t.Fatalf("brand facet %v", brands)
		}
		q := "category=apparel&limit=100&attr.brand=" + url.QueryEscape(brands[0].Value) + "&attr.brand=" + url.QueryEscape(brands[1].Value)
		got := s.walk(t, q)
		if len(got) != brands[0].Count+brands[1].Count {
			t.Fatalf("two brands: %d, facets say %d+%d", len(got), brands[0].Count, brands[1].Count)
		}
		material := s.list(t, q+"&limit=1").Facets.Attributes["material"][0]
		both := s.walk(t, q+"&attr.material="+url.QueryEscape(material.Value))
		if len(both) != material.Count || len(both) == 0 {
			t.Fatalf("brand AND material: %d, facet says %d", len(both), material.Count)
		}
		if p := s.list(t, "attr.brand=NoSuchBrand"); len(p.Items) != 0 || p.NextCursor != nil {
			t.Fatal("unknown attribute value matched")
		}
	})
}

func TestBadParametersAreNamed(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		newest := s.list(t, "limit=2").NextCursor
		for query, param := range map[string]string{
			"limit=abc": "limit", "limit=0": "limit", "limit=1000": "limit", "sort=bogus": "sort",
			"cursor=%%%": "cursor", "cursor=eyJmb28iOjF9": "cursor", "cursor=" + url.QueryEscape(*newest) + "&sort=name": "cursor",
			"min_price=500&max_price=100": "min_price", "min_price=-1": "min_price", "max_price=x": "max_price",
			"in_stock=maybe": "in_stock", "category=no-such-category": "category", "sort=relevance": "sort",
		} {
			r := s.c.Get("/api/products?" + query)
			if r.Status != 400 {
				t.Errorf("%s: %d", query, r.Status)
				continue
			}
			if p := r.Problem(t); p.Errors[param] == "" {
				t.Errorf("%s: problem does not name %s: %+v", query, param, p)
			}
		}
		// Any text in q is safe.
		for _, q := range []string{`" OR 1=1 --`, `*`, `NEAR(a b)`, `a AND OR NOT`, `'; DROP TABLE catalog_products; --`,
			`"unbalanced`, `🙂`, `(((`, `-`, strings.Repeat("x", 200), "tab\there"} {
			if r := s.c.Get("/api/products?q=" + url.QueryEscape(q)); r.Status != 200 {
				t.Errorf("q=%q: %d %s", q, r.Status, r.Body)
			}
		}
		if s.activeCount(t, "") == 0 {
			t.Fatal("table gone")
		}
	})
}

func TestSearchRanksExactNameFirst(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		var name string
		s.db.Table("catalog_products").Where("status = 'active'").Order("id").Limit(1).Pluck("name", &name)
		p := s.list(t, "q="+url.QueryEscape(name))
		if len(p.Items) == 0 || p.Items[0].Name != name {
			t.Fatalf("searching %q: first is %+v", name, p.Items)
		}
		relevant := s.walk(t, "q="+url.QueryEscape(name)+"&limit=3")
		seen := map[string]bool{}
		for _, it := range relevant {
			if seen[it.ID] {
				t.Fatalf("relevance paging repeats %s", it.Slug)
			}
			seen[it.ID] = true
		}
		if len(relevant) < len(p.Items) {
			t.Fatalf("relevance walk %d < first page %d", len(relevant), len(p.Items))
		}
		// A word in the description only still finds products.
		if p := s.list(t, "q=guarantee"); len(p.Items) == 0 {
			t.Fatal("description words are not searchable")
		}
		// A typo is corrected to the indexed word most like it, in every sort.
		word := longestWord(t, name)
		typo := strings.Replace(name, word, mistype(word), 1)
		for _, sort := range []string{"", "&sort=price_asc"} {
			found := false
			for _, it := range s.walk(t, "q="+url.QueryEscape(typo)+"&limit=50"+sort) {
				found = found || it.Name == name
			}
			if !found {
				t.Fatalf("typo %q%s does not find %q", typo, sort, name)
			}
		}
		// The words of a renamed product are correctable at once.
		var id string
		s.db.Table("catalog_products").Where("status = 'active'").Order("id").Limit(1).Pluck("id", &id)
		if err := s.db.Exec("UPDATE catalog_products SET name = 'Zanzibarian Linen Tunic' WHERE id = ?", id).Error; err != nil {
			t.Fatal(err)
		}
		if p := s.list(t, "q=zanzibrian"); len(p.Items) != 1 || p.Items[0].Name != "Zanzibarian Linen Tunic" {
			t.Fatalf("a typo of a new word finds %+v", p.Items)
		}
		if p := s.list(t, "q=qqqqxxxx"); len(p.Items) != 0 {
			t.Fatalf("nonsense finds %+v", p.Items)
		}
	})
}

// longestWord is the longest word of name (at least 6 letters).
func longestWord(t *testing.T, name string) string {
	t.Helper()
	word := ""
	for _, w := range strings.Fields(name) {
		if len(w) > len(word) {
			word = w
		}
	}
	if len(word) < 6 {
		t.Fatalf("no long word in %q", name)
	}
	return word
}

// mistype drops a word's third letter: no product holds the result, and
// both databases correct it (one edit away, trigrams alike).
func mistype(word string) string { return word[:2] + word[3:] }

type detail struct {
	Slug     string `json:"slug"`
	Variants []struct {
		ID        string            `json:"id"`
		SKU       string            `json:"sku"`
		Options   map[string]string `json:"options"`
		Available int               `json:"stock_available"`
	} `json:"variants"`
	Breadcrumb []struct {
		Slug string `json:"slug"`
	} `json:"breadcrumb"`
}

func TestProductDetail(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		var slug, draft string
		s.db.Table("catalog_products").Where("status = 'active' AND category_path = '/apparel/shirts/'").Limit(1).Pluck("slug", &slug)
		s.db.Table("catalog_products").Where("status = 'draft'").Limit(1).Pluck("slug", &draft)
		var d detail
		r := s.c.Get("/api/products/" + slug)
		r.JSON(t, &d)
		if r.Status != 200 || d.Slug != slug || len(d.Variants) < 1 || len(d.Variants) > 6 {
			t.Fatalf("detail: %d %s", r.Status, r.Body)
		}
		if len(d.Breadcrumb) != 2 || d.Breadcrumb[0].Slug != "apparel" || d.Breadcrumb[1].Slug != "shirts" {
			t.Fatalf("breadcrumb %+v", d.Breadcrumb)
		}
		for _, missing := range []string{draft, "no-such-product", "%27%20OR%201%3D1"} {
			if r := s.c.Get("/api/products/" + missing); r.Status != 404 || r.Problem(t).Status != 404 {
				t.Errorf("%s: %d", missing, r.Status)
			}
		}
	})
}

func TestCategoriesSuggestAndImages(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		var tree struct {
			Items []struct {
				Slug     string `json:"slug"`
				Children []struct {
					Slug string `json:"slug"`
				} `json:"children"`
			} `json:"items"`
		}
		s.c.Get("/api/categories").JSON(t, &tree)
		var roots []string
		for _, n := range tree.Items {
			roots = append(roots, n.Slug)
			if len(n.Children) < 2 {
				t.Errorf("%s has %d children", n.Slug, len(n.Children))
			}
		}
		sort.Strings(roots)
		if strings.Join(roots, ",") != "apparel,books,electronics,home,shoes" {
			t.Fatalf("roots %v", roots)
		}
		var sug struct {
			Products   []struct{ Slug string } `json:"products"`
			Categories []struct{ Slug string } `json:"categories"`
		}
		s.c.Get("/api/search/suggest?q=shirt").JSON(t, &sug)
		if len(sug.Products) == 0 || len(sug.Products) > 8 || len(sug.Categories) != 1 || sug.Categories[0].Slug != "shirts" {
			t.Fatalf("suggest: %+v", sug)
		}
		if r := s.c.Get("/api/search/suggest?q="); r.Status != 400 {
			t.Fatalf("empty suggest: %d", r.Status)
		}
		r := s.c.Get("/api/catalog/images/210-OS.svg")
		if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "image/svg+xml") || !strings.Contains(string(r.Body), ">OS</text>") {
			t.Fatalf("image: %d %s", r.Status, r.Body)
		}
		if r := s.c.Get("/api/catalog/images/evil.svg"); r.Status != 404 {
			t.Fatalf("bad image name: %d", r.Status)
		}
	})
}

// Listing, detail and search cost the same number of queries whatever the
// page size; once a filter's categories and facets are memoised, another
// page of it costs one query.
func TestQueryCountIsConstant(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		var slug string
		s.db.Table("catalog_products").Where("status = 'active'").Limit(1).Pluck("slug", &slug)
		cost := func(path string) int64 {
			before := s.queries.Load()
			if r := s.c.Get(path); r.Status != 200 {
				t.Fatalf("%s: %d", path, r.Status)
			}
			return s.queries.Load() - before
		}
		cold := func(path string) int64 {
			// A new listing version, as another replica's write would bump it:
			// once the app has polled it, nothing is cached or memoised.
			cache.New(s.rdb, slog.Default()).Bump(context.Background())
			time.Sleep(2 * cache.Poll)
			return cost(path)
		}
		// Cold: categories, page and facets; a search reads its page and
		// facets from one sample. A typo finds nothing, then reads its
		// correction and the corrected sample.
		var name string
		s.db.Table("catalog_products").Where("status = 'active'").Order("id").Limit(1).Pluck("name", &name)
		typo := url.QueryEscape(mistype(longestWord(t, name)))
		for _, c := range []struct {
			query string
			max   int64
		}{
			{"", 3},
			{"&category=apparel&attr.brand=Kestrel", 3},
			{"&q=shirt", 2},
			{"&q=" + typo, 4},
		} {
			small, large := "/api/products?limit=2"+c.query, "/api/products?limit=100"+c.query
			if n, m := cold(small), cold(large); n != m || n == 0 || n > c.max {
				t.Errorf("%s: %d queries, %s: %d, want equal and at most %d", small, n, large, m, c.max)
			}
			if warm := cost(small + "&sort=name"); warm != 1 {
				t.Errorf("%s&sort=name after %s: %d queries, want the page query alone", small, large, warm)
			}
		}
		if n := cost("/api/products/" + slug); n == 0 || n > 3 {
			t.Errorf("detail: %d queries", n)
		}
	})
}

// Public GETs carry an ETag and Cache-Control, answer If-None-Match with
// 304, come from Redis the second time, and show a change at once.
func TestCachingAndInvalidation(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		// A product with one variant, so holding all its stock takes it out of stock.
		var slug, variant string
		err := s.db.Raw(`SELECT p.slug, min(v.id) FROM catalog_products p JOIN catalog_variants v ON v.product_id = p.id
			WHERE p.status = 'active' GROUP BY p.id, p.slug HAVING count(*) = 1 AND min(v.on_hand - v.reserved) > 2
			ORDER BY p.id LIMIT 1`).Row().Scan(&slug, &variant)
		if err != nil {
			t.Fatal("no one-variant product with stock in the demo catalog:", err)
		}
		svc := s.svc

		for _, path := range []string{"/api/products?category=shoes&limit=5", "/api/products/" + slug} {
			first := s.c.Get(path)
			etag := first.Header.Get("ETag")
			if first.Status != 200 || etag == "" || !strings.Contains(first.Header.Get("Cache-Control"), "stale-while-revalidate") {
				t.Fatalf("%s: %d etag %q cc %q", path, first.Status, etag, first.Header.Get("Cache-Control"))
			}
			before := s.queries.Load()
			again := s.c.Get(path)
			if again.Header.Get("ETag") != etag || string(again.Body) != string(first.Body) || s.queries.Load() != before {
				t.Fatalf("%s: second request not served from the cache (%d queries)", path, s.queries.Load()-before)
			}
			req, _ := http.NewRequest(http.MethodGet, s.URL+path, nil)
			req.Header.Set("If-None-Match", etag)
			if r := s.c.Raw(req); r.Status != 304 || len(r.Body) != 0 {
				t.Fatalf("%s: If-None-Match gave %d", path, r.Status)
			}
		}

		stockOf := func() int {
			var d detail
			s.c.Get("/api/products/"+slug).JSON(t, &d)
			for _, v := range d.Variants {
				if v.ID == variant {
					return v.Available
				}
			}
			t.Fatal("variant missing")
			return 0
		}
		inStock := s.list(t, "in_stock=true&limit=1").Total // now cached
		before := stockOf()
		if err := svc.Reserve(context.Background(), "cache-test", []catalog.Line{{VariantID: variant, Quantity: 2}}); err != nil {
			t.Fatal(err)
		}
		if after := stockOf(); after != before-2 {
			t.Fatalf("stock after a reservation: %d, want %d (stale cache)", after, before-2)
		}
		// The product is still in stock: no listing shows the hold, so the
		// listings stay cached (no query) ...
		queries := s.queries.Load()
		if n := s.list(t, "in_stock=true&limit=1").Total; n != inStock || s.queries.Load() != queries {
			t.Fatalf("a hold that changes no listing invalidated them: total %d (was %d), %d queries", n, inStock, s.queries.Load()-queries)
		}
		// ... until one takes it out of stock: the next listing shows it.
		if err := svc.Reserve(context.Background(), "cache-test-rest", []catalog.Line{{VariantID: variant, Quantity: before - 2}}); err != nil {
			t.Fatal(err)
		}
		if n := s.list(t, "in_stock=true&limit=1").Total; n != inStock-1 {
			t.Fatalf("in-stock listing after the last units were held: total %d, want %d (stale cache)", n, inStock-1)
		}
		if err := svc.Release(context.Background(), "cache-test-rest"); err != nil {
			t.Fatal(err)
		}
		if n := s.list(t, "in_stock=true&limit=1").Total; n != inStock {
			t.Fatalf("in-stock listing after a release: total %d, want %d (stale cache)", n, inStock)
		}
	})
}

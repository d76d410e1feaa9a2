package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"bazaar/modules/catalog/internal/store"
	"bazaar/platform/testkit"
)

// A search matching more than SearchCap products ranks a bounded sample,
// flags its facets approximate and still puts an exact name first, even
// one the index yields last; a narrower search is exact.
func TestBroadSearchIsCappedAndExactNameFirst(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := store.New(testkit.DB(t, b))
		ctx := context.Background()
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		product := func(i int, name string) store.Product {
			return store.Product{ID: store.NewID(), Slug: fmt.Sprintf("p-%d", i), Name: name, Description: "Stoneware.",
				Status: "active", Attributes: "{}", Images: "[]", Price: int64(1000 + i), Currency: "EUR", InStock: true,
				CreatedAt: start.Add(time.Duration(i) * time.Minute), UpdatedAt: start}
		}
		var ps []store.Product
		for i := range store.SearchCap + 50 {
			ps = append(ps, product(i, fmt.Sprintf("Speckled Mug %d", i)))
		}
		ps = append(ps, product(len(ps), "Tall Jug")) // a narrow search
		if err := s.Bulk(ctx, ps, nil); err != nil {
			t.Fatal(err)
		}
		// Inserted last, so after the sample the index yields first.
		if err := s.Bulk(ctx, []store.Product{product(len(ps), "Mug")}, nil); err != nil {
			t.Fatal(err)
		}

		page, _, err := s.ListProducts(ctx, store.Filter{Q: "mug", Sort: store.SortRelevance, Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 || page[0].Name != "Mug" {
			t.Fatalf("exact name not first: %+v", page)
		}
		seen := map[string]bool{}
		f := store.Filter{Q: "mug", Sort: store.SortRelevance, Limit: 100}
		for {
			items, next, err := s.ListProducts(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range items {
				if seen[it.ID] {
					t.Fatalf("%s twice", it.Name)
				}
				seen[it.ID] = true
			}
			if next == "" {
				break
			}
			f.Cursor = next
		}
		if len(seen) < store.SearchCap || len(seen) > store.SearchCap+2 {
			t.Fatalf("relevance walk returned %d products, want the capped sample of about %d", len(seen), store.SearchCap)
		}
		facets, err := s.Facets(ctx, store.Filter{Q: "mug"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !facets.Approximate {
			t.Fatalf("broad search facets not flagged approximate: total %d", facets.Total)
		}
		// Other sorts walk every match.
		all, n := store.Filter{Q: "mug", Sort: store.SortPriceAsc, Limit: 100}, 0
		for {
			items, next, err := s.ListProducts(ctx, all)
			if err != nil {
				t.Fatal(err)
			}
			n += len(items)
			if next == "" {
				break
			}
			all.Cursor = next
		}
		if n != store.SearchCap+51 {
			t.Fatalf("price walk of a broad search returned %d, want every match %d", n, store.SearchCap+51)
		}
		narrow, err := s.Facets(ctx, store.Filter{Q: "jug"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if narrow.Approximate || narrow.Total != 1 {
			t.Fatalf("narrow search: total %d approximate %v", narrow.Total, narrow.Approximate)
		}
	})
}

// On PostgreSQL a broad search samples the head slice (IDs ending in 0, with
// its own index) when that holds a full sample, and every match when it
// does not. The other products are inserted first, so a sample of the
// first matches the index yields would hold none of the head.
func TestBroadSearchSamplesTheHeadSlice(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := store.New(testkit.DB(t, b))
		ctx := context.Background()
		n := 0
		product := func(name string, last byte) store.Product {
			n++
			id := store.NewID()
			return store.Product{ID: id[:len(id)-1] + string(last), Slug: fmt.Sprintf("p-%d", n), Name: name,
				Description: "Soft.", Status: "active", Attributes: "{}", Images: "[]", Price: 1000, Currency: "EUR",
				InStock: true, CreatedAt: time.Date(2026, 1, 1, 0, n, 0, 0, time.UTC), UpdatedAt: time.Now()}
		}
		var others, head []store.Product
		for i := range 200 {
			others = append(others, product(fmt.Sprintf("Velvet Cushion %d", i), "123456789abcdef"[i%15]))
			others = append(others, product(fmt.Sprintf("Linen Throw %d", i), "123456789abcdef"[i%15]))
		}
		others = append(others, product("Velvet Cushion", '7')) // the exact name, outside the head
		for i := range store.SearchCap + 20 {
			head = append(head, product(fmt.Sprintf("Velvet Cushion %d", 1000+i), '0'))
		}
		for i := range 10 {
			head = append(head, product(fmt.Sprintf("Linen Throw %d", 1000+i), '0'))
		}
		for _, batch := range [][]store.Product{others, head} {
			if err := s.Bulk(ctx, batch, nil); err != nil {
				t.Fatal(err)
			}
		}

		sample := func(q string) (inHead, outside int, first string) {
			t.Helper()
			rows, err := s.SearchSample(ctx, store.Filter{Q: q, Sort: store.SortRelevance})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if !strings.HasPrefix(strings.ToLower(r.Name), q) {
					t.Fatalf("%q sampled %q", q, r.Name)
				}
				if strings.HasSuffix(r.ID, "0") {
					inHead++
				} else {
					outside++
				}
			}
			if len(rows) > 0 {
				first = rows[0].Name
			}
			return inHead, outside, first
		}
		inHead, outside, first := sample("velvet cushion")
		if first != "Velvet Cushion" || inHead+outside != store.SearchCap+2 {
			t.Fatalf("velvet cushion: first %q, %d sampled, want the exact name first of %d", first, inHead+outside, store.SearchCap+2)
		}
		if b.Name == "postgres" && (inHead != store.SearchCap+1 || outside != 1) {
			t.Fatalf("velvet cushion sampled %d of the head and %d others, want the head's %d and the exact name", inHead, outside, store.SearchCap+1)
		}
		// Ten in the head: not a full sample, so every match is sampled.
		if inHead, outside, _ := sample("linen throw"); inHead+outside != store.SearchCap+1 || outside == 0 {
			t.Fatalf("linen throw sampled %d of the head and %d others, want %d matches of all", inHead, outside, store.SearchCap+1)
		}
	})
}

// A page of the plain listing is prepared with its LIMIT as a number (see
// Filter.sameBestPlan), so PostgreSQL can plan it once per connection; a
// category page keeps the parameter, and with it a plan per execution.
func TestListingPageLimitIsLiteral(t *testing.T) {
	for _, b := range testkit.Backends(t) {
		if b.DatabaseURL == "" {
			continue // about PostgreSQL's prepared statements
		}
		db := testkit.DB(t, b)
		sqlDB, err := db.DB()
		if err != nil {
			t.Fatal(err)
		}
		sqlDB.SetMaxOpenConns(1) // one session: its prepared statements are the ones we read
		s := store.New(db)
		ctx := context.Background()
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		var ps []store.Product
		for i := range 50 {
			ps = append(ps, store.Product{ID: store.NewID(), Slug: fmt.Sprintf("p-%d", i), Name: fmt.Sprintf("Mug %d", i),
				Status: "active", CategoryPath: "/mugs/", Attributes: "{}", Images: "[]", Price: int64(1000 + i), Currency: "EUR",
				InStock: true, CreatedAt: start.Add(time.Duration(i) * time.Minute), UpdatedAt: start})
		}
		if err := s.Bulk(ctx, ps, nil); err != nil {
			t.Fatal(err)
		}
		for _, f := range []store.Filter{{}, {CategoryPath: "/mugs/"}} {
			f.Sort, f.Limit = store.SortNewest, 20
			for range 2 {
				items, next, err := s.ListProducts(ctx, f)
				if err != nil || len(items) != 20 {
					t.Fatalf("%+v: %d items, %v", f, len(items), err)
				}
				f.Cursor = next
			}
		}
		var statements []string
		err = db.Raw("SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%FROM catalog_products%(created_at, id) <%'").
			Scan(&statements).Error
		if err != nil {
			t.Fatal(err)
		}
		var literal, parameter int
		for _, st := range statements {
			switch {
			case strings.Contains(st, "pg_prepared_statements"): // this query
			case strings.HasSuffix(st, "LIMIT 21") && !strings.Contains(st, "LIKE"):
				literal++
			case strings.Contains(st, "LIKE") && !strings.HasSuffix(st, "LIMIT 21"):
				parameter++
			}
		}
		if literal != 1 || parameter != 1 {
			t.Fatalf("want the plain page with LIMIT 21 and the category page with a parameter, got %q", statements)
		}
	}
}

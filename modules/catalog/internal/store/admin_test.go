package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"bazaar/modules/catalog/internal/demo"
	"bazaar/modules/catalog/internal/store"
	"bazaar/platform/testkit"
)

// A back-office search pages, newest first, exactly the products whose
// name, slug or a SKU contains the text, in any case: a common text (the
// page fills from the newest products) and a rare one (it does not, and the
// indexes are read) alike, with the status filter applied to both.
func TestAdminSearchPagesEveryMatchNewestFirst(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := store.New(testkit.DB(t, b))
		ctx := context.Background()
		if err := demo.Generate(ctx, s, 300, nil); err != nil {
			t.Fatal(err)
		}
		var sku, slug string
		s.DB().Raw("SELECT sku FROM catalog_variants ORDER BY id LIMIT 1").Scan(&sku)
		s.DB().Raw("SELECT slug FROM catalog_products ORDER BY id DESC LIMIT 1 OFFSET 100").Scan(&slug)
		for _, c := range []struct{ q, status string }{{"SHIRT", ""}, {"shirt", "active"}, {sku, ""}, {slug, ""}, {"zzzz", ""}} {
			like := "%" + strings.ToLower(c.q) + "%"
			var want []string
			err := s.DB().Raw(`SELECT id FROM catalog_products p WHERE (? = '' OR p.status = ?) AND (lower(p.name) LIKE ? OR p.slug LIKE ?
				OR p.id IN (SELECT product_id FROM catalog_variants WHERE lower(sku) LIKE ?)) ORDER BY id DESC`,
				c.status, c.status, like, like, like).Scan(&want).Error
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			f := store.AdminFilter{Q: c.q, Status: c.status, Limit: 5}
			for pages := 0; pages < 100; pages++ {
				rows, next, err := s.AdminProducts(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range rows {
					got = append(got, p.ID)
				}
				if f.Cursor = next; next == "" {
					break
				}
			}
			if !slices.Equal(got, want) || (c.q != "zzzz" && len(want) == 0) {
				t.Errorf("%+v: %d products %v, want %d %v", c, len(got), got, len(want), want)
			}
		}
	})
}

package store_test

import (
	"context"
	"testing"

	"bazaar/modules/catalog/internal/demo"
	"bazaar/modules/catalog/internal/store"
	"bazaar/platform/testkit"
)

// Facets are exact up to FacetCap matches and flagged approximate beyond,
// so their cost stays bounded at any catalog size.
func TestFacetsAreCappedAndFlagged(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := store.New(testkit.DB(t, b))
		ctx := context.Background()
		if err := demo.Generate(ctx, s, store.FacetCap+300, nil); err != nil {
			t.Fatal(err)
		}
		all, err := s.Facets(ctx, store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		sum := 0
		for _, c := range all.Categories {
			sum += c.Count
		}
		if !all.Approximate || sum != store.FacetCap+1 || all.MinPrice == nil {
			t.Fatalf("unfiltered: approximate=%v, counted %d", all.Approximate, sum)
		}
		shirts, err := s.Facets(ctx, store.Filter{CategoryPath: "/apparel/shirts/"})
		if err != nil {
			t.Fatal(err)
		}
		var active int64
		s.DB().Table("catalog_products").Where("status = 'active' AND category_path = '/apparel/shirts/'").Count(&active)
		if shirts.Approximate || len(shirts.Categories) != 1 || int64(shirts.Categories[0].Count) != active {
			t.Fatalf("shirts: %+v, want exact %d", shirts.Categories, active)
		}
	})
}

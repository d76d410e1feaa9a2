package store_test

import (
	"context"
	"reflect"
	"testing"

	"bazaar/modules/catalog/internal/demo"
	"bazaar/modules/catalog/internal/store"
	"bazaar/platform/testkit"
)

// A filter the kept counts cannot answer (every price is >= 0), so Facets
// counts the same matches the hard way.
func counted(f store.Filter) store.Filter {
	zero := int64(0)
	f.MinPrice = &zero
	return f
}

// The counts the triggers keep equal the counts of the matching products
// after every kind of write: inserts, status changes, category moves,
// attribute replacement and deletes.
func TestKeptFacetsFollowEveryWrite(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := store.New(testkit.DB(t, b))
		ctx := context.Background()
		if err := demo.Generate(ctx, s, 300, nil); err != nil {
			t.Fatal(err)
		}
		check := func(step string) {
			t.Helper()
			var negative int64
			if err := s.DB().Table("catalog_facet_counts").Where("n < 0").Count(&negative).Error; err != nil || negative > 0 {
				t.Fatalf("%s: %d negative counts (%v)", step, negative, err)
			}
			for _, path := range []string{"", "/apparel/", "/apparel/shirts/", "/home/"} {
				kept, err := s.Facets(ctx, store.Filter{CategoryPath: path}, nil)
				if err != nil {
					t.Fatal(err)
				}
				want, err := s.Facets(ctx, counted(store.Filter{CategoryPath: path}), nil)
				if err != nil {
					t.Fatal(err)
				}
				if want.Approximate || kept.Approximate {
					t.Fatalf("%s %q: approximate facets in a 300-product catalog", step, path)
				}
				if !reflect.DeepEqual(kept, want) {
					t.Fatalf("%s %q:\nkept    %+v\ncounted %+v", step, path, kept, want)
				}
				if kept.Total == 0 || kept.MinPrice == nil || len(kept.Attributes) == 0 {
					t.Fatalf("%s %q: empty facets %+v", step, path, kept)
				}
			}
		}
		check("generated")

		var ps []store.Product
		if err := s.DB().Order("id").Limit(40).Find(&ps).Error; err != nil {
			t.Fatal(err)
		}
		home, err := s.CategoryBySlug(ctx, "kitchen")
		if err != nil {
			t.Fatal(err)
		}
		err = s.Tx(ctx, func(tx *store.Store) error {
			for i := range ps[:10] { // archived, then one back to active
				ps[i].Status = "archived"
				if err := tx.SaveProduct(ctx, &ps[i], map[string]string{"brand": "Gone"}); err != nil {
					return err
				}
			}
			ps[0].Status = "active"
			return tx.SaveProduct(ctx, &ps[0], map[string]string{"brand": "Back", "material": "Oak"})
		})
		if err != nil {
			t.Fatal(err)
		}
		check("archived")

		for i := range ps[10:20] { // moved to another category, new attributes
			p := &ps[10+i]
			p.CategoryID, p.CategoryPath = &home.ID, home.Path
			if err := s.SaveProduct(ctx, p, map[string]string{"brand": "Moved", "colour": "Red"}); err != nil {
				t.Fatal(err)
			}
		}
		check("moved")

		if err := s.DB().Exec("UPDATE catalog_product_attributes SET value = 'Renamed' WHERE name = 'brand' AND product_id IN (?)",
			[]string{ps[20].ID, ps[21].ID}).Error; err != nil {
			t.Fatal(err)
		}
		check("attribute updated")

		if err := s.DB().Exec("UPDATE catalog_products SET category_id = NULL, category_path = '' WHERE id = ?", ps[22].ID).Error; err != nil {
			t.Fatal(err)
		}
		check("uncategorised")

		if err := s.DB().Exec("DELETE FROM catalog_products WHERE id IN (?)", []string{ps[0].ID, ps[1].ID, ps[23].ID, ps[24].ID}).Error; err != nil {
			t.Fatal(err)
		}
		check("deleted")
	})
}

// Facets of a filter the kept counts cannot answer are exact up to
// FacetCap matches and flagged approximate beyond, so their cost stays
// bounded at any catalog size; a category alone is exact at any size.
func TestCountedFacetsAreCappedAndFlagged(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := store.New(testkit.DB(t, b))
		ctx := context.Background()
		if err := demo.Generate(ctx, s, store.FacetCap+300, nil); err != nil {
			t.Fatal(err)
		}
		all, err := s.Facets(ctx, counted(store.Filter{}), nil)
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
		var active int64
		s.DB().Table("catalog_products").Where("status = 'active'").Count(&active)
		kept, err := s.Facets(ctx, store.Filter{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if kept.Approximate || int64(kept.Total) != active {
			t.Fatalf("kept: approximate=%v total %d, want exact %d", kept.Approximate, kept.Total, active)
		}
		if b.Name == "postgres" { // compacted after the bulk load: a few pages, not one per batch's versions
			var size int64
			s.DB().Raw("SELECT pg_relation_size('catalog_facet_counts')").Scan(&size)
			if size > 5*8192 {
				t.Fatalf("catalog_facet_counts is %d bytes after the demo load: not compacted", size)
			}
		}
	})
}

package demo_test

import (
	"context"
	"testing"

	"bazaar/modules/catalog/internal/demo"
	"bazaar/modules/catalog/internal/store"
	"bazaar/platform/testkit"
)

func fresh(t *testing.T, b testkit.Backend) *store.Store { return store.New(testkit.DB(t, b)) }

type fingerprint struct {
	Slug, Name, Description, Attributes, CategoryPath string
	Price                                             int64
	InStock                                           bool
}

func snapshot(t *testing.T, s *store.Store) []fingerprint {
	var out []fingerprint
	if err := s.DB().Table("catalog_products").Order("created_at, slug").
		Select("slug, name, description, attributes, category_path, price, in_stock").Scan(&out).Error; err != nil {
		t.Fatal(err)
	}
	return out
}

// The same size gives the same catalog; more products continue it.
func TestDeterministicAndExtendable(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		ctx := context.Background()
		one, two := fresh(t, b), fresh(t, b)
		var progress []int
		if err := demo.Generate(ctx, one, 1500, func(done, total int) { progress = append(progress, done) }); err != nil {
			t.Fatal(err)
		}
		if len(progress) != 2 || progress[0] != 1000 || progress[1] != 1500 {
			t.Fatalf("progress %v", progress)
		}
		if err := demo.Generate(ctx, two, 1500, nil); err != nil {
			t.Fatal(err)
		}
		a, c := snapshot(t, one), snapshot(t, two)
		if len(a) != 1500 || len(c) != 1500 {
			t.Fatalf("%d and %d products", len(a), len(c))
		}
		for i := range a {
			if a[i] != c[i] {
				t.Fatalf("product %d differs:\n%+v\n%+v", i, a[i], c[i])
			}
		}
		if err := demo.Generate(ctx, one, 10, nil); err != nil {
			t.Fatalf("adding more: %v", err)
		}
		var variants, categories int64
		one.DB().Table("catalog_variants").Count(&variants)
		one.DB().Table("catalog_categories").Count(&categories)
		if len(snapshot(t, one)) != 1510 || variants < 1510 || variants > 1510*6 || categories != 16 {
			t.Fatalf("after adding: %d variants, %d categories", variants, categories)
		}
	})
}

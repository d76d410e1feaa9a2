package store

import (
	"context"
	"slices"
	"strconv"
	"strings"
)

// FacetCap bounds the rows facets count: up to it counts are exact; a
// larger match set is counted over its first FacetCap rows and flagged
// approximate, so facets cost the same at any catalog size.
const FacetCap = 10000

// Facets count the products matching a filter: per category, per attribute
// value, and their price range.
type Facets struct {
	Categories  []CategoryCount
	Attributes  []AttributeCount
	MinPrice    *int64
	MaxPrice    *int64
	Total       int // matching products, at most FacetCap+1
	Approximate bool
}

// CategoryCount is how many matching products a category holds directly.
type CategoryCount struct {
	Slug  string
	Name  string
	Count int
}

// AttributeCount is how many matching products have an attribute value.
type AttributeCount struct {
	Name  string
	Value string
	Count int
}

// Facets computes the facets of f (its sort, limit and cursor are ignored)
// in one statement: the matching IDs are collected once (materialised,
// capped) and the three aggregates read them.
func (s *Store) Facets(ctx context.Context, f Filter) (Facets, error) {
	base, _, _ := s.searchBase(ctx, f)
	matches := f.where(base).Select("p.id, p.category_id, p.price").Limit(FacetCap + 1)
	var rows []struct {
		Kind string
		A, B string
		N    int
	}
	err := s.db.WithContext(ctx).Raw(`WITH m AS MATERIALIZED (?)
		SELECT 'c' AS kind, c.slug AS a, c.name AS b, count(*) AS n
			FROM m JOIN catalog_categories c ON c.id = m.category_id GROUP BY c.slug, c.name
		UNION ALL
		SELECT 'a', x.name, x.value, count(*)
			FROM m JOIN catalog_product_attributes x ON x.product_id = m.id GROUP BY x.name, x.value
		UNION ALL
		SELECT 'p', CAST(min(m.price) AS TEXT), CAST(max(m.price) AS TEXT), count(*) FROM m`, matches).Scan(&rows).Error
	if err != nil {
		return Facets{}, err
	}
	var out Facets
	for _, r := range rows {
		switch r.Kind {
		case "c":
			out.Categories = append(out.Categories, CategoryCount{Slug: r.A, Name: r.B, Count: r.N})
		case "a":
			out.Attributes = append(out.Attributes, AttributeCount{Name: r.A, Value: r.B, Count: r.N})
		case "p":
			out.Total, out.Approximate = r.N, r.N > FacetCap
			if r.N > 0 {
				lo, _ := strconv.ParseInt(r.A, 10, 64)
				hi, _ := strconv.ParseInt(r.B, 10, 64)
				out.MinPrice, out.MaxPrice = &lo, &hi
			}
		}
	}
	sortFacets(&out)
	return out, nil
}

// sortFacets orders categories and attribute values by name, as shown.
func sortFacets(f *Facets) {
	slices.SortFunc(f.Categories, func(a, b CategoryCount) int { return strings.Compare(a.Name, b.Name) })
	slices.SortFunc(f.Attributes, func(a, b AttributeCount) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Value, b.Value)
	})
}

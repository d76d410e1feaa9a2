package store

import "context"

// Facets count the products matching a filter: per category, per attribute
// value, and their price range: three queries.
type Facets struct {
	Categories []CategoryCount
	Attributes []AttributeCount
	MinPrice   *int64
	MaxPrice   *int64
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

// Facets computes the facets of f (its sort, limit and cursor are ignored).
func (s *Store) Facets(ctx context.Context, f Filter) (Facets, error) {
	var out Facets
	base, _, _ := s.searchBase(ctx, f) // a fresh base per query: gorm statements are not reusable
	if err := f.where(base).Joins("JOIN catalog_categories c ON c.id = p.category_id").
		Select("c.slug AS slug, c.name AS name, count(*) AS count").Group("c.slug, c.name").Order("c.name").
		Scan(&out.Categories).Error; err != nil {
		return out, err
	}
	base, _, _ = s.searchBase(ctx, f)
	if err := f.where(base).Joins("JOIN catalog_product_attributes a ON a.product_id = p.id").
		Select("a.name AS name, a.value AS value, count(*) AS count").Group("a.name, a.value").Order("a.name, a.value").
		Scan(&out.Attributes).Error; err != nil {
		return out, err
	}
	base, _, _ = s.searchBase(ctx, f)
	var r struct{ Min, Max *int64 }
	if err := f.where(base).Select("min(p.price) AS min, max(p.price) AS max").Scan(&r).Error; err != nil {
		return out, err
	}
	out.MinPrice, out.MaxPrice = r.Min, r.Max
	return out, nil
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	json "github.com/goccy/go-json"
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
// with cats, every category (Categories). A filter by category alone reads
// the counts the triggers keep in catalog_facet_counts; a search counts its
// sample (SampleFacets); any other filter counts its matches in one
// statement (capped at FacetCap).
func (s *Store) Facets(ctx context.Context, f Filter, cats []Category) (Facets, error) {
	var rows []facetRow
	var err error
	limit := 0 // of the counted rows; 0: exact counts
	switch {
	case f.SearchText() != "":
		sample, err := s.SearchSample(ctx, f)
		return SampleFacets(sample, cats), err
	case f.MinPrice == nil && f.MaxPrice == nil && !f.InStock && len(f.Attrs) == 0:
		rows, err = s.keptFacets(ctx, f.CategoryPath)
	default:
		rows, limit, err = s.countedFacets(ctx, f)
	}
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
			out.Total, out.Approximate = r.N, limit > 0 && r.N > limit
			if r.N > 0 && r.A != "" {
				lo, _ := strconv.ParseInt(r.A, 10, 64)
				hi, _ := strconv.ParseInt(r.B, 10, 64)
				out.MinPrice, out.MaxPrice = &lo, &hi
			}
		}
	}
	sortFacets(&out)
	return out, nil
}

// facetRow is one line of a facet statement: a category ("c", slug, name),
// an attribute value ("a", name, value) or the price range ("p", min, max)
// with the number of matches.
type facetRow struct {
	Kind string
	A, B string
	N    int
}

// countedFacets counts the first FacetCap+1 matches of f (no search), over
// the counted columns alone: an index-only scan. It returns the cap too.
func (s *Store) countedFacets(ctx context.Context, f Filter) ([]facetRow, int, error) {
	limit, matches := FacetCap, s.matches(ctx, f, false, counted).Limit(FacetCap+1)
	var rows []facetRow
	err := s.db.WithContext(ctx).Raw(`WITH m AS MATERIALIZED (?)
		SELECT 'c' AS kind, c.slug AS a, c.name AS b, count(*) AS n
			FROM m JOIN catalog_categories c ON c.id = m.category_id GROUP BY c.slug, c.name
		UNION ALL
		SELECT 'a', x.name, x.value, count(*)
			FROM m JOIN catalog_product_attributes x ON x.product_id = m.id GROUP BY x.name, x.value
		UNION ALL
		SELECT 'p', CAST(min(m.price) AS TEXT), CAST(max(m.price) AS TEXT), count(*) FROM m`, matches).Scan(&rows).Error
	return rows, limit, err
}

// keptFacets reads the facets of a category subtree ("" for the whole
// catalog) from catalog_facet_counts; the price range comes from a min and
// a max probe of catalog_products_category_price per category (or of
// catalog_products_price for the whole catalog). Exact, never capped.
func (s *Store) keptFacets(ctx context.Context, categoryPath string) ([]facetRow, error) {
	scope, prices := "", `SELECT
			(SELECT min(price) FROM catalog_products WHERE status = 'active') AS lo,
			(SELECT max(price) FROM catalog_products WHERE status = 'active') AS hi`
	var args []any
	if categoryPath != "" {
		scope = "AND f.category_id IN (SELECT id FROM catalog_categories WHERE path LIKE @path)"
		prices = `SELECT
			min((SELECT min(price) FROM catalog_products WHERE status = 'active' AND category_id = c.id)) AS lo,
			max((SELECT max(price) FROM catalog_products WHERE status = 'active' AND category_id = c.id)) AS hi
			FROM catalog_categories c WHERE c.path LIKE @path`
		args = append(args, sql.Named("path", categoryPath+"%"))
	}
	var rows []facetRow
	err := s.db.WithContext(ctx).Raw(fmt.Sprintf(`WITH s AS (
			SELECT f.category_id, f.name, f.value, f.n FROM catalog_facet_counts f WHERE f.n > 0 %s
		)
		SELECT 'c' AS kind, c.slug AS a, c.name AS b, s.n AS n
			FROM s JOIN catalog_categories c ON c.id = s.category_id WHERE s.name = ''
		UNION ALL
		SELECT 'a', s.name, s.value, sum(s.n) FROM s WHERE s.name <> '' GROUP BY s.name, s.value
		UNION ALL
		SELECT 'p', CAST(r.lo AS TEXT), CAST(r.hi AS TEXT), (SELECT coalesce(sum(s.n), 0) FROM s WHERE s.name = '')
			FROM (%s) AS r`, scope, prices), args...).Scan(&rows).Error
	return rows, err
}

// SampleFacets counts a search sample (SearchSample) in Go, from the
// attributes its rows carry: no second scan of the matches. A full sample
// (more than SearchCap) is flagged approximate.
func SampleFacets(sample []Listed, cats []Category) Facets {
	names := make(map[string]Category, len(cats))
	for _, c := range cats {
		names[c.ID] = c
	}
	byCat, byAttr := map[string]int{}, map[[2]string]int{}
	out := Facets{Total: len(sample), Approximate: len(sample) > SearchCap}
	for _, l := range sample {
		if l.CategoryID != nil {
			if _, ok := names[*l.CategoryID]; ok {
				byCat[*l.CategoryID]++
			}
		}
		var attrs map[string]string
		_ = json.Unmarshal([]byte(l.Attributes), &attrs)
		for k, v := range attrs {
			byAttr[[2]string{k, v}]++
		}
		if out.MinPrice == nil || l.Price < *out.MinPrice {
			out.MinPrice = &l.Price
		}
		if out.MaxPrice == nil || l.Price > *out.MaxPrice {
			out.MaxPrice = &l.Price
		}
	}
	for id, n := range byCat {
		out.Categories = append(out.Categories, CategoryCount{Slug: names[id].Slug, Name: names[id].Name, Count: n})
	}
	for k, n := range byAttr {
		out.Attributes = append(out.Attributes, AttributeCount{Name: k[0], Value: k[1], Count: n})
	}
	sortFacets(&out)
	return out
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

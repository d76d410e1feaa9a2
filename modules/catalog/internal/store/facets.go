package store

import (
	"context"
	"database/sql"
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
// in one statement. A filter by category alone reads the counts the
// triggers keep in catalog_facet_counts; any other filter counts its
// matches (materialised once, capped at FacetCap; a search's at SearchCap).
func (s *Store) Facets(ctx context.Context, f Filter) (Facets, error) {
	var rows []facetRow
	var err error
	limit := 0 // of the counted rows; 0: exact counts
	if cleanQuery(f.Q) == "" && f.MinPrice == nil && f.MaxPrice == nil && !f.InStock && len(f.Attrs) == 0 {
		rows, err = s.keptFacets(ctx, f.CategoryPath)
	} else {
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

// countedFacets counts the matches of f: a search's capped set (see
// SearchCap), else the first FacetCap+1 matches. It returns the cap too.
func (s *Store) countedFacets(ctx context.Context, f Filter) ([]facetRow, int, error) {
	limit, matches := SearchCap, s.matches(ctx, f, true, false)
	if cleanQuery(f.Q) == "" { // the counted columns alone: an index-only scan
		limit, matches = FacetCap, s.matches(ctx, f, false, false).Limit(FacetCap+1)
	}
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
	err := s.db.WithContext(ctx).Raw(`WITH s AS (
			SELECT f.category_id, f.name, f.value, f.n FROM catalog_facet_counts f WHERE f.n > 0 `+scope+`
		)
		SELECT 'c' AS kind, c.slug AS a, c.name AS b, s.n AS n
			FROM s JOIN catalog_categories c ON c.id = s.category_id WHERE s.name = ''
		UNION ALL
		SELECT 'a', s.name, s.value, sum(s.n) FROM s WHERE s.name <> '' GROUP BY s.name, s.value
		UNION ALL
		SELECT 'p', CAST(r.lo AS TEXT), CAST(r.hi AS TEXT), (SELECT coalesce(sum(s.n), 0) FROM s WHERE s.name = '')
			FROM (`+prices+`) AS r`, args...).Scan(&rows).Error
	return rows, err
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

package store

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"time"
	"unicode"

	"gorm.io/gorm"
)

// Sort orders of the listing.
const (
	SortRelevance = "relevance"
	SortNewest    = "newest"
	SortPriceAsc  = "price_asc"
	SortPriceDesc = "price_desc"
	SortName      = "name"
)

// Filter selects active products.
type Filter struct {
	Q            string
	CategoryPath string // "" or a category's path: includes its subtree
	MinPrice     *int64
	MaxPrice     *int64
	InStock      bool
	Attrs        map[string][]string // name → any of values
	Sort         string
	Limit        int
	Cursor       string
}

// Listed is a product with its search rank (0 without a query).
type Listed struct {
	Product
	Rank float64
}

// cursor is the position after the last row of a page, in the sort's key.
type cursor struct {
	Sort string `json:"s"`
	Key  string `json:"k"`
	ID   string `json:"i"`
}

func encodeCursor(c cursor) string {
	raw, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(raw)
}

func decodeCursor(s, sort string) (cursor, error) {
	var c cursor
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(raw, &c) != nil || c.Sort != sort || c.ID == "" {
		return c, ErrBadCursor
	}
	return c, nil
}

// where applies everything but the search and the keyset to q (aliased p).
func (f Filter) where(q *gorm.DB) *gorm.DB {
	q = q.Where("p.status = 'active'")
	if f.CategoryPath != "" {
		q = q.Where("p.category_path LIKE ?", f.CategoryPath+"%")
	}
	if f.MinPrice != nil {
		q = q.Where("p.price >= ?", *f.MinPrice)
	}
	if f.MaxPrice != nil {
		q = q.Where("p.price <= ?", *f.MaxPrice)
	}
	if f.InStock {
		q = q.Where("p.in_stock")
	}
	for name, values := range f.Attrs {
		q = q.Where("p.id IN (SELECT a.product_id FROM catalog_product_attributes a WHERE a.name = ? AND a.value IN ?)", name, values)
	}
	return q
}

// ListProducts returns one page of active products and the cursor of the
// next page ("" on the last). One query whatever the page size.
func (s *Store) ListProducts(ctx context.Context, f Filter) ([]Listed, string, error) {
	base, rank, args := s.searchBase(ctx, f)
	inner := f.where(base).Select("p.*, "+rank+" AS rank", args...)
	q := s.db.WithContext(ctx).Table("(?) AS l", inner)
	var order []string
	var keyCol string
	switch f.Sort {
	case SortRelevance:
		keyCol, order = "rank", []string{"rank DESC", "id DESC"}
	case SortPriceAsc:
		keyCol, order = "price", []string{"price ASC", "id ASC"}
	case SortPriceDesc:
		keyCol, order = "price", []string{"price DESC", "id DESC"}
	case SortName:
		keyCol, order = "name", []string{"name ASC", "id ASC"}
	default:
		keyCol, order = "created_at", []string{"created_at DESC", "id DESC"}
	}
	if f.Cursor != "" {
		c, err := decodeCursor(f.Cursor, f.Sort)
		if err != nil {
			return nil, "", err
		}
		key, err := s.keyValue(keyCol, c.Key)
		if err != nil {
			return nil, "", ErrBadCursor
		}
		op := "<"
		if strings.HasSuffix(order[0], "ASC") {
			op = ">"
		}
		// A row comparison, not "k < ? OR (k = ? AND id < ?)": PostgreSQL
		// turns it into an index range instead of filtering every earlier row.
		q = q.Where("("+keyCol+", id) "+op+" (?, ?)", key, c.ID)
	}
	for _, o := range order {
		q = q.Order(o)
	}
	var rows []Listed
	if err := q.Limit(f.Limit + 1).Find(&rows).Error; err != nil {
		return nil, "", err
	}
	next := ""
	if len(rows) > f.Limit {
		rows = rows[:f.Limit]
		last := rows[len(rows)-1]
		next = encodeCursor(cursor{Sort: f.Sort, Key: keyString(keyCol, last), ID: last.ID})
	}
	return rows, next, nil
}

func keyString(col string, l Listed) string {
	switch col {
	case "rank":
		return strconv.FormatFloat(l.Rank, 'g', -1, 64)
	case "price":
		return strconv.FormatInt(l.Price, 10)
	case "name":
		return l.Name
	}
	return l.CreatedAt.UTC().Format(time.RFC3339Nano)
}

func (s *Store) keyValue(col, raw string) (any, error) {
	switch col {
	case "rank":
		return strconv.ParseFloat(raw, 64)
	case "price":
		return strconv.ParseInt(raw, 10, 64)
	case "name":
		return raw, nil
	}
	return parseTime(raw)
}

// searchBase is the FROM clause and rank expression (with its arguments):
// all active products without a query; with one, the matches of the
// dialect's full-text index, ranked name > attributes > description, an
// exact name match first.
func (s *Store) searchBase(ctx context.Context, f Filter) (*gorm.DB, string, []any) {
	db := s.db.WithContext(ctx).Table("catalog_products AS p")
	q := strings.ToValidUTF8(strings.ReplaceAll(strings.TrimSpace(f.Q), "\x00", ""), "")
	if q == "" {
		return db, "0.0", nil
	}
	exact := "CASE WHEN lower(p.name) = lower(?) THEN 100 ELSE 0 END"
	if s.postgres {
		// websearch_to_tsquery accepts any text; pg_trgm's similarity catches typos.
		return db.Where("(p.fts @@ websearch_to_tsquery('simple', ?) OR lower(p.name) % lower(?))", q, q),
			"(ts_rank(p.fts, websearch_to_tsquery('simple', ?)) + similarity(lower(p.name), lower(?)) + " + exact + ")",
			[]any{q, q, q}
	}
	match := fts5Query(q)
	if match == "" {
		return db.Where("1 = 0"), "0.0", nil
	}
	return db.Joins("JOIN catalog_products_fts f ON f.rowid = p.rowid").Where("catalog_products_fts MATCH ?", match),
		"(-bm25(catalog_products_fts, 10.0, 4.0, 1.0) + " + exact + ")", []any{q}
}

// fts5Query turns any text into an FTS5 query of quoted prefix terms, all
// required: no user input can form FTS5 syntax.
func fts5Query(q string) string {
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	terms := make([]string, 0, len(words))
	for _, w := range words {
		terms = append(terms, `"`+w+`"*`)
	}
	return strings.Join(terms, " ")
}

func parseTime(raw string) (time.Time, error) { return time.Parse(time.RFC3339Nano, raw) }

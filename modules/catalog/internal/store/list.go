package store

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
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
	// The categories of that subtree, when the caller knows them: a sorted
	// page then merges one index walk per category (see ListProducts).
	Subtree  []Category
	MinPrice *int64
	MaxPrice *int64
	InStock  bool
	Attrs    map[string][]string // name → any of values
	Sort     string
	Limit    int
	Cursor   string
}

// Listed is a product with its search rank (0 without a query). Only the
// listing's columns are loaded (listedColumns): not its description,
// attributes or status.
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

// MatchKey identifies the products f matches, whatever their order and
// page: equal keys, equal matches (and facets).
func (f Filter) MatchKey() string {
	names := slices.Sorted(maps.Keys(f.Attrs))
	parts := make([]string, 0, len(names))
	for _, n := range names {
		vs := slices.Sorted(slices.Values(f.Attrs[n]))
		parts = append(parts, n+"="+strings.Join(vs, "\x1f"))
	}
	key, _ := json.Marshal([]any{f.SearchText(), f.CategoryPath, f.MinPrice, f.MaxPrice, f.InStock, parts})
	return string(key)
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

const listedColumns = "p.id, p.slug, p.name, p.category_id, p.images, p.price, p.compare_at_price, p.currency, p.in_stock, p.created_at"

// ListProducts returns one page of active products and the cursor of the
// next page ("" on the last). One query whatever the page size.
func (s *Store) ListProducts(ctx context.Context, f Filter) ([]Listed, string, error) {
	if f.Sort == SortRelevance && f.SearchText() != "" {
		sample, err := s.SearchSample(ctx, f)
		if err != nil {
			return nil, "", err
		}
		return PageOf(sample, f)
	}
	var order []string
	var keyCol string
	switch f.Sort {
	case SortPriceAsc:
		keyCol, order = "price", []string{"price ASC", "id ASC"}
	case SortPriceDesc:
		keyCol, order = "price", []string{"price DESC", "id DESC"}
	case SortName:
		keyCol, order = "name", []string{"name ASC", "id ASC"}
	default:
		keyCol, order = "created_at", []string{"created_at DESC", "id DESC"}
	}
	var after []any // the cursor's key and ID
	if f.Cursor != "" {
		c, err := decodeCursor(f.Cursor, f.Sort)
		if err != nil {
			return nil, "", err
		}
		key, err := s.keyValue(keyCol, c.Key)
		if err != nil {
			return nil, "", ErrBadCursor
		}
		after = []any{key, c.ID}
	}
	// sorted applies the cursor and the order to q, whose columns are
	// named with prefix.
	sorted := func(q *gorm.DB, prefix string) *gorm.DB {
		if after != nil {
			op := "<"
			if strings.HasSuffix(order[0], "ASC") {
				op = ">"
			}
			// A row comparison, not "k < ? OR (k = ? AND id < ?)": PostgreSQL
			// turns it into an index range instead of filtering every earlier row.
			q = q.Where("("+prefix+keyCol+", "+prefix+"id) "+op+" (?, ?)", after...)
		}
		for _, o := range order {
			q = q.Order(prefix + o)
		}
		return q
	}
	var q *gorm.DB
	if f.SearchText() == "" && len(f.Subtree) > 0 && len(f.Subtree) <= maxMergedCategories {
		// A category's page in any sort: the sort's index walked within each
		// category of the subtree, the walks merged. Walking a global index
		// and skipping other categories' rows costs what precedes the
		// category in that order (the dearest apparel after 37,782 dearer
		// products at 1,000,000: 0.3 s alone, seconds under load).
		g := f
		g.CategoryPath = ""
		walks := make([]string, len(f.Subtree))
		args := make([]any, len(f.Subtree))
		for i, c := range f.Subtree {
			walk := g.where(s.db.WithContext(ctx).Table("catalog_products AS p")).
				Where("p.category_path = ? AND p.category_id = ?", c.Path, c.ID).Select(listedColumns + ", 0.0 AS rank")
			walks[i], args[i] = "SELECT * FROM (?) AS w"+strconv.Itoa(i), sorted(walk, "p.").Limit(f.Limit+1)
		}
		q = sorted(s.db.WithContext(ctx).Table("(?) AS l", s.db.Raw(strings.Join(walks, " UNION ALL "), args...)), "")
	} else {
		q = sorted(s.db.WithContext(ctx).Table("(?) AS l", s.matches(ctx, f, false, listedColumns)), "")
	}
	if f.sameBestPlan() {
		q = s.db.WithContext(ctx).Raw("? LIMIT "+strconv.Itoa(f.Limit+1), q)
	} else {
		q = q.Limit(f.Limit + 1)
	}
	rows, err := scanListed(q, false)
	if err != nil {
		return nil, "", err
	}
	return page(rows, f, keyCol)
}

// maxMergedCategories bounds the walks a category page merges: a larger
// subtree is one walk with its path as a filter.
const maxMergedCategories = 32

// sameBestPlan tells whether f's page has one best plan whatever the
// values (sort and cursor only: a walk of the sort's index), so its
// statement may be planned once per connection. pgx prepares every
// statement, and PostgreSQL reuses a prepared statement's generic plan only
// when it costs about what a plan for the actual values would: with its
// LIMIT as a parameter it must guess the limit, so the page looked costly
// and was planned again on every execution (bind 0.14-0.25 ms in the
// statement log, for a 0.06 ms read). Hence a literal LIMIT here. With a
// search, a category or a price or attribute filter the best plan depends
// on the values (a rare category walks its own index, a common word scans
// instead of building a bitmap of all its matches), so those keep the
// parameter, and with it a plan for each execution.
func (f Filter) sameBestPlan() bool {
	return f.SearchText() == "" && f.CategoryPath == "" && f.MinPrice == nil && f.MaxPrice == nil && len(f.Attrs) == 0
}

// page cuts rows (at most f.Limit+1, in order) to f.Limit with the cursor
// of the next page.
func page(rows []Listed, f Filter, keyCol string) ([]Listed, string, error) {
	next := ""
	if len(rows) > f.Limit {
		rows = rows[:f.Limit]
		last := rows[len(rows)-1]
		next = encodeCursor(cursor{Sort: f.Sort, Key: keyString(keyCol, last), ID: last.ID})
	}
	return rows, next, nil
}

// SearchSample is a search's capped match set (see SearchCap) with each
// product's attributes and rank, best first: a relevance page (PageOf)
// and the search's facets (SampleFacets) both come from this one query.
func (s *Store) SearchSample(ctx context.Context, f Filter) ([]Listed, error) {
	q := s.db.WithContext(ctx).Table("(?) AS l", s.matches(ctx, f, true, sampleColumns)).Order("rank DESC").Order("id DESC")
	return scanListed(q, true)
}

// PageOf is f's relevance page of a search sample, by the same keyset
// cursor as the database's pages.
func PageOf(sample []Listed, f Filter) ([]Listed, string, error) {
	from := 0
	if f.Cursor != "" {
		c, err := decodeCursor(f.Cursor, SortRelevance)
		if err != nil {
			return nil, "", err
		}
		rank, err := strconv.ParseFloat(c.Key, 64)
		if err != nil {
			return nil, "", ErrBadCursor
		}
		for from < len(sample) && (sample[from].Rank > rank || sample[from].Rank == rank && sample[from].ID >= c.ID) {
			from++
		}
	}
	f.Sort = SortRelevance
	return page(sample[from:min(from+f.Limit+1, len(sample))], f, "rank")
}

// scanListed reads listedColumns (and attributes) and the rank by position: the hottest
// query of the shop skips gorm's reflection.
func scanListed(q *gorm.DB, withAttributes bool) ([]Listed, error) {
	rs, err := q.Rows()
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []Listed
	for rs.Next() {
		var l Listed
		p := &l.Product
		dst := []any{&p.ID, &p.Slug, &p.Name, &p.CategoryID, &p.Images, &p.Price, &p.CompareAtPrice, &p.Currency,
			&p.InStock, timeScanner{&p.CreatedAt}}
		if withAttributes {
			dst = append(dst, &p.Attributes)
		}
		if err := rs.Scan(append(dst, &l.Rank)...); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rs.Err()
}

// timeScanner reads a timestamp as either driver returns it: PostgreSQL's
// as time.Time, SQLite's (through a subquery) as text.
type timeScanner struct{ t *time.Time }

func (s timeScanner) Scan(v any) error {
	switch x := v.(type) {
	case time.Time:
		*s.t = x
		return nil
	case string:
		return s.parse(x)
	case []byte:
		return s.parse(string(x))
	}
	return fmt.Errorf("catalog: timestamp of type %T", v)
}

func (s timeScanner) parse(raw string) error {
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano, "2006-01-02 15:04:05.999999999"} {
		if t, err := time.Parse(layout, raw); err == nil {
			*s.t = t.UTC()
			return nil
		}
	}
	return fmt.Errorf("catalog: timestamp %q", raw)
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

// SearchCap bounds the matches a relevance search ranks and counts facets
// over: the first SearchCap+1 matches the full-text index yields, plus
// every exact name match. A broader search (one common word in a large
// catalog) is ranked over that sample and its facets are flagged
// approximate, so a search costs the same at 1,000 and at 1,000,000
// products; other sorts walk every match.
const SearchCap = 100

// counted are the columns facets read.
const counted = "p.id, p.category_id, p.price"

// sampleColumns are a search sample's: listed, and the attributes its facets count.
const sampleColumns = listedColumns + ", p.attributes"

// matches is the subquery of the products f selects: the counted columns,
// or cols with a rank (0 without a search). With a search: the matches of
// the dialect's full-text index, ranked name > attributes > description,
// an exact name first (a search that finds nothing may be corrected: see
// Corrected). capped: over SearchCap+1 matches and the exact names.
func (s *Store) matches(ctx context.Context, f Filter, capped bool, cols string) *gorm.DB {
	q := f.SearchText()
	ranked := cols != counted
	rank, rankArgs := "", []any(nil)
	if ranked {
		rank = ", 0.0 AS rank"
	}
	from := func() *gorm.DB { return f.where(s.db.WithContext(ctx).Table("catalog_products AS p")) }
	if q == "" {
		return from().Select(cols + rank)
	}
	var hit func() *gorm.DB // the index's matches
	exact := "CASE WHEN lower(p.name) = lower(?) THEN 100 ELSE 0 END"
	if !s.postgres {
		match := fts5Query(q)
		if match == "" {
			return from().Where("1 = 0").Select(cols + rank)
		}
		hit = func() *gorm.DB {
			return from().Joins("JOIN catalog_products_fts ON catalog_products_fts.rowid = p.rowid").Where("catalog_products_fts MATCH ?", match)
		}
		rank, rankArgs = ", (-bm25(catalog_products_fts, 10.0, 4.0, 1.0) + "+exact+") AS rank", []any{q}
	} else {
		hit = func() *gorm.DB { return from().Where(textHit, q) }
		rank, rankArgs = ", (ts_rank(p.fts, websearch_to_tsquery('simple', ?)) + "+exact+") AS rank", []any{q, q}
	}
	if !ranked {
		rank, rankArgs = "", nil
	}
	if !capped {
		return hit().Select(cols+rank, rankArgs...)
	}
	// A name equal to the text comes first wherever the index yields it;
	// rows of both halves are equal, so UNION removes doubles. PostgreSQL
	// finds those names by catalog_products_exact_search alone: with the
	// full-text match as well, a common phrase ("t-shirt") made it read every
	// match to compare names (65 ms at 1,000,000 products). SQLite finds
	// them among its FTS5 matches.
	sample := func() *gorm.DB { return hit().Select(cols+rank, rankArgs...).Limit(SearchCap + 1) }
	if !s.postgres {
		return s.db.WithContext(ctx).Raw("SELECT * FROM (?) AS m UNION SELECT * FROM (?) AS e",
			sample(), hit().Where("lower(p.name) = lower(?)", q).Select(cols+rank, rankArgs...))
	}
	// PostgreSQL builds the whole bitmap of a GIN match before its first
	// row, so a common word costs in proportion to the catalog. The sample
	// is therefore taken from the head slice (a sixteenth of the catalog
	// with its own index, catalog_products_head_fts) when that holds a full
	// sample, and from every match only when it does not: each half runs
	// only if its one-time filter passes.
	return s.db.WithContext(ctx).Raw("WITH head AS MATERIALIZED (?)"+
		" SELECT * FROM head WHERE (SELECT count(*) FROM head) > ?"+
		" UNION SELECT * FROM (?) AS m WHERE (SELECT count(*) FROM head) <= ?"+
		" UNION SELECT * FROM (?) AS e",
		sample().Where(headSlice), SearchCap, sample(), SearchCap,
		from().Where("lower(p.name) = lower(?)", q).Select(cols+rank, rankArgs...))
}

// headSlice selects the products of catalog_products_head_fts, the
// sixteenth of the catalog whose ID (a UUIDv7, random at the end) ends in 0.
const headSlice = "right(p.id, 1) = '0'"

// textHit is PostgreSQL's full-text match; websearch_to_tsquery accepts any text.
const textHit = "p.fts @@ websearch_to_tsquery('simple', ?)"

// Corrected is q for a search that found nothing: each word the full-text
// index does not hold is replaced by the indexed word most like it, read
// from a table of the index's words, not of products, so its cost does not
// grow with the catalog (PostgreSQL: pgFixes, SQLite: liteFixes). q comes
// back unchanged when every word is known or none is like it.
func (s *Store) Corrected(ctx context.Context, q string) (string, error) {
	q = cleanQuery(q)
	if q == "" {
		return q, nil
	}
	fixes := s.pgFixes
	if !s.postgres {
		fixes = s.liteFixes
	}
	words, err := fixes(ctx, q)
	if err != nil {
		return q, err
	}
	fixed, changed := make([]string, len(words)), false
	for i, w := range words {
		fixed[i] = w.Fix
		changed = changed || w.Fix != w.Word
	}
	if !changed {
		return q, nil
	}
	return strings.Join(fixed, " "), nil
}

// wordFix is a word of a search and what it becomes (itself when kept).
type wordFix struct{ Word, Fix string }

// pgFixes corrects by pg_trgm similarity over catalog_fts_words, the words
// in the order of the text.
func (s *Store) pgFixes(ctx context.Context, q string) ([]wordFix, error) {
	var words []wordFix
	err := s.db.WithContext(ctx).Raw(`SELECT t.lexeme AS word, coalesce(
			(SELECT w.word FROM catalog_fts_words w WHERE w.word = t.lexeme),
			(SELECT w.word FROM catalog_fts_words w WHERE w.word % t.lexeme ORDER BY similarity(w.word, t.lexeme) DESC, w.word LIMIT 1),
			t.lexeme) AS fix
		FROM unnest(to_tsvector('simple', ?)) AS t ORDER BY t.positions[1]`, q).Scan(&words).Error
	return words, err
}

// SearchText is the filter's search: its text without surrounding space,
// NULs and invalid UTF-8 (which neither database accepts); "" is no search.
// Every layer decides "is this a search" by it.
func (f Filter) SearchText() string { return cleanQuery(f.Q) }

// cleanQuery is the search text without NULs and invalid UTF-8, which
// neither database accepts.
func cleanQuery(q string) string {
	return strings.ToValidUTF8(strings.ReplaceAll(strings.TrimSpace(q), "\x00", ""), "")
}

// liteFixes corrects on SQLite, whose FTS5 terms are prefixes: a word that
// no indexed term (catalog_products_fts_vocab) starts with becomes the term
// nearest by edit distance, at most 1 edit away for words of up to 4
// letters and 2 for longer ones; of equally near terms, the one more
// products hold. The terms are read whole: embedded mode's catalogs are
// small.
func (s *Store) liteFixes(ctx context.Context, q string) ([]wordFix, error) {
	var vocab []struct {
		Term string
		Doc  int
	}
	if err := s.db.WithContext(ctx).Raw("SELECT term, doc FROM catalog_products_fts_vocab").Scan(&vocab).Error; err != nil {
		return nil, err
	}
	var words []wordFix
	for _, w := range searchWords(strings.ToLower(q)) {
		limit := 1
		if utf8.RuneCountInString(w) > 4 {
			limit = 2
		}
		fix, edits, doc := w, limit+1, 0
		for _, v := range vocab {
			if strings.HasPrefix(v.Term, w) {
				fix = w
				break
			}
			if d := levenshtein.ComputeDistance(w, v.Term); d < edits || d == edits && d <= limit && v.Doc > doc {
				fix, edits, doc = v.Term, d, v.Doc
			}
		}
		words = append(words, wordFix{Word: w, Fix: fix})
	}
	return words, nil
}

// searchWords are the words of q as FTS5's unicode61 tokenizer splits them.
func searchWords(q string) []string {
	return strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

// fts5Query turns any text into an FTS5 query of quoted prefix terms, all
// required: no user input can form FTS5 syntax.
func fts5Query(q string) string {
	words := searchWords(q)
	terms := make([]string, 0, len(words))
	for _, w := range words {
		terms = append(terms, `"`+w+`"*`)
	}
	return strings.Join(terms, " ")
}

func parseTime(raw string) (time.Time, error) { return time.Parse(time.RFC3339Nano, raw) }

// Package csvio reads and writes the catalog's CSV format: one row per
// variant, product columns repeated on each of its rows. An export can be
// imported unchanged.
package csvio

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Header is the column order of exports; imports accept columns in any order.
var Header = []string{"product_slug", "product_name", "status", "category", "description", "attributes",
	"image_url", "image_alt", "sku", "options", "price", "compare_at_price", "currency", "on_hand"}

var required = []string{"product_slug", "product_name", "sku", "price"}

// Row is one parsed line; Line is its 1-based line number in the file.
type Row struct {
	Line                                                     int
	Slug, Name, Status, Category, Description, ImageURL, Alt string
	Attributes, Options                                      map[string]string
	SKU, Currency                                            string
	Price                                                    int64
	CompareAt                                                *int64
	OnHand                                                   *int
}

// LineError reports a bad row by its line number.
type LineError struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// Parse reads every row; rows that do not parse are returned as LineErrors
// and the others still come back. A file without the required columns is an error.
func Parse(r io.Reader) ([]Row, []LineError, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	head, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("csv header: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, c := range required {
		if _, ok := col[c]; !ok {
			return nil, nil, fmt.Errorf("csv header: missing column %q (need %s)", c, strings.Join(required, ", "))
		}
	}
	var rows []Row
	var bad []LineError
	for {
		line, _ := cr.FieldPos(0)
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, bad, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				bad = append(bad, LineError{pe.StartLine, pe.Err.Error()})
				if pe.Err == csv.ErrQuote || pe.Err == csv.ErrBareQuote {
					continue
				}
			}
			return rows, append(bad, LineError{line + 1, err.Error()}), nil
		}
		line, _ = cr.FieldPos(0)
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		row, err := parseRow(get)
		if err != nil {
			bad = append(bad, LineError{line, err.Error()})
			continue
		}
		row.Line = line
		rows = append(rows, row)
	}
}

func parseRow(get func(string) string) (Row, error) {
	r := Row{Slug: get("product_slug"), Name: get("product_name"), Status: get("status"), Category: get("category"),
		Description: get("description"), ImageURL: get("image_url"), Alt: get("image_alt"), SKU: get("sku"),
		Currency: strings.ToUpper(get("currency"))}
	if r.Slug == "" || r.Name == "" || r.SKU == "" {
		return r, errors.New("product_slug, product_name and sku are required")
	}
	if r.Status == "" {
		r.Status = "active"
	}
	if r.Currency == "" {
		r.Currency = "EUR"
	}
	var err error
	if r.Attributes, err = pairs(get("attributes")); err != nil {
		return r, fmt.Errorf("attributes: %w", err)
	}
	if r.Options, err = pairs(get("options")); err != nil {
		return r, fmt.Errorf("options: %w", err)
	}
	if r.Price, err = ParseMoney(get("price")); err != nil {
		return r, fmt.Errorf("price: %w", err)
	}
	if raw := get("compare_at_price"); raw != "" {
		v, err := ParseMoney(raw)
		if err != nil {
			return r, fmt.Errorf("compare_at_price: %w", err)
		}
		r.CompareAt = &v
	}
	if raw := get("on_hand"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 0 {
			return r, errors.New("on_hand: must be a whole number, 0 or more")
		}
		r.OnHand = &n
	}
	return r, nil
}

// pairs parses "name=value|name=value".
func pairs(s string) (map[string]string, error) {
	out := map[string]string{}
	if s == "" {
		return out, nil
	}
	for _, p := range strings.Split(s, "|") {
		k, v, ok := strings.Cut(p, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || k == "" || v == "" {
			return nil, fmt.Errorf("%q is not name=value", p)
		}
		out[k] = v
	}
	return out, nil
}

func formatPairs(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + m[k]
	}
	return strings.Join(parts, "|")
}

// ParseMoney reads a decimal amount with up to two decimals ("19.99", "20")
// into minor units.
func ParseMoney(s string) (int64, error) {
	whole, frac, _ := strings.Cut(strings.TrimSpace(s), ".")
	if whole == "" || len(frac) > 2 {
		return 0, fmt.Errorf("%q is not an amount such as 19.99", s)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil || n < 0 || n > math.MaxInt32*100 || strings.HasPrefix(whole, "+") {
		return 0, fmt.Errorf("%q is not an amount such as 19.99", s)
	}
	return n, nil
}

// FormatMoney writes minor units as a decimal.
func FormatMoney(n int64) string { return fmt.Sprintf("%d.%02d", n/100, n%100) }

// Writer writes rows in Header order.
type Writer struct{ w *csv.Writer }

// NewWriter writes the header.
func NewWriter(w io.Writer) (*Writer, error) {
	cw := csv.NewWriter(w)
	return &Writer{cw}, cw.Write(Header)
}

// Write writes one variant row.
func (w *Writer) Write(r Row) error {
	compareAt, onHand := "", ""
	if r.CompareAt != nil {
		compareAt = FormatMoney(*r.CompareAt)
	}
	if r.OnHand != nil {
		onHand = strconv.Itoa(*r.OnHand)
	}
	return w.w.Write([]string{r.Slug, r.Name, r.Status, r.Category, r.Description, formatPairs(r.Attributes),
		r.ImageURL, r.Alt, r.SKU, formatPairs(r.Options), FormatMoney(r.Price), compareAt, r.Currency, onHand})
}

// Flush writes buffered rows.
func (w *Writer) Flush() error {
	w.w.Flush()
	return w.w.Error()
}

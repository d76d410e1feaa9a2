package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"bazaar/modules/catalog/internal/cache"
	"bazaar/modules/catalog/internal/csvio"
	"bazaar/modules/catalog/internal/store"
)

// TopicImportRequested starts an import job; internal to the catalog.
const TopicImportRequested = "catalog.ImportRequested.v1"

// ImportRequested is its payload.
type ImportRequested struct {
	ImportID string `json:"import_id"`
}

// ErrBadCSV is a file that is not a catalog CSV at all (e.g. missing columns).
type ErrBadCSV struct{ Err error }

func (e ErrBadCSV) Error() string { return e.Err.Error() }

// StartImport stores the file and queues its job in one transaction.
func (s *Service) StartImport(ctx context.Context, csvText string) (store.Import, error) {
	rows, bad, err := csvio.Parse(strings.NewReader(csvText))
	if err != nil {
		return store.Import{}, ErrBadCSV{err}
	}
	now := time.Now().UTC()
	im := store.Import{ID: store.NewID(), State: "queued", Total: len(rows) + len(bad), Errors: "[]", CSV: csvText,
		CreatedAt: now, UpdatedAt: now}
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.CreateImport(ctx, &im); err != nil {
			return err
		}
		_, err := s.outbox.Publish(tx.DB(), TopicImportRequested, ImportRequested{ImportID: im.ID})
		return err
	})
	im.CSV = ""
	return im, err
}

// importChunk rows share a transaction; each row has its own savepoint, so
// a bad row is reported and the others still land.
const importChunk = 200

// Importer runs import jobs. It is apart from Service because the outbox
// needs its subscriber to exist before the Service (which publishes) can.
type Importer struct {
	store *store.Store
	cache *cache.Cache
}

// NewImporter builds the importer.
func NewImporter(s *store.Store, c *cache.Cache) *Importer { return &Importer{store: s, cache: c} }

// RunImport processes an import; running it again (a retried job) redoes
// it from the stored file, which converges to the same result.
func (s *Importer) RunImport(ctx context.Context, id string) error {
	im, err := s.store.ImportByID(ctx, id, true)
	if err != nil {
		return fmt.Errorf("catalog.import %s: %w", id, err)
	}
	if im.State == "done" || im.State == "failed" {
		return nil
	}
	rows, bad, err := csvio.Parse(strings.NewReader(im.CSV))
	if err != nil {
		return s.store.UpdateImport(ctx, id, map[string]any{"state": "failed", "errors": jsonErrors([]csvio.LineError{{Line: 1, Message: err.Error()}})})
	}
	parseBad := len(bad) // rows that did not even parse count as done
	if err := s.store.UpdateImport(ctx, id, map[string]any{"state": "running", "done": parseBad}); err != nil {
		return err
	}
	cats, err := s.store.Categories(ctx)
	if err != nil {
		return err
	}
	catBySlug := map[string]store.Category{}
	for _, c := range cats {
		catBySlug[c.Slug] = c
	}
	seen := map[string]bool{} // products whose fields came from an earlier row
	for start := 0; start < len(rows); start += importChunk {
		chunk := rows[start:min(start+importChunk, len(rows))]
		var touched []string
		err := s.store.Tx(ctx, func(tx *store.Store) error {
			touched = touched[:0]
			for _, r := range chunk {
				var pid string
				err := tx.Tx(ctx, func(row *store.Store) error {
					var err error
					pid, err = importRow(ctx, row, r, catBySlug, seen)
					return err
				})
				if err != nil {
					if !isRowError(err) {
						return err
					}
					bad = append(bad, csvio.LineError{Line: r.Line, Message: err.Error()})
					continue
				}
				touched = append(touched, pid)
			}
			if _, err := tx.RefreshProducts(ctx, touched...); err != nil {
				return err
			}
			return tx.UpdateImport(ctx, id, map[string]any{"done": parseBad + start + len(chunk), "errors": jsonErrors(bad)})
		})
		if err != nil {
			return fmt.Errorf("catalog.import %s: %w", id, err)
		}
	}
	s.cache.Bump(ctx)
	_ = s.store.CompactFacetCounts(ctx) // best effort: without it facet reads stay correct, only slower
	return s.store.UpdateImport(ctx, id, map[string]any{"state": "done", "done": im.Total, "errors": jsonErrors(bad)})
}

// rowError is a problem with one row's data, reported and skipped.
type rowError struct{ msg string }

func (e rowError) Error() string { return e.msg }

func isRowError(err error) bool {
	var re rowError
	var fe FieldErrors
	return errors.As(err, &re) || errors.As(err, &fe) || errors.Is(err, store.ErrConflict) || errors.Is(err, store.ErrBelowReserved)
}

// importRow upserts the row's product (by slug, fields from its first row)
// and variant (by SKU), setting stock to on_hand through the ledger.
func importRow(ctx context.Context, tx *store.Store, r csvio.Row, cats map[string]store.Category, seen map[string]bool) (string, error) {
	now := time.Now().UTC()
	p, err := tx.ProductBySlugAny(ctx, r.Slug)
	creating := errors.Is(err, store.ErrNotFound)
	if err != nil && !creating {
		return "", err
	}
	if creating {
		p = store.Product{ID: store.NewID(), Slug: r.Slug, Currency: r.Currency, CreatedAt: now}
	}
	if creating || !seen[r.Slug] {
		if !slugPattern.MatchString(r.Slug) || len(r.Slug) > 120 {
			return "", rowError{"product_slug: must be lower-case letters, digits and single dashes"}
		}
		if r.Status != "draft" && r.Status != "active" && r.Status != "archived" {
			return "", rowError{"status: must be draft, active or archived"}
		}
		p.Name, p.Status, p.Description, p.UpdatedAt = r.Name, r.Status, r.Description, now
		p.CategoryID, p.CategoryPath = nil, ""
		if r.Category != "" {
			c, ok := cats[r.Category]
			if !ok {
				return "", rowError{fmt.Sprintf("category: no category has the slug %q", r.Category)}
			}
			p.CategoryID, p.CategoryPath = &c.ID, c.Path
		}
		attrs, _ := json.Marshal(r.Attributes)
		p.Attributes = string(attrs)
		images := []Image{}
		if r.ImageURL != "" {
			images = append(images, Image{URL: r.ImageURL, Alt: r.Alt})
		}
		imgs, _ := json.Marshal(images)
		p.Images = string(imgs)
		if err := tx.SaveProduct(ctx, &p, r.Attributes); err != nil {
			return "", err
		}
		seen[r.Slug] = true
	}
	v, err := tx.VariantBySKU(ctx, r.SKU)
	newVariant := errors.Is(err, store.ErrNotFound)
	switch {
	case err != nil && !newVariant:
		return "", err
	case !newVariant && v.ProductID != p.ID:
		return "", rowError{fmt.Sprintf("sku: %s belongs to another product", r.SKU)}
	case newVariant:
		existing, err := tx.VariantsOf(ctx, p.ID)
		if err != nil {
			return "", err
		}
		v = store.Variant{ID: store.NewID(), ProductID: p.ID, Currency: p.Currency, Position: len(existing), CreatedAt: now}
	}
	price := r.Price
	in := VariantInput{SKU: &r.SKU, Options: &r.Options, Price: &price, Currency: &r.Currency, CompareAt: r.CompareAt,
		ClearCompareAt: r.CompareAt == nil}
	if newVariant {
		in.Currency = &p.Currency
		if r.Currency != p.Currency {
			return "", rowError{"currency: all variants of a product share one currency (" + p.Currency + ")"}
		}
	}
	if err := applyVariant(&v, in, newVariant); err != nil {
		return "", err
	}
	v.UpdatedAt = now
	onHand := v.OnHand
	if err := tx.SaveVariant(ctx, &v); err != nil {
		return "", err
	}
	if r.OnHand != nil && *r.OnHand != onHand {
		if _, err := tx.Adjust(ctx, v.ID, *r.OnHand-onHand, "import", ""); err != nil {
			return "", err
		}
	}
	return p.ID, nil
}

func jsonErrors(bad []csvio.LineError) string {
	if bad == nil {
		bad = []csvio.LineError{}
	}
	raw, _ := json.Marshal(bad)
	return string(raw)
}

// Export writes every product with its variants as CSV.
func (s *Service) Export(ctx context.Context, w io.Writer) error {
	cats, err := s.store.Categories(ctx)
	if err != nil {
		return err
	}
	slugByID := map[string]string{}
	for _, c := range cats {
		slugByID[c.ID] = c.Slug
	}
	cw, err := csvio.NewWriter(w)
	if err != nil {
		return err
	}
	err = s.store.EachProduct(ctx, func(p store.Product, vs []store.Variant) error {
		category := ""
		if p.CategoryID != nil {
			category = slugByID[*p.CategoryID]
		}
		url, alt := "", ""
		if imgs := Images(p); len(imgs) > 0 {
			url, alt = imgs[0].URL, imgs[0].Alt
		}
		for _, v := range vs {
			onHand := v.OnHand
			if err := cw.Write(csvio.Row{Slug: p.Slug, Name: p.Name, Status: p.Status, Category: category,
				Description: p.Description, Attributes: Attributes(p), ImageURL: url, Alt: alt, SKU: v.SKU,
				Options: Options(v), Price: v.Price, CompareAt: v.CompareAtPrice, Currency: v.Currency, OnHand: &onHand}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return cw.Flush()
}

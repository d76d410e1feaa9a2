package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"bazaar/modules/catalog"
	"bazaar/modules/catalog/internal/store"
)

// FieldErrors is a 422: field → message.
type FieldErrors map[string]string

func (f FieldErrors) Error() string {
	parts := make([]string, 0, len(f))
	for k, v := range f {
		parts = append(parts, k+" "+v)
	}
	return "invalid " + strings.Join(parts, "; ")
}

// Errors of the back office.
var (
	ErrConflict    = store.ErrConflict
	ErrNotFound    = store.ErrNotFound
	ErrInUse       = errors.New("catalog: category has sub-categories or products")
	ErrBelowReserv = store.ErrBelowReserved
)

// ProductInput is a product's editable fields; nil leaves a field as it is.
type ProductInput struct {
	Name, Slug, Description, Status, Category *string
	Attributes                                *map[string]string
	Images                                    *[]Image
}

// VariantInput is a variant's editable fields; nil leaves a field as it is.
// OnHand applies only when creating: later changes go through adjustments.
type VariantInput struct {
	SKU            *string
	Options        *map[string]string
	Price          *int64
	CompareAt      *int64
	ClearCompareAt bool
	Currency       *string
	OnHand         *int
}

var (
	slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	skuPattern  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)
	currencyPat = regexp.MustCompile(`^[A-Z]{3}$`)
)

// Slugify makes a URL slug from a name.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func checkText(errs FieldErrors, field, v string, min, max int) {
	n := utf8.RuneCountInString(v)
	switch {
	case n < min && min == 1:
		errs[field] = "is required"
	case n < min:
		errs[field] = fmt.Sprintf("must be at least %d characters", min)
	case n > max:
		errs[field] = fmt.Sprintf("must be at most %d characters", max)
	}
}

// applyProduct validates in and applies it to p; category slugs resolve to rows.
func (s *Service) applyProduct(ctx context.Context, p *store.Product, in ProductInput, creating bool) (map[string]string, error) {
	errs := FieldErrors{}
	if in.Name != nil {
		p.Name = strings.TrimSpace(*in.Name)
	}
	checkText(errs, "name", p.Name, 1, 200)
	if in.Slug != nil {
		p.Slug = strings.TrimSpace(*in.Slug)
	} else if creating {
		p.Slug = Slugify(p.Name)
	}
	if len(p.Slug) > 120 || !slugPattern.MatchString(p.Slug) {
		errs["slug"] = "must be lower-case letters, digits and single dashes, at most 120 characters"
	}
	if in.Description != nil {
		p.Description = strings.TrimSpace(*in.Description)
	}
	checkText(errs, "description", p.Description, 0, 10000)
	if in.Status != nil {
		p.Status = *in.Status
	}
	if p.Status != "draft" && p.Status != "active" && p.Status != "archived" {
		errs["status"] = "must be draft, active or archived"
	}
	if in.Category != nil {
		if *in.Category == "" {
			p.CategoryID, p.CategoryPath = nil, ""
		} else if c, err := s.store.CategoryBySlug(ctx, *in.Category); errors.Is(err, store.ErrNotFound) {
			errs["category"] = "no category has this slug"
		} else if err != nil {
			return nil, err
		} else {
			p.CategoryID, p.CategoryPath = &c.ID, c.Path
		}
	}
	attrs := Attributes(*p)
	if in.Attributes != nil {
		attrs = *in.Attributes
		if len(attrs) > 20 {
			errs["attributes"] = "must have at most 20 entries"
		}
		for k, v := range attrs {
			if k == "" || len(k) > 50 || len(v) > 100 || v == "" {
				errs["attributes"] = "names must be 1-50 and values 1-100 characters"
			}
		}
	}
	raw, _ := json.Marshal(attrs)
	p.Attributes = string(raw)
	if in.Images != nil {
		if len(*in.Images) > 10 {
			errs["images"] = "must have at most 10 entries"
		}
		for _, im := range *in.Images {
			if im.URL == "" || len(im.URL) > 500 || len(im.Alt) > 200 || !(strings.HasPrefix(im.URL, "/") || strings.HasPrefix(im.URL, "https://")) {
				errs["images"] = "each needs a url (https:// or a path, ≤500) and an alt text (≤200)"
			}
		}
		raw, _ := json.Marshal(*in.Images)
		p.Images = string(raw)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return attrs, nil
}

// CreateProduct adds a product with its first variants.
func (s *Service) CreateProduct(ctx context.Context, in ProductInput, variants []VariantInput) (store.Product, error) {
	now := time.Now().UTC()
	p := store.Product{ID: store.NewID(), Status: "draft", Attributes: "{}", Images: "[]", Currency: "EUR", CreatedAt: now, UpdatedAt: now}
	// Report every invalid field at once, the product's and the variants'.
	errs := FieldErrors{}
	attrs, err := s.applyProduct(ctx, &p, in, true)
	if fe, ok := err.(FieldErrors); ok {
		errs = fe
	} else if err != nil {
		return p, err
	}
	if len(variants) == 0 {
		errs["variants"] = "a product needs at least one variant"
	}
	rows := make([]store.Variant, len(variants))
	for i, vin := range variants {
		rows[i] = store.Variant{ID: store.NewID(), ProductID: p.ID, Options: "{}", Currency: p.Currency, Position: i, CreatedAt: now, UpdatedAt: now}
		if fe, ok := applyVariant(&rows[i], vin, true).(FieldErrors); ok {
			for k, v := range fe {
				errs[fmt.Sprintf("variants[%d].%s", i, k)] = v
			}
		}
	}
	if len(errs) > 0 {
		return p, errs
	}
	p.Currency = rows[0].Currency
	for i, v := range rows {
		if v.Currency != p.Currency {
			return p, FieldErrors{fmt.Sprintf("variants[%d].currency", i): "all variants of a product share one currency"}
		}
	}
	err = s.write(ctx, p.Slug, func(tx *store.Store) error {
		if err := tx.SaveProduct(ctx, &p, attrs); err != nil {
			return err
		}
		for i := range rows {
			if err := tx.SaveVariant(ctx, &rows[i]); err != nil {
				return err
			}
			if rows[i].OnHand != 0 {
				if err := tx.RecordMovement(ctx, rows[i].ID, rows[i].OnHand, "initial stock", ""); err != nil {
					return err
				}
			}
		}
		if _, err := tx.RefreshProducts(ctx, p.ID); err != nil {
			return err
		}
		return s.changed(ctx, tx, p)
	})
	if err != nil {
		return p, err
	}
	return s.store.ProductByID(ctx, p.ID)
}

// UpdateProduct changes a product's fields; status archived hides it from the storefront.
func (s *Service) UpdateProduct(ctx context.Context, id string, in ProductInput) (store.Product, error) {
	p, err := s.store.ProductByID(ctx, id)
	if err != nil {
		return p, err
	}
	oldSlug := p.Slug
	attrs, err := s.applyProduct(ctx, &p, in, false)
	if err != nil {
		return p, err
	}
	p.UpdatedAt = time.Now().UTC()
	err = s.write(ctx, oldSlug, func(tx *store.Store) error {
		if err := tx.SaveProduct(ctx, &p, attrs); err != nil {
			return err
		}
		return s.changed(ctx, tx, p)
	})
	if err == nil && oldSlug != p.Slug {
		s.cache.Bump(ctx, p.Slug)
	}
	return p, err
}

// ArchiveProduct hides a product for good; orders keep referring to it.
func (s *Service) ArchiveProduct(ctx context.Context, id string) error {
	archived := "archived"
	_, err := s.UpdateProduct(ctx, id, ProductInput{Status: &archived})
	return err
}

// applyVariant validates in and applies it to v; it returns FieldErrors or nil.
func applyVariant(v *store.Variant, in VariantInput, creating bool) error {
	errs := FieldErrors{}
	if in.SKU != nil {
		v.SKU = strings.TrimSpace(*in.SKU)
	}
	if !skuPattern.MatchString(v.SKU) {
		errs["sku"] = "must be 1-64 letters, digits, dots, dashes or underscores"
	}
	if in.Options != nil {
		if len(*in.Options) > 5 {
			errs["options"] = "must have at most 5 entries"
		}
		raw, _ := json.Marshal(*in.Options)
		v.Options = string(raw)
	}
	if in.Price != nil {
		v.Price = *in.Price
	} else if creating {
		errs["price"] = "is required"
	}
	if v.Price < 0 || v.Price > 1_000_000_000 {
		errs["price"] = "must be from 0 to 1000000000 minor units"
	}
	if in.ClearCompareAt {
		v.CompareAtPrice = nil
	} else if in.CompareAt != nil {
		v.CompareAtPrice = in.CompareAt
	}
	if v.CompareAtPrice != nil && *v.CompareAtPrice <= v.Price {
		errs["compare_at_price"] = "must be more than the price"
	}
	if in.Currency != nil {
		if !creating && *in.Currency != v.Currency {
			errs["currency"] = "cannot change; all variants of a product share one currency"
		}
		v.Currency = *in.Currency
	}
	if !currencyPat.MatchString(v.Currency) {
		errs["currency"] = "must be an ISO 4217 code such as EUR"
	}
	if creating && in.OnHand != nil {
		if *in.OnHand < 0 || *in.OnHand > 1_000_000 {
			errs["on_hand"] = "must be from 0 to 1000000"
		}
		v.OnHand = *in.OnHand
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// AddVariant adds a variant to a product.
func (s *Service) AddVariant(ctx context.Context, productID string, in VariantInput) (store.Variant, error) {
	p, err := s.store.ProductByID(ctx, productID)
	if err != nil {
		return store.Variant{}, err
	}
	existing, err := s.store.VariantsOf(ctx, productID)
	if err != nil {
		return store.Variant{}, err
	}
	now := time.Now().UTC()
	v := store.Variant{ID: store.NewID(), ProductID: p.ID, Options: "{}", Currency: p.Currency, Position: len(existing), CreatedAt: now, UpdatedAt: now}
	if in.Currency != nil && *in.Currency != p.Currency {
		return v, FieldErrors{"currency": "all variants of a product share one currency (" + p.Currency + ")"}
	}
	if err := applyVariant(&v, in, true); err != nil {
		return v, err
	}
	err = s.write(ctx, p.Slug, func(tx *store.Store) error {
		if err := tx.SaveVariant(ctx, &v); err != nil {
			return err
		}
		if v.OnHand != 0 {
			if err := tx.RecordMovement(ctx, v.ID, v.OnHand, "initial stock", ""); err != nil {
				return err
			}
		}
		if _, err := tx.RefreshProducts(ctx, p.ID); err != nil {
			return err
		}
		return s.changed(ctx, tx, p)
	})
	return v, err
}

// UpdateVariant changes price, compare-at price, SKU or options.
func (s *Service) UpdateVariant(ctx context.Context, id string, in VariantInput) (store.Variant, error) {
	v, err := s.store.VariantByID(ctx, id)
	if err != nil {
		return v, err
	}
	in.OnHand = nil
	if err := applyVariant(&v, in, false); err != nil {
		return v, err
	}
	v.UpdatedAt = time.Now().UTC()
	p, err := s.store.ProductByID(ctx, v.ProductID)
	if err != nil {
		return v, err
	}
	err = s.write(ctx, p.Slug, func(tx *store.Store) error {
		if err := tx.SaveVariant(ctx, &v); err != nil {
			return err
		}
		if _, err := tx.RefreshProducts(ctx, p.ID); err != nil {
			return err
		}
		return s.changed(ctx, tx, p)
	})
	return v, err
}

// AdjustStock changes on-hand stock by delta with a reason, recorded in the ledger.
func (s *Service) AdjustStock(ctx context.Context, variantID string, delta int, reason string) (store.Variant, error) {
	errs := FieldErrors{}
	if delta == 0 || delta > 1_000_000 || delta < -1_000_000 {
		errs["delta"] = "must be a non-zero whole number within ±1000000"
	}
	checkText(errs, "reason", strings.TrimSpace(reason), 1, 200)
	if len(errs) > 0 {
		return store.Variant{}, errs
	}
	var v store.Variant
	var slug string
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		var err error
		if v, err = tx.Adjust(ctx, variantID, delta, strings.TrimSpace(reason), ""); err != nil {
			return err
		}
		if _, err := tx.RefreshProducts(ctx, v.ProductID); err != nil {
			return err
		}
		p, err := tx.ProductByID(ctx, v.ProductID)
		slug = p.Slug
		if err != nil {
			return err
		}
		_, err = s.outbox.Publish(tx.DB(), catalog.TopicStockChanged, catalog.StockChanged{VariantID: v.ID,
			OnHand: v.OnHand, Reserved: v.Reserved, Reason: strings.TrimSpace(reason)})
		return err
	})
	if errors.Is(err, store.ErrBelowReserved) {
		return v, FieldErrors{"delta": fmt.Sprintf("would leave %d on hand with %d reserved", v.OnHand+delta, v.Reserved)}
	}
	if err == nil {
		s.cache.Bump(ctx, slug)
	}
	return v, err
}

// write runs fn in a transaction and drops the cached pages after it commits.
func (s *Service) write(ctx context.Context, slug string, fn func(tx *store.Store) error) error {
	if err := s.store.Tx(ctx, fn); err != nil {
		return err
	}
	s.cache.Bump(ctx, slug)
	return nil
}

// changed publishes ProductChanged in the transaction.
func (s *Service) changed(ctx context.Context, tx *store.Store, p store.Product) error {
	_, err := s.outbox.Publish(tx.DB(), catalog.TopicProductChanged, catalog.ProductChanged{ProductID: p.ID, Slug: p.Slug, Status: p.Status})
	return err
}

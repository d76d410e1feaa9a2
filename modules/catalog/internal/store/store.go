package store

import (
	"context"

	"gorm.io/gorm"

	"bazaar/platform/database"
)

// Store reads and writes the catalog tables.
type Store struct {
	db       *gorm.DB
	postgres bool
}

// New wraps db.
func New(db *gorm.DB) *Store { return &Store{db: db, postgres: db.Dialector.Name() == "postgres"} }

// DB is the handle, for transactions that include the outbox.
func (s *Store) DB() *gorm.DB { return s.db }

// Tx runs fn in one transaction with a store bound to it.
func (s *Store) Tx(ctx context.Context, fn func(tx *Store) error) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error { return fn(&Store{db: tx, postgres: s.postgres}) })
}

func first[T any](q *gorm.DB) (T, error) {
	row, found, err := database.Take[T](q)
	if err == nil && !found {
		err = ErrNotFound
	}
	return row, err
}

// Categories lists every category, parents before children, by position.
func (s *Store) Categories(ctx context.Context) ([]Category, error) {
	var rows []Category
	err := s.db.WithContext(ctx).Order("path").Order("position").Find(&rows).Error
	return rows, err
}

// CategoryBySlug loads one category.
func (s *Store) CategoryBySlug(ctx context.Context, slug string) (Category, error) {
	return first[Category](s.db.WithContext(ctx).Where("slug = ?", slug))
}

// ProductBySlug loads an active product.
func (s *Store) ProductBySlug(ctx context.Context, slug string) (Product, error) {
	return first[Product](s.db.WithContext(ctx).Where("slug = ? AND status = 'active'", slug))
}

// VariantsOf lists a product's variants in display order.
func (s *Store) VariantsOf(ctx context.Context, productID string) ([]Variant, error) {
	var rows []Variant
	err := s.db.WithContext(ctx).Where("product_id = ?", productID).Order("position").Order("id").Find(&rows).Error
	return rows, err
}

// CategoriesByPath loads the categories along a path, root first.
func (s *Store) CategoriesByPath(ctx context.Context, path string) ([]Category, error) {
	var prefixes []string
	for i := 1; i < len(path); i++ {
		if path[i] == '/' {
			prefixes = append(prefixes, path[:i+1])
		}
	}
	if len(prefixes) == 0 {
		return nil, nil
	}
	var rows []Category
	err := s.db.WithContext(ctx).Where("path IN ?", prefixes).Order("path").Find(&rows).Error
	return rows, err
}

// VariantOfProduct is a variant with the product columns a cart line shows.
type VariantOfProduct struct {
	Variant
	ProductSlug   string
	ProductName   string
	ProductStatus string
	ProductImages string
}

// VariantsWithProducts loads variants and their products' columns by
// variant ID, in one query.
func (s *Store) VariantsWithProducts(ctx context.Context, ids []string) ([]VariantOfProduct, error) {
	var rows []VariantOfProduct
	err := s.db.WithContext(ctx).Table("catalog_variants AS v").
		Select("v.*, p.slug AS product_slug, p.name AS product_name, p.status AS product_status, p.images AS product_images").
		Joins("JOIN catalog_products p ON p.id = v.product_id").Where(database.AnyOf(s.db, "v.id", ids)).Find(&rows).Error
	return rows, err
}

// CategoriesMatching finds categories whose name contains q, case-insensitively.
func (s *Store) CategoriesMatching(ctx context.Context, q string, limit int) ([]Category, error) {
	var rows []Category
	like := database.Contains(q)
	err := s.db.WithContext(ctx).Where("lower(name) LIKE ? ESCAPE '\\'", like).Order("name").Limit(limit).Find(&rows).Error
	return rows, err
}

package store

import (
	"context"
	"encoding/base64"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"bazaar/platform/database"
)

// AdminFilter selects products in any status for the back office. Q, when
// set, is at least MinAdminQuery characters: a shorter text is contained in
// too many names to narrow a search, and no index can find it.
type AdminFilter struct {
	Q, Status, CategoryPath, Cursor string
	Limit                           int
}

// MinAdminQuery is the shortest back-office search (trigrams need three characters).
const MinAdminQuery = 3

// adminWindow is how many of the newest selected products a back-office
// search reads before it turns to the indexes (see AdminProducts).
const adminWindow = 5000

// AdminProducts pages products newest first (by ID), any status.
func (s *Store) AdminProducts(ctx context.Context, f AdminFilter) ([]Product, string, error) {
	after := ""
	if f.Cursor != "" {
		raw, err := base64.RawURLEncoding.DecodeString(f.Cursor)
		if err != nil || uuid.Validate(string(raw)) != nil {
			return nil, "", ErrBadCursor
		}
		after = string(raw)
	}
	// selected is the products f's status, category and cursor select.
	selected := func() *gorm.DB {
		q := s.db.WithContext(ctx).Table("catalog_products AS p")
		if f.Status != "" {
			q = q.Where("p.status = ?", f.Status)
		}
		if f.CategoryPath != "" {
			q = q.Where("p.category_path LIKE ?", f.CategoryPath+"%")
		}
		if after != "" {
			q = q.Where("p.id < ?", after)
		}
		return q
	}
	var rows []Product
	find := func(q *gorm.DB) error {
		rows = nil
		return q.Order("p.id DESC").Limit(f.Limit + 1).Find(&rows).Error
	}
	if f.Q == "" {
		if err := find(selected()); err != nil {
			return nil, "", err
		}
	} else {
		// A common text fills the page from the newest adminWindow selected
		// products; a rare one does not, and then every match is read
		// through the indexes (on PostgreSQL, trigram indexes) and the newest
		// kept. Neither way suits both: walking the newest products for a
		// rare text read every product and variant (15 s at 1,000,000), and
		// reading every match of a common one took 1.5 s. The SKU test is a
		// scalar subquery, not EXISTS: PostgreSQL would hash every variant
		// whose SKU contains the text first (222,540 for "shirt", 0.5 s).
		like := database.Contains(f.Q)
		window := s.db.WithContext(ctx).Table("(?) AS p", selected().Select("p.*").Order("p.id DESC").Limit(adminWindow)).
			Where(`lower(p.name) LIKE ? ESCAPE '\' OR p.slug LIKE ? ESCAPE '\'
				OR (SELECT 1 FROM catalog_variants v WHERE v.product_id = p.id AND lower(v.sku) LIKE ? ESCAPE '\' LIMIT 1) = 1`, like, like, like)
		if err := find(window); err != nil {
			return nil, "", err
		}
		if len(rows) <= f.Limit {
			err := find(selected().Where(`p.id IN (SELECT m.id FROM catalog_products m WHERE lower(m.name) LIKE ? ESCAPE '\' OR m.slug LIKE ? ESCAPE '\'
				UNION SELECT v.product_id FROM catalog_variants v WHERE lower(v.sku) LIKE ? ESCAPE '\')`, like, like, like))
			if err != nil {
				return nil, "", err
			}
		}
	}
	next := ""
	if len(rows) > f.Limit {
		rows = rows[:f.Limit]
		next = base64.RawURLEncoding.EncodeToString([]byte(rows[f.Limit-1].ID))
	}
	return rows, next, nil
}

// ProductByID loads a product in any status.
func (s *Store) ProductByID(ctx context.Context, id string) (Product, error) {
	return first[Product](s.db.WithContext(ctx).Where("id = ?", id))
}

// ProductBySlugAny loads a product in any status.
func (s *Store) ProductBySlugAny(ctx context.Context, slug string) (Product, error) {
	return first[Product](s.db.WithContext(ctx).Where("slug = ?", slug))
}

// VariantByID loads one variant.
func (s *Store) VariantByID(ctx context.Context, id string) (Variant, error) {
	return first[Variant](s.db.WithContext(ctx).Where("id = ?", id))
}

// VariantBySKU loads one variant by SKU.
func (s *Store) VariantBySKU(ctx context.Context, sku string) (Variant, error) {
	return first[Variant](s.db.WithContext(ctx).Where("sku = ?", sku))
}

// CategoryByID loads one category.
func (s *Store) CategoryByID(ctx context.Context, id string) (Category, error) {
	return first[Category](s.db.WithContext(ctx).Where("id = ?", id))
}

// SaveProduct inserts or updates a product row and replaces its attribute rows.
func (s *Store) SaveProduct(ctx context.Context, p *Product, attrs map[string]string) error {
	db := s.db.WithContext(ctx)
	if err := db.Save(p).Error; err != nil {
		return conflict(err)
	}
	if err := db.Where("product_id = ?", p.ID).Delete(&Attribute{}).Error; err != nil {
		return err
	}
	rows := make([]Attribute, 0, len(attrs))
	for k, v := range attrs {
		rows = append(rows, Attribute{ProductID: p.ID, Name: k, Value: v})
	}
	if len(rows) == 0 {
		return nil
	}
	return db.Create(&rows).Error
}

// SaveVariant inserts or updates a variant row.
func (s *Store) SaveVariant(ctx context.Context, v *Variant) error {
	return conflict(s.db.WithContext(ctx).Save(v).Error)
}

// SaveCategory inserts or updates a category row.
func (s *Store) SaveCategory(ctx context.Context, c *Category) error {
	return conflict(s.db.WithContext(ctx).Save(c).Error)
}

// RepathCategory rewrites the paths of a category's subtree and of the
// products in it after a slug change.
func (s *Store) RepathCategory(ctx context.Context, oldPath, newPath string) error {
	db := s.db.WithContext(ctx)
	expr := "? || substr(path, ?)"
	if err := db.Exec("UPDATE catalog_categories SET path = "+expr+" WHERE path LIKE ?", newPath, len(oldPath)+1, oldPath+"%").Error; err != nil {
		return err
	}
	return db.Exec("UPDATE catalog_products SET category_path = ? || substr(category_path, ?) WHERE category_path LIKE ?",
		newPath, len(oldPath)+1, oldPath+"%").Error
}

// CategoryInUse reports whether a category has children or products.
func (s *Store) CategoryInUse(ctx context.Context, id string) (bool, error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&Category{}).Where("parent_id = ?", id).Count(&n).Error; err != nil || n > 0 {
		return n > 0, err
	}
	err := s.db.WithContext(ctx).Model(&Product{}).Where("category_id = ?", id).Count(&n).Error
	return n > 0, err
}

// DeleteCategory removes a category row.
func (s *Store) DeleteCategory(ctx context.Context, id string) error {
	return s.db.WithContext(ctx).Where("id = ?", id).Delete(&Category{}).Error
}

// Import is a row of catalog_imports.
type Import struct {
	ID        string `gorm:"primaryKey"`
	State     string
	Total     int
	Done      int
	Errors    string // JSON array of {line, message}
	CSV       string `gorm:"column:csv"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (Import) TableName() string { return "catalog_imports" }

// CreateImport inserts an import.
func (s *Store) CreateImport(ctx context.Context, im *Import) error {
	return s.db.WithContext(ctx).Create(im).Error
}

// ImportByID loads an import without its file.
func (s *Store) ImportByID(ctx context.Context, id string, withCSV bool) (Import, error) {
	q := s.db.WithContext(ctx).Where("id = ?", id)
	if !withCSV {
		q = q.Omit("csv")
	}
	return first[Import](q)
}

// UpdateImport sets an import's progress.
func (s *Store) UpdateImport(ctx context.Context, id string, cols map[string]any) error {
	cols["updated_at"] = time.Now().UTC()
	return s.db.WithContext(ctx).Model(&Import{}).Where("id = ?", id).Updates(cols).Error
}

// EachProduct calls fn for every product (any status) with its variants,
// in pages, for the CSV export.
func (s *Store) EachProduct(ctx context.Context, fn func(Product, []Variant) error) error {
	after := ""
	for {
		var ps []Product
		if err := s.db.WithContext(ctx).Where("id > ?", after).Order("id").Limit(500).Find(&ps).Error; err != nil {
			return err
		}
		if len(ps) == 0 {
			return nil
		}
		ids := make([]string, len(ps))
		for i, p := range ps {
			ids[i] = p.ID
		}
		var vs []Variant
		if err := s.db.WithContext(ctx).Where("product_id IN ?", ids).Order("product_id, position, id").Find(&vs).Error; err != nil {
			return err
		}
		byProduct := map[string][]Variant{}
		for _, v := range vs {
			byProduct[v.ProductID] = append(byProduct[v.ProductID], v)
		}
		for _, p := range ps {
			if err := fn(p, byProduct[p.ID]); err != nil {
				return err
			}
		}
		after = ps[len(ps)-1].ID
	}
}

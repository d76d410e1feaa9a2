// Package store keeps the catalog_* tables. gorm errors end here.
package store

import (
	"errors"
	"time"

	"github.com/google/uuid"
)

// Category is a row of catalog_categories.
type Category struct {
	ID        string `gorm:"primaryKey"`
	ParentID  *string
	Slug      string
	Name      string
	Path      string // "/apparel/shirts/"
	Position  int
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (Category) TableName() string { return "catalog_categories" }

// Product is a row of catalog_products.
type Product struct {
	ID             string `gorm:"primaryKey"`
	Slug           string
	Name           string
	Description    string
	Status         string
	CategoryID     *string
	CategoryPath   string
	Attributes     string // JSON object of name → value
	Images         string // JSON array of {url, alt}
	Price          int64
	CompareAtPrice *int64
	Currency       string
	InStock        bool
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (Product) TableName() string { return "catalog_products" }

// Attribute is a row of catalog_product_attributes.
type Attribute struct {
	ProductID string `gorm:"primaryKey"`
	Name      string `gorm:"primaryKey"`
	Value     string
}

func (Attribute) TableName() string { return "catalog_product_attributes" }

// Variant is a row of catalog_variants.
type Variant struct {
	ID             string `gorm:"primaryKey"`
	ProductID      string
	SKU            string `gorm:"column:sku"`
	Options        string // JSON object
	Price          int64
	CompareAtPrice *int64
	Currency       string
	OnHand         int
	Reserved       int
	Position       int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (Variant) TableName() string { return "catalog_variants" }

// Movement is a row of catalog_stock_movements.
type Movement struct {
	ID        string `gorm:"primaryKey"`
	VariantID string
	Delta     int
	Reason    string
	Reference string
	CreatedAt time.Time
}

func (Movement) TableName() string { return "catalog_stock_movements" }

// Reservation is a row of catalog_reservations.
type Reservation struct {
	ID        string `gorm:"primaryKey"`
	VariantID string `gorm:"primaryKey"`
	Quantity  int
	State     string
	ExpiresAt time.Time
	CreatedAt time.Time
}

func (Reservation) TableName() string { return "catalog_reservations" }

// Reservation states.
const (
	Held      = "held"
	Committed = "committed"
	Released  = "released"
)

// NewID is a time-ordered UUIDv7.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// Errors of the store.
var (
	ErrNotFound  = errors.New("catalog: not found")
	ErrBadCursor = errors.New("catalog: malformed cursor")
	ErrConflict  = errors.New("catalog: slug or SKU already used")
)

// Package store keeps the cart_* tables. gorm errors end here.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"bazaar/platform/database"
	"gorm.io/gorm/clause"
)

// Cart is a row of cart_carts.
type Cart struct {
	ID           string `gorm:"primaryKey"`
	UserID       *string
	GuestKey     *string
	Status       string
	Currency     string
	DiscountCode *string
	OrderID      *string
	AbandonedAt  *time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
	// Version grows with every write to the cart or its lines (EnsureCarts,
	// UpdateCart): lines read at one version are the lines while it holds.
	Version int64
}

func (Cart) TableName() string { return "cart_carts" }

// Item is a row of cart_items.
type Item struct {
	ID        string `gorm:"primaryKey"`
	CartID    string
	VariantID string
	Quantity  int
	UnitPrice int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (Item) TableName() string { return "cart_items" }

// Discount is a row of cart_discounts.
type Discount struct {
	ID               string `gorm:"primaryKey"`
	Code             string
	Kind             string
	Value            int64
	Currency         string
	MinSubtotal      int64
	StartsAt         *time.Time
	EndsAt           *time.Time
	UsageLimit       *int
	PerCustomerLimit *int
	Used             int
	Active           bool
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

func (Discount) TableName() string { return "cart_discounts" }

// Redemption is a row of cart_redemptions.
type Redemption struct {
	OrderID    string `gorm:"primaryKey"`
	DiscountID string
	UserID     *string
	CreatedAt  time.Time
}

func (Redemption) TableName() string { return "cart_redemptions" }

// Cart states.
const (
	Open      = "open"
	Merged    = "merged"
	Converted = "converted"
)

// Errors of the store.
var (
	ErrNotFound = errors.New("cart: not found")
	ErrConflict = errors.New("cart: already exists")
)

// NewID is a time-ordered UUIDv7.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// Store reads and writes the cart tables.
type Store struct{ db *gorm.DB }

// New wraps db.
func New(db *gorm.DB) *Store { return &Store{db: db} }

// DB is the handle, for the outbox.
func (s *Store) DB() *gorm.DB { return s.db }

// Tx runs fn in a transaction.
func (s *Store) Tx(ctx context.Context, fn func(tx *Store) error) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error { return fn(&Store{db: tx}) })
}

func first[T any](q *gorm.DB) (T, error) {
	row, found, err := database.Take[T](q)
	if err == nil && !found {
		err = ErrNotFound
	}
	return row, err
}

// OpenCart finds the open cart of a user (userID != "") or a guest key.
func (s *Store) OpenCart(ctx context.Context, userID, guestKey string) (Cart, error) {
	q := s.db.WithContext(ctx).Where("status = ?", Open)
	if userID != "" {
		q = q.Where("user_id = ?", userID)
	} else {
		q = q.Where("guest_key = ? AND user_id IS NULL", guestKey)
	}
	return first[Cart](q)
}

// CartByID loads a cart.
func (s *Store) CartByID(ctx context.Context, id string) (Cart, error) {
	return first[Cart](s.db.WithContext(ctx).Where("id = ?", id))
}

// Items lists a cart's lines, oldest first.
func (s *Store) Items(ctx context.Context, cartID string) ([]Item, error) {
	var rows []Item
	err := s.db.WithContext(ctx).Where("cart_id = ?", cartID).Order("created_at, id").Find(&rows).Error
	return rows, err
}

// Item loads one line of a cart; another cart's line is ErrNotFound.
func (s *Store) Item(ctx context.Context, cartID, id string) (Item, error) {
	return first[Item](s.db.WithContext(ctx).Where("id = ? AND cart_id = ?", id, cartID))
}

// SetQuantity sets a line's quantity and the price the shopper now sees.
func (s *Store) SetQuantity(ctx context.Context, id string, qty int, unitPrice int64) error {
	return s.db.WithContext(ctx).Model(&Item{}).Where("id = ?", id).
		Updates(map[string]any{"quantity": qty, "unit_price": unitPrice, "updated_at": time.Now().UTC()}).Error
}

// DeleteItem removes a line.
func (s *Store) DeleteItem(ctx context.Context, id string) error {
	return s.db.WithContext(ctx).Where("id = ?", id).Delete(&Item{}).Error
}

// UpdateCart sets columns of a cart, touches it and bumps its version; a
// write to a cart's lines goes with one, in its transaction.
func (s *Store) UpdateCart(ctx context.Context, id string, cols map[string]any) error {
	cols["updated_at"] = time.Now().UTC()
	cols["version"] = gorm.Expr("version + 1")
	return s.db.WithContext(ctx).Model(&Cart{}).Where("id = ?", id).Updates(cols).Error
}

// DiscountByCode loads a discount by its (upper-case) code.
func (s *Store) DiscountByCode(ctx context.Context, code string) (Discount, error) {
	return first[Discount](s.db.WithContext(ctx).Where("code = ?", code))
}

// RedemptionsBy counts a user's orders that used a discount.
func (s *Store) RedemptionsBy(ctx context.Context, discountID, userID string) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&Redemption{}).Where("discount_id = ? AND user_id = ?", discountID, userID).Count(&n).Error
	return n, err
}

// Redeem records an order's use of a discount once; it reports whether
// this call counted it.
func (s *Store) Redeem(ctx context.Context, r Redemption) (bool, error) {
	res := s.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&r)
	if res.Error != nil || res.RowsAffected == 0 {
		return false, res.Error
	}
	return true, s.db.WithContext(ctx).Model(&Discount{}).Where("id = ?", r.DiscountID).
		Update("used", gorm.Expr("used + 1")).Error
}

// Discounts lists every discount, newest first.
func (s *Store) Discounts(ctx context.Context) ([]Discount, error) {
	var rows []Discount
	err := s.db.WithContext(ctx).Order("id DESC").Find(&rows).Error
	return rows, err
}

// DiscountByID loads a discount.
func (s *Store) DiscountByID(ctx context.Context, id string) (Discount, error) {
	return first[Discount](s.db.WithContext(ctx).Where("id = ?", id))
}

// SaveDiscount inserts or updates a discount; a taken code is ErrConflict.
func (s *Store) SaveDiscount(ctx context.Context, d *Discount) error {
	err := s.db.WithContext(ctx).Save(d).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return ErrConflict
	}
	return err
}

// DeleteDiscount removes a discount that no order used; used ones are deactivated instead.
func (s *Store) DeleteDiscount(ctx context.Context, id string) error {
	var n int64
	if err := s.db.WithContext(ctx).Model(&Redemption{}).Where("discount_id = ?", id).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return s.db.WithContext(ctx).Model(&Discount{}).Where("id = ?", id).Update("active", false).Error
	}
	res := s.db.WithContext(ctx).Where("id = ?", id).Delete(&Discount{})
	if res.Error == nil && res.RowsAffected == 0 {
		return ErrNotFound
	}
	return res.Error
}

// DeleteIdleGuestCarts removes guest carts untouched since before.
func (s *Store) DeleteIdleGuestCarts(ctx context.Context, before time.Time) (int64, error) {
	res := s.db.WithContext(ctx).Where("user_id IS NULL AND updated_at < ?", before).Delete(&Cart{})
	return res.RowsAffected, res.Error
}

// IdleOpenCarts lists open carts with items, idle since before and not yet
// reported abandoned.
func (s *Store) IdleOpenCarts(ctx context.Context, before time.Time, limit int) ([]Cart, error) {
	var rows []Cart
	err := s.db.WithContext(ctx).Where("status = ? AND abandoned_at IS NULL AND updated_at < ?", Open, before).
		Where("EXISTS (SELECT 1 FROM cart_items i WHERE i.cart_id = cart_carts.id)").Limit(limit).Find(&rows).Error
	return rows, err
}

// MarkAbandoned flags a cart as reported, without touching updated_at.
func (s *Store) MarkAbandoned(ctx context.Context, id string, at time.Time) (bool, error) {
	res := s.db.WithContext(ctx).Model(&Cart{}).Where("id = ? AND abandoned_at IS NULL", id).UpdateColumn("abandoned_at", at)
	return res.RowsAffected == 1, res.Error
}

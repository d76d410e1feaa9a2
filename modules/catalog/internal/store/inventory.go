package store

import (
	"context"
	"errors"
	"sort"
	"time"

	"gorm.io/gorm"

	"bazaar/platform/database"
)

// Short is a line that could not be held.
type Short struct {
	VariantID string
	Requested int
	Available int
}

// ReservationState is the state of a reservation ID ("" if unknown).
func (s *Store) ReservationState(ctx context.Context, id string) (string, error) {
	var states []string
	if err := s.db.WithContext(ctx).Model(&Reservation{}).Where("id = ?", id).Distinct("state").Pluck("state", &states).Error; err != nil {
		return "", err
	}
	if len(states) == 0 {
		return "", nil
	}
	return states[0], nil
}

// Hold reserves every line with one conditional update per variant, in
// variant order so concurrent holds cannot deadlock. It returns the short
// lines; the caller rolls back unless there are none.
func (s *Store) Hold(ctx context.Context, id string, lines map[string]int, ttl time.Duration) ([]Short, error) {
	ids := make([]string, 0, len(lines))
	for v := range lines {
		ids = append(ids, v)
	}
	sort.Strings(ids)
	now := time.Now().UTC()
	var short []Short
	for _, v := range ids {
		n := lines[v]
		res := s.db.WithContext(ctx).Model(&Variant{}).
			Where("id = ? AND on_hand - reserved >= ?", v, n).
			Updates(map[string]any{"reserved": gorm.Expr("reserved + ?", n), "updated_at": now})
		if res.Error != nil {
			return nil, res.Error
		}
		if res.RowsAffected == 1 {
			continue
		}
		var avail struct{ Available *int }
		if err := s.db.WithContext(ctx).Model(&Variant{}).Select("on_hand - reserved AS available").
			Where("id = ?", v).Scan(&avail).Error; err != nil {
			return nil, err
		}
		a := -1 // unknown variant
		if avail.Available != nil {
			a = *avail.Available
		}
		short = append(short, Short{VariantID: v, Requested: n, Available: a})
	}
	if len(short) > 0 {
		return short, nil
	}
	rows := make([]Reservation, 0, len(ids))
	for _, v := range ids {
		rows = append(rows, Reservation{ID: id, VariantID: v, Quantity: lines[v], State: Held, ExpiresAt: now.Add(ttl), CreatedAt: now})
	}
	return nil, s.db.WithContext(ctx).Create(&rows).Error
}

// Settle moves a held reservation to committed (on hand and reserved drop,
// recorded as a sale) or released (reserved drops). It returns the variants
// touched, or none if the reservation was not held.
func (s *Store) Settle(ctx context.Context, id, to string) ([]Reservation, error) {
	var held []Reservation
	if err := s.db.WithContext(ctx).Where("id = ? AND state = ?", id, Held).Order("variant_id").Find(&held).Error; err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	for _, r := range held {
		cols := map[string]any{"reserved": gorm.Expr("reserved - ?", r.Quantity), "updated_at": now}
		if to == Committed {
			cols["on_hand"] = gorm.Expr("on_hand - ?", r.Quantity)
		}
		if err := s.db.WithContext(ctx).Model(&Variant{}).Where("id = ?", r.VariantID).Updates(cols).Error; err != nil {
			return nil, err
		}
		if to == Committed {
			if err := s.db.WithContext(ctx).Create(&Movement{ID: NewID(), VariantID: r.VariantID, Delta: -r.Quantity,
				Reason: "sale", Reference: id, CreatedAt: now}).Error; err != nil {
				return nil, err
			}
		}
	}
	if len(held) > 0 {
		if err := s.db.WithContext(ctx).Model(&Reservation{}).Where("id = ? AND state = ?", id, Held).
			Update("state", to).Error; err != nil {
			return nil, err
		}
	}
	return held, nil
}

// Expired lists reservation IDs held past their expiry.
func (s *Store) Expired(ctx context.Context, now time.Time, limit int) ([]string, error) {
	var ids []string
	err := s.db.WithContext(ctx).Model(&Reservation{}).Where("state = ? AND expires_at < ?", Held, now).
		Distinct("id").Limit(limit).Pluck("id", &ids).Error
	return ids, err
}

// Adjust changes a variant's on-hand stock by delta and records why; the
// CHECK constraints refuse stock below zero or below what is reserved.
func (s *Store) Adjust(ctx context.Context, variantID string, delta int, reason, reference string) (Variant, error) {
	now := time.Now().UTC()
	res := s.db.WithContext(ctx).Model(&Variant{}).Where("id = ? AND on_hand + ? >= reserved", variantID, delta).
		Updates(map[string]any{"on_hand": gorm.Expr("on_hand + ?", delta), "updated_at": now})
	if res.Error != nil {
		return Variant{}, res.Error
	}
	v, err := first[Variant](s.db.WithContext(ctx).Where("id = ?", variantID))
	if err != nil {
		return v, err
	}
	if res.RowsAffected == 0 {
		return v, ErrBelowReserved
	}
	return v, s.db.WithContext(ctx).Create(&Movement{ID: NewID(), VariantID: variantID, Delta: delta, Reason: reason,
		Reference: reference, CreatedAt: now}).Error
}

// ErrBelowReserved is an adjustment that would leave less on hand than is reserved.
var ErrBelowReserved = errors.New("catalog: stock would fall below what is reserved")

// Movements lists a variant's stock history, newest first.
func (s *Store) Movements(ctx context.Context, variantID string, limit int) ([]Movement, error) {
	var rows []Movement
	err := s.db.WithContext(ctx).Where("variant_id = ?", variantID).Order("id DESC").Limit(limit).Find(&rows).Error
	return rows, err
}

// RefreshProducts recomputes the products' listed summary (price,
// compare-at price, in_stock) from their variants, in the caller's
// transaction, and returns how many products' summaries changed. A product
// whose summary is unchanged is not written: most stock changes (a hold, a
// sale) leave it as it was, and then no listing shows anything new.
func (s *Store) RefreshProducts(ctx context.Context, productIDs ...string) (int64, error) {
	if len(productIDs) == 0 {
		return 0, nil
	}
	res := s.db.WithContext(ctx).Exec(`WITH n AS (
			SELECT p.id,
				EXISTS (SELECT 1 FROM catalog_variants v WHERE v.product_id = p.id AND v.on_hand > v.reserved) AS in_stock,
				COALESCE((SELECT min(v.price) FROM catalog_variants v WHERE v.product_id = p.id), p.price) AS price,
				(SELECT v.compare_at_price FROM catalog_variants v WHERE v.product_id = p.id
					ORDER BY v.price, v.position LIMIT 1) AS compare_at_price
			FROM catalog_products p WHERE ?
		)
		UPDATE catalog_products SET in_stock = n.in_stock, price = n.price, compare_at_price = n.compare_at_price, updated_at = ?
		FROM n
		WHERE catalog_products.id = n.id AND (catalog_products.in_stock <> n.in_stock OR catalog_products.price <> n.price
			OR catalog_products.compare_at_price IS DISTINCT FROM n.compare_at_price)`, database.AnyOf(s.db, "p.id", productIDs), time.Now().UTC())
	return res.RowsAffected, res.Error
}

// ProductIDsOf maps variants to their products.
func (s *Store) ProductIDsOf(ctx context.Context, variantIDs []string) ([]string, error) {
	var ids []string
	err := s.db.WithContext(ctx).Model(&Variant{}).Where(database.AnyOf(s.db, "id", variantIDs)).Distinct("product_id").Pluck("product_id", &ids).Error
	return ids, err
}

// ProductSlugsOf maps variants to their products' slugs.
func (s *Store) ProductSlugsOf(ctx context.Context, variantIDs []string) ([]string, error) {
	var slugs []string
	err := s.db.WithContext(ctx).Model(&Product{}).
		Where("id IN (SELECT product_id FROM catalog_variants WHERE ?)", database.AnyOf(s.db, "id", variantIDs)).Pluck("slug", &slugs).Error
	return slugs, err
}

// RecordMovement appends to a variant's stock ledger.
func (s *Store) RecordMovement(ctx context.Context, variantID string, delta int, reason, reference string) error {
	return s.db.WithContext(ctx).Create(&Movement{ID: NewID(), VariantID: variantID, Delta: delta, Reason: reason,
		Reference: reference, CreatedAt: time.Now().UTC()}).Error
}

package store

import (
	"errors"
	"fmt"

	"bazaar/modules/catalog/internal/domain" // same module internal: allowed
)

type db interface {
	Table(name string, args ...any) db
	Raw(sql string, args ...any) db
	Exec(sql string, args ...any) db
}

type productRow struct {
	ID string `gorm:"column:id;primaryKey" json:"from users"`
}

func (productRow) TableName() string { return "catalog_products" }

type stockRow struct{}

func (stockRow) TableName() string { return "products" } // violation

func queries(d db) (domain.Product, error) {
	d.Table("stock_levels")            // violation
	d.Table(`"catalog_products" AS p`) // quoted and prefixed: allowed
	d.Table("(?) AS sub", d)           // subquery: allowed
	d.Raw(`SELECT p.id
		FROM other_things o
		JOIN catalog_x p ON p.id = o.id`) // other_things is a violation
	d.Raw(`WITH recent AS (SELECT id FROM catalog_products) SELECT id FROM recent`)
	d.Raw("SELECT table_name FROM information_schema.tables")
	d.Raw("SELECT EXTRACT(YEAR FROM created_at) FROM catalog_products WHERE id = ? FOR UPDATE SKIP LOCKED")
	d.Exec("INSERT INTO catalog_stock (id) VALUES (?) ON CONFLICT (id) DO UPDATE SET qty = excluded.qty")
	d.Raw("SELECT * FROM " +
		"orders_lines") // violation, split over a concatenation
	return domain.Product{}, fmt.Errorf("load from cache: %w", errors.New("update stock failed"))
}

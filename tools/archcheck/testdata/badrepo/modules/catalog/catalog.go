// Package catalog is the contract of the catalog module.
package catalog

type Product struct{ ID, Slug string }

type Service interface {
	Product(slug string) (Product, error)
}

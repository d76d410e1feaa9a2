// Package accounts is the identity of the shop: users, their roles,
// addresses and API tokens. Other modules use only this contract.
package accounts

import (
	"context"
	"errors"
	"time"
)

// Roles a user can hold.
const (
	RoleCustomer = "customer"
	RoleStaff    = "staff"
	RoleAdmin    = "admin"
)

// User is what other modules may know about a user.
type User struct {
	ID        string
	Email     string
	Name      string
	Roles     []string
	CreatedAt time.Time
}

// HasRole reports whether u holds role.
func (u User) HasRole(role string) bool {
	for _, r := range u.Roles {
		if r == role {
			return true
		}
	}
	return false
}

// Address is a postal address of a user.
type Address struct {
	ID                string
	Name              string
	Line1, Line2      string
	City              string
	PostalCode        string
	Region            string
	Country           string // ISO 3166-1 alpha-2
	Phone             string
	IsDefaultShipping bool
}

// Directory looks users up, for other modules (orders reads the shipping address).
type Directory interface {
	User(ctx context.Context, id string) (User, error)
	DefaultShippingAddress(ctx context.Context, userID string) (Address, error)
}

// Provisioner creates users outside the web flow: the ops CLI, imports.
type Provisioner interface {
	CreateUser(ctx context.Context, email, password, name string, roles []string) (User, error)
}

// Errors of the contract.
var (
	ErrUserNotFound    = errors.New("accounts: user not found")
	ErrAddressNotFound = errors.New("accounts: address not found")
)

package domain

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"unicode/utf8"
)

// Role names; every user has at least one.
const (
	RoleCustomer = "customer"
	RoleStaff    = "staff"
	RoleAdmin    = "admin"
)

// Roles are all roles, in display order.
var Roles = []string{RoleCustomer, RoleStaff, RoleAdmin}

// NormalizeEmail trims and lower-cases, so one address is one account.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 10

// CheckEmail returns why an (already normalised) email is unusable, or "".
func CheckEmail(email string) string {
	if email == "" {
		return "is required"
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || !strings.Contains(email[strings.LastIndexByte(email, '@')+1:], ".") || len(email) > 254 {
		return "must be an email address"
	}
	return ""
}

// CheckNewPassword returns why a new password is too weak, or "".
func CheckNewPassword(password, email string) string {
	if utf8.RuneCountInString(password) < MinPasswordLength {
		return "must be at least 10 characters"
	}
	if len(password) > 1024 {
		return "must be at most 1024 characters"
	}
	if strings.EqualFold(strings.TrimSpace(password), email) {
		return "must not be your email address"
	}
	return ""
}

// CheckName returns why a display name is unusable, or "".
func CheckName(name string) string {
	n := utf8.RuneCountInString(strings.TrimSpace(name))
	if n == 0 {
		return "is required"
	}
	if n > 100 {
		return "must be at most 100 characters"
	}
	return ""
}

// CheckRoles returns why a role list is unusable, or "".
func CheckRoles(roles []string) string {
	if len(roles) == 0 {
		return "must have at least one role"
	}
	for i, r := range roles {
		if !slices.Contains(Roles, r) {
			return "unknown role " + r
		}
		if slices.Contains(roles[:i], r) {
			return "repeats role " + r
		}
	}
	return ""
}

// SortRoles orders roles as Roles does.
func SortRoles(roles []string) []string {
	out := make([]string, 0, len(roles))
	for _, r := range Roles {
		if slices.Contains(roles, r) {
			out = append(out, r)
		}
	}
	return out
}

// CheckLength returns why a trimmed text is too short or long, or "".
func CheckLength(s string, min, max int) string {
	n := utf8.RuneCountInString(s)
	switch {
	case n < min && min == 1:
		return "is required"
	case n < min:
		return fmt.Sprintf("must be at least %d characters", min)
	case n > max:
		return fmt.Sprintf("must be at most %d characters", max)
	}
	return ""
}

// CheckCountry returns why a country code is not ISO 3166-1 alpha-2 shaped, or "".
func CheckCountry(code string) string {
	if len(code) != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z' {
		return "must be a two-letter country code such as DE"
	}
	return ""
}

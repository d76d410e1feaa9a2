// Package store keeps the accounts_* tables. gorm errors end here: callers
// see the accounts sentinels.
package store

import (
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"bazaar/platform/database"
	"gorm.io/gorm/clause"
)

// Errors the store maps gorm's onto.
var (
	ErrEmailTaken  = errors.New("accounts: email already registered")
	ErrNotFound    = errors.New("accounts: not found")
	ErrBadCursor   = errors.New("accounts: malformed cursor")
	ErrTokenFailed = errors.New("accounts: reset token invalid, used or expired")
)

// User is a row of accounts_users.
type User struct {
	ID           string `gorm:"primaryKey"`
	Email        string
	Name         string
	PasswordHash string
	Roles        string // comma-separated, in domain.Roles order
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (User) TableName() string { return "accounts_users" }

// RoleList splits Roles.
func (u User) RoleList() []string {
	if u.Roles == "" {
		return nil
	}
	return strings.Split(u.Roles, ",")
}

// Address is a row of accounts_addresses.
type Address struct {
	ID                string `gorm:"primaryKey"`
	UserID            string
	Name              string
	Line1             string
	Line2             string
	City              string
	PostalCode        string
	Region            string
	Country           string
	Phone             string
	IsDefaultShipping bool
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

func (Address) TableName() string { return "accounts_addresses" }

// Token is a row of accounts_api_tokens; the secret itself is never stored.
type Token struct {
	ID         string `gorm:"primaryKey"`
	UserID     string
	Name       string
	TokenHash  string
	CreatedAt  time.Time
	LastUsedAt *time.Time
}

func (Token) TableName() string { return "accounts_api_tokens" }

// Reset is a row of accounts_password_resets.
type Reset struct {
	ID        string `gorm:"primaryKey"`
	UserID    string
	TokenHash string
	ExpiresAt time.Time
	UsedAt    *time.Time
	CreatedAt time.Time
}

func (Reset) TableName() string { return "accounts_password_resets" }

// NewID is a time-ordered UUIDv7, so newest-first lists sort by ID.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// Store reads and writes the accounts tables.
type Store struct{ db *gorm.DB }

// New wraps db.
func New(db *gorm.DB) *Store { return &Store{db: db} }

// DB is the handle, for transactions spanning store calls and the outbox.
func (s *Store) DB() *gorm.DB { return s.db }

// Tx runs fn in one transaction with a store bound to it.
func (s *Store) Tx(ctx context.Context, fn func(tx *Store) error) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error { return fn(&Store{db: tx}) })
}

// CreateUser inserts u; a taken email is ErrEmailTaken.
func (s *Store) CreateUser(ctx context.Context, u *User) error {
	err := s.db.WithContext(ctx).Create(u).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return ErrEmailTaken
	}
	return err
}

// UserByID loads one user.
func (s *Store) UserByID(ctx context.Context, id string) (User, error) {
	return first[User](s.db.WithContext(ctx).Where("id = ?", id))
}

// UserByEmail loads one user by normalised email.
func (s *Store) UserByEmail(ctx context.Context, email string) (User, error) {
	return first[User](s.db.WithContext(ctx).Where("email = ?", email))
}

func first[T any](q *gorm.DB) (T, error) {
	row, found, err := database.Take[T](q)
	if err == nil && !found {
		err = ErrNotFound
	}
	return row, err
}

// UpdateUser sets columns of one user; no such user is ErrNotFound.
func (s *Store) UpdateUser(ctx context.Context, id string, cols map[string]any) error {
	cols["updated_at"] = time.Now().UTC()
	res := s.db.WithContext(ctx).Model(&User{}).Where("id = ?", id).Updates(cols)
	if res.Error == nil && res.RowsAffected == 0 {
		return ErrNotFound
	}
	return res.Error
}

// ListUsers pages users newest first, filtered by a substring of email or name.
func (s *Store) ListUsers(ctx context.Context, q, cursor string, limit int) ([]User, string, error) {
	query := s.db.WithContext(ctx).Model(&User{}).Order("id DESC").Limit(limit + 1)
	if q = strings.TrimSpace(q); q != "" {
		like := database.Contains(q)
		query = query.Where("(email LIKE ? ESCAPE '\\' OR LOWER(name) LIKE ? ESCAPE '\\')", like, like)
	}
	if cursor != "" {
		after, err := base64.RawURLEncoding.DecodeString(cursor)
		if err != nil || uuid.Validate(string(after)) != nil {
			return nil, "", ErrBadCursor
		}
		query = query.Where("id < ?", string(after))
	}
	var rows []User
	if err := query.Find(&rows).Error; err != nil {
		return nil, "", err
	}
	next := ""
	if len(rows) > limit {
		rows = rows[:limit]
		next = base64.RawURLEncoding.EncodeToString([]byte(rows[limit-1].ID))
	}
	return rows, next, nil
}

// Addresses lists a user's addresses, default first, then oldest first.
func (s *Store) Addresses(ctx context.Context, userID string) ([]Address, error) {
	var rows []Address
	err := s.db.WithContext(ctx).Where("user_id = ?", userID).
		Order("is_default_shipping DESC").Order("id").Find(&rows).Error
	return rows, err
}

// Address loads one of the user's addresses; another user's is ErrNotFound.
func (s *Store) Address(ctx context.Context, userID, id string) (Address, error) {
	return first[Address](s.db.WithContext(ctx).Where("id = ? AND user_id = ?", id, userID))
}

// LockUser serialises changes to one user's addresses (a no-op lock on
// SQLite, whose transactions already hold the write lock).
func (s *Store) LockUser(ctx context.Context, userID string) error {
	var u User
	q := s.db.WithContext(ctx).Select("id").Where("id = ?", userID)
	if s.db.Dialector.Name() == "postgres" {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	if err := q.Take(&u).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return ErrNotFound
		}
		return err
	}
	return nil
}

// SaveAddress inserts or updates a.
func (s *Store) SaveAddress(ctx context.Context, a *Address) error {
	return s.db.WithContext(ctx).Save(a).Error
}

// ClearDefault unsets the default flag on the user's addresses.
func (s *Store) ClearDefault(ctx context.Context, userID string) error {
	return s.db.WithContext(ctx).Model(&Address{}).Where("user_id = ? AND is_default_shipping", userID).
		Updates(map[string]any{"is_default_shipping": false, "updated_at": time.Now().UTC()}).Error
}

// DeleteAddress removes one of the user's addresses.
func (s *Store) DeleteAddress(ctx context.Context, userID, id string) error {
	res := s.db.WithContext(ctx).Where("id = ? AND user_id = ?", id, userID).Delete(&Address{})
	if res.Error == nil && res.RowsAffected == 0 {
		return ErrNotFound
	}
	return res.Error
}

// CreateToken inserts t.
func (s *Store) CreateToken(ctx context.Context, t *Token) error {
	return s.db.WithContext(ctx).Create(t).Error
}

// Tokens lists a user's tokens, newest first.
func (s *Store) Tokens(ctx context.Context, userID string) ([]Token, error) {
	var rows []Token
	err := s.db.WithContext(ctx).Where("user_id = ?", userID).Order("id DESC").Find(&rows).Error
	return rows, err
}

// DeleteToken revokes one of the user's tokens.
func (s *Store) DeleteToken(ctx context.Context, userID, id string) error {
	res := s.db.WithContext(ctx).Where("id = ? AND user_id = ?", id, userID).Delete(&Token{})
	if res.Error == nil && res.RowsAffected == 0 {
		return ErrNotFound
	}
	return res.Error
}

// TokenOwner finds the user of a token hash.
func (s *Store) TokenOwner(ctx context.Context, hash string) (Token, User, error) {
	tok, err := first[Token](s.db.WithContext(ctx).Where("token_hash = ?", hash))
	if err != nil {
		return tok, User{}, err
	}
	u, err := s.UserByID(ctx, tok.UserID)
	return tok, u, err
}

// TouchToken records a use, at most once a minute per token.
func (s *Store) TouchToken(ctx context.Context, id string, now time.Time) error {
	return s.db.WithContext(ctx).Model(&Token{}).
		Where("id = ? AND (last_used_at IS NULL OR last_used_at < ?)", id, now.Add(-time.Minute)).
		Update("last_used_at", now).Error
}

// CreateReset inserts r.
func (s *Store) CreateReset(ctx context.Context, r *Reset) error {
	return s.db.WithContext(ctx).Create(r).Error
}

// ResetByHash finds a reset token by its hash.
func (s *Store) ResetByHash(ctx context.Context, hash string) (Reset, error) {
	return first[Reset](s.db.WithContext(ctx).Where("token_hash = ?", hash))
}

// UseReset marks a reset token used if it is unused and unexpired. The
// conditional update makes it single-use even when two requests race.
func (s *Store) UseReset(ctx context.Context, id string, now time.Time) error {
	res := s.db.WithContext(ctx).Model(&Reset{}).
		Where("id = ? AND used_at IS NULL AND expires_at > ?", id, now).Update("used_at", now)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrTokenFailed
	}
	return nil
}

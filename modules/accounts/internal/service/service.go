// Package service holds the accounts use cases, shared by the HTTP API,
// the CLI and the contract other modules call.
package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"bazaar/modules/accounts"
	"bazaar/modules/accounts/internal/domain"
	"bazaar/modules/accounts/internal/store"
	"bazaar/platform/outbox"
	"bazaar/platform/ratelimit"
)

// Errors the HTTP layer maps to statuses.
var (
	ErrInvalidCredentials = errors.New("accounts: wrong email or password")
	ErrEmailTaken         = store.ErrEmailTaken
	ErrTokenNotFound      = errors.New("accounts: token not found")
)

// FieldErrors is a 422: field name → message.
type FieldErrors map[string]string

func (f FieldErrors) Error() string {
	parts := make([]string, 0, len(f))
	for field, msg := range f {
		parts = append(parts, field+" "+msg)
	}
	slices.Sort(parts)
	return "invalid " + strings.Join(parts, "; ")
}

// TooManyAttempts is a 429 with how long to wait.
type TooManyAttempts struct{ RetryAfter time.Duration }

func (t TooManyAttempts) Error() string { return "accounts: too many failed sign-ins" }

// Sign-in throttling: more than LoginFailureLimit failures for one email or
// one client IP within LoginFailureWindow block further attempts.
const (
	LoginFailureLimit  = 10
	LoginFailureWindow = 15 * time.Minute
	ResetTokenLifetime = time.Hour
)

// TopicResetRequested carries a reset token to the mail job; it is internal
// to accounts.
const TopicResetRequested = "accounts.PasswordResetRequested.v1"

// ResetRequested is the payload of TopicResetRequested. The token is useless
// after an hour, before which the outbox row is the only copy besides the mail.
type ResetRequested struct {
	UserID string `json:"user_id"`
	Email  string `json:"email"`
	Name   string `json:"name"`
	Token  string `json:"token"`
}

// Service implements the use cases.
type Service struct {
	store    *store.Store
	outbox   *outbox.Outbox
	failures ratelimit.Failures
}

// New builds the service.
func New(s *store.Store, o *outbox.Outbox, failures ratelimit.Failures) *Service {
	return &Service{store: s, outbox: o, failures: failures}
}

// ToUser converts a row to the contract's User.
func ToUser(u store.User) accounts.User {
	return accounts.User{ID: u.ID, Email: u.Email, Name: u.Name, Roles: u.RoleList(), CreatedAt: u.CreatedAt}
}

// Register creates a customer account and publishes UserRegistered.
func (s *Service) Register(ctx context.Context, email, password, name string) (accounts.User, error) {
	return s.create(ctx, email, password, name, []string{domain.RoleCustomer})
}

// CreateUser implements accounts.Provisioner.
func (s *Service) CreateUser(ctx context.Context, email, password, name string, roles []string) (accounts.User, error) {
	return s.create(ctx, email, password, name, roles)
}

func (s *Service) create(ctx context.Context, email, password, name string, roles []string) (accounts.User, error) {
	email = domain.NormalizeEmail(email)
	name = strings.TrimSpace(name)
	errs := FieldErrors{}
	if msg := domain.CheckEmail(email); msg != "" {
		errs["email"] = msg
	}
	if msg := domain.CheckNewPassword(password, email); msg != "" {
		errs["password"] = msg
	}
	if msg := domain.CheckName(name); msg != "" {
		errs["name"] = msg
	}
	if msg := domain.CheckRoles(roles); msg != "" {
		errs["roles"] = msg
	}
	if len(errs) > 0 {
		return accounts.User{}, errs
	}
	hash, err := domain.HashPassword(password)
	if err != nil {
		return accounts.User{}, err
	}
	now := time.Now().UTC()
	row := store.User{ID: store.NewID(), Email: email, Name: name, PasswordHash: hash,
		Roles: strings.Join(domain.SortRoles(roles), ","), CreatedAt: now, UpdatedAt: now}
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.CreateUser(ctx, &row); err != nil {
			return err
		}
		_, err := s.outbox.Publish(tx.DB(), accounts.TopicUserRegistered, accounts.UserRegistered{
			UserID: row.ID, Email: row.Email, Name: row.Name, RegisteredAt: now})
		return err
	})
	if err != nil {
		return accounts.User{}, fmt.Errorf("accounts.register: %w", err)
	}
	return ToUser(row), nil
}

// EmailTaken reports whether an account uses email.
func (s *Service) EmailTaken(ctx context.Context, email string) (bool, error) {
	_, err := s.store.UserByEmail(ctx, domain.NormalizeEmail(email))
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// Authenticate checks an email and password, throttled per email and per
// client IP. Unknown emails cost the same time as wrong passwords.
func (s *Service) Authenticate(ctx context.Context, email, password, ip string) (accounts.User, error) {
	email = domain.NormalizeEmail(email)
	keys := []string{"email:" + email, "ip:" + ip}
	wait, err := s.failures.Blocked(ctx, keys...)
	if err != nil {
		return accounts.User{}, err
	}
	if wait > 0 {
		return accounts.User{}, TooManyAttempts{RetryAfter: wait}
	}
	row, err := s.store.UserByEmail(ctx, email)
	if errors.Is(err, store.ErrNotFound) {
		domain.BurnPasswordCheck(password)
		return accounts.User{}, s.fail(ctx, keys)
	}
	if err != nil {
		return accounts.User{}, err
	}
	ok, upgrade, err := domain.CheckPassword(password, row.PasswordHash)
	if err != nil {
		return accounts.User{}, fmt.Errorf("accounts.login %s: %w", row.ID, err)
	}
	if !ok {
		return accounts.User{}, s.fail(ctx, keys)
	}
	if err := s.failures.Reset(ctx, keys[0]); err != nil {
		return accounts.User{}, err
	}
	if upgrade {
		if hash, err := domain.HashPassword(password); err == nil {
			if err := s.store.UpdateUser(ctx, row.ID, map[string]any{"password_hash": hash}); err != nil {
				return accounts.User{}, err
			}
		}
	}
	return ToUser(row), nil
}

func (s *Service) fail(ctx context.Context, keys []string) error {
	if err := s.failures.Fail(ctx, keys...); err != nil {
		return err
	}
	return ErrInvalidCredentials
}

// User implements accounts.Directory.
func (s *Service) User(ctx context.Context, id string) (accounts.User, error) {
	row, err := s.store.UserByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return accounts.User{}, fmt.Errorf("accounts.user %s: %w", id, accounts.ErrUserNotFound)
	}
	if err != nil {
		return accounts.User{}, err
	}
	return ToUser(row), nil
}

// UpdateName changes a user's display name.
func (s *Service) UpdateName(ctx context.Context, id, name string) (accounts.User, error) {
	name = strings.TrimSpace(name)
	if msg := domain.CheckName(name); msg != "" {
		return accounts.User{}, FieldErrors{"name": msg}
	}
	if err := s.store.UpdateUser(ctx, id, map[string]any{"name": name}); err != nil {
		return accounts.User{}, s.userErr(id, err)
	}
	return s.User(ctx, id)
}

func (s *Service) userErr(id string, err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("accounts.user %s: %w", id, accounts.ErrUserNotFound)
	}
	return err
}

// ChangePassword replaces the password after checking the current one.
func (s *Service) ChangePassword(ctx context.Context, id, current, next string) error {
	row, err := s.store.UserByID(ctx, id)
	if err != nil {
		return s.userErr(id, err)
	}
	ok, _, err := domain.CheckPassword(current, row.PasswordHash)
	if err != nil {
		return err
	}
	if !ok {
		return FieldErrors{"current_password": "is not your current password"}
	}
	if msg := domain.CheckNewPassword(next, row.Email); msg != "" {
		return FieldErrors{"new_password": msg}
	}
	hash, err := domain.HashPassword(next)
	if err != nil {
		return err
	}
	return s.store.UpdateUser(ctx, id, map[string]any{"password_hash": hash})
}

// RequestPasswordReset stores a single-use token and queues its mail, if
// the email is registered; callers answer the same either way.
func (s *Service) RequestPasswordReset(ctx context.Context, email string) error {
	row, err := s.store.UserByEmail(ctx, domain.NormalizeEmail(email))
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	token := rand.Text()
	now := time.Now().UTC()
	return s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.CreateReset(ctx, &store.Reset{ID: store.NewID(), UserID: row.ID, TokenHash: Hash(token),
			ExpiresAt: now.Add(ResetTokenLifetime), CreatedAt: now}); err != nil {
			return err
		}
		_, err := s.outbox.Publish(tx.DB(), TopicResetRequested, ResetRequested{UserID: row.ID, Email: row.Email,
			Name: row.Name, Token: token})
		return err
	})
}

// ConfirmPasswordReset sets a new password with a reset token and returns
// whose it was; the token can be used once. The slow hashing happens
// before the transaction, which then only flips the token and the hash.
func (s *Service) ConfirmPasswordReset(ctx context.Context, token, password string) (string, error) {
	badToken := FieldErrors{"token": "is invalid, used or expired: ask for a new reset mail"}
	reset, err := s.store.ResetByHash(ctx, Hash(token))
	if errors.Is(err, store.ErrNotFound) {
		return "", badToken
	}
	if err != nil {
		return "", err
	}
	row, err := s.store.UserByID(ctx, reset.UserID)
	if err != nil {
		return "", s.userErr(reset.UserID, err)
	}
	if msg := domain.CheckNewPassword(password, row.Email); msg != "" {
		return "", FieldErrors{"password": msg}
	}
	hash, err := domain.HashPassword(password)
	if err != nil {
		return "", err
	}
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.UseReset(ctx, reset.ID, time.Now().UTC()); err != nil {
			return err
		}
		return tx.UpdateUser(ctx, row.ID, map[string]any{"password_hash": hash})
	})
	if errors.Is(err, store.ErrTokenFailed) {
		return "", badToken
	}
	return row.ID, err
}

// Hash is how tokens are stored: SHA-256 suffices for 130 random bits.
func Hash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

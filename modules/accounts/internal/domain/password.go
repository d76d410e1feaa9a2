// Package domain holds the accounts rules: password hashing in Django's
// format, email normalisation, password strength and roles.
package domain

import (
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// Iterations is the PBKDF2 work factor for new hashes. Hashes with fewer
// are upgraded at the next successful sign-in.
const Iterations = 600_000

const algorithm = "pbkdf2_sha256"

// ErrMalformedHash is a stored hash this code cannot read.
var ErrMalformedHash = errors.New("accounts: malformed password hash")

// HashPassword hashes in Django's encoding,
// pbkdf2_sha256$<iterations>$<salt>$<base64 sha256 digest>, so users
// exported from a Django shop sign in unchanged.
func HashPassword(password string) (string, error) {
	return hashWith(password, newSalt(), Iterations)
}

func hashWith(password, salt string, iterations int) (string, error) {
	key, err := pbkdf2.Key(sha256.New, password, []byte(salt), iterations, sha256.Size)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s$%d$%s$%s", algorithm, iterations, salt, base64.StdEncoding.EncodeToString(key)), nil
}

// newSalt is 26 random base32 characters (130 bits); Django accepts any salt without "$".
func newSalt() string { return rand.Text() }

// CheckPassword reports whether password matches encoded, and whether the
// hash should be replaced by a stronger one.
func CheckPassword(password, encoded string) (ok, upgrade bool, err error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 4 || parts[0] != algorithm {
		return false, false, ErrMalformedHash
	}
	iterations, err := strconv.Atoi(parts[1])
	if err != nil || iterations < 1 {
		return false, false, ErrMalformedHash
	}
	again, err := hashWith(password, parts[2], iterations)
	if err != nil {
		return false, false, err
	}
	ok = subtle.ConstantTimeCompare([]byte(again), []byte(encoded)) == 1
	return ok, ok && iterations < Iterations, nil
}

// dummyHash makes a sign-in for an unknown email cost as much as a real one,
// so response times do not tell which emails are registered.
// It is made on first use: hashing at start-up would delay readiness.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword("not a real password")
	return h
})

// BurnPasswordCheck spends the time of one CheckPassword.
func BurnPasswordCheck(password string) { _, _, _ = CheckPassword(password, dummyHash()) }

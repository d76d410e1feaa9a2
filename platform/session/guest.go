package session

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"strconv"
	"strings"
	"time"

	"go.uber.org/fx"
)

// Guest sessions. A visitor who has not signed in holds nothing but random
// secrets: the CSRF token and values such as the cart's guest key. So a
// guest's session is not stored: its cookie carries a 128-bit secret, and
// each such value is derived from it (SHA-256 of the value's name and the
// secret), which reveals nothing of the secret. Reading a guest's session
// costs no Redis call: a guest's request, the shop's most common, used to
// spend a Redis round trip on learning that nobody is signed in (cart adds:
// server −6–10 µs and Redis −5 µs of CPU per add, +8–13 % adds/s).
//
// The cookie is "g.<secret>.<issued>" (issued: Unix seconds, base 36).
// Like a stored session it lives Lifetime from its last use: a successful
// unsafe request issues it anew once it is SlideEvery old, and an older
// one than Lifetime is a new guest's. Only sign-in (or a value that cannot
// be derived) stores the session, under a new random ID; the derived
// values become stored ones then, so the token and the guest's cart
// outlive sign-in.
//
// Whoever holds the cookie is the guest, as whoever holds a stored
// session's ID is its visitor; a made-up secret makes a new guest, who owns
// nothing.

// guestValue names a value guest sessions derive (AsGuestValue).
type guestValue string

// AsGuestValue names a value a guest session derives from its secret
// instead of storing: a random secret per visitor, set for a guest before it
// is first read. Read it with Session.Get like any value.
func AsGuestValue(name string) fx.Option {
	return fx.Supply(fx.Annotate(guestValue(name), fx.ResultTags(`group:"session_guest_values"`)))
}

const guestPrefix = "g."

func isGuestID(id string) bool { return strings.HasPrefix(id, guestPrefix) }

// guestID is the cookie of a guest session with secret, issued at t.
func guestID(secret string, t time.Time) string {
	return guestPrefix + secret + "." + strconv.FormatInt(t.Unix(), 36)
}

// newGuest is a fresh guest session with a new secret.
func (m *Manager) newGuest() *Session {
	secret, now := rand.Text(), time.Now()
	return &Session{id: guestID(secret, now), fresh: true, data: m.derive(secret), saved: now, guest: secret}
}

// guestSession reads a guest session's cookie; false when it is malformed
// or older than Lifetime.
func (m *Manager) guestSession(id string) (*Session, bool) {
	secret, issuedAt, ok := strings.Cut(id[len(guestPrefix):], ".")
	issued, err := strconv.ParseInt(issuedAt, 36, 64)
	if !ok || err != nil || !isSecret(secret) || time.Since(time.Unix(issued, 0)) > Lifetime {
		return nil, false
	}
	return &Session{id: id, data: m.derive(secret), saved: time.Unix(issued, 0), guest: secret}, true
}

// isSecret is true for what rand.Text makes: 26 characters of base32.
func isSecret(s string) bool {
	if len(s) != 26 {
		return false
	}
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < '2' || r > '7') {
			return false
		}
	}
	return true
}

var secretEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// derive is the values of a guest session with secret.
func (m *Manager) derive(secret string) map[string]string {
	data := make(map[string]string, len(m.derived))
	for _, name := range m.derived {
		sum := sha256.Sum256([]byte(name + "\x00" + secret))
		data[name] = secretEncoding.EncodeToString(sum[:16]) // as long as rand.Text()
	}
	return data
}

// derivedOnly is true when a guest session holds its derived values and
// nothing else.
func (m *Manager) derivedOnly(sess *Session) bool {
	want := m.derive(sess.guest)
	if len(sess.data) != len(want) {
		return false
	}
	for k, v := range want {
		if sess.data[k] != v {
			return false
		}
	}
	return true
}

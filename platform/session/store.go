package session

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/gob"
	"errors"
	"fmt"
	"time"

	json "github.com/goccy/go-json"
	"github.com/gofiber/fiber/v2"
	goredis "github.com/redis/go-redis/v9"
)

// Session is a visitor's server-side data: a few strings (the user, their
// roles, the CSRF token, a guest's cart key). A signed-in visitor's is kept
// in Redis under the session ID as JSON (stored). Fiber's session
// middleware, used before, stored them with gob, whose decoder compiles its
// types anew for every read: 10 % of the CPU of a cart add. Values it wrote
// are still read (decodeLegacy), so nobody is signed out or loses a guest
// cart on upgrade; the next save rewrites them. Every request with a stored
// session decodes one, with goccy/go-json: with encoding/json the decoding
// was 3.7 % of a cart add's server CPU.
//
// A guest's session is stored nowhere (guest.go): its values are derived
// from a secret in its cookie.
type Session struct {
	id    string
	fresh bool
	data  map[string]string
	saved time.Time // when last stored (a guest's: when its cookie was issued); zero for a legacy session
	// guest is a guest session's secret, "" for a stored one.
	guest string
}

// stored is a session as kept in Redis.
type stored struct {
	Data  map[string]string `json:"data"`
	Saved int64             `json:"saved"` // Unix seconds
}

// ID is the session's ID (the sessionid cookie's value).
func (s *Session) ID() string { return s.id }

// Fresh reports whether the session is not stored yet.
func (s *Session) Fresh() bool { return s.fresh }

// Get returns the value of key, "" if unset.
func (s *Session) Get(key string) string { return s.data[key] }

// Set sets key; call Manager.Save to keep it.
func (s *Session) Set(key, val string) { s.data[key] = val }

// Delete unsets key; call Manager.Save to keep that.
func (s *Session) Delete(key string) { delete(s.data, key) }

type sessionKey struct{}

// Get returns the visitor's session, read from Redis at most once per
// request and never for a guest. Without a session it is a fresh guest
// one, which costs nothing until saved.
func (m *Manager) Get(c *fiber.Ctx) (*Session, error) {
	if sess, ok := c.Locals(sessionKey{}).(*Session); ok {
		return sess, nil
	}
	sess, err := m.load(c.UserContext(), c.Cookies(CookieName))
	if err != nil {
		return nil, err
	}
	c.Locals(sessionKey{}, sess)
	return sess, nil
}

func (m *Manager) load(ctx context.Context, id string) (*Session, error) {
	if id == "" {
		return m.newGuest(), nil
	}
	if isGuestID(id) {
		if sess, ok := m.guestSession(id); ok {
			return sess, nil
		}
		return m.newGuest(), nil
	}
	raw, err := m.reads.Get(ctx, id).Bytes()
	if errors.Is(err, goredis.Nil) {
		return m.newGuest(), nil
	}
	if err != nil {
		return nil, err
	}
	sess := &Session{id: id}
	var st stored
	if err := json.Unmarshal(raw, &st); err == nil {
		sess.data, sess.saved = st.Data, time.Unix(st.Saved, 0)
	} else if sess.data, err = decodeLegacy(raw); err != nil {
		return nil, fmt.Errorf("session %.6s…: %w", id, err)
	}
	if sess.data == nil {
		sess.data = map[string]string{}
	}
	return sess, nil
}

// decodeLegacy reads a session fiber's middleware wrote: a gob-encoded
// map[string]interface{} whose values this shop only ever set to strings.
func decodeLegacy(raw []byte) (map[string]string, error) {
	var legacy map[string]any
	if err := gob.NewDecoder(bytes.NewReader(raw)).Decode(&legacy); err != nil {
		return nil, fmt.Errorf("neither JSON nor a legacy gob session: %w", err)
	}
	data := make(map[string]string, len(legacy))
	for k, v := range legacy {
		if s, ok := v.(string); ok {
			data[k] = s
		}
	}
	return data, nil
}

// Save stores the session for Lifetime from now and sends its cookie. A
// guest session holding only its derived values is not stored: its cookie
// is issued anew. One holding more becomes a stored session under a new ID,
// its derived values kept as values.
func (m *Manager) Save(c *fiber.Ctx, sess *Session) error {
	now := time.Now()
	if sess.guest != "" {
		if m.derivedOnly(sess) {
			sess.id, sess.fresh, sess.saved = guestID(sess.guest, now), false, now
			m.cookie(c, CookieName, sess.id, Lifetime)
			return nil
		}
		sess.id, sess.guest = rand.Text(), ""
	}
	raw, err := json.Marshal(stored{Data: sess.data, Saved: now.Unix()})
	if err != nil {
		return err
	}
	if err := m.redis.Set(c.UserContext(), sess.id, raw, Lifetime).Err(); err != nil {
		return err
	}
	sess.fresh, sess.saved = false, now
	m.cookie(c, CookieName, sess.id, Lifetime)
	return nil
}

// SlideEvery is how often a session in use is stored again, so that it
// (and a guest's cart with it) lives Lifetime from its last use rather than
// from sign-in or the first add.
const SlideEvery = 24 * time.Hour

// slide stores the request's session again once it was last stored more
// than SlideEvery ago. Only a successful unsafe request slides: its answer
// is never cached (a Set-Cookie on a cacheable catalog page could hand one
// visitor's session to another), and one refused by the CSRF check is not
// the visitor's.
func (m *Manager) slide(c *fiber.Ctx) error {
	sess, ok := c.Locals(sessionKey{}).(*Session)
	if !ok || sess.fresh || time.Since(sess.saved) < SlideEvery || c.Response().StatusCode() >= 400 {
		return nil
	}
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions, fiber.MethodTrace:
		return nil
	}
	return m.Save(c, sess)
}

// regenerate moves the session to a new ID, dropping the stored old one;
// a guest's becomes a stored session (its derived values kept as values).
func (m *Manager) regenerate(c *fiber.Ctx, sess *Session) error {
	if !sess.fresh && sess.guest == "" {
		if err := m.redis.Del(c.UserContext(), sess.id).Err(); err != nil {
			return err
		}
	}
	sess.id, sess.fresh, sess.guest = rand.Text(), true, ""
	return nil
}

// destroy deletes the stored session and its cookie; the request goes on
// with a fresh guest session.
func (m *Manager) destroy(c *fiber.Ctx, sess *Session) error {
	if !sess.fresh && sess.guest == "" {
		if err := m.redis.Del(c.UserContext(), sess.id).Err(); err != nil {
			return err
		}
	}
	m.cookie(c, CookieName, "", -1)
	c.Locals(sessionKey{}, m.newGuest())
	return nil
}

// cookie sends a cookie of the shop's: SameSite=Lax, Secure behind HTTPS,
// for maxAge (negative: delete it). The session's is HttpOnly; the CSRF
// token's is not, for the SPA reads it.
func (m *Manager) cookie(c *fiber.Ctx, name, value string, maxAge time.Duration) {
	c.Cookie(&fiber.Cookie{
		Name:     name,
		Value:    value,
		Path:     "/",
		MaxAge:   int(maxAge.Seconds()),
		Expires:  time.Now().Add(maxAge),
		Secure:   m.secure,
		HTTPOnly: name == CookieName,
		SameSite: fiber.CookieSameSiteLaxMode,
	})
}

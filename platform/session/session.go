// Package session keeps browser sessions (cookie "sessionid"): a signed-in
// visitor's in Redis, a guest's in the cookie itself (guest.go),
// guards every unsafe cookie request with a CSRF token (cookie "csrftoken",
// header "X-CSRFToken"), and puts the caller's Principal on each request so
// modules learn who is calling without importing each other.
package session

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	goredis "github.com/redis/go-redis/v9"
	"go.uber.org/fx"

	"bazaar/platform/config"
	"bazaar/platform/redis"
	"bazaar/platform/web"
)

// Cookie and header names, as Django names them, so a Django front end's
// habits carry over.
const (
	CookieName     = "sessionid"
	CSRFCookieName = "csrftoken"
	CSRFHeader     = "X-CSRFToken"
)

// Lifetime is how long an idle session (and a guest's cart with it) lives.
const Lifetime = 30 * 24 * time.Hour

// Module provides the Manager and contributes the principal and CSRF
// middleware and GET /api/auth/csrf.
var Module = fx.Module("session",
	fx.Provide(NewManager),
	web.AsMiddleware(func(m *Manager) web.Middleware { return web.Middleware{Order: web.OrderSession, Handler: m.principal} }),
	web.AsMiddleware(newCSRF),
	web.AsRoutes(func(m *Manager) web.Routes { return web.RoutesFunc(m.routes) }),
	web.AsSpec("session", spec),
)

// Principal is who makes the request. The zero value is an anonymous visitor.
type Principal struct {
	UserID string
	Roles  []string
	// Bearer is true when the caller authenticated with an API token, not a cookie.
	Bearer bool
}

// Authenticated reports whether a user is signed in.
func (p Principal) Authenticated() bool { return p.UserID != "" }

// HasRole reports whether the principal holds role.
func (p Principal) HasRole(role string) bool {
	for _, r := range p.Roles {
		if r == role {
			return true
		}
	}
	return false
}

type principalKey struct{}

// From returns the request's principal.
func From(c *fiber.Ctx) Principal {
	p, _ := c.Locals(principalKey{}).(Principal)
	return p
}

// FromContext returns the principal carried by a request's user context.
func FromContext(ctx context.Context) Principal {
	p, _ := ctx.Value(principalKey{}).(Principal)
	return p
}

// TokenResolver turns an API token into a principal; the accounts module
// provides it. ErrInvalidToken (or any error) answers 401.
type TokenResolver interface {
	ResolveToken(ctx context.Context, token string) (Principal, error)
}

// ErrInvalidToken is returned for an unknown, revoked or malformed token.
var ErrInvalidToken = errors.New("invalid API token")

// Manager reads and writes sessions.
type Manager struct {
	redis    goredis.UniversalClient
	reads    redis.Reader
	secure   bool
	resolver TokenResolver
	derived  []string // the names of the values guest sessions derive
}

// Params are NewManager's dependencies.
type Params struct {
	fx.In
	Config   config.Config
	Redis    goredis.UniversalClient
	Resolver TokenResolver `optional:"true"`
	// GuestValues are the values guest sessions derive besides the CSRF token.
	GuestValues []guestValue `group:"session_guest_values"`
}

// NewManager stores sessions (but guests') in the shared Redis. Session
// reads go through redis.Pipelined, so those of concurrent requests share
// round trips.
func NewManager(p Params) *Manager {
	derived := []string{keyCSRF}
	for _, v := range p.GuestValues {
		derived = append(derived, string(v))
	}
	return &Manager{
		redis:    p.Redis,
		reads:    redis.Pipelined(p.Redis),
		secure:   p.Config.SecureCookies,
		resolver: p.Resolver,
		derived:  derived,
	}
}

const (
	keyUser  = "uid"
	keyRoles = "roles"
)

// principal resolves the caller from a bearer token or a stored session's
// cookie. A guest's session holds no user, so it is not even derived here:
// only what asks for its values (the CSRF check, the cart) pays for that.
// Requests without a stored session never touch Redis.
func (m *Manager) principal(c *fiber.Ctx) error {
	var p Principal
	if auth := c.Get(fiber.HeaderAuthorization); auth != "" {
		token, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok || m.resolver == nil {
			return unauthorized("use Authorization: Bearer <token>")
		}
		resolved, err := m.resolver.ResolveToken(c.UserContext(), strings.TrimSpace(token))
		if err != nil {
			return unauthorized("the API token is invalid or revoked")
		}
		p = resolved
		p.Bearer = true
	} else if id := c.Cookies(CookieName); id != "" && !isGuestID(id) {
		sess, err := m.Get(c)
		if err != nil {
			return err
		}
		if uid := sess.Get(keyUser); uid != "" {
			p = Principal{UserID: uid, Roles: splitRoles(sess.Get(keyRoles))}
		}
	}
	c.Locals(principalKey{}, p)
	c.SetUserContext(context.WithValue(c.UserContext(), principalKey{}, p))
	if err := c.Next(); err != nil {
		return err
	}
	return m.slide(c)
}

func splitRoles(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func unauthorized(detail string) error {
	return web.NewProblem(fiber.StatusUnauthorized, detail)
}

// SignIn starts an authenticated session under a new ID (so a session ID
// planted before sign-in is worthless), keeping the visitor's other data.
func (m *Manager) SignIn(c *fiber.Ctx, p Principal) error {
	sess, err := m.Get(c)
	if err != nil {
		return err
	}
	if err := m.regenerate(c, sess); err != nil {
		return err
	}
	sess.Set(keyUser, p.UserID)
	sess.Set(keyRoles, strings.Join(p.Roles, ","))
	c.Locals(principalKey{}, p)
	id := sess.ID()
	if err := m.Save(c, sess); err != nil {
		return err
	}
	// Remember the user's sessions, so they can all be ended at once.
	key := userSessionsKey(p.UserID)
	pipe := m.redis.TxPipeline()
	pipe.SAdd(c.UserContext(), key, id)
	pipe.Expire(c.UserContext(), key, Lifetime)
	_, err = pipe.Exec(c.UserContext())
	return err
}

func userSessionsKey(userID string) string { return "session:user:" + userID }

// EndUserSessions signs the user out everywhere except the session keep
// (the caller's own, from CurrentID; "" ends all), e.g. after a password
// reset or a change of roles.
func (m *Manager) EndUserSessions(ctx context.Context, userID, keep string) error {
	key := userSessionsKey(userID)
	ids, err := m.redis.SMembers(ctx, key).Result()
	if err != nil {
		return err
	}
	for _, id := range ids {
		if id == keep {
			continue
		}
		if err := m.redis.Del(ctx, id).Err(); err != nil {
			return err
		}
		if err := m.redis.SRem(ctx, key, id).Err(); err != nil {
			return err
		}
	}
	return nil
}

// CurrentID is the ID of the request's session, or "" without one.
func (m *Manager) CurrentID(c *fiber.Ctx) string {
	if c.Cookies(CookieName) == "" {
		return ""
	}
	sess, err := m.Get(c)
	if err != nil || sess.Fresh() {
		return ""
	}
	return sess.ID()
}

// SignOut ends the session and its data.
func (m *Manager) SignOut(c *fiber.Ctx) error {
	sess, err := m.Get(c)
	if err != nil {
		return err
	}
	c.Locals(principalKey{}, Principal{})
	token := sess.Get(keyCSRF)
	if err := m.destroy(c, sess); err != nil || token == "" {
		return err
	}
	// The visitor goes on as a guest with the same CSRF token: their next
	// unsafe request needs no new one.
	guest, err := m.Get(c)
	if err != nil {
		return err
	}
	guest.Set(keyCSRF, token)
	return m.Save(c, guest)
}

// keyCSRF is the session's CSRF token.
const keyCSRF = "csrf"

// csrfFailure is the refusal; the SPA recognises it by "CSRF" and retries
// once with a freshly issued token.
func csrfFailure() error {
	return web.NewProblem(fiber.StatusForbidden,
		"CSRF check failed: send the csrftoken cookie's value in the X-CSRFToken header (GET "+csrfPath+" issues one)")
}

// newCSRF refuses every unsafe request of a cookie session whose
// X-CSRFToken header is not the token kept in that session (the
// synchronizer token pattern: a token is good for its own session only).
// The session is read for the principal anyway, so the check costs no Redis
// call; fiber's CSRF middleware kept tokens in storage of their own, a
// Redis call per request (12–17 % of a cart add). Bearer calls carry no
// cookie, so no CSRF risk, and skip it; safe methods change nothing.
func newCSRF(m *Manager) web.Middleware {
	return web.Middleware{Order: web.OrderCSRF, Handler: func(c *fiber.Ctx) error {
		if From(c).Bearer || safeMethod(c.Method()) {
			return c.Next()
		}
		sess, err := m.Get(c)
		if err != nil {
			return err
		}
		want, got := sess.Get(keyCSRF), c.Get(CSRFHeader)
		if want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
			return csrfFailure()
		}
		return c.Next()
	}}
}

func safeMethod(method string) bool {
	switch method {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions, fiber.MethodTrace:
		return true
	}
	return false
}

const csrfPath = "/api/auth/csrf"

// routes serves GET /api/auth/csrf: the session's token, in the body and
// in the csrftoken cookie, which the SPA reads. A visitor without a session
// gets one (a guest's: its cookie); a stored session without a token (an
// old one) is given one.
func (m *Manager) routes(r fiber.Router) {
	r.Get(csrfPath, func(c *fiber.Ctx) error {
		sess, err := m.Get(c)
		if err != nil {
			return err
		}
		token, save := sess.Get(keyCSRF), sess.Fresh()
		if token == "" {
			token, save = rand.Text(), true
			sess.Set(keyCSRF, token)
		}
		if save {
			if err := m.Save(c, sess); err != nil {
				return err
			}
		}
		m.cookie(c, CSRFCookieName, token, Lifetime)
		c.Set(fiber.HeaderCacheControl, "no-store")
		return c.JSON(fiber.Map{"csrf_token": token})
	})
}

var spec = []byte(`
paths:
  /api/auth/csrf:
    get:
      summary: Issue a CSRF token
      description: >-
        The session's token (starting a session if there is none), also set as the csrftoken cookie; send it in
        X-CSRFToken on every unsafe request of a cookie session. It is good for this session only, kept across
        sign-in and sign-out.
      operationId: getCSRFToken
      tags: [auth]
      responses:
        "200":
          description: The token
          content:
            application/json:
              schema:
                type: object
                required: [csrf_token]
                additionalProperties: false
                properties:
                  csrf_token: {type: string, minLength: 16}
`)

// RequireRole lets through callers holding any of roles: anonymous callers
// get 401, signed-in callers without the role 403.
func RequireRole(roles ...string) fiber.Handler {
	need := strings.Join(roles, " or ")
	return func(c *fiber.Ctx) error {
		p := From(c)
		if !p.Authenticated() {
			return unauthorized("sign in first")
		}
		for _, r := range roles {
			if p.HasRole(r) {
				return c.Next()
			}
		}
		return web.NewProblem(fiber.StatusForbidden, "this needs the "+need+" role")
	}
}

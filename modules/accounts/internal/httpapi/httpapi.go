// Package httpapi is the accounts JSON API: decode, validate, call the
// service, encode; sessions are started and ended here.
package httpapi

import (
	_ "embed"
	"errors"
	"math"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"bazaar/modules/accounts"
	"bazaar/modules/accounts/internal/service"
	"bazaar/platform/session"
	"bazaar/platform/web"
)

// Spec is this API's part of the OpenAPI document.
//
//go:embed openapi.yaml
var Spec []byte

// API holds the handlers.
type API struct {
	svc      *service.Service
	sessions *session.Manager
}

// New registers the accounts routes.
func New(svc *service.Service, sessions *session.Manager) web.Routes {
	a := &API{svc: svc, sessions: sessions}
	return web.RoutesFunc(func(r fiber.Router) {
		r.Post("/api/auth/register", a.register)
		r.Post("/api/auth/login", a.login)
		r.Post("/api/auth/logout", a.logout)
		r.Post("/api/auth/password-reset", a.requestReset)
		r.Post("/api/auth/password-reset/confirm", a.confirmReset)
		r.Get("/api/auth/tokens", a.signedIn(a.listTokens))
		r.Post("/api/auth/tokens", a.signedIn(a.createToken))
		r.Delete("/api/auth/tokens/:id", a.signedIn(a.deleteToken))
		r.Get("/api/me", a.signedIn(a.me))
		r.Patch("/api/me", a.signedIn(a.updateMe))
		r.Post("/api/me/password", a.signedIn(a.changePassword))
		r.Get("/api/me/addresses", a.signedIn(a.listAddresses))
		r.Post("/api/me/addresses", a.signedIn(a.createAddress))
		r.Patch("/api/me/addresses/:id", a.signedIn(a.updateAddress))
		r.Delete("/api/me/addresses/:id", a.signedIn(a.deleteAddress))
		r.Get("/api/admin/users", admin, a.listUsers)
		r.Patch("/api/admin/users/:id", admin, a.updateUser)
	})
}

// signedIn answers 401 to anonymous callers.
func (a *API) signedIn(h fiber.Handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if !session.From(c).Authenticated() {
			return web.NewProblem(fiber.StatusUnauthorized, "sign in first")
		}
		return h(c)
	}
}

var admin = session.RequireRole(accounts.RoleAdmin)

// problem maps service errors onto HTTP; anything else is a 500.
func problem(c *fiber.Ctx, err error) error {
	var fields service.FieldErrors
	var tooMany service.TooManyAttempts
	switch {
	case errors.As(err, &fields):
		return web.Invalid(fields)
	case errors.As(err, &tooMany):
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(math.Ceil(tooMany.RetryAfter.Seconds()))))
		return web.NewProblem(fiber.StatusTooManyRequests, "too many failed sign-ins; try again later")
	case errors.Is(err, service.ErrEmailTaken):
		p := web.NewProblem(fiber.StatusConflict, "an account with this email exists; sign in or reset the password")
		p.Errors = map[string]string{"email": "is already registered"}
		return p
	case errors.Is(err, service.ErrInvalidCredentials):
		return web.NewProblem(fiber.StatusUnauthorized, "wrong email or password")
	case errors.Is(err, accounts.ErrUserNotFound):
		return web.NewProblem(fiber.StatusNotFound, "no such user")
	case errors.Is(err, accounts.ErrAddressNotFound):
		return web.NewProblem(fiber.StatusNotFound, "no such address")
	case errors.Is(err, service.ErrTokenNotFound):
		return web.NewProblem(fiber.StatusNotFound, "no such token")
	case errors.Is(err, service.ErrBadCursor):
		return web.BadParam("cursor", "is malformed; use next_cursor from the previous page")
	}
	return err
}

type userResponse struct {
	ID        string    `json:"id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	Roles     []string  `json:"roles"`
	CreatedAt time.Time `json:"created_at"`
}

func toResponse(u accounts.User) userResponse {
	roles := u.Roles
	if roles == nil {
		roles = []string{}
	}
	return userResponse{ID: u.ID, Email: u.Email, Name: u.Name, Roles: roles, CreatedAt: u.CreatedAt}
}

type registerRequest struct {
	Email    string `json:"email" validate:"required,max=254"`
	Password string `json:"password" validate:"required"`
	Name     string `json:"name" validate:"required"`
}

func (a *API) register(c *fiber.Ctx) error {
	var req registerRequest
	if err := web.Bind(c, &req); err != nil {
		return err
	}
	u, err := a.svc.Register(c.UserContext(), req.Email, req.Password, req.Name)
	if err != nil {
		return problem(c, err)
	}
	if err := a.sessions.SignIn(c, session.Principal{UserID: u.ID, Roles: u.Roles}); err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"user": toResponse(u)})
}

type loginRequest struct {
	Email    string `json:"email" validate:"required,max=254"`
	Password string `json:"password" validate:"required,max=1024"`
}

func (a *API) login(c *fiber.Ctx) error {
	var req loginRequest
	if err := web.Bind(c, &req); err != nil {
		return err
	}
	u, err := a.svc.Authenticate(c.UserContext(), req.Email, req.Password, web.ClientIP(c))
	if err != nil {
		return problem(c, err)
	}
	if err := a.sessions.SignIn(c, session.Principal{UserID: u.ID, Roles: u.Roles}); err != nil {
		return err
	}
	return c.JSON(fiber.Map{"user": toResponse(u)})
}

func (a *API) logout(c *fiber.Ctx) error {
	if c.Cookies(session.CookieName) != "" {
		if err := a.sessions.SignOut(c); err != nil {
			return err
		}
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (a *API) me(c *fiber.Ctx) error {
	u, err := a.svc.User(c.UserContext(), session.From(c).UserID)
	if err != nil {
		return problem(c, err)
	}
	return c.JSON(toResponse(u))
}

type updateMeRequest struct {
	Name *string `json:"name"`
}

func (a *API) updateMe(c *fiber.Ctx) error {
	var req updateMeRequest
	if err := web.Bind(c, &req); err != nil {
		return err
	}
	if req.Name == nil {
		return a.me(c)
	}
	u, err := a.svc.UpdateName(c.UserContext(), session.From(c).UserID, *req.Name)
	if err != nil {
		return problem(c, err)
	}
	return c.JSON(toResponse(u))
}

type changePasswordRequest struct {
	Current string `json:"current_password" validate:"required"`
	New     string `json:"new_password" validate:"required"`
}

// changePassword ends the user's other sessions and rotates this one.
func (a *API) changePassword(c *fiber.Ctx) error {
	var req changePasswordRequest
	if err := web.Bind(c, &req); err != nil {
		return err
	}
	p := session.From(c)
	if err := a.svc.ChangePassword(c.UserContext(), p.UserID, req.Current, req.New); err != nil {
		return problem(c, err)
	}
	if err := a.sessions.EndUserSessions(c.UserContext(), p.UserID, a.sessions.CurrentID(c)); err != nil {
		return err
	}
	if !p.Bearer {
		if err := a.sessions.SignIn(c, p); err != nil {
			return err
		}
	}
	return c.SendStatus(fiber.StatusNoContent)
}

type resetRequest struct {
	Email string `json:"email" validate:"required,max=254"`
}

func (a *API) requestReset(c *fiber.Ctx) error {
	var req resetRequest
	if err := web.Bind(c, &req); err != nil {
		return err
	}
	if err := a.svc.RequestPasswordReset(c.UserContext(), req.Email); err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(fiber.Map{})
}

type confirmResetRequest struct {
	Token    string `json:"token" validate:"required,max=100"`
	Password string `json:"password" validate:"required"`
}

func (a *API) confirmReset(c *fiber.Ctx) error {
	var req confirmResetRequest
	if err := web.Bind(c, &req); err != nil {
		return err
	}
	userID, err := a.svc.ConfirmPasswordReset(c.UserContext(), req.Token, req.Password)
	if err != nil {
		return problem(c, err)
	}
	if err := a.sessions.EndUserSessions(c.UserContext(), userID, ""); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

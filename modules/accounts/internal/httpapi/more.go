package httpapi

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"bazaar/modules/accounts"
	"bazaar/modules/accounts/internal/service"
	"bazaar/platform/session"
	"bazaar/platform/web"
)

type addressRequest struct {
	Name              *string `json:"name"`
	Line1             *string `json:"line1"`
	Line2             *string `json:"line2"`
	City              *string `json:"city"`
	PostalCode        *string `json:"postal_code"`
	Region            *string `json:"region"`
	Country           *string `json:"country"`
	Phone             *string `json:"phone"`
	IsDefaultShipping *bool   `json:"is_default_shipping"`
}

func (r addressRequest) fields() service.AddressFields {
	return service.AddressFields{Name: r.Name, Line1: r.Line1, Line2: r.Line2, City: r.City, PostalCode: r.PostalCode,
		Region: r.Region, Country: r.Country, Phone: r.Phone, IsDefaultShipping: r.IsDefaultShipping}
}

type addressResponse struct {
	ID                string `json:"id"`
	Name              string `json:"name"`
	Line1             string `json:"line1"`
	Line2             string `json:"line2"`
	City              string `json:"city"`
	PostalCode        string `json:"postal_code"`
	Region            string `json:"region"`
	Country           string `json:"country"`
	Phone             string `json:"phone"`
	IsDefaultShipping bool   `json:"is_default_shipping"`
}

func toAddressResponse(a accounts.Address) addressResponse {
	return addressResponse{ID: a.ID, Name: a.Name, Line1: a.Line1, Line2: a.Line2, City: a.City, PostalCode: a.PostalCode,
		Region: a.Region, Country: a.Country, Phone: a.Phone, IsDefaultShipping: a.IsDefaultShipping}
}

func (a *API) listAddresses(c *fiber.Ctx) error {
	list, err := a.svc.Addresses(c.UserContext(), session.From(c).UserID)
	if err != nil {
		return err
	}
	items := make([]addressResponse, len(list))
	for i, ad := range list {
		items[i] = toAddressResponse(ad)
	}
	return c.JSON(fiber.Map{"items": items})
}

func (a *API) createAddress(c *fiber.Ctx) error { return a.saveAddress(c, "", fiber.StatusCreated) }

func (a *API) updateAddress(c *fiber.Ctx) error {
	return a.saveAddress(c, c.Params("id"), fiber.StatusOK)
}

func (a *API) saveAddress(c *fiber.Ctx, id string, status int) error {
	var req addressRequest
	if err := web.Bind(c, &req); err != nil {
		return err
	}
	ad, err := a.svc.SaveAddress(c.UserContext(), session.From(c).UserID, id, req.fields())
	if err != nil {
		return problem(c, err)
	}
	return c.Status(status).JSON(toAddressResponse(ad))
}

func (a *API) deleteAddress(c *fiber.Ctx) error {
	if err := a.svc.DeleteAddress(c.UserContext(), session.From(c).UserID, c.Params("id")); err != nil {
		return problem(c, err)
	}
	return c.SendStatus(fiber.StatusNoContent)
}

type tokenResponse struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	Token      string     `json:"token,omitempty"`
}

func (a *API) listTokens(c *fiber.Ctx) error {
	list, err := a.svc.Tokens(c.UserContext(), session.From(c).UserID)
	if err != nil {
		return err
	}
	items := make([]tokenResponse, len(list))
	for i, t := range list {
		items[i] = tokenResponse{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt, LastUsedAt: t.LastUsedAt}
	}
	return c.JSON(fiber.Map{"items": items})
}

type createTokenRequest struct {
	Name string `json:"name" validate:"required"`
}

func (a *API) createToken(c *fiber.Ctx) error {
	var req createTokenRequest
	if err := web.Bind(c, &req); err != nil {
		return err
	}
	t, secret, err := a.svc.CreateToken(c.UserContext(), session.From(c).UserID, req.Name)
	if err != nil {
		return problem(c, err)
	}
	return c.Status(fiber.StatusCreated).JSON(tokenResponse{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt, Token: secret})
}

func (a *API) deleteToken(c *fiber.Ctx) error {
	if err := a.svc.DeleteToken(c.UserContext(), session.From(c).UserID, c.Params("id")); err != nil {
		return problem(c, err)
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (a *API) listUsers(c *fiber.Ctx) error {
	limit := 20
	if raw := c.Query("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > 100 {
			return web.BadParam("limit", "must be a whole number from 1 to 100")
		}
		limit = n
	}
	users, next, err := a.svc.ListUsers(c.UserContext(), c.Query("q"), c.Query("cursor"), limit)
	if err != nil {
		return problem(c, err)
	}
	items := make([]userResponse, len(users))
	for i, u := range users {
		items[i] = toResponse(u)
	}
	var cursor *string
	if next != "" {
		cursor = &next
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": cursor})
}

type updateUserRequest struct {
	Roles []string `json:"roles" validate:"required"`
}

// updateUser sets roles and ends the user's sessions so they apply at once
// (the caller's own session is renewed with the new roles instead).
func (a *API) updateUser(c *fiber.Ctx) error {
	var req updateUserRequest
	if err := web.Bind(c, &req); err != nil {
		return err
	}
	actor := session.From(c)
	u, err := a.svc.SetRoles(c.UserContext(), actor.UserID, c.Params("id"), req.Roles)
	if err != nil {
		return problem(c, err)
	}
	keep := ""
	if u.ID == actor.UserID {
		keep = a.sessions.CurrentID(c)
	}
	if err := a.sessions.EndUserSessions(c.UserContext(), u.ID, keep); err != nil {
		return err
	}
	if keep != "" && !actor.Bearer {
		if err := a.sessions.SignIn(c, session.Principal{UserID: u.ID, Roles: u.Roles}); err != nil {
			return err
		}
	}
	return c.JSON(toResponse(u))
}

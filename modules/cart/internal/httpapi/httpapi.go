// Package httpapi is the cart's JSON API.
package httpapi

import (
	"crypto/rand"
	_ "embed"
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"bazaar/modules/cart"
	"bazaar/modules/cart/internal/service"
	"bazaar/modules/cart/internal/store"
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

// New registers the cart routes.
func New(svc *service.Service, sessions *session.Manager) web.Routes {
	a := &API{svc: svc, sessions: sessions}
	return web.RoutesFunc(func(r fiber.Router) {
		r.Get("/api/cart", a.get)
		r.Post("/api/cart/items", a.add)
		r.Patch("/api/cart/items/:id", a.update)
		r.Delete("/api/cart/items/:id", a.remove)
		r.Post("/api/cart/discount", a.applyDiscount)
		r.Delete("/api/cart/discount", a.removeDiscount)
		g := r.Group("/api/admin/discounts")
		g.Get("", staff, a.listDiscounts)
		g.Post("", staff, a.createDiscount)
		g.Patch("/:id", staff, a.updateDiscount)
		g.Delete("/:id", staff, a.deleteDiscount)
	})
}

// GuestKey is the session value naming a guest's cart: a secret a guest
// session derives (session.AsGuestValue), so a guest's add reads and
// writes no session.
const GuestKey = "cart_guest_key"

// owner resolves whose cart this request is about. A signed-in user with
// a guest cart from before signing in has it merged first; the merge's
// warnings come back with this response. A guest session derives its key;
// with create, a guest's stored session without one (after sign-out) gets
// one.
func (a *API) owner(c *fiber.Ctx, create bool) (cart.Owner, []cart.Warning, error) {
	p := session.From(c)
	sess, err := a.sessions.Get(c)
	if err != nil {
		return cart.Owner{}, nil, err
	}
	key := sess.Get(GuestKey)
	if p.Authenticated() {
		if key == "" || p.Bearer {
			return cart.Owner{UserID: p.UserID}, nil, nil
		}
		merged, err := a.svc.Merge(c.UserContext(), p.UserID, key)
		if err != nil {
			return cart.Owner{}, nil, err
		}
		sess.Delete(GuestKey)
		if err := a.sessions.Save(c, sess); err != nil {
			return cart.Owner{}, nil, err
		}
		return cart.Owner{UserID: p.UserID}, merged.Warnings, nil
	}
	if key == "" && create {
		key = rand.Text()
		sess.Set(GuestKey, key)
		if err := a.sessions.Save(c, sess); err != nil {
			return cart.Owner{}, nil, err
		}
	}
	return cart.Owner{GuestKey: key}, nil, nil
}

// respond sends the cart with earlier warnings (from a merge) first.
func respond(c *fiber.Ctx, cc cart.Cart, err error, pending []cart.Warning) error {
	if err != nil {
		return problem(err)
	}
	cc.Warnings = append(pending, cc.Warnings...)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return send(c, cc)
}

func (a *API) get(c *fiber.Ctx) error {
	owner, warnings, err := a.owner(c, false)
	if err != nil {
		return err
	}
	cc, err := a.svc.Current(c.UserContext(), owner)
	return respond(c, cc, err, warnings)
}

type addRequest struct {
	VariantID string `json:"variant_id" validate:"required,max=64"`
	Quantity  int    `json:"quantity"`
}

func (a *API) add(c *fiber.Ctx) error {
	var req addRequest
	if err := web.Bind(c, &req); err != nil {
		return err
	}
	owner, warnings, err := a.owner(c, true)
	if err != nil {
		return err
	}
	cc, err := a.svc.AddItem(c.UserContext(), owner, req.VariantID, req.Quantity)
	return respond(c, cc, err, warnings)
}

type quantityRequest struct {
	Quantity int `json:"quantity"`
}

func (a *API) update(c *fiber.Ctx) error {
	var req quantityRequest
	if err := web.Bind(c, &req); err != nil {
		return err
	}
	owner, warnings, err := a.owner(c, false)
	if err != nil {
		return err
	}
	cc, err := a.svc.SetQuantity(c.UserContext(), owner, c.Params("id"), req.Quantity)
	return respond(c, cc, err, warnings)
}

func (a *API) remove(c *fiber.Ctx) error {
	owner, warnings, err := a.owner(c, false)
	if err != nil {
		return err
	}
	cc, err := a.svc.RemoveItem(c.UserContext(), owner, c.Params("id"))
	return respond(c, cc, err, warnings)
}

type codeRequest struct {
	Code string `json:"code" validate:"required,max=64"`
}

func (a *API) applyDiscount(c *fiber.Ctx) error {
	var req codeRequest
	if err := web.Bind(c, &req); err != nil {
		return err
	}
	owner, warnings, err := a.owner(c, false)
	if err != nil {
		return err
	}
	cc, err := a.svc.ApplyDiscount(c.UserContext(), owner, req.Code)
	return respond(c, cc, err, warnings)
}

func (a *API) removeDiscount(c *fiber.Ctx) error {
	owner, warnings, err := a.owner(c, false)
	if err != nil {
		return err
	}
	cc, err := a.svc.RemoveDiscount(c.UserContext(), owner)
	return respond(c, cc, err, warnings)
}

// problem maps cart errors to HTTP; anything else is a 500.
func problem(err error) error {
	var notEnough service.NotEnough
	var mismatch service.CurrencyMismatch
	var rejected service.CodeRejected
	var fields service.FieldErrors
	switch {
	case errors.Is(err, service.ErrBadQuantity):
		return web.Invalid(map[string]string{"quantity": "must be 1 to 99 (per line)"})
	case errors.Is(err, service.ErrVariantNotFound):
		return web.NewProblem(fiber.StatusNotFound, "no buyable product variant has this ID")
	case errors.Is(err, service.ErrLineNotFound):
		return web.NewProblem(fiber.StatusNotFound, "your cart has no such line")
	case errors.As(err, &notEnough):
		p := web.NewProblem(fiber.StatusConflict, "only "+strconv.Itoa(notEnough.Available)+" of this item are available")
		p.Errors = map[string]string{"quantity": "only " + strconv.Itoa(notEnough.Available) + " available"}
		return p
	case errors.As(err, &mismatch):
		return web.NewProblem(fiber.StatusConflict, "this cart is in "+mismatch.Cart+"; the item is priced in "+mismatch.Variant)
	case errors.As(err, &rejected):
		return web.Invalid(map[string]string{"code": rejected.Reason})
	case errors.As(err, &fields):
		return web.Invalid(fields)
	case errors.Is(err, store.ErrNotFound):
		return web.NewProblem(fiber.StatusNotFound, "no such discount")
	case errors.Is(err, store.ErrConflict):
		return web.NewProblem(fiber.StatusConflict, "a discount with this code exists")
	}
	return err
}

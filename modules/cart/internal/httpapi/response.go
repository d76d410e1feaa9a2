package httpapi

import (
	"slices"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"bazaar/modules/cart"
	"bazaar/modules/cart/internal/service"
	"bazaar/modules/cart/internal/store"
	"bazaar/platform/session"
	"bazaar/platform/web"
)

type money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

func toMoney(m cart.Money) money { return money(m) }

type image struct {
	URL string `json:"url"`
	Alt string `json:"alt"`
}

type item struct {
	ID          string            `json:"id"`
	VariantID   string            `json:"variant_id"`
	ProductSlug string            `json:"product_slug"`
	Name        string            `json:"name"`
	Options     map[string]string `json:"options"`
	Image       *image            `json:"image"`
	Quantity    int               `json:"quantity"`
	UnitPrice   money             `json:"unit_price"`
	LineTotal   money             `json:"line_total"`
	Available   int               `json:"available"`
}

type warning struct {
	LineID   *string `json:"line_id"`
	Kind     string  `json:"kind"`
	Message  string  `json:"message"`
	OldPrice *money  `json:"old_price,omitempty"`
	NewPrice *money  `json:"new_price,omitempty"`
}

type response struct {
	ID           *string   `json:"id"`
	Items        []item    `json:"items"`
	ItemCount    int       `json:"item_count"`
	Subtotal     money     `json:"subtotal"`
	Discount     money     `json:"discount"`
	Total        money     `json:"total"`
	DiscountCode *string   `json:"discount_code"`
	Warnings     []warning `json:"warnings"`
	images       []image   // the items' images, one allocation for all
}

// responses are reused: an add's answer was its largest allocation after
// the cart itself (~2 KB for ten lines). Their slices start empty, not nil,
// so an empty cart's items and warnings are [], not null.
var responses = sync.Pool{New: func() any { return &response{Items: []item{}, Warnings: []warning{}} }}

// noOptions stands for a line without options; never written to.
var noOptions = map[string]string{}

// send answers c with the cart.
func send(c *fiber.Ctx, cc cart.Cart) error {
	r := responses.Get().(*response)
	r.fill(cc)
	err := web.JSON(c, r)
	clear(r.Items) // hold no cart's strings while pooled
	clear(r.Warnings)
	clear(r.images)
	responses.Put(r)
	return err
}

// fill sets r to the cart, reusing r's slices.
func (r *response) fill(c cart.Cart) {
	*r = response{Items: slices.Grow(r.Items[:0], len(c.Lines))[:len(c.Lines)], ItemCount: c.ItemCount,
		Subtotal: toMoney(c.Subtotal), Discount: toMoney(c.Discount), Total: toMoney(c.Total),
		Warnings: slices.Grow(r.Warnings[:0], len(c.Warnings))[:len(c.Warnings)],
		images:   slices.Grow(r.images[:0], len(c.Lines))[:len(c.Lines)]}
	if c.ID != "" {
		r.ID = &c.ID
	}
	if c.DiscountCode != "" {
		r.DiscountCode = &c.DiscountCode
	}
	for i, l := range c.Lines {
		opts := l.Options
		if opts == nil {
			opts = noOptions
		}
		r.Items[i] = item{ID: l.ID, VariantID: l.VariantID, ProductSlug: l.ProductSlug, Name: l.Name, Options: opts,
			Quantity: l.Quantity, UnitPrice: toMoney(l.UnitPrice), LineTotal: toMoney(l.LineTotal), Available: l.Available}
		if l.ImageURL != "" {
			r.images[i] = image{l.ImageURL, l.ImageAlt}
			r.Items[i].Image = &r.images[i]
		}
	}
	for i, w := range c.Warnings {
		r.Warnings[i] = warning{Kind: w.Kind, Message: w.Message}
		if w.LineID != "" {
			id := w.LineID
			r.Warnings[i].LineID = &id
		}
		if w.OldPrice != nil {
			old, now := toMoney(*w.OldPrice), toMoney(*w.NewPrice)
			r.Warnings[i].OldPrice, r.Warnings[i].NewPrice = &old, &now
		}
	}
}

// staff lets staff and admins manage discounts.
var staff = session.RequireRole("staff", "admin")

type discount struct {
	ID               string     `json:"id"`
	Code             string     `json:"code"`
	Kind             string     `json:"kind"`
	Value            int64      `json:"value"`
	Currency         string     `json:"currency"`
	MinSubtotal      int64      `json:"min_subtotal"`
	StartsAt         *time.Time `json:"starts_at"`
	EndsAt           *time.Time `json:"ends_at"`
	UsageLimit       *int       `json:"usage_limit"`
	PerCustomerLimit *int       `json:"per_customer_limit"`
	Used             int        `json:"used"`
	Active           bool       `json:"active"`
}

func toDiscount(d store.Discount) discount {
	return discount{ID: d.ID, Code: d.Code, Kind: d.Kind, Value: d.Value, Currency: d.Currency, MinSubtotal: d.MinSubtotal,
		StartsAt: d.StartsAt, EndsAt: d.EndsAt, UsageLimit: d.UsageLimit, PerCustomerLimit: d.PerCustomerLimit,
		Used: d.Used, Active: d.Active}
}

func (a *API) listDiscounts(c *fiber.Ctx) error {
	rows, err := a.svc.Discounts(c.UserContext())
	if err != nil {
		return err
	}
	items := make([]discount, len(rows))
	for i, d := range rows {
		items[i] = toDiscount(d)
	}
	return c.JSON(fiber.Map{"items": items})
}

// discountBody uses json.RawMessage-free optional fields: an explicit null
// clears a limit or a date.
type discountBody struct {
	Code             *string                 `json:"code"`
	Kind             *string                 `json:"kind"`
	Value            *int64                  `json:"value"`
	Currency         *string                 `json:"currency"`
	MinSubtotal      *int64                  `json:"min_subtotal"`
	StartsAt         web.Optional[time.Time] `json:"starts_at"`
	EndsAt           web.Optional[time.Time] `json:"ends_at"`
	UsageLimit       web.Optional[int]       `json:"usage_limit"`
	PerCustomerLimit web.Optional[int]       `json:"per_customer_limit"`
	Active           *bool                   `json:"active"`
}

func (b discountBody) input() service.DiscountInput {
	return service.DiscountInput{Code: b.Code, Kind: b.Kind, Value: b.Value, Currency: b.Currency, MinSubtotal: b.MinSubtotal,
		StartsAt: b.StartsAt.Value, ClearStartsAt: b.StartsAt.Null, EndsAt: b.EndsAt.Value, ClearEndsAt: b.EndsAt.Null,
		UsageLimit: b.UsageLimit.Value, ClearUsageLimit: b.UsageLimit.Null,
		PerCustomerLimit: b.PerCustomerLimit.Value, ClearPerCustomerLim: b.PerCustomerLimit.Null, Active: b.Active}
}

func (a *API) saveDiscount(c *fiber.Ctx, id string, status int) error {
	var b discountBody
	if err := web.Bind(c, &b); err != nil {
		return err
	}
	d, err := a.svc.SaveDiscount(c.UserContext(), id, b.input())
	if err != nil {
		return problem(err)
	}
	return c.Status(status).JSON(toDiscount(d))
}

func (a *API) createDiscount(c *fiber.Ctx) error { return a.saveDiscount(c, "", fiber.StatusCreated) }
func (a *API) updateDiscount(c *fiber.Ctx) error {
	return a.saveDiscount(c, c.Params("id"), fiber.StatusOK)
}

func (a *API) deleteDiscount(c *fiber.Ctx) error {
	if err := a.svc.DeleteDiscount(c.UserContext(), c.Params("id")); err != nil {
		return problem(err)
	}
	return c.SendStatus(fiber.StatusNoContent)
}

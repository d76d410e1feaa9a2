package httpapi

import (
	_ "embed"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"bazaar/modules/catalog/internal/service"
	"bazaar/modules/catalog/internal/store"
	"bazaar/platform/session"
	"bazaar/platform/web"
)

// AdminSpec is the back office's part of the OpenAPI document.
//
//go:embed admin.yaml
var AdminSpec []byte

// NewAdmin registers the back-office routes, for staff and admins.
func NewAdmin(svc *service.Service) web.Routes {
	a := &API{svc: svc}
	return web.RoutesFunc(func(r fiber.Router) {
		g := r.Group("/api/admin")
		g.Get("/products/export", staff, a.exportCSV)
		g.Post("/products/import", staff, a.importCSV)
		g.Get("/products", staff, a.adminList)
		g.Post("/products", staff, a.createProduct)
		g.Get("/products/:id", staff, a.adminProduct)
		g.Patch("/products/:id", staff, a.updateProduct)
		g.Delete("/products/:id", staff, a.archiveProduct)
		g.Post("/products/:id/variants", staff, a.addVariant)
		g.Patch("/variants/:id", staff, a.updateVariant)
		g.Get("/variants/:id/movements", staff, a.movements)
		g.Post("/inventory/adjustments", staff, a.adjust)
		g.Get("/jobs/:id", staff, a.job)
		g.Post("/categories", staff, a.createCategory)
		g.Patch("/categories/:id", staff, a.updateCategory)
		g.Delete("/categories/:id", staff, a.deleteCategory)
	})
}

// staff guards each back-office route, not the /api/admin prefix, which
// other modules share.
var staff = session.RequireRole("staff", "admin")

// adminProblem maps back-office errors; anything else is a 500.
func adminProblem(err error, what string) error {
	var fields service.FieldErrors
	switch {
	case errors.As(err, &fields):
		return web.Invalid(fields)
	case errors.Is(err, service.ErrNotFound):
		return web.NewProblem(fiber.StatusNotFound, "no such "+what)
	case errors.Is(err, service.ErrConflict):
		p := web.NewProblem(fiber.StatusConflict, "the slug or SKU is already used")
		return p
	case errors.Is(err, service.ErrInUse):
		return web.NewProblem(fiber.StatusConflict, "the category still has sub-categories or products")
	case errors.Is(err, service.ErrBadCursor):
		return web.BadParam("cursor", "is malformed; use next_cursor from the previous page")
	}
	return err
}

type adminVariant struct {
	ID        string            `json:"id"`
	SKU       string            `json:"sku"`
	Options   map[string]string `json:"options"`
	Price     money             `json:"price"`
	CompareAt *money            `json:"compare_at_price"`
	OnHand    int               `json:"on_hand"`
	Reserved  int               `json:"reserved"`
	Position  int               `json:"position"`
}

func toAdminVariant(v store.Variant) adminVariant {
	out := adminVariant{ID: v.ID, SKU: v.SKU, Options: service.Options(v), Price: money{v.Price, v.Currency},
		OnHand: v.OnHand, Reserved: v.Reserved, Position: v.Position}
	if v.CompareAtPrice != nil {
		out.CompareAt = &money{*v.CompareAtPrice, v.Currency}
	}
	return out
}

type adminProduct struct {
	ID          string            `json:"id"`
	Slug        string            `json:"slug"`
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Status      string            `json:"status"`
	Category    *string           `json:"category"`
	Attributes  map[string]string `json:"attributes"`
	Images      []service.Image   `json:"images"`
	Price       money             `json:"price"`
	InStock     bool              `json:"in_stock"`
	CreatedAt   time.Time         `json:"created_at"`
	UpdatedAt   time.Time         `json:"updated_at"`
	Variants    []adminVariant    `json:"variants,omitempty"`
}

func (a *API) toAdmin(c *fiber.Ctx, p store.Product, withVariants bool) (adminProduct, error) {
	out := adminProduct{ID: p.ID, Slug: p.Slug, Name: p.Name, Description: p.Description, Status: p.Status,
		Attributes: service.Attributes(p), Images: service.Images(p), Price: money{p.Price, p.Currency},
		InStock: p.InStock, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	if out.Images == nil {
		out.Images = []service.Image{}
	}
	if p.CategoryPath != "" {
		slug := lastSegment(p.CategoryPath)
		out.Category = &slug
	}
	if withVariants {
		vs, err := a.svc.Store().VariantsOf(c.UserContext(), p.ID)
		if err != nil {
			return out, err
		}
		out.Variants = make([]adminVariant, len(vs))
		for i, v := range vs {
			out.Variants[i] = toAdminVariant(v)
		}
	}
	return out, nil
}

// lastSegment is the category slug at the end of a path "/a/b/".
func lastSegment(path string) string {
	trimmed := path[:len(path)-1]
	for i := len(trimmed) - 1; i >= 0; i-- {
		if trimmed[i] == '/' {
			return trimmed[i+1:]
		}
	}
	return trimmed
}

func (a *API) adminList(c *fiber.Ctx) error {
	f := store.AdminFilter{Q: strings.TrimSpace(c.Query("q")), Status: c.Query("status"), Cursor: c.Query("cursor"), Limit: 50}
	if f.Q != "" && utf8.RuneCountInString(f.Q) < store.MinAdminQuery {
		return web.BadParam("q", fmt.Sprintf("must be at least %d characters", store.MinAdminQuery))
	}
	if raw := c.Query("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > 200 {
			return web.BadParam("limit", "must be a whole number from 1 to 200")
		}
		f.Limit = n
	}
	switch f.Status {
	case "", "draft", "active", "archived":
	default:
		return web.BadParam("status", "must be draft, active or archived")
	}
	if slug := c.Query("category"); slug != "" {
		cat, err := a.svc.Store().CategoryBySlug(c.UserContext(), slug)
		if errors.Is(err, store.ErrNotFound) {
			return web.BadParam("category", "no category has this slug")
		} else if err != nil {
			return err
		}
		f.CategoryPath = cat.Path
	}
	rows, next, err := a.svc.Store().AdminProducts(c.UserContext(), f)
	if err != nil {
		return adminProblem(err, "product")
	}
	items := make([]adminProduct, len(rows))
	for i, p := range rows {
		if items[i], err = a.toAdmin(c, p, false); err != nil {
			return err
		}
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": nullable(next)})
}

type productBody struct {
	Name        *string            `json:"name"`
	Slug        *string            `json:"slug"`
	Description *string            `json:"description"`
	Status      *string            `json:"status"`
	Category    *string            `json:"category"`
	Attributes  *map[string]string `json:"attributes"`
	Images      *[]service.Image   `json:"images"`
	Variants    []variantBody      `json:"variants"`
}

func (b productBody) input() service.ProductInput {
	return service.ProductInput{Name: b.Name, Slug: b.Slug, Description: b.Description, Status: b.Status,
		Category: b.Category, Attributes: b.Attributes, Images: b.Images}
}

type variantBody struct {
	SKU       *string             `json:"sku"`
	Options   *map[string]string  `json:"options"`
	Price     *int64              `json:"price"`
	CompareAt web.Optional[int64] `json:"compare_at_price"`
	Currency  *string             `json:"currency"`
	OnHand    *int                `json:"on_hand"`
}

func (b variantBody) input() service.VariantInput {
	in := service.VariantInput{SKU: b.SKU, Options: b.Options, Price: b.Price, Currency: b.Currency, OnHand: b.OnHand}
	in.CompareAt, in.ClearCompareAt = b.CompareAt.Value, b.CompareAt.Null
	return in
}

func (a *API) createProduct(c *fiber.Ctx) error {
	var b productBody
	if err := web.Bind(c, &b); err != nil {
		return err
	}
	vs := make([]service.VariantInput, len(b.Variants))
	for i, v := range b.Variants {
		vs[i] = v.input()
	}
	p, err := a.svc.CreateProduct(c.UserContext(), b.input(), vs)
	if err != nil {
		return adminProblem(err, "product")
	}
	out, err := a.toAdmin(c, p, true)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(out)
}

func (a *API) adminProduct(c *fiber.Ctx) error {
	p, err := a.svc.Store().ProductByID(c.UserContext(), c.Params("id"))
	if err != nil {
		return adminProblem(err, "product")
	}
	out, err := a.toAdmin(c, p, true)
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (a *API) updateProduct(c *fiber.Ctx) error {
	var b productBody
	if err := web.Bind(c, &b); err != nil {
		return err
	}
	p, err := a.svc.UpdateProduct(c.UserContext(), c.Params("id"), b.input())
	if err != nil {
		return adminProblem(err, "product")
	}
	out, err := a.toAdmin(c, p, true)
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (a *API) archiveProduct(c *fiber.Ctx) error {
	if err := a.svc.ArchiveProduct(c.UserContext(), c.Params("id")); err != nil {
		return adminProblem(err, "product")
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (a *API) addVariant(c *fiber.Ctx) error {
	var b variantBody
	if err := web.Bind(c, &b); err != nil {
		return err
	}
	v, err := a.svc.AddVariant(c.UserContext(), c.Params("id"), b.input())
	if err != nil {
		return adminProblem(err, "product")
	}
	return c.Status(fiber.StatusCreated).JSON(toAdminVariant(v))
}

func (a *API) updateVariant(c *fiber.Ctx) error {
	var b variantBody
	if err := web.Bind(c, &b); err != nil {
		return err
	}
	if b.OnHand != nil {
		return web.Invalid(map[string]string{"on_hand": "change stock with POST /api/admin/inventory/adjustments"})
	}
	v, err := a.svc.UpdateVariant(c.UserContext(), c.Params("id"), b.input())
	if err != nil {
		return adminProblem(err, "variant")
	}
	return c.JSON(toAdminVariant(v))
}

type movement struct {
	ID        string    `json:"id"`
	Delta     int       `json:"delta"`
	Reason    string    `json:"reason"`
	Reference string    `json:"reference"`
	CreatedAt time.Time `json:"created_at"`
}

func (a *API) movements(c *fiber.Ctx) error {
	if _, err := a.svc.Store().VariantByID(c.UserContext(), c.Params("id")); err != nil {
		return adminProblem(err, "variant")
	}
	rows, err := a.svc.Store().Movements(c.UserContext(), c.Params("id"), 200)
	if err != nil {
		return err
	}
	items := make([]movement, len(rows))
	for i, m := range rows {
		items[i] = movement{m.ID, m.Delta, m.Reason, m.Reference, m.CreatedAt}
	}
	return c.JSON(fiber.Map{"items": items})
}

type adjustmentBody struct {
	VariantID string `json:"variant_id" validate:"required"`
	Delta     int    `json:"delta"`
	Reason    string `json:"reason"`
}

func (a *API) adjust(c *fiber.Ctx) error {
	var b adjustmentBody
	if err := web.Bind(c, &b); err != nil {
		return err
	}
	v, err := a.svc.AdjustStock(c.UserContext(), b.VariantID, b.Delta, b.Reason)
	if err != nil {
		return adminProblem(err, "variant")
	}
	return c.Status(fiber.StatusCreated).JSON(toAdminVariant(v))
}

type categoryBody struct {
	Name     *string `json:"name"`
	Slug     *string `json:"slug"`
	Parent   *string `json:"parent"`
	Position *int    `json:"position"`
}

type categoryOut struct {
	ID       string  `json:"id"`
	Slug     string  `json:"slug"`
	Name     string  `json:"name"`
	Parent   *string `json:"parent_id"`
	Path     string  `json:"path"`
	Position int     `json:"position"`
}

func (a *API) saveCategory(c *fiber.Ctx, id string, status int) error {
	var b categoryBody
	if err := web.Bind(c, &b); err != nil {
		return err
	}
	cat, err := a.svc.SaveCategory(c.UserContext(), id, service.CategoryInput{Name: b.Name, Slug: b.Slug, Parent: b.Parent, Position: b.Position})
	if err != nil {
		return adminProblem(err, "category")
	}
	return c.Status(status).JSON(categoryOut{cat.ID, cat.Slug, cat.Name, cat.ParentID, cat.Path, cat.Position})
}

func (a *API) createCategory(c *fiber.Ctx) error { return a.saveCategory(c, "", fiber.StatusCreated) }
func (a *API) updateCategory(c *fiber.Ctx) error {
	return a.saveCategory(c, c.Params("id"), fiber.StatusOK)
}

func (a *API) deleteCategory(c *fiber.Ctx) error {
	if err := a.svc.DeleteCategory(c.UserContext(), c.Params("id")); err != nil {
		return adminProblem(err, "category")
	}
	return c.SendStatus(fiber.StatusNoContent)
}

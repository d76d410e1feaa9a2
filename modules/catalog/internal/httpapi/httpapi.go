// Package httpapi is the catalog's storefront JSON API.
package httpapi

import (
	_ "embed"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	json "github.com/goccy/go-json"
	"github.com/gofiber/fiber/v2"

	"bazaar/modules/catalog"
	"bazaar/modules/catalog/internal/cache"
	"bazaar/modules/catalog/internal/service"
	"bazaar/modules/catalog/internal/store"
	"bazaar/platform/web"
)

// Spec is this API's part of the OpenAPI document.
//
//go:embed openapi.yaml
var Spec []byte

// API holds the handlers.
type API struct {
	svc   *service.Service
	cache *cache.Cache
}

// New registers the catalog routes.
func New(svc *service.Service, c *cache.Cache) web.Routes {
	a := &API{svc: svc, cache: c}
	return web.RoutesFunc(func(r fiber.Router) {
		r.Get("/api/products", a.list)
		r.Get("/api/products/:slug", a.detail)
		r.Get("/api/categories", a.categories)
		r.Get("/api/search/suggest", a.suggest)
		r.Get("/api/catalog/images/:name", placeholder)
	})
}

type money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

type image struct {
	URL string `json:"url"`
	Alt string `json:"alt"`
}

type summary struct {
	ID        string  `json:"id"`
	Slug      string  `json:"slug"`
	Name      string  `json:"name"`
	Price     money   `json:"price"`
	CompareAt *money  `json:"compare_at_price"`
	Image     *image  `json:"image"`
	InStock   bool    `json:"in_stock"`
	Category  *string `json:"category"`
}

func toSummary(p store.Product, cats map[string]store.Category) summary {
	s := summary{ID: p.ID, Slug: p.Slug, Name: p.Name, Price: money{p.Price, p.Currency}, InStock: p.InStock}
	if p.CompareAtPrice != nil {
		s.CompareAt = &money{*p.CompareAtPrice, p.Currency}
	}
	if imgs := service.Images(p); len(imgs) > 0 {
		s.Image = &image{imgs[0].URL, imgs[0].Alt}
	}
	if p.CategoryID != nil {
		if c, ok := cats[*p.CategoryID]; ok {
			s.Category = &c.Slug
		}
	}
	return s
}

var sorts = map[string]bool{store.SortRelevance: true, store.SortNewest: true, store.SortPriceAsc: true,
	store.SortPriceDesc: true, store.SortName: true}

// parseFilter reads the listing's query; every bad parameter is a 400 naming it.
func parseFilter(c *fiber.Ctx) (store.Filter, string, error) {
	f := store.Filter{Q: c.Query("q"), Limit: 20, Cursor: c.Query("cursor"), Attrs: map[string][]string{}}
	if len(f.Q) > 200 {
		return f, "", web.BadParam("q", "must be at most 200 characters")
	}
	if raw := c.Query("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > 100 {
			return f, "", web.BadParam("limit", "must be a whole number from 1 to 100")
		}
		f.Limit = n
	}
	f.Sort = c.Query("sort")
	switch {
	case f.Sort == "" && f.SearchText() != "":
		f.Sort = store.SortRelevance
	case f.Sort == "":
		f.Sort = store.SortNewest
	case !sorts[f.Sort]:
		return f, "", web.BadParam("sort", "must be one of relevance, newest, price_asc, price_desc, name")
	case f.Sort == store.SortRelevance && f.SearchText() == "":
		return f, "", web.BadParam("sort", "relevance needs a search query q")
	}
	for _, p := range []struct {
		name string
		dst  **int64
	}{{"min_price", &f.MinPrice}, {"max_price", &f.MaxPrice}} {
		if raw := c.Query(p.name); raw != "" {
			n, err := strconv.ParseInt(raw, 10, 64)
			if err != nil || n < 0 {
				return f, "", web.BadParam(p.name, "must be a whole number of minor units, 0 or more")
			}
			*p.dst = &n
		}
	}
	if f.MinPrice != nil && f.MaxPrice != nil && *f.MinPrice > *f.MaxPrice {
		return f, "", web.BadParam("min_price", "must not exceed max_price")
	}
	switch c.Query("in_stock") {
	case "", "false":
	case "true":
		f.InStock = true
	default:
		return f, "", web.BadParam("in_stock", "must be true or false")
	}
	var bad error
	c.Context().QueryArgs().VisitAll(func(k, v []byte) {
		name, ok := strings.CutPrefix(string(k), "attr.")
		if !ok || bad != nil {
			return
		}
		if name == "" || len(name) > 50 || len(v) > 100 {
			bad = web.BadParam(string(k), "attribute filters are attr.<name>=<value>")
			return
		}
		f.Attrs[name] = append(f.Attrs[name], string(v))
	})
	if bad != nil {
		return f, "", bad
	}
	return f, c.Query("category"), nil
}

// cacheControl lets browsers and CDNs reuse a page briefly and serve it
// stale while they revalidate; the ETag makes revalidation cheap.
const cacheControl = "public, max-age=30, stale-while-revalidate=300"

// send answers with a cached or fresh body, or 304 if the client has it.
func send(c *fiber.Ctx, e cache.Entry) error {
	c.Set(fiber.HeaderETag, e.ETag)
	c.Set(fiber.HeaderCacheControl, cacheControl)
	if inm := c.Get(fiber.HeaderIfNoneMatch); inm != "" && (inm == "*" || strings.Contains(inm, e.ETag)) {
		return c.SendStatus(fiber.StatusNotModified)
	}
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	return c.Send(e.Body)
}

// cached serves key from the cache, or renders, stores and serves it.
func (a *API) cached(c *fiber.Ctx, key string, render func() (any, error)) error {
	if e, ok := a.cache.Get(c.UserContext(), key); ok {
		return send(c, e)
	}
	v, err := render()
	if err != nil {
		return err
	}
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	e := cache.Entry{Body: body, ETag: cache.ETag(body)}
	a.cache.Set(c.UserContext(), key, e)
	return send(c, e)
}

// normalQuery is the query string with parameters sorted, so equal queries share a cache entry.
func normalQuery(c *fiber.Ctx) string {
	var parts []string
	c.Context().QueryArgs().VisitAll(func(k, v []byte) { parts = append(parts, url.QueryEscape(string(k))+"="+url.QueryEscape(string(v))) })
	slices.Sort(parts)
	return strings.Join(parts, "&")
}

func (a *API) list(c *fiber.Ctx) error {
	f, category, err := parseFilter(c)
	if err != nil {
		return err
	}
	return a.cached(c, a.cache.ListKey(c.UserContext(), normalQuery(c)), func() (any, error) { return a.render(c, category, f) })
}

func (a *API) render(c *fiber.Ctx, category string, f store.Filter) (any, error) {
	page, err := a.svc.List(c.UserContext(), category, f)
	switch {
	case errors.Is(err, service.ErrUnknownCategory):
		return nil, web.BadParam("category", "no category has this slug")
	case errors.Is(err, service.ErrBadCursor):
		return nil, web.BadParam("cursor", "is malformed or belongs to another sort; use next_cursor from the previous page")
	case err != nil:
		return nil, err
	}
	items := make([]summary, len(page.Items))
	for i, l := range page.Items {
		items[i] = toSummary(l.Product, page.Categories)
	}
	return fiber.Map{"items": items, "next_cursor": nullable(page.NextCursor), "facets": facets(page.Facets),
		"total": page.Facets.Total}, nil
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

type categoryCount struct {
	Slug  string `json:"slug"`
	Name  string `json:"name"`
	Count int    `json:"count"`
}

type valueCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

func facets(f store.Facets) fiber.Map {
	cats := make([]categoryCount, len(f.Categories))
	for i, c := range f.Categories {
		cats[i] = categoryCount(c)
	}
	attrs := map[string][]valueCount{}
	for _, a := range f.Attributes {
		attrs[a.Name] = append(attrs[a.Name], valueCount{a.Value, a.Count})
	}
	return fiber.Map{"categories": cats, "attributes": attrs, "approximate": f.Approximate,
		"price": fiber.Map{"min": f.MinPrice, "max": f.MaxPrice, "currency": "EUR"}}
}

type variant struct {
	ID        string            `json:"id"`
	SKU       string            `json:"sku"`
	Options   map[string]string `json:"options"`
	Price     money             `json:"price"`
	CompareAt *money            `json:"compare_at_price"`
	Available int               `json:"stock_available"`
}

type crumb struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

func (a *API) detail(c *fiber.Ctx) error {
	slug := c.Params("slug")
	return a.cached(c, a.cache.ProductKey(c.UserContext(), slug), func() (any, error) { return a.renderProduct(c, slug) })
}

func (a *API) renderProduct(c *fiber.Ctx, slug string) (any, error) {
	d, err := a.svc.Product(c.UserContext(), slug)
	if errors.Is(err, catalog.ErrProductNotFound) {
		return nil, web.NewProblem(fiber.StatusNotFound, "no product has this slug")
	}
	if err != nil {
		return nil, err
	}
	p := d.Product
	vs := make([]variant, len(d.Variants))
	for i, v := range d.Variants {
		vs[i] = variant{ID: v.ID, SKU: v.SKU, Options: service.Options(v), Price: money{v.Price, v.Currency},
			Available: max(v.OnHand-v.Reserved, 0)}
		if v.CompareAtPrice != nil {
			vs[i].CompareAt = &money{*v.CompareAtPrice, v.Currency}
		}
	}
	crumbs := make([]crumb, len(d.Breadcrumb))
	for i, cat := range d.Breadcrumb {
		crumbs[i] = crumb{cat.Slug, cat.Name}
	}
	imgs := make([]image, 0)
	for _, im := range service.Images(p) {
		imgs = append(imgs, image(im))
	}
	return fiber.Map{"id": p.ID, "slug": p.Slug, "name": p.Name, "description": p.Description,
		"attributes": service.Attributes(p), "images": imgs, "variants": vs, "breadcrumb": crumbs,
		"price": money{p.Price, p.Currency}, "in_stock": p.InStock}, nil
}

type node struct {
	ID       string  `json:"id"`
	Slug     string  `json:"slug"`
	Name     string  `json:"name"`
	Children []*node `json:"children"`
}

func toNodes(ns []*service.Node) []*node {
	out := make([]*node, len(ns))
	for i, n := range ns {
		out[i] = &node{ID: n.ID, Slug: n.Slug, Name: n.Name, Children: toNodes(n.Children)}
	}
	return out
}

func (a *API) categories(c *fiber.Ctx) error {
	tree, err := a.svc.Tree(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": toNodes(tree)})
}

func (a *API) suggest(c *fiber.Ctx) error {
	q := strings.TrimSpace(c.Query("q"))
	if q == "" || len(q) > 100 {
		return web.BadParam("q", "must be 1 to 100 characters")
	}
	s, err := a.svc.Suggest(c.UserContext(), q)
	if err != nil {
		return err
	}
	products := make([]fiber.Map, len(s.Products))
	for i, p := range s.Products {
		m := fiber.Map{"slug": p.Slug, "name": p.Name}
		if imgs := service.Images(p.Product); len(imgs) > 0 {
			m["image"] = image(imgs[0])
		}
		products[i] = m
	}
	cats := make([]crumb, len(s.Categories))
	for i, cat := range s.Categories {
		cats[i] = crumb{cat.Slug, cat.Name}
	}
	return c.JSON(fiber.Map{"products": products, "categories": cats})
}

var placeholderName = regexp.MustCompile(`^([0-9]{1,3})-([A-Z]{0,2})\.svg$`)

// placeholder draws the demo catalog's product pictures: a tinted square
// with the product's initials. The name fixes the picture, so it is immutable.
func placeholder(c *fiber.Ctx) error {
	m := placeholderName.FindStringSubmatch(c.Params("name"))
	if m == nil {
		return web.NewProblem(fiber.StatusNotFound, "no such image")
	}
	hue, _ := strconv.Atoi(m[1])
	hue %= 360
	c.Set(fiber.HeaderContentType, "image/svg+xml")
	c.Set(fiber.HeaderCacheControl, fmt.Sprintf("public, max-age=%d, immutable", int((365*24*time.Hour).Seconds())))
	return c.SendString(fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400">`+
		`<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(%d,55%%,72%%)"/>`+
		`<stop offset="1" stop-color="hsl(%d,50%%,52%%)"/></linearGradient></defs>`+
		`<rect width="400" height="400" fill="url(#g)"/>`+
		`<text x="200" y="235" font-family="system-ui,sans-serif" font-size="120" font-weight="600" text-anchor="middle" fill="rgba(255,255,255,.92)">%s</text></svg>`,
		hue, (hue+40)%360, m[2]))
}

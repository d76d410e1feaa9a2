package httpapi_test

import (
	"testing"

	"bazaar/modules/catalog/module"
	"bazaar/platform/session"
	"bazaar/platform/testkit"
)

// staffClient boots the catalog with a client acting as a staff member.
func staffClient(t *testing.T, b testkit.Backend) (*testkit.App, *testkit.Client) {
	app := testkit.Start(t, b, module.Module, testkit.Tokens(map[string]session.Principal{
		"staff": {UserID: "u-staff", Roles: []string{"customer", "staff"}},
	}))
	c := app.Client()
	c.Header.Set("Authorization", "Bearer staff")
	return app, c
}

type adminProduct struct {
	ID       string `json:"id"`
	Slug     string `json:"slug"`
	Status   string `json:"status"`
	Category *string
	Price    money `json:"price"`
	Variants []struct {
		ID       string `json:"id"`
		OnHand   int    `json:"on_hand"`
		Reserved int    `json:"reserved"`
		Price    money  `json:"price"`
	} `json:"variants"`
}

func TestAdminProductLifecycle(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		app, c := staffClient(t, b)
		if r := c.Post("/api/admin/categories", map[string]any{"name": "Hats"}); r.Status != 201 {
			t.Fatalf("category: %d %s", r.Status, r.Body)
		}
		body := map[string]any{"name": "Wool Beanie", "status": "active", "category": "hats",
			"attributes": map[string]string{"brand": "Kestrel"}, "description": "Warm.",
			"images": []map[string]string{{"url": "/api/catalog/images/10-WB.svg", "alt": "A beanie"}},
			"variants": []map[string]any{
				{"sku": "BEANIE-RED", "options": map[string]string{"colour": "Red"}, "price": 2500, "on_hand": 5},
				{"sku": "BEANIE-BLUE", "options": map[string]string{"colour": "Blue"}, "price": 2300, "compare_at_price": 2900, "on_hand": 0},
			}}
		var p adminProduct
		r := c.Post("/api/admin/products", body)
		r.JSON(t, &p)
		if r.Status != 201 || p.Slug != "wool-beanie" || len(p.Variants) != 2 || p.Price.Amount != 2300 {
			t.Fatalf("create: %d %s", r.Status, r.Body)
		}
		if r := c.Post("/api/admin/products", body); r.Status != 409 {
			t.Fatalf("duplicate slug/SKU: %d", r.Status)
		}
		bad := map[string]any{"name": "", "status": "sold", "variants": []map[string]any{{"sku": "bad sku", "price": -1}}}
		r = c.Post("/api/admin/products", bad)
		if r.Status != 422 {
			t.Fatalf("invalid: %d", r.Status)
		}
		for _, f := range []string{"name", "status", "variants[0].sku"} {
			if r.Problem(t).Errors[f] == "" {
				t.Errorf("no error for %s: %s", f, r.Body)
			}
		}

		shop := app.Client()
		if r := shop.Get("/api/products/wool-beanie"); r.Status != 200 {
			t.Fatalf("storefront: %d", r.Status)
		}
		// A price change shows on the next storefront request.
		if r := c.Patch("/api/admin/variants/"+p.Variants[1].ID, map[string]any{"price": 1900}); r.Status != 200 {
			t.Fatalf("price: %d %s", r.Status, r.Body)
		}
		var listing page
		shop.Get("/api/products?category=hats").JSON(t, &listing)
		if len(listing.Items) != 1 || listing.Items[0].Price.Amount != 1900 {
			t.Fatalf("listing after price change: %+v", listing.Items)
		}
		if r := c.Patch("/api/admin/variants/"+p.Variants[1].ID, map[string]any{"compare_at_price": 100}); r.Status != 422 {
			t.Fatalf("compare-at below price: %d", r.Status)
		}
		if r := c.Patch("/api/admin/variants/"+p.Variants[1].ID, map[string]any{"on_hand": 100}); r.Status != 422 {
			t.Fatalf("on_hand via PATCH: %d", r.Status)
		}

		// Stock moves only through adjustments, and never below what is reserved.
		var v struct {
			OnHand int `json:"on_hand"`
		}
		r = c.Post("/api/admin/inventory/adjustments", map[string]any{"variant_id": p.Variants[0].ID, "delta": 7, "reason": "delivery"})
		r.JSON(t, &v)
		if r.Status != 201 || v.OnHand != 12 {
			t.Fatalf("adjust: %d %s", r.Status, r.Body)
		}
		if r := c.Post("/api/admin/inventory/adjustments", map[string]any{"variant_id": p.Variants[0].ID, "delta": -13, "reason": "count"}); r.Status != 422 {
			t.Fatalf("below zero: %d", r.Status)
		}
		if r := c.Post("/api/admin/inventory/adjustments", map[string]any{"variant_id": p.Variants[0].ID, "delta": 1}); r.Status != 422 {
			t.Fatalf("no reason: %d", r.Status)
		}
		if r := c.Post("/api/admin/inventory/adjustments", map[string]any{"variant_id": "nope", "delta": 1, "reason": "x"}); r.Status != 404 {
			t.Fatalf("unknown variant: %d", r.Status)
		}
		var moves struct {
			Items []struct {
				Delta  int    `json:"delta"`
				Reason string `json:"reason"`
			} `json:"items"`
		}
		c.Get("/api/admin/variants/"+p.Variants[0].ID+"/movements").JSON(t, &moves)
		if len(moves.Items) != 2 || moves.Items[0].Reason != "delivery" || moves.Items[1].Delta != 5 {
			t.Fatalf("movements %+v", moves.Items)
		}

		// Archiving hides it from the storefront but keeps it for the back office.
		if r := c.Delete("/api/admin/products/" + p.ID); r.Status != 204 {
			t.Fatalf("archive: %d", r.Status)
		}
		if r := shop.Get("/api/products/wool-beanie"); r.Status != 404 {
			t.Fatalf("archived product in storefront: %d", r.Status)
		}
		c.Get("/api/admin/products/"+p.ID).JSON(t, &p)
		if p.Status != "archived" {
			t.Fatalf("status %s", p.Status)
		}
		var list struct {
			Items []adminProduct `json:"items"`
		}
		c.Get("/api/admin/products?q=beanie-red&status=archived").JSON(t, &list)
		if len(list.Items) != 1 {
			t.Fatalf("search by SKU: %d", len(list.Items))
		}
		for _, q := range []string{"WOOL", "ool-bean"} { // name and slug, in any case
			c.Get("/api/admin/products?q="+q).JSON(t, &list)
			if len(list.Items) != 1 || list.Items[0].ID != p.ID {
				t.Fatalf("search %q: %+v", q, list.Items)
			}
		}
		if r := c.Get("/api/admin/products?q=be"); r.Status != 400 || r.Problem(t).Errors["q"] == "" {
			t.Fatalf("a two-letter search: %d %s", r.Status, r.Body)
		}
	})
}

func TestAdminCategories(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		_, c := staffClient(t, b)
		var parent, child struct {
			ID   string `json:"id"`
			Path string `json:"path"`
		}
		c.Post("/api/admin/categories", map[string]any{"name": "Garden"}).JSON(t, &parent)
		r := c.Post("/api/admin/categories", map[string]any{"name": "Tools", "slug": "garden-tools", "parent": "garden"})
		r.JSON(t, &child)
		if r.Status != 201 || child.Path != "/garden/garden-tools/" {
			t.Fatalf("child: %d %s", r.Status, r.Body)
		}
		c.Post("/api/admin/products", map[string]any{"name": "Spade", "status": "active", "category": "garden-tools",
			"variants": []map[string]any{{"sku": "SPADE", "price": 1500}}})
		// Renaming the parent's slug moves the subtree and its products.
		if r := c.Patch("/api/admin/categories/"+parent.ID, map[string]any{"slug": "outdoor"}); r.Status != 200 {
			t.Fatalf("re-slug: %d %s", r.Status, r.Body)
		}
		var listing page
		c.Get("/api/products?category=outdoor").JSON(t, &listing)
		if len(listing.Items) != 1 {
			t.Fatalf("after moving, the subtree's product: %d", len(listing.Items))
		}
		if r := c.Patch("/api/admin/categories/"+parent.ID, map[string]any{"parent": "garden-tools"}); r.Status != 422 {
			t.Fatalf("cycle: %d", r.Status)
		}
		if r := c.Delete("/api/admin/categories/" + parent.ID); r.Status != 409 {
			t.Fatalf("delete in use: %d", r.Status)
		}
		if r := c.Post("/api/admin/categories", map[string]any{"name": "Again", "slug": "outdoor"}); r.Status != 409 {
			t.Fatalf("duplicate slug: %d", r.Status)
		}
		if r := c.Post("/api/admin/categories", map[string]any{"name": "x", "slug": "Bad Slug"}); r.Status != 422 {
			t.Fatalf("bad slug: %d", r.Status)
		}
	})
}

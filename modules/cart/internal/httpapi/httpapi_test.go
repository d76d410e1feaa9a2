package httpapi_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/fx"
	"gorm.io/gorm"

	"bazaar/modules/cart"
	cartmodule "bazaar/modules/cart/module"
	catalogmodule "bazaar/modules/catalog/module"
	"bazaar/platform/outbox"
	"bazaar/platform/session"
	"bazaar/platform/testkit"
)

type shop struct {
	*testkit.App
	db     *gorm.DB
	outbox *outbox.Outbox
}

func start(t *testing.T, b testkit.Backend) *shop {
	s := &shop{}
	s.App = testkit.Start(t, b, catalogmodule.Module, cartmodule.Module, fx.Populate(&s.db, &s.outbox),
		testkit.Tokens(map[string]session.Principal{
			"staff": {UserID: "u-staff", Roles: []string{"customer", "staff"}},
			"ada":   {UserID: "u-ada", Roles: []string{"customer"}},
			"bob":   {UserID: "u-bob", Roles: []string{"customer"}},
		}))
	return s
}

func (s *shop) as(token string) *testkit.Client {
	c := s.Client()
	c.Header.Set("Authorization", "Bearer "+token)
	return c
}

// variant creates an active product with one variant through the back office.
func (s *shop) variant(t *testing.T, sku string, price int64, onHand int) string {
	t.Helper()
	var p struct {
		Variants []struct{ ID string } `json:"variants"`
	}
	r := s.as("staff").Post("/api/admin/products", map[string]any{"name": "Product " + sku, "status": "active",
		"variants": []map[string]any{{"sku": sku, "price": price, "on_hand": onHand, "options": map[string]string{"size": "M"}}}})
	r.JSON(t, &p)
	if r.Status != 201 {
		t.Fatalf("product: %d %s", r.Status, r.Body)
	}
	return p.Variants[0].ID
}

type money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

type cartBody struct {
	ID    *string `json:"id"`
	Items []struct {
		ID        string `json:"id"`
		VariantID string `json:"variant_id"`
		Quantity  int    `json:"quantity"`
		UnitPrice money  `json:"unit_price"`
		LineTotal money  `json:"line_total"`
		Available int    `json:"available"`
	} `json:"items"`
	ItemCount    int     `json:"item_count"`
	Subtotal     money   `json:"subtotal"`
	Discount     money   `json:"discount"`
	Total        money   `json:"total"`
	DiscountCode *string `json:"discount_code"`
	Warnings     []struct {
		LineID   *string `json:"line_id"`
		Kind     string  `json:"kind"`
		OldPrice *money  `json:"old_price"`
		NewPrice *money  `json:"new_price"`
	} `json:"warnings"`
}

func get(t *testing.T, c *testkit.Client) cartBody {
	t.Helper()
	var cb cartBody
	r := c.Get("/api/cart")
	if r.Status != 200 {
		t.Fatalf("cart: %d %s", r.Status, r.Body)
	}
	r.JSON(t, &cb)
	return cb
}

func add(t *testing.T, c *testkit.Client, variant string, qty int) (cartBody, *testkit.Response) {
	t.Helper()
	var cb cartBody
	r := c.Post("/api/cart/items", map[string]any{"variant_id": variant, "quantity": qty})
	if r.Status == 200 {
		r.JSON(t, &cb)
	}
	return cb, r
}

func TestGuestCart(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		shirt, mug := s.variant(t, "SHIRT", 1999, 5), s.variant(t, "MUG", 850, 100)
		guest := s.Client()
		if cb := get(t, guest); cb.ID != nil || len(cb.Items) != 0 || cb.Total.Amount != 0 || cb.Total.Currency == "" {
			t.Fatalf("empty cart %+v", cb)
		}
		if r := guest.Get("/api/cart"); !strings.Contains(string(r.Body), `"items":[]`) || !strings.Contains(string(r.Body), `"warnings":[]`) {
			t.Fatalf("an empty cart's lists are not empty lists: %s", r.Body)
		}
		add(t, guest, shirt, 2)
		cb, r := add(t, guest, shirt, 1)
		if r.Status != 200 || len(cb.Items) != 1 || cb.Items[0].Quantity != 3 || cb.Subtotal.Amount != 3*1999 {
			t.Fatalf("same variant twice: %d %s", r.Status, r.Body)
		}
		cb, _ = add(t, guest, mug, 4)
		if cb.ItemCount != 7 || cb.Total.Amount != 3*1999+4*850 || cb.Total.Currency != "EUR" {
			t.Fatalf("two lines: %+v", cb)
		}
		// The cart's key derives from the guest's session, which stays unstored.
		if id := guest.Cookie(session.CookieName); !strings.HasPrefix(id, "g.") {
			t.Fatalf("session cookie %q after a guest's adds, want a guest session's", id)
		}
		if _, r := add(t, guest, shirt, 3); r.Status != 409 || !strings.Contains(r.Problem(t).Errors["quantity"], "5") {
			t.Fatalf("more than available: %d %s", r.Status, r.Body)
		}
		for _, q := range []int{0, 100, -1} {
			if _, r := add(t, guest, mug, q); r.Status != 422 {
				t.Errorf("quantity %d: %d", q, r.Status)
			}
		}
		if _, r := add(t, guest, "00000000-0000-7000-8000-000000000000", 1); r.Status != 404 {
			t.Fatalf("unknown variant: %d", r.Status)
		}
		if r := guest.Post("/api/cart/items", `{"variant_id": 5}`); r.Status != 422 {
			t.Fatalf("bad type: %d", r.Status)
		}

		line := get(t, guest).Items[0].ID
		var after cartBody
		r = guest.Patch("/api/cart/items/"+line, map[string]int{"quantity": 1})
		r.JSON(t, &after)
		if r.Status != 200 || after.Items[0].Quantity != 1 {
			t.Fatalf("patch: %d %s", r.Status, r.Body)
		}
		if r := guest.Patch("/api/cart/items/"+line, map[string]int{"quantity": 6}); r.Status != 409 {
			t.Fatalf("patch beyond stock: %d", r.Status)
		}
		other := s.Client()
		add(t, other, mug, 1)
		if r := other.Patch("/api/cart/items/"+line, map[string]int{"quantity": 2}); r.Status != 404 {
			t.Fatalf("another cart's line: %d", r.Status)
		}
		if r := other.Delete("/api/cart/items/" + line); r.Status != 404 {
			t.Fatalf("delete another cart's line: %d", r.Status)
		}
		r = guest.Delete("/api/cart/items/" + line)
		r.JSON(t, &after)
		if r.Status != 200 || len(after.Items) != 1 || after.ItemCount != 4 {
			t.Fatalf("delete: %d %s", r.Status, r.Body)
		}
	})
}

// Prices are current catalog prices; a change or an unavailable line is a
// warning, not a silent change.
func TestWarnings(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		shirt, mug := s.variant(t, "SHIRT", 2000, 5), s.variant(t, "MUG", 800, 5)
		c := s.Client()
		add(t, c, shirt, 1)
		add(t, c, mug, 2)
		staff := s.as("staff")
		if r := staff.Patch("/api/admin/variants/"+shirt, map[string]any{"price": 2500}); r.Status != 200 {
			t.Fatalf("price: %d", r.Status)
		}
		staff.Post("/api/admin/inventory/adjustments", map[string]any{"variant_id": mug, "delta": -5, "reason": "broken"})
		cb := get(t, c)
		kinds := map[string]bool{}
		for _, w := range cb.Warnings {
			kinds[w.Kind] = true
			if w.Kind == "price_changed" && (w.OldPrice.Amount != 2000 || w.NewPrice.Amount != 2500) {
				t.Fatalf("price warning %+v", w)
			}
		}
		if !kinds["price_changed"] || !kinds["unavailable"] || cb.Subtotal.Amount != 2500 {
			t.Fatalf("warnings %+v subtotal %d", cb.Warnings, cb.Subtotal.Amount)
		}
		// Changing the line acknowledges the new price.
		for _, it := range cb.Items {
			if it.VariantID == shirt {
				c.Patch("/api/cart/items/"+it.ID, map[string]int{"quantity": 1})
			}
		}
		for _, w := range get(t, c).Warnings {
			if w.Kind == "price_changed" {
				t.Fatal("the price warning should be gone once the line changed")
			}
		}
	})
}

// 50 concurrent adds to one cart lose no update.
func TestConcurrentAdds(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		v := s.variant(t, "SOCK", 300, 99)
		c := s.Client()
		add(t, c, v, 1) // the cart and its session exist before the race
		var wg sync.WaitGroup
		fails := make(chan string, 50)
		for range 49 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, r := add(t, c, v, 1); r.Status != 200 {
					fails <- fmt.Sprintf("%d %s", r.Status, r.Body)
				}
			}()
		}
		wg.Wait()
		close(fails)
		for f := range fails {
			t.Fatalf("concurrent add failed: %s", f)
		}
		if cb := get(t, c); len(cb.Items) != 1 || cb.Items[0].Quantity != 50 {
			t.Fatalf("after 50 adds: %+v", cb.Items)
		}
	})
}

type discountBody map[string]any

func TestDiscountCodes(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		s := start(t, b)
		v := s.variant(t, "BAG", 3333, 50)
		staff := s.as("staff")
		yesterday, tomorrow := time.Now().Add(-24*time.Hour), time.Now().Add(24*time.Hour)
		for _, d := range []discountBody{
			{"code": "tenoff", "kind": "percent", "value": 1000},
			{"code": "FIVE", "kind": "fixed", "value": 500, "min_subtotal": 5000},
			{"code": "OLD", "kind": "percent", "value": 500, "ends_at": yesterday},
			{"code": "SOON", "kind": "percent", "value": 500, "starts_at": tomorrow},
			{"code": "ONCE", "kind": "percent", "value": 500, "usage_limit": 1},
			{"code": "OFF", "kind": "percent", "value": 500, "active": false},
		} {
			if r := staff.Post("/api/admin/discounts", d); r.Status != 201 {
				t.Fatalf("create %v: %d %s", d["code"], r.Status, r.Body)
			}
		}
		if r := staff.Post("/api/admin/discounts", discountBody{"code": "TENOFF", "kind": "percent", "value": 1}); r.Status != 409 {
			t.Fatalf("duplicate code: %d", r.Status)
		}
		if r := staff.Post("/api/admin/discounts", discountBody{"code": "x", "kind": "percent", "value": 0, "currency": "EURO"}); r.Status != 422 || len(r.Problem(t).Errors) < 3 {
			t.Fatalf("invalid: %d %s", r.Status, r.Body)
		}
		if r := s.as("ada").Get("/api/admin/discounts"); r.Status != 403 {
			t.Fatalf("customer on admin: %d", r.Status)
		}

		c := s.as("ada")
		if r := c.Post("/api/cart/discount", map[string]string{"code": "tenoff"}); r.Status != 422 {
			t.Fatalf("code on an empty cart: %d", r.Status)
		}
		add(t, c, v, 1) // subtotal 33.33
		var cb cartBody
		r := c.Post("/api/cart/discount", map[string]string{"code": " tenoff "})
		r.JSON(t, &cb)
		// 10 % of 3333 = 333.3, rounded half up to 333.
		if r.Status != 200 || cb.Discount.Amount != 333 || cb.Total.Amount != 3000 || *cb.DiscountCode != "TENOFF" {
			t.Fatalf("apply: %d %s", r.Status, r.Body)
		}
		for code, reason := range map[string]string{"FIVE": "subtotal", "OLD": "expired", "SOON": "not valid yet",
			"OFF": "not active", "NOPE": "no such code"} {
			r := c.Post("/api/cart/discount", map[string]string{"code": code})
			if r.Status != 422 || !strings.Contains(r.Problem(t).Errors["code"], reason) {
				t.Errorf("%s: %d %s", code, r.Status, r.Body)
			}
		}
		if cb := get(t, c); *cb.DiscountCode != "TENOFF" {
			t.Fatal("a rejected code must not replace the applied one")
		}
		if r := c.Delete("/api/cart/discount"); r.Status != 200 {
			t.Fatalf("remove: %d", r.Status)
		}

		// Usage is counted from OrderPlaced, exactly once per order.
		publish := func(order, code string) {
			err := s.db.Transaction(func(tx *gorm.DB) error {
				_, err := s.outbox.Publish(tx, cart.TopicOrderPlaced, cart.OrderPlaced{OrderID: order, UserID: "u-ada", DiscountCode: code})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		publish("order-1", "ONCE")
		publish("order-1", "ONCE")
		var used int
		testkit.Eventually(t, 10*time.Second, "usage to be counted", func() bool {
			s.db.Table("cart_discounts").Where("code = 'ONCE'").Pluck("used", &used)
			return used >= 1
		})
		time.Sleep(300 * time.Millisecond) // the duplicate delivery has run by now
		s.db.Table("cart_discounts").Where("code = 'ONCE'").Pluck("used", &used)
		if used != 1 {
			t.Fatalf("used %d times for one order", used)
		}
		if r := c.Post("/api/cart/discount", map[string]string{"code": "ONCE"}); r.Status != 422 || !strings.Contains(r.Problem(t).Errors["code"], "used up") {
			t.Fatalf("exhausted: %d %s", r.Status, r.Body)
		}
	})
}

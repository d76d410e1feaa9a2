package httpapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"bazaar/platform/testkit"
)

type job struct {
	ID     string `json:"id"`
	State  string `json:"state"`
	Done   int    `json:"done"`
	Total  int    `json:"total"`
	Errors []struct {
		Line    int    `json:"line"`
		Message string `json:"message"`
	} `json:"errors"`
}

func postCSV(t *testing.T, c *testkit.Client, body string) *testkit.Response {
	t.Helper()
	c.Header.Set("Content-Type", "text/csv")
	defer c.Header.Del("Content-Type")
	return c.Do(http.MethodPost, "/api/admin/products/import", []byte(body))
}

func waitJob(t *testing.T, c *testkit.Client, id string) job {
	t.Helper()
	var j job
	seenProgress := false
	testkit.Eventually(t, 3*time.Minute, "the import to finish", func() bool {
		c.Get("/api/admin/jobs/"+id).JSON(t, &j)
		seenProgress = seenProgress || (j.State == "running" && j.Done > 0 && j.Done < j.Total)
		return j.State == "done" || j.State == "failed"
	})
	return j
}

// A 10,000-row import runs as a job with progress; bad rows are reported
// by line and the good ones land.
func TestImport10000Rows(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		app, c := staffClient(t, b)
		c.Post("/api/admin/categories", map[string]any{"name": "Socks"})
		var sb strings.Builder
		sb.WriteString("product_slug,product_name,status,category,description,attributes,image_url,image_alt,sku,options,price,compare_at_price,currency,on_hand\n")
		badLines := map[int]string{}
		for i := range 10000 {
			line := i + 2
			p := i / 4
			row := fmt.Sprintf("sock-%d,Sock %d,active,socks,Soft.,brand=Knit|material=Wool,,,SOCK-%d-%d,size=%d,%d.99,,EUR,%d\n", p, p, p, i%4, 36+i%4, 5+i%7, i%9)
			switch i {
			case 17:
				row = fmt.Sprintf("sock-%d,Sock %d,active,socks,,,,,SOCK-X17,size=1,abc,,EUR,1\n", p, p)
				badLines[line] = "price"
			case 4240: // the first row of its product: product fields come from it
				row = fmt.Sprintf("sock-%d,Sock %d,active,nowhere,,,,,SOCK-X4240,size=1,1.00,,EUR,1\n", p, p)
				badLines[line] = "category"
			case 9999:
				row = "Bad Slug!,Sock,active,socks,,,,,SOCK-LAST,size=1,1.00,,EUR,1\n"
				badLines[line] = "product_slug"
			}
			sb.WriteString(row)
		}
		r := postCSV(t, c, sb.String())
		var j job
		r.JSON(t, &j)
		if r.Status != 202 || j.Total != 10000 || r.Header.Get("Location") != "/api/admin/jobs/"+j.ID {
			t.Fatalf("start: %d %s", r.Status, r.Body)
		}
		j = waitJob(t, c, j.ID)
		if j.State != "done" || j.Done != 10000 || len(j.Errors) != 3 {
			t.Fatalf("job %+v", j)
		}
		for _, e := range j.Errors {
			if want, ok := badLines[e.Line]; !ok || !strings.Contains(e.Message, want) {
				t.Errorf("error on line %d: %q", e.Line, e.Message)
			}
		}
		var list struct {
			Items []struct {
				Slug string `json:"slug"`
			} `json:"items"`
		}
		c.Get("/api/admin/products?q=sock-2499&limit=5").JSON(t, &list)
		if len(list.Items) != 1 {
			t.Fatalf("last product missing: %+v", list.Items)
		}
		var p page
		app.Client().Get("/api/products?category=socks&limit=1").JSON(t, &p)
		total := 0
		for _, cc := range p.Facets.Categories {
			total += cc.Count
		}
		if total != 2500 {
			t.Fatalf("%d sock products in the storefront, want 2500", total)
		}
	})
}

// An export imports unchanged: exporting again gives the same file.
func TestExportImportRoundTrip(t *testing.T) {
	testkit.Each(t, func(t *testing.T, b testkit.Backend) {
		_, c := staffClient(t, b)
		c.Post("/api/admin/categories", map[string]any{"name": "Mugs"})
		c.Post("/api/admin/products", map[string]any{"name": "Tall Mug", "status": "active", "category": "mugs",
			"description": "Holds, \"a lot\", of tea.", "attributes": map[string]string{"material": "Stoneware"},
			"variants": []map[string]any{{"sku": "MUG-TALL", "options": map[string]string{"colour": "Blue"}, "price": 1250, "compare_at_price": 1500, "on_hand": 3}}})
		first := c.Get("/api/admin/products/export")
		if first.Status != 200 || !strings.HasPrefix(first.Header.Get("Content-Type"), "text/csv") || !strings.Contains(string(first.Body), "MUG-TALL") {
			t.Fatalf("export: %d %s", first.Status, first.Body)
		}
		// Change stock and price, then import the old file: it restores them.
		var prod struct {
			Variants []struct{ ID string } `json:"variants"`
		}
		var list struct {
			Items []struct{ ID string } `json:"items"`
		}
		c.Get("/api/admin/products?q=tall").JSON(t, &list)
		c.Get("/api/admin/products/"+list.Items[0].ID).JSON(t, &prod)
		c.Patch("/api/admin/variants/"+prod.Variants[0].ID, map[string]any{"price": 999})
		c.Post("/api/admin/inventory/adjustments", map[string]any{"variant_id": prod.Variants[0].ID, "delta": 10, "reason": "x"})
		var j job
		postCSV(t, c, string(first.Body)).JSON(t, &j)
		if j = waitJob(t, c, j.ID); j.State != "done" || len(j.Errors) != 0 {
			t.Fatalf("re-import: %+v", j)
		}
		if again := c.Get("/api/admin/products/export"); string(again.Body) != string(first.Body) {
			t.Fatalf("round trip differs:\n%s\n---\n%s", first.Body, again.Body)
		}
		if r := postCSV(t, c, "name,price\nx,1\n"); r.Status != 422 || r.Problem(t).Errors["file"] == "" {
			t.Fatalf("missing columns: %d %s", r.Status, r.Body)
		}
	})
}

// Package demo generates a realistic, deterministic catalog: the same size
// always gives the same shop, so screenshots, tests and benchmarks agree.
package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"bazaar/modules/catalog/internal/service"
	"bazaar/modules/catalog/internal/store"
)

type dept struct {
	slug, name string
	kids       []kid
}

type kid struct {
	slug, name string
	nouns      []string
	attrs      map[string][]string // attribute → values (brand, material, ...)
	options    map[string][]string // variant option → values (size, colour)
	minPrice   int64               // minor units
	maxPrice   int64
}

var colours = []string{"Black", "White", "Navy", "Olive", "Rust", "Sand", "Grey", "Teal", "Burgundy", "Mustard"}

var tree = []dept{
	{"apparel", "Apparel", []kid{
		{"shirts", "Shirts", []string{"Oxford Shirt", "Linen Shirt", "Flannel Shirt", "Polo", "T-Shirt", "Henley"},
			map[string][]string{"brand": {"Northwind", "Fjordline", "Harbor & Pine", "Kestrel"}, "material": {"Cotton", "Linen", "Organic cotton", "Merino"}},
			map[string][]string{"size": {"XS", "S", "M", "L", "XL"}, "colour": colours}, 1900, 8900},
		{"trousers", "Trousers", []string{"Chinos", "Jeans", "Cargo Trousers", "Joggers", "Corduroys"},
			map[string][]string{"brand": {"Northwind", "Fjordline", "Denimworks"}, "material": {"Denim", "Cotton twill", "Corduroy"}},
			map[string][]string{"size": {"28", "30", "32", "34", "36"}, "colour": colours[:6]}, 3900, 12900},
		{"jackets", "Jackets", []string{"Rain Jacket", "Down Jacket", "Denim Jacket", "Fleece", "Parka"},
			map[string][]string{"brand": {"Kestrel", "Summit Co.", "Harbor & Pine"}, "material": {"Nylon", "Wool", "Recycled polyester"}},
			map[string][]string{"size": {"S", "M", "L", "XL"}, "colour": colours[:5]}, 7900, 29900},
	}},
	{"shoes", "Shoes", []kid{
		{"sneakers", "Sneakers", []string{"Runner", "Court Sneaker", "Canvas Low", "Trail Shoe"},
			map[string][]string{"brand": {"Stride", "Velo", "Kestrel"}, "material": {"Leather", "Canvas", "Knit"}},
			map[string][]string{"size": {"38", "39", "40", "41", "42", "43", "44"}, "colour": colours[:4]}, 4900, 15900},
		{"boots", "Boots", []string{"Chelsea Boot", "Hiking Boot", "Work Boot", "Rain Boot"},
			map[string][]string{"brand": {"Summit Co.", "Stride", "Ironbark"}, "material": {"Leather", "Suede", "Rubber"}},
			map[string][]string{"size": {"39", "40", "41", "42", "43", "44"}, "colour": {"Black", "Brown", "Tan"}}, 8900, 24900},
	}},
	{"home", "Home", []kid{
		{"kitchen", "Kitchen", []string{"Chef's Knife", "Cast Iron Pan", "Pour-over Kettle", "Cutting Board", "Mixing Bowls"},
			map[string][]string{"brand": {"Hearth", "Copperleaf", "Oakline"}, "material": {"Steel", "Cast iron", "Walnut", "Ceramic"}},
			nil, 1500, 14900},
		{"decor", "Decor", []string{"Table Lamp", "Throw Blanket", "Vase", "Wall Mirror", "Cushion"},
			map[string][]string{"brand": {"Oakline", "Loom & Co.", "Hearth"}, "material": {"Wool", "Glass", "Brass", "Linen"}},
			map[string][]string{"colour": colours[:6]}, 1900, 19900},
	}},
	{"electronics", "Electronics", []kid{
		{"audio", "Audio", []string{"Wireless Headphones", "Bookshelf Speaker", "Earbuds", "Turntable", "Soundbar"},
			map[string][]string{"brand": {"Sonora", "Basswave", "Acoustix"}, "connectivity": {"Bluetooth", "Wired", "Wi-Fi"}},
			map[string][]string{"colour": {"Black", "White", "Silver"}}, 2900, 49900},
		{"accessories", "Accessories", []string{"USB-C Cable", "Power Bank", "Phone Case", "Laptop Stand", "Charger"},
			map[string][]string{"brand": {"Voltix", "Acoustix", "Gridline"}, "connectivity": {"USB-C", "Lightning", "Wireless"}},
			nil, 900, 7900},
	}},
	{"books", "Books", []kid{
		{"fiction", "Fiction", []string{"The Quiet Harbour", "Salt and Embers", "A Map of Small Rooms", "The Glass Orchard", "Northern Lights"},
			map[string][]string{"format": {"Hardcover", "Paperback"}, "language": {"English", "German", "French"}},
			map[string][]string{"format": {"Hardcover", "Paperback", "E-book"}}, 899, 2999},
		{"non-fiction", "Non-fiction", []string{"Field Guide to Birds", "The Bread Book", "Thinking in Systems", "Small Gardens", "City Walks"},
			map[string][]string{"format": {"Hardcover", "Paperback"}, "language": {"English", "German"}},
			map[string][]string{"format": {"Hardcover", "Paperback"}}, 1299, 4599},
	}},
}

var adjectives = []string{"Classic", "Everyday", "Heritage", "Lightweight", "Essential", "Modern", "Rugged", "Soft",
	"Coastal", "Alpine", "Urban", "Vintage", "Relaxed", "Premium", "Studio", "Weekend"}

// Progress is told how many products are written so far.
type Progress func(done, total int)

// Generate writes n more products (and the category tree, when missing)
// in batches, numbered after the products already there. The same catalog
// size before and the same n give the same products.
func Generate(ctx context.Context, s *store.Store, n int, progress Progress) error {
	cats, err := categories(ctx, s)
	if err != nil {
		return err
	}
	existing, err := s.CountProducts(ctx)
	if err != nil {
		return err
	}
	from := int(existing)
	rng := rand.New(rand.NewPCG(42, uint64(from)<<32|uint64(n)))
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	const batch = 1000
	for done := 0; done < n; {
		size := min(batch, n-done)
		products := make([]store.Product, 0, size)
		variants := make([]store.Variant, 0, size*3)
		for i := range size {
			seq := from + done + i
			p, vs := product(rng, cats, seq, start.Add(time.Duration(seq)*time.Minute))
			products = append(products, p)
			variants = append(variants, vs...)
		}
		if err := s.Tx(ctx, func(tx *store.Store) error { return tx.Bulk(ctx, products, variants) }); err != nil {
			return fmt.Errorf("demo products %d-%d: %w", done, done+size, err)
		}
		done += size
		if progress != nil {
			progress(done, n)
		}
	}
	return s.CompactFacetCounts(ctx)
}

type leaf struct {
	kid
	id, path string
}

// categories creates the tree once and returns its leaves.
func categories(ctx context.Context, s *store.Store) ([]leaf, error) {
	existing, err := s.Categories(ctx)
	if err != nil {
		return nil, err
	}
	bySlug := map[string]store.Category{}
	for _, c := range existing {
		bySlug[c.Slug] = c
	}
	var leaves []leaf
	now := time.Now().UTC()
	for i, d := range tree {
		parent, ok := bySlug[d.slug]
		if !ok {
			parent = store.Category{ID: store.NewID(), Slug: d.slug, Name: d.name, Path: "/" + d.slug + "/", Position: i,
				CreatedAt: now, UpdatedAt: now}
			if err := s.CreateCategory(ctx, &parent); err != nil {
				return nil, err
			}
		}
		for j, k := range d.kids {
			c, ok := bySlug[k.slug]
			if !ok {
				c = store.Category{ID: store.NewID(), ParentID: &parent.ID, Slug: k.slug, Name: k.name,
					Path: parent.Path + k.slug + "/", Position: j, CreatedAt: now, UpdatedAt: now}
				if err := s.CreateCategory(ctx, &c); err != nil {
					return nil, err
				}
			}
			leaves = append(leaves, leaf{kid: k, id: c.ID, path: c.Path})
		}
	}
	return leaves, nil
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// product makes product number seq; its slug carries seq, so it is unique.
func product(rng *rand.Rand, cats []leaf, seq int, created time.Time) (store.Product, []store.Variant) {
	c := cats[rng.IntN(len(cats))]
	attrs := map[string]string{}
	for _, name := range sortedKeys(c.attrs) {
		attrs[name] = pick(rng, c.attrs[name])
	}
	noun := pick(rng, c.nouns)
	adjective := pick(rng, adjectives)
	name := adjective + " " + noun
	if b := attrs["brand"]; b != "" {
		name = b + " " + name
	}
	if strings.HasPrefix(c.path, "/books/") {
		name = noun // a book is its title
	}
	slug := service.Slugify(name) + fmt.Sprintf("-%d", seq+1)
	price := c.minPrice + rng.Int64N((c.maxPrice-c.minPrice)/100+1)*100 - 1 // ends in .99
	id := store.NewID()
	hue := rng.IntN(360)
	images := []map[string]string{{"url": fmt.Sprintf("/api/catalog/images/%d-%s.svg", hue, initials(noun)), "alt": name}}
	desc := fmt.Sprintf("%s from our %s range. Made of %s, built to last and easy to care for. %s",
		name, strings.ToLower(c.name), strings.ToLower(firstNonEmpty(attrs["material"], attrs["format"], "quality materials")),
		pick(rng, blurbs))
	attrJSON, _ := json.Marshal(attrs)
	imgJSON, _ := json.Marshal(images)
	variants := variantsOf(rng, c, id, slug, price, created)
	p := store.Product{ID: id, Slug: slug, Name: name, Description: desc, Status: "active", CategoryID: &c.id,
		CategoryPath: c.path, Attributes: string(attrJSON), Images: string(imgJSON), Currency: "EUR", CreatedAt: created,
		UpdatedAt: created}
	if seq%50 == 49 {
		p.Status = "draft" // a few drafts, never shown in the storefront
	}
	p.Price, p.CompareAtPrice, p.InStock = summary(variants)
	return p, variants
}

var blurbs = []string{
	"A customer favourite since the first season.",
	"Designed in small batches and tested for everyday use.",
	"Pairs well with the rest of the collection.",
	"Backed by our two-year guarantee.",
	"Thoughtfully made with responsibly sourced materials.",
}

// variantsOf makes 1 to 6 variants from the category's options.
func variantsOf(rng *rand.Rand, c leaf, productID, slug string, price int64, created time.Time) []store.Variant {
	combos := []map[string]string{{}}
	for _, opt := range sortedKeys(c.options) {
		values := c.options[opt]
		k := 1 + rng.IntN(min(len(values), 3))
		start := rng.IntN(len(values))
		var next []map[string]string
		for _, base := range combos {
			for i := range k {
				m := map[string]string{opt: values[(start+i)%len(values)]}
				for bk, bv := range base {
					m[bk] = bv
				}
				next = append(next, m)
			}
		}
		combos = next
	}
	if len(combos) > 6 {
		combos = combos[:6]
	}
	out := make([]store.Variant, len(combos))
	for i, opts := range combos {
		optJSON, _ := json.Marshal(opts)
		var compareAt *int64
		if rng.IntN(5) == 0 {
			v := price + price/4/100*100
			compareAt = &v
		}
		onHand := rng.IntN(40)
		if rng.IntN(8) == 0 {
			onHand = 0
		}
		out[i] = store.Variant{ID: store.NewID(), ProductID: productID, SKU: fmt.Sprintf("%s-%d", strings.ToUpper(slug), i+1),
			Options: string(optJSON), Price: price + int64(i%3)*200, CompareAtPrice: compareAt, Currency: "EUR",
			OnHand: onHand, Position: i, CreatedAt: created, UpdatedAt: created}
	}
	return out
}

// summary is the product's listing price (its cheapest variant) and stock flag.
func summary(vs []store.Variant) (price int64, compareAt *int64, inStock bool) {
	for i, v := range vs {
		if i == 0 || v.Price < price {
			price, compareAt = v.Price, v.CompareAtPrice
		}
		inStock = inStock || v.OnHand > v.Reserved
	}
	return price, compareAt, inStock
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func initials(s string) string {
	var out []byte
	for _, w := range strings.Fields(s) {
		if c := w[0]; (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') {
			out = append(out, c&^0x20)
		}
		if len(out) == 2 {
			break
		}
	}
	return string(out)
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}

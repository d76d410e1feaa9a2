package service

import (
	"strings"
	"sync"

	"bazaar/modules/cart/internal/store"
)

// maxCachedCarts bounds lineCache (a cart of ten lines keeps ~1 KB: ~10 MB
// at most); past it the cache starts over, which costs one read per cart.
const maxCachedCarts = 10_000

// lineCache keeps, per owner, the cart this process last added to and its
// lines, under the cart's version after that add. Every write to a cart or
// its lines bumps the version (in any process), and an add's cart upsert
// returns the version it made: one more than the version kept means
// nobody else wrote since, so the lines kept plus the add's line are the
// cart's lines, and the add reads nothing of the cart before or after its
// write. Reading the lines of every cart in a batch was a quarter of
// PostgreSQL's time per add, and reading the carts, for their versions,
// 12 % of what was left. Entries are never modified.
type lineCache struct {
	mu     sync.Mutex
	owners map[string]cachedLines
}

// cachedLines is a cart's lines, kept with no pointer per line: their IDs
// are spans of one string. Kept as []store.Item (three strings per line),
// the cache was two thirds of the live heap at 256 shoppers, and marking
// it most of each garbage collection's work: ~30 ms of CPU a cycle, during
// which every answer waited longer (modules/cart/README.md, "Collections").
type cachedLines struct {
	cartID  string
	version int64
	ids     string // each line's ID, then its variant ID, back to back
	lines   []cachedLine
}

type cachedLine struct {
	idEnd, variantEnd uint32 // where the line's ID and variant ID end in ids; the ID starts where the line before ends
	quantity          int
	unitPrice         int64
}

// keepLines is a cart's lines as the cache keeps them.
func keepLines(cartID string, version int64, items []store.Item) cachedLines {
	n := 0
	for _, it := range items {
		n += len(it.ID) + len(it.VariantID)
	}
	var ids strings.Builder
	ids.Grow(n)
	lines := make([]cachedLine, len(items))
	for i, it := range items {
		ids.WriteString(it.ID)
		lines[i].idEnd = uint32(ids.Len())
		ids.WriteString(it.VariantID)
		lines[i].variantEnd = uint32(ids.Len())
		lines[i].quantity, lines[i].unitPrice = it.Quantity, it.UnitPrice
	}
	return cachedLines{cartID: cartID, version: version, ids: ids.String(), lines: lines}
}

// variantID is the variant of line i.
func (c cachedLines) variantID(i int) string {
	return c.ids[c.lines[i].idEnd:c.lines[i].variantEnd]
}

// with is the lines kept with line in place of its earlier state, or last.
func (c cachedLines) with(line store.Item) []store.Item {
	out := make([]store.Item, 0, len(c.lines)+1)
	found := false
	start := uint32(0)
	for _, l := range c.lines {
		it := store.Item{ID: c.ids[start:l.idEnd], CartID: c.cartID, VariantID: c.ids[l.idEnd:l.variantEnd],
			Quantity: l.quantity, UnitPrice: l.unitPrice}
		if it.ID == line.ID {
			it, found = line, true
		}
		out = append(out, it)
		start = l.variantEnd
	}
	if !found {
		out = append(out, line)
	}
	return out
}

// get returns what is kept of an owner's cart ("u:…" or "g:…").
func (c *lineCache) get(owner string) (cachedLines, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.owners[owner]
	return e, ok
}

func (c *lineCache) put(owner string, e cachedLines) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.owners == nil || len(c.owners) >= maxCachedCarts {
		c.owners = make(map[string]cachedLines)
	}
	c.owners[owner] = e
}

package service

import (
	"iter"
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
// 12 % of what was left.
type lineCache struct {
	mu     sync.Mutex
	owners map[string]lineSet
}

// lineSet is a cart's lines (ID, variant, quantity, unit price) at a
// version, with no pointer per line: their IDs are spans of one string.
// Kept as []store.Item (three strings per line), the cache was two thirds
// of the live heap at 256 shoppers, and marking it most of each garbage
// collection's work: ~30 ms of CPU a cycle, during which every answer
// waited longer (modules/cart/README.md). A lineSet is never modified.
type lineSet struct {
	cartID  string
	version int64
	ids     string // each line's ID, then its variant ID, back to back
	lines   []setLine
}

type setLine struct {
	idEnd, variantEnd uint32 // where the line's ID and variant ID end in ids; the ID starts where the line before ends
	quantity          int
	unitPrice         int64
}

// newLineSet is a cart's lines as a lineSet.
func newLineSet(cartID string, version int64, items []store.Item) lineSet {
	n := 0
	for _, it := range items {
		n += len(it.ID) + len(it.VariantID)
	}
	b := lineSetBuilder{lines: make([]setLine, 0, len(items))}
	b.ids.Grow(n)
	for _, it := range items {
		b.add(it)
	}
	return b.set(cartID, version)
}

type lineSetBuilder struct {
	ids   strings.Builder
	lines []setLine
}

func (b *lineSetBuilder) add(it store.Item) {
	b.ids.WriteString(it.ID)
	idEnd := uint32(b.ids.Len())
	b.ids.WriteString(it.VariantID)
	b.lines = append(b.lines, setLine{idEnd: idEnd, variantEnd: uint32(b.ids.Len()), quantity: it.Quantity, unitPrice: it.UnitPrice})
}

func (b *lineSetBuilder) set(cartID string, version int64) lineSet {
	return lineSet{cartID: cartID, version: version, ids: b.ids.String(), lines: b.lines}
}

func (s lineSet) len() int { return len(s.lines) }

// all yields the lines as store items of the cart, without timestamps.
func (s lineSet) all() iter.Seq[store.Item] {
	return func(yield func(store.Item) bool) {
		start := uint32(0)
		for _, l := range s.lines {
			if !yield(store.Item{ID: s.ids[start:l.idEnd], CartID: s.cartID, VariantID: s.ids[l.idEnd:l.variantEnd],
				Quantity: l.quantity, UnitPrice: l.unitPrice}) {
				return
			}
			start = l.variantEnd
		}
	}
}

// with is the set at version with line in place of its earlier state, or
// last.
func (s lineSet) with(version int64, line store.Item) lineSet {
	b := lineSetBuilder{lines: make([]setLine, 0, len(s.lines)+1)}
	b.ids.Grow(len(s.ids) + len(line.ID) + len(line.VariantID))
	found := false
	for it := range s.all() {
		if it.ID == line.ID {
			it, found = line, true
		}
		b.add(it)
	}
	if !found {
		b.add(line)
	}
	return b.set(s.cartID, version)
}

// get returns what is kept of an owner's cart ("u:…" or "g:…").
func (c *lineCache) get(owner string) (lineSet, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.owners[owner]
	return e, ok
}

func (c *lineCache) put(owner string, e lineSet) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.owners == nil || len(c.owners) >= maxCachedCarts {
		c.owners = make(map[string]lineSet)
	}
	c.owners[owner] = e
}

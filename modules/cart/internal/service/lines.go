package service

import (
	"sync"

	"bazaar/modules/cart/internal/store"
)

// maxCachedCarts bounds lineCache (a cart of ten lines holds ~2 KB: ~20 MB
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
// 12 % of what was left. The slices are shared and never modified.
type lineCache struct {
	mu     sync.Mutex
	owners map[string]cachedLines
}

type cachedLines struct {
	cartID  string
	version int64
	items   []store.Item
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

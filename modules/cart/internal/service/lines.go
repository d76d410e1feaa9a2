package service

import (
	"sync"

	"bazaar/modules/cart/internal/store"
)

// maxCachedCarts bounds lineCache (a cart of ten lines holds ~2 KB: ~20 MB
// at most); past it the cache starts over, which costs one read per cart.
const maxCachedCarts = 10_000

// lineCache keeps the lines of the carts this process last added to, under
// the cart's version after that add. Every write to a cart or its lines
// bumps the version (in any process), so lines found under the version a
// batch reads are the cart's lines: the batch skips reading them. Reading
// the lines of every cart in a batch was a quarter of PostgreSQL's time per
// add. The slices are shared and never modified.
type lineCache struct {
	mu    sync.Mutex
	carts map[string]cachedLines
}

type cachedLines struct {
	version int64
	items   []store.Item
}

// get returns the lines of a cart at version, if known.
func (c *lineCache) get(cartID string, version int64) ([]store.Item, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.carts[cartID]
	if !ok || e.version != version {
		return nil, false
	}
	return e.items, true
}

func (c *lineCache) put(cartID string, version int64, items []store.Item) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.carts == nil || len(c.carts) >= maxCachedCarts {
		c.carts = make(map[string]cachedLines)
	}
	c.carts[cartID] = cachedLines{version: version, items: items}
}

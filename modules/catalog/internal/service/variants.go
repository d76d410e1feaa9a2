package service

import (
	"context"
	"sync"
	"time"

	"bazaar/modules/catalog"
	"bazaar/modules/catalog/internal/store"
)

// Variants implements catalog.Service. Carts call it for every line of
// every cart in a batch of adds, so what the catalog's versions say has not
// changed since it was read comes from memory (see variantMemo).
func (s *Service) Variants(ctx context.Context, ids []string) (map[string]catalog.Variant, error) {
	out := map[string]catalog.Variant{}
	if len(ids) == 0 {
		return out, nil
	}
	// Callers pass a variant once per cart line that holds it (a cart batch:
	// ~400 IDs, ~70 distinct). A map, not a sort: sorting them took 40 % of
	// this function, UUIDs sharing their first dozen characters.
	ids = distinct(ids)
	now := time.Now()
	known := s.variants.lookup(ids)
	slugs := make([]string, 0, len(known))
	for _, e := range known {
		slugs = append(slugs, e.v.ProductSlug)
	}
	// The versions are read before the database: a write that commits after
	// they were read bumps them after, and the next call reads it afresh.
	var list string
	var versions map[string]string
	if len(slugs) > 0 {
		var err error
		if list, versions, err = s.cache.Versions(ctx, distinct(slugs)); err != nil {
			versions = nil // Redis unreachable: nothing can be vouched for, read it all
		}
	}
	var read []string
	for _, id := range ids {
		e, ok := known[id]
		product, vouched := versions[e.v.ProductSlug]
		if ok && e.verified && vouched && e.list == list && e.product == product && now.Sub(e.at) < memoMaxAge {
			out[id] = e.v
		} else {
			read = append(read, id)
		}
	}
	if len(read) == 0 {
		return out, nil
	}
	rows, err := s.store.VariantsWithProducts(ctx, read)
	if err != nil {
		return nil, err
	}
	fresh := make([]memoEntry, len(rows))
	for i, row := range rows {
		v := toVariant(row)
		out[v.ID] = v
		product, vouched := versions[v.ProductSlug]
		fresh[i] = memoEntry{v: v, list: list, product: product, verified: vouched, at: now}
	}
	s.variants.keep(fresh)
	return out, nil
}

// distinct is xs without repeats, in their first order.
func distinct(xs []string) []string {
	seen := make(map[string]struct{}, len(xs))
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if _, ok := seen[x]; !ok {
			seen[x] = struct{}{}
			out = append(out, x)
		}
	}
	return out
}

func toVariant(v store.VariantOfProduct) catalog.Variant {
	cv := catalog.Variant{ID: v.ID, ProductID: v.ProductID, ProductSlug: v.ProductSlug, ProductName: v.ProductName, SKU: v.SKU,
		Options: Options(v.Variant), Price: catalog.Money{Amount: v.Price, Currency: v.Currency},
		Available: max(v.OnHand-v.Reserved, 0), Active: v.ProductStatus == "active"}
	if v.CompareAtPrice != nil {
		cv.CompareAt = &catalog.Money{Amount: *v.CompareAtPrice, Currency: v.Currency}
	}
	if imgs := Images(store.Product{Images: v.ProductImages}); len(imgs) > 0 {
		cv.Image = &catalog.Image{URL: imgs[0].URL, Alt: imgs[0].Alt}
	}
	return cv
}

const (
	// memoMaxAge bounds how long a remembered variant is trusted even while
	// its versions hold: a bump lost to a Redis failure leaves it stale no
	// longer than that (pages have the cache's TTL for the same reason).
	memoMaxAge = 30 * time.Second
	// maxMemo bounds the variants remembered; past it the memo starts over.
	maxMemo = 20_000
)

// variantMemo keeps the variants Variants read, each with the listing
// version and its product's version (cache.Versions) read before it was.
// Every catalog write bumps one of them once it has committed (a price,
// a product's fields or an import the listing version; stock the
// product's), on whichever replica it ran, so an entry whose versions
// still hold is what the database would answer, but for a write whose
// bump is under way. A variant read before its product's slug was known
// has no versions to hold it to: it is read again next time, with them.
type variantMemo struct {
	mu      sync.Mutex
	entries map[string]memoEntry // by variant ID
}

type memoEntry struct {
	v             catalog.Variant
	list, product string // the versions read before v was
	verified      bool   // list and product were read before v
	at            time.Time
}

func (m *variantMemo) lookup(ids []string) map[string]memoEntry {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string]memoEntry, len(ids))
	for _, id := range ids {
		if e, ok := m.entries[id]; ok {
			out[id] = e
		}
	}
	return out
}

func (m *variantMemo) keep(entries []memoEntry) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.entries == nil || len(m.entries)+len(entries) > maxMemo {
		m.entries = make(map[string]memoEntry, len(entries))
	}
	for _, e := range entries {
		m.entries[e.v.ID] = e
	}
}

package service

import (
	"context"
	"fmt"
	"maps"
	"sync"
	"time"

	"bazaar/modules/cart"
	"bazaar/modules/cart/internal/store"
	"bazaar/modules/catalog"
)

// AddItem adds quantity of a variant to the owner's cart (creating it) and
// returns the cart.
//
// Adds that arrive together run together (group commit): one catalog
// look-up that both validates the adds and renders the carts, one
// transaction with one statement per step, and one read of the lines of
// the carts whose lines s.lines did not know at the version written. Each
// add is still decided on its own line, so one refused add does not fail
// the others. Alone, an add runs at once as a batch of one.
func (s *Service) AddItem(ctx context.Context, owner cart.Owner, variantID string, qty int) (cart.Cart, error) {
	if qty < 1 || qty > MaxQuantity {
		return cart.Cart{}, ErrBadQuantity
	}
	a := &add{owner: owner, key: ownerKey(owner), variantID: variantID, qty: qty, done: make(chan struct{})}
	s.adds.submit(a)
	return a.cart, a.err
}

// add is one AddItem call: its request, then its outcome.
type add struct {
	owner     cart.Owner
	key       string // the owner, "u:<user ID>" or "g:<guest key>"
	variantID string
	qty       int
	done      chan struct{} // closed once cart or err is set

	row   store.Cart // the cart written to
	line  store.Item // the line after the add
	lines lineSet    // the cart's lines after the add

	cart cart.Cart
	err  error
}

const (
	maxBatch = 128 // adds per transaction
	// maxRunning is the batches at once. Fewer means bigger batches and
	// less work per add; measured with 256 shoppers on 2 cores: 1 and 2
	// ~4,100 adds/s, 4 ~3,400, 8 ~3,200. 2 keeps adds moving while one
	// batch waits on a slow statement.
	maxRunning = 2
	// batchTimeout bounds a batch, which serves many requests and so runs
	// on its own context rather than one of theirs.
	batchTimeout = 15 * time.Second
)

// batcher groups waiting adds: while maxRunning batches run, adds wait;
// a batch takes what is waiting, but at most one add per owner and none of
// an owner whose add is running: the carts of concurrent batches are
// distinct, so each response shows its cart as it is after its own add.
type batcher struct {
	run     func([]*add)
	mu      sync.Mutex
	waiting []*add
	busy    map[string]bool // owners with an add in a running batch
	running int
}

func (b *batcher) submit(a *add) {
	b.mu.Lock()
	b.waiting = append(b.waiting, a)
	b.startLocked()
	b.mu.Unlock()
	<-a.done
}

func (b *batcher) startLocked() {
	if b.busy == nil {
		b.busy = map[string]bool{}
	}
	for b.running < maxRunning {
		var batch []*add
		rest := b.waiting[:0]
		for _, a := range b.waiting {
			if len(batch) < maxBatch && !b.busy[a.key] {
				b.busy[a.key] = true
				batch = append(batch, a)
			} else {
				rest = append(rest, a)
			}
		}
		clear(b.waiting[len(rest):])
		b.waiting = rest
		if len(batch) == 0 {
			return
		}
		b.running++
		go b.exec(batch)
	}
}

func (b *batcher) exec(batch []*add) {
	defer func() {
		// A panic would otherwise take the process down, not one request.
		if r := recover(); r != nil {
			for _, a := range batch {
				a.cart, a.err = cart.Cart{}, fmt.Errorf("cart: add: panic: %v", r)
			}
		}
		b.mu.Lock()
		for _, a := range batch {
			delete(b.busy, a.key)
		}
		b.running--
		b.startLocked()
		b.mu.Unlock()
		for _, a := range batch {
			close(a.done)
		}
	}()
	b.run(batch)
}

// addBatch runs adds of distinct owners together.
func (s *Service) addBatch(adds []*add) {
	ctx, cancel := context.WithTimeout(context.Background(), batchTimeout)
	defer cancel()
	err := s.addTogether(ctx, adds)
	if err == nil {
		return
	}
	if len(adds) == 1 {
		adds[0].err = err
		return
	}
	// Only a database error fails a batch as a whole (a deadlock with
	// another writer, a lost connection); each add then runs alone, so it
	// fails at most itself. Nothing of the failed batch was committed.
	for _, a := range adds {
		a.cart, a.err = cart.Cart{}, nil
		if err := s.addTogether(ctx, []*add{a}); err != nil {
			a.err = err
		}
	}
}

// addTogether sets each add's cart or refusal; an error fails them all,
// and is returned only if nothing was committed.
func (s *Service) addTogether(ctx context.Context, adds []*add) error {
	known := make(map[string]lineSet, len(adds)) // by owner: the cart as this process last left it
	ids := make([]string, 0, 8*len(adds))
	for _, a := range adds {
		if k, ok := s.lines.get(a.key); ok {
			known[a.key] = k
			for it := range k.all() {
				ids = append(ids, it.VariantID)
			}
		}
		ids = append(ids, a.variantID)
	}
	variants, err := s.catalog.Variants(ctx, ids)
	if err != nil {
		return err
	}

	// Refuse what needs no cart: an unknown variant, or a quantity past
	// what an empty line could take. The line upsert checks the limit on
	// the line as it is; refuse explains what it leaves out.
	now := s.now()
	var ensure []store.Cart
	var todo []*add
	for _, a := range adds {
		v, ok := variants[a.variantID]
		if !ok || !v.Active {
			a.err = ErrVariantNotFound
			continue
		}
		if a.err = check(0, a.qty, v); a.err != nil {
			continue
		}
		proposed := store.Cart{ID: store.NewID(), Currency: v.Price.Currency, CreatedAt: now, UpdatedAt: now}
		if a.owner.UserID != "" {
			proposed.UserID = &a.owner.UserID
		} else {
			proposed.GuestKey = &a.owner.GuestKey
		}
		ensure = append(ensure, proposed)
		todo = append(todo, a)
	}
	if len(todo) == 0 {
		return nil
	}

	var written []*add
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		written = nil
		got, err := tx.EnsureCarts(ctx, ensure)
		if err != nil {
			return err
		}
		rows := make(map[string]store.Cart, len(got))
		for _, c := range got {
			rows[cartKey(c)] = c
		}
		var lineAdds []store.LineAdd
		var pending []*add
		for _, a := range todo {
			a.row = rows[a.key]
			v := variants[a.variantID]
			if a.row.Currency != v.Price.Currency {
				a.err = CurrencyMismatch{Cart: a.row.Currency, Variant: v.Price.Currency}
				continue
			}
			lineAdds = append(lineAdds, store.LineAdd{CartID: a.row.ID, VariantID: a.variantID, Quantity: a.qty,
				Limit: min(MaxQuantity, v.Available), UnitPrice: v.Price.Amount})
			pending = append(pending, a)
		}
		added, err := tx.AddToLines(ctx, lineAdds)
		if err != nil {
			return err
		}
		byLine := make(map[[2]string]store.Item, len(added))
		for _, it := range added {
			byLine[[2]string{it.CartID, it.VariantID}] = it
		}
		var refused []*add
		for _, a := range pending {
			it, ok := byLine[[2]string{a.row.ID, a.variantID}]
			if !ok {
				refused = append(refused, a)
				continue
			}
			a.line = it
			if _, err := s.outbox.Publish(tx.DB(), cart.TopicItemAdded, cart.ItemAdded{CartID: a.row.ID,
				VariantID: a.variantID, Quantity: a.qty, UserID: a.owner.UserID}); err != nil {
				return err
			}
			written = append(written, a)
		}
		return s.refuse(ctx, tx, refused, variants)
	})
	if err != nil {
		return err
	}

	// Committed: from here on an error is the answer's, not the add's.
	var unknown []*add
	for _, a := range written {
		k, ok := known[a.key]
		switch {
		case a.row.Version == 0: // this add made the cart
			a.lines = newLineSet(a.row.ID, a.row.Version, []store.Item{a.line})
		case ok && k.cartID == a.row.ID && a.row.Version == k.version+1:
			a.lines = k.with(a.row.Version, a.line)
		default: // new to this process, or written by someone else since
			unknown = append(unknown, a)
		}
	}
	variants = s.readLines(ctx, unknown, variants)
	for _, a := range written {
		if a.err != nil {
			continue
		}
		s.lines.put(a.key, a.lines)
		a.cart, a.err = s.render(ctx, a.row, a.lines, variants, nil)
	}
	return nil
}

// readLines reads the lines of the adds' carts after their write (a
// failure is each add's answer), and returns variants with those of the
// lines it did not hold. The lines are kept under the version the add
// wrote: if another writer came between, the next add's version shows it.
func (s *Service) readLines(ctx context.Context, adds []*add, variants map[string]catalog.Variant) map[string]catalog.Variant {
	if len(adds) == 0 {
		return variants
	}
	fail := func(err error) map[string]catalog.Variant {
		for _, a := range adds {
			a.err = err
		}
		return variants
	}
	lines, err := cartLines(ctx, s.store, adds)
	if err != nil {
		return fail(err)
	}
	var missing []string
	for _, items := range lines {
		for _, it := range items {
			if _, ok := variants[it.VariantID]; !ok {
				missing = append(missing, it.VariantID)
			}
		}
	}
	if len(missing) > 0 {
		more, err := s.catalog.Variants(ctx, missing)
		if err != nil {
			return fail(err)
		}
		variants = maps.Clone(variants) // the catalog's answers are shared
		maps.Copy(variants, more)
	}
	for _, a := range adds {
		a.lines = newLineSet(a.row.ID, a.row.Version, lines[a.row.ID])
	}
	return variants
}

// refuse explains adds the statement left out: their line changed since it
// was read and can no longer take the quantity.
func (s *Service) refuse(ctx context.Context, tx *store.Store, refused []*add, variants map[string]catalog.Variant) error {
	if len(refused) == 0 {
		return nil
	}
	lines, err := cartLines(ctx, tx, refused)
	if err != nil {
		return err
	}
	for _, a := range refused {
		v, have := variants[a.variantID], quantity(lines[a.row.ID], a.variantID)
		if a.err = check(have, a.qty, v); a.err == nil {
			a.err = NotEnough{VariantID: a.variantID, Available: v.Available}
		}
	}
	return nil
}

// cartLines reads the lines of the adds' carts through st, by cart ID.
func cartLines(ctx context.Context, st *store.Store, adds []*add) (map[string][]store.Item, error) {
	ids := make([]string, len(adds))
	for i, a := range adds {
		ids[i] = a.row.ID
	}
	items, err := st.ItemsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	lines := make(map[string][]store.Item, len(adds))
	for _, it := range items {
		lines[it.CartID] = append(lines[it.CartID], it)
	}
	return lines, nil
}

// check refuses adding qty to a line holding have: past 99 is a 422, past
// what is available a 409.
func check(have, qty int, v catalog.Variant) error {
	switch {
	case have+qty > MaxQuantity:
		return ErrBadQuantity
	case have+qty > v.Available:
		return NotEnough{VariantID: v.ID, Available: v.Available}
	}
	return nil
}

func quantity(lines []store.Item, variantID string) int {
	for _, it := range lines {
		if it.VariantID == variantID {
			return it.Quantity
		}
	}
	return 0
}

// ownerKey names an owner: "u:<user ID>" or "g:<guest key>".
func ownerKey(o cart.Owner) string {
	if o.UserID != "" {
		return "u:" + o.UserID
	}
	return "g:" + o.GuestKey
}

// cartKey is the ownerKey of a cart's owner.
func cartKey(c store.Cart) string {
	var o cart.Owner
	if c.UserID != nil {
		o.UserID = *c.UserID
	} else {
		o.GuestKey = *c.GuestKey
	}
	return ownerKey(o)
}

package store

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"bazaar/platform/database"
)

// Statements for many carts at once: the service adds the items of
// concurrent requests together, one statement per step instead of one per
// request. Rows go in a fixed order (owner, then cart and variant) so two
// such statements running at once lock rows in the same order and cannot
// deadlock each other.

// ItemsOf lists the lines of carts, oldest first, without their timestamps.
func (s *Store) ItemsOf(ctx context.Context, cartIDs []string) ([]Item, error) {
	var rows []Item
	if len(cartIDs) == 0 {
		return rows, nil
	}
	err := s.db.WithContext(ctx).Select("id, cart_id, variant_id, quantity, unit_price").Where(database.AnyOf(s.db, "cart_id", cartIDs)).Order("created_at, id").Find(&rows).Error
	return rows, err
}

// TouchEvery is how stale a cart's updated_at may grow before an add
// moves it to now. Moving it on every add made each add's cart update
// rewrite the idle index (no HOT update); the sweeps that read updated_at
// run hourly and judge idleness in days, so ten minutes is below their
// resolution.
const TouchEvery = 10 * time.Minute

// EnsureCarts returns the open carts of the given owners (user or guest
// key set on each row), creating the missing ones from the rows given and
// touching the others: updated_at is now (the rows' UpdatedAt) if it was
// older than TouchEvery, abandoned_at cleared, the version bumped (a new
// cart has version 0). One statement per kind of owner (their unique
// indexes differ); owners must be distinct.
func (s *Store) EnsureCarts(ctx context.Context, carts []Cart) ([]Cart, error) {
	var users, guests []Cart
	for _, c := range carts {
		if c.UserID != nil {
			users = append(users, c)
		} else {
			guests = append(guests, c)
		}
	}
	var out []Cart
	for _, group := range []struct {
		rows   []Cart
		key    func(Cart) string
		target string
	}{
		{users, func(c Cart) string { return *c.UserID }, "(user_id) WHERE status = 'open' AND user_id IS NOT NULL"},
		{guests, func(c Cart) string { return *c.GuestKey }, "(guest_key) WHERE status = 'open' AND guest_key IS NOT NULL"},
	} {
		if len(group.rows) == 0 {
			continue
		}
		slices.SortFunc(group.rows, func(a, b Cart) int { return cmp.Compare(group.key(a), group.key(b)) })
		src, args := s.cartRows(group.rows)
		// The row is updated (and returned, and locked) either way; an unchanged
		// updated_at keeps the update HOT.
		sql := "INSERT INTO cart_carts (id, user_id, guest_key, status, currency, created_at, updated_at) " + src +
			" ON CONFLICT " + group.target + " DO UPDATE SET updated_at = CASE WHEN cart_carts.updated_at < ?" +
			" THEN excluded.updated_at ELSE cart_carts.updated_at END, abandoned_at = NULL, version = cart_carts.version + 1" +
			" RETURNING id, user_id, guest_key, status, currency, discount_code, version"
		args = append(args, group.rows[0].UpdatedAt.Add(-TouchEvery))
		var rows []Cart
		// Find, not Scan: gorm's Scan formats the statement with its values for
		// the logger on every call, whether it logs or not.
		if err := s.db.WithContext(ctx).Raw(sql, args...).Find(&rows).Error; err != nil {
			return nil, err
		}
		out = append(out, rows...)
	}
	return out, nil
}

// LineAdd adds Quantity to a cart's line of a variant (creating it at
// UnitPrice), as long as the line then holds at most Limit.
type LineAdd struct {
	CartID, VariantID string
	Quantity, Limit   int
	UnitPrice         int64
}

// AddToLines applies adds to distinct lines in one statement, each decided
// on its own row: a line that would pass its limit is left as it is and
// missing from the result, the others are returned as they are now. A new
// line must be within its limit already (the caller checks).
func (s *Store) AddToLines(ctx context.Context, adds []LineAdd) ([]Item, error) {
	if len(adds) == 0 {
		return nil, nil
	}
	adds = slices.Clone(adds)
	slices.SortFunc(adds, func(a, b LineAdd) int {
		return cmp.Or(cmp.Compare(a.CartID, b.CartID), cmp.Compare(a.VariantID, b.VariantID))
	})
	src, limit, args := s.lineRows(adds)
	sql := "INSERT INTO cart_items (id, cart_id, variant_id, quantity, unit_price, created_at, updated_at) " + src +
		" ON CONFLICT (cart_id, variant_id) DO UPDATE SET quantity = cart_items.quantity + excluded.quantity," +
		" unit_price = excluded.unit_price, updated_at = excluded.updated_at" +
		" WHERE cart_items.quantity + excluded.quantity <= " + limit +
		" RETURNING id, cart_id, variant_id, quantity, unit_price"
	var rows []Item
	err := s.db.WithContext(ctx).Raw(sql, args...).Find(&rows).Error
	return rows, err
}

// The row sources of the batch inserts. On PostgreSQL each column is one
// array parameter read by unnest (in array order, so rows keep their lock
// order), and the statement text is the same for any number of rows: pgx
// prepares it once per connection and PostgreSQL plans it once, where a
// list of values was a new statement for each batch size, with up to 900
// parameters to parse. SQLite, in-process and without that cost, keeps
// the list of values.

// cartRows is the source of EnsureCarts' insert.
func (s *Store) cartRows(rows []Cart) (string, []any) {
	if database.Dialect(s.db) == database.Postgres {
		ids, currencies := make([]string, len(rows)), make([]string, len(rows))
		users, guests := make([]*string, len(rows)), make([]*string, len(rows))
		created, updated := make([]time.Time, len(rows)), make([]time.Time, len(rows))
		for i, c := range rows {
			ids[i], users[i], guests[i], currencies[i], created[i], updated[i] = c.ID, c.UserID, c.GuestKey, c.Currency, c.CreatedAt, c.UpdatedAt
		}
		return "SELECT id, user_id, guest_key, '" + Open + "', currency, created_at, updated_at" +
				" FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[])" +
				" AS t(id, user_id, guest_key, currency, created_at, updated_at)",
			[]any{&ids, &users, &guests, &currencies, &created, &updated}
	}
	var values strings.Builder
	args := make([]any, 0, 7*len(rows))
	for i, c := range rows {
		if i > 0 {
			values.WriteString(", ")
		}
		values.WriteString("(?, ?, ?, ?, ?, ?, ?)")
		args = append(args, c.ID, c.UserID, c.GuestKey, Open, c.Currency, c.CreatedAt, c.UpdatedAt)
	}
	return "VALUES " + values.String(), args
}

// lineRows is the source of AddToLines' insert, new lines with fresh IDs,
// and limit, the expression of the limit of the line being updated, found
// by the proposed (new, unique) ID of the row that conflicted. The source's
// arguments come before the limit's.
func (s *Store) lineRows(adds []LineAdd) (src, limit string, args []any) {
	now := time.Now().UTC()
	ids := make([]string, len(adds))
	for i := range adds {
		ids[i] = NewID()
	}
	if database.Dialect(s.db) == database.Postgres {
		carts, variants := make([]string, len(adds)), make([]string, len(adds))
		qtys, limits, prices := make([]int, len(adds)), make([]int, len(adds)), make([]int64, len(adds))
		for i, a := range adds {
			carts[i], variants[i], qtys[i], limits[i], prices[i] = a.CartID, a.VariantID, a.Quantity, a.Limit, a.UnitPrice
		}
		return "SELECT id, cart_id, variant_id, quantity, unit_price, ?::timestamptz, ?::timestamptz" +
				" FROM unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[]) AS t(id, cart_id, variant_id, quantity, unit_price)",
			"(?::int[])[array_position(?::text[], excluded.id)]",
			[]any{now, now, &ids, &carts, &variants, &qtys, &prices, &limits, &ids}
	}
	var values, cases strings.Builder
	var limitArgs []any
	for i, a := range adds {
		if i > 0 {
			values.WriteString(", ")
		}
		values.WriteString("(?, ?, ?, ?, ?, ?, ?)")
		args = append(args, ids[i], a.CartID, a.VariantID, a.Quantity, a.UnitPrice, now, now)
		cases.WriteString(" WHEN ? THEN CAST(? AS INTEGER)")
		limitArgs = append(limitArgs, ids[i], a.Limit)
	}
	return "VALUES " + values.String(), "CASE excluded.id" + cases.String() + " END", append(args, limitArgs...)
}

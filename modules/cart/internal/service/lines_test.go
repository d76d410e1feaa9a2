package service

import (
	"slices"
	"testing"

	"bazaar/modules/cart/internal/store"
)

func TestLineSet(t *testing.T) {
	first := []store.Item{
		{ID: "line-1", CartID: "cart", VariantID: "variant-a", Quantity: 2, UnitPrice: 500},
		{ID: "l2", CartID: "cart", VariantID: "v-b", Quantity: 1, UnitPrice: 1250},
	}
	set := newLineSet("cart", 7, first)
	if got := slices.Collect(set.all()); !slices.Equal(got, first) || set.len() != 2 || set.version != 7 {
		t.Fatalf("set of %+v holds %+v", first, got)
	}
	for _, tc := range []struct {
		name string
		line store.Item
		want []store.Item
	}{
		{"a line held changes in place", store.Item{ID: "l2", CartID: "cart", VariantID: "v-b", Quantity: 3, UnitPrice: 1200},
			[]store.Item{first[0], {ID: "l2", CartID: "cart", VariantID: "v-b", Quantity: 3, UnitPrice: 1200}}},
		{"a new line goes last", store.Item{ID: "l3", CartID: "cart", VariantID: "v-c", Quantity: 1, UnitPrice: 99},
			[]store.Item{first[0], first[1], {ID: "l3", CartID: "cart", VariantID: "v-c", Quantity: 1, UnitPrice: 99}}},
	} {
		next := set.with(8, tc.line)
		if got := slices.Collect(next.all()); !slices.Equal(got, tc.want) || next.version != 8 || next.len() != len(tc.want) {
			t.Errorf("%s: got %+v (version %d), want %+v", tc.name, got, next.version, tc.want)
		}
	}
	if got := slices.Collect(set.all()); !slices.Equal(got, first) {
		t.Fatalf("with changed the set it started from: %+v", got)
	}
}

package service

import (
	"slices"
	"testing"

	"bazaar/modules/cart/internal/store"
)

func TestCachedLines(t *testing.T) {
	kept := keepLines("cart", 7, []store.Item{
		{ID: "line-1", CartID: "cart", VariantID: "variant-a", Quantity: 2, UnitPrice: 500},
		{ID: "l2", CartID: "cart", VariantID: "v-b", Quantity: 1, UnitPrice: 1250},
	})
	if kept.variantID(0) != "variant-a" || kept.variantID(1) != "v-b" {
		t.Fatalf("variants %q, %q", kept.variantID(0), kept.variantID(1))
	}
	for _, tc := range []struct {
		name string
		line store.Item
		want []store.Item
	}{
		{"a line kept changes in place", store.Item{ID: "l2", CartID: "cart", VariantID: "v-b", Quantity: 3, UnitPrice: 1200},
			[]store.Item{{ID: "line-1", CartID: "cart", VariantID: "variant-a", Quantity: 2, UnitPrice: 500},
				{ID: "l2", CartID: "cart", VariantID: "v-b", Quantity: 3, UnitPrice: 1200}}},
		{"a new line goes last", store.Item{ID: "l3", CartID: "cart", VariantID: "v-c", Quantity: 1, UnitPrice: 99},
			[]store.Item{{ID: "line-1", CartID: "cart", VariantID: "variant-a", Quantity: 2, UnitPrice: 500},
				{ID: "l2", CartID: "cart", VariantID: "v-b", Quantity: 1, UnitPrice: 1250},
				{ID: "l3", CartID: "cart", VariantID: "v-c", Quantity: 1, UnitPrice: 99}}},
	} {
		if got := kept.with(tc.line); !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
	if again := keepLines("cart", 8, kept.with(store.Item{ID: "l3", CartID: "cart", VariantID: "v-c", Quantity: 1})); again.variantID(2) != "v-c" || again.version != 8 {
		t.Fatalf("kept again: %+v", again)
	}
}

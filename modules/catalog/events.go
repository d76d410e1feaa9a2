package catalog

// Topics of the events the catalog publishes.
const (
	TopicProductChanged = "catalog.ProductChanged.v1"
	TopicStockChanged   = "catalog.StockChanged.v1"
)

// ProductChanged: a product, its variants or prices were created, changed or archived.
type ProductChanged struct {
	ProductID string `json:"product_id"`
	Slug      string `json:"slug"`
	Status    string `json:"status"`
}

// StockChanged: a variant's on-hand stock changed (sale, adjustment, import).
type StockChanged struct {
	VariantID string `json:"variant_id"`
	OnHand    int    `json:"on_hand"`
	Reserved  int    `json:"reserved"`
	Reason    string `json:"reason"`
}

package cart

// Topics the cart publishes.
const (
	TopicItemAdded   = "cart.CartItemAdded.v1"
	TopicItemRemoved = "cart.CartItemRemoved.v1"
	TopicAbandoned   = "cart.CartAbandoned.v1"
)

// TopicOrderPlaced is the orders module's event the cart consumes to count
// discount-code usage, exactly once per order.
const TopicOrderPlaced = "orders.OrderPlaced.v1"

// ItemAdded is the payload of TopicItemAdded.
type ItemAdded struct {
	CartID    string `json:"cart_id"`
	VariantID string `json:"variant_id"`
	Quantity  int    `json:"quantity"`
	UserID    string `json:"user_id,omitempty"`
}

// ItemRemoved is the payload of TopicItemRemoved.
type ItemRemoved struct {
	CartID    string `json:"cart_id"`
	VariantID string `json:"variant_id"`
	UserID    string `json:"user_id,omitempty"`
}

// Abandoned is the payload of TopicAbandoned: a cart with items idle for a day.
type Abandoned struct {
	CartID    string `json:"cart_id"`
	UserID    string `json:"user_id,omitempty"`
	ItemCount int    `json:"item_count"`
	Subtotal  int64  `json:"subtotal"`
	Currency  string `json:"currency"`
}

// OrderPlaced is the part of the orders module's event the cart reads.
type OrderPlaced struct {
	OrderID      string `json:"order_id"`
	CartID       string `json:"cart_id"`
	UserID       string `json:"user_id,omitempty"`
	DiscountCode string `json:"discount_code,omitempty"`
}

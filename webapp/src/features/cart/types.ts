// Shapes of the cart API (modules/cart/internal/httpapi/openapi.yaml).
import type { Money } from '@/lib/money'

export type { Money }

export interface Image {
  url: string
  alt: string
}

export interface CartItem {
  /** The line's ID (PATCH/DELETE /api/cart/items/{id}). */
  id: string
  variant_id: string
  /** Empty when the variant is no longer sold. */
  product_slug: string
  name: string
  /** Option name -> value, e.g. { size: 'M', colour: 'Navy' }. */
  options: Record<string, string>
  image: Image | null
  quantity: number
  /** The catalog's current price. */
  unit_price: Money
  line_total: Money
  /** How many the shop can sell now (0: out of stock or no longer sold). */
  available: number
}

export const warningKinds = ['price_changed', 'unavailable', 'quantity_reduced', 'merged', 'discount_removed'] as const
export type WarningKind = (typeof warningKinds)[number]

export interface CartWarning {
  /** The line it is about; null for the whole cart (merged, discount_removed). */
  line_id: string | null
  kind: WarningKind
  message: string
  old_price?: Money
  new_price?: Money
}

export interface Cart {
  /** null until something was added. */
  id: string | null
  items: CartItem[]
  /** Sum of the quantities. */
  item_count: number
  subtotal: Money
  discount: Money
  total: Money
  discount_code: string | null
  warnings: CartWarning[]
}

/**
 * The cart as the app caches it: the server's cart plus `notices`, the
 * one-time warnings of earlier responses (the sign-in merge reports its
 * adjustments once) kept until the shopper dismisses them.
 */
export interface CartData extends Cart {
  notices: CartWarning[]
}

export type DiscountKind = 'percent' | 'fixed'

export interface Discount {
  id: string
  code: string
  kind: DiscountKind
  /** percent: basis points (1250 = 12.5 %); fixed: minor units. */
  value: number
  currency: string
  /** Minor units. */
  min_subtotal: number
  starts_at: string | null
  ends_at: string | null
  usage_limit: number | null
  per_customer_limit: number | null
  used: number
  active: boolean
}

/** POST /api/admin/discounts body; PATCH takes any subset (null clears a limit or date). */
export type DiscountInput = Omit<Discount, 'id' | 'used'>

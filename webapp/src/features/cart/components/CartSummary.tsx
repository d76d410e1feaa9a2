import { useIsMutating } from '@tanstack/react-query'
import { formatMoney } from '@/lib/money'
import { cartMutationKey } from '../cache'
import type { Cart } from '../types'

/**
 * Subtotal, discount and total. While cart changes are on their way the
 * numbers are the app's estimate (the discount is the server's to compute):
 * they are marked busy until the server's answer settles them.
 */
export function CartSummary({ cart }: { cart: Cart }) {
  const updating = useIsMutating({ mutationKey: cartMutationKey }) > 0
  return (
    <dl
      className="cart-summary"
      aria-busy={updating || undefined}
      data-updating={updating || undefined}
      data-testid="cart-summary"
    >
      <div>
        <dt>Subtotal</dt>
        <dd data-testid="cart-subtotal">{formatMoney(cart.subtotal)}</dd>
      </div>
      {(cart.discount.amount > 0 || cart.discount_code) && (
        <div>
          <dt>Discount{cart.discount_code && <> ({cart.discount_code})</>}</dt>
          <dd data-testid="cart-discount">−{formatMoney(cart.discount)}</dd>
        </div>
      )}
      <div className="cart-summary__total">
        <dt>Total</dt>
        <dd data-testid="cart-total">{formatMoney(cart.total)}</dd>
      </div>
    </dl>
  )
}

import { useQueryClient } from '@tanstack/react-query'
import { describeError } from '@/lib/forms'
import { useRemoveDiscount } from '../api/removeDiscount'
import { dismissNotices } from '../cache'
import { groupWarnings, warningText } from '../messages'
import type { CartData } from '../types'

/**
 * What concerns the whole cart, above the lines: the adjustments of merging
 * the guest cart after sign-in (kept until dismissed), a code that no longer
 * applies (with a way to take it off), and warnings about lines no longer listed.
 */
export function CartNotices({ cart }: { cart: CartData }) {
  const queryClient = useQueryClient()
  const removeCode = useRemoveDiscount()
  const { cartLevel } = groupWarnings(cart.items, cart.warnings)
  if (cart.notices.length === 0 && cartLevel.length === 0) return null

  return (
    <div className="cart-notices" data-testid="cart-notices">
      {cart.notices.length > 0 && (
        <div className="notice cart-notice" data-kind="merged">
          <p>We added the cart from before you signed in:</p>
          <ul>
            {cart.notices.map((notice, i) => (
              <li key={i}>{warningText(notice)}</li>
            ))}
          </ul>
          <button type="button" className="link-button" onClick={() => dismissNotices(queryClient)}>
            Dismiss
          </button>
        </div>
      )}
      {cartLevel.map((warning, i) => (
        <div key={i} className="notice cart-notice" data-kind={warning.kind}>
          <p>{warningText(warning)}</p>
          {warning.kind === 'discount_removed' && (
            <button
              type="button"
              className="link-button"
              disabled={removeCode.isPending}
              onClick={() => removeCode.mutate()}
            >
              Remove the code
            </button>
          )}
        </div>
      ))}
      {removeCode.error && (
        <p className="field-error" role="alert">
          {describeError(removeCode.error)}
        </p>
      )}
    </div>
  )
}

import { useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { formatMoney } from '@/lib/money'
import { useRemoveCartItem } from '../api/removeCartItem'
import { useUpdateCartItem } from '../api/updateCartItem'
import { cachedLine } from '../cache'
import { groupWarnings, optionsText, warningText } from '../messages'
import type { CartData, CartItem, CartWarning } from '../types'
import { useLineErrors } from '../useLineErrors'
import { MAX_QUANTITY, QuantityStepper } from './QuantityStepper'

/**
 * The cart's lines with quantity steppers and "Remove", each with its
 * warnings and the error of its last failed change. `compact` is the drawer's
 * layout (no unit price column). `onLeave` runs when a product link is followed;
 * `onRemoved` after a line was taken off (focus has to go somewhere).
 */
export function CartLines({
  cart,
  compact = false,
  onLeave,
  onRemoved,
}: {
  cart: CartData
  compact?: boolean
  onLeave?: () => void
  onRemoved?: () => void
}) {
  const queryClient = useQueryClient()
  const update = useUpdateCartItem()
  const remove = useRemoveCartItem()
  const errors = useLineErrors()
  const { byLine } = groupWarnings(cart.items, cart.warnings)

  // The next quantity counts from the cache, which already holds earlier
  // clicks whose requests are still queued (the rendered value may lag behind).
  function step(item: CartItem, delta: 1 | -1) {
    const current = cachedLine(queryClient, item.id)?.quantity ?? item.quantity
    const next = Math.min(Math.max(current + delta, 1), maxOf(item))
    if (next !== current) update.mutate({ id: item.id, quantity: next })
  }

  return (
    <ul className={compact ? 'cart-lines cart-lines--compact' : 'cart-lines'} data-testid="cart-lines">
      {cart.items.map((item) => (
        <li key={item.id}>
          <CartLine
            item={item}
            compact={compact}
            warnings={byLine.get(item.id) ?? []}
            error={errors.get(item.id)}
            onStep={(delta) => step(item, delta)}
            onCommit={(quantity) => update.mutate({ id: item.id, quantity })}
            onRemove={() => {
              remove.mutate({ id: item.id })
              onRemoved?.()
            }}
            onLeave={onLeave}
          />
        </li>
      ))}
    </ul>
  )
}

/** More than in stock cannot be ordered; a line above it (stock fell) can only go down. */
const maxOf = (item: CartItem) => Math.min(MAX_QUANTITY, Math.max(item.available, item.quantity))

function CartLine({
  item,
  compact,
  warnings,
  error,
  onStep,
  onCommit,
  onRemove,
  onLeave,
}: {
  item: CartItem
  compact: boolean
  warnings: CartWarning[]
  error: string | undefined
  onStep: (delta: 1 | -1) => void
  onCommit: (quantity: number) => void
  onRemove: () => void
  onLeave?: () => void
}) {
  const name = item.name || 'An item no longer sold'
  const nameId = `cart-line-${item.id}`
  const options = optionsText(item.options)
  const sold = item.product_slug !== ''
  const canChange = sold && item.available > 0

  return (
    <article className="cart-line" aria-labelledby={nameId} data-testid="cart-line">
      <div className="cart-line__image">
        {item.image ? <img src={item.image.url} alt="" width={80} height={80} loading="lazy" /> : <span />}
      </div>
      <div className="cart-line__info">
        <h3 id={nameId} className="cart-line__name">
          {sold ? (
            <Link to="/p/$slug" params={{ slug: item.product_slug }} onClick={onLeave}>
              {name}
            </Link>
          ) : (
            name
          )}
        </h3>
        {options && <p className="cart-line__options">{options}</p>}
        {!compact && (
          <p className="cart-line__unit" data-testid="unit-price">
            {formatMoney(item.unit_price)} each
          </p>
        )}
      </div>
      <div className="cart-line__quantity">
        <QuantityStepper
          value={item.quantity}
          max={maxOf(item)}
          name={name}
          disabled={!canChange}
          onStep={onStep}
          onCommit={onCommit}
        />
      </div>
      <p className="cart-line__total" data-testid="line-total">
        <span className="visually-hidden">Line total: </span>
        {formatMoney(item.line_total)}
      </p>
      <div className="cart-line__remove">
        <button type="button" className="link-button" aria-label={`Remove ${name}`} onClick={onRemove}>
          Remove
        </button>
      </div>
      {(warnings.length > 0 || error) && (
        <div className="cart-line__messages">
          {warnings.length > 0 && (
            <ul className="cart-line__warnings" data-testid="line-warnings">
              {warnings.map((warning, i) => (
                <li key={i} className="cart-warning" data-kind={warning.kind}>
                  {warningText(warning)}
                </li>
              ))}
            </ul>
          )}
          {error && (
            <p className="field-error" role="alert" data-testid="line-error">
              {error}
            </p>
          )}
        </div>
      )}
    </article>
  )
}

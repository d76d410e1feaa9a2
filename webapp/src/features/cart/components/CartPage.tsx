import { Link } from '@tanstack/react-router'
import { useRef } from 'react'
import { useCart } from '../api/getCart'
import { CartLines } from './CartLines'
import { CartNotices } from './CartNotices'
import { CartSummary } from './CartSummary'
import { DiscountCodeForm } from './DiscountCodeForm'

/** /cart: the lines with their warnings, cart-level notices on top, the discount code and the totals. */
export function CartPage() {
  const { data: cart } = useCart()
  const heading = useRef<HTMLHeadingElement>(null)
  const empty = cart.items.length === 0

  return (
    <section className="page cart-page" aria-labelledby="cart-heading" data-testid="cart-page">
      <h1 id="cart-heading" ref={heading} tabIndex={-1}>
        Your cart
      </h1>
      <CartNotices cart={cart} />
      {empty ? (
        <div className="empty-state cart-empty" data-testid="cart-empty">
          <h2>Your cart is empty</h2>
          <p>Find something you like and add it here.</p>
          <p>
            <Link to="/" className="button">
              Continue shopping
            </Link>
          </p>
        </div>
      ) : (
        <div className="cart-page__layout">
          <div className="cart-page__lines">
            <h2 className="visually-hidden">Items</h2>
            <CartLines cart={cart} onRemoved={() => heading.current?.focus()} />
          </div>
          <aside className="cart-page__summary" aria-labelledby="cart-summary-heading">
            <h2 id="cart-summary-heading">Summary</h2>
            <p className="cart-page__count">
              {cart.item_count} {cart.item_count === 1 ? 'item' : 'items'}
            </p>
            <CartSummary cart={cart} />
            <DiscountCodeForm code={cart.discount_code} />
          </aside>
        </div>
      )}
    </section>
  )
}

export function CartSkeleton() {
  return (
    <section className="page cart-page" aria-busy="true" data-testid="cart-pending">
      <p role="status" className="visually-hidden">
        Loading your cart…
      </p>
      <span className="skeleton skeleton--title" />
      <span className="skeleton skeleton--line" />
      <span className="skeleton skeleton--line skeleton--short" />
    </section>
  )
}

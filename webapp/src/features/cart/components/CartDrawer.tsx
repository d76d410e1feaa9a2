import { Link } from '@tanstack/react-router'
import { useLayoutEffect, useRef, type KeyboardEvent } from 'react'
import { createPortal } from 'react-dom'
import { describeError } from '@/lib/forms'
import { useCartInHeader } from '../api/getCart'
import { CartLines } from './CartLines'
import { CartNotices } from './CartNotices'
import { CartSummary } from './CartSummary'

const focusable = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex="0"]'

/**
 * The cart as a modal side panel: focus moves into it and stays there (Tab
 * wraps), Escape, the close button and a click outside close it, and focus
 * goes back to where it was, unless a link inside was followed.
 */
export function CartDrawer({ onClose }: { onClose: () => void }) {
  const { data: cart, error, isPending, refetch } = useCartInHeader()
  const panel = useRef<HTMLDivElement>(null)
  const leaving = useRef(false)

  // A layout effect: focus moves in the commit that shows the panel, not in a
  // passive effect React may run a frame (or, in a busy test run, an await)
  // later.
  useLayoutEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null
    panel.current?.focus()
    const { overflow } = document.body.style
    document.body.style.overflow = 'hidden'
    return () => {
      document.body.style.overflow = overflow
      if (!leaving.current && previous?.isConnected) previous.focus()
    }
  }, [])

  function leave() {
    leaving.current = true
    onClose()
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.stopPropagation()
      onClose()
      return
    }
    if (event.key !== 'Tab' || !panel.current) return
    const items = [...panel.current.querySelectorAll<HTMLElement>(focusable)]
    const first = items[0]
    const last = items.at(-1)
    if (!first || !last) {
      event.preventDefault()
      return
    }
    const active = document.activeElement
    if (event.shiftKey && (active === first || active === panel.current)) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && active === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return createPortal(
    <div className="drawer-layer">
      <div className="drawer-backdrop" aria-hidden="true" onClick={onClose} data-testid="drawer-backdrop" />
      <div
        ref={panel}
        id="cart-drawer"
        className="drawer"
        role="dialog"
        aria-modal="true"
        aria-labelledby="cart-drawer-title"
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid="cart-drawer"
      >
        <div className="drawer__header">
          <h2 id="cart-drawer-title">Your cart</h2>
          <button type="button" className="drawer__close" onClick={onClose}>
            <span aria-hidden="true">✕</span>
            <span className="visually-hidden">Close cart</span>
          </button>
        </div>
        <div className="drawer__body">
          {isPending ? (
            <p role="status">Loading your cart…</p>
          ) : error && !cart ? (
            <div className="form-alert" role="alert">
              <p>We could not load your cart. {describeError(error)}</p>
              <button type="button" className="button button--secondary" onClick={() => void refetch()}>
                Try again
              </button>
            </div>
          ) : cart.items.length === 0 ? (
            <>
              <CartNotices cart={cart} />
              <p className="cart-empty">Your cart is empty.</p>
              <p>
                <Link to="/" onClick={leave}>
                  Continue shopping
                </Link>
              </p>
            </>
          ) : (
            <>
              <CartNotices cart={cart} />
              <CartLines cart={cart} compact onLeave={leave} onRemoved={() => panel.current?.focus()} />
            </>
          )}
        </div>
        {cart && cart.items.length > 0 && (
          <div className="drawer__footer">
            <CartSummary cart={cart} />
            <Link to="/cart" className="button drawer__view" onClick={leave}>
              View cart
            </Link>
          </div>
        )}
      </div>
    </div>,
    document.body,
  )
}

import { useRouterState } from '@tanstack/react-router'
import { lazy, Suspense, useEffect } from 'react'
import { useUiStore } from '@/lib/ui'
import { useCartInHeader } from '../api/getCart'

// The drawer is not part of the first page load: its code is fetched when the
// pointer or focus reaches the button (or by the product page's Add to cart).
const loadCartDrawer = () => import('./CartDrawer')
const CartDrawer = lazy(() => loadCartDrawer().then((m) => ({ default: m.CartDrawer })))
const preload = () => void loadCartDrawer()

/**
 * The header's cart slot: a button with the number of items (read from the
 * cart query, which every cart mutation updates with the server's answer)
 * that opens the cart drawer. Nothing here takes the page down: while the
 * cart loads or when it fails, the button shows no number.
 */
export function HeaderCart() {
  const { data: cart } = useCartInHeader()
  const open = useUiStore((s) => s.cartOpen)
  const openCart = useUiStore((s) => s.openCart)
  const closeCart = useUiStore((s) => s.closeCart)
  const href = useRouterState({ select: (state) => state.location.href })

  // Another page (Back, a link elsewhere): the drawer does not follow.
  useEffect(() => {
    closeCart()
  }, [href, closeCart])

  const count = cart?.item_count
  const label = count === undefined ? 'Cart' : `Cart, ${count} ${count === 1 ? 'item' : 'items'}`
  return (
    <>
      <button
        type="button"
        className="cart-button"
        aria-label={label}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? 'cart-drawer' : undefined}
        onClick={openCart}
        onPointerEnter={preload}
        onFocus={preload}
        data-testid="cart-button"
      >
        <CartIcon />
        <span className="cart-button__label">Cart</span>
        {count !== undefined && (
          <span className="cart-button__count" data-testid="cart-count" data-empty={count === 0 || undefined}>
            {count}
          </span>
        )}
      </button>
      {open && (
        <Suspense fallback={null}>
          <CartDrawer onClose={closeCart} />
        </Suspense>
      )}
    </>
  )
}

function CartIcon() {
  return (
    <svg className="cart-button__icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
        d="M3 4h2l2.4 11.2a1 1 0 0 0 1 .8h8.9a1 1 0 0 0 1-.8L20 8H6.2M9 20.5h.01M17 20.5h.01"
      />
    </svg>
  )
}

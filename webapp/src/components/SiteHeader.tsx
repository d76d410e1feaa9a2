import { Link } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { useUiStore } from '@/lib/ui'

/**
 * The site header. Features fill its slots; the root layout passes them in:
 * `search` is the search box (catalog), `account` the list items for the
 * visitor's account (sign in / the user's menu, the Admin link; accounts),
 * `cart` the cart button with its drawer (cart; outside the menu, so it stays
 * visible on phones).
 */
export function SiteHeader({
  search,
  account,
  cart,
}: {
  search?: ReactNode
  account?: ReactNode
  cart?: ReactNode
}) {
  const open = useUiStore((s) => s.mobileNavOpen)
  const toggle = useUiStore((s) => s.toggleMobileNav)
  const close = useUiStore((s) => s.closeMobileNav)

  return (
    <header className="site-header">
      <div className="site-header__bar">
        <Link to="/" className="brand" onClick={close}>
          Bazaar
        </Link>
        {cart && <div className="site-header__cart">{cart}</div>}
        <button
          type="button"
          className="menu-button"
          aria-controls="site-nav"
          aria-expanded={open}
          onClick={toggle}
        >
          <span className="visually-hidden">{open ? 'Close menu' : 'Open menu'}</span>
          <span aria-hidden="true">{open ? '✕' : '☰'}</span>
        </button>
      </div>
      {search && <div className="site-header__search">{search}</div>}
      <nav id="site-nav" className="site-nav" aria-label="Main" data-open={open}>
        <ul>
          <li>
            <Link to="/" activeOptions={{ exact: true }} onClick={close}>
              Shop
            </Link>
          </li>
          {account}
        </ul>
      </nav>
    </header>
  )
}

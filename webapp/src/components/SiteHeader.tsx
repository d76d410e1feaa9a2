import { Link } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { useUiStore } from '@/lib/ui'

/**
 * The site header. `account` holds the list items for the visitor's account
 * (sign in / the user's menu, the Admin link); the root layout passes them in
 * from the accounts feature.
 */
export function SiteHeader({ account }: { account?: ReactNode }) {
  const open = useUiStore((s) => s.mobileNavOpen)
  const toggle = useUiStore((s) => s.toggleMobileNav)
  const close = useUiStore((s) => s.closeMobileNav)

  return (
    <header className="site-header">
      <div className="site-header__bar">
        <Link to="/" className="brand" onClick={close}>
          Bazaar
        </Link>
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
      <nav id="site-nav" className="site-nav" aria-label="Main" data-open={open}>
        <ul>
          <li>
            <Link to="/" activeOptions={{ exact: true }} onClick={close}>
              Shop
            </Link>
          </li>
          <li>
            {/* Placeholder until the catalog search page exists. */}
            <span className="placeholder" aria-disabled="true" title="Coming soon">
              Search
            </span>
          </li>
          {account}
        </ul>
      </nav>
    </header>
  )
}

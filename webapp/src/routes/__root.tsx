import type { QueryClient } from '@tanstack/react-query'
import { createRootRouteWithContext, Outlet, type ErrorComponentProps } from '@tanstack/react-router'
import { ErrorPage } from '@/components/ErrorPage'
import { NotFoundPage } from '@/components/NotFoundPage'
import { SiteFooter } from '@/components/SiteFooter'
import { SiteHeader } from '@/components/SiteHeader'
import { meQueryOptions, useMeInHeader } from '@/features/accounts/api/getMe'
import { AccountNav } from '@/features/accounts/components/AccountNav'
import { HeaderCart } from '@/features/cart/components/HeaderCart'
import { SearchBox } from '@/features/catalog/components/SearchBox'

/** What every route's loader receives as `context`. */
export interface RouterContext {
  queryClient: QueryClient
}

export const Route = createRootRouteWithContext<RouterContext>()({
  // Know who is signed in before the first paint, so the header does not
  // flicker from "Sign in" to the user's name. A failing /api/me must not take
  // the app down: the header then just shows no account links.
  loader: async ({ context }) => {
    await context.queryClient.ensureQueryData(meQueryOptions()).catch(() => null)
  },
  component: RootLayout,
  errorComponent: RootError,
  notFoundComponent: NotFoundPage,
})

function RootLayout() {
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader search={<SearchBox />} account={<AccountNav />} cart={<SessionCart />} />
      <main id="main" className="main">
        <Outlet />
      </main>
      <SiteFooter />
    </div>
  )
}

// Signing in or out drops every cached query (accounts' sessionChanged), the
// cart's included, and a mounted observer would not ask again by itself: a new
// session mounts the cart anew, so it fetches the cart at once. After signing
// in, that first cart request merges the guest cart (its warnings show in the
// drawer and on /cart).
function SessionCart() {
  const { data: user } = useMeInHeader()
  return <HeaderCart key={user?.id ?? 'guest'} />
}

// Errors of child routes render inside the layout (the router's
// defaultErrorComponent); this one catches what breaks the layout itself, so it
// draws a bare header of its own. The plain link reloads the whole app.
function RootError(props: ErrorComponentProps) {
  return (
    <div className="app">
      <header className="site-header">
        <a href="/" className="brand">
          Bazaar
        </a>
      </header>
      <main id="main" className="main">
        <ErrorPage {...props} />
      </main>
    </div>
  )
}

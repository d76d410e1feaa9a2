import { fireEvent, screen, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import type { User } from '@/features/accounts/types'
import { useUiStore } from '@/lib/ui'
import { catalogEndpoints } from './catalogFixtures'
import { fakeApi, makeUser, meEndpoint } from './fakeApi'
import { renderApp } from './render'

// The header asks /api/me who is signed in: a visitor, unless a test says otherwise.
let me: User | null
beforeEach(() => {
  me = null
  fakeApi({ 'GET /api/me': meEndpoint(() => me), ...catalogEndpoints() })
})

describe('root layout', () => {
  it('renders the header with the brand, the navigation and the home page', async () => {
    renderApp('/')

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Bazaar' })).toBeVisible()
    expect(screen.getByTestId('home')).toBeInTheDocument()

    const header = screen.getByRole('banner')
    expect(within(header).getByRole('link', { name: 'Bazaar' })).toHaveAttribute('href', '/')

    // The catalog's search box sits in the header's search slot.
    expect(within(header).getByRole('search')).toContainElement(
      within(header).getByRole('combobox', { name: 'Search products' }),
    )

    const nav = within(header).getByRole('navigation', { name: 'Main' })
    expect(within(nav).getByRole('link', { name: 'Shop' })).toHaveAttribute('href', '/')
    expect(within(nav).getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in')
    // Visitors get no Admin link.
    expect(within(nav).queryByRole('link', { name: 'Admin' })).not.toBeInTheDocument()

    expect(screen.getByRole('main')).toContainElement(screen.getByTestId('home'))
    expect(screen.getByRole('contentinfo')).toHaveTextContent('Bazaar')
  })

  it('navigates client-side to the admin shell', async () => {
    me = makeUser({ roles: ['customer', 'staff'] })
    const { router } = renderApp('/')
    fireEvent.click(await screen.findByRole('link', { name: 'Admin' }))

    expect(await screen.findByTestId('admin-home')).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/admin')
    expect(screen.getByRole('heading', { level: 1, name: 'Admin' })).toBeVisible()
    const sidebar = screen.getByRole('navigation', { name: 'Admin' })
    expect(within(sidebar).getByText('Orders')).toHaveAttribute('aria-disabled', 'true')
    for (const [name, href] of [
      ['Products', '/admin/products'],
      ['Categories', '/admin/categories'],
      ['Discounts', '/admin/discounts'],
      ['Users', '/admin/users'],
    ]) {
      expect(within(sidebar).getByRole('link', { name })).toHaveAttribute('href', href)
    }
    // The layout stays around the admin area.
    expect(screen.getByRole('link', { name: 'Bazaar' })).toBeInTheDocument()
  })

  it('opens and closes the mobile menu through the UI store', async () => {
    renderApp('/')
    const button = await screen.findByRole('button', { name: 'Open menu' })
    const nav = screen.getByRole('navigation', { name: 'Main' })
    expect(button).toHaveAttribute('aria-expanded', 'false')
    expect(nav).toHaveAttribute('data-open', 'false')

    fireEvent.click(button)
    expect(useUiStore.getState().mobileNavOpen).toBe(true)
    expect(screen.getByRole('button', { name: 'Close menu' })).toHaveAttribute('aria-expanded', 'true')
    expect(nav).toHaveAttribute('data-open', 'true')

    // Following a link closes the menu.
    fireEvent.click(within(nav).getByRole('link', { name: 'Sign in' }))
    expect(await screen.findByTestId('sign-in')).toBeInTheDocument()
    expect(useUiStore.getState().mobileNavOpen).toBe(false)
    expect(nav).toHaveAttribute('data-open', 'false')
  })
})

describe('not found', () => {
  it('renders the not-found page inside the layout for an unknown path', async () => {
    const { router } = renderApp('/no/such/page')

    const page = await screen.findByTestId('not-found')
    expect(within(page).getByRole('heading', { name: 'Page not found' })).toBeVisible()
    expect(screen.getByRole('banner')).toBeInTheDocument()
    expect(screen.queryByTestId('home')).not.toBeInTheDocument()

    fireEvent.click(within(page).getByRole('link', { name: 'Back to the home page' }))
    expect(await screen.findByTestId('home')).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/')
  })

  it('renders the not-found page for an unknown path below /admin', async () => {
    renderApp('/admin/nothing-here')
    expect(await screen.findByTestId('not-found')).toBeInTheDocument()
    expect(screen.queryByTestId('admin-home')).not.toBeInTheDocument()
  })
})

import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { csrfEndpoint, fakeApi, json, makeUser, meEndpoint, noContent } from '@/test/fakeApi'
import { renderApp } from '@/test/render'
import { catalogEndpoints } from '@/test/catalogFixtures'
import type { User } from '../types'

let me: User | null

function api() {
  return fakeApi({
    'GET /api/me': meEndpoint(() => me),
    'GET /api/auth/csrf': csrfEndpoint('tok-A'),
    'POST /api/auth/login': () => {
      me = makeUser({ name: 'Grace Hopper' })
      return json({ user: me })
    },
    'POST /api/auth/logout': () => {
      me = null
      return noContent()
    },
    'GET /api/me/addresses': () => json({ items: [] }),
    // The home page shows products.
    ...catalogEndpoints(),
  })
}

async function mainNav() {
  await screen.findByTestId('home')
  return within(screen.getByRole('navigation', { name: 'Main' }))
}

describe('header', () => {
  beforeEach(() => {
    me = null
  })

  it('offers Sign in and Sign up to visitors, and no Admin link', async () => {
    api()
    renderApp('/')
    const nav = await mainNav()

    expect(await nav.findByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in')
    expect(nav.getByRole('link', { name: 'Sign up' })).toHaveAttribute('href', '/sign-up')
    expect(nav.queryByRole('link', { name: 'Account' })).not.toBeInTheDocument()
    expect(nav.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument()
    expect(nav.queryByRole('link', { name: 'Admin' })).not.toBeInTheDocument()
  })

  it("shows a customer's name, Account and Sign out, but no Admin link", async () => {
    me = makeUser({ name: 'Ada Lovelace', roles: ['customer'] })
    api()
    renderApp('/')
    const nav = await mainNav()

    expect(await nav.findByTestId('header-user')).toHaveTextContent('Ada Lovelace')
    expect(nav.getByRole('link', { name: 'Account' })).toHaveAttribute('href', '/account')
    expect(nav.getByRole('button', { name: 'Sign out' })).toBeEnabled()
    expect(nav.queryByRole('link', { name: 'Sign in' })).not.toBeInTheDocument()
    expect(nav.queryByRole('link', { name: 'Admin' })).not.toBeInTheDocument()
  })

  it.each([[['customer', 'staff']], [['admin']]] as const)('shows the Admin link to %j', async (roles) => {
    me = makeUser({ roles: [...roles] })
    api()
    renderApp('/')
    const nav = await mainNav()

    expect(await nav.findByRole('link', { name: 'Admin' })).toHaveAttribute('href', '/admin')
    expect(nav.getByTestId('header-user')).toHaveTextContent('Ada Lovelace')
  })

  it('signs out: POST /api/auth/logout with the CSRF token, back to the home page as a visitor', async () => {
    me = makeUser({ name: 'Ada Lovelace' })
    const fake = api()
    const { router, queryClient } = renderApp('/account')
    expect(await screen.findByTestId('account')).toBeInTheDocument()
    expect(queryClient.getQueryData(['accounts', 'addresses'])).toEqual({ items: [] })
    const nav = within(screen.getByRole('navigation', { name: 'Main' }))

    fireEvent.click(nav.getByRole('button', { name: 'Sign out' }))

    expect(await nav.findByRole('link', { name: 'Sign in' })).toBeInTheDocument()
    expect(nav.queryByTestId('header-user')).not.toBeInTheDocument()
    await waitFor(() => expect(router.state.location.pathname).toBe('/'))
    expect(await screen.findByTestId('home')).toBeInTheDocument()
    const [logout] = fake.calls('POST', '/api/auth/logout')
    expect(logout?.headers.get('X-CSRFToken')).toBe('tok-A')
    // Private data of the old session is gone from the cache.
    expect(queryClient.getQueryData(['accounts', 'addresses'])).toBeUndefined()
    expect(queryClient.getQueryData(['accounts', 'me'])).toBeNull()
  })

  it('keeps using the same CSRF token across sign-in and sign-out (the server does not rotate it)', async () => {
    const fake = api()
    renderApp('/sign-in')
    const form = await screen.findByRole('form', { name: 'Sign in' })
    fireEvent.change(within(form).getByLabelText('Email'), { target: { value: 'grace@example.com' } })
    fireEvent.change(within(form).getByLabelText('Password'), { target: { value: 'correct horse' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Sign in' }))

    const nav = within(screen.getByRole('navigation', { name: 'Main' }))
    expect(await nav.findByTestId('header-user')).toHaveTextContent('Grace Hopper')
    fireEvent.click(nav.getByRole('button', { name: 'Sign out' }))
    expect(await nav.findByRole('link', { name: 'Sign in' })).toBeInTheDocument()

    const unsafe = fake.seen.filter((r) => r.method === 'POST')
    expect(unsafe.map((r) => `${r.path} ${r.headers.get('X-CSRFToken')}`)).toEqual([
      '/api/auth/login tok-A',
      '/api/auth/logout tok-A',
    ])
    expect(fake.calls('GET', '/api/auth/csrf')).toHaveLength(1)
  })
})

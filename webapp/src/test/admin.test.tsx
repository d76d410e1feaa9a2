import { screen, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import type { User } from '@/features/accounts/types'
import { catalogEndpoints } from './catalogFixtures'
import { fakeApi, makeUser, meEndpoint } from './fakeApi'
import { renderApp } from './render'

let me: User | null

function api() {
  return fakeApi({ 'GET /api/me': meEndpoint(() => me), ...catalogEndpoints() })
}

describe('admin area guard', () => {
  beforeEach(() => {
    me = null
  })

  it('sends visitors to sign in, with the admin page to return to', async () => {
    api()
    const { router } = renderApp('/admin')
    expect(await screen.findByTestId('sign-in')).toBeInTheDocument()
    expect(router.state.location.href).toBe('/sign-in?redirect=%2Fadmin')
    expect(screen.queryByRole('navigation', { name: 'Admin' })).not.toBeInTheDocument()
  })

  it.each([['/admin'], ['/admin/users']])("tells customers at %s they don't have access", async (path) => {
    // The guard's 403 goes through an error boundary, which React (development
    // build) logs and reports as a window "error" event; keep the output readable.
    vi.spyOn(console, 'error').mockImplementation(() => {})
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const silence = (event: ErrorEvent) => event.preventDefault()
    window.addEventListener('error', silence)
    onTestFinished(() => window.removeEventListener('error', silence))
    me = makeUser({ roles: ['customer'] })
    const fake = api()
    const { router } = renderApp(path)
    const page = await screen.findByTestId('forbidden')
    expect(within(page).getByRole('heading', { name: "You don't have access" })).toBeVisible()
    expect(router.state.location.pathname).toBe(path)
    // Nothing of the admin area is shown or loaded.
    expect(screen.queryByRole('navigation', { name: 'Admin' })).not.toBeInTheDocument()
    expect(screen.queryByTestId('admin-home')).not.toBeInTheDocument()
    expect(fake.calls('GET', '/api/admin/users')).toHaveLength(0)
  })

  it.each([[['customer', 'staff']], [['admin']]] as const)('lets %j in', async (roles) => {
    me = makeUser({ roles: [...roles] })
    api()
    renderApp('/admin')
    expect(await screen.findByTestId('admin-home')).toBeInTheDocument()
    expect(screen.getByRole('navigation', { name: 'Admin' })).toBeInTheDocument()
  })
})

import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { csrfEndpoint, fakeApi, json, makeUser, meEndpoint, problem, type FakeRequest, type Reply } from '@/test/fakeApi'
import { renderApp } from '@/test/render'
import type { User } from '../types'

const admin = makeUser({ id: 'u-admin', name: 'Alan Admin', email: 'alan@example.com', roles: ['customer', 'admin'] })
const people: User[] = [
  admin,
  makeUser({ id: 'u-ann', name: 'Ann Archer', email: 'ann@example.com' }),
  makeUser({ id: 'u-bob', name: 'Bob Baker', email: 'bob@example.com' }),
  makeUser({ id: 'u-anna', name: 'Anna Avery', email: 'anna@example.com', roles: ['customer', 'staff'] }),
]

let me: User | null
let users: User[]

/** Pages of two; the cursor is the index of the next user. */
const listUsers: Reply = (req: FakeRequest) => {
  const q = (req.search.get('q') ?? '').toLowerCase()
  const matching = users.filter((u) => !q || u.email.includes(q) || u.name.toLowerCase().includes(q))
  const start = Number(req.search.get('cursor') ?? 0)
  const items = matching.slice(start, start + 2)
  const next = start + 2 < matching.length ? String(start + 2) : null
  return json({ items, next_cursor: next })
}

function api(overrides: Record<string, Reply> = {}) {
  return fakeApi({
    'GET /api/me': meEndpoint(() => me),
    'GET /api/auth/csrf': csrfEndpoint(),
    'GET /api/admin/users': listUsers,
    ...overrides,
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const rowNames = () => screen.getAllByTestId('user-row').map((row) => within(row).getByRole('heading').textContent)

describe('admin users page', () => {
  beforeEach(() => {
    me = admin
    users = [...people]
  })

  it('lists users and loads more with the cursor', async () => {
    const fake = api()
    renderApp('/admin/users')

    await screen.findByTestId('admin-users')
    expect(rowNames()).toEqual(['Alan Admin You', 'Ann Archer'])
    expect(fake.calls('GET', '/api/admin/users')[0]?.search.get('cursor')).toBeNull()

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))

    await waitFor(() => expect(rowNames()).toEqual(['Alan Admin You', 'Ann Archer', 'Bob Baker', 'Anna Avery']))
    const calls = fake.calls('GET', '/api/admin/users')
    expect(calls.at(-1)?.search.get('cursor')).toBe('2')
    // The last page has no next cursor.
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument()
  })

  it('searches after a pause in typing, with the term in the URL', async () => {
    const fake = api()
    const { router } = renderApp('/admin/users')
    await screen.findByTestId('admin-users')
    const box = screen.getByRole('searchbox', { name: 'Search users' })
    box.focus()

    // Keystrokes 100 ms apart: quicker than the debounce, so nothing is searched yet.
    for (const text of ['a', 'an', 'ann', 'ann ']) {
      fireEvent.change(box, { target: { value: text } })
      await sleep(100)
    }
    expect(fake.calls('GET', '/api/admin/users')).toHaveLength(1)
    expect(router.state.location.search).toEqual({})

    await waitFor(() => expect(router.state.location.search).toEqual({ q: 'ann' }))
    await waitFor(() => expect(rowNames()).toEqual(['Ann Archer', 'Anna Avery']))
    const searches = fake.calls('GET', '/api/admin/users').map((r) => r.search.get('q'))
    expect(searches).toEqual([null, 'ann'])
    // The box kept its text and focus through the search.
    expect(screen.getByRole('searchbox', { name: 'Search users' })).toBe(box)
    expect(box).toHaveValue('ann ')
    expect(box).toHaveFocus()
    expect(screen.getByText('Showing 2 users matching “ann”.')).toBeInTheDocument()
  })

  it('starts from the search term in the URL', async () => {
    const fake = api()
    renderApp('/admin/users?q=bob')
    await screen.findByTestId('admin-users')
    expect(screen.getByRole('searchbox', { name: 'Search users' })).toHaveValue('bob')
    expect(rowNames()).toEqual(['Bob Baker'])
    expect(fake.calls('GET', '/api/admin/users').map((r) => r.search.get('q'))).toEqual(['bob'])
  })

  it("saves a user's roles", async () => {
    const fake = api({
      'PATCH /api/admin/users/u-ann': (req) => {
        const { roles } = req.body as { roles: User['roles'] }
        users = users.map((u) => (u.id === 'u-ann' ? { ...u, roles } : u))
        return json(users.find((u) => u.id === 'u-ann'))
      },
    })
    renderApp('/admin/users')
    const row = within(await screen.findByRole('article', { name: 'Ann Archer' }))
    const save = row.getByRole('button', { name: /^Save/ })
    expect(row.getByRole('checkbox', { name: 'Customer' })).toBeChecked()
    expect(row.getByRole('checkbox', { name: 'Staff' })).not.toBeChecked()
    // Nothing to save until something changes.
    expect(save).toBeDisabled()

    fireEvent.click(row.getByRole('checkbox', { name: 'Staff' }))
    expect(save).toBeEnabled()
    fireEvent.click(save)

    expect(await row.findByText('Roles saved.')).toBeInTheDocument()
    expect(row.getByRole('checkbox', { name: 'Staff' })).toBeChecked()
    expect(save).toBeDisabled()
    const [patch] = fake.calls('PATCH', '/api/admin/users/u-ann')
    expect(patch?.body).toEqual({ roles: ['customer', 'staff'] })
    expect(patch?.headers.get('X-CSRFToken')).toBe('csrf-test-token')
  })

  it("shows the server's error when a save is refused", async () => {
    api({
      'PATCH /api/admin/users/u-admin': () =>
        problem(422, {
          detail: 'the request has invalid fields',
          errors: { roles: 'you cannot remove your own admin role' },
        }),
    })
    renderApp('/admin/users')
    const row = within(await screen.findByRole('article', { name: /Alan Admin/ }))

    fireEvent.click(row.getByRole('checkbox', { name: 'Admin' }))
    fireEvent.click(row.getByRole('button', { name: /^Save/ }))

    expect(await row.findByRole('alert')).toHaveTextContent('You cannot remove your own admin role.')
    // The edit is kept, so it can be corrected.
    expect(row.getByRole('checkbox', { name: 'Admin' })).not.toBeChecked()
    expect(row.queryByText('Roles saved.')).not.toBeInTheDocument()
  })

  it("tells staff they don't have access, without asking the API for users", async () => {
    me = makeUser({ roles: ['customer', 'staff'] })
    const fake = api()
    renderApp('/admin/users')
    expect(await screen.findByRole('heading', { name: "You don't have access" })).toBeInTheDocument()
    expect(fake.calls('GET', '/api/admin/users')).toHaveLength(0)
  })

  it('shows the no-access page when the API answers 403', async () => {
    // React logs errors caught by boundaries; keep the output readable.
    vi.spyOn(console, 'error').mockImplementation(() => {})
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const silence = (event: ErrorEvent) => event.preventDefault()
    window.addEventListener('error', silence)
    onTestFinished(() => window.removeEventListener('error', silence))
    api({ 'GET /api/admin/users': () => problem(403, { title: 'Forbidden', detail: 'admins only' }) })
    renderApp('/admin/users')
    expect(await screen.findByRole('heading', { name: "You don't have access" })).toBeInTheDocument()
  })

  it('sends visitors to sign in', async () => {
    me = null
    api()
    const { router } = renderApp('/admin/users?q=ann')
    await screen.findByTestId('sign-in')
    expect(router.state.location.pathname).toBe('/sign-in')
    expect(router.state.location.search).toEqual({ redirect: '/admin/users?q=ann' })
  })
})

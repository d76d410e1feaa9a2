// A fake Bazaar API on a stubbed global fetch, for component and route tests.
//
//   const api = fakeApi({ 'GET /api/me': () => json(user), 'POST /api/auth/login': ... })
//   ...
//   expect(api.calls('POST', '/api/auth/login')[0]?.body).toEqual({ ... })
//
// Routes are "METHOD /path" (no query string; read it from req.search). An
// unknown route answers 599 so a test fails loudly instead of hanging.
import { vi } from 'vitest'
import type { User } from '@/features/accounts/types'

export interface FakeRequest {
  method: string
  path: string
  search: URLSearchParams
  headers: Headers
  /** The parsed JSON body, if any. */
  body: unknown
}

export type Reply = (req: FakeRequest) => Response | Promise<Response>

export function fakeApi(routes: Record<string, Reply>) {
  const seen: FakeRequest[] = []
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://bazaar.test')
    const req: FakeRequest = {
      method: (init.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      search: url.searchParams,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    }
    seen.push(req)
    const reply = routes[`${req.method} ${req.path}`]
    if (!reply) return problem(599, { detail: `no fake route for ${req.method} ${req.path}` })
    return reply(req)
  })
  vi.stubGlobal('fetch', fetchMock)
  return {
    seen,
    fetchMock,
    /** The requests sent to METHOD path, in order. */
    calls: (method: string, path: string) => seen.filter((r) => r.method === method && r.path === path),
  }
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })

export const noContent = () => new Response(null, { status: 204 })

export function problem(
  status: number,
  fields: { title?: string; detail?: string; errors?: Record<string, string> } = {},
  headers: Record<string, string> = {},
) {
  return new Response(JSON.stringify({ type: 'about:blank', title: `HTTP ${status}`, status, ...fields }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  })
}

/** GET /api/auth/csrf as the server does it: sets the cookie and returns the token. */
export const csrfEndpoint =
  (token = 'csrf-test-token'): Reply =>
  () => {
    document.cookie = `csrftoken=${token}; path=/`
    return json({ csrf_token: token })
  }

/** GET /api/me for whoever `current()` returns (null: anonymous, 401). */
export const meEndpoint =
  (current: () => User | null): Reply =>
  () => {
    const user = current()
    return user ? json(user) : problem(401, { title: 'Unauthorized', detail: 'sign in first' })
  }

export function makeUser(overrides: Partial<User> = {}): User {
  return {
    id: 'u-1',
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    roles: ['customer'],
    created_at: '2026-01-02T10:00:00Z',
    ...overrides,
  }
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api, ApiError, CSRF_HEADER, readCookie } from './api'
import { parseRetryAfter } from './http'

interface Seen {
  url: string
  method: string
  headers: Headers
  credentials: RequestCredentials | undefined
  body: string | undefined
}

type Reply = (req: Seen) => Response | Promise<Response>

/** A fake API on a stubbed global fetch: records requests, answers by "METHOD path". */
function fakeApi(routes: Record<string, Reply>) {
  const seen: Seen[] = []
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const req: Seen = {
      url: String(input),
      method: (init.method ?? 'GET').toUpperCase(),
      headers: new Headers(init.headers),
      credentials: init.credentials,
      body: typeof init.body === 'string' ? init.body : undefined,
    }
    seen.push(req)
    const reply = routes[`${req.method} ${req.url}`]
    if (!reply) return new Response('no route', { status: 599 })
    return reply(req)
  })
  vi.stubGlobal('fetch', fetchMock)
  return { seen, fetchMock }
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { 'Content-Type': 'application/json', ...init.headers },
  })

// What the Go server does on GET /api/auth/csrf: set the cookie, return the token.
const csrfEndpoint =
  (token: string): Reply =>
  () => {
    document.cookie = `csrftoken=${token}; path=/`
    return json({ csrf_token: token })
  }

describe('api', () => {
  beforeEach(() => {
    expect(readCookie('csrftoken')).toBeUndefined()
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('sends JSON with same-origin credentials and parses the JSON answer', async () => {
    const { seen } = fakeApi({ 'GET /api/products': () => json({ items: [{ id: 'p1' }], next_cursor: null }) })

    const page = await api.get<{ items: { id: string }[] }>('/api/products')

    expect(page.items[0]?.id).toBe('p1')
    expect(seen).toHaveLength(1)
    expect(seen[0]?.credentials).toBe('same-origin')
    expect(seen[0]?.headers.get('Accept')).toContain('application/json')
    // Safe methods need no CSRF token, so no bootstrap call either.
    expect(seen[0]?.headers.has(CSRF_HEADER)).toBe(false)
  })

  it('sends the csrftoken cookie as X-CSRFToken on POST', async () => {
    document.cookie = 'csrftoken=from-cookie; path=/'
    const { seen } = fakeApi({ 'POST /api/cart/items': () => json({ id: 'line-1' }, { status: 201 }) })

    const created = await api.post<{ id: string }>('/api/cart/items', { product_id: 'p1', quantity: 2 })

    expect(created).toEqual({ id: 'line-1' })
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/cart/items'])
    const post = seen[0]!
    expect(post.headers.get('X-CSRFToken')).toBe('from-cookie')
    expect(post.headers.get('Content-Type')).toBe('application/json')
    expect(post.credentials).toBe('same-origin')
    expect(JSON.parse(post.body!)).toEqual({ product_id: 'p1', quantity: 2 })
  })

  it.each(['put', 'patch', 'delete'] as const)('sends X-CSRFToken on %s too', async (method) => {
    document.cookie = 'csrftoken=tok; path=/'
    const { seen } = fakeApi({
      [`${method.toUpperCase()} /api/things/1`]: () => new Response(null, { status: 204 }),
    })

    const result = method === 'delete' ? await api.delete('/api/things/1') : await api[method]('/api/things/1', {})

    expect(result).toBeUndefined()
    expect(seen[0]?.headers.get('X-CSRFToken')).toBe('tok')
  })

  it('fetches a token from /api/auth/csrf first when there is no cookie, once for concurrent requests', async () => {
    const { seen } = fakeApi({
      'GET /api/auth/csrf': csrfEndpoint('fresh-token'),
      'POST /api/orders': () => json({ id: 'o1' }, { status: 201 }),
      'DELETE /api/cart/items/1': () => new Response(null, { status: 204 }),
    })

    await Promise.all([api.post('/api/orders', {}), api.delete('/api/cart/items/1')])

    expect(seen).toHaveLength(3)
    expect(`${seen[0]?.method} ${seen[0]?.url}`).toBe('GET /api/auth/csrf')
    // The two waiting requests go out in either order once the token is there.
    expect(seen.slice(1).map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'DELETE /api/cart/items/1',
      'POST /api/orders',
    ])
    expect(seen[0]?.credentials).toBe('same-origin')
    expect(seen[1]?.headers.get('X-CSRFToken')).toBe('fresh-token')
    expect(seen[2]?.headers.get('X-CSRFToken')).toBe('fresh-token')

    // The cookie is now set: the next unsafe call goes straight out.
    await api.post('/api/orders', {})
    expect(seen.filter((r) => r.url === '/api/auth/csrf')).toHaveLength(1)
  })

  it('uses the token from the csrf response body if no cookie became readable', async () => {
    const { seen } = fakeApi({
      'GET /api/auth/csrf': () => json({ csrf_token: 'body-token' }),
      'POST /api/orders': () => json({}, { status: 201 }),
    })

    await api.post('/api/orders', {})

    expect(seen[1]?.headers.get('X-CSRFToken')).toBe('body-token')
  })

  it('turns a problem+json answer into an ApiError with status, title, detail and field errors', async () => {
    document.cookie = 'csrftoken=tok; path=/'
    fakeApi({
      'POST /api/accounts': () =>
        new Response(
          JSON.stringify({
            type: 'https://bazaar.dev/problems/validation',
            title: 'Validation failed',
            status: 422,
            detail: 'Some fields are invalid.',
            errors: { email: 'must be a valid email address', password: 'is too short' },
          }),
          { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
        ),
    })

    const error = await api.post('/api/accounts', { email: 'nope' }).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    const apiError = error as ApiError
    expect(apiError.status).toBe(422)
    expect(apiError.type).toBe('https://bazaar.dev/problems/validation')
    expect(apiError.title).toBe('Validation failed')
    expect(apiError.detail).toBe('Some fields are invalid.')
    expect(apiError.message).toBe('Some fields are invalid.')
    expect(apiError.fieldErrors).toEqual({
      email: 'must be a valid email address',
      password: 'is too short',
    })
  })

  it('still throws an ApiError with the status when the error body is not problem+json', async () => {
    fakeApi({
      'GET /api/boom': () =>
        new Response('<h1>Bad gateway</h1>', {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'Content-Type': 'text/html' },
        }),
    })

    const error = await api.get('/api/boom').catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(502)
    expect((error as ApiError).title).toBe('Bad Gateway')
    expect((error as ApiError).fieldErrors).toEqual({})
  })

  it('fails the unsafe request with the bootstrap error when /api/auth/csrf fails', async () => {
    const { seen } = fakeApi({
      'GET /api/auth/csrf': () =>
        new Response(JSON.stringify({ title: 'Service Unavailable', status: 503 }), {
          status: 503,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    })

    await expect(api.post('/api/orders', {})).rejects.toMatchObject({ status: 503, title: 'Service Unavailable' })
    expect(seen.map((r) => r.url)).toEqual(['/api/auth/csrf'])
  })
})

describe('api CSRF recovery and Retry-After', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  const csrfFailure = () =>
    new Response(
      JSON.stringify({
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
        detail: "CSRF check failed: send the csrftoken cookie's value in the X-CSRFToken header",
      }),
      { status: 403, headers: { 'Content-Type': 'application/problem+json' } },
    )

  it('asks for a fresh token once and retries when the server rejects the cookie token', async () => {
    document.cookie = 'csrftoken=stale; path=/'
    let posts = 0
    const { seen } = fakeApi({
      'GET /api/auth/csrf': csrfEndpoint('renewed'),
      'POST /api/me/addresses': (req) => {
        posts += 1
        return req.headers.get('X-CSRFToken') === 'renewed' ? json({ id: 'a1' }, { status: 201 }) : csrfFailure()
      },
    })

    await expect(api.post('/api/me/addresses', { city: 'Berlin' })).resolves.toEqual({ id: 'a1' })

    expect(seen.map((r) => `${r.method} ${r.url} ${r.headers.get('X-CSRFToken') ?? '-'}`)).toEqual([
      'POST /api/me/addresses stale',
      'GET /api/auth/csrf -',
      'POST /api/me/addresses renewed',
    ])
    expect(posts).toBe(2)
    expect(JSON.parse(seen[2]!.body!)).toEqual({ city: 'Berlin' })
  })

  it('retries only once, and never for a 403 that is not about CSRF', async () => {
    document.cookie = 'csrftoken=tok; path=/'
    const { seen } = fakeApi({
      'GET /api/auth/csrf': csrfEndpoint('tok'),
      'POST /api/orders': () => csrfFailure(),
      'PATCH /api/admin/users/u1': () =>
        new Response(JSON.stringify({ title: 'Forbidden', status: 403, detail: 'admins only' }), {
          status: 403,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    })

    await expect(api.post('/api/orders', {})).rejects.toMatchObject({ status: 403 })
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /api/orders',
      'GET /api/auth/csrf',
      'POST /api/orders',
    ])

    seen.length = 0
    await expect(api.patch('/api/admin/users/u1', { roles: [] })).rejects.toMatchObject({
      status: 403,
      detail: 'admins only',
    })
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(['PATCH /api/admin/users/u1'])
  })

  it('reads Retry-After into ApiError.retryAfter (seconds or an HTTP date)', async () => {
    document.cookie = 'csrftoken=tok; path=/'
    fakeApi({
      'POST /api/auth/login': () =>
        new Response(JSON.stringify({ title: 'Too Many Requests', status: 429 }), {
          status: 429,
          headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '120' },
        }),
    })
    const error = (await api.post('/api/auth/login', {}).catch((e: unknown) => e)) as ApiError
    expect(error.status).toBe(429)
    expect(error.retryAfter).toBe(120)

    const now = Date.parse('2026-01-01T10:00:00Z')
    expect(parseRetryAfter('Thu, 01 Jan 2026 10:01:30 GMT', now)).toBe(90)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })
})

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    document.cookie = 'sessionid=abc; path=/'
    document.cookie = 'csrftoken=a%2Bb; path=/'
    document.cookie = 'other=1; path=/'
    expect(readCookie('csrftoken')).toBe('a+b')
    expect(readCookie('missing')).toBeUndefined()
  })
})

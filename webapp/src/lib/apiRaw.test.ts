import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from './api'
import { apiRaw } from './apiRaw'

interface Seen {
  url: string
  method: string
  headers: Headers
  body: BodyInit | null | undefined
}

function stubFetch(reply: (req: Seen, n: number) => Response) {
  const seen: Seen[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const req = { url: String(input), method: init.method ?? 'GET', headers: new Headers(init.headers), body: init.body }
      seen.push(req)
      return reply(req, seen.length)
    }),
  )
  return seen
}

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } })

describe('apiRaw', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('sends the body as it is with its content type and the CSRF token, and parses the JSON answer', async () => {
    document.cookie = 'csrftoken=tok; path=/'
    const seen = stubFetch(() => json({ id: 'job-1', state: 'queued' }, 202))
    const file = new File(['a,b\n1,2\n'], 'x.csv', { type: 'text/csv' })

    await expect(apiRaw.post('/api/admin/products/import', file, 'text/csv')).resolves.toEqual({
      id: 'job-1',
      state: 'queued',
    })
    expect(seen).toHaveLength(1)
    expect(seen[0]?.method).toBe('POST')
    expect(seen[0]?.body).toBe(file)
    expect(seen[0]?.headers.get('Content-Type')).toBe('text/csv')
    expect(seen[0]?.headers.get('X-CSRFToken')).toBe('tok')
  })

  it('gets a token first without a cookie, and retries once with a fresh one after a CSRF 403', async () => {
    let issued = 0
    const seen = stubFetch((req) => {
      if (req.url === '/api/auth/csrf') {
        issued += 1
        document.cookie = `csrftoken=t${issued}; path=/`
        return json({ csrf_token: `t${issued}` })
      }
      if (req.headers.get('X-CSRFToken') === 't1') {
        return json({ title: 'Forbidden', status: 403, detail: 'CSRF check failed' }, 403, 'application/problem+json')
      }
      return json({ ok: true }, 201)
    })

    await expect(apiRaw.post('/upload', 'raw text', 'text/plain')).resolves.toEqual({ ok: true })
    expect(seen.map((r) => `${r.method} ${r.url} ${r.headers.get('X-CSRFToken') ?? '-'}`)).toEqual([
      'GET /api/auth/csrf -',
      'POST /upload t1',
      'GET /api/auth/csrf -',
      'POST /upload t2',
    ])
    expect(seen[3]?.body).toBe('raw text')
  })

  it('throws ApiError with the field errors of a problem answer', async () => {
    document.cookie = 'csrftoken=tok; path=/'
    stubFetch(() =>
      json({ title: 'Unprocessable', status: 422, errors: { file: 'is empty' } }, 422, 'application/problem+json'),
    )
    const error = await apiRaw.post('/upload', '', 'text/csv').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).fieldErrors).toEqual({ file: 'is empty' })
  })
})

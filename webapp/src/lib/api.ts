// The fetch wrapper every feature uses for the Bazaar API.
//
//   import { api } from '@/lib/api'
//   const product = await api.get<Product>(`/api/products/${slug}`, { signal })
//
// JSON in and out, cookies sent (credentials: 'same-origin'), errors thrown as
// ApiError (parsed from application/problem+json). Unsafe methods carry the
// X-CSRFToken header with the value of the `csrftoken` cookie; when there is
// no cookie yet, GET /api/auth/csrf is called once first to get one.
//
// Signing in, out or up rotates the session cookie but not `csrftoken`, so the
// token is read from the cookie on every request and never kept in memory. If
// the server no longer knows the cookie's token anyway (a 403 whose problem
// mentions CSRF, e.g. after its token store was reset), the request is sent
// once more with a freshly issued token.
import { getCsrf } from '@/features/platform/api/getCsrf'
import { ApiError, request, type RequestOptions } from './http'

export { ApiError, isApiError, type ProblemDetails } from './http'

export const CSRF_COOKIE = 'csrftoken'
export const CSRF_HEADER = 'X-CSRFToken'

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim()
      try {
        return decodeURIComponent(value) || undefined
      } catch {
        return value || undefined
      }
    }
  }
  return undefined
}

// Concurrent unsafe requests without a cookie share one bootstrap call.
let pendingToken: Promise<string> | null = null

async function csrfToken(fresh = false): Promise<string> {
  const fromCookie = fresh ? undefined : readCookie(CSRF_COOKIE)
  if (fromCookie) return fromCookie
  pendingToken ??= getCsrf()
    // Prefer the cookie the response just set; the body carries the same value.
    .then((res) => readCookie(CSRF_COOKIE) ?? res.csrf_token)
    .finally(() => {
      pendingToken = null
    })
  return pendingToken
}

export type ApiRequestOptions = Omit<RequestOptions, 'method' | 'body'>

async function send<T>(
  method: NonNullable<RequestOptions['method']>,
  path: string,
  body: unknown,
  options: ApiRequestOptions = {},
): Promise<T> {
  if (!unsafeMethods.has(method)) return request<T>(path, { ...options, method, body })
  const headers = new Headers(options.headers)
  headers.set(CSRF_HEADER, await csrfToken())
  try {
    return await request<T>(path, { ...options, method, body, headers })
  } catch (error) {
    if (!isCsrfFailure(error)) throw error
    headers.set(CSRF_HEADER, await csrfToken(true))
    return request<T>(path, { ...options, method, body, headers })
  }
}

/** The server's answer when X-CSRFToken is missing or unknown (see platform/session). */
function isCsrfFailure(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 403 &&
    /csrf/i.test(`${error.type} ${error.title} ${error.detail ?? ''}`)
  )
}

export const api = {
  get: <T>(path: string, options?: ApiRequestOptions) => send<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: ApiRequestOptions) =>
    send<T>('POST', path, body, options),
  put: <T>(path: string, body?: unknown, options?: ApiRequestOptions) =>
    send<T>('PUT', path, body, options),
  patch: <T>(path: string, body?: unknown, options?: ApiRequestOptions) =>
    send<T>('PATCH', path, body, options),
  delete: <T>(path: string, options?: ApiRequestOptions) =>
    send<T>('DELETE', path, undefined, options),
}

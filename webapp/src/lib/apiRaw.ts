// A variant of `api` for bodies that are not JSON: a file upload sent as it
// is with its own Content-Type (e.g. a CSV as `text/csv`).
//
//   import { apiRaw } from '@/lib/apiRaw'
//   const job = await apiRaw.post<Job>('/api/admin/products/import', file, 'text/csv')
//
// Like `api`: cookies go along (credentials: 'same-origin'), the answer is
// parsed as JSON (undefined when empty), failures throw ApiError, and the
// X-CSRFToken header carries the `csrftoken` cookie (fetched from
// GET /api/auth/csrf first when there is none; a 403 about CSRF is retried
// once with a fresh token). The body must be re-sendable (a string, Blob or
// File, not a stream) for that retry.
import { getCsrf } from '@/features/platform/api/getCsrf'
import { CSRF_COOKIE, CSRF_HEADER, readCookie } from './api'
import { ApiError, toApiError } from './http'

export interface RawRequestOptions {
  headers?: HeadersInit
  signal?: AbortSignal
}

async function csrfToken(fresh: boolean): Promise<string> {
  const fromCookie = fresh ? undefined : readCookie(CSRF_COOKIE)
  if (fromCookie) return fromCookie
  const issued = await getCsrf()
  return readCookie(CSRF_COOKIE) ?? issued.csrf_token
}

const isCsrfFailure = (error: unknown) =>
  error instanceof ApiError && error.status === 403 && /csrf/i.test(`${error.type} ${error.title} ${error.detail ?? ''}`)

async function sendRaw<T>(
  method: 'POST' | 'PUT' | 'PATCH',
  path: string,
  body: BodyInit,
  contentType: string,
  options: RawRequestOptions,
): Promise<T> {
  const attempt = async (freshToken: boolean): Promise<T> => {
    const headers = new Headers(options.headers)
    headers.set('Accept', 'application/json, application/problem+json')
    headers.set('Content-Type', contentType)
    headers.set(CSRF_HEADER, await csrfToken(freshToken))
    const res = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: options.signal })
    if (!res.ok) throw await toApiError(res)
    const text = res.status === 204 ? '' : await res.text()
    return (text ? JSON.parse(text) : undefined) as T
  }
  try {
    return await attempt(false)
  } catch (error) {
    if (!isCsrfFailure(error)) throw error
    return attempt(true)
  }
}

export const apiRaw = {
  post: <T>(path: string, body: BodyInit, contentType: string, options: RawRequestOptions = {}) =>
    sendRaw<T>('POST', path, body, contentType, options),
  put: <T>(path: string, body: BodyInit, contentType: string, options: RawRequestOptions = {}) =>
    sendRaw<T>('PUT', path, body, contentType, options),
  patch: <T>(path: string, body: BodyInit, contentType: string, options: RawRequestOptions = {}) =>
    sendRaw<T>('PATCH', path, body, contentType, options),
}

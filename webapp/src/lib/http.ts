// Transport for the Bazaar API: JSON over same-origin fetch, errors as
// RFC 9457 problem+json turned into ApiError. Features call `api` from
// ./api.ts, which adds CSRF on top of this; only the CSRF bootstrap itself
// (features/platform/api/getCsrf.ts) calls `request` directly.

/** RFC 9457 problem details, as the Go API writes them. */
export interface ProblemDetails {
  type?: string
  title?: string
  status?: number
  detail?: string
  /** Validation errors: field name -> message. */
  errors?: Record<string, string>
}

/** An API call that did not succeed (any non-2xx response). */
export class ApiError extends Error {
  readonly status: number
  readonly type: string
  readonly title: string
  readonly detail: string | undefined
  /** Field -> message, empty unless the server reported validation errors. */
  readonly fieldErrors: Readonly<Record<string, string>>
  /** Seconds to wait before asking again (the Retry-After header, e.g. on 429), if sent. */
  readonly retryAfter: number | undefined

  constructor(problem: {
    status: number
    title: string
    type?: string
    detail?: string
    fieldErrors?: Record<string, string>
    retryAfter?: number
  }) {
    super(problem.detail ?? problem.title)
    this.name = 'ApiError'
    this.status = problem.status
    this.type = problem.type ?? 'about:blank'
    this.title = problem.title
    this.detail = problem.detail
    this.fieldErrors = problem.fieldErrors ?? {}
    this.retryAfter = problem.retryAfter
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {}
  const out: Record<string, string> = {}
  for (const [key, message] of Object.entries(value)) {
    if (typeof message === 'string') out[key] = message
  }
  return out
}

/** Reads Retry-After (delta-seconds or an HTTP date) as whole seconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, Math.ceil((date - now) / 1000))
}

/** Builds the ApiError for a failed response, reading its problem+json body if it has one. */
export async function toApiError(res: Response): Promise<ApiError> {
  const fallbackTitle = res.statusText || `HTTP ${res.status}`
  const contentType = res.headers.get('content-type') ?? ''
  let problem: ProblemDetails = {}
  if (/application\/(problem\+)?json/i.test(contentType)) {
    try {
      const body: unknown = await res.json()
      if (typeof body === 'object' && body !== null) problem = body as ProblemDetails
    } catch {
      // A malformed body still yields an error with the response status.
    }
  }
  return new ApiError({
    // The response status is authoritative; the body's copy may be missing.
    status: res.status,
    type: typeof problem.type === 'string' ? problem.type : undefined,
    title: typeof problem.title === 'string' && problem.title ? problem.title : fallbackTitle,
    detail: typeof problem.detail === 'string' ? problem.detail : undefined,
    fieldErrors: stringRecord(problem.errors),
    retryAfter: parseRetryAfter(res.headers.get('retry-after')),
  })
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Sent as JSON when present. */
  body?: unknown
  headers?: HeadersInit
  signal?: AbortSignal
}

/** One JSON request without CSRF handling. Resolves to the parsed body (undefined when empty). */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers = new Headers(options.headers)
  headers.set('Accept', 'application/json, application/problem+json')
  let body: string | undefined
  if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json')
    body = JSON.stringify(options.body)
  }
  const res = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    body,
    credentials: 'same-origin',
    signal: options.signal,
  })
  if (!res.ok) throw await toApiError(res)
  const text = res.status === 204 ? '' : await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

import { request } from '@/lib/http'

export interface CsrfToken {
  csrf_token: string
}

/**
 * GET /api/auth/csrf: the server sets the `csrftoken` cookie and returns its value.
 *
 * Only src/lib/api.ts calls this, when an unsafe request finds no cookie. It has
 * no queryOptions or hook on purpose: the cookie, not a query cache, is the
 * source of truth for the token (the server may rotate it, e.g. at login).
 */
export function getCsrf(signal?: AbortSignal): Promise<CsrfToken> {
  return request<CsrfToken>('/api/auth/csrf', { signal })
}

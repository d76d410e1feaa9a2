import { queryOptions, useQuery, useSuspenseQuery } from '@tanstack/react-query'
import { api, isApiError } from '@/lib/api'
import type { User } from '../types'

/** GET /api/me: the signed-in user, or null for an anonymous visitor (401). */
export async function getMe(signal?: AbortSignal): Promise<User | null> {
  try {
    return await api.get<User>('/api/me', { signal })
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null
    throw error
  }
}

export const meQueryKey = ['accounts', 'me'] as const

export const meQueryOptions = () =>
  queryOptions({ queryKey: meQueryKey, queryFn: ({ signal }) => getMe(signal) })

/** For route components whose loader or beforeLoad ensured the query. */
export const useMe = () => useSuspenseQuery(meQueryOptions())

/**
 * For the header, which must never take the page down: it renders nothing
 * account-specific while the query loads or after it failed.
 */
export const useMeInHeader = () => useQuery(meQueryOptions())

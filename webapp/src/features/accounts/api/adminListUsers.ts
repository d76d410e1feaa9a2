import { infiniteQueryOptions, useSuspenseInfiniteQuery } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { Page, User } from '../types'

export const adminUsersPageSize = 20

/** GET /api/admin/users (admins): newest first; `q` matches email or name. */
export function adminListUsers(params: { q?: string; cursor?: string; limit?: number }, signal?: AbortSignal) {
  const search = new URLSearchParams()
  if (params.q) search.set('q', params.q)
  if (params.cursor) search.set('cursor', params.cursor)
  search.set('limit', String(params.limit ?? adminUsersPageSize))
  return api.get<Page<User>>(`/api/admin/users?${search}`, { signal })
}

export const adminUsersQueryKey = ['accounts', 'admin', 'users'] as const

export const adminUsersQueryOptions = (q: string) =>
  infiniteQueryOptions({
    queryKey: [...adminUsersQueryKey, { q }] as const,
    queryFn: ({ pageParam, signal }) => adminListUsers({ q, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  })

export const useAdminUsers = (q: string) => useSuspenseInfiniteQuery(adminUsersQueryOptions(q))

import { queryOptions, useSuspenseQuery } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { CategoryNode } from '../types'

/** GET /api/categories: the root categories (`items`) with their children. */
export const listCategories = (signal?: AbortSignal) =>
  api.get<{ items: CategoryNode[] }>('/api/categories', { signal })

export const categoriesQueryOptions = () =>
  queryOptions({
    queryKey: ['catalog', 'categories'] as const,
    queryFn: ({ signal }) => listCategories(signal),
    // The tree changes rarely.
    staleTime: 5 * 60_000,
  })

export const useCategories = () => useSuspenseQuery(categoriesQueryOptions())

import { queryOptions, useSuspenseQuery } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { adminCategoriesKey } from '../cache'
import type { CategoryNode } from '../types'

/**
 * GET /api/categories: the whole tree (roots in `items`). The storefront's
 * answer may be cached by the browser for 30 s (Cache-Control: max-age=30);
 * the back office asks the server every time, so its own edits show at once.
 */
export const listCategoryTree = (signal?: AbortSignal) =>
  api.get<{ items: CategoryNode[] }>('/api/categories', { signal, headers: { 'Cache-Control': 'no-cache' } })

export const categoryTreeQueryOptions = () =>
  queryOptions({
    queryKey: adminCategoriesKey,
    queryFn: ({ signal }) => listCategoryTree(signal),
    staleTime: 0,
  })

export const useCategoryTree = () => useSuspenseQuery(categoryTreeQueryOptions())

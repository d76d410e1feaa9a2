import { infiniteQueryOptions, useSuspenseInfiniteQuery } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { adminProductsKey } from '../cache'
import type { AdminProduct, Page, ProductFilter } from '../types'

export const adminProductsPageSize = 50

/** The shortest search the API takes: no index finds a shorter text in a large catalog. */
export const minSearchLength = 3

/** The search of a typed text: trimmed, or undefined while it is shorter than minSearchLength. */
export function searchTerm(text: string | undefined): string | undefined {
  const term = text?.trim() ?? ''
  return term.length >= minSearchLength ? term : undefined
}

export function adminProductsSearchParams(filter: ProductFilter, cursor?: string, limit = adminProductsPageSize) {
  const params = new URLSearchParams()
  const q = searchTerm(filter.q)
  if (q) params.set('q', q)
  if (filter.status) params.set('status', filter.status)
  if (filter.category) params.set('category', filter.category)
  if (cursor) params.set('cursor', cursor)
  params.set('limit', String(limit))
  return params
}

/**
 * GET /api/admin/products (staff): products in any status, newest first; `q`
 * matches name, slug or SKU; `category` includes its sub-categories.
 */
export const adminListProducts = (filter: ProductFilter, cursor?: string, signal?: AbortSignal) =>
  api.get<Page<AdminProduct>>(`/api/admin/products?${adminProductsSearchParams(filter, cursor)}`, { signal })

export const adminProductsQueryOptions = (filter: ProductFilter) =>
  infiniteQueryOptions({
    queryKey: [
      ...adminProductsKey,
      { q: filter.q ?? '', status: filter.status ?? '', category: filter.category ?? '' },
    ] as const,
    queryFn: ({ pageParam, signal }) => adminListProducts(filter, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    // Staff expect to see their own edits at once.
    staleTime: 0,
  })

export const useAdminProducts = (filter: ProductFilter) => useSuspenseInfiniteQuery(adminProductsQueryOptions(filter))

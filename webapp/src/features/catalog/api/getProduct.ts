import { queryOptions, useSuspenseQuery } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { ProductDetail } from '../types'

/** GET /api/products/{slug}: an active product with variants and breadcrumb; 404 for unknown or draft. */
export const getProduct = (slug: string, signal?: AbortSignal) =>
  api.get<ProductDetail>(`/api/products/${encodeURIComponent(slug)}`, { signal })

export const productQueryOptions = (slug: string) =>
  queryOptions({
    queryKey: ['catalog', 'product', slug] as const,
    queryFn: ({ signal }) => getProduct(slug, signal),
  })

export const useProduct = (slug: string) => useSuspenseQuery(productQueryOptions(slug))

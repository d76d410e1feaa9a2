import { queryOptions, useSuspenseQuery } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { adminProductKey } from '../cache'
import type { AdminProduct } from '../types'

/** GET /api/admin/products/{id} (staff): any status, with variants and their stock; 404 when unknown. */
export const adminGetProduct = (id: string, signal?: AbortSignal) =>
  api.get<AdminProduct>(`/api/admin/products/${encodeURIComponent(id)}`, { signal })

export const adminProductQueryOptions = (id: string) =>
  queryOptions({
    queryKey: adminProductKey(id),
    queryFn: ({ signal }) => adminGetProduct(id, signal),
    staleTime: 0,
  })

export const useAdminProduct = (id: string) => useSuspenseQuery(adminProductQueryOptions(id))

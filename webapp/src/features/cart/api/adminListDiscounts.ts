import { queryOptions, useSuspenseQuery } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { Discount } from '../types'

/** GET /api/admin/discounts (staff, admins): every code, newest first. */
export const adminListDiscounts = (signal?: AbortSignal) =>
  api.get<{ items: Discount[] }>('/api/admin/discounts', { signal })

export const adminDiscountsQueryKey = ['cart', 'admin', 'discounts'] as const

export const adminDiscountsQueryOptions = () =>
  queryOptions({
    queryKey: adminDiscountsQueryKey,
    queryFn: ({ signal }) => adminListDiscounts(signal),
    select: (page) => page.items,
  })

export const useAdminDiscounts = () => useSuspenseQuery(adminDiscountsQueryOptions())

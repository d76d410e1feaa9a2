import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { adminMovementsKey } from '../cache'
import type { Movement } from '../types'

/** GET /api/admin/variants/{id}/movements (staff): the variant's stock ledger, newest first (up to 200). */
export const adminListMovements = (variantId: string, signal?: AbortSignal) =>
  api.get<{ items: Movement[] }>(`/api/admin/variants/${encodeURIComponent(variantId)}/movements`, { signal })

export const adminMovementsQueryOptions = (variantId: string) =>
  queryOptions({
    queryKey: adminMovementsKey(variantId),
    queryFn: ({ signal }) => adminListMovements(variantId, signal),
    staleTime: 0,
  })

/** Loads only while `enabled` (the stock panel is open); never suspends. */
export const useAdminMovements = (variantId: string, enabled = true) =>
  useQuery({ ...adminMovementsQueryOptions(variantId), enabled })

import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { adminMovementsKey, adminProductKey, productsChanged } from '../cache'
import type { AdminProduct, AdminVariant } from '../types'
import { withVariant } from './adminUpdateVariant'

export interface StockAdjustment {
  variant_id: string
  /** Non-zero; may not leave less on hand than is reserved. */
  delta: number
  reason: string
}

/**
 * POST /api/admin/inventory/adjustments (staff): changes on-hand stock with a
 * reason, recorded in the ledger; answers the variant (201). 422 when the
 * reason is missing or the stock would fall below what is reserved (`delta`).
 */
export const adminAdjustStock = ({ adjustment }: { productId: string; adjustment: StockAdjustment }) =>
  api.post<AdminVariant>('/api/admin/inventory/adjustments', adjustment)

export function useAdminAdjustStock() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: adminAdjustStock,
    onSuccess: (variant, { productId }) => {
      queryClient.setQueryData<AdminProduct>(adminProductKey(productId), (product) => withVariant(product, variant))
      void queryClient.invalidateQueries({ queryKey: adminMovementsKey(variant.id) })
      productsChanged(queryClient)
      // In stock or not may have changed.
      void queryClient.invalidateQueries({ queryKey: adminProductKey(productId) })
    },
  })
}

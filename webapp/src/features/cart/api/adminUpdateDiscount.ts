import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { Discount, DiscountInput } from '../types'
import { adminDiscountsQueryKey } from './adminListDiscounts'

/**
 * PATCH /api/admin/discounts/{id}: only the fields sent change; null clears a
 * date or a limit. 404: no such code; 409: the new code exists; 422: field errors.
 */
export const adminUpdateDiscount = ({ id, ...patch }: Partial<DiscountInput> & { id: string }) =>
  api.patch<Discount>(`/api/admin/discounts/${encodeURIComponent(id)}`, patch)

export function useAdminUpdateDiscount() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: adminUpdateDiscount,
    onSuccess: (discount) => {
      queryClient.setQueryData<{ items: Discount[] }>(adminDiscountsQueryKey, (page) =>
        page ? { items: page.items.map((d) => (d.id === discount.id ? discount : d)) } : page,
      )
    },
  })
}

import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { Discount, DiscountInput } from '../types'
import { adminDiscountsQueryKey } from './adminListDiscounts'

/** POST /api/admin/discounts (201). 409: a code like it exists; 422: field errors. */
export const adminCreateDiscount = (body: DiscountInput) => api.post<Discount>('/api/admin/discounts', body)

export function useAdminCreateDiscount() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: adminCreateDiscount,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminDiscountsQueryKey }),
  })
}

import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { adminDiscountsQueryKey } from './adminListDiscounts'

/** DELETE /api/admin/discounts/{id} (204): deletes an unused code, deactivates a used one. */
export const adminDeleteDiscount = (id: string) => api.delete<void>(`/api/admin/discounts/${encodeURIComponent(id)}`)

export function useAdminDeleteDiscount() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: adminDeleteDiscount,
    // Deleted or deactivated: the server decides, so reload the list.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminDiscountsQueryKey }),
  })
}

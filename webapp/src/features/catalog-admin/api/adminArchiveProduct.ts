import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { adminProductKey, productsChanged } from '../cache'

/**
 * DELETE /api/admin/products/{id} (staff): archives the product (204). Products
 * are never deleted, so orders keep their references; archived ones leave the storefront.
 */
export const adminArchiveProduct = (id: string) =>
  api.delete<void>(`/api/admin/products/${encodeURIComponent(id)}`)

export function useAdminArchiveProduct() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: adminArchiveProduct,
    onSuccess: async (_, id) => {
      productsChanged(queryClient)
      await queryClient.invalidateQueries({ queryKey: adminProductKey(id) })
    },
  })
}

import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { adminProductKey, productsChanged } from '../cache'
import type { AdminProduct, ProductInput } from '../types'

/** PATCH /api/admin/products/{id} (staff): the given fields change (variants are edited one by one). */
export const adminUpdateProduct = ({ id, input }: { id: string; input: Omit<ProductInput, 'variants'> }) =>
  api.patch<AdminProduct>(`/api/admin/products/${encodeURIComponent(id)}`, input)

export function useAdminUpdateProduct() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: adminUpdateProduct,
    onSuccess: (product) => {
      queryClient.setQueryData(adminProductKey(product.id), product)
      productsChanged(queryClient)
    },
  })
}

import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { adminProductKey, productsChanged } from '../cache'
import type { AdminProduct, ProductInput } from '../types'

/**
 * POST /api/admin/products (staff): a product with its first variants (201).
 * 422 names the fields (`name`, `variants[0].sku`, …); 409 when the slug or a SKU is taken.
 */
export const adminCreateProduct = (input: ProductInput) => api.post<AdminProduct>('/api/admin/products', input)

export function useAdminCreateProduct() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: adminCreateProduct,
    onSuccess: (product) => {
      queryClient.setQueryData(adminProductKey(product.id), product)
      productsChanged(queryClient)
    },
  })
}

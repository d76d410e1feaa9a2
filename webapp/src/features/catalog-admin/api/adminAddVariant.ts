import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { adminProductKey, productsChanged } from '../cache'
import type { AdminProduct, AdminVariant, VariantInput } from '../types'

/**
 * POST /api/admin/products/{id}/variants (staff): a new variant (201), with its
 * initial stock (`on_hand`). 422 names the fields; 409 when the SKU is taken.
 */
export const adminAddVariant = ({ productId, input }: { productId: string; input: VariantInput }) =>
  api.post<AdminVariant>(`/api/admin/products/${encodeURIComponent(productId)}/variants`, input)

export function useAdminAddVariant() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: adminAddVariant,
    onSuccess: async (variant, { productId }) => {
      queryClient.setQueryData<AdminProduct>(adminProductKey(productId), (product) =>
        product ? { ...product, variants: [...(product.variants ?? []), variant] } : product,
      )
      productsChanged(queryClient)
      // The product's price and in-stock summary may have changed too.
      await queryClient.invalidateQueries({ queryKey: adminProductKey(productId) })
    },
  })
}

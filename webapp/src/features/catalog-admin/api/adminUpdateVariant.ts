import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { adminProductKey, productsChanged } from '../cache'
import type { AdminProduct, AdminVariant, VariantInput } from '../types'

export type VariantChanges = Pick<VariantInput, 'sku' | 'options' | 'price' | 'compare_at_price'>

/**
 * PATCH /api/admin/variants/{id} (staff): price, compare-at price (null clears
 * it), SKU or options. Stock is not changed here (on_hand is a 422): use an adjustment.
 */
export const adminUpdateVariant = ({ id, input }: { productId: string; id: string; input: VariantChanges }) =>
  api.patch<AdminVariant>(`/api/admin/variants/${encodeURIComponent(id)}`, input)

/** The product in the cache with one variant replaced by the server's answer. */
export function withVariant(product: AdminProduct | undefined, variant: AdminVariant) {
  if (!product) return product
  return { ...product, variants: (product.variants ?? []).map((v) => (v.id === variant.id ? variant : v)) }
}

export function useAdminUpdateVariant() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: adminUpdateVariant,
    onSuccess: (variant, { productId }) => {
      queryClient.setQueryData<AdminProduct>(adminProductKey(productId), (product) => withVariant(product, variant))
      productsChanged(queryClient)
      // The product's price summary may have changed.
      void queryClient.invalidateQueries({ queryKey: adminProductKey(productId) })
    },
  })
}

// Query keys of the catalog back office, and what a write makes stale.
import type { QueryClient } from '@tanstack/react-query'

export const catalogAdminKey = ['catalog-admin'] as const
export const adminProductsKey = [...catalogAdminKey, 'products'] as const
export const adminProductKey = (id: string) => [...catalogAdminKey, 'product', id] as const
export const adminMovementsKey = (variantId: string) => [...catalogAdminKey, 'movements', variantId] as const
export const adminCategoriesKey = [...catalogAdminKey, 'categories'] as const
export const adminJobKey = (id: string) => [...catalogAdminKey, 'job', id] as const

/**
 * The storefront's cached catalog queries all start with this key. The back
 * office does not import the storefront feature; it only marks its data stale
 * after a write, so shop pages opened later in this tab show the change.
 */
const storefrontKey = ['catalog'] as const

/** After a product, variant or stock write: product lists and the storefront are stale. */
export function productsChanged(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: adminProductsKey })
  void queryClient.invalidateQueries({ queryKey: storefrontKey })
}

/** After a category write: the tree, product lists (category filters) and the storefront are stale. */
export function categoriesChanged(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: adminCategoriesKey })
  productsChanged(queryClient)
}

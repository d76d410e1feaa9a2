import { createFileRoute, notFound } from '@tanstack/react-router'
import { AddToCartButton, type PurchasableVariant } from '@/features/cart/components/AddToCartButton'
import { productQueryOptions } from '@/features/catalog/api/getProduct'
import { ProductPage } from '@/features/catalog/components/ProductPage'
import { ProductSkeleton } from '@/features/catalog/components/Skeletons'
import { isApiError } from '@/lib/api'

export const Route = createFileRoute('/p/$slug')({
  loader: async ({ context: { queryClient }, params }) => {
    try {
      await queryClient.ensureQueryData(productQueryOptions(params.slug))
    } catch (error) {
      // Unknown or draft products: the app's not-found page.
      if (isApiError(error) && error.status === 404) throw notFound()
      throw error
    }
  },
  component: ProductRoute,
  pendingComponent: ProductSkeleton,
})

// The cart's button in the catalog's product page (features do not import each
// other). A new variant starts over at quantity 1.
const addToCart = (variant: PurchasableVariant | null) => <AddToCartButton key={variant?.id} variant={variant} />

function ProductRoute() {
  const { slug } = Route.useParams()
  // A new product starts with its own default variant.
  return <ProductPage key={slug} slug={slug} renderAddToCart={addToCart} />
}

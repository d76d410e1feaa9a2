import { createFileRoute, notFound } from '@tanstack/react-router'
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

function ProductRoute() {
  const { slug } = Route.useParams()
  // A new product starts with its own default variant.
  return <ProductPage key={slug} slug={slug} />
}

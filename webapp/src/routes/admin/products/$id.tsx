import { createFileRoute, notFound } from '@tanstack/react-router'
import { signInOn401 } from '@/features/accounts/session'
import { adminProductQueryOptions } from '@/features/catalog-admin/api/adminGetProduct'
import { categoryTreeQueryOptions } from '@/features/catalog-admin/api/listCategoryTree'
import { EditProductPage } from '@/features/catalog-admin/components/EditProductPage'
import { isApiError } from '@/lib/api'

export const Route = createFileRoute('/admin/products/$id')({
  loader: async ({ context: { queryClient }, params, location }) => {
    try {
      await signInOn401(
        queryClient,
        location,
        Promise.all([
          queryClient.ensureQueryData(adminProductQueryOptions(params.id)),
          queryClient.ensureQueryData(categoryTreeQueryOptions()),
        ]),
      )
    } catch (error) {
      if (isApiError(error) && error.status === 404) throw notFound()
      throw error
    }
  },
  component: EditProductRoute,
})

function EditProductRoute() {
  const { id } = Route.useParams()
  // Another product's editor starts from its own data, not the last one's drafts.
  return <EditProductPage key={id} id={id} />
}

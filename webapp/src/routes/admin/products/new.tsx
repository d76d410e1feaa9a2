import { createFileRoute, useNavigate } from '@tanstack/react-router'
import { signInOn401 } from '@/features/accounts/session'
import { categoryTreeQueryOptions } from '@/features/catalog-admin/api/listCategoryTree'
import { NewProductPage } from '@/features/catalog-admin/components/NewProductPage'

export const Route = createFileRoute('/admin/products/new')({
  loader: async ({ context: { queryClient }, location }) => {
    await signInOn401(queryClient, location, queryClient.ensureQueryData(categoryTreeQueryOptions()))
  },
  component: NewProductRoute,
})

function NewProductRoute() {
  const navigate = useNavigate()
  // The editor of the new product replaces the empty form in the history.
  return (
    <NewProductPage
      onCreated={(product) => void navigate({ to: '/admin/products/$id', params: { id: product.id }, replace: true })}
    />
  )
}

import { createFileRoute } from '@tanstack/react-router'
import { signInOn401 } from '@/features/accounts/session'
import { categoryTreeQueryOptions } from '@/features/catalog-admin/api/listCategoryTree'
import { CategoriesPage } from '@/features/catalog-admin/components/CategoriesPage'

export const Route = createFileRoute('/admin/categories')({
  loader: async ({ context: { queryClient }, location }) => {
    await signInOn401(queryClient, location, queryClient.ensureQueryData(categoryTreeQueryOptions()))
  },
  component: CategoriesPage,
})

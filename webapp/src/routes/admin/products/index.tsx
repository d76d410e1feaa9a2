import { createFileRoute, useNavigate } from '@tanstack/react-router'
import { useCallback } from 'react'
import { signInOn401 } from '@/features/accounts/session'
import { adminProductsQueryOptions } from '@/features/catalog-admin/api/adminListProducts'
import { categoryTreeQueryOptions } from '@/features/catalog-admin/api/listCategoryTree'
import { AdminProductsPage } from '@/features/catalog-admin/components/AdminProductsPage'
import { productStatuses, type ProductFilter, type ProductStatus } from '@/features/catalog-admin/types'
import { oneString } from '@/lib/searchParams'

const isStatus = (value: string | undefined): value is ProductStatus =>
  (productStatuses as readonly string[]).includes(value ?? '')

// /admin/products?q=&status=&category=  (staff and admins; the /admin layout guards it)
export const Route = createFileRoute('/admin/products/')({
  validateSearch: (search: Record<string, unknown>): ProductFilter => {
    const q = oneString(search.q)?.trim()
    const status = oneString(search.status)
    const category = oneString(search.category)?.trim()
    return {
      q: q || undefined,
      status: isStatus(status) ? status : undefined,
      category: category || undefined,
    }
  },
  loaderDeps: ({ search }) => ({ q: search.q, status: search.status, category: search.category }),
  loader: async ({ context: { queryClient }, deps, cause, location }) => {
    const products = adminProductsQueryOptions(deps)
    const tree = queryClient.ensureQueryData(categoryTreeQueryOptions())
    // A new filter on the page: the controls change at once and the old rows
    // stay (dimmed) until the new ones arrive.
    if (cause === 'stay') return void queryClient.prefetchInfiniteQuery(products)
    await signInOn401(queryClient, location, Promise.all([tree, queryClient.ensureInfiniteQueryData(products)]))
  },
  component: AdminProductsRoute,
})

function AdminProductsRoute() {
  const filter = Route.useSearch()
  const navigate = useNavigate({ from: Route.fullPath })
  const change = useCallback(
    (changes: Partial<ProductFilter>, { replace }: { replace: boolean }) =>
      void navigate({ search: (prev) => ({ ...prev, ...changes }), replace }),
    [navigate],
  )
  return <AdminProductsPage filter={filter} onFilterChange={change} />
}

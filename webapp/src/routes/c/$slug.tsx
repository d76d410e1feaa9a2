import { createFileRoute, notFound } from '@tanstack/react-router'
import { categoriesQueryOptions } from '@/features/catalog/api/listCategories'
import { productListQueryOptions } from '@/features/catalog/api/listProducts'
import { categoryPath } from '@/features/catalog/categories'
import { CategoryPage } from '@/features/catalog/components/CategoryPage'
import { ListingSkeleton } from '@/features/catalog/components/Skeletons'
import { parseListingSearch, toProductQuery } from '@/features/catalog/listing'

// /c/apparel?attr.brand=Kestrel&sort=price_asc: filters and sort live in the URL.
export const Route = createFileRoute('/c/$slug')({
  validateSearch: (search: Record<string, unknown>) => parseListingSearch(search, 'category'),
  loaderDeps: ({ search }) => search,
  loader: async ({ context: { queryClient }, params, deps, cause }) => {
    const tree = await queryClient.ensureQueryData(categoriesQueryOptions())
    if (!categoryPath(tree.items, params.slug)) throw notFound()
    const products = productListQueryOptions(toProductQuery(deps, params.slug))
    // A filter changed on this page: don't hold the navigation; the page shows
    // the new filters at once and keeps the current results until the new ones arrive.
    if (cause === 'stay') return void queryClient.prefetchInfiniteQuery(products)
    await queryClient.ensureInfiniteQueryData(products)
  },
  component: CategoryRoute,
  pendingComponent: ListingSkeleton,
})

function CategoryRoute() {
  const { slug } = Route.useParams()
  const search = Route.useSearch()
  return <CategoryPage slug={slug} search={search} />
}

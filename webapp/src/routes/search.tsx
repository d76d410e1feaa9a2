import { createFileRoute } from '@tanstack/react-router'
import { productListQueryOptions } from '@/features/catalog/api/listProducts'
import { SearchPage } from '@/features/catalog/components/SearchPage'
import { ListingSkeleton } from '@/features/catalog/components/Skeletons'
import { parseListingSearch, toProductQuery } from '@/features/catalog/listing'

// /search?q=shirt&category=shirts&attr.brand=Kestrel: like a category page, best match first.
export const Route = createFileRoute('/search')({
  validateSearch: (search: Record<string, unknown>) => parseListingSearch(search, 'search'),
  loaderDeps: ({ search }) => search,
  loader: async ({ context: { queryClient }, deps, cause }) => {
    if (!deps.q) return
    const products = productListQueryOptions(toProductQuery(deps))
    if (cause === 'stay') return void queryClient.prefetchInfiniteQuery(products)
    await queryClient.ensureInfiniteQueryData(products)
  },
  component: SearchRoute,
  pendingComponent: ListingSkeleton,
})

function SearchRoute() {
  const search = Route.useSearch()
  return <SearchPage search={search} />
}

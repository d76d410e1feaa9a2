import { useCategories } from '../api/listCategories'
import { categoryPath } from '../categories'
import type { ListingSearch } from '../listing'
import { Breadcrumb } from './Breadcrumb'
import { Listing } from './Listing'

/** /c/$slug: a category's products (its sub-categories included) with filters. */
export function CategoryPage({ slug, search }: { slug: string; search: ListingSearch }) {
  const { data } = useCategories()
  // The route's loader sends unknown slugs to the not-found page.
  const path = categoryPath(data.items, slug) ?? []
  const category = path.at(-1)
  if (!category) return null

  return (
    <section className="page listing" data-testid="category-page">
      <Breadcrumb trail={path} />
      <h1>{category.name}</h1>
      <Listing base={{ kind: 'category', slug }} search={search} subcategories={category.children} />
    </section>
  )
}

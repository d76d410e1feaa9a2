import type { ListingSearch } from '../listing'
import { Listing } from './Listing'

/** /search?q=: search results with the same filters and sort as a category, best match first. */
export function SearchPage({ search }: { search: ListingSearch }) {
  if (!search.q) {
    return (
      <section className="page listing" data-testid="search-page">
        <h1>Search</h1>
        <p>Type what you are looking for in the search box at the top of the page.</p>
      </section>
    )
  }
  return (
    <section className="page listing" data-testid="search-page">
      <h1>Results for “{search.q}”</h1>
      <Listing base={{ kind: 'search' }} search={search} />
    </section>
  )
}

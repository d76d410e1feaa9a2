// The state of a product listing (category page, search results) as it lives
// in the URL: filters and sort are search params, validated by the route's
// validateSearch with parseListingSearch, and turned into the API's query by
// toProductQuery. Attribute filters use the API's own names, so a listing URL
// reads like its API call: /c/apparel?attr.brand=Kestrel&attr.brand=Northwind&sort=price_asc
import { manyStrings, oneString } from '@/lib/searchParams'
import { listingPageSize } from './api/listProducts'
import { sorts, type ProductQuery, type Sort } from './types'

export type AttrParam = `attr.${string}`

export type ListingSearch = {
  /** Search term (search page only). */
  q?: string
  /** Category slug (search page only; the category page has it in its path). */
  category?: string
  /** Left out when it is the default (relevance with q, newest without). */
  sort?: Sort
  /** Minor units. */
  min_price?: number
  max_price?: number
  in_stock?: true
} & {
  /** attr.<name>: the accepted values of one attribute. */
  [key: AttrParam]: string[] | undefined
}

export type ListingKind = 'category' | 'search'

const attrPrefix = 'attr.'
const maxQueryLength = 200
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export const defaultSort = (search: Pick<ListingSearch, 'q'>): Sort => (search.q ? 'relevance' : 'newest')

/** The sorts a listing offers, default first. */
export const sortOptions = (search: Pick<ListingSearch, 'q'>): Sort[] =>
  search.q ? [...sorts] : sorts.filter((s) => s !== 'relevance')

export const sortLabels: Record<Sort, string> = {
  relevance: 'Best match',
  newest: 'Newest',
  price_asc: 'Price: low to high',
  price_desc: 'Price: high to low',
  name: 'Name',
}

function minorUnits(value: unknown): number | undefined {
  const text = oneString(value)?.trim()
  if (!text || !/^\d{1,15}$/.test(text)) return undefined
  return Number(text)
}

/**
 * validateSearch for listings: whatever the URL holds becomes a clean
 * ListingSearch. Anything the API would reject is dropped rather than shown as
 * an error page (a bad sort, a negative price, an empty attribute value).
 */
export function parseListingSearch(raw: Record<string, unknown>, kind: ListingKind): ListingSearch {
  const search: ListingSearch = {}
  if (kind === 'search') {
    const q = oneString(raw.q)?.trim().slice(0, maxQueryLength)
    if (q) search.q = q
    const category = oneString(raw.category)
    if (category && slugPattern.test(category)) search.category = category
  }
  const sort = oneString(raw.sort) as Sort | undefined
  if (sort && sortOptions(search).includes(sort) && sort !== defaultSort(search)) search.sort = sort

  let min = minorUnits(raw.min_price)
  let max = minorUnits(raw.max_price)
  if (min !== undefined && max !== undefined && min > max) [min, max] = [max, min]
  if (min !== undefined) search.min_price = min
  if (max !== undefined) search.max_price = max

  if (oneString(raw.in_stock) === 'true') search.in_stock = true

  for (const key of Object.keys(raw).sort()) {
    if (!key.startsWith(attrPrefix)) continue
    const name = key.slice(attrPrefix.length)
    if (!name || name.length > 50) continue
    const values = [...new Set(manyStrings(raw[key]).filter((v) => v !== '' && v.length <= 100))]
    if (values.length > 0) search[key as AttrParam] = values
  }
  return search
}

/** The attribute filters: name -> values. */
export function attrFilters(search: ListingSearch): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [key, values] of Object.entries(search)) {
    if (key.startsWith(attrPrefix) && Array.isArray(values) && values.length > 0) {
      out[key.slice(attrPrefix.length)] = values
    }
  }
  return out
}

/** The API query for a listing; `category` is the category page's slug. */
export function toProductQuery(search: ListingSearch, category?: string): ProductQuery {
  const query: ProductQuery = { limit: listingPageSize }
  if (search.q) query.q = search.q
  const cat = category ?? search.category
  if (cat) query.category = cat
  if (search.min_price !== undefined) query.min_price = search.min_price
  if (search.max_price !== undefined) query.max_price = search.max_price
  if (search.in_stock) query.in_stock = true
  const attrs = attrFilters(search)
  if (Object.keys(attrs).length > 0) query.attrs = attrs
  if (search.sort) query.sort = search.sort
  return query
}

/** Ticks or unticks one attribute value. */
export function withAttr(search: ListingSearch, name: string, value: string, on: boolean): ListingSearch {
  const key: AttrParam = `attr.${name}`
  const current = search[key] ?? []
  const values = on ? (current.includes(value) ? current : [...current, value]) : current.filter((v) => v !== value)
  const next: ListingSearch = { ...search }
  if (values.length > 0) next[key] = values
  else delete next[key]
  return next
}

/** The same listing without any filter: the term and the sort stay. */
export function withoutFilters(search: ListingSearch): ListingSearch {
  const next: ListingSearch = {}
  if (search.q) next.q = search.q
  if (search.sort) next.sort = search.sort
  return next
}

/** How many filters are on (each ticked value counts; a price range counts once). */
export function filterCount(search: ListingSearch): number {
  const attrs = Object.values(attrFilters(search)).reduce((n, values) => n + values.length, 0)
  const price = search.min_price !== undefined || search.max_price !== undefined ? 1 : 0
  return attrs + price + (search.in_stock ? 1 : 0) + (search.category ? 1 : 0)
}

/** Changes the sort; the default sort is left out of the URL. */
export function withSort(search: ListingSearch, sort: Sort): ListingSearch {
  const next: ListingSearch = { ...search }
  if (sort === defaultSort(search)) delete next.sort
  else next.sort = sort
  return next
}

import {
  infiniteQueryOptions,
  queryOptions,
  useSuspenseInfiniteQuery,
  useSuspenseQuery,
} from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { ProductPage, ProductQuery } from '../types'

/** Products per "page" of a listing (the API allows 1-100). */
export const listingPageSize = 24

/**
 * The query string for GET /api/products, in a fixed order (attribute names
 * and values sorted) so equal filters make equal URLs and cache keys.
 */
export function productSearchParams(query: ProductQuery, cursor?: string): URLSearchParams {
  const params = new URLSearchParams()
  if (query.q) params.set('q', query.q)
  if (query.category) params.set('category', query.category)
  if (query.min_price !== undefined) params.set('min_price', String(query.min_price))
  if (query.max_price !== undefined) params.set('max_price', String(query.max_price))
  if (query.in_stock) params.set('in_stock', 'true')
  for (const name of Object.keys(query.attrs ?? {}).sort()) {
    for (const value of [...new Set(query.attrs![name])].sort()) params.append(`attr.${name}`, value)
  }
  if (query.sort) params.set('sort', query.sort)
  if (query.limit !== undefined) params.set('limit', String(query.limit))
  if (cursor) params.set('cursor', cursor)
  return params
}

/**
 * GET /api/products: one page of active products with the facets of the whole
 * filter. 400 names the bad parameter in `errors`.
 */
export const listProducts = (query: ProductQuery, cursor?: string, signal?: AbortSignal) =>
  api.get<ProductPage>(`/api/products?${productSearchParams(query, cursor)}`, { signal })

export const productsQueryKey = ['catalog', 'products'] as const

/** The key part for a query: its normalized query string. */
const keyOf = (query: ProductQuery) => productSearchParams(query).toString()

/** The home page's newest products: GET /api/products?limit=8 (newest first). */
export const newArrivalsQuery: ProductQuery = { limit: 8 }

/** One page (e.g. the home page's new arrivals). */
export const productsQueryOptions = (query: ProductQuery) =>
  queryOptions({
    queryKey: [...productsQueryKey, 'page', keyOf(query)] as const,
    queryFn: ({ signal }) => listProducts(query, undefined, signal),
  })

export const useProducts = (query: ProductQuery) => useSuspenseQuery(productsQueryOptions(query))

/** A listing that grows page by page with next_cursor ("Load more"). */
export const productListQueryOptions = (query: ProductQuery) =>
  infiniteQueryOptions({
    queryKey: [...productsQueryKey, 'list', keyOf(query)] as const,
    queryFn: ({ pageParam, signal }) => listProducts(query, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  })

export const useProductList = (query: ProductQuery) => useSuspenseInfiniteQuery(productListQueryOptions(query))

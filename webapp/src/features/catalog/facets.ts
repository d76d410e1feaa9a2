import { useQueries } from '@tanstack/react-query'
import { productsQueryOptions } from './api/listProducts'
import type { Facets, FacetValue, ProductQuery } from './types'

/**
 * How many products match: each product sits in one category, so the category
 * facet's counts add up to the total (the API sends no total of its own).
 */
export function matchCount(facets: Facets): number {
  return facets.categories.reduce((sum, c) => sum + c.count, 0)
}

export interface AttributeFacet {
  name: string
  values: FacetValue[]
}

/**
 * The attribute facets to offer. The API counts facets under the whole filter,
 * so once "brand = Kestrel" is ticked its facet lists Kestrel alone and the
 * other brands could no longer be added (values of one attribute are OR-ed).
 * For every attribute with ticked values, this asks once more without that
 * attribute's own filter (one product, just for the facets) and offers those
 * values; until that answer is there, the listing's own facet is shown.
 * Ticked values always stay visible, with no count if nothing matches them.
 */
export function useAttributeFacets(query: ProductQuery, facets: Facets): AttributeFacet[] {
  const selected = query.attrs ?? {}
  const names = Object.keys(selected).sort()
  const others = useQueries({
    queries: names.map((name) => {
      const attrs = { ...selected }
      delete attrs[name]
      return { ...productsQueryOptions({ ...query, attrs, sort: undefined, limit: 1 }), retry: false }
    }),
  })
  const own: Record<string, FacetValue[] | undefined> = {}
  names.forEach((name, i) => {
    own[name] = others[i]?.data?.facets.attributes[name]
  })

  const all = [...new Set([...Object.keys(facets.attributes), ...names])].sort()
  return all.map((name) => {
    const values = [...(own[name] ?? facets.attributes[name] ?? [])]
    for (const value of selected[name] ?? []) {
      if (!values.some((v) => v.value === value)) values.push({ value, count: 0 })
    }
    return { name, values }
  })
}

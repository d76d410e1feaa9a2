// Shapes of the catalog API (modules/catalog/internal/httpapi/openapi.yaml).
import type { Money } from '@/lib/money'

export type { Money }

export interface Image {
  url: string
  alt: string
}

export interface ProductSummary {
  id: string
  slug: string
  name: string
  /** The cheapest variant's price. */
  price: Money
  compare_at_price: Money | null
  image: Image | null
  in_stock: boolean
  /** Category slug. */
  category?: string | null
}

export interface FacetValue {
  value: string
  count: number
}

export interface Facets {
  /** Matching products per category that holds them directly. */
  categories: { slug: string; name: string; count: number }[]
  /** Attribute name -> values with counts. */
  attributes: Record<string, FacetValue[]>
  /** Price range of the matching products, in minor units (null when nothing matches). */
  price: { min: number | null; max: number | null; currency: string }
  /** The counts are of a sample (a broad search's 101 ranked matches, another filter's first 10,001): "more than". */
  approximate: boolean
}

export interface ProductPage {
  items: ProductSummary[]
  next_cursor: string | null
  facets: Facets
}

export interface Variant {
  id: string
  sku: string
  /** Option name -> value, e.g. { size: 'M', colour: 'Navy' }. */
  options: Record<string, string>
  price: Money
  compare_at_price: Money | null
  stock_available: number
}

export interface Crumb {
  slug: string
  name: string
}

export interface ProductDetail {
  id: string
  slug: string
  name: string
  description: string
  attributes: Record<string, string>
  images: Image[]
  variants: Variant[]
  /** Root category first. */
  breadcrumb: Crumb[]
  price: Money
  in_stock: boolean
}

export interface CategoryNode {
  id: string
  slug: string
  name: string
  children: CategoryNode[]
}

export interface Suggestions {
  products: { slug: string; name: string; image?: Image }[]
  categories: Crumb[]
}

export const sorts = ['relevance', 'newest', 'price_asc', 'price_desc', 'name'] as const
export type Sort = (typeof sorts)[number]

/** GET /api/products query parameters (without cursor). */
export interface ProductQuery {
  q?: string
  category?: string
  min_price?: number
  max_price?: number
  in_stock?: boolean
  sort?: Sort
  /** Attribute name -> accepted values (OR-ed); names are AND-ed. */
  attrs?: Record<string, string[]>
  limit?: number
}

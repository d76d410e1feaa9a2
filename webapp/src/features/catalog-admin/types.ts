// Shapes of the catalog back-office API (modules/catalog/internal/httpapi/admin.yaml).
import type { Money } from '@/lib/money'

export type { Money }

export const productStatuses = ['draft', 'active', 'archived'] as const
export type ProductStatus = (typeof productStatuses)[number]

export interface Image {
  url: string
  alt: string
}

export interface AdminVariant {
  id: string
  sku: string
  /** Option name -> value, e.g. { size: 'M' }. */
  options: Record<string, string>
  price: Money
  compare_at_price: Money | null
  on_hand: number
  reserved: number
  position: number
}

export interface AdminProduct {
  id: string
  slug: string
  name: string
  description: string
  status: ProductStatus
  /** Category slug, or null. */
  category: string | null
  attributes: Record<string, string>
  images: Image[]
  /** The cheapest variant's price. */
  price: Money
  in_stock: boolean
  created_at: string
  updated_at: string
  /** Only on the single-product answers (GET/POST/PATCH one product). */
  variants?: AdminVariant[]
}

export interface Page<T> {
  items: T[]
  next_cursor: string | null
}

/** GET /api/admin/products filters (without cursor). */
export interface ProductFilter {
  q?: string
  status?: ProductStatus
  /** Category slug: the category and everything below it. */
  category?: string
}

/** POST/PATCH /api/admin/variants body; prices in minor units. */
export interface VariantInput {
  sku?: string
  options?: Record<string, string>
  price?: number
  /** null clears it (PATCH). */
  compare_at_price?: number | null
  currency?: string
  /** Only when creating; later stock changes go through adjustments. */
  on_hand?: number
}

/** POST/PATCH /api/admin/products body. */
export interface ProductInput {
  name?: string
  slug?: string
  description?: string
  status?: ProductStatus
  /** Category slug; "" for none. */
  category?: string
  attributes?: Record<string, string>
  images?: Image[]
  /** On create only. */
  variants?: VariantInput[]
}

export interface Movement {
  id: string
  /** Change of on-hand stock. */
  delta: number
  reason: string
  reference: string
  created_at: string
}

export type JobState = 'queued' | 'running' | 'done' | 'failed'

export interface Job {
  id: string
  state: JobState
  done: number
  total: number
  errors: { line: number; message: string }[]
}

/** A node of GET /api/categories. */
export interface CategoryNode {
  id: string
  slug: string
  name: string
  children: CategoryNode[]
}

/** POST/PATCH /api/admin/categories answer. */
export interface AdminCategory {
  id: string
  slug: string
  name: string
  parent_id: string | null
  /** Materialised slug path, "/apparel/shirts/". */
  path: string
  position: number
}

/** POST/PATCH /api/admin/categories body. */
export interface CategoryInput {
  name?: string
  slug?: string
  /** Parent slug; "" for a root category. */
  parent?: string
  position?: number
}

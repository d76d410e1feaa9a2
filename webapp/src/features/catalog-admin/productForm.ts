// The product editor's form state (text as typed, rows for maps and lists)
// and its conversion to and from the API's shapes. Prices are typed as
// decimals ("19.99") and sent in minor units (1999). Errors are keyed like the
// server's 422 `errors`: `name`, `attributes`, `variants[0].sku`, `price`.
import { toMinorUnits } from '@/lib/money'
import { toDecimalInput } from '@/lib/moneyInput'
import type { AdminProduct, AdminVariant, Image, ProductInput, ProductStatus, VariantInput } from './types'

let nextUid = 0
/** A key for React lists of rows that have no id yet. */
export const uid = () => `row-${++nextUid}`

export interface PairRow {
  uid: string
  key: string
  value: string
}

export interface ImageRow extends Image {
  uid: string
}

export interface ProductDraft {
  name: string
  slug: string
  description: string
  status: ProductStatus
  category: string
  attributes: PairRow[]
  images: ImageRow[]
}

export interface VariantDraft {
  uid: string
  sku: string
  options: PairRow[]
  price: string
  compareAt: string
  /** Initial stock, for new variants only. */
  onHand: string
}

export type Errors = Record<string, string>

export const pairRows = (map: Record<string, string>): PairRow[] =>
  Object.entries(map).map(([key, value]) => ({ uid: uid(), key, value }))

export const emptyPair = (): PairRow => ({ uid: uid(), key: '', value: '' })
export const emptyImage = (): ImageRow => ({ uid: uid(), url: '', alt: '' })

export const emptyProduct = (): ProductDraft => ({
  name: '',
  slug: '',
  description: '',
  status: 'draft',
  category: '',
  attributes: [],
  images: [],
})

export const productDraft = (p: AdminProduct): ProductDraft => ({
  name: p.name,
  slug: p.slug,
  description: p.description,
  status: p.status,
  category: p.category ?? '',
  attributes: pairRows(p.attributes),
  images: p.images.map((image) => ({ uid: uid(), url: image.url, alt: image.alt })),
})

export const emptyVariant = (): VariantDraft => ({
  uid: uid(),
  sku: '',
  options: [],
  price: '',
  compareAt: '',
  onHand: '0',
})

export const variantDraft = (v: AdminVariant): VariantDraft => ({
  uid: v.id,
  sku: v.sku,
  options: pairRows(v.options),
  price: toDecimalInput(v.price.amount, v.price.currency),
  compareAt: v.compare_at_price ? toDecimalInput(v.compare_at_price.amount, v.compare_at_price.currency) : '',
  onHand: String(v.on_hand),
})

/** Rows left completely empty are dropped; the rest become a map. */
export function pairsToMap(rows: readonly PairRow[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const row of rows) {
    const key = row.key.trim()
    const value = row.value.trim()
    if (key || value) out[key] = value
  }
  return out
}

/** A map's rows are complete (both halves) and their names unique; else the message. */
export function checkPairs(rows: readonly PairRow[], what: { name: string; value: string }): string | undefined {
  const filled = rows.filter((row) => row.key.trim() || row.value.trim())
  if (filled.some((row) => !row.key.trim() || !row.value.trim())) {
    return `Each row needs a ${what.name} and a ${what.value}.`
  }
  const names = filled.map((row) => row.key.trim().toLowerCase())
  if (new Set(names).size !== names.length) return `Each ${what.name} may appear only once.`
  return undefined
}

export const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/

export function productInput(draft: ProductDraft, creating: boolean): ProductInput {
  const input: ProductInput = {
    name: draft.name.trim(),
    description: draft.description.trim(),
    status: draft.status,
    category: draft.category,
    attributes: pairsToMap(draft.attributes),
    images: draft.images
      .filter((image) => image.url.trim() || image.alt.trim())
      .map((image) => ({ url: image.url.trim(), alt: image.alt.trim() })),
  }
  // Left empty on a new product, the server makes the slug from the name.
  const slug = draft.slug.trim()
  if (slug || !creating) input.slug = slug
  return input
}

/** The client's checks of the product fields (the server checks them again). */
export function checkProduct(draft: ProductDraft, creating: boolean): Errors {
  const errors: Errors = {}
  if (!draft.name.trim()) errors.name = 'is required'
  const slug = draft.slug.trim()
  if ((slug || !creating) && !slugPattern.test(slug)) {
    errors.slug = 'must be lower-case letters, digits and single dashes'
  }
  const attributes = checkPairs(draft.attributes, { name: 'name', value: 'value' })
  if (attributes) errors.attributes = attributes
  const images = draft.images.filter((image) => image.url.trim() || image.alt.trim())
  if (images.some((image) => !/^(https:\/\/|\/)/.test(image.url.trim()))) {
    errors.images = 'Each picture needs a URL starting with https:// or /.'
  }
  return errors
}

const priceMessage = 'must be an amount such as 19.99'

/**
 * A variant's fields for the API, or the client's errors (keyed `sku`,
 * `price`, … with `prefix` in front, e.g. "variants[0].").
 */
export interface VariantInputResult {
  input: VariantInput
  errors: Errors
}

export function variantInput(
  draft: VariantDraft,
  currency: string,
  opts: { creating: boolean; prefix?: string },
): VariantInputResult {
  const prefix = opts.prefix ?? ''
  const errors: Errors = {}
  const sku = draft.sku.trim()
  if (!sku) errors[`${prefix}sku`] = 'is required'
  else if (!/^[A-Za-z0-9._-]{1,64}$/.test(sku)) errors[`${prefix}sku`] = 'must be 1-64 letters, digits, dots, dashes or underscores'
  const options = checkPairs(draft.options, { name: 'option', value: 'value' })
  if (options) errors[`${prefix}options`] = options
  const price = draft.price.trim() ? toMinorUnits(draft.price, currency) : undefined
  if (!draft.price.trim()) errors[`${prefix}price`] = 'is required'
  else if (price === undefined) errors[`${prefix}price`] = priceMessage
  let compareAt: number | null = null
  if (draft.compareAt.trim()) {
    const parsed = toMinorUnits(draft.compareAt, currency)
    if (parsed === undefined) errors[`${prefix}compare_at_price`] = priceMessage
    else if (price !== undefined && parsed <= price) errors[`${prefix}compare_at_price`] = 'must be more than the price'
    else compareAt = parsed
  }
  const input: VariantInput = { sku, options: pairsToMap(draft.options), price, compare_at_price: compareAt }
  if (opts.creating) {
    const text = draft.onHand.trim() || '0'
    if (!/^\d+$/.test(text) || Number(text) > 1_000_000) {
      errors[`${prefix}on_hand`] = 'must be a whole number from 0 to 1000000'
    } else {
      input.on_hand = Number(text)
    }
    // Nothing to clear on a new variant.
    if (compareAt === null) delete input.compare_at_price
  }
  return { input, errors }
}

/** Drops the errors of one field (it was edited); the same object when there is nothing to drop. */
export function withoutError(errors: Errors, ...keys: string[]): Errors {
  if (!keys.some((key) => key in errors)) return errors
  const next = { ...errors }
  for (const key of keys) delete next[key]
  return next
}

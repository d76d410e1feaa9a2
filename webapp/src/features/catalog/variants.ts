// Choosing a product variant by its options (size, colour, ...).
import type { Variant } from './types'

export type Selection = Record<string, string>

/** Option names in the order the variants first use them. */
export function optionNames(variants: Variant[]): string[] {
  const names: string[] = []
  for (const v of variants) for (const name of Object.keys(v.options)) if (!names.includes(name)) names.push(name)
  return names
}

/** The values of one option, in the order the variants first use them. */
export function optionValues(variants: Variant[], name: string): string[] {
  const values: string[] = []
  for (const v of variants) {
    const value = v.options[name]
    if (value !== undefined && !values.includes(value)) values.push(value)
  }
  return values
}

const matches = (v: Variant, selection: Selection) =>
  Object.entries(selection).every(([name, value]) => v.options[name] === value)

/** The variant with exactly these options. */
export function findVariant(variants: Variant[], selection: Selection): Variant | undefined {
  return variants.find((v) => matches(v, selection))
}

/** What is selected when the page opens: the first variant in stock, else the first. */
export function initialSelection(variants: Variant[]): Selection {
  const first = variants.find((v) => v.stock_available > 0) ?? variants[0]
  return first ? { ...first.options } : {}
}

/**
 * Picks `value` for option `name`. When no variant combines it with the other
 * choices, the closest variant that has it wins (most other options kept,
 * then one in stock), so the selection always names a real variant.
 */
export function choose(variants: Variant[], selection: Selection, name: string, value: string): Selection {
  const wanted = { ...selection, [name]: value }
  if (findVariant(variants, wanted)) return wanted
  let best: Variant | undefined
  let bestScore = -1
  for (const v of variants) {
    if (v.options[name] !== value) continue
    const kept = Object.entries(selection).filter(([n, val]) => n !== name && v.options[n] === val).length
    const score = kept * 2 + (v.stock_available > 0 ? 1 : 0)
    if (score > bestScore) {
      best = v
      bestScore = score
    }
  }
  return best ? { ...best.options } : wanted
}

/** At or below this many, the page says "Only N left". */
export const lowStock = 5

export function stockLabel(available: number): string {
  if (available <= 0) return 'Out of stock'
  if (available <= lowStock) return `Only ${available} left`
  return 'In stock'
}

/** "colour" -> "Colour" */
export const optionLabel = (name: string) => name.charAt(0).toUpperCase() + name.slice(1).replace(/_/g, ' ')

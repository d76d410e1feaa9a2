// What the shopper reads when the cart API says no, and how warnings read.
import { isApiError } from '@/lib/api'
import { describeError, sentence } from '@/lib/forms'
import { formatMoney } from '@/lib/money'
import type { CartItem, CartWarning } from './types'

/** "Size: M · Colour: Navy" */
export function optionsText(options: Record<string, string>): string {
  return Object.entries(options)
    .map(([name, value]) => `${name.charAt(0).toUpperCase()}${name.slice(1).replace(/_/g, ' ')}: ${value}`)
    .join(' · ')
}

/** The 409's "only N available", the 422's quantity rule, or the general sentence. */
function quantityProblem(error: unknown): string | undefined {
  if (!isApiError(error)) return undefined
  const quantity = error.fieldErrors.quantity
  if (error.status === 409 && quantity) return sentence(quantity)
  if (error.status === 422 && quantity) return 'You can have 1 to 99 of an item in your cart.'
  return undefined
}

/** Adding from the product page failed. `inCart`: how many of the variant the cart already holds. */
export function addErrorMessage(error: unknown, inCart = 0): string {
  const problem = quantityProblem(error)
  if (problem) {
    return isApiError(error) && error.status === 409 && inCart > 0
      ? `${problem} You already have ${inCart} in your cart.`
      : problem
  }
  if (isApiError(error) && error.status === 404) return 'This product can no longer be bought.'
  return describeError(error)
}

/** A quantity change or removal of a line failed (shown next to the line after the rollback). */
export function lineErrorMessage(error: unknown, action: 'update' | 'remove'): string {
  if (isApiError(error) && error.status === 404) return 'This item is no longer in your cart.'
  const reason = quantityProblem(error) ?? describeError(error)
  return action === 'remove' ? `We could not remove this item. ${reason}` : `We could not change the quantity. ${reason}`
}

/** A code was refused: the server's reason ("no such code" -> "No such code."). */
export function discountErrorMessage(error: unknown): string {
  if (isApiError(error) && error.fieldErrors.code) return sentence(error.fieldErrors.code)
  return describeError(error)
}

/** A warning's text; price changes are written with the shopper's money format. */
export function warningText(warning: CartWarning): string {
  if (warning.kind === 'price_changed' && warning.old_price && warning.new_price) {
    return `The price changed from ${formatMoney(warning.old_price)} to ${formatMoney(warning.new_price)}.`
  }
  return sentence(warning.message)
}

/** Warnings grouped: per line, and those about the whole cart (or a line no longer listed). */
export function groupWarnings(items: CartItem[], warnings: CartWarning[]) {
  const lineIds = new Set(items.map((item) => item.id))
  const byLine = new Map<string, CartWarning[]>()
  const cartLevel: CartWarning[] = []
  for (const warning of warnings) {
    // One-time warnings are kept as notices (CartData.notices), not shown twice.
    if (warning.kind === 'merged') continue
    if (warning.line_id && lineIds.has(warning.line_id)) {
      byLine.set(warning.line_id, [...(byLine.get(warning.line_id) ?? []), warning])
    } else {
      cartLevel.push(warning)
    }
  }
  return { byLine, cartLevel }
}

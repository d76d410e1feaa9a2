// Prices in forms: people read and type decimals ("19.99"), the API takes
// integer minor units (1999). Parse with `toMinorUnits` (./money.ts).
import { minorUnitDigits } from './money'

/**
 * The currency's minor-unit digits, or 2 for a code Intl does not know (a
 * half-typed "EU"), so a form never throws while someone is typing.
 */
export function safeMinorUnitDigits(currency: string): number {
  try {
    return minorUnitDigits(currency)
  } catch {
    return 2
  }
}

/**
 * An amount in minor units as the text of a price input: always "." and all
 * minor digits, never grouping or a symbol. 1999 EUR -> "19.99", 500 JPY -> "500".
 */
export function toDecimalInput(amount: number, currency: string): string {
  const digits = safeMinorUnitDigits(currency)
  const negative = amount < 0
  const text = String(Math.abs(Math.trunc(amount))).padStart(digits + 1, '0')
  const whole = digits === 0 ? text : text.slice(0, -digits)
  const fraction = digits === 0 ? '' : `.${text.slice(-digits)}`
  return `${negative ? '-' : ''}${whole}${fraction}`
}

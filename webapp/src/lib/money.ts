// Money as the API sends it: an integer amount in the currency's minor units
// (cents for EUR) and an ISO 4217 code. Format it for people with Intl in the
// browser's locale; never do arithmetic on formatted strings.

export interface Money {
  /** Minor units (cents). */
  amount: number
  /** ISO 4217, e.g. "EUR". */
  currency: string
}

const formatters = new Map<string, Intl.NumberFormat>()

function formatter(currency: string, locale?: string): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency })
    formatters.set(key, f)
  }
  return f
}

/** How many minor-unit digits the currency has: 2 for EUR, 0 for JPY, 3 for KWD. */
export function minorUnitDigits(currency: string): number {
  return formatter(currency, 'en').resolvedOptions().maximumFractionDigits ?? 2
}

/** 3899 EUR -> 38.99 */
export function toMajorUnits(amount: number, currency: string): number {
  return amount / 10 ** minorUnitDigits(currency)
}

/**
 * What a person typed as a price ("38.99", "38,99", "40") in minor units, or
 * undefined when it is not a non-negative amount.
 */
export function toMinorUnits(input: string, currency: string): number | undefined {
  const text = input.trim().replace(/\s/g, '').replace(',', '.')
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(text)) return undefined
  const value = Math.round(Number(text) * 10 ** minorUnitDigits(currency))
  return Number.isSafeInteger(value) ? value : undefined
}

/** "€38.99" (en-US), "38,99 €" (de-DE): the amount in the user's locale unless one is given. */
export function formatMoney(money: Money, locale?: string): string {
  return formatter(money.currency, locale).format(toMajorUnits(money.amount, money.currency))
}

// Discount codes in the back office: how they read, and the form's values <->
// the API's fields. The client checks what it can; the server stays the judge
// (the code's format, duplicates) and its 422 errors are shown the same way.
import { formatMoney, toMajorUnits, toMinorUnits } from '@/lib/money'
import type { Discount, DiscountInput, DiscountKind } from './types'

/** 1250 basis points -> "12.5 %" */
export function formatPercent(basisPoints: number, locale?: string): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(basisPoints / 100)} %`
}

/** "12.5 %" or "€5.00" */
export function formatDiscountValue(discount: Pick<Discount, 'kind' | 'value' | 'currency'>): string {
  return discount.kind === 'percent'
    ? formatPercent(discount.value)
    : formatMoney({ amount: discount.value, currency: discount.currency })
}

const formatDate = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** "Always", "From 1 May 2026, 10:00", "Until …", "1 May 2026, 10:00 – 31 May 2026, 23:59" */
export function formatWindow(discount: Pick<Discount, 'starts_at' | 'ends_at'>): string {
  const { starts_at: start, ends_at: end } = discount
  if (start && end) return `${formatDate(start)} – ${formatDate(end)}`
  if (start) return `From ${formatDate(start)}`
  if (end) return `Until ${formatDate(end)}`
  return 'Always'
}

/** "100 in total · 1 per customer", or "No limit" */
export function formatLimits(discount: Pick<Discount, 'usage_limit' | 'per_customer_limit'>): string {
  const parts: string[] = []
  if (discount.usage_limit !== null) parts.push(`${discount.usage_limit} in total`)
  if (discount.per_customer_limit !== null) parts.push(`${discount.per_customer_limit} per customer`)
  return parts.length > 0 ? parts.join(' · ') : 'No limit'
}

export type DiscountField =
  | 'code'
  | 'value'
  | 'currency'
  | 'min_subtotal'
  | 'starts_at'
  | 'ends_at'
  | 'usage_limit'
  | 'per_customer_limit'

/** What the form edits: every field as typed (amounts in major units, percentages in percent). */
export type DiscountFormValues = Record<DiscountField, string>

export const emptyDiscountForm: DiscountFormValues = {
  code: '',
  value: '',
  currency: 'EUR',
  min_subtotal: '',
  starts_at: '',
  ends_at: '',
  usage_limit: '',
  per_customer_limit: '',
}

const pad = (n: number) => String(n).padStart(2, '0')

/** An API timestamp as a datetime-local input's value (the browser's time zone). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** A datetime-local value as an API timestamp: null when empty, undefined when not a date. */
export function fromLocalInput(value: string): string | null | undefined {
  if (!value.trim()) return null
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString()
}

/** A decimal as typed ("12.5", "12,5") without rounding surprises. */
function decimal(text: string): number | undefined {
  const t = text.trim().replace(',', '.')
  return /^\d+(\.\d+)?$|^\.\d+$/.test(t) ? Number(t) : undefined
}

export function formValues(discount?: Discount): { values: DiscountFormValues; kind: DiscountKind; active: boolean } {
  if (!discount) return { values: { ...emptyDiscountForm }, kind: 'percent', active: true }
  const money = (amount: number) => String(toMajorUnits(amount, discount.currency))
  return {
    kind: discount.kind,
    active: discount.active,
    values: {
      code: discount.code,
      value: discount.kind === 'percent' ? String(discount.value / 100) : money(discount.value),
      currency: discount.currency,
      min_subtotal: discount.min_subtotal > 0 ? money(discount.min_subtotal) : '',
      starts_at: toLocalInput(discount.starts_at),
      ends_at: toLocalInput(discount.ends_at),
      usage_limit: discount.usage_limit === null ? '' : String(discount.usage_limit),
      per_customer_limit: discount.per_customer_limit === null ? '' : String(discount.per_customer_limit),
    },
  }
}

function limit(text: string): number | null | undefined {
  const t = text.trim()
  if (!t) return null
  return /^\d+$/.test(t) && Number(t) >= 1 ? Number(t) : undefined
}

/** Checks the form and builds the API body (every field: null clears a limit or a date). */
export function validateDiscount(
  input: DiscountFormValues,
  kind: DiscountKind,
  active: boolean,
): { body: DiscountInput; errors: Partial<Record<DiscountField, string>>; ok: boolean } {
  const errors: Partial<Record<DiscountField, string>> = {}
  const code = input.code.trim().toUpperCase()
  if (!code) errors.code = 'Enter a code.'

  const currency = input.currency.trim().toUpperCase()
  const currencyOk = /^[A-Z]{3}$/.test(currency)
  if (!currencyOk) errors.currency = 'Use the 3-letter currency code, e.g. EUR.'

  let value = 0
  if (kind === 'percent') {
    // At most two decimals: the API counts basis points.
    const percent = /^\d*([.,]\d{1,2})?$/.test(input.value.trim()) ? decimal(input.value) : undefined
    if (percent === undefined || percent <= 0 || percent > 100) {
      errors.value = 'Enter a percentage from 0.01 to 100, e.g. 12.5.'
    } else {
      value = Math.round(percent * 100)
    }
  } else if (currencyOk) {
    const amount = toMinorUnits(input.value, currency)
    if (amount === undefined || amount < 1) errors.value = 'Enter the amount off, e.g. 5.00.'
    else value = amount
  }

  let minSubtotal = 0
  if (input.min_subtotal.trim() && currencyOk) {
    const amount = toMinorUnits(input.min_subtotal, currency)
    if (amount === undefined) errors.min_subtotal = 'Enter an amount, e.g. 50.00, or leave it empty.'
    else minSubtotal = amount
  }

  const startsAt = fromLocalInput(input.starts_at)
  const endsAt = fromLocalInput(input.ends_at)
  if (startsAt === undefined) errors.starts_at = 'Enter a date and time, or leave it empty.'
  if (endsAt === undefined) errors.ends_at = 'Enter a date and time, or leave it empty.'
  else if (startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt)) {
    errors.ends_at = 'The end must be after the start.'
  }

  const usageLimit = limit(input.usage_limit)
  const perCustomer = limit(input.per_customer_limit)
  if (usageLimit === undefined) errors.usage_limit = 'Enter a whole number of at least 1, or leave it empty.'
  if (perCustomer === undefined) errors.per_customer_limit = 'Enter a whole number of at least 1, or leave it empty.'

  const body: DiscountInput = {
    code,
    kind,
    value,
    currency,
    min_subtotal: minSubtotal,
    starts_at: startsAt ?? null,
    ends_at: endsAt ?? null,
    usage_limit: usageLimit ?? null,
    per_customer_limit: perCustomer ?? null,
    active,
  }
  return { body, errors, ok: Object.keys(errors).length === 0 }
}

/**
 * The server's field messages are fragments ("must be 3-32 letters, …"),
 * which the form puts after the field's label; these read better as sentences of their own.
 */
export function serverFieldMessage(field: string, message: string): string {
  switch (field) {
    case 'value':
    case 'kind':
      return message.charAt(0).toUpperCase() + message.slice(1)
    case 'ends_at':
      return 'The end must be after the start.'
    default:
      return message
  }
}

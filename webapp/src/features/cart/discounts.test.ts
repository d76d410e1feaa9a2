import { describe, expect, it } from 'vitest'
import { formatDiscountValue, formatPercent, formValues, fromLocalInput, toLocalInput, validateDiscount, emptyDiscountForm } from './discounts'
import type { Discount } from './types'

describe('discount codes', () => {
  it('shows percentages from basis points and fixed amounts as money', () => {
    expect(formatPercent(1250, 'en')).toBe('12.5 %')
    expect(formatPercent(7, 'en')).toBe('0.07 %')
    expect(formatPercent(10000, 'en')).toBe('100 %')
    expect(formatDiscountValue({ kind: 'fixed', value: 500, currency: 'EUR' })).toBe(
      new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(5),
    )
  })

  it('turns the form into the API body: basis points, minor units, nulls for empty limits and dates', () => {
    const percent = validateDiscount({ ...emptyDiscountForm, code: ' spring ', value: '0,07' }, 'percent', true)
    expect(percent.ok).toBe(true)
    expect(percent.body).toEqual({
      code: 'SPRING',
      kind: 'percent',
      value: 7,
      currency: 'EUR',
      min_subtotal: 0,
      starts_at: null,
      ends_at: null,
      usage_limit: null,
      per_customer_limit: null,
      active: true,
    })

    const fixed = validateDiscount(
      { ...emptyDiscountForm, code: 'TEN', value: '10', currency: 'jpy', min_subtotal: '5000', per_customer_limit: '2' },
      'fixed',
      false,
    )
    expect(fixed.body).toMatchObject({ currency: 'JPY', value: 10, min_subtotal: 5000, per_customer_limit: 2, active: false })
  })

  it('refuses what the API would refuse', () => {
    const { errors, ok } = validateDiscount(
      {
        code: '',
        value: '12.345',
        currency: 'EURO',
        min_subtotal: 'lots',
        starts_at: '2026-05-02T10:00',
        ends_at: '2026-05-01T10:00',
        usage_limit: '0',
        per_customer_limit: '1.5',
      },
      'percent',
      true,
    )
    expect(ok).toBe(false)
    expect(Object.keys(errors).sort()).toEqual(
      ['code', 'currency', 'ends_at', 'per_customer_limit', 'usage_limit', 'value'].sort(),
    )
  })

  it('round-trips a code through the form', () => {
    const d: Discount = {
      id: 'd1',
      code: 'FIVE',
      kind: 'fixed',
      value: 550,
      currency: 'EUR',
      min_subtotal: 2000,
      starts_at: '2026-05-01T08:00:00.000Z',
      ends_at: null,
      usage_limit: 10,
      per_customer_limit: null,
      used: 0,
      active: true,
    }
    const { values, kind, active } = formValues(d)
    expect(values).toMatchObject({ value: '5.5', min_subtotal: '20', usage_limit: '10', per_customer_limit: '' })
    expect(fromLocalInput(toLocalInput(d.starts_at))).toBe(d.starts_at)
    const { body } = validateDiscount(values, kind, active)
    expect(body).toMatchObject({ value: 550, min_subtotal: 2000, starts_at: d.starts_at, ends_at: null, usage_limit: 10 })
  })
})

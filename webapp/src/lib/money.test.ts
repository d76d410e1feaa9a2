import { describe, expect, it } from 'vitest'
import { formatMoney, minorUnitDigits, toMajorUnits, toMinorUnits } from './money'

// Intl puts a no-break space between amount and symbol in many locales.
const nbsp = '\u00a0'

describe('formatMoney', () => {
  it.each([
    [{ amount: 3899, currency: 'EUR' }, 'en-US', '€38.99'],
    [{ amount: 3899, currency: 'EUR' }, 'de-DE', `38,99${nbsp}€`],
    [{ amount: 100, currency: 'USD' }, 'en-US', '$1.00'],
    [{ amount: 0, currency: 'EUR' }, 'en-US', '€0.00'],
    [{ amount: 123456789, currency: 'EUR' }, 'en-US', '€1,234,567.89'],
    [{ amount: 5, currency: 'EUR' }, 'en-US', '€0.05'],
    // No minor units: the amount is whole yen.
    [{ amount: 500, currency: 'JPY' }, 'en-US', '¥500'],
    // Three minor digits.
    [{ amount: 1234, currency: 'KWD' }, 'en-US', `KWD${nbsp}1.234`],
  ])('formats %j in %s as %s', (money, locale, expected) => {
    expect(formatMoney(money, locale)).toBe(expected)
  })

  it("uses the browser's locale when none is given", () => {
    expect(formatMoney({ amount: 3899, currency: 'EUR' })).toBe(
      new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(38.99),
    )
  })
})

describe('minor units', () => {
  it('knows the digits per currency', () => {
    expect(minorUnitDigits('EUR')).toBe(2)
    expect(minorUnitDigits('JPY')).toBe(0)
    expect(minorUnitDigits('KWD')).toBe(3)
  })

  it('converts minor to major units', () => {
    expect(toMajorUnits(3899, 'EUR')).toBe(38.99)
    expect(toMajorUnits(500, 'JPY')).toBe(500)
  })

  it.each([
    ['38.99', 'EUR', 3899],
    ['38,99', 'EUR', 3899],
    ['40', 'EUR', 4000],
    [' 40 ', 'EUR', 4000],
    ['.5', 'EUR', 50],
    ['0', 'EUR', 0],
    ['19.999', 'EUR', 2000],
    ['500', 'JPY', 500],
    ['', 'EUR', undefined],
    ['-5', 'EUR', undefined],
    ['abc', 'EUR', undefined],
    ['1e3', 'EUR', undefined],
    ['1.2.3', 'EUR', undefined],
  ])('reads %j %s as %s minor units', (input, currency, expected) => {
    expect(toMinorUnits(input, currency)).toBe(expected)
  })
})

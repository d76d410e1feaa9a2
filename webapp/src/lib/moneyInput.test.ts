import { describe, expect, it } from 'vitest'
import { toMinorUnits } from './money'
import { safeMinorUnitDigits, toDecimalInput } from './moneyInput'

describe('price inputs', () => {
  it.each([
    [1999, 'EUR', '19.99'],
    [5, 'EUR', '0.05'],
    [0, 'EUR', '0.00'],
    [100000, 'EUR', '1000.00'],
    [500, 'JPY', '500'],
    [1234, 'KWD', '1.234'],
    [-250, 'EUR', '-2.50'],
  ])('shows %d %s as %j', (amount, currency, text) => {
    expect(toDecimalInput(amount, currency)).toBe(text)
  })

  it('round-trips with toMinorUnits', () => {
    for (const amount of [0, 1, 99, 1999, 123456789]) {
      expect(toMinorUnits(toDecimalInput(amount, 'EUR'), 'EUR')).toBe(amount)
    }
  })

  it('does not throw for an unknown currency', () => {
    expect(safeMinorUnitDigits('E')).toBe(2)
    expect(toDecimalInput(1999, 'E')).toBe('19.99')
  })
})

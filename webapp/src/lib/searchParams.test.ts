import { describe, expect, it } from 'vitest'
import { manyStrings, oneString, parseSearch, stringifySearch } from './searchParams'

describe('router search serialization', () => {
  it.each([
    ['', {}],
    ['?q=shirt', { q: 'shirt' }],
    ['q=shirt', { q: 'shirt' }],
    // Numbers and booleans stay text: validateSearch decides their type.
    ['?q=123&in_stock=true', { q: '123', in_stock: 'true' }],
    ['?attr.colour=Blue&attr.colour=Red', { 'attr.colour': ['Blue', 'Red'] }],
    ['?attr.brand=Harbor+%26+Pine', { 'attr.brand': 'Harbor & Pine' }],
    ['?redirect=%2Fadmin%2Fusers%3Fq%3Dann', { redirect: '/admin/users?q=ann' }],
    ['?q=%22quoted%22', { q: '"quoted"' }],
  ])('parses %j', (str, expected) => {
    expect(parseSearch(str)).toEqual(expected)
  })

  it.each([
    [{}, ''],
    [{ q: 'shirt', sort: undefined }, '?q=shirt'],
    [{ min_price: 2000, in_stock: true }, '?min_price=2000&in_stock=true'],
    [{ 'attr.colour': ['Blue', 'Red'] }, '?attr.colour=Blue&attr.colour=Red'],
    [{ 'attr.brand': ['Harbor & Pine'] }, '?attr.brand=Harbor+%26+Pine'],
    [{ 'attr.brand': [] }, ''],
    [{ redirect: '/account' }, '?redirect=%2Faccount'],
    [{ q: null }, ''],
  ])('writes %j as %j', (search, expected) => {
    expect(stringifySearch(search)).toBe(expected)
  })

  it('round-trips strings that look like JSON or numbers unchanged', () => {
    const search = { q: '007', size: '1.50', note: '[1]', yes: 'true', 'attr.size': ['32', '34'] }
    expect(parseSearch(stringifySearch(search))).toEqual(search)
  })

  it('reads single and repeated values', () => {
    expect(oneString(['a', 'b'])).toBe('a')
    expect(oneString(5)).toBe('5')
    expect(oneString({})).toBeUndefined()
    expect(manyStrings('a')).toEqual(['a'])
    expect(manyStrings(['a', 2, true, {}])).toEqual(['a', '2', 'true'])
    expect(manyStrings(undefined)).toEqual([])
  })
})

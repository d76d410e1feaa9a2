import { describe, expect, it } from 'vitest'
import { parseSearch, stringifySearch } from '@/lib/searchParams'
import { productSearchParams } from './api/listProducts'
import {
  filterCount,
  parseListingSearch,
  toProductQuery,
  withAttr,
  withoutFilters,
  withSort,
  type ListingKind,
  type ListingSearch,
} from './listing'

/** What a listing route sees for a URL's query string. */
const fromUrl = (query: string, kind: ListingKind = 'category') => parseListingSearch(parseSearch(query), kind)

describe('parseListingSearch', () => {
  it.each<[string, ListingKind, ListingSearch]>([
    ['', 'category', {}],
    ['?sort=price_asc', 'category', { sort: 'price_asc' }],
    ['?sort=name&sort=newest', 'category', { sort: 'name' }],
    // The default sort is left out, so equal listings have equal URLs.
    ['?sort=newest', 'category', {}],
    ['?sort=relevance', 'category', {}],
    ['?sort=cheapest', 'category', {}],
    ['?q=shirt', 'search', { q: 'shirt' }],
    ['?q=+shirt+', 'search', { q: 'shirt' }],
    ['?q=shirt&sort=relevance', 'search', { q: 'shirt' }],
    ['?q=shirt&sort=newest', 'search', { q: 'shirt', sort: 'newest' }],
    // Relevance needs a term.
    ['?sort=relevance', 'search', {}],
    ['?q=123', 'search', { q: '123' }],
    ['?q=', 'search', {}],
    // q and category belong to the search page only.
    ['?q=shirt&category=shirts', 'category', {}],
    ['?q=shirt&category=shirts', 'search', { q: 'shirt', category: 'shirts' }],
    ['?category=Not+A+Slug', 'search', {}],
    ['?min_price=1000&max_price=5000', 'category', { min_price: 1000, max_price: 5000 }],
    ['?min_price=0', 'category', { min_price: 0 }],
    // Swapped bounds are put in order instead of failing.
    ['?min_price=5000&max_price=1000', 'category', { min_price: 1000, max_price: 5000 }],
    ['?min_price=-1&max_price=12.5', 'category', {}],
    ['?max_price=abc', 'category', {}],
    ['?in_stock=true', 'category', { in_stock: true }],
    ['?in_stock=false', 'category', {}],
    ['?in_stock=yes', 'category', {}],
    ['?attr.brand=Kestrel', 'category', { 'attr.brand': ['Kestrel'] }],
    [
      '?attr.brand=Kestrel&attr.brand=Northwind&attr.colour=Navy',
      'category',
      { 'attr.brand': ['Kestrel', 'Northwind'], 'attr.colour': ['Navy'] },
    ],
    ['?attr.brand=Kestrel&attr.brand=Kestrel', 'category', { 'attr.brand': ['Kestrel'] }],
    ['?attr.size=32&attr.size=34', 'category', { 'attr.size': ['32', '34'] }],
    ['?attr.brand=Harbor+%26+Pine', 'category', { 'attr.brand': ['Harbor & Pine'] }],
    ['?attr.brand=&attr.=x&attr=y&colour=Navy', 'category', {}],
    [
      '?q=boot&sort=price_desc&min_price=100&in_stock=true&attr.material=Leather&page=3',
      'search',
      { q: 'boot', sort: 'price_desc', min_price: 100, in_stock: true, 'attr.material': ['Leather'] },
    ],
  ])('%s on a %s page', (query, kind, expected) => {
    expect(fromUrl(query, kind)).toEqual(expected)
  })
})

describe('listing URLs', () => {
  it.each<[ListingSearch, string]>([
    [{}, ''],
    [{ sort: 'price_asc' }, '?sort=price_asc'],
    [{ in_stock: true, min_price: 2000 }, '?in_stock=true&min_price=2000'],
    [{ 'attr.brand': ['Kestrel', 'Harbor & Pine'] }, '?attr.brand=Kestrel&attr.brand=Harbor+%26+Pine'],
    [{ q: 'red shirt', category: 'shirts' }, '?q=red+shirt&category=shirts'],
  ])('%j is written as %s and read back unchanged', (search, url) => {
    expect(stringifySearch(search)).toBe(url)
    expect(fromUrl(url, 'search')).toEqual(search)
  })
})

describe('toProductQuery', () => {
  it.each<[ListingSearch, string | undefined, string]>([
    [{}, 'apparel', 'category=apparel&limit=24'],
    [{ sort: 'price_asc' }, 'apparel', 'category=apparel&sort=price_asc&limit=24'],
    [{ q: 'shirt' }, undefined, 'q=shirt&limit=24'],
    [{ q: 'shirt', category: 'shirts' }, undefined, 'q=shirt&category=shirts&limit=24'],
    [
      { min_price: 1000, max_price: 5000, in_stock: true },
      'shoes',
      'category=shoes&min_price=1000&max_price=5000&in_stock=true&limit=24',
    ],
    // Attribute names and values in a fixed order: equal filters, equal requests.
    [
      { 'attr.material': ['Linen'], 'attr.brand': ['Northwind', 'Kestrel'] },
      'apparel',
      'category=apparel&attr.brand=Kestrel&attr.brand=Northwind&attr.material=Linen&limit=24',
    ],
  ])('%j in %s asks for %s', (search, category, expected) => {
    expect(productSearchParams(toProductQuery(search, category)).toString()).toBe(expected)
  })
})

describe('listing changes', () => {
  it('ticks and unticks attribute values', () => {
    const one = withAttr({ sort: 'name' }, 'brand', 'Kestrel', true)
    expect(one).toEqual({ sort: 'name', 'attr.brand': ['Kestrel'] })
    const two = withAttr(one, 'brand', 'Northwind', true)
    expect(two['attr.brand']).toEqual(['Kestrel', 'Northwind'])
    expect(withAttr(two, 'brand', 'Kestrel', true)).toEqual(two)
    expect(withAttr(withAttr(two, 'brand', 'Kestrel', false), 'brand', 'Northwind', false)).toEqual({ sort: 'name' })
  })

  it('clears filters but keeps the term and the sort', () => {
    const search: ListingSearch = {
      q: 'boot',
      category: 'boots',
      sort: 'name',
      in_stock: true,
      min_price: 5,
      'attr.brand': ['Stride', 'Velo'],
    }
    expect(filterCount(search)).toBe(5)
    expect(withoutFilters(search)).toEqual({ q: 'boot', sort: 'name' })
    expect(filterCount(withoutFilters(search))).toBe(0)
  })

  it('leaves the default sort out', () => {
    expect(withSort({ sort: 'name' }, 'newest')).toEqual({})
    expect(withSort({ q: 'x' }, 'newest')).toEqual({ q: 'x', sort: 'newest' })
    expect(withSort({ q: 'x', sort: 'name' }, 'relevance')).toEqual({ q: 'x' })
  })
})

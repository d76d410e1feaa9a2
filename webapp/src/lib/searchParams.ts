// How the router turns search params into URLs and back.
//
// TanStack Router's default writes every non-string value as JSON
// (`?attr=%5B%22Blue%22%5D`) and JSON-parses values on the way in, so `?q=123`
// arrives as a number. Bazaar's URLs are plain query strings instead, the way
// the API takes them: a list is a repeated key (`attr.colour=Blue&attr.colour=Red`),
// numbers and booleans are written as text, and every value comes back as a
// string (or an array of strings for a repeated key). Each route's
// `validateSearch` turns those strings into its typed search.

/** Search as read from a URL: a string per key, an array for repeated keys. */
export type RawSearch = Record<string, string | string[]>

export function parseSearch(searchStr: string): RawSearch {
  const params = new URLSearchParams(searchStr.startsWith('?') ? searchStr.slice(1) : searchStr)
  const out: RawSearch = {}
  for (const [key, value] of params) {
    const previous = out[key]
    if (previous === undefined) out[key] = value
    else if (Array.isArray(previous)) previous.push(value)
    else out[key] = [previous, value]
  }
  return out
}

function text(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  return JSON.stringify(value)
}

/** Keys in the order given; undefined and null are left out, arrays repeat their key. */
export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) {
      for (const item of value) if (item !== undefined && item !== null) params.append(key, text(item))
    } else {
      params.append(key, text(value))
    }
  }
  const str = params.toString()
  return str ? `?${str}` : ''
}

/** A search value that should be one string: the first of a repeated key, or undefined. */
export function oneString(value: unknown): string | undefined {
  if (Array.isArray(value)) return oneString(value[0])
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

/** A search value that may repeat, as a list of strings. */
export function manyStrings(value: unknown): string[] {
  const list: unknown[] = Array.isArray(value) ? value : [value]
  return list.flatMap((item) => {
    const s = oneString(item)
    return s === undefined ? [] : [s]
  })
}

/**
 * A search as the router's location holds it (strings, repeated keys as
 * arrays), for a Link's `search` when its active state matters: the router
 * marks a link active (aria-current="page") by comparing its search with the
 * location's, and a route's typed search (numbers, one-element arrays) would
 * never compare equal.
 */
export function asLocationSearch<T extends Record<string, unknown>>(search: T): T {
  return parseSearch(stringifySearch(search)) as T
}

// A fake cart API for tests, on top of src/test/fakeApi: an in-memory cart
// over a few variants, with the server's rules that the app relies on (stock
// 409s, 1-99, whole-cart answers, codes). Responses can be held back (`hold`)
// to look at the optimistic state before the server answers.
//
//   const cart = fakeCart({ lines: [{ variant: 'v-shirt', quantity: 2 }] })
//   fakeApi({ 'GET /api/me': meEndpoint(() => null), ...cart.endpoints })
import { csrfEndpoint, json, problem, type Reply } from '@/test/fakeApi'
import type { Cart, CartItem, CartWarning } from '../types'

export interface FakeVariant {
  id: string
  slug: string
  name: string
  options: Record<string, string>
  price: number
  available: number
}

export const variants: FakeVariant[] = [
  { id: 'v-shirt', slug: 'kestrel-oxford-shirt', name: 'Kestrel Oxford Shirt', options: { size: 'M', colour: 'Navy' }, price: 3899, available: 10 },
  { id: 'v-boot', slug: 'fjordline-boot', name: 'Fjordline Boot', options: { size: '42' }, price: 12000, available: 3 },
  { id: 'v-mug', slug: 'northwind-mug', name: 'Northwind Mug', options: {}, price: 1250, available: 0 },
]

export const codes: Record<string, { percent: number } | { reason: string }> = {
  SAVE10: { percent: 10 },
  OLD: { reason: 'this code has expired' },
}

interface Line {
  variant: string
  quantity: number
}

export const lineId = (variant: string) => `line-${variant}`
const money = (amount: number) => ({ amount, currency: 'EUR' })

export function fakeCart(initial: { lines?: Line[]; code?: string; warnings?: CartWarning[] } = {}) {
  const state = {
    lines: [...(initial.lines ?? [])],
    code: initial.code ?? null,
    /** Extra warnings for the next answer only (e.g. a sign-in merge). */
    once: [...(initial.warnings ?? [])],
    /** Extra warnings for every answer (e.g. a price change). */
    always: [] as CartWarning[],
  }
  let held: (() => void)[] = []
  let holding = false

  // Its own copy, so a test may change stock or prices.
  const catalog = variants.map((v) => ({ ...v }))
  const find = (id: string) => catalog.find((v) => v.id === id)

  function view(): Cart {
    const items: CartItem[] = state.lines.map((line) => {
      const v = find(line.variant)!
      return {
        id: lineId(v.id),
        variant_id: v.id,
        product_slug: v.slug,
        name: v.name,
        options: v.options,
        image: { url: `/img/${v.id}.svg`, alt: v.name },
        quantity: line.quantity,
        unit_price: money(v.price),
        line_total: money(v.price * line.quantity),
        available: v.available,
      }
    })
    const warnings: CartWarning[] = [...state.once, ...state.always]
    state.once = []
    for (const item of items) {
      if (item.available === 0) warnings.push({ line_id: item.id, kind: 'unavailable', message: 'Out of stock.' })
    }
    const subtotal = items.filter((i) => i.available > 0).reduce((sum, i) => sum + i.line_total.amount, 0)
    const rule = state.code ? codes[state.code] : undefined
    const discount = rule && 'percent' in rule ? Math.floor((subtotal * rule.percent + 50) / 100) : 0
    return {
      id: state.lines.length > 0 ? 'cart-1' : null,
      items,
      item_count: state.lines.reduce((sum, l) => sum + l.quantity, 0),
      subtotal: money(subtotal),
      discount: money(discount),
      total: money(subtotal - discount),
      discount_code: state.code,
      warnings,
    }
  }

  /** Answers now, or once `release()` is called while holding. */
  const answer =
    (reply: Reply): Reply =>
    async (req) => {
      if (holding) await new Promise<void>((resolve) => held.push(resolve))
      return reply(req)
    }

  const lineRoutes = (v: FakeVariant): Record<string, Reply> => ({
    [`PATCH /api/cart/items/${lineId(v.id)}`]: answer((req) => {
      const line = state.lines.find((l) => l.variant === v.id)
      if (!line) return problem(404, { title: 'Not Found', detail: 'your cart has no such line' })
      const { quantity } = req.body as { quantity: number }
      if (quantity < 1 || quantity > 99) return problem(422, { errors: { quantity: 'must be 1 to 99 (per line)' } })
      if (quantity > v.available) {
        return problem(409, { title: 'Conflict', detail: `cart: only ${v.available} of ${v.id} available`, errors: { quantity: `only ${v.available} available` } })
      }
      line.quantity = quantity
      return json(view())
    }),
    [`DELETE /api/cart/items/${lineId(v.id)}`]: answer(() => {
      if (!state.lines.some((l) => l.variant === v.id)) {
        return problem(404, { title: 'Not Found', detail: 'your cart has no such line' })
      }
      state.lines = state.lines.filter((l) => l.variant !== v.id)
      return json(view())
    }),
  })

  const endpoints: Record<string, Reply> = {
    'GET /api/auth/csrf': csrfEndpoint(),
    'GET /api/cart': answer(() => json(view())),
    'POST /api/cart/items': answer((req) => {
      const { variant_id, quantity } = req.body as { variant_id: string; quantity: number }
      const v = find(variant_id)
      if (!v) return problem(404, { detail: 'no buyable product variant has this ID' })
      const line = state.lines.find((l) => l.variant === v.id)
      const next = (line?.quantity ?? 0) + quantity
      if (quantity < 1 || next > 99) return problem(422, { errors: { quantity: 'must be 1 to 99 (per line)' } })
      if (next > v.available) {
        return problem(409, { detail: `cart: only ${v.available} of ${v.id} available`, errors: { quantity: `only ${v.available} available` } })
      }
      if (line) line.quantity = next
      else state.lines.push({ variant: v.id, quantity })
      return json(view())
    }),
    'POST /api/cart/discount': answer((req) => {
      const code = String((req.body as { code: string }).code).trim().toUpperCase()
      if (state.lines.length === 0) return problem(422, { errors: { code: 'your cart is empty' } })
      const rule = codes[code]
      if (!rule) return problem(422, { errors: { code: 'no such code' } })
      if ('reason' in rule) return problem(422, { errors: { code: rule.reason } })
      state.code = code
      return json(view())
    }),
    'DELETE /api/cart/discount': answer(() => {
      state.code = null
      return json(view())
    }),
    ...Object.assign({}, ...catalog.map(lineRoutes)),
  }

  return {
    state,
    /** A variant of this cart's catalog (change its `available` or `price` to play the shop). */
    variant: (id: string) => find(id)!,
    endpoints,
    view,
    /** Hold every cart answer until release() (requests are still recorded when they arrive). */
    hold() {
      holding = true
    },
    /** Lets the held answers go (in arrival order) and stops holding. */
    release() {
      holding = false
      const waiting = held
      held = []
      for (const resolve of waiting) resolve()
    },
    /** Lets only the oldest held answer go. */
    releaseOne() {
      held.shift()?.()
    },
    held: () => held.length,
  }
}

// How the cart query and the cart mutations share TanStack Query's cache.
//
// Every cart endpoint answers with the whole cart, so a mutation never
// invalidates: it puts the server's cart into the cache. Quantity changes and
// removals are shown at once (optimistic) and rolled back on error.
//
// All cart mutations share one `scope`, so their requests go out one after
// another in the order the shopper clicked. While several are queued, only the
// last one's answer is written to the cache (it includes all earlier changes);
// earlier answers would briefly undo the optimistic state of later clicks.
import type { MutationFunctionContext, QueryClient } from '@tanstack/react-query'
import { isApiError } from '@/lib/api'
import type { Cart, CartData, CartItem, CartWarning } from './types'

export const cartQueryKey = ['cart', 'current'] as const

/** Prefix of every cart mutation's key (discount admin mutations are not part of it). */
export const cartMutationKey = ['cart', 'mutation'] as const

/** One queue for all cart mutations: requests are sent one after another. */
export const cartMutationScope = { id: 'cart' }

/** Warnings a response carries only once (the sign-in merge's adjustments). */
const isOneTime = (warning: CartWarning) => warning.kind === 'merged'

/** The server's cart, keeping the notices already shown and adding its one-time warnings. */
export function withNotices(previous: Pick<CartData, 'notices'> | undefined, cart: Cart): CartData {
  const fresh = cart.warnings.filter(isOneTime)
  return { ...cart, notices: [...(previous?.notices ?? []), ...fresh] }
}

/** Forgets the notices (the shopper dismissed them). */
export function dismissNotices(queryClient: QueryClient) {
  queryClient.setQueryData<CartData>(cartQueryKey, (cart) => (cart ? { ...cart, notices: [] } : cart))
}

/** A line as the cache holds it right now (including optimistic changes not yet rendered). */
export function cachedLine(queryClient: QueryClient, id: string): CartItem | undefined {
  return queryClient.getQueryData<CartData>(cartQueryKey)?.items.find((item) => item.id === id)
}

/** Lines of variants that are no longer sold count neither in item_count nor in the subtotal. */
const isSold = (item: CartItem) => item.product_slug !== ''
/** Out-of-stock lines are left out of the subtotal. */
const inSubtotal = (item: CartItem) => isSold(item) && item.available > 0

function retotal(cart: CartData, items: CartItem[], countDelta: number, subtotalDelta: number): CartData {
  const subtotal = Math.max(0, cart.subtotal.amount + subtotalDelta)
  // The discount's rule is the server's: keep its amount (never above the subtotal) until the answer comes.
  const discount = Math.min(cart.discount.amount, subtotal)
  return {
    ...cart,
    items,
    item_count: Math.max(0, cart.item_count + countDelta),
    subtotal: { ...cart.subtotal, amount: subtotal },
    discount: { ...cart.discount, amount: discount },
    total: { ...cart.total, amount: subtotal - discount },
  }
}

/** The cart with one line's quantity changed, as the server will most likely answer. */
export function withQuantity(cart: CartData, id: string, quantity: number): CartData {
  const line = cart.items.find((item) => item.id === id)
  if (!line) return cart
  const delta = quantity - line.quantity
  const items = cart.items.map((item) =>
    item.id === id
      ? { ...item, quantity, line_total: { ...item.line_total, amount: item.unit_price.amount * quantity } }
      : item,
  )
  const next = retotal(
    cart,
    items,
    isSold(line) ? delta : 0,
    inSubtotal(line) ? line.unit_price.amount * delta : 0,
  )
  // Changing the quantity acknowledges a new price; a quantity within stock needs no warning.
  next.warnings = cart.warnings.filter(
    (w) =>
      w.line_id !== id ||
      (w.kind !== 'price_changed' && !(w.kind === 'quantity_reduced' && quantity <= line.available)),
  )
  return next
}

/** The cart without one line. */
export function withoutLine(cart: CartData, id: string): CartData {
  const line = cart.items.find((item) => item.id === id)
  if (!line) return cart
  const next = retotal(
    cart,
    cart.items.filter((item) => item.id !== id),
    isSold(line) ? -line.quantity : 0,
    inSubtotal(line) ? -line.line_total.amount : 0,
  )
  next.warnings = cart.warnings.filter((w) => w.line_id !== id)
  return next
}

/** State of a run of queued cart mutations (from the first one's start to the last one's end). */
interface Burst {
  /** The cache before the first optimistic change. */
  base: CartData | undefined
  /** The newest server cart an earlier mutation of the run answered. */
  latest: Cart | undefined
  optimistic: boolean
}

const bursts = new WeakMap<QueryClient, Burst>()

/** Cart mutations still pending, the calling one included (it is pending during its callbacks). */
const pending = (queryClient: QueryClient) => queryClient.isMutating({ mutationKey: cartMutationKey })

/**
 * The options every cart mutation uses: queued in one scope, the server's
 * cart written to the cache, `optimistic` applied at once and rolled back on
 * error. Spread into useMutation.
 */
export function cartMutationOptions<TVariables>(
  name: string,
  mutationFn: (variables: TVariables) => Promise<Cart>,
  optimistic?: (cart: CartData, variables: TVariables) => CartData,
) {
  return {
    mutationKey: [...cartMutationKey, name],
    scope: cartMutationScope,
    mutationFn,
    onMutate: async (variables: TVariables, { client }: MutationFunctionContext) => {
      let burst = bursts.get(client)
      if (!burst) {
        burst = { base: client.getQueryData<CartData>(cartQueryKey), latest: undefined, optimistic: false }
        bursts.set(client, burst)
      }
      if (!optimistic) return
      // A refetch that lands now would overwrite the optimistic cart.
      await client.cancelQueries({ queryKey: cartQueryKey })
      const current = client.getQueryData<CartData>(cartQueryKey)
      if (!current) return
      if (!burst.optimistic) burst.base = current
      burst.optimistic = true
      client.setQueryData<CartData>(cartQueryKey, optimistic(current, variables))
    },
    onSuccess: (cart: Cart, _variables: TVariables, _context: unknown, { client }: MutationFunctionContext) => {
      if (pending(client) <= 1) {
        bursts.delete(client)
        client.setQueryData<CartData>(cartQueryKey, (previous) => withNotices(previous, cart))
        return
      }
      const burst = bursts.get(client)
      if (burst) burst.latest = cart
      // Keep one-time warnings now: the last answer will not repeat them.
      if (cart.warnings.some(isOneTime)) {
        client.setQueryData<CartData>(cartQueryKey, (previous) =>
          previous ? { ...previous, notices: withNotices(previous, cart).notices } : previous,
        )
      }
    },
    onError: (error: Error, _variables: TVariables, _context: unknown, { client }: MutationFunctionContext) => {
      if (pending(client) > 1) return // a later mutation's answer settles the cart
      const burst = bursts.get(client)
      bursts.delete(client)
      const restore = burst?.latest ?? (burst?.optimistic ? burst.base : undefined)
      if (restore) {
        client.setQueryData<CartData>(cartQueryKey, (previous) => ({
          ...restore,
          notices: previous?.notices ?? [],
        }))
      }
      // Roll back, then settle with what the server has (a line may be gone, stock may have changed).
      if (burst?.optimistic || !isApiError(error) || error.status !== 422) {
        void client.invalidateQueries({ queryKey: cartQueryKey })
      }
    },
  }
}

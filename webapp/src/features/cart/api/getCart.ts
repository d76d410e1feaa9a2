import { queryOptions, useQuery, useSuspenseQuery } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { cartQueryKey, withNotices } from '../cache'
import type { Cart, CartData } from '../types'

export { cartQueryKey }

/**
 * GET /api/cart: the visitor's cart at current prices (an empty cart has id
 * null). The first cart request after signing in merges the guest cart into
 * the user's and reports each adjustment as a `merged` warning, once.
 */
export const getCart = (signal?: AbortSignal) => api.get<Cart>('/api/cart', { signal })

export const cartQueryOptions = () =>
  queryOptions({
    queryKey: cartQueryKey,
    // Keep the one-time warnings of earlier answers (see CartData.notices).
    queryFn: async ({ client, signal }): Promise<CartData> =>
      withNotices(client.getQueryData<CartData>(cartQueryKey), await getCart(signal)),
    // Prices and stock change: ask again when a cart view mounts after a few seconds.
    staleTime: 10_000,
  })

/** For the /cart page, whose loader ensured the query. */
export const useCart = () => useSuspenseQuery(cartQueryOptions())

/** For the header button and drawer, which must never take the page down. */
export const useCartInHeader = () => useQuery(cartQueryOptions())

import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { createQueryClient } from '@/lib/queryClient'
import { fakeApi, problem } from '@/test/fakeApi'
import { dismissNotices } from '../cache'
import { fakeCart, lineId } from '../test/fakeCart'
import type { CartData } from '../types'
import { useAddCartItem } from './addCartItem'
import { cartQueryKey, cartQueryOptions, useCartInHeader } from './getCart'
import { useRemoveCartItem } from './removeCartItem'
import { useUpdateCartItem } from './updateCartItem'

const shirt = lineId('v-shirt')
const boot = lineId('v-boot')

/** A query client with the cart loaded from the fake server, and the hooks under test. */
async function setup(cart: ReturnType<typeof fakeCart>) {
  const fake = fakeApi(cart.endpoints)
  const queryClient = createQueryClient()
  await queryClient.fetchQuery(cartQueryOptions())
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  )
  // The header always observes the cart (so invalidating it refetches).
  const hooks = renderHook(
    () => ({ cart: useCartInHeader(), update: useUpdateCartItem(), remove: useRemoveCartItem(), add: useAddCartItem() }),
    { wrapper },
  )
  return { fake, queryClient, hooks }
}

const cached = (queryClient: QueryClient) => queryClient.getQueryData<CartData>(cartQueryKey)!
const quantityOf = (queryClient: QueryClient, id: string) => cached(queryClient).items.find((i) => i.id === id)?.quantity

/** Lets pending promises (onMutate, the fake's handlers) run. */
const flush = () => act(async () => {})

describe('cart mutations', () => {
  it('shows a new quantity and totals at once, then settles with the server’s cart', async () => {
    const cart = fakeCart({ lines: [{ variant: 'v-shirt', quantity: 1 }, { variant: 'v-boot', quantity: 1 }], code: 'SAVE10' })
    const { fake, queryClient, hooks } = await setup(cart)
    expect(cached(queryClient)).toMatchObject({ item_count: 2, subtotal: { amount: 15899 }, discount: { amount: 1590 } })

    cart.hold()
    act(() => hooks.result.current.update.mutate({ id: shirt, quantity: 3 }))
    await flush()

    // Optimistic: the line, the count and the subtotal; the discount is the server's to compute.
    const optimistic = cached(queryClient)
    expect(optimistic.items.find((i) => i.id === shirt)).toMatchObject({ quantity: 3, line_total: { amount: 11697 } })
    expect(optimistic.item_count).toBe(4)
    expect(optimistic.subtotal.amount).toBe(15899 + 2 * 3899)
    expect(optimistic.total.amount).toBe(15899 + 2 * 3899 - 1590)
    expect(fake.calls('PATCH', `/api/cart/items/${shirt}`)[0]?.body).toEqual({ quantity: 3 })

    cart.release()
    await waitFor(() => expect(hooks.result.current.update.isSuccess).toBe(true))
    // Settled: exactly what the server answered (its discount: 10 % of the new subtotal).
    expect(cached(queryClient)).toEqual({ ...cart.view(), notices: [] })
    expect(cached(queryClient).discount.amount).toBe(2370)
  })

  it('rolls a refused quantity back, keeps the error and asks the server again', async () => {
    const cart = fakeCart({ lines: [{ variant: 'v-boot', quantity: 2 }] })
    const { fake, queryClient, hooks } = await setup(cart)
    const before = cached(queryClient)

    cart.hold()
    act(() => hooks.result.current.update.mutate({ id: boot, quantity: 5 }))
    await flush()
    expect(quantityOf(queryClient, boot)).toBe(5)
    expect(cached(queryClient).item_count).toBe(5)

    // The 409 comes back; the GET that follows is held for now.
    cart.releaseOne()
    await waitFor(() => expect(hooks.result.current.update.isError).toBe(true))
    expect(hooks.result.current.update.error).toMatchObject({ status: 409, fieldErrors: { quantity: 'only 3 available' } })
    expect(cached(queryClient)).toEqual(before)
    // Then it settles with a fresh GET /api/cart.
    await waitFor(() => expect(fake.calls('GET', '/api/cart')).toHaveLength(2))
    cart.release()
    await waitFor(() => expect(queryClient.isFetching()).toBe(0))
    expect(quantityOf(queryClient, boot)).toBe(2)
  })

  it('takes a removed line off at once and puts it back when the server fails', async () => {
    const cart = fakeCart({ lines: [{ variant: 'v-shirt', quantity: 2 }, { variant: 'v-boot', quantity: 1 }] })
    let fail!: () => void
    const failing = new Promise<void>((resolve) => (fail = resolve))
    cart.endpoints[`DELETE /api/cart/items/${shirt}`] = async () => {
      await failing
      return problem(503, { title: 'Service Unavailable', detail: 'The cart is busy, try again.' })
    }
    const { fake, queryClient, hooks } = await setup(cart)
    const before = cached(queryClient)

    act(() => hooks.result.current.remove.mutate({ id: shirt }))
    await flush()
    expect(cached(queryClient).items.map((i) => i.id)).toEqual([boot])
    expect(cached(queryClient)).toMatchObject({ item_count: 1, subtotal: { amount: 12000 }, total: { amount: 12000 } })

    cart.hold() // the GET after the failure
    fail()
    await waitFor(() => expect(hooks.result.current.remove.isError).toBe(true))
    expect(hooks.result.current.remove.error).toMatchObject({ status: 503 })
    expect(cached(queryClient)).toEqual(before)
    await waitFor(() => expect(fake.calls('GET', '/api/cart')).toHaveLength(2))
    cart.release()
    await waitFor(() => expect(queryClient.isFetching()).toBe(0))
    expect(cached(queryClient).items.map((i) => i.id)).toEqual([shirt, boot])
  })

  it('sends rapid clicks one after another and ends on the last quantity without flickering back', async () => {
    const cart = fakeCart({ lines: [{ variant: 'v-shirt', quantity: 1 }] })
    const { fake, queryClient, hooks } = await setup(cart)
    const seen: (number | undefined)[] = []
    const unsubscribe = queryClient.getQueryCache().subscribe(() => seen.push(quantityOf(queryClient, shirt)))

    cart.hold()
    for (const quantity of [2, 3, 4]) {
      act(() => hooks.result.current.update.mutate({ id: shirt, quantity }))
      await flush()
    }
    expect(quantityOf(queryClient, shirt)).toBe(4)
    // One request at a time: the second waits for the first answer.
    expect(fake.calls('PATCH', `/api/cart/items/${shirt}`)).toHaveLength(1)

    for (let i = 1; i <= 3; i++) {
      cart.releaseOne()
      await waitFor(() => expect(cart.state.lines[0]?.quantity).toBe(i + 1))
      await waitFor(() => expect(fake.calls('PATCH', `/api/cart/items/${shirt}`)).toHaveLength(Math.min(i + 1, 3)))
    }
    await waitFor(() => expect(queryClient.isMutating()).toBe(0))
    unsubscribe()

    expect(fake.calls('PATCH', `/api/cart/items/${shirt}`).map((r) => r.body)).toEqual([
      { quantity: 2 },
      { quantity: 3 },
      { quantity: 4 },
    ])
    expect(quantityOf(queryClient, shirt)).toBe(4)
    // Once 4 was shown, the earlier answers (2, 3) never replaced it.
    const after = seen.slice(seen.indexOf(4))
    expect(after.every((q) => q === 4)).toBe(true)
  })

  it('keeps the sign-in merge warnings of one answer until they are dismissed', async () => {
    const merged = { line_id: null, kind: 'merged' as const, message: 'Fjordline Boot: 5 requested, only 3 available.' }
    const cart = fakeCart({ lines: [{ variant: 'v-boot', quantity: 3 }], warnings: [merged] })
    const { queryClient, hooks } = await setup(cart)
    expect(cached(queryClient).notices).toEqual([merged])

    // The next answers no longer carry it; the notice stays.
    await queryClient.refetchQueries({ queryKey: cartQueryKey })
    act(() => hooks.result.current.add.mutate({ variant_id: 'v-shirt', quantity: 1 }))
    await waitFor(() => expect(cached(queryClient).items).toHaveLength(2))
    expect(cached(queryClient).warnings).toEqual([])
    expect(cached(queryClient).notices).toEqual([merged])

    dismissNotices(queryClient)
    expect(cached(queryClient).notices).toEqual([])
  })
})

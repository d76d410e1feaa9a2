import { queryOptions, useSuspenseQuery } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { Address } from '../types'

/** GET /api/me/addresses: the default shipping address first. */
export const listAddresses = (signal?: AbortSignal) =>
  api.get<{ items: Address[] }>('/api/me/addresses', { signal })

export const addressesQueryKey = ['accounts', 'addresses'] as const

export const addressesQueryOptions = () =>
  queryOptions({
    queryKey: addressesQueryKey,
    queryFn: ({ signal }) => listAddresses(signal),
    select: (page) => page.items,
  })

export const useAddresses = () => useSuspenseQuery(addressesQueryOptions())

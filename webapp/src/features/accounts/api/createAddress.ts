import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { Address, AddressInput } from '../types'
import { addressesQueryKey } from './listAddresses'

/** POST /api/me/addresses (201). The first address becomes the default shipping address. */
export const createAddress = (body: AddressInput) => api.post<Address>('/api/me/addresses', body)

export function useCreateAddress() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createAddress,
    // The server may change the default: reload the whole list.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: addressesQueryKey }),
  })
}

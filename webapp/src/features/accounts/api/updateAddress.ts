import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { Address, AddressInput } from '../types'
import { addressesQueryKey } from './listAddresses'

/** PATCH /api/me/addresses/{id}: only the fields sent change; is_default_shipping true clears it on the others. */
export const updateAddress = ({ id, ...patch }: Partial<AddressInput> & { id: string }) =>
  api.patch<Address>(`/api/me/addresses/${encodeURIComponent(id)}`, patch)

export function useUpdateAddress() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateAddress,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: addressesQueryKey }),
  })
}

import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { addressesQueryKey } from './listAddresses'

/** DELETE /api/me/addresses/{id} (204). Deleting the default makes the newest remaining one the default. */
export const deleteAddress = (id: string) => api.delete<void>(`/api/me/addresses/${encodeURIComponent(id)}`)

export function useDeleteAddress() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deleteAddress,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: addressesQueryKey }),
  })
}

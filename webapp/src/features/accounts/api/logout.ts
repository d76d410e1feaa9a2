import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { sessionChanged } from '../session'

/** POST /api/auth/logout (204): ends the session. */
export const logout = () => api.post<void>('/api/auth/logout')

export function useLogout() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: logout,
    onSuccess: () => sessionChanged(queryClient, null),
  })
}

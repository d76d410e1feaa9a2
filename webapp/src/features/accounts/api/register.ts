import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { sessionChanged } from '../session'
import type { UserEnvelope } from '../types'

export interface RegisterRequest {
  email: string
  password: string
  name: string
}

/** POST /api/auth/register: creates the account and signs it in (201). 409: email taken; 422: field errors. */
export const register = (body: RegisterRequest) => api.post<UserEnvelope>('/api/auth/register', body)

export function useRegister() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: register,
    onSuccess: ({ user }) => sessionChanged(queryClient, user),
  })
}

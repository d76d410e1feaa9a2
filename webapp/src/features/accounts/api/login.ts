import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { sessionChanged } from '../session'
import type { UserEnvelope } from '../types'

export interface LoginRequest {
  email: string
  password: string
}

/** POST /api/auth/login. 401: wrong email or password; 429: too many failures (Retry-After). */
export const login = (body: LoginRequest) => api.post<UserEnvelope>('/api/auth/login', body)

export function useLogin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: login,
    onSuccess: ({ user }) => sessionChanged(queryClient, user),
  })
}

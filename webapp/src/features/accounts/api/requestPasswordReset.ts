import { useMutation } from '@tanstack/react-query'
import { api } from '@/lib/api'

/** POST /api/auth/password-reset: always 202, registered or not; the mail links to /reset-password?token=… */
export const requestPasswordReset = (body: { email: string }) =>
  api.post<Record<string, never>>('/api/auth/password-reset', body)

export const useRequestPasswordReset = () => useMutation({ mutationFn: requestPasswordReset })

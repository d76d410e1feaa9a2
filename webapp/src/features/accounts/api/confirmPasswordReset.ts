import { useMutation } from '@tanstack/react-query'
import { api } from '@/lib/api'

export interface ConfirmPasswordResetRequest {
  token: string
  password: string
}

/** POST /api/auth/password-reset/confirm (204). 422: errors.token (invalid or expired) or errors.password. */
export const confirmPasswordReset = (body: ConfirmPasswordResetRequest) =>
  api.post<void>('/api/auth/password-reset/confirm', body)

export const useConfirmPasswordReset = () => useMutation({ mutationFn: confirmPasswordReset })

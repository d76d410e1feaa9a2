import { useMutation } from '@tanstack/react-query'
import { api } from '@/lib/api'

export interface ChangePasswordRequest {
  current_password: string
  new_password: string
}

/**
 * POST /api/me/password (204). Ends the user's other sessions and rotates this
 * one; the csrftoken cookie stays valid. 422: field errors (e.g. a wrong current_password).
 */
export const changePassword = (body: ChangePasswordRequest) => api.post<void>('/api/me/password', body)

export const useChangePassword = () => useMutation({ mutationFn: changePassword })

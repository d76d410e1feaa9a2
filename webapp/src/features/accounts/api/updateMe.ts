import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { User } from '../types'
import { meQueryKey } from './getMe'

export interface UpdateMeRequest {
  name: string
}

/** PATCH /api/me: changes the profile and answers the updated user. */
export const updateMe = (body: UpdateMeRequest) => api.patch<User>('/api/me', body)

export function useUpdateMe() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateMe,
    onSuccess: (user) => queryClient.setQueryData(meQueryKey, user),
  })
}

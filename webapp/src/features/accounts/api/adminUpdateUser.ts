import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { Page, Role, User } from '../types'
import { adminUsersQueryKey } from './adminListUsers'
import { meQueryKey } from './getMe'

/**
 * PATCH /api/admin/users/{id} (admins): sets the roles and ends the user's
 * sessions. 422 when admins would remove their own admin role.
 */
export const adminUpdateUser = ({ id, roles }: { id: string; roles: Role[] }) =>
  api.patch<User>(`/api/admin/users/${encodeURIComponent(id)}`, { roles })

export function useAdminUpdateUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: adminUpdateUser,
    onSuccess: (user) => {
      // Patch the user in every cached search result instead of reloading them.
      queryClient.setQueriesData<InfiniteData<Page<User>>>({ queryKey: adminUsersQueryKey }, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                items: page.items.map((item) => (item.id === user.id ? user : item)),
              })),
            }
          : data,
      )
      // Editing oneself changes what /api/me says (and may end this session).
      const me = queryClient.getQueryData<User | null>(meQueryKey)
      if (me?.id === user.id) void queryClient.invalidateQueries({ queryKey: meQueryKey })
    },
  })
}

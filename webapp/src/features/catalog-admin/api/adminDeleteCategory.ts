import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { categoriesChanged } from '../cache'

/** DELETE /api/admin/categories/{id} (staff): 204, or 409 while it has sub-categories or products. */
export const adminDeleteCategory = (id: string) => api.delete<void>(`/api/admin/categories/${encodeURIComponent(id)}`)

export function useAdminDeleteCategory() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: adminDeleteCategory, onSuccess: () => categoriesChanged(queryClient) })
}

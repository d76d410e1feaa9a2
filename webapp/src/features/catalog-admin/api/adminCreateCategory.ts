import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { categoriesChanged } from '../cache'
import type { AdminCategory, CategoryInput } from '../types'

/**
 * POST /api/admin/categories (staff): a root category, or one under `parent`
 * (a slug); the slug is made from the name when left out. 422 names the
 * fields; 409 when the slug is taken.
 */
export const adminCreateCategory = (input: CategoryInput) => api.post<AdminCategory>('/api/admin/categories', input)

export function useAdminCreateCategory() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: adminCreateCategory, onSuccess: () => categoriesChanged(queryClient) })
}

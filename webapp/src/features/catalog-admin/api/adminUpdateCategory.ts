import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api'
import { categoriesChanged } from '../cache'
import type { AdminCategory, CategoryInput } from '../types'

/**
 * PATCH /api/admin/categories/{id} (staff): rename, re-slug or move (`parent`:
 * a slug, "" for the top level). 422 when moving a category under itself.
 */
export const adminUpdateCategory = ({ id, input }: { id: string; input: CategoryInput }) =>
  api.patch<AdminCategory>(`/api/admin/categories/${encodeURIComponent(id)}`, input)

export function useAdminUpdateCategory() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: adminUpdateCategory, onSuccess: () => categoriesChanged(queryClient) })
}

import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiRaw } from '@/lib/apiRaw'
import { adminJobKey } from '../cache'
import type { Job } from '../types'

/**
 * POST /api/admin/products/import (staff): the CSV file as the body
 * (text/csv). 202 with the queued job (poll GET /api/admin/jobs/{id});
 * 422 (`file`) when it is empty or not a catalog CSV (e.g. required columns missing).
 */
export const adminImportProducts = (file: Blob) => apiRaw.post<Job>('/api/admin/products/import', file, 'text/csv')

export function useAdminImportProducts() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: adminImportProducts,
    // The job's first state, so its progress shows before the first poll.
    onSuccess: (job) => queryClient.setQueryData(adminJobKey(job.id), job),
  })
}

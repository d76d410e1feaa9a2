import { queryOptions, useQuery } from '@tanstack/react-query'
import { api, isApiError } from '@/lib/api'
import { adminJobKey } from '../cache'
import type { Job } from '../types'

/** How often a running import is asked for its progress. */
export const jobPollMs = 500

export const isFinished = (job: Job | undefined) => job?.state === 'done' || job?.state === 'failed'

/** GET /api/admin/jobs/{id} (staff): an import's state, progress and per-line errors; 404 when unknown. */
export const adminGetJob = (id: string, signal?: AbortSignal) =>
  api.get<Job>(`/api/admin/jobs/${encodeURIComponent(id)}`, { signal })

/** Polls every `jobPollMs` until the job is done or failed. */
export const adminJobQueryOptions = (id: string) =>
  queryOptions({
    queryKey: adminJobKey(id),
    queryFn: ({ signal }) => adminGetJob(id, signal),
    staleTime: 0,
    // A 4xx (an unknown job, signed out) will not change by asking again; a
    // network or server hiccup may, so polling goes on through those.
    refetchInterval: (query) => {
      const { data, error } = query.state
      if (isFinished(data)) return false
      if (isApiError(error) && error.status >= 400 && error.status < 500) return false
      return jobPollMs
    },
    // Keep polling while the tab is in the background: the import goes on.
    refetchIntervalInBackground: true,
  })

export const useAdminJob = (id: string) => useQuery(adminJobQueryOptions(id))

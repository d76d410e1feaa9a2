import { QueryClient } from '@tanstack/react-query'
import { isApiError } from './http'

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Catalog data changes rarely: reuse it for 30 s across navigations
        // (route loaders call ensureQueryData, so a fresh entry costs no request).
        staleTime: 30_000,
        // A 4xx will not get better by asking again; network and 5xx errors may.
        retry: (failureCount, error) =>
          !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
      },
    },
  })
}

export const queryClient = createQueryClient()

import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/lib/api'
import type { Suggestions } from '../types'

/** Shorter terms are not sent: they match too much to help. */
export const suggestMinLength = 2

/** GET /api/search/suggest?q=: up to 8 products and 8 categories; 400 for an empty q. */
export const suggest = (q: string, signal?: AbortSignal) =>
  api.get<Suggestions>(`/api/search/suggest?${new URLSearchParams({ q })}`, { signal })

export const suggestQueryOptions = (q: string) =>
  queryOptions({
    queryKey: ['catalog', 'suggest', q] as const,
    queryFn: ({ signal }) => suggest(q, signal),
    enabled: q.length >= suggestMinLength,
    staleTime: 60_000,
  })

/** For the header's search box: never suspends, keeps the last list while the next one loads. */
export const useSuggestions = (q: string) =>
  useQuery({
    ...suggestQueryOptions(q),
    placeholderData: (previous) => (q.length >= suggestMinLength ? previous : undefined),
  })

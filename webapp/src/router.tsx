import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { createRouter, type RouterHistory } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { ErrorPage } from '@/components/ErrorPage'
import { NotFoundPage } from '@/components/NotFoundPage'
import { parseSearch, stringifySearch } from '@/lib/searchParams'
import { routeTree } from './routeTree.gen'

/** Options shared by the app's router and the routers that tests build. */
export function routerOptions(queryClient: QueryClient) {
  return {
    context: { queryClient },
    Wrap: ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    ),
    // Start loading a route's code and data when the pointer rests on a link.
    defaultPreload: 'intent',
    // TanStack Query decides freshness; the router should always ask it.
    defaultPreloadStaleTime: 0,
    defaultErrorComponent: ErrorPage,
    defaultNotFoundComponent: NotFoundPage,
    scrollRestoration: true,
    // Plain query strings (`?attr.colour=Blue&attr.colour=Red`), not JSON: see lib/searchParams.ts.
    parseSearch,
    stringifySearch,
  } as const
}

export function createAppRouter(opts: { queryClient: QueryClient; history?: RouterHistory }) {
  return createRouter({ routeTree, history: opts.history, ...routerOptions(opts.queryClient) })
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>
  }
}

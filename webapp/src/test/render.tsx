import { createMemoryHistory, RouterProvider, type AnyRouter } from '@tanstack/react-router'
import { render } from '@testing-library/react'
import { createQueryClient } from '@/lib/queryClient'
import { createAppRouter } from '@/router'

/** Renders the real app (route tree, layout, providers) at `path`. */
export function renderApp(path: string) {
  const queryClient = createQueryClient()
  const router = createAppRouter({
    queryClient,
    history: createMemoryHistory({ initialEntries: [path] }),
  })
  return { router, queryClient, ...render(<RouterProvider router={router} />) }
}

/** Renders a router that tests built themselves (e.g. with a route that throws). */
export function renderRouter(router: AnyRouter) {
  return render(<RouterProvider router={router} />)
}

import { createRootRouteWithContext, createRoute, createRouter, createMemoryHistory } from '@tanstack/react-router'
import { fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/lib/api'
import { createQueryClient } from '@/lib/queryClient'
import { routerOptions } from '@/router'
import { Route as RootRoute, type RouterContext } from '@/routes/__root'
import { fakeApi, meEndpoint } from './fakeApi'
import { renderRouter } from './render'

// A root route with the real root's options, plus children that fail.
function routerAt(path: string, opts: { throwingRoot?: boolean } = {}) {
  const root = createRootRouteWithContext<RouterContext>()({
    component: opts.throwingRoot
      ? () => {
          throw new Error('The layout broke')
        }
      : RootRoute.options.component,
    errorComponent: RootRoute.options.errorComponent,
    notFoundComponent: RootRoute.options.notFoundComponent,
  })
  let loaderCalls = 0
  const children = [
    createRoute({ getParentRoute: () => root, path: '/', component: () => <p>home</p> }),
    createRoute({
      getParentRoute: () => root,
      path: '/render-fails',
      component: () => {
        throw new Error('Kaboom while rendering')
      },
    }),
    createRoute({
      getParentRoute: () => root,
      path: '/loader-fails-once',
      loader: () => {
        loaderCalls += 1
        if (loaderCalls === 1) {
          throw new ApiError({ status: 503, title: 'Service Unavailable', detail: 'The catalog is resting.' })
        }
        return { ok: true }
      },
      component: () => <p data-testid="recovered">Loaded after a retry</p>,
    }),
  ]
  const router = createRouter({
    routeTree: root.addChildren(children),
    history: createMemoryHistory({ initialEntries: [path] }),
    ...routerOptions(createQueryClient()),
  })
  return { router, loaderCalls: () => loaderCalls }
}

// React (development build) rethrows errors caught by boundaries as window
// "error" events and logs them; keep the test output readable.
const silence = (event: ErrorEvent) => event.preventDefault()

describe('error boundaries', () => {
  beforeEach(() => {
    fakeApi({ 'GET /api/me': meEndpoint(() => null) })
    vi.spyOn(console, 'error').mockImplementation(() => {})
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    window.addEventListener('error', silence)
  })
  afterEach(() => {
    window.removeEventListener('error', silence)
  })

  it('shows the error message inside the layout when a route component throws', async () => {
    renderRouter(routerAt('/render-fails').router)

    const alert = await screen.findByRole('alert')
    expect(within(alert).getByRole('heading', { name: 'Something went wrong' })).toBeVisible()
    expect(alert).toHaveTextContent('Kaboom while rendering')
    // Only the failing route is replaced: the header is still there.
    expect(screen.getByRole('link', { name: 'Bazaar' })).toBeInTheDocument()
  })

  it('shows the problem detail of an ApiError thrown by a loader, and Try again reloads', async () => {
    const { router, loaderCalls } = routerAt('/loader-fails-once')
    renderRouter(router)

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('The catalog is resting.')
    expect(screen.queryByTestId('recovered')).not.toBeInTheDocument()

    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }))
    expect(await screen.findByTestId('recovered')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(loaderCalls()).toBe(2)
  })

  it("uses the root route's error component when the layout itself throws", async () => {
    renderRouter(routerAt('/', { throwingRoot: true }).router)

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('The layout broke')
    expect(within(alert).getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/')
    // The broken layout is replaced by the root error page's bare header.
    expect(screen.getByRole('banner')).toHaveTextContent('Bazaar')
    expect(screen.getByRole('link', { name: 'Bazaar' })).toHaveAttribute('href', '/')
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument()
  })
})

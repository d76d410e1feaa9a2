// Who is signed in, for routes and after sign-in, sign-out and sign-up.
import type { QueryClient } from '@tanstack/react-query'
import { redirect } from '@tanstack/react-router'
import { ApiError, isApiError } from '@/lib/api'
import { meQueryKey, meQueryOptions } from './api/getMe'
import type { Role, User } from './types'

export const hasRole = (user: User | null | undefined, role: Role) => Boolean(user?.roles.includes(role))

/** Staff and admins see the admin area. */
export const canSeeAdmin = (user: User | null | undefined) => hasRole(user, 'staff') || hasRole(user, 'admin')

/**
 * Only same-site paths are followed after sign-in ("/account", "/admin/users?q=x"),
 * never "//evil.example" or "https://…".
 */
export function safeRedirect(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined
  return value
}

/**
 * For a route's beforeLoad: the signed-in user, or a redirect to
 * /sign-in?redirect=<where the visitor wanted to go>.
 */
export async function requireUser(queryClient: QueryClient, location: { href: string }): Promise<User> {
  const user = await queryClient.ensureQueryData(meQueryOptions())
  if (!user) throw redirect({ to: '/sign-in', search: { redirect: location.href } })
  return user
}

/**
 * For the admin area's beforeLoad: the signed-in staff member or admin.
 * Visitors are sent to sign in; other users get a 403 ApiError, which the
 * route's error component shows as the "You don't have access" page.
 */
export async function requireStaff(queryClient: QueryClient, location: { href: string }): Promise<User> {
  const user = await requireUser(queryClient, location)
  if (!canSeeAdmin(user)) {
    throw new ApiError({ status: 403, title: 'Forbidden', detail: 'The admin area is for staff and administrators.' })
  }
  return user
}

/**
 * For loaders of signed-in pages: when the session ended on the server (401)
 * although the cached user said otherwise, forget the user and go to sign-in.
 */
export async function signInOn401<T>(
  queryClient: QueryClient,
  location: { href: string },
  load: Promise<T>,
): Promise<T> {
  try {
    return await load
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      queryClient.setQueryData(meQueryKey, null)
      throw redirect({ to: '/sign-in', search: { redirect: location.href } })
    }
    throw error
  }
}

/**
 * After sign-in, sign-up or sign-out. The server rotated the session, so cached
 * data may belong to someone else: drop all of it except the user, set the user
 * we now know, and refetch /api/me to confirm. (The csrftoken cookie is not
 * rotated, so `api` keeps sending the same, still valid, token.)
 */
export function sessionChanged(queryClient: QueryClient, user: User | null) {
  queryClient.removeQueries({
    predicate: (query) => !(query.queryKey[0] === meQueryKey[0] && query.queryKey[1] === meQueryKey[1]),
  })
  queryClient.setQueryData(meQueryKey, user)
  void queryClient.invalidateQueries({ queryKey: meQueryKey })
}

import { createFileRoute, useNavigate, type ErrorComponentProps } from '@tanstack/react-router'
import { useCallback } from 'react'
import { ErrorPage } from '@/components/ErrorPage'
import { ForbiddenPage } from '@/components/ForbiddenPage'
import { adminUsersQueryOptions } from '@/features/accounts/api/adminListUsers'
import { useMe } from '@/features/accounts/api/getMe'
import { AdminUsersPage } from '@/features/accounts/components/AdminUsersPage'
import { SignedOut } from '@/features/accounts/components/SignedOut'
import { hasRole, requireUser, signInOn401 } from '@/features/accounts/session'
import { isApiError } from '@/lib/api'

// Admins only: visitors go to sign-in, other users see "You don't have access".
export const Route = createFileRoute('/admin/users')({
  validateSearch: (search: Record<string, unknown>): { q?: string } => ({
    q: typeof search.q === 'string' && search.q.trim() ? search.q.trim() : undefined,
  }),
  beforeLoad: async ({ context, location }) => ({
    user: await requireUser(context.queryClient, location),
  }),
  loaderDeps: ({ search }) => ({ q: search.q ?? '' }),
  loader: async ({ context, deps, location }) => {
    if (!hasRole(context.user, 'admin')) return
    await signInOn401(
      context.queryClient,
      location,
      context.queryClient.ensureInfiniteQueryData(adminUsersQueryOptions(deps.q)),
    )
  },
  component: AdminUsersRoute,
  errorComponent: AdminUsersError,
})

function AdminUsersRoute() {
  const { data: me } = useMe()
  const { q } = Route.useSearch()
  const navigate = useNavigate({ from: Route.fullPath })
  const search = useCallback(
    (term: string) => void navigate({ search: { q: term || undefined }, replace: true }),
    [navigate],
  )
  if (!me) return <SignedOut />
  if (!hasRole(me, 'admin')) return <ForbiddenPage />
  return <AdminUsersPage q={q ?? ''} onSearch={search} currentUserId={me.id} />
}

// The roles changed since the user was loaded: the API said 403.
function AdminUsersError(props: ErrorComponentProps) {
  if (isApiError(props.error) && props.error.status === 403) return <ForbiddenPage />
  return <ErrorPage {...props} />
}

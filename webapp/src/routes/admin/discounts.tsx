import { createFileRoute, type ErrorComponentProps } from '@tanstack/react-router'
import { ErrorPage } from '@/components/ErrorPage'
import { ForbiddenPage } from '@/components/ForbiddenPage'
import { signInOn401 } from '@/features/accounts/session'
import { adminDiscountsQueryOptions } from '@/features/cart/api/adminListDiscounts'
import { AdminDiscountsPage } from '@/features/cart/components/AdminDiscountsPage'
import { isApiError } from '@/lib/api'

// Staff and admins (the /admin layout's guard lets only them in).
export const Route = createFileRoute('/admin/discounts')({
  loader: ({ context, location }) =>
    signInOn401(
      context.queryClient,
      location,
      context.queryClient.ensureQueryData(adminDiscountsQueryOptions()),
    ),
  component: AdminDiscountsPage,
  errorComponent: AdminDiscountsError,
})

// The roles changed since the user was loaded: the API said 403.
function AdminDiscountsError(props: ErrorComponentProps) {
  if (isApiError(props.error) && props.error.status === 403) return <ForbiddenPage />
  return <ErrorPage {...props} />
}

import { createFileRoute, Link, Outlet, type ErrorComponentProps } from '@tanstack/react-router'
import { ErrorPage } from '@/components/ErrorPage'
import { ForbiddenPage } from '@/components/ForbiddenPage'
import { requireStaff } from '@/features/accounts/session'
import { isApiError } from '@/lib/api'

// The whole admin area: visitors go to /sign-in?redirect=<the page>, signed-in
// users without the staff or admin role see "You don't have access". Nothing
// below /admin loads for them (their loaders and components never run).
export const Route = createFileRoute('/admin')({
  beforeLoad: async ({ context, location }) => ({
    user: await requireStaff(context.queryClient, location),
  }),
  component: AdminLayout,
  errorComponent: AdminError,
})

function AdminError(props: ErrorComponentProps) {
  if (isApiError(props.error) && props.error.status === 403) return <ForbiddenPage />
  return <ErrorPage {...props} />
}

// Placeholders until the admin pages of each module exist.
const comingSoon = ['Orders']

function AdminLayout() {
  return (
    <div className="admin">
      <nav className="admin-sidebar" aria-label="Admin">
        <ul>
          <li>
            <Link to="/admin" activeOptions={{ exact: true }}>
              Overview
            </Link>
          </li>
          <li>
            <Link to="/admin/products">Products</Link>
          </li>
          <li>
            <Link to="/admin/categories">Categories</Link>
          </li>
          <li>
            <Link to="/admin/import">Import / export</Link>
          </li>
          <li>
            <Link to="/admin/discounts">Discounts</Link>
          </li>
          {comingSoon.map((name) => (
            <li key={name}>
              <span className="placeholder" aria-disabled="true" title="Coming soon">
                {name}
              </span>
            </li>
          ))}
          <li>
            <Link to="/admin/users">Users</Link>
          </li>
        </ul>
      </nav>
      <div className="admin-content">
        <Outlet />
      </div>
    </div>
  )
}

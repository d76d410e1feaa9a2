import { createFileRoute, Link, Outlet } from '@tanstack/react-router'

export const Route = createFileRoute('/admin')({
  component: AdminLayout,
})

// Placeholders until the admin pages of each module exist.
const comingSoon = ['Products', 'Orders']

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

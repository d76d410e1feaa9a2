import { createFileRoute, Link } from '@tanstack/react-router'

export const Route = createFileRoute('/admin/')({
  component: AdminHome,
})

function AdminHome() {
  return (
    <section className="page" data-testid="admin-home">
      <h1>Admin</h1>
      <p>
        Manage the catalog: <Link to="/admin/products">products and stock</Link>,{' '}
        <Link to="/admin/categories">categories</Link> and <Link to="/admin/import">CSV import and export</Link>.
        Orders follow once their module ships.
      </p>
    </section>
  )
}

import { createFileRoute } from '@tanstack/react-router'

export const Route = createFileRoute('/admin/')({
  component: AdminHome,
})

function AdminHome() {
  return (
    <section className="page" data-testid="admin-home">
      <h1>Admin</h1>
      <p>Manage products, orders and users here once those modules ship.</p>
    </section>
  )
}

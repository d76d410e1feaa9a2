import { createFileRoute, Link } from '@tanstack/react-router'

// A placeholder until the orders module ships its pages.
export const Route = createFileRoute('/account/orders')({
  component: MyOrders,
})

function MyOrders() {
  return (
    <section className="page" data-testid="my-orders">
      <h1>My orders</h1>
      <p>Your orders will appear here once the orders module arrives.</p>
      <p>
        <Link to="/account">Back to your account</Link>
      </p>
    </section>
  )
}

import { createFileRoute } from '@tanstack/react-router'

export const Route = createFileRoute('/')({
  component: HomePage,
})

function HomePage() {
  return (
    <section className="page" data-testid="home">
      <h1>Welcome to Bazaar</h1>
      <p>The shop opens soon: products, cart and checkout are on their way.</p>
    </section>
  )
}

import { Link } from '@tanstack/react-router'

export function NotFoundPage() {
  return (
    <section className="page status-page" data-testid="not-found">
      <h1>Page not found</h1>
      <p>We could not find the page you were looking for. It may have moved, or the link may be wrong.</p>
      <p>
        <Link to="/" className="button">
          Back to the home page
        </Link>
      </p>
    </section>
  )
}

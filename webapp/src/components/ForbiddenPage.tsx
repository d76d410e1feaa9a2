import { Link } from '@tanstack/react-router'

/** For signed-in users who lack the role a page needs (or a 403 from its API). */
export function ForbiddenPage() {
  return (
    <section className="page status-page" data-testid="forbidden">
      <h1>You don't have access</h1>
      <p>This page is for administrators. If you need access, ask an administrator to give you the role.</p>
      <p>
        <Link to="/" className="button">
          Back to the home page
        </Link>
      </p>
    </section>
  )
}

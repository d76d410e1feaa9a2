import { Link } from '@tanstack/react-router'

/** Shown for a moment when the user signs out while on a signed-in page. */
export function SignedOut() {
  return (
    <section className="page status-page" data-testid="signed-out">
      <h1>You are signed out</h1>
      <p>
        <Link to="/sign-in" className="button">
          Sign in
        </Link>
      </p>
    </section>
  )
}

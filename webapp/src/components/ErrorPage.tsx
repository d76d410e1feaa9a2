import { useQueryErrorResetBoundary } from '@tanstack/react-query'
import { Link, useRouter, type ErrorComponentProps } from '@tanstack/react-router'
import { useEffect } from 'react'
import { isApiError } from '@/lib/http'

function describe(error: unknown): string {
  if (isApiError(error)) return error.detail ?? error.title
  if (error instanceof Error && error.message) return error.message
  return 'An unexpected error occurred.'
}

/** Shown when a route's loader or component throws. */
export function ErrorPage({ error }: ErrorComponentProps) {
  const router = useRouter()
  const queryErrorResetBoundary = useQueryErrorResetBoundary()

  // Let useSuspenseQuery try again once this boundary is left.
  useEffect(() => {
    queryErrorResetBoundary.reset()
  }, [queryErrorResetBoundary])

  return (
    <section className="page status-page" role="alert" data-testid="error">
      <h1>Something went wrong</h1>
      <p className="error-message">{describe(error)}</p>
      <p className="actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            // Re-runs the loaders and resets the error boundary.
            void router.invalidate()
          }}
        >
          Try again
        </button>
        <Link to="/">Go to the home page</Link>
      </p>
    </section>
  )
}

import { QueryErrorResetBoundary } from '@tanstack/react-query'
import { Component, type ReactNode } from 'react'
import { describeError } from '@/lib/forms'

/**
 * Keeps a failing part of a page (a query that threw) from taking the whole
 * page down: shows what went wrong in place, with a "Try again" that refetches.
 */
export function SectionBoundary({ what, children }: { what: string; children: ReactNode }) {
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <Boundary what={what} onReset={reset}>
          {children}
        </Boundary>
      )}
    </QueryErrorResetBoundary>
  )
}

interface BoundaryProps {
  what: string
  onReset: () => void
  children: ReactNode
}

class Boundary extends Component<BoundaryProps, { error: { value: unknown } | null }> {
  state = { error: null as { value: unknown } | null }

  static getDerivedStateFromError(value: unknown) {
    return { error: { value } }
  }

  render() {
    const { error } = this.state
    if (!error) return this.props.children
    return (
      <div className="form-alert section-error" role="alert">
        <p>
          We could not load {this.props.what}. {describeError(error.value)}
        </p>
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              this.props.onReset()
              this.setState({ error: null })
            }}
          >
            Try again
          </button>
        </p>
      </div>
    )
  }
}

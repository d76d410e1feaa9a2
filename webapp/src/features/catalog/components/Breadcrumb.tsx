import { Link } from '@tanstack/react-router'
import type { Crumb } from '../types'

/** Home › category › sub-category [› current page]. */
export function Breadcrumb({ trail, current }: { trail: Crumb[]; current?: string }) {
  const last = trail.length - 1
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <ol>
        <li>
          <Link to="/">Home</Link>
        </li>
        {trail.map((crumb, i) =>
          current === undefined && i === last ? (
            <li key={crumb.slug} aria-current="page">
              {crumb.name}
            </li>
          ) : (
            <li key={crumb.slug}>
              <Link to="/c/$slug" params={{ slug: crumb.slug }}>
                {crumb.name}
              </Link>
            </li>
          ),
        )}
        {current !== undefined && <li aria-current="page">{current}</li>}
      </ol>
    </nav>
  )
}

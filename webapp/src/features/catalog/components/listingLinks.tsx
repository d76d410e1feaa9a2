import { Link, useNavigate } from '@tanstack/react-router'
import { useCallback, type ReactNode } from 'react'
import { asLocationSearch } from '@/lib/searchParams'
import type { ListingSearch } from '../listing'

/** Which listing a component belongs to: a category page or the search results. */
export type ListingBase = { kind: 'category'; slug: string } | { kind: 'search' }

/**
 * Goes to the same listing with other search params (pushes a history entry,
 * so Back undoes a filter), keeping the scroll position.
 */
export function useListingNavigate(base: ListingBase) {
  const navigate = useNavigate()
  const slug = base.kind === 'category' ? base.slug : undefined
  return useCallback(
    (search: ListingSearch) =>
      slug === undefined
        ? navigate({ to: '/search', search, resetScroll: false })
        : navigate({ to: '/c/$slug', params: { slug }, search, resetScroll: false }),
    [navigate, slug],
  )
}

/**
 * A link to the same listing with other search params. When they are the
 * current ones, the router marks it aria-current="page".
 */
export function ListingLink({
  base,
  search,
  children,
  className,
}: {
  base: ListingBase
  search: ListingSearch
  children: ReactNode
  className?: string
}) {
  const common = {
    search: asLocationSearch(search),
    className,
    resetScroll: false,
    activeOptions: { exact: true },
  }
  return base.kind === 'category' ? (
    <Link to="/c/$slug" params={{ slug: base.slug }} {...common}>
      {children}
    </Link>
  ) : (
    <Link to="/search" {...common}>
      {children}
    </Link>
  )
}

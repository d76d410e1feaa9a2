import { Suspense, useDeferredValue, useEffect, useId, useState, type FormEvent } from 'react'
import { Checkbox } from '@/components/form'
import { describeError } from '@/lib/forms'
import { formatMoney, toMajorUnits, toMinorUnits } from '@/lib/money'
import { stringifySearch } from '@/lib/searchParams'
import { useUiStore } from '@/lib/ui'
import { useProductList } from '../api/listProducts'
import { matchCount, useAttributeFacets, type AttributeFacet } from '../facets'
import {
  attrFilters,
  defaultSort,
  filterCount,
  sortLabels,
  sortOptions,
  toProductQuery,
  withAttr,
  withoutFilters,
  withSort,
  type ListingSearch,
} from '../listing'
import type { CategoryNode, Facets, Sort } from '../types'
import { optionLabel } from '../variants'
import { ListingLink, useListingNavigate, type ListingBase } from './listingLinks'
import { ProductGrid } from './ProductGrid'
import { GridSkeleton } from './Skeletons'

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/**
 * "12 products", or "100+ products" when the facets counted a sample (a broad
 * search ranks 101 matches, another filter counts the first 10,001): read
 * as "more than one less".
 */
const productCount = (facets: Facets): string => {
  const total = matchCount(facets)
  return facets.approximate ? `${total - 1}+ products` : plural(total, 'product', 'products')
}

/** A listing on screen: which one, with which search params. */
interface ListingState {
  key: string
  base: ListingBase
  search: ListingSearch
}

const listingKey = (base: ListingBase, search: ListingSearch) =>
  `${base.kind === 'category' ? `/c/${base.slug}` : '/search'}${stringifySearch(search)}`

/**
 * A product listing (category page, search results): sort, facet filters and
 * a grid that grows with "Load more". All of its state is `search` (the URL);
 * changes navigate. While the next results load (other filters, another
 * category or term), the current ones stay on screen, dimmed, and the
 * controls already show the new state.
 */
export function Listing({
  base,
  search,
  subcategories,
}: {
  base: ListingBase
  search: ListingSearch
  /** The category page's sub-categories, offered as links. */
  subcategories?: CategoryNode[]
}) {
  const key = listingKey(base, search)
  const [current, setCurrent] = useState<ListingState>({ key, base, search })
  if (current.key !== key) setCurrent({ key, base, search })
  const shown = useDeferredValue(current)

  // Leaving the page closes the (phone) filter panel.
  const closeFilters = useUiStore((s) => s.closeFilters)
  useEffect(() => closeFilters, [closeFilters])

  return (
    <Suspense fallback={<GridSkeleton />}>
      <ListingBody shown={shown} current={current} subcategories={subcategories} />
    </Suspense>
  )
}

function ListingBody({
  shown,
  current: inUrl,
  subcategories,
}: {
  /** The listing whose results are on screen. */
  shown: ListingState
  /** The listing in the URL: the controls show it. */
  current: ListingState
  subcategories?: CategoryNode[]
}) {
  const { base, search: current } = inUrl
  const stale = shown.key !== inUrl.key
  const query = toProductQuery(shown.search, shown.base.kind === 'category' ? shown.base.slug : undefined)
  const { data, hasNextPage, fetchNextPage, isFetchingNextPage, error } = useProductList(query)
  const facets = data.pages[0]!.facets
  const products = data.pages.flatMap((page) => page.items)
  const total = productCount(facets)
  const attributeFacets = useAttributeFacets(query, facets)
  const go = useListingNavigate(base)
  const filtersOpen = useUiStore((s) => s.filtersOpen)
  const toggleFilters = useUiStore((s) => s.toggleFilters)
  const closeFilters = useUiStore((s) => s.closeFilters)
  const filtersId = useId()
  const sortId = useId()
  const active = filterCount(current)

  return (
    <div className="listing__body" data-testid="listing">
      {subcategories && subcategories.length > 0 && (
        <nav aria-label="Sub-categories" className="subcategories">
          <ul>
            {subcategories.map((child) => {
              const count = countIn(facets, child)
              return (
                <li key={child.id}>
                  <ListingLink base={{ kind: 'category', slug: child.slug }} search={current} className="chip">
                    {child.name}
                    {count > 0 && <FacetCount count={count} />}
                  </ListingLink>
                </li>
              )
            })}
          </ul>
        </nav>
      )}

      <div className="listing__toolbar">
        <p className="listing__count" role="status" data-testid="result-count">
          {total}
        </p>
        <button
          type="button"
          className="button button--secondary filters-button"
          aria-expanded={filtersOpen}
          aria-controls={filtersId}
          onClick={toggleFilters}
        >
          Filters{active > 0 ? ` (${active})` : ''}
        </button>
        <div className="sort">
          <label htmlFor={sortId}>Sort by</label>
          <select
            id={sortId}
            value={current.sort ?? defaultSort(current)}
            onChange={(event) => void go(withSort(current, event.target.value as Sort))}
          >
            {sortOptions(current).map((sort) => (
              <option key={sort} value={sort}>
                {sortLabels[sort]}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="listing__layout">
        <aside id={filtersId} className="filters" aria-label="Filters" data-open={filtersOpen}>
          {base.kind === 'search' && <CategoryFacet base={base} facets={facets} current={current} />}
          <Checkbox
            label="In stock only"
            name="in_stock"
            checked={Boolean(current.in_stock)}
            onChange={(event) => void go({ ...current, in_stock: event.target.checked ? true : undefined })}
          />
          <PriceFilter
            min={current.min_price}
            max={current.max_price}
            facets={facets}
            onApply={(min, max) => void go({ ...current, min_price: min, max_price: max })}
          />
          {attributeFacets.map((facet) => (
            <AttributeFilter
              key={facet.name}
              facet={facet}
              selected={attrFilters(current)[facet.name] ?? []}
              onToggle={(value, on) => void go(withAttr(current, facet.name, value, on))}
            />
          ))}
          <div className="filters__actions">
            {active > 0 && (
              <ListingLink base={base} search={withoutFilters(current)}>
                Clear filters
              </ListingLink>
            )}
            <button type="button" className="button filters__done" onClick={closeFilters}>
              Show {total}
            </button>
          </div>
        </aside>

        <div className="listing__results" aria-busy={stale || undefined} data-stale={stale || undefined}>
          {products.length === 0 ? (
            <EmptyResults base={base} current={current} />
          ) : (
            <ProductGrid products={products} />
          )}
          {error && (
            <p className="form-alert" role="alert">
              {describeError(error)}
            </p>
          )}
          {products.length > 0 && (
            <div className="load-more">
              <p>
                Showing {products.length} of {total}
              </p>
              {hasNextPage && (
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={isFetchingNextPage}
                  aria-busy={isFetchingNextPage || undefined}
                  onClick={() => void fetchNextPage()}
                >
                  {isFetchingNextPage ? 'Loading…' : 'Load more'}
                </button>
              )}
            </div>
          )}
        </div>
      </div>
    </div>
  )
}

/** Matching products in a category and everything below it. */
function countIn(facets: Facets, node: CategoryNode): number {
  const own = facets.categories.find((c) => c.slug === node.slug)?.count ?? 0
  return node.children.reduce((sum, child) => sum + countIn(facets, child), own)
}

function EmptyResults({ base, current }: { base: ListingBase; current: ListingSearch }) {
  if (filterCount(current) > 0) {
    return (
      <div className="empty-state" data-testid="empty">
        <h2>No products match these filters</h2>
        <p>Try fewer filters, or start over.</p>
        <p>
          <ListingLink base={base} search={withoutFilters(current)} className="button">
            Clear filters
          </ListingLink>
        </p>
      </div>
    )
  }
  return (
    <div className="empty-state" data-testid="empty">
      <h2>{current.q ? `No products match “${current.q}”` : 'No products here yet'}</h2>
      <p>{current.q ? 'Check the spelling, or try a shorter or more general term.' : 'Please come back soon.'}</p>
    </div>
  )
}

function CategoryFacet({ base, facets, current }: { base: ListingBase; facets: Facets; current: ListingSearch }) {
  if (facets.categories.length === 0 && !current.category) return null
  return (
    <section className="facet" aria-labelledby="facet-category">
      <h2 id="facet-category" className="facet__title">
        Category
      </h2>
      <ul className="facet__links">
        <li>
          <ListingLink base={base} search={{ ...current, category: undefined }}>
            All categories
          </ListingLink>
        </li>
        {facets.categories.map((category) => (
          <li key={category.slug}>
            <ListingLink base={base} search={{ ...current, category: category.slug }}>
              {category.name}
              <FacetCount count={category.count} />
            </ListingLink>
          </li>
        ))}
      </ul>
    </section>
  )
}

function AttributeFilter({
  facet,
  selected,
  onToggle,
}: {
  facet: AttributeFacet
  selected: string[]
  onToggle: (value: string, on: boolean) => void
}) {
  if (facet.values.length === 0) return null
  return (
    <fieldset className="facet" data-testid={`facet-${facet.name}`}>
      <legend className="facet__title">{optionLabel(facet.name)}</legend>
      {facet.values.map(({ value, count }) => (
        <Checkbox
          key={value}
          name={`attr.${facet.name}`}
          value={value}
          label={
            <>
              {value}
              {count > 0 && <FacetCount count={count} />}
            </>
          }
          checked={selected.includes(value)}
          onChange={(event) => onToggle(value, event.target.checked)}
        />
      ))}
    </fieldset>
  )
}

const majorText = (amount: number | undefined, currency: string) =>
  amount === undefined ? '' : String(toMajorUnits(amount, currency))

/** Min/max price in major units (what people type); the URL holds minor units. */
function PriceFilter({
  min,
  max,
  facets,
  onApply,
}: {
  min: number | undefined
  max: number | undefined
  facets: Facets
  onApply: (min: number | undefined, max: number | undefined) => void
}) {
  const currency = facets.price.currency
  const [texts, setTexts] = useState({ min: majorText(min, currency), max: majorText(max, currency) })
  const [shownRange, setShownRange] = useState(`${min}|${max}`)
  const [error, setError] = useState<string>()
  // The URL changed (Back, Clear filters): show its range.
  if (shownRange !== `${min}|${max}`) {
    setShownRange(`${min}|${max}`)
    setTexts({ min: majorText(min, currency), max: majorText(max, currency) })
    setError(undefined)
  }
  const id = useId()

  function apply(event: FormEvent) {
    event.preventDefault()
    const lo = texts.min.trim() ? toMinorUnits(texts.min, currency) : undefined
    const hi = texts.max.trim() ? toMinorUnits(texts.max, currency) : undefined
    if ((texts.min.trim() && lo === undefined) || (texts.max.trim() && hi === undefined)) {
      setError('Enter prices as numbers, like 25 or 19.99.')
      return
    }
    setError(undefined)
    if (lo !== undefined && hi !== undefined && lo > hi) onApply(hi, lo)
    else onApply(lo, hi)
  }

  const hint =
    facets.price.min !== null && facets.price.max !== null
      ? `${formatMoney({ amount: facets.price.min, currency })} – ${formatMoney({ amount: facets.price.max, currency })}`
      : undefined

  return (
    <form className="facet price-filter" aria-labelledby={`${id}-title`} onSubmit={apply} noValidate>
      <h2 id={`${id}-title`} className="facet__title">
        Price <span className="facet__unit">({currency})</span>
      </h2>
      {hint && <p className="field-hint">Prices here: {hint}</p>}
      <div className="price-filter__inputs">
        <label htmlFor={`${id}-min`} className="visually-hidden">
          Min price
        </label>
        <input
          id={`${id}-min`}
          name="min_price"
          inputMode="decimal"
          placeholder="Min"
          autoComplete="off"
          value={texts.min}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => setTexts((t) => ({ ...t, min: event.target.value }))}
        />
        <span aria-hidden="true">–</span>
        <label htmlFor={`${id}-max`} className="visually-hidden">
          Max price
        </label>
        <input
          id={`${id}-max`}
          name="max_price"
          inputMode="decimal"
          placeholder="Max"
          autoComplete="off"
          value={texts.max}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => setTexts((t) => ({ ...t, max: event.target.value }))}
        />
        <button type="submit" className="button button--secondary">
          Apply
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </form>
  )
}

/** " (12)" after a facet value. */
function FacetCount({ count }: { count: number }) {
  return (
    <>
      {' '}
      <span className="facet-count">({count})</span>
    </>
  )
}

import { Link } from '@tanstack/react-router'
import { Suspense, useDeferredValue, useEffect, useMemo, useState } from 'react'
import { describeError } from '@/lib/forms'
import { formatMoney } from '@/lib/money'
import { minSearchLength, searchTerm, useAdminProducts } from '../api/adminListProducts'
import { useCategoryTree } from '../api/listCategoryTree'
import { categoryName, categoryOptions } from '../categories'
import { productStatuses, type CategoryNode, type ProductFilter, type ProductStatus } from '../types'
import { statusLabels } from './ProductFields'

export const SEARCH_DEBOUNCE_MS = 300

/**
 * The back office's product list. `filter` comes from the URL; typing in the
 * search box calls `onFilterChange` once the user pauses (replacing the
 * history entry), a status or category choice at once (a new entry).
 */
export function AdminProductsPage({
  filter,
  onFilterChange,
}: {
  filter: ProductFilter
  /** Merges `changes` into the URL's filter (undefined removes one). */
  onFilterChange: (changes: Partial<ProductFilter>, opts: { replace: boolean }) => void
}) {
  const {
    data: { items: tree },
  } = useCategoryTree()
  const q = filter.q ?? ''
  const [text, setText] = useState(q)
  const [shownQ, setShownQ] = useState(q)
  // The URL changed from elsewhere (Back, a link): show its term.
  if (q !== shownQ) {
    setShownQ(q)
    if (text.trim() !== q) setText(q)
  }

  useEffect(() => {
    const term = searchTerm(text) ?? ''
    if (term === q) return
    const timer = setTimeout(() => onFilterChange({ q: term || undefined }, { replace: true }), SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [text, q, onFilterChange])

  const current = useMemo(
    () => ({ q: filter.q, status: filter.status, category: filter.category }),
    [filter.q, filter.status, filter.category],
  )
  // Keep the current rows on screen (dimmed) while the next filter loads.
  const shown = useDeferredValue(current)

  return (
    <section className="page admin-products" data-testid="admin-products">
      <div className="admin-page__head">
        <h1>Products</h1>
        <p className="actions">
          <Link to="/admin/products/new" className="button">
            New product
          </Link>
          <Link to="/admin/import" className="button button--secondary">
            Import / export
          </Link>
        </p>
      </div>
      <form role="search" className="admin-filters" aria-label="Filter products" onSubmit={(e) => e.preventDefault()}>
        <div className="search-form">
          <label htmlFor="product-search">Find products</label>
          <input
            id="product-search"
            type="search"
            placeholder="Name, slug or SKU"
            autoComplete="off"
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-describedby="product-search-hint"
          />
          {text.trim() && !searchTerm(text) && (
            <p id="product-search-hint" className="field-hint" role="status">
              Type at least {minSearchLength} characters to search.
            </p>
          )}
        </div>
        <div className="admin-filters__select">
          <label htmlFor="product-status">Status</label>
          <select
            id="product-status"
            value={filter.status ?? ''}
            onChange={(event) =>
              onFilterChange(
                { q: searchTerm(text), status: (event.target.value || undefined) as ProductStatus | undefined },
                { replace: false },
              )
            }
          >
            <option value="">All statuses</option>
            {productStatuses.map((status) => (
              <option key={status} value={status}>
                {statusLabels[status]}
              </option>
            ))}
          </select>
        </div>
        <div className="admin-filters__select">
          <label htmlFor="product-category">Category</label>
          <select
            id="product-category"
            value={filter.category ?? ''}
            onChange={(event) =>
              onFilterChange({ q: searchTerm(text), category: event.target.value || undefined }, { replace: false })
            }
          >
            {categoryOptions(tree, { none: 'All categories' }).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      </form>
      <Suspense fallback={<p role="status">Loading products…</p>}>
        <ProductList filter={shown} stale={shown !== current} tree={tree} />
      </Suspense>
    </section>
  )
}

function ProductList({ filter, stale, tree }: { filter: ProductFilter; stale: boolean; tree: CategoryNode[] }) {
  const { data, hasNextPage, fetchNextPage, isFetchingNextPage, error } = useAdminProducts(filter)
  const products = data.pages.flatMap((page) => page.items)
  const filtered = Boolean(filter.q || filter.status || filter.category)

  return (
    <div className="admin-list" aria-busy={stale || undefined} data-stale={stale || undefined}>
      <p className="user-count" role="status" data-testid="product-count">
        {products.length === 0
          ? filtered
            ? 'No products match these filters.'
            : 'No products yet.'
          : `Showing ${products.length} product${products.length === 1 ? '' : 's'}${filter.q ? ` matching “${filter.q}”` : ''}${hasNextPage ? ' (more below)' : ''}.`}
      </p>
      {products.length > 0 && (
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Status</th>
              <th scope="col">Category</th>
              <th scope="col">Price</th>
              <th scope="col">Stock</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {products.map((product) => (
              <tr key={product.id} data-testid="product-row">
                <th scope="row" data-label="Product">
                  <Link to="/admin/products/$id" params={{ id: product.id }}>
                    {product.name}
                  </Link>
                  <span className="admin-table__sub">{product.slug}</span>
                </th>
                <td data-label="Status">
                  <span className={`status-badge status-badge--${product.status}`}>{statusLabels[product.status]}</span>
                </td>
                <td data-label="Category">{categoryName(tree, product.category) ?? '—'}</td>
                <td data-label="Price">{formatMoney(product.price)}</td>
                <td data-label="Stock">{product.in_stock ? 'In stock' : 'Out of stock'}</td>
                <td data-label="Updated">{new Date(product.updated_at).toLocaleDateString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <p className="form-alert" role="alert">
          {describeError(error)}
        </p>
      )}
      {hasNextPage && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            disabled={isFetchingNextPage}
            aria-busy={isFetchingNextPage || undefined}
            onClick={() => void fetchNextPage()}
          >
            {isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        </p>
      )}
    </div>
  )
}

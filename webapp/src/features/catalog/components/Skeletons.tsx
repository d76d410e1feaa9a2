// Placeholders while a page's data loads (route pendingComponents and Suspense fallbacks).

export function GridSkeleton({ count = 8 }: { count?: number }) {
  return (
    <ul className="product-grid product-grid--skeleton" aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        <li key={i}>
          <div className="product-card">
            <span className="product-card__image skeleton" />
            <span className="skeleton skeleton--line" />
            <span className="skeleton skeleton--line skeleton--short" />
          </div>
        </li>
      ))}
    </ul>
  )
}

export function ListingSkeleton() {
  return (
    <section className="page listing" aria-busy="true" data-testid="listing-pending">
      <p role="status" className="visually-hidden">
        Loading products…
      </p>
      <span className="skeleton skeleton--title" />
      <GridSkeleton />
    </section>
  )
}

export function ProductSkeleton() {
  return (
    <section className="page product" aria-busy="true" data-testid="product-pending">
      <p role="status" className="visually-hidden">
        Loading the product…
      </p>
      <div className="product__layout">
        <span className="product__image skeleton" />
        <div>
          <span className="skeleton skeleton--title" />
          <span className="skeleton skeleton--line" />
          <span className="skeleton skeleton--line skeleton--short" />
        </div>
      </div>
    </section>
  )
}

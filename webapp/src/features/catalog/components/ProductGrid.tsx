import { Link } from '@tanstack/react-router'
import type { ProductSummary } from '../types'
import { Price } from './Price'

/** Product cards: 2 columns on phones, more as the screen grows. */
export function ProductGrid({ products, label = 'Products' }: { products: ProductSummary[]; label?: string }) {
  return (
    <ul className="product-grid" aria-label={label} data-testid="product-grid">
      {products.map((product) => (
        <li key={product.id}>
          <ProductCard product={product} />
        </li>
      ))}
    </ul>
  )
}

export function ProductCard({ product }: { product: ProductSummary }) {
  return (
    <article className="product-card" data-testid="product-card">
      <Link to="/p/$slug" params={{ slug: product.slug }} className="product-card__link">
        <span className="product-card__image">
          {/* The name is right below: the picture needs no text of its own. */}
          {product.image ? <img src={product.image.url} alt="" width={400} height={400} loading="lazy" /> : null}
        </span>
        <span className="product-card__name">{product.name}</span>
      </Link>
      <Price price={product.price} compareAt={product.compare_at_price} />
      {!product.in_stock && <p className="product-card__stock">Out of stock</p>}
    </article>
  )
}

import { useState, type ReactNode } from 'react'
import { useProduct } from '../api/getProduct'
import type { ProductDetail, Variant } from '../types'
import { findVariant, initialSelection, optionLabel, stockLabel, type Selection } from '../variants'
import { Breadcrumb } from './Breadcrumb'
import { Price } from './Price'
import { VariantPicker } from './VariantPicker'

/** The selected variant, as the add-to-cart slot gets it. */
export interface SelectedVariant {
  id: string
  /** How many can be bought now. */
  available: number
}

/**
 * /p/$slug: pictures, price, description, attributes and the variant picker.
 * `renderAddToCart` is the cart's slot (filled by the route): it gets the
 * selected variant, or null when the product has none.
 */
export function ProductPage({
  slug,
  renderAddToCart,
}: {
  slug: string
  renderAddToCart?: (variant: SelectedVariant | null) => ReactNode
}) {
  const { data: product } = useProduct(slug)
  const [selection, setSelection] = useState<Selection>(() => initialSelection(product.variants))
  const variant = findVariant(product.variants, selection) ?? product.variants[0]
  const image = product.images[0]

  return (
    <article className="page product" data-testid="product-page" aria-labelledby="product-name">
      <Breadcrumb trail={product.breadcrumb} current={product.name} />
      <div className="product__layout">
        <div className="product__gallery">
          {image ? (
            <img className="product__image" src={image.url} alt={image.alt || product.name} width={400} height={400} />
          ) : (
            <span className="product__image product__image--none" />
          )}
        </div>
        <div className="product__info">
          <h1 id="product-name">{product.name}</h1>
          {variant ? (
            <Price price={variant.price} compareAt={variant.compare_at_price} className="product__price" />
          ) : (
            <Price price={product.price} className="product__price" />
          )}
          <VariantPicker variants={product.variants} selection={selection} onChange={setSelection} />
          <PurchaseBox product={product} variant={variant} renderAddToCart={renderAddToCart} />
          <div className="product__description">
            {product.description.split(/\n{2,}/).map((paragraph, i) => (
              <p key={i}>{paragraph}</p>
            ))}
          </div>
          <Attributes attributes={product.attributes} />
        </div>
      </div>
    </article>
  )
}

/** Stock state and the cart's "Add to cart" (a slot the route fills; the catalog does not import the cart). */
function PurchaseBox({
  product,
  variant,
  renderAddToCart,
}: {
  product: ProductDetail
  variant: Variant | undefined
  renderAddToCart?: (variant: SelectedVariant | null) => ReactNode
}) {
  const available = variant ? variant.stock_available : product.in_stock ? Number.POSITIVE_INFINITY : 0
  const label = stockLabel(available)
  const state = available <= 0 ? 'out' : label === 'In stock' ? 'in' : 'low'
  return (
    <div className="purchase">
      <p className={`stock stock--${state}`} data-testid="stock" role="status">
        {label}
      </p>
      {renderAddToCart?.(variant ? { id: variant.id, available: variant.stock_available } : null)}
    </div>
  )
}

function Attributes({ attributes }: { attributes: Record<string, string> }) {
  const entries = Object.entries(attributes)
  if (entries.length === 0) return null
  return (
    <table className="attributes">
      <caption>Details</caption>
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{optionLabel(name)}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

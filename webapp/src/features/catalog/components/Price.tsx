import { formatMoney, type Money } from '@/lib/money'

/** A price, with the compare-at ("was") price struck through when there is one. */
export function Price({ price, compareAt, className }: { price: Money; compareAt?: Money | null; className?: string }) {
  const was = compareAt && compareAt.amount > price.amount ? compareAt : null
  return (
    <p className={['price', className].filter(Boolean).join(' ')}>
      {was && (
        <>
          <span className="visually-hidden">Was </span>
          <s className="price__was" data-testid="compare-at-price">
            {formatMoney(was)}
          </s>
          <span className="visually-hidden">, now</span>{' '}
        </>
      )}
      <span className={was ? 'price__now price__now--sale' : 'price__now'} data-testid="price">
        {formatMoney(price)}
      </span>
    </p>
  )
}

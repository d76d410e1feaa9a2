import { useEffect, useId, useState, type FormEvent } from 'react'
import { useUiStore } from '@/lib/ui'
import { useAddCartItem } from '../api/addCartItem'
import { useCartInHeader } from '../api/getCart'
import { addErrorMessage } from '../messages'
import { MAX_QUANTITY, QuantityStepper } from './QuantityStepper'

/** What the product page knows about the selected variant. */
export interface PurchasableVariant {
  id: string
  /** How many the shop can sell now. */
  available: number
}

/**
 * Quantity and "Add to cart" for the product page's selected variant
 * (the route passes it into the catalog's product page as a slot; give it
 * `key={variant.id}` so a new variant starts at 1). Disabled when out of
 * stock; on success the cart drawer opens; a refusal (409 not enough stock,
 * 422 over 99) is shown below the button.
 */
export function AddToCartButton({ variant }: { variant: PurchasableVariant | null }) {
  const add = useAddCartItem()
  const openCart = useUiStore((s) => s.openCart)
  const { data: cart } = useCartInHeader()
  const [quantity, setQuantity] = useState(1)
  const errorId = useId()

  // Adding opens the drawer: have its code ready.
  useEffect(() => {
    void import('./CartDrawer')
  }, [])

  const available = variant?.available ?? 0
  const inCart = variant ? (cart?.items.find((item) => item.variant_id === variant.id)?.quantity ?? 0) : 0
  const max = Math.max(1, Math.min(available, MAX_QUANTITY))
  const soldOut = !variant || available <= 0
  const error = add.error ? addErrorMessage(add.error, inCart) : undefined

  function submit(event: FormEvent) {
    event.preventDefault()
    // Not `disabled` while pending: a disabled button would drop the focus the drawer returns to.
    if (!variant || soldOut || add.isPending) return
    add.mutate({ variant_id: variant.id, quantity }, { onSuccess: openCart })
  }

  return (
    <form className="add-to-cart" aria-label="Add to cart" onSubmit={submit} noValidate>
      <QuantityStepper
        value={Math.min(quantity, max)}
        max={max}
        disabled={soldOut}
        onStep={(delta) => setQuantity((q) => Math.min(Math.max(q + delta, 1), max))}
        onCommit={setQuantity}
      />
      <button
        type="submit"
        className="button purchase__add"
        disabled={soldOut}
        aria-busy={add.isPending || undefined}
        aria-describedby={error ? errorId : undefined}
      >
        Add to cart
      </button>
      {inCart > 0 && !error && <p className="field-hint add-to-cart__in-cart">{inCart} in your cart</p>}
      {error && (
        <p id={errorId} className="field-error add-to-cart__error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}

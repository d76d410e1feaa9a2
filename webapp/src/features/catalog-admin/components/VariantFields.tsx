import { Field } from '@/components/form'
import { fieldMessage } from '@/lib/forms'
import type { Errors, VariantDraft } from '../productForm'
import { PairRows } from './PairRows'

/**
 * A variant's fields: SKU, price and compare-at price (typed as decimals in
 * `currency`), initial stock (new variants only) and options. `errors` are
 * keyed without the variant's prefix: `sku`, `price`, `options`…
 */
export function VariantFields({
  draft,
  onChange,
  errors,
  currency,
  withStock,
  disabled,
}: {
  draft: VariantDraft
  onChange: (patch: Partial<VariantDraft>) => void
  errors: Errors
  currency: string
  withStock: boolean
  disabled?: boolean
}) {
  return (
    <div className="variant-fields">
      <div className="field-row">
        <Field
          label="SKU"
          name="sku"
          value={draft.sku}
          error={errors.sku}
          disabled={disabled}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onChange({ sku: event.target.value })}
        />
        <Field
          label={`Price (${currency})`}
          name="price"
          className="field--short"
          inputMode="decimal"
          placeholder="19.99"
          value={draft.price}
          error={errors.price}
          disabled={disabled}
          autoComplete="off"
          onChange={(event) => onChange({ price: event.target.value })}
        />
        <Field
          label={`Compare-at price (${currency})`}
          name="compare_at_price"
          className="field--short"
          inputMode="decimal"
          placeholder="Optional"
          value={draft.compareAt}
          error={errors.compare_at_price}
          disabled={disabled}
          autoComplete="off"
          onChange={(event) => onChange({ compareAt: event.target.value })}
        />
        {withStock && (
          <Field
            label="Initial stock"
            name="on_hand"
            className="field--short"
            inputMode="numeric"
            value={draft.onHand}
            error={errors.on_hand}
            disabled={disabled}
            autoComplete="off"
            onChange={(event) => onChange({ onHand: event.target.value })}
          />
        )}
      </div>
      {errors.currency && <p className="field-error">{fieldMessage('Currency', errors.currency)}</p>}
      <PairRows
        legend="Options"
        item="Option"
        rows={draft.options}
        error={errors.options}
        disabled={disabled}
        onChange={(options) => onChange({ options })}
      />
    </div>
  )
}

/** The error keys a variant-field change clears. */
export function variantKeysOf(patch: Partial<VariantDraft>): string[] {
  const keys: Record<keyof VariantDraft, string> = {
    uid: 'uid',
    sku: 'sku',
    options: 'options',
    price: 'price',
    compareAt: 'compare_at_price',
    onHand: 'on_hand',
  }
  return Object.keys(patch).map((key) => keys[key as keyof VariantDraft])
}

import { useMemo, useState, type FormEvent } from 'react'
import { FormAlert, FormStatus, SubmitButton } from '@/components/form'
import { formatMoney } from '@/lib/money'
import { useFocusOnFailure } from '@/lib/useFocusOnFailure'
import { useAdminAddVariant } from '../api/adminAddVariant'
import { useAdminUpdateVariant } from '../api/adminUpdateVariant'
import { splitErrors } from '../errors'
import { emptyVariant, variantDraft, variantInput, withoutError, type Errors, type VariantDraft } from '../productForm'
import type { AdminVariant } from '../types'
import { StockPanel } from './StockPanel'
import { VariantFields, variantKeysOf } from './VariantFields'

const variantFields = ['sku', 'options', 'price', 'compare_at_price', 'currency', 'on_hand']

/** An existing variant: its own form (saved alone) and its stock. */
export function VariantEditor({
  productId,
  variant,
  currency,
}: {
  productId: string
  variant: AdminVariant
  currency: string
}) {
  const update = useAdminUpdateVariant()
  // The fields being edited; null while they are the server's.
  const [draft, setDraft] = useState<VariantDraft | null>(null)
  const server = useMemo(() => variantDraft(variant), [variant])
  const shown = draft ?? server
  const [errors, setErrors] = useState<Errors>({})
  const [formError, setFormError] = useState<string>()
  const { ref, failed } = useFocusOnFailure<HTMLFormElement>()
  const headingId = `variant-${variant.id}`

  function submit(event: FormEvent) {
    event.preventDefault()
    const { input, errors: found } = variantInput(shown, currency, { creating: false })
    if (Object.keys(found).length > 0) {
      setErrors(found)
      setFormError(undefined)
      return failed()
    }
    setErrors({})
    setFormError(undefined)
    const { sku, options, price, compare_at_price } = input
    update.mutate(
      { productId, id: variant.id, input: { sku, options, price, compare_at_price } },
      {
        onSuccess: () => setDraft(null),
        onError: (error) => {
          const split = splitErrors(error, (key) => variantFields.includes(key))
          setErrors(split.fieldErrors)
          setFormError(split.formError)
          failed()
        },
      },
    )
  }

  return (
    <article className="variant-card" aria-labelledby={headingId} data-testid="variant">
      <h3 id={headingId} className="variant-card__title">
        {variant.sku}
        <span className="variant-card__summary">
          {' '}
          {Object.values(variant.options).join(' / ')}
          {Object.keys(variant.options).length > 0 && ' · '}
          {formatMoney(variant.price)}
        </span>
      </h3>
      <form ref={ref} className="form" aria-label={`Variant ${variant.sku}`} noValidate onSubmit={submit}>
        <FormAlert message={formError} />
        <VariantFields
          draft={shown}
          errors={errors}
          currency={currency}
          withStock={false}
          disabled={update.isPending}
          onChange={(patch) => {
            update.reset()
            setDraft({ ...shown, ...patch })
            setErrors((e) => withoutError(e, ...variantKeysOf(patch)))
          }}
        />
        <div className="form-actions">
          <SubmitButton pending={update.isPending} disabled={draft === null}>
            {update.isPending ? 'Saving…' : 'Save variant'} <span className="visually-hidden">{variant.sku}</span>
          </SubmitButton>
          {draft !== null && !update.isPending && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setDraft(null)
                setErrors({})
                setFormError(undefined)
              }}
            >
              Discard <span className="visually-hidden">changes to {variant.sku}</span>
            </button>
          )}
          <FormStatus message={update.isSuccess && draft === null ? 'Variant saved.' : undefined} />
        </div>
      </form>
      <StockPanel productId={productId} variant={variant} />
    </article>
  )
}

/** "Add variant": a new variant with its initial stock. */
export function NewVariantForm({ productId, currency }: { productId: string; currency: string }) {
  const add = useAdminAddVariant()
  const [draft, setDraft] = useState<VariantDraft | null>(null)
  const [errors, setErrors] = useState<Errors>({})
  const [formError, setFormError] = useState<string>()
  const [added, setAdded] = useState<string>()
  const { ref, failed } = useFocusOnFailure<HTMLFormElement>()

  if (draft === null) {
    return (
      <div className="form-actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setDraft(emptyVariant())
            setAdded(undefined)
          }}
        >
          Add variant
        </button>
        <FormStatus message={added} />
      </div>
    )
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!draft) return
    const { input, errors: found } = variantInput(draft, currency, { creating: true })
    if (Object.keys(found).length > 0) {
      setErrors(found)
      setFormError(undefined)
      return failed()
    }
    setErrors({})
    setFormError(undefined)
    add.mutate(
      { productId, input },
      {
        onSuccess: (variant) => {
          setDraft(null)
          setAdded(`Variant ${variant.sku} added.`)
        },
        onError: (error) => {
          const split = splitErrors(error, (key) => variantFields.includes(key))
          setErrors(split.fieldErrors)
          setFormError(split.formError)
          failed()
        },
      },
    )
  }

  return (
    <form ref={ref} className="form variant-card" aria-label="New variant" noValidate onSubmit={submit}>
      <h3 className="variant-card__title">New variant</h3>
      <FormAlert message={formError} />
      <VariantFields
        draft={draft}
        errors={errors}
        currency={currency}
        withStock
        disabled={add.isPending}
        onChange={(patch) => {
          setDraft({ ...draft, ...patch })
          setErrors((e) => withoutError(e, ...variantKeysOf(patch)))
        }}
      />
      <div className="form-actions">
        <SubmitButton pending={add.isPending}>{add.isPending ? 'Adding…' : 'Add variant'}</SubmitButton>
        <button
          type="button"
          className="button button--secondary"
          disabled={add.isPending}
          onClick={() => {
            setDraft(null)
            setErrors({})
            setFormError(undefined)
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  )
}

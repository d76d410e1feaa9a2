import { Link } from '@tanstack/react-router'
import { useState, type FormEvent } from 'react'
import { Field, FormAlert, SubmitButton } from '@/components/form'
import { fieldMessage } from '@/lib/forms'
import { useFocusOnFailure } from '@/lib/useFocusOnFailure'
import { useAdminCreateProduct } from '../api/adminCreateProduct'
import { useCategoryTree } from '../api/listCategoryTree'
import { scoped, splitErrors } from '../errors'
import {
  checkProduct,
  emptyProduct,
  emptyVariant,
  productInput,
  variantInput,
  withoutError,
  type Errors,
  type ProductDraft,
  type VariantDraft,
  type VariantInputResult,
} from '../productForm'
import type { AdminProduct } from '../types'
import { ProductFields, productFieldKeys } from './ProductFields'
import { VariantFields, variantKeysOf } from './VariantFields'

const variantKey = /^variants\[(\d+)\]\.(sku|options|price|compare_at_price|currency|on_hand)$/

/** A new product with its first variants, sent in one request. */
export function NewProductPage({ onCreated }: { onCreated: (product: AdminProduct) => void }) {
  const {
    data: { items: tree },
  } = useCategoryTree()
  const create = useAdminCreateProduct()
  const [draft, setDraft] = useState<ProductDraft>(emptyProduct)
  const [variants, setVariants] = useState<VariantDraft[]>(() => [emptyVariant()])
  const [currency, setCurrency] = useState('EUR')
  const [errors, setErrors] = useState<Errors>({})
  const [formError, setFormError] = useState<string>()
  const { ref, failed } = useFocusOnFailure<HTMLFormElement>()
  const pending = create.isPending

  const fail = (fieldErrors: Errors, message?: string) => {
    setErrors(fieldErrors)
    setFormError(message)
    failed()
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    const code = currency.trim().toUpperCase()
    const found: Errors = checkProduct(draft, true)
    if (!/^[A-Z]{3}$/.test(code)) found.currency = 'must be a three-letter code such as EUR'
    if (variants.length === 0) found.variants = 'A product needs at least one variant.'
    const inputs = variants.map((v, i) => {
      const result: VariantInputResult = variantInput(v, code, { creating: true, prefix: `variants[${i}].` })
      Object.assign(found, result.errors)
      return { ...result.input, currency: code }
    })
    if (Object.keys(found).length > 0) return fail(found)
    setErrors({})
    setFormError(undefined)
    create.mutate(
      { ...productInput(draft, true), variants: inputs },
      {
        onSuccess: onCreated,
        onError: (error) => {
          const split = splitErrors(error, (key) => {
            const m = variantKey.exec(key)
            return productFieldKeys.includes(key) || key === 'variants' || (m !== null && Number(m[1]) < variants.length)
          })
          // The currency is one field for all variants here.
          for (const [key, message] of Object.entries(split.fieldErrors)) {
            if (/\.currency$/.test(key)) split.fieldErrors.currency = message
          }
          fail(split.fieldErrors, split.formError)
        },
      },
    )
  }

  const changeVariant = (index: number, patch: Partial<VariantDraft>) => {
    setVariants((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)))
    setErrors((e) => withoutError(e, ...variantKeysOf(patch).map((key) => `variants[${index}].${key}`)))
  }

  return (
    <section className="page product-editor" data-testid="product-editor">
      <p className="admin-back">
        <Link to="/admin/products">← Products</Link>
      </p>
      <h1>New product</h1>
      <form ref={ref} className="form" aria-label="New product" noValidate onSubmit={submit}>
        <FormAlert message={formError} />
        <ProductFields
          draft={draft}
          errors={errors}
          tree={tree}
          creating
          disabled={pending}
          onChange={(patch) => {
            setDraft((d) => ({ ...d, ...patch }))
            setErrors((e) => withoutError(e, ...Object.keys(patch)))
          }}
        />
        <section className="variants" aria-labelledby="new-variants-heading">
          <h2 id="new-variants-heading">Variants</h2>
          <Field
            label="Currency"
            name="currency"
            className="field--short"
            value={currency}
            error={errors.currency}
            disabled={pending}
            autoComplete="off"
            hint="Every variant of a product has the same currency."
            onChange={(event) => {
              setCurrency(event.target.value.toUpperCase())
              setErrors((e) => withoutError(e, 'currency'))
            }}
          />
          {errors.variants && (
            <p className="field-error" role="alert" tabIndex={-1}>
              {fieldMessage('Variants', errors.variants)}
            </p>
          )}
          {variants.map((variant, index) => (
            <fieldset key={variant.uid} className="variant-card">
              <legend>Variant {index + 1}</legend>
              <VariantFields
                draft={variant}
                errors={scoped(errors, `variants[${index}].`)}
                currency={/^[A-Z]{3}$/.test(currency.trim()) ? currency.trim() : 'EUR'}
                withStock
                disabled={pending}
                onChange={(patch) => changeVariant(index, patch)}
              />
              {variants.length > 1 && (
                <p>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    disabled={pending}
                    onClick={() => {
                      setVariants((rows) => rows.filter((_, i) => i !== index))
                      // Later variants move up: their errors no longer fit.
                      setErrors((e) => Object.fromEntries(Object.entries(e).filter(([key]) => !key.startsWith('variants['))))
                    }}
                  >
                    Remove variant {index + 1}
                  </button>
                </p>
              )}
            </fieldset>
          ))}
          <p>
            <button
              type="button"
              className="button button--secondary"
              disabled={pending}
              onClick={() => {
                setVariants((rows) => [...rows, emptyVariant()])
                setErrors((e) => withoutError(e, 'variants'))
              }}
            >
              Add variant
            </button>
          </p>
        </section>
        <div className="form-actions">
          <SubmitButton pending={pending}>{pending ? 'Creating…' : 'Create product'}</SubmitButton>
          <Link to="/admin/products">Cancel</Link>
        </div>
      </form>
    </section>
  )
}

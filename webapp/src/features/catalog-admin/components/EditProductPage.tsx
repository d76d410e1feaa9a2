import { Link } from '@tanstack/react-router'
import { useMemo, useState, type FormEvent } from 'react'
import { FormAlert, FormStatus, SubmitButton } from '@/components/form'
import { describeError } from '@/lib/forms'
import { useFocusOnFailure } from '@/lib/useFocusOnFailure'
import { useAdminArchiveProduct } from '../api/adminArchiveProduct'
import { useAdminProduct } from '../api/adminGetProduct'
import { useAdminUpdateProduct } from '../api/adminUpdateProduct'
import { useCategoryTree } from '../api/listCategoryTree'
import { splitErrors } from '../errors'
import { checkProduct, productDraft, productInput, withoutError, type Errors, type ProductDraft } from '../productForm'
import type { AdminProduct, CategoryNode } from '../types'
import { ProductFields, productFieldKeys, statusLabels } from './ProductFields'
import { NewVariantForm, VariantEditor } from './VariantEditor'

/** One product: its fields, its variants (each saved on its own) with their stock, and archiving. */
export function EditProductPage({ id }: { id: string }) {
  const { data: product } = useAdminProduct(id)
  const {
    data: { items: tree },
  } = useCategoryTree()
  const variants = product.variants ?? []
  const currency = variants[0]?.price.currency ?? product.price.currency

  return (
    <section className="page product-editor" data-testid="product-editor">
      <p className="admin-back">
        <Link to="/admin/products">← Products</Link>
      </p>
      <div className="admin-page__head">
        <h1>
          {product.name}{' '}
          <span className={`status-badge status-badge--${product.status}`}>{statusLabels[product.status]}</span>
        </h1>
        {product.status === 'active' && (
          <p>
            <Link to="/p/$slug" params={{ slug: product.slug }}>
              View in the shop
            </Link>
          </p>
        )}
      </div>
      <ProductForm product={product} tree={tree} />
      <section className="variants" aria-labelledby="variants-heading">
        <h2 id="variants-heading">Variants</h2>
        {variants.length === 0 && <p>This product has no variants yet.</p>}
        <ul className="variant-list">
          {variants.map((variant) => (
            <li key={variant.id}>
              <VariantEditor productId={product.id} variant={variant} currency={currency} />
            </li>
          ))}
        </ul>
        <NewVariantForm productId={product.id} currency={currency} />
      </section>
      <ArchiveSection product={product} />
    </section>
  )
}

function ProductForm({ product, tree }: { product: AdminProduct; tree: CategoryNode[] }) {
  const update = useAdminUpdateProduct()
  // The fields being edited; null while they are the server's.
  const [draft, setDraft] = useState<ProductDraft | null>(null)
  const server = useMemo(() => productDraft(product), [product])
  const shown = draft ?? server
  const [errors, setErrors] = useState<Errors>({})
  const [formError, setFormError] = useState<string>()
  const { ref, failed } = useFocusOnFailure<HTMLFormElement>()

  function submit(event: FormEvent) {
    event.preventDefault()
    const found = checkProduct(shown, false)
    if (Object.keys(found).length > 0) {
      setErrors(found)
      setFormError(undefined)
      return failed()
    }
    setErrors({})
    setFormError(undefined)
    update.mutate(
      { id: product.id, input: productInput(shown, false) },
      {
        onSuccess: () => setDraft(null),
        onError: (error) => {
          const split = splitErrors(error, (key) => productFieldKeys.includes(key))
          setErrors(split.fieldErrors)
          setFormError(split.formError)
          failed()
        },
      },
    )
  }

  return (
    <form ref={ref} className="form" aria-label="Product details" noValidate onSubmit={submit}>
      <FormAlert message={formError} />
      <ProductFields
        draft={shown}
        errors={errors}
        tree={tree}
        creating={false}
        disabled={update.isPending}
        onChange={(patch) => {
          update.reset()
          setDraft({ ...shown, ...patch })
          setErrors((e) => withoutError(e, ...Object.keys(patch)))
        }}
      />
      <div className="form-actions">
        <SubmitButton pending={update.isPending} disabled={draft === null}>
          {update.isPending ? 'Saving…' : 'Save product'}
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
            Discard changes
          </button>
        )}
        <FormStatus message={update.isSuccess && draft === null ? 'Product saved.' : undefined} />
      </div>
    </form>
  )
}

function ArchiveSection({ product }: { product: AdminProduct }) {
  const archive = useAdminArchiveProduct()
  const [confirming, setConfirming] = useState(false)
  return (
    <section className="danger-zone" aria-labelledby="archive-heading">
      <h2 id="archive-heading">Archive</h2>
      {product.status === 'archived' ? (
        <p>
          This product is archived: it is not in the shop. Set its status to Draft or Active above to bring it back.
        </p>
      ) : (
        <>
          <p>Archived products leave the shop. They are never deleted, so orders keep referring to them.</p>
          {confirming ? (
            <div className="actions" role="group" aria-label="Confirm archiving">
              <span>Archive “{product.name}”?</span>
              <button
                type="button"
                className="button button--danger"
                disabled={archive.isPending}
                aria-busy={archive.isPending || undefined}
                onClick={() => archive.mutate(product.id, { onSettled: () => setConfirming(false) })}
              >
                Yes, archive
              </button>
              <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          ) : (
            <p>
              <button
                type="button"
                className="button button--danger"
                onClick={() => {
                  archive.reset()
                  setConfirming(true)
                }}
              >
                Archive product
              </button>
            </p>
          )}
        </>
      )}
      {archive.error && (
        <p className="form-alert" role="alert">
          {describeError(archive.error)}
        </p>
      )}
      <FormStatus message={archive.isSuccess ? 'Product archived.' : undefined} />
    </section>
  )
}

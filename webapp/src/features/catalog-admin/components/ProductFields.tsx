import { Field } from '@/components/form'
import { SelectField, TextAreaField } from '@/components/fields'
import { categoryOptions } from '../categories'
import type { Errors, ProductDraft } from '../productForm'
import { productStatuses, type CategoryNode, type ProductStatus } from '../types'
import { ImageRows } from './ImageRows'
import { PairRows } from './PairRows'

export const statusLabels: Record<ProductStatus, string> = { draft: 'Draft', active: 'Active', archived: 'Archived' }
export const productFieldKeys = ['name', 'slug', 'description', 'status', 'category', 'attributes', 'images']

/** The product's own fields, shared by the create and edit forms. */
export function ProductFields({
  draft,
  onChange,
  errors,
  tree,
  creating,
  disabled,
}: {
  draft: ProductDraft
  /** The changed fields; their errors are cleared. */
  onChange: (patch: Partial<ProductDraft>) => void
  errors: Errors
  tree: CategoryNode[]
  creating: boolean
  disabled?: boolean
}) {
  return (
    <div className="product-fields">
      <div className="field-row">
        <Field
          label="Name"
          name="name"
          value={draft.name}
          error={errors.name}
          disabled={disabled}
          required
          autoComplete="off"
          onChange={(event) => onChange({ name: event.target.value })}
        />
        <Field
          label="Slug"
          name="slug"
          value={draft.slug}
          error={errors.slug}
          disabled={disabled}
          autoComplete="off"
          spellCheck={false}
          hint={creating ? 'The product’s address, /p/<slug>. Leave empty to make one from the name.' : 'The product’s address, /p/<slug>.'}
          onChange={(event) => onChange({ slug: event.target.value })}
        />
      </div>
      <TextAreaField
        label="Description"
        name="description"
        rows={5}
        value={draft.description}
        error={errors.description}
        disabled={disabled}
        onChange={(event) => onChange({ description: event.target.value })}
      />
      <div className="field-row">
        <SelectField
          label="Status"
          name="status"
          value={draft.status}
          error={errors.status}
          disabled={disabled}
          hint="Only active products are in the shop."
          options={productStatuses.map((status) => ({ value: status, label: statusLabels[status] }))}
          onChange={(event) => onChange({ status: event.target.value as ProductStatus })}
        />
        <SelectField
          label="Category"
          name="category"
          value={draft.category}
          error={errors.category}
          disabled={disabled}
          options={categoryOptions(tree, { none: 'No category' })}
          onChange={(event) => onChange({ category: event.target.value })}
        />
      </div>
      <PairRows
        legend="Attributes"
        item="Attribute"
        rows={draft.attributes}
        error={errors.attributes}
        disabled={disabled}
        onChange={(attributes) => onChange({ attributes })}
      />
      <ImageRows
        rows={draft.images}
        error={errors.images}
        disabled={disabled}
        onChange={(images) => onChange({ images })}
      />
    </div>
  )
}

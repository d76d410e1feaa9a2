import { useState, type FormEvent } from 'react'
import { Field, FormAlert, FormStatus, SubmitButton } from '@/components/form'
import { SelectField } from '@/components/fields'
import { describeError, useForm } from '@/lib/forms'
import { useAdminCreateCategory } from '../api/adminCreateCategory'
import { useAdminDeleteCategory } from '../api/adminDeleteCategory'
import { useAdminUpdateCategory } from '../api/adminUpdateCategory'
import { useCategoryTree } from '../api/listCategoryTree'
import { categoryOptions, subtreeSlugs } from '../categories'
import { slugPattern } from '../productForm'
import type { CategoryInput, CategoryNode } from '../types'

type CategoryFields = 'name' | 'slug' | 'parent'

function check(values: Record<CategoryFields, string>, slugRequired: boolean) {
  const errors: Partial<Record<CategoryFields, string>> = {}
  if (!values.name.trim()) errors.name = 'is required'
  const slug = values.slug.trim()
  if ((slug || slugRequired) && !slugPattern.test(slug)) errors.slug = 'must be lower-case letters, digits and single dashes'
  return errors
}

/** Name, slug and parent: the fields of the new-category form and of the inline editor. */
function CategoryFieldRow({
  form,
  disabled,
  slugHint,
  parentHint,
  parentOptions,
}: {
  form: ReturnType<typeof useForm<CategoryFields>>
  disabled: boolean
  slugHint: string
  parentHint?: string
  parentOptions: ReturnType<typeof categoryOptions>
}) {
  return (
    <div className="field-row">
      <Field label="Name" {...form.bind('name')} error={form.errors.name} autoComplete="off" disabled={disabled} />
      <Field
        label="Slug"
        {...form.bind('slug')}
        error={form.errors.slug}
        autoComplete="off"
        spellCheck={false}
        hint={slugHint}
        disabled={disabled}
      />
      <SelectField
        label="Parent"
        name="parent"
        value={form.values.parent}
        error={form.errors.parent}
        disabled={disabled}
        hint={parentHint}
        options={parentOptions}
        onChange={(event) => form.setValues((v) => ({ ...v, parent: event.target.value }))}
      />
    </div>
  )
}

/** The category tree editor: create, rename, re-slug, move and delete. */
export function CategoriesPage() {
  const {
    data: { items: tree },
  } = useCategoryTree()
  return (
    <section className="page admin-categories" data-testid="admin-categories">
      <h1>Categories</h1>
      <NewCategoryForm tree={tree} />
      <section aria-labelledby="category-tree-heading">
        <h2 id="category-tree-heading">All categories</h2>
        {tree.length === 0 ? (
          <p>No categories yet.</p>
        ) : (
          <CategoryList nodes={tree} parent="" tree={tree} />
        )}
      </section>
    </section>
  )
}

function NewCategoryForm({ tree }: { tree: CategoryNode[] }) {
  const create = useAdminCreateCategory()
  const form = useForm<CategoryFields>({ name: '', slug: '', parent: '' })
  const [created, setCreated] = useState<string>()

  function submit(event: FormEvent) {
    event.preventDefault()
    setCreated(undefined)
    const errors = check(form.values, false)
    if (Object.keys(errors).length > 0) return form.fail(errors)
    form.clearErrors()
    const input: CategoryInput = { name: form.values.name.trim() }
    if (form.values.slug.trim()) input.slug = form.values.slug.trim()
    if (form.values.parent) input.parent = form.values.parent
    create.mutate(input, {
      onSuccess: (category) => {
        form.setValues({ name: '', slug: '', parent: form.values.parent })
        setCreated(`Category “${category.name}” created.`)
      },
      onError: (error) => form.failWith(error),
    })
  }

  return (
    <form id={form.formId} className="form card category-new" aria-label="New category" noValidate onSubmit={submit}>
      <h2>New category</h2>
      <FormAlert message={form.formError} />
      <CategoryFieldRow
        form={form}
        disabled={create.isPending}
        slugHint="Optional: made from the name when left empty."
        parentOptions={categoryOptions(tree, { none: 'None (top level)' })}
      />
      <div className="form-actions">
        <SubmitButton pending={create.isPending}>{create.isPending ? 'Creating…' : 'Create category'}</SubmitButton>
        <FormStatus message={created} />
      </div>
    </form>
  )
}

function CategoryList({ nodes, parent, tree }: { nodes: CategoryNode[]; parent: string; tree: CategoryNode[] }) {
  return (
    <ul className="category-tree">
      {nodes.map((node) => (
        <li key={node.id}>
          <CategoryItem node={node} parent={parent} tree={tree} />
          {node.children.length > 0 && <CategoryList nodes={node.children} parent={node.slug} tree={tree} />}
        </li>
      ))}
    </ul>
  )
}

function CategoryItem({ node, parent, tree }: { node: CategoryNode; parent: string; tree: CategoryNode[] }) {
  const remove = useAdminDeleteCategory()
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-delete'>('view')
  const [saved, setSaved] = useState<string>()
  const headingId = `category-${node.id}`

  return (
    <article className="category-item" aria-labelledby={headingId} data-testid="category-item">
      <div className="category-item__head">
        <h3 id={headingId} className="category-item__name">
          {node.name}
        </h3>
        <span className="category-item__slug">{node.slug}</span>
      </div>
      {mode === 'edit' && (
        <EditCategoryForm
          node={node}
          parent={parent}
          tree={tree}
          onDone={(message) => {
            setMode('view')
            setSaved(message)
          }}
          onCancel={() => setMode('view')}
        />
      )}
      {mode === 'confirm-delete' && (
        <div className="actions" role="group" aria-label={`Confirm deleting ${node.name}`}>
          <span>Delete “{node.name}”?</span>
          <button
            type="button"
            className="button button--danger button--small"
            disabled={remove.isPending}
            aria-busy={remove.isPending || undefined}
            onClick={() => remove.mutate(node.id, { onSettled: () => setMode('view') })}
          >
            Yes, delete <span className="visually-hidden">{node.name}</span>
          </button>
          <button type="button" className="button button--secondary button--small" onClick={() => setMode('view')}>
            Keep it
          </button>
        </div>
      )}
      {mode === 'view' && (
        <div className="actions">
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              remove.reset()
              setSaved(undefined)
              setMode('edit')
            }}
          >
            Edit <span className="visually-hidden">{node.name}</span>
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              remove.reset()
              setSaved(undefined)
              setMode('confirm-delete')
            }}
          >
            Delete <span className="visually-hidden">{node.name}</span>
          </button>
        </div>
      )}
      {remove.error && (
        <p className="form-alert" role="alert">
          {describeError(remove.error)}
        </p>
      )}
      <FormStatus message={saved} />
    </article>
  )
}

function EditCategoryForm({
  node,
  parent,
  tree,
  onDone,
  onCancel,
}: {
  node: CategoryNode
  parent: string
  tree: CategoryNode[]
  onDone: (message: string) => void
  onCancel: () => void
}) {
  const update = useAdminUpdateCategory()
  const form = useForm<CategoryFields>({ name: node.name, slug: node.slug, parent })

  function submit(event: FormEvent) {
    event.preventDefault()
    const errors = check(form.values, true)
    if (Object.keys(errors).length > 0) return form.fail(errors)
    form.clearErrors()
    // Only what changed: a new slug or parent moves the subtree and its products.
    const input: CategoryInput = {}
    if (form.values.name.trim() !== node.name) input.name = form.values.name.trim()
    if (form.values.slug.trim() !== node.slug) input.slug = form.values.slug.trim()
    if (form.values.parent !== parent) input.parent = form.values.parent
    if (Object.keys(input).length === 0) return onCancel()
    update.mutate(
      { id: node.id, input },
      {
        onSuccess: (category) => onDone(input.parent !== undefined ? `Moved “${category.name}”.` : `Saved “${category.name}”.`),
        onError: (error) => form.failWith(error),
      },
    )
  }

  return (
    <form id={form.formId} className="form category-edit" aria-label={`Edit ${node.name}`} noValidate onSubmit={submit}>
      <FormAlert message={form.formError} />
      <CategoryFieldRow
        form={form}
        disabled={update.isPending}
        slugHint="Changing it changes the category’s address, /c/<slug>."
        parentHint="Move it under another category, or to the top level."
        // A category cannot move under itself or its own sub-categories.
        parentOptions={categoryOptions(tree, { none: 'None (top level)', exclude: subtreeSlugs(node) })}
      />
      <div className="form-actions">
        <SubmitButton pending={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save'} <span className="visually-hidden">{node.name}</span>
        </SubmitButton>
        <button type="button" className="button button--secondary" disabled={update.isPending} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

import { useId, useState, type FormEvent } from 'react'
import { Checkbox, Field, FormAlert, SubmitButton } from '@/components/form'
import { isApiError } from '@/lib/api'
import { splitServerError, useForm } from '@/lib/forms'
import { useAdminCreateDiscount } from '../api/adminCreateDiscount'
import { useAdminUpdateDiscount } from '../api/adminUpdateDiscount'
import { formValues, serverFieldMessage, validateDiscount, type DiscountField } from '../discounts'
import type { Discount, DiscountKind } from '../types'

const fields: DiscountField[] = [
  'code',
  'value',
  'currency',
  'min_subtotal',
  'starts_at',
  'ends_at',
  'usage_limit',
  'per_customer_limit',
]

/** Creates a discount code, or edits `discount`. */
export function AdminDiscountForm({
  discount,
  onDone,
  onCancel,
}: {
  discount?: Discount
  onDone: (saved: Discount) => void
  onCancel?: () => void
}) {
  const initial = formValues(discount)
  const form = useForm(initial.values)
  const [kind, setKind] = useState<DiscountKind>(initial.kind)
  const [active, setActive] = useState(initial.active)
  const create = useAdminCreateDiscount()
  const update = useAdminUpdateDiscount()
  const pending = create.isPending || update.isPending
  const kindId = useId()
  const title = discount ? `Edit ${discount.code}` : 'New discount code'
  const currency = form.values.currency.trim().toUpperCase() || 'EUR'

  function fail(error: unknown) {
    if (isApiError(error) && error.status === 409) {
      return form.fail({ code: 'A discount with this code exists already.' })
    }
    const { fieldErrors, formError } = splitServerError(error, fields)
    const messages: Partial<Record<DiscountField, string>> = {}
    for (const [field, message] of Object.entries(fieldErrors) as [DiscountField, string][]) {
      messages[field] = serverFieldMessage(field, message)
    }
    form.fail(messages, formError)
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    const checked = validateDiscount(form.values, kind, active)
    if (!checked.ok) return form.fail(checked.errors)
    form.clearErrors()
    const callbacks = {
      onSuccess: (saved: Discount) => {
        if (!discount) {
          const fresh = formValues()
          form.setValues(fresh.values)
          setKind(fresh.kind)
          setActive(fresh.active)
        }
        onDone(saved)
      },
      onError: fail,
    }
    if (discount) update.mutate({ id: discount.id, ...checked.body }, callbacks)
    else create.mutate(checked.body, callbacks)
  }

  return (
    <form id={form.formId} className="form discount-form" onSubmit={submit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <FormAlert message={form.formError} />
      <div className="field-row">
        <Field
          label="Code"
          hint="3–32 letters, digits, dashes or underscores"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          error={form.errors.code}
          {...form.bind('code')}
        />
        <div className="field field--short">
          <label htmlFor={kindId}>Type</label>
          <select id={kindId} name="kind" value={kind} onChange={(event) => setKind(event.target.value as DiscountKind)}>
            <option value="percent">Percentage off</option>
            <option value="fixed">Fixed amount off</option>
          </select>
        </div>
      </div>
      <div className="field-row">
        <Field
          label="Value"
          hint={kind === 'percent' ? 'Percent off, e.g. 12.5' : `Amount off in ${currency}, e.g. 5.00`}
          inputMode="decimal"
          required
          error={form.errors.value}
          {...form.bind('value')}
        />
        <Field
          label="Currency"
          autoCapitalize="characters"
          className="field--short"
          required
          error={form.errors.currency}
          {...form.bind('currency')}
        />
      </div>
      <Field
        label="Minimum subtotal (optional)"
        hint={`In ${currency}; empty for none`}
        inputMode="decimal"
        error={form.errors.min_subtotal}
        {...form.bind('min_subtotal')}
      />
      <div className="field-row">
        <Field label="Starts (optional)" type="datetime-local" error={form.errors.starts_at} {...form.bind('starts_at')} />
        <Field label="Ends (optional)" type="datetime-local" error={form.errors.ends_at} {...form.bind('ends_at')} />
      </div>
      <div className="field-row">
        <Field
          label="Total uses (optional)"
          hint="Empty for no limit"
          inputMode="numeric"
          error={form.errors.usage_limit}
          {...form.bind('usage_limit')}
        />
        <Field
          label="Uses per customer (optional)"
          hint="Empty for no limit"
          inputMode="numeric"
          error={form.errors.per_customer_limit}
          {...form.bind('per_customer_limit')}
        />
      </div>
      <Checkbox label="Active" name="active" checked={active} onChange={(event) => setActive(event.target.checked)} />
      <div className="form-actions">
        <SubmitButton pending={pending}>{discount ? 'Save code' : 'Create code'}</SubmitButton>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        )}
      </div>
    </form>
  )
}

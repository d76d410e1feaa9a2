import { useState, type FormEvent } from 'react'
import { Checkbox, Field, FormAlert, SubmitButton } from '@/components/form'
import { useForm } from '@/lib/forms'
import { useCreateAddress } from '../api/createAddress'
import { useUpdateAddress } from '../api/updateAddress'
import type { Address } from '../types'
import { emptyAddress, validateAddress, type AddressFormValues } from '../validation'

function formValues(address?: Address): AddressFormValues {
  if (!address) return { ...emptyAddress }
  const { name, line1, line2, city, postal_code, region, country, phone } = address
  return { name, line1, line2, city, postal_code, region, country, phone }
}

/**
 * Adds an address, or edits `address`. The default shipping address is chosen
 * here when adding, and with "Make default" on the list afterwards.
 */
export function AddressForm({
  address,
  onDone,
  onCancel,
}: {
  address?: Address
  onDone: (saved: Address) => void
  onCancel: () => void
}) {
  const form = useForm(formValues(address))
  const [makeDefault, setMakeDefault] = useState(false)
  const create = useCreateAddress()
  const update = useUpdateAddress()
  const pending = create.isPending || update.isPending
  const title = address ? 'Edit address' : 'New address'

  function submit(event: FormEvent) {
    event.preventDefault()
    const checked = validateAddress(form.values)
    if (!checked.ok) return form.fail(checked.errors)
    form.clearErrors()
    const callbacks = { onSuccess: onDone, onError: (error: Error) => form.failWith(error) }
    if (address) update.mutate({ id: address.id, ...checked.values }, callbacks)
    else create.mutate({ ...checked.values, is_default_shipping: makeDefault }, callbacks)
  }

  return (
    <form id={form.formId} className="form address-form" onSubmit={submit} noValidate aria-label={title}>
      <h3>{title}</h3>
      <FormAlert message={form.formError} />
      <Field label="Full name" autoComplete="name" required error={form.errors.name} {...form.bind('name')} />
      <Field
        label="Address line 1"
        hint="Street and house number"
        autoComplete="address-line1"
        required
        error={form.errors.line1}
        {...form.bind('line1')}
      />
      <Field
        label="Address line 2 (optional)"
        autoComplete="address-line2"
        error={form.errors.line2}
        {...form.bind('line2')}
      />
      <div className="field-row">
        <Field
          label="Postal code"
          autoComplete="postal-code"
          required
          className="field--short"
          error={form.errors.postal_code}
          {...form.bind('postal_code')}
        />
        <Field label="City" autoComplete="address-level2" required error={form.errors.city} {...form.bind('city')} />
      </div>
      <Field
        label="Region or state (optional)"
        autoComplete="address-level1"
        error={form.errors.region}
        {...form.bind('region')}
      />
      <Field
        label="Country code"
        hint="Two letters, e.g. DE, FR or US"
        autoComplete="country"
        autoCapitalize="characters"
        required
        className="field--short"
        error={form.errors.country}
        {...form.bind('country')}
      />
      <Field
        label="Phone (optional)"
        type="tel"
        autoComplete="tel"
        error={form.errors.phone}
        {...form.bind('phone')}
      />
      {!address && (
        <Checkbox
          label="Use as my default shipping address"
          name="is_default_shipping"
          checked={makeDefault}
          onChange={(event) => setMakeDefault(event.target.checked)}
        />
      )}
      <div className="form-actions">
        <SubmitButton pending={pending}>{address ? 'Save address' : 'Add address'}</SubmitButton>
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </button>
      </div>
    </form>
  )
}

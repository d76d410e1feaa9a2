import { useId, useState, type FormEvent } from 'react'
import { Field, SubmitButton } from '@/components/form'
import { describeError } from '@/lib/forms'
import { useApplyDiscount } from '../api/applyDiscount'
import { useRemoveDiscount } from '../api/removeDiscount'
import { discountErrorMessage } from '../messages'

/** Applies a discount code (the server's reason shown at the field when refused), or shows and removes the one applied. */
export function DiscountCodeForm({ code }: { code: string | null }) {
  const apply = useApplyDiscount()
  const remove = useRemoveDiscount()
  const [text, setText] = useState('')
  const [error, setError] = useState<string>()
  const formId = useId()

  if (code) {
    return (
      <div className="discount-code discount-code--applied" data-testid="discount-applied">
        <p>
          Code <strong>{code}</strong> applied.
        </p>
        <button
          type="button"
          className="link-button"
          aria-label={`Remove code ${code}`}
          disabled={remove.isPending}
          onClick={() => remove.mutate()}
        >
          Remove code
        </button>
        {remove.error && (
          <p className="field-error" role="alert">
            {describeError(remove.error)}
          </p>
        )}
      </div>
    )
  }

  function focusField() {
    document.getElementById(formId)?.querySelector<HTMLInputElement>('input')?.focus()
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    const value = text.trim()
    if (!value) {
      setError('Enter a code.')
      focusField()
      return
    }
    setError(undefined)
    apply.mutate(
      { code: value },
      {
        onSuccess: () => setText(''),
        onError: (failure) => {
          setError(discountErrorMessage(failure))
          focusField()
        },
      },
    )
  }

  return (
    <form id={formId} className="discount-code" aria-label="Discount code" onSubmit={submit} noValidate>
      <Field
        label="Discount code"
        name="code"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        value={text}
        error={error}
        onChange={(event) => {
          setText(event.target.value)
          setError(undefined)
        }}
      />
      <SubmitButton pending={apply.isPending} className="button button--secondary">
        Apply
      </SubmitButton>
    </form>
  )
}

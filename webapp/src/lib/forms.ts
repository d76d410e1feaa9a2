// Form state shared by every feature's forms: values, field errors from the
// client's checks or the server's 422, one form-level message, and focus on
// the first invalid field after a failed submit.
import { useCallback, useId, useLayoutEffect, useState, type ChangeEvent } from 'react'
import { isApiError } from './http'

export type FieldErrors<K extends string> = Partial<Record<K, string>>

/**
 * The API's field messages are fragments ("is required", "must be at most 100
 * characters"): put the field's label in front. Full sentences stay as they are.
 */
export function fieldMessage(label: string, message: string): string {
  if (!/^[a-z]/.test(message)) return message
  const name = label.replace(/\s*\(.*\)\s*$/, '')
  return sentence(`${name} ${message}`)
}

/** Capital first letter, final full stop. */
export function sentence(message: string): string {
  const text = message.trim()
  if (!text) return text
  const capital = text[0]!.toUpperCase() + text.slice(1)
  return /[.!?]$/.test(capital) ? capital : `${capital}.`
}

/** A readable sentence for any error a request can throw. */
export function describeError(error: unknown): string {
  if (!isApiError(error)) {
    return 'We could not reach the server. Check your connection and try again.'
  }
  switch (error.status) {
    case 401:
      return 'You are signed out. Sign in again to continue.'
    case 403:
      return "You don't have access to do this."
    case 429: {
      const wait = error.retryAfter
      if (wait === undefined) return 'Too many attempts. Please wait a moment and try again.'
      const minutes = Math.ceil(wait / 60)
      return wait < 60
        ? `Too many attempts. Try again in ${wait} second${wait === 1 ? '' : 's'}.`
        : `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
    }
  }
  return sentence(error.detail ?? error.title)
}

/**
 * Splits a failed request into messages for the form's own fields and one
 * form-level message (everything else). `overrides` replaces the form-level
 * message for some statuses (e.g. 401 on sign-in: wrong credentials).
 */
export function splitServerError<K extends string>(
  error: unknown,
  fields: readonly K[],
  overrides: Partial<Record<number, string>> = {},
): { fieldErrors: FieldErrors<K>; formError: string | undefined } {
  const fieldErrors: FieldErrors<K> = {}
  if (!isApiError(error)) return { fieldErrors, formError: describeError(error) }
  const others: string[] = []
  for (const [field, message] of Object.entries(error.fieldErrors)) {
    if ((fields as readonly string[]).includes(field)) fieldErrors[field as K] = message
    else others.push(message)
  }
  const override = overrides[error.status]
  if (override) return { fieldErrors, formError: override }
  // A 422 about this form's fields needs no extra sentence.
  if (Object.keys(fieldErrors).length > 0 && others.length === 0) return { fieldErrors, formError: undefined }
  return { fieldErrors, formError: others.length > 0 ? others.map(sentence).join(' ') : describeError(error) }
}

export function useForm<K extends string>(initial: Record<K, string>) {
  const [values, setValues] = useState(initial)
  const [errors, setErrors] = useState<FieldErrors<K>>({})
  const [formError, setFormError] = useState<string>()
  const [failures, setFailures] = useState(0)
  // The <form>'s id: after a failed submit, focus moves to its first field in
  // error (or its alert), so keyboard and screen-reader users land on the problem.
  // A layout effect, so focus moves in the commit that shows the errors.
  const formId = useId()

  useLayoutEffect(() => {
    if (failures === 0) return
    const form = document.getElementById(formId)
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('[role="alert"]')
    target?.focus()
  }, [failures, formId])

  /** onChange for an input named after its field; editing a field clears its error. */
  const bind = useCallback(
    (field: K) => ({
      name: field,
      value: values[field],
      onChange: (event: ChangeEvent<HTMLInputElement>) => {
        const value = event.target.value
        setValues((prev) => ({ ...prev, [field]: value }))
        setErrors((prev) => {
          if (!prev[field]) return prev
          const next = { ...prev }
          delete next[field]
          return next
        })
      },
    }),
    [values],
  )

  const fail = useCallback((fieldErrors: FieldErrors<K>, message?: string) => {
    setErrors(fieldErrors)
    setFormError(message)
    setFailures((n) => n + 1)
  }, [])

  /** Shows a failed request's errors (see splitServerError). */
  const failWith = useCallback(
    (error: unknown, overrides?: Partial<Record<number, string>>) => {
      const { fieldErrors, formError: message } = splitServerError(error, Object.keys(initial) as K[], overrides)
      fail(fieldErrors, message)
    },
    // `initial` only supplies the field names, which never change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [fail],
  )

  const clearErrors = useCallback(() => {
    setErrors({})
    setFormError(undefined)
  }, [])

  return { formId, values, setValues, errors, formError, bind, fail, failWith, clearErrors }
}

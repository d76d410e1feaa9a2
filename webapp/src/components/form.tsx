// Accessible form building blocks: every input has a label, its hint and error
// are tied to it with aria-describedby, and errors set aria-invalid.
import { useId, type InputHTMLAttributes, type ReactNode } from 'react'
import { fieldMessage } from '@/lib/forms'

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string
  name: string
  error?: string
  hint?: ReactNode
}

export function Field({ label, error, hint, className, ...input }: FieldProps) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className={['field', className].filter(Boolean).join(' ')} data-invalid={error ? 'true' : undefined}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <input id={id} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} {...input} />
      {error && (
        <p id={errorId} className="field-error">
          {fieldMessage(label, error)}
        </p>
      )}
    </div>
  )
}

interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> {
  label: ReactNode
}

export function Checkbox({ label, className, ...input }: CheckboxProps) {
  const id = useId()
  return (
    <div className={['checkbox', className].filter(Boolean).join(' ')}>
      <input id={id} type="checkbox" {...input} />
      <label htmlFor={id}>{label}</label>
    </div>
  )
}

/** The form-level error: announced when it appears, focusable so a failed submit can move focus to it. */
export function FormAlert({ message, children }: { message?: string; children?: ReactNode }) {
  if (!message) return null
  return (
    <div className="form-alert" role="alert" tabIndex={-1}>
      <p>{message}</p>
      {children}
    </div>
  )
}

/** A polite confirmation ("Saved"). */
export function FormStatus({ message }: { message?: string }) {
  return (
    <p className="form-status" role="status">
      {message}
    </p>
  )
}

/** Disabled while the request is pending, so a form is never sent twice. */
export function SubmitButton({
  pending,
  children,
  className = 'button',
  disabled,
}: {
  pending: boolean
  children: ReactNode
  className?: string
  disabled?: boolean
}) {
  return (
    <button type="submit" className={className} disabled={pending || disabled} aria-busy={pending || undefined}>
      {children}
    </button>
  )
}

import { Link } from '@tanstack/react-router'
import { useState, type FormEvent } from 'react'
import { Field, FormAlert, SubmitButton } from '@/components/form'
import { useForm } from '@/lib/forms'
import { useRequestPasswordReset } from '../api/requestPasswordReset'
import { validatePasswordResetRequest } from '../validation'
import { AuthPage } from './AuthPage'

export function ForgotPasswordPage() {
  const form = useForm({ email: '' })
  const reset = useRequestPasswordReset()
  const [sentTo, setSentTo] = useState<string>()

  function submit(event: FormEvent) {
    event.preventDefault()
    const checked = validatePasswordResetRequest(form.values)
    if (!checked.ok) return form.fail(checked.errors)
    form.clearErrors()
    reset.mutate(checked.values, {
      // The server answers 202 whether or not the address has an account.
      onSuccess: () => setSentTo(checked.values.email),
      onError: (error) => form.failWith(error),
    })
  }

  if (sentTo) {
    return (
      <AuthPage title="Check your mail" testId="forgot-password-sent">
        <p role="status">
          If <strong>{sentTo}</strong> belongs to an account, we have sent it a link to choose a new password. The
          link works for one hour.
        </p>
        <p>
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      </AuthPage>
    )
  }

  return (
    <AuthPage title="Forgot your password?" testId="forgot-password">
      <p>Enter the email address of your account and we will send you a link to choose a new password.</p>
      <form id={form.formId} className="form" onSubmit={submit} noValidate aria-label="Reset your password">
        <FormAlert message={form.formError} />
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          error={form.errors.email}
          {...form.bind('email')}
        />
        <div className="form-actions">
          <SubmitButton pending={reset.isPending}>Send reset link</SubmitButton>
          <Link to="/sign-in">Back to sign in</Link>
        </div>
      </form>
    </AuthPage>
  )
}

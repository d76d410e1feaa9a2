import { Link } from '@tanstack/react-router'
import type { FormEvent } from 'react'
import { Field, FormAlert, SubmitButton } from '@/components/form'
import { isApiError } from '@/lib/api'
import { useForm } from '@/lib/forms'
import { useConfirmPasswordReset } from '../api/confirmPasswordReset'
import { PASSWORD_MIN, validatePasswordReset } from '../validation'
import { AuthPage } from './AuthPage'

export const BAD_RESET_LINK = 'This reset link is invalid or has expired.'

export function ResetPasswordPage({ token, onReset }: { token?: string; onReset: () => void }) {
  const form = useForm({ password: '' })
  const confirm = useConfirmPasswordReset()

  if (!token) {
    return (
      <AuthPage title="Choose a new password" testId="reset-password">
        <div className="form-alert" role="alert">
          <p>This page needs the link from your password reset mail.</p>
        </div>
        <p>
          <Link to="/forgot-password">Ask for a new reset link</Link>
        </p>
      </AuthPage>
    )
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    const checked = validatePasswordReset(form.values)
    if (!checked.ok) return form.fail(checked.errors)
    form.clearErrors()
    confirm.mutate(
      { token: token!, password: checked.values.password },
      {
        onSuccess: onReset,
        onError: (error) => {
          // The token is not a field of this form: say it above the form.
          if (isApiError(error) && error.fieldErrors.token) {
            return form.fail({ password: error.fieldErrors.password }, BAD_RESET_LINK)
          }
          form.failWith(error)
        },
      },
    )
  }

  const badLink = form.formError === BAD_RESET_LINK

  return (
    <AuthPage title="Choose a new password" testId="reset-password">
      <form id={form.formId} className="form" onSubmit={submit} noValidate aria-label="Choose a new password">
        <FormAlert message={form.formError}>
          {badLink && (
            <p>
              <Link to="/forgot-password">Ask for a new reset link</Link>
            </p>
          )}
        </FormAlert>
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          hint={`At least ${PASSWORD_MIN} characters, and not your email address.`}
          error={form.errors.password}
          {...form.bind('password')}
        />
        <div className="form-actions">
          <SubmitButton pending={confirm.isPending}>Set new password</SubmitButton>
        </div>
      </form>
    </AuthPage>
  )
}

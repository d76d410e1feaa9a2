import { useState, type FormEvent } from 'react'
import { Field, FormAlert, FormStatus, SubmitButton } from '@/components/form'
import { useForm } from '@/lib/forms'
import { useChangePassword } from '../api/changePassword'
import { PASSWORD_MIN, validateChangePassword } from '../validation'

const blank = { current_password: '', new_password: '' }

export function ChangePasswordForm({ email }: { email: string }) {
  const form = useForm(blank)
  const change = useChangePassword()
  const [changed, setChanged] = useState(false)

  function submit(event: FormEvent) {
    event.preventDefault()
    setChanged(false)
    const checked = validateChangePassword(form.values, email)
    if (!checked.ok) return form.fail(checked.errors)
    form.clearErrors()
    change.mutate(checked.values, {
      onSuccess: () => {
        form.setValues(blank)
        setChanged(true)
      },
      onError: (error) => form.failWith(error),
    })
  }

  return (
    <form id={form.formId} className="form" onSubmit={submit} noValidate aria-label="Change password">
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <FormAlert message={form.formError} />
      <Field
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        error={form.errors.current_password}
        {...form.bind('current_password')}
      />
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${PASSWORD_MIN} characters, and not your email address.`}
        error={form.errors.new_password}
        {...form.bind('new_password')}
      />
      <div className="form-actions">
        <SubmitButton pending={change.isPending}>Change password</SubmitButton>
        <FormStatus message={changed ? 'Your password was changed.' : undefined} />
      </div>
    </form>
  )
}

import { Link } from '@tanstack/react-router'
import type { FormEvent } from 'react'
import { Field, FormAlert, SubmitButton } from '@/components/form'
import { isApiError } from '@/lib/api'
import { useForm } from '@/lib/forms'
import { useRegister } from '../api/register'
import type { User } from '../types'
import { PASSWORD_MIN, validateSignUp } from '../validation'
import { AuthPage } from './AuthPage'

export const EMAIL_TAKEN = 'An account with this email already exists.'

export function SignUpPage({ redirect, onSignedUp }: { redirect?: string; onSignedUp: (user: User) => void }) {
  const form = useForm({ name: '', email: '', password: '' })
  const registration = useRegister()

  function submit(event: FormEvent) {
    event.preventDefault()
    const checked = validateSignUp(form.values)
    if (!checked.ok) return form.fail(checked.errors)
    form.clearErrors()
    registration.mutate(checked.values, {
      onSuccess: ({ user }) => onSignedUp(user),
      onError: (error) => {
        // 409: the address is taken. Say so next to the field, and offer the way in.
        if (isApiError(error) && error.status === 409) {
          return form.fail({ email: error.fieldErrors.email ?? 'is already registered' }, EMAIL_TAKEN)
        }
        form.failWith(error)
      },
    })
  }

  return (
    <AuthPage title="Create an account" testId="sign-up">
      <form id={form.formId} className="form" onSubmit={submit} noValidate aria-label="Create an account">
        <FormAlert message={form.formError}>
          {form.formError === EMAIL_TAKEN && (
            <p>
              <Link to="/sign-in" search={{ redirect }}>
                Sign in
              </Link>{' '}
              or <Link to="/forgot-password">reset your password</Link>.
            </p>
          )}
        </FormAlert>
        <Field label="Name" autoComplete="name" required error={form.errors.name} {...form.bind('name')} />
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          error={form.errors.email}
          {...form.bind('email')}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          hint={`At least ${PASSWORD_MIN} characters, and not your email address.`}
          error={form.errors.password}
          {...form.bind('password')}
        />
        <div className="form-actions">
          <SubmitButton pending={registration.isPending}>Create account</SubmitButton>
        </div>
      </form>
      <p>
        Already have an account?{' '}
        <Link to="/sign-in" search={{ redirect }}>
          Sign in
        </Link>
      </p>
    </AuthPage>
  )
}

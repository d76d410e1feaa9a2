import { Link } from '@tanstack/react-router'
import type { FormEvent } from 'react'
import { Field, FormAlert, SubmitButton } from '@/components/form'
import { useForm } from '@/lib/forms'
import { useLogin } from '../api/login'
import type { User } from '../types'
import { validateSignIn } from '../validation'
import { AuthPage } from './AuthPage'

export const WRONG_CREDENTIALS = 'The email or password is wrong.'

export function SignInForm({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const form = useForm({ email: '', password: '' })
  const login = useLogin()

  function submit(event: FormEvent) {
    event.preventDefault()
    const checked = validateSignIn(form.values)
    if (!checked.ok) return form.fail(checked.errors)
    form.clearErrors()
    login.mutate(checked.values, {
      onSuccess: ({ user }) => onSignedIn(user),
      onError: (error) => form.failWith(error, { 401: WRONG_CREDENTIALS }),
    })
  }

  return (
    <form id={form.formId} className="form" onSubmit={submit} noValidate aria-label="Sign in">
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
      <Field
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        error={form.errors.password}
        {...form.bind('password')}
      />
      <div className="form-actions">
        <SubmitButton pending={login.isPending}>Sign in</SubmitButton>
        <Link to="/forgot-password">Forgot your password?</Link>
      </div>
    </form>
  )
}

export function SignInPage({
  redirect,
  notice,
  onSignedIn,
}: {
  redirect?: string
  notice?: 'password-reset'
  onSignedIn: (user: User) => void
}) {
  return (
    <AuthPage title="Sign in" testId="sign-in">
      {notice === 'password-reset' && (
        <p className="notice" role="status">
          Your password was changed. Sign in with your new password.
        </p>
      )}
      <SignInForm onSignedIn={onSignedIn} />
      <p>
        New to Bazaar?{' '}
        <Link to="/sign-up" search={{ redirect }}>
          Create an account
        </Link>
      </p>
    </AuthPage>
  )
}

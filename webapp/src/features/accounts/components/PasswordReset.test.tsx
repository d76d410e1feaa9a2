import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { csrfEndpoint, fakeApi, json, meEndpoint, noContent, problem, type Reply } from '@/test/fakeApi'
import { renderApp } from '@/test/render'

function api(routes: Record<string, Reply>) {
  return fakeApi({ 'GET /api/me': meEndpoint(() => null), 'GET /api/auth/csrf': csrfEndpoint(), ...routes })
}

describe('forgot password', () => {
  it('always says to check the mail after sending a valid address', async () => {
    const fake = api({ 'POST /api/auth/password-reset': () => json({}, 202) })
    renderApp('/forgot-password')
    const form = await screen.findByRole('form', { name: 'Reset your password' })

    fireEvent.change(within(form).getByLabelText('Email'), { target: { value: 'nobody@example' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Send reset link' }))
    expect(within(form).getByLabelText('Email')).toHaveAccessibleDescription(
      'Enter an email address like name@example.com.',
    )
    expect(fake.calls('POST', '/api/auth/password-reset')).toHaveLength(0)

    fireEvent.change(within(form).getByLabelText('Email'), { target: { value: ' nobody@example.com ' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Send reset link' }))

    expect(await screen.findByRole('heading', { name: 'Check your mail' })).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('nobody@example.com')
    expect(fake.calls('POST', '/api/auth/password-reset')[0]?.body).toEqual({ email: 'nobody@example.com' })
  })
})

describe('reset password', () => {
  function submit(password: string) {
    const form = screen.getByRole('form', { name: 'Choose a new password' })
    fireEvent.change(within(form).getByLabelText('New password'), { target: { value: password } })
    fireEvent.click(within(form).getByRole('button', { name: 'Set new password' }))
    return form
  }

  it('sends the token from the link with the new password, then asks to sign in with a notice', async () => {
    const fake = api({ 'POST /api/auth/password-reset/confirm': () => noContent() })
    const { router } = renderApp('/reset-password?token=tok-123')
    await screen.findByRole('form', { name: 'Choose a new password' })

    submit('short')
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(
      expect.stringContaining('Use at least 10 characters.'),
    )
    expect(fake.calls('POST', '/api/auth/password-reset/confirm')).toHaveLength(0)

    submit('a new long password')
    expect(await screen.findByText('Your password was changed. Sign in with your new password.')).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/sign-in')
    expect(fake.calls('POST', '/api/auth/password-reset/confirm')[0]?.body).toEqual({
      token: 'tok-123',
      password: 'a new long password',
    })
  })

  it('explains an invalid or expired link and offers a new one; password errors go inline', async () => {
    let answer = problem(422, { errors: { token: 'is invalid or expired' } })
    api({ 'POST /api/auth/password-reset/confirm': () => answer })
    renderApp('/reset-password?token=old')
    await screen.findByRole('form', { name: 'Choose a new password' })

    submit('a new long password')
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('This reset link is invalid or has expired.')
    expect(within(alert).getByRole('link', { name: 'Ask for a new reset link' })).toHaveAttribute(
      'href',
      '/forgot-password',
    )

    answer = problem(422, { errors: { password: 'must not be your email address' } })
    submit('ada@example.com')
    await waitFor(() =>
      expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(
        expect.stringContaining('must not be your email address'),
      ),
    )
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('says the link is incomplete without a token', async () => {
    api({})
    renderApp('/reset-password')
    expect(await screen.findByRole('alert')).toHaveTextContent('This page needs the link from your password reset mail.')
    expect(screen.queryByRole('form')).not.toBeInTheDocument()
  })
})

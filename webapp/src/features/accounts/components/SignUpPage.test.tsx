import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { csrfEndpoint, fakeApi, json, makeUser, meEndpoint, problem, type Reply } from '@/test/fakeApi'
import { renderApp } from '@/test/render'
import type { User } from '../types'

function setup(register: Reply) {
  let me: User | null = null
  const fake = fakeApi({
    'GET /api/me': meEndpoint(() => me),
    'GET /api/auth/csrf': csrfEndpoint(),
    'POST /api/auth/register': async (req) => {
      const reply = await register(req)
      if (reply.status === 201) me = ((await reply.clone().json()) as { user: User }).user
      return reply
    },
    'GET /api/me/addresses': () => json({ items: [] }),
  })
  return fake
}

function fill(values: { name: string; email: string; password: string }) {
  const form = screen.getByRole('form', { name: 'Create an account' })
  fireEvent.change(within(form).getByLabelText('Name'), { target: { value: values.name } })
  fireEvent.change(within(form).getByLabelText('Email'), { target: { value: values.email } })
  fireEvent.change(within(form).getByLabelText('Password'), { target: { value: values.password } })
  fireEvent.click(within(form).getByRole('button', { name: 'Create account' }))
  return form
}

describe('sign-up page', () => {
  it('checks the rules before sending, including "not your email"', async () => {
    const fake = setup(() => json({}, 500))
    renderApp('/sign-up')
    await screen.findByRole('form', { name: 'Create an account' })

    fill({ name: ' ', email: 'grace@example.com', password: 'GRACE@example.com' })

    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('Enter your name.')
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      'At least 10 characters, and not your email address. Your password must not be your email address.',
    )
    expect(screen.getByLabelText('Email')).not.toHaveAttribute('aria-invalid')
    expect(fake.calls('POST', '/api/auth/register')).toHaveLength(0)
  })

  it('says when the email is taken and offers to sign in or reset the password', async () => {
    setup(() =>
      problem(409, {
        title: 'Conflict',
        detail: 'an account with this email exists; sign in or reset the password',
        errors: { email: 'is already registered' },
      }),
    )
    renderApp('/sign-up')
    await screen.findByRole('form', { name: 'Create an account' })

    fill({ name: 'Grace', email: 'grace@example.com', password: 'a long password' })

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('An account with this email already exists.')
    expect(within(alert).getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in')
    expect(within(alert).getByRole('link', { name: 'reset your password' })).toHaveAttribute('href', '/forgot-password')
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Email is already registered.')
  })

  it('registers, signs in and goes to the account page with the name in the header', async () => {
    const fake = setup((req) => {
      const body = req.body as { email: string; name: string }
      return json({ user: makeUser({ email: body.email, name: body.name }) }, 201)
    })
    const { router } = renderApp('/sign-up')
    await screen.findByRole('form', { name: 'Create an account' })

    fill({ name: '  Grace Hopper ', email: ' grace@example.com', password: 'a long password' })

    expect(await screen.findByTestId('account')).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/account')
    expect(screen.getByTestId('header-user')).toHaveTextContent('Grace Hopper')
    await waitFor(() => expect(screen.getByTestId('profile-email')).toHaveTextContent('grace@example.com'))
    expect(fake.calls('POST', '/api/auth/register')[0]?.body).toEqual({
      name: 'Grace Hopper',
      email: 'grace@example.com',
      password: 'a long password',
    })
  })
})

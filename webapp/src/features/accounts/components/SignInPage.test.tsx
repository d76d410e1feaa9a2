import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { csrfEndpoint, fakeApi, json, makeUser, meEndpoint, problem, type Reply } from '@/test/fakeApi'
import { renderApp } from '@/test/render'
import type { User } from '../types'

const ada = makeUser({ name: 'Ada Lovelace', email: 'ada@example.com' })

let me: User | null
function api(login: Reply) {
  return fakeApi({
    'GET /api/me': meEndpoint(() => me),
    'GET /api/auth/csrf': csrfEndpoint('tok-1'),
    'POST /api/auth/login': login,
    'GET /api/me/addresses': () => json({ items: [] }),
  })
}

function fillAndSubmit(email: string, password: string) {
  const form = screen.getByRole('form', { name: 'Sign in' })
  fireEvent.change(within(form).getByLabelText('Email'), { target: { value: email } })
  fireEvent.change(within(form).getByLabelText('Password'), { target: { value: password } })
  fireEvent.click(within(form).getByRole('button', { name: 'Sign in' }))
  return form
}

describe('sign-in page', () => {
  beforeEach(() => {
    me = null
  })

  it('checks the fields before sending anything, and focuses the first bad one', async () => {
    const fake = api(() => json({ user: ada }))
    renderApp('/sign-in')
    await screen.findByRole('form', { name: 'Sign in' })

    fillAndSubmit('ada@example', '')

    const email = screen.getByLabelText('Email')
    const password = screen.getByLabelText('Password')
    expect(email).toHaveAttribute('aria-invalid', 'true')
    expect(email).toHaveAccessibleDescription('Enter an email address like name@example.com.')
    expect(password).toHaveAccessibleDescription('Enter your password.')
    await waitFor(() => expect(email).toHaveFocus())
    expect(fake.calls('POST', '/api/auth/login')).toHaveLength(0)

    // Fixing a field clears its error.
    fireEvent.change(email, { target: { value: 'ada@example.com' } })
    expect(email).not.toHaveAttribute('aria-invalid')
    expect(screen.queryByText('Enter an email address like name@example.com.')).not.toBeInTheDocument()
  })

  it("shows the server's field errors next to their fields", async () => {
    api(() => problem(422, { detail: 'the request has invalid fields', errors: { email: 'is not a valid address' } }))
    renderApp('/sign-in')
    await screen.findByRole('form', { name: 'Sign in' })

    fillAndSubmit('ada@example.com', 'correct horse')

    const email = screen.getByLabelText('Email')
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'))
    expect(email).toHaveAccessibleDescription('Email is not a valid address.')
    expect(screen.getByLabelText('Password')).not.toHaveAttribute('aria-invalid')
    // A 422 about this form's own fields needs no form-level alert.
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('says the email or password is wrong on 401, without marking a field', async () => {
    api(() => problem(401, { title: 'Unauthorized', detail: 'invalid credentials' }))
    renderApp('/sign-in')
    await screen.findByRole('form', { name: 'Sign in' })

    fillAndSubmit('ada@example.com', 'wrong password')

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('The email or password is wrong.')
    expect(screen.getByLabelText('Email')).not.toHaveAttribute('aria-invalid')
    expect(screen.getByLabelText('Password')).not.toHaveAttribute('aria-invalid')
    // Still signed out: the header offers sign-in.
    expect(within(screen.getByRole('banner')).getByRole('link', { name: 'Sign in' })).toBeInTheDocument()
  })

  it('tells how long to wait after too many attempts (429 with Retry-After)', async () => {
    api(() => problem(429, { title: 'Too Many Requests' }, { 'Retry-After': '120' }))
    renderApp('/sign-in')
    await screen.findByRole('form', { name: 'Sign in' })

    fillAndSubmit('ada@example.com', 'wrong password')

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Try again in 2 minutes.')
  })

  it('disables the button while signing in, then goes to ?redirect= and shows the user in the header', async () => {
    let answer: (r: Response) => void = () => {}
    const fake = api(
      () =>
        new Promise<Response>((resolve) => {
          answer = resolve
        }),
    )
    const { router } = renderApp('/sign-in?redirect=%2Faccount%2Forders')
    await screen.findByRole('form', { name: 'Sign in' })

    fillAndSubmit('  ada@example.com ', 'correct horse')
    const button = screen.getByRole('button', { name: 'Sign in' })
    await waitFor(() => expect(button).toBeDisabled())

    me = ada
    answer(json({ user: ada }))

    expect(await screen.findByTestId('my-orders')).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/account/orders')
    expect(within(screen.getByRole('banner')).getByTestId('header-user')).toHaveTextContent('Ada Lovelace')

    const [login] = fake.calls('POST', '/api/auth/login')
    expect(login?.body).toEqual({ email: 'ada@example.com', password: 'correct horse' })
    // The token came from the CSRF bootstrap, which ran once.
    expect(login?.headers.get('X-CSRFToken')).toBe('tok-1')
    expect(fake.calls('GET', '/api/auth/csrf')).toHaveLength(1)
    // /api/me was asked again after the session changed.
    await waitFor(() => expect(fake.calls('GET', '/api/me').length).toBeGreaterThanOrEqual(2))
  })

  it('goes to /account when there is no redirect, and ignores a redirect off the site', async () => {
    api(() => {
      me = ada
      return json({ user: ada })
    })
    const { router } = renderApp('/sign-in?redirect=%2F%2Fevil.example%2Fx')
    await screen.findByRole('form', { name: 'Sign in' })

    fillAndSubmit('ada@example.com', 'correct horse')

    expect(await screen.findByTestId('account')).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/account')
  })

  it('shows a notice after a password reset', async () => {
    api(() => json({ user: ada }))
    renderApp('/sign-in?notice=password-reset')
    expect(await screen.findByText('Your password was changed. Sign in with your new password.')).toHaveAttribute(
      'role',
      'status',
    )
  })
})

describe('signed-in pages', () => {
  beforeEach(() => {
    me = null
  })

  it('sends visitors of /account to /sign-in?redirect=/account, and back after signing in', async () => {
    api(() => {
      me = ada
      return json({ user: ada })
    })
    const { router } = renderApp('/account')

    await screen.findByRole('form', { name: 'Sign in' })
    expect(router.state.location.pathname).toBe('/sign-in')
    expect(router.state.location.search).toEqual({ redirect: '/account' })

    fillAndSubmit('ada@example.com', 'correct horse')
    expect(await screen.findByTestId('account')).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/account')
  })

  it('sends a signed-in user away from /sign-in', async () => {
    me = ada
    api(() => json({ user: ada }))
    const { router } = renderApp('/sign-in')
    expect(await screen.findByTestId('account')).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/account')
  })
})

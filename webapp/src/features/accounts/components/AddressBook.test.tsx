import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { csrfEndpoint, fakeApi, json, makeUser, meEndpoint, noContent, problem, type Reply } from '@/test/fakeApi'
import { renderApp } from '@/test/render'
import type { Address } from '../types'

const home: Address = {
  id: 'a-1',
  name: 'Ada Lovelace',
  line1: 'Main Street 1',
  line2: '',
  city: 'Berlin',
  postal_code: '10115',
  region: '',
  country: 'DE',
  phone: '',
  is_default_shipping: true,
}

let addresses: Address[]

/** A small in-memory address book behind the fake API. */
function api(overrides: Record<string, Reply> = {}) {
  return fakeApi({
    'GET /api/me': meEndpoint(() => makeUser()),
    'GET /api/auth/csrf': csrfEndpoint(),
    'GET /api/me/addresses': () => json({ items: addresses }),
    'POST /api/me/addresses': (req) => {
      const body = req.body as Omit<Address, 'id'>
      const created = { ...body, id: `a-${addresses.length + 1}`, is_default_shipping: addresses.length === 0 }
      addresses = [...addresses, created]
      return json(created, 201)
    },
    'PATCH /api/me/addresses/a-1': (req) => {
      const patch = req.body as Partial<Address>
      addresses = addresses.map((a) =>
        a.id === 'a-1' ? { ...a, ...patch } : patch.is_default_shipping ? { ...a, is_default_shipping: false } : a,
      )
      return json(addresses.find((a) => a.id === 'a-1'))
    },
    'DELETE /api/me/addresses/a-1': () => {
      addresses = addresses.filter((a) => a.id !== 'a-1')
      return noContent()
    },
    ...overrides,
  })
}

async function openAccount() {
  renderApp('/account')
  return within(await screen.findByTestId('addresses'))
}

function type(form: HTMLElement, label: string, value: string) {
  fireEvent.change(within(form).getByLabelText(label), { target: { value } })
}

describe('address book', () => {
  beforeEach(() => {
    addresses = []
  })

  it('checks a new address before sending it and shows every problem next to its field', async () => {
    const fake = api()
    const book = await openAccount()
    expect(book.getByText('You have no saved addresses yet.')).toBeInTheDocument()

    fireEvent.click(book.getByRole('button', { name: 'Add an address' }))
    const form = book.getByRole('form', { name: 'New address' })
    type(form, 'Country code', 'Deutschland')
    type(form, 'Phone (optional)', '0'.repeat(31))
    fireEvent.click(within(form).getByRole('button', { name: 'Add address' }))

    const expected: [string, string][] = [
      ['Full name', "Enter the recipient's name."],
      ['Address line 1', 'Enter the street and number.'],
      ['City', 'Enter the city.'],
      ['Postal code', 'Enter the postal code.'],
      ['Country code', 'Use the 2-letter country code, e.g. DE or FR.'],
      ['Phone (optional)', 'Use at most 30 characters.'],
    ]
    for (const [label, message] of expected) {
      const input = within(form).getByLabelText(label)
      expect(input, label).toHaveAttribute('aria-invalid', 'true')
      expect(input, label).toHaveAccessibleDescription(expect.stringContaining(message))
    }
    expect(within(form).getByLabelText('Address line 2 (optional)')).not.toHaveAttribute('aria-invalid')
    await waitFor(() => expect(within(form).getByLabelText('Full name')).toHaveFocus())
    expect(fake.calls('POST', '/api/me/addresses')).toHaveLength(0)
  })

  it('adds an address with trimmed fields and an upper-case country, then lists it', async () => {
    const fake = api()
    const book = await openAccount()
    fireEvent.click(book.getByRole('button', { name: 'Add an address' }))
    const form = book.getByRole('form', { name: 'New address' })

    type(form, 'Full name', '  Ada Lovelace ')
    type(form, 'Address line 1', ' Main Street 1')
    type(form, 'Postal code', '10115 ')
    type(form, 'City', 'Berlin')
    type(form, 'Country code', ' de ')
    fireEvent.click(within(form).getByLabelText('Use as my default shipping address'))
    fireEvent.click(within(form).getByRole('button', { name: 'Add address' }))

    const card = await book.findByRole('article', { name: 'Ada Lovelace' })
    expect(card).toHaveTextContent('Main Street 1')
    expect(card).toHaveTextContent('10115 Berlin')
    expect(card).toHaveTextContent('Default shipping address')
    expect(book.queryByRole('form', { name: 'New address' })).not.toBeInTheDocument()

    const [post] = fake.calls('POST', '/api/me/addresses')
    expect(post?.body).toEqual({
      name: 'Ada Lovelace',
      line1: 'Main Street 1',
      line2: '',
      city: 'Berlin',
      postal_code: '10115',
      region: '',
      country: 'DE',
      phone: '',
      is_default_shipping: true,
    })
    expect(post?.headers.get('X-CSRFToken')).toBe('csrf-test-token')
  })

  it("shows the server's field errors inline and other errors above the form", async () => {
    api({
      'POST /api/me/addresses': () =>
        problem(422, {
          detail: 'the request has invalid fields',
          errors: { postal_code: 'is not a postal code of DE', shipping_zone: 'we do not ship there yet' },
        }),
    })
    const book = await openAccount()
    fireEvent.click(book.getByRole('button', { name: 'Add an address' }))
    const form = book.getByRole('form', { name: 'New address' })
    type(form, 'Full name', 'Ada')
    type(form, 'Address line 1', 'Main Street 1')
    type(form, 'Postal code', '1')
    type(form, 'City', 'Berlin')
    type(form, 'Country code', 'DE')
    fireEvent.click(within(form).getByRole('button', { name: 'Add address' }))

    const postal = within(form).getByLabelText('Postal code')
    await waitFor(() => expect(postal).toHaveAttribute('aria-invalid', 'true'))
    expect(postal).toHaveAccessibleDescription('Postal code is not a postal code of DE.')
    expect(within(form).getByRole('alert')).toHaveTextContent('We do not ship there yet.')
    // The form stays open with what was typed.
    expect(within(form).getByLabelText('City')).toHaveValue('Berlin')
  })

  it('edits an address: the form starts with its values and the list shows the change', async () => {
    addresses = [home]
    const fake = api()
    const book = await openAccount()

    const card = book.getByRole('article', { name: 'Ada Lovelace' })
    fireEvent.click(within(card).getByRole('button', { name: /^Edit/ }))
    const form = book.getByRole('form', { name: 'Edit address' })
    expect(within(form).getByLabelText('City')).toHaveValue('Berlin')
    expect(within(form).getByLabelText('Country code')).toHaveValue('DE')
    expect(within(form).queryByLabelText('Use as my default shipping address')).not.toBeInTheDocument()

    type(form, 'City', '  Hamburg ')
    fireEvent.click(within(form).getByRole('button', { name: 'Save address' }))

    await waitFor(() => expect(book.getByRole('article', { name: 'Ada Lovelace' })).toHaveTextContent('10115 Hamburg'))
    expect(book.queryByRole('form', { name: 'Edit address' })).not.toBeInTheDocument()
    const [patch] = fake.calls('PATCH', '/api/me/addresses/a-1')
    expect(patch?.body).toMatchObject({ city: 'Hamburg', country: 'DE', line1: 'Main Street 1' })
  })

  it('makes an address the default and deletes one after confirming', async () => {
    addresses = [
      { ...home, is_default_shipping: false },
      { ...home, id: 'a-2', name: 'Office', line1: 'Work Road 5', is_default_shipping: true },
    ]
    const fake = api()
    const book = await openAccount()

    const card = book.getByRole('article', { name: 'Ada Lovelace' })
    fireEvent.click(within(card).getByRole('button', { name: /^Make default/ }))
    await waitFor(() =>
      expect(book.getByRole('article', { name: 'Ada Lovelace' })).toHaveTextContent('Default shipping address'),
    )
    expect(book.getByRole('article', { name: 'Office' })).not.toHaveTextContent('Default shipping address')
    expect(fake.calls('PATCH', '/api/me/addresses/a-1')[0]?.body).toEqual({ is_default_shipping: true })

    fireEvent.click(within(book.getByRole('article', { name: 'Ada Lovelace' })).getByRole('button', { name: /^Delete/ }))
    expect(fake.calls('DELETE', '/api/me/addresses/a-1')).toHaveLength(0)
    fireEvent.click(book.getByRole('button', { name: /^Yes, delete/ }))

    await waitFor(() => expect(book.queryByRole('article', { name: 'Ada Lovelace' })).not.toBeInTheDocument())
    expect(book.getByRole('article', { name: 'Office' })).toBeInTheDocument()
    expect(fake.calls('DELETE', '/api/me/addresses/a-1')).toHaveLength(1)
  })
})

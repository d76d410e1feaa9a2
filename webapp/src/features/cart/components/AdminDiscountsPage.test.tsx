import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { catalogEndpoints } from '@/test/catalogFixtures'
import { csrfEndpoint, fakeApi, json, makeUser, meEndpoint, noContent, problem, type Reply } from '@/test/fakeApi'
import { renderApp } from '@/test/render'
import type { Discount, DiscountInput } from '../types'

const eur = (amount: number) =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(amount / 100)

const spring: Discount = {
  id: 'd-1',
  code: 'SPRING',
  kind: 'percent',
  value: 1250,
  currency: 'EUR',
  min_subtotal: 5000,
  starts_at: null,
  ends_at: null,
  usage_limit: null,
  per_customer_limit: null,
  used: 0,
  active: true,
}
const fiveOff: Discount = {
  ...spring,
  id: 'd-2',
  code: 'FIVEOFF',
  kind: 'fixed',
  value: 500,
  min_subtotal: 0,
  usage_limit: 100,
  per_customer_limit: 1,
  used: 3,
}

let discounts: Discount[]

/** The discount admin API over `discounts`, with the server's code rule and duplicate check. */
function api(overrides: Record<string, Reply> = {}) {
  const patch =
    (id: string): Reply =>
    (req) => {
      const current = discounts.find((d) => d.id === id)
      if (!current) return problem(404, { detail: 'no such discount' })
      const next = { ...current, ...(req.body as Partial<DiscountInput>) }
      discounts = discounts.map((d) => (d.id === id ? next : d))
      return json(next)
    }
  return fakeApi({
    'GET /api/me': meEndpoint(() => makeUser({ roles: ['staff'] })),
    'GET /api/auth/csrf': csrfEndpoint(),
    ...catalogEndpoints(),
    'GET /api/admin/discounts': () => json({ items: discounts }),
    'POST /api/admin/discounts': (req) => {
      const body = req.body as DiscountInput
      if (!/^[A-Z0-9][A-Z0-9_-]{2,31}$/.test(body.code)) {
        return problem(422, {
          detail: 'the request has invalid fields',
          errors: { code: 'must be 3-32 letters, digits, dashes or underscores' },
        })
      }
      if (discounts.some((d) => d.code === body.code)) return problem(409, { detail: 'a discount with this code exists' })
      const created: Discount = { ...body, id: `d-${discounts.length + 1}`, used: 0 }
      discounts = [created, ...discounts]
      return json(created, 201)
    },
    'PATCH /api/admin/discounts/d-1': patch('d-1'),
    'PATCH /api/admin/discounts/d-2': patch('d-2'),
    'DELETE /api/admin/discounts/d-1': () => {
      discounts = discounts.filter((d) => d.id !== 'd-1')
      return noContent()
    },
    ...overrides,
  })
}

async function openPage() {
  renderApp('/admin/discounts')
  // The first render of the whole app can be slow on a busy machine.
  return within(await screen.findByTestId('admin-discounts', undefined, { timeout: 5000 }))
}

const card = (code: string) => within(screen.getByRole('article', { name: new RegExp(`^${code}`) }))
const type = (form: HTMLElement, label: string, value: string) =>
  fireEvent.change(within(form).getByLabelText(label), { target: { value } })

describe('admin discount codes', () => {
  beforeEach(() => {
    discounts = [spring, fiveOff]
  })

  it('lists the codes with their value, minimum, window, limits, use and state', async () => {
    api()
    await openPage()
    expect(card('SPRING').getByTestId('discount-value')).toHaveTextContent(/^12\.5 %$/)
    expect(card('SPRING').getByText(eur(5000))).toBeInTheDocument()
    expect(card('SPRING').getByText('Always')).toBeInTheDocument()
    expect(card('SPRING').getByText('No limit')).toBeInTheDocument()
    expect(card('SPRING').getByText('Active')).toBeInTheDocument()

    expect(card('FIVEOFF').getByTestId('discount-value')).toHaveTextContent(eur(500))
    expect(card('FIVEOFF').getByText('100 in total · 1 per customer')).toBeInTheDocument()
    expect(card('FIVEOFF').getByTestId('discount-used')).toHaveTextContent('3 times')
    // A used code can only be deactivated, not deleted.
    expect(card('FIVEOFF').queryByRole('button', { name: 'Delete FIVEOFF' })).not.toBeInTheDocument()
    expect(card('SPRING').getByRole('button', { name: 'Delete SPRING' })).toBeInTheDocument()
  })

  it("creates a code: the server's field error shows at its field, then the fixed code is listed", async () => {
    const fake = api()
    await openPage()
    const form = screen.getByRole('form', { name: 'New discount code' })

    type(form, 'Code', 'summer sale')
    type(form, 'Value', '10')
    fireEvent.click(within(form).getByRole('button', { name: 'Create code' }))

    const code = within(form).getByLabelText('Code')
    await waitFor(() => expect(code).toHaveAttribute('aria-invalid', 'true'))
    expect(code).toHaveAccessibleDescription(expect.stringContaining('Code must be 3-32 letters, digits, dashes or underscores.'))
    await waitFor(() => expect(code).toHaveFocus())
    expect(screen.queryByRole('article', { name: /^SUMMER/ })).not.toBeInTheDocument()

    type(form, 'Code', 'summer10')
    expect(code).not.toHaveAttribute('aria-invalid')
    type(form, 'Total uses (optional)', '500')
    fireEvent.click(within(form).getByRole('button', { name: 'Create code' }))

    await waitFor(() => expect(screen.getByRole('article', { name: /^SUMMER10/ })).toBeInTheDocument())
    expect(card('SUMMER10').getByTestId('discount-value')).toHaveTextContent(/^10 %$/)
    expect(card('SUMMER10').getByText('500 in total')).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('Created SUMMER10.')
    // The form is ready for the next code.
    expect(within(form).getByLabelText('Code')).toHaveValue('')

    const posts = fake.calls('POST', '/api/admin/discounts')
    expect(posts).toHaveLength(2)
    expect(posts[1]?.body).toEqual({
      code: 'SUMMER10',
      kind: 'percent',
      value: 1000,
      currency: 'EUR',
      min_subtotal: 0,
      starts_at: null,
      ends_at: null,
      usage_limit: 500,
      per_customer_limit: null,
      active: true,
    })
  })

  it('checks values before sending and says when a code exists', async () => {
    const fake = api()
    await openPage()
    const form = screen.getByRole('form', { name: 'New discount code' })
    type(form, 'Code', 'SPRING')
    type(form, 'Value', '150')
    fireEvent.click(within(form).getByRole('button', { name: 'Create code' }))
    expect(within(form).getByLabelText('Value')).toHaveAccessibleDescription(
      expect.stringContaining('Enter a percentage from 0.01 to 100'),
    )
    expect(fake.calls('POST', '/api/admin/discounts')).toHaveLength(0)

    fireEvent.change(within(form).getByLabelText('Type'), { target: { value: 'fixed' } })
    type(form, 'Value', '7,50')
    fireEvent.click(within(form).getByRole('button', { name: 'Create code' }))
    await waitFor(() =>
      expect(within(form).getByLabelText('Code')).toHaveAccessibleDescription(
        expect.stringContaining('A discount with this code exists already.'),
      ),
    )
    expect(fake.calls('POST', '/api/admin/discounts')[0]?.body).toMatchObject({ kind: 'fixed', value: 750 })
  })

  it('edits a code inline, clearing a limit with null', async () => {
    const fake = api()
    await openPage()
    fireEvent.click(card('FIVEOFF').getByRole('button', { name: 'Edit FIVEOFF' }))
    const form = screen.getByRole('form', { name: 'Edit FIVEOFF' })
    expect(within(form).getByLabelText('Value')).toHaveValue('5')
    expect(within(form).getByLabelText('Total uses (optional)')).toHaveValue('100')

    type(form, 'Value', '6.00')
    type(form, 'Total uses (optional)', '')
    fireEvent.click(within(form).getByRole('button', { name: 'Save code' }))

    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit FIVEOFF' })).not.toBeInTheDocument())
    expect(card('FIVEOFF').getByTestId('discount-value')).toHaveTextContent(eur(600))
    expect(card('FIVEOFF').getByText('1 per customer')).toBeInTheDocument()
    expect(fake.calls('PATCH', '/api/admin/discounts/d-2')[0]?.body).toMatchObject({ value: 600, usage_limit: null })
  })

  it('deactivates a used code and deletes an unused one after confirming', async () => {
    const fake = api()
    await openPage()
    fireEvent.click(card('FIVEOFF').getByRole('button', { name: 'Deactivate FIVEOFF' }))
    await waitFor(() => expect(card('FIVEOFF').getByText('Inactive')).toBeInTheDocument())
    expect(fake.calls('PATCH', '/api/admin/discounts/d-2')[0]?.body).toEqual({ active: false })
    expect(card('FIVEOFF').getByRole('button', { name: 'Activate FIVEOFF' })).toBeInTheDocument()

    fireEvent.click(card('SPRING').getByRole('button', { name: 'Delete SPRING' }))
    expect(fake.calls('DELETE', '/api/admin/discounts/d-1')).toHaveLength(0)
    fireEvent.click(card('SPRING').getByRole('button', { name: 'Yes, delete SPRING' }))
    await waitFor(() => expect(screen.queryByRole('article', { name: /^SPRING/ })).not.toBeInTheDocument())
    expect(fake.calls('DELETE', '/api/admin/discounts/d-1')).toHaveLength(1)
  })
})

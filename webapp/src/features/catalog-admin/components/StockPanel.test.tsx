import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { csrfEndpoint, fakeApi, makeUser, meEndpoint } from '@/test/fakeApi'
import { renderApp } from '@/test/render'
import { fakeCatalogAdmin, makeAdminProduct, makeAdminVariant } from '../test/fakeCatalogAdmin'

const staff = makeUser({ id: 'u-staff', roles: ['staff'] })

function setup() {
  const admin = fakeCatalogAdmin({
    products: [
      makeAdminProduct({
        id: 'p-1',
        name: 'Kestrel Linen Shirt',
        variants: [
          makeAdminVariant({ id: 'v-m', sku: 'KES-SHIRT-M', on_hand: 15, reserved: 3 }),
          makeAdminVariant({ id: 'v-l', sku: 'KES-SHIRT-L', on_hand: 4, reserved: 0 }),
        ],
      }),
    ],
  })
  admin.state.movements['v-m'] = [
    { id: 'm-2', delta: -5, reason: 'Damaged', reference: '', created_at: '2026-01-20T10:00:00Z' },
    { id: 'm-1', delta: 20, reason: 'initial stock', reference: '', created_at: '2026-01-10T10:00:00Z' },
  ]
  const api = fakeApi(admin.routes({ 'GET /api/me': meEndpoint(() => staff), 'GET /api/auth/csrf': csrfEndpoint() }))
  return { admin, api }
}

/** The history table's rows as "change reason". */
const history = (panel: ReturnType<typeof within>) =>
  within(panel.getByTestId('movements'))
    .getAllByRole('row')
    .slice(1)
    .map((row) => {
      const cells = within(row).getAllByRole('cell')
      return `${cells[1]?.textContent} ${cells[2]?.textContent}`
    })

describe('stock adjustments', () => {
  it('shows the 422 message at the field, then adjusts and updates on hand and the history', async () => {
    const { api, admin } = setup()
    renderApp('/admin/products/p-1')
    const card = within(await screen.findByRole('article', { name: /KES-SHIRT-M/ }))
    expect(card.getByTestId('on-hand')).toHaveTextContent('15')
    expect(card.getByTestId('reserved')).toHaveTextContent('3')
    expect(card.getByTestId('available')).toHaveTextContent('12')

    const toggle = card.getByRole('button', { name: 'Adjust stock of KES-SHIRT-M' })
    expect(toggle).toHaveAttribute('aria-expanded', 'false')
    // Closed: the history is not fetched.
    expect(api.calls('GET', '/api/admin/variants/v-m/movements')).toHaveLength(0)
    fireEvent.click(toggle)
    expect(toggle).toHaveAttribute('aria-expanded', 'true')

    // Latest first.
    await waitFor(() => expect(history(card)).toEqual(['−5 Damaged', '+20 initial stock']))

    const form = within(card.getByRole('form', { name: 'Adjust stock of KES-SHIRT-M' }))
    // 15 on hand, 3 reserved: taking 14 would leave 1.
    fireEvent.change(form.getByLabelText('Change'), { target: { value: '-14' } })
    fireEvent.change(form.getByLabelText('Reason'), { target: { value: 'Stock count' } })
    fireEvent.click(form.getByRole('button', { name: 'Apply adjustment' }))

    const change = form.getByLabelText('Change')
    await waitFor(() => expect(change).toHaveAttribute('aria-invalid', 'true'))
    expect(form.getByText('Change would leave 1 on hand with 3 reserved.')).toBeInTheDocument()
    expect(change).toHaveFocus()
    expect(card.getByTestId('on-hand')).toHaveTextContent('15')
    expect(api.calls('POST', '/api/admin/inventory/adjustments')[0]?.body).toEqual({
      variant_id: 'v-m',
      delta: -14,
      reason: 'Stock count',
    })

    fireEvent.change(change, { target: { value: '+6' } })
    fireEvent.change(form.getByLabelText('Reason'), { target: { value: 'Delivery received' } })
    fireEvent.click(form.getByRole('button', { name: 'Apply adjustment' }))

    expect(await form.findByText('Stock adjusted. On hand: 21.')).toBeInTheDocument()
    expect(card.getByTestId('on-hand')).toHaveTextContent('21')
    expect(card.getByTestId('available')).toHaveTextContent('18')
    await waitFor(() =>
      expect(history(card)).toEqual(['+6 Delivery received', '−5 Damaged', '+20 initial stock']),
    )
    expect(change).toHaveValue('')
    expect(change).not.toHaveAttribute('aria-invalid')
    expect(admin.state.products[0]?.variants?.[0]?.on_hand).toBe(21)
    // The other variant was not touched.
    expect(within(screen.getByRole('article', { name: /KES-SHIRT-L/ })).getByTestId('on-hand')).toHaveTextContent('4')
  })

  it('needs a non-zero whole number and a reason before sending', async () => {
    const { api } = setup()
    renderApp('/admin/products/p-1')
    const card = within(await screen.findByRole('article', { name: /KES-SHIRT-L/ }))
    fireEvent.click(card.getByRole('button', { name: 'Adjust stock of KES-SHIRT-L' }))
    const form = within(card.getByRole('form', { name: 'Adjust stock of KES-SHIRT-L' }))
    fireEvent.change(form.getByLabelText('Change'), { target: { value: '0' } })
    fireEvent.click(form.getByRole('button', { name: 'Apply adjustment' }))

    expect(await form.findByText('Enter a whole number other than 0, such as 10 or -3.')).toBeInTheDocument()
    expect(form.getByText('Reason is required.')).toBeInTheDocument()
    expect(api.calls('POST', '/api/admin/inventory/adjustments')).toHaveLength(0)
  })
})
